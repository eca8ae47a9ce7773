// The typing module, for annotations and the few runtime uses programs make
// of it: `from typing import List, Optional`, `def f(x: Optional[int])`,
// `cast`, `TypeVar`, `class Stack(Generic[T])`, `TYPE_CHECKING`.
//
// List, Dict, Set, FrozenSet, Tuple, Type and Text are the builtin types
// (subscripting them is accepted and ignored, as for list[int]); Optional[X]
// and Union[X, Y] are real unions (X | None), so isinstance works with them.
// The other special forms (Any, Callable, Iterable, Literal, ...) are
// placeholders: subscripting returns them unchanged, they print as
// typing.Name, and isinstance() refuses them with a TypeError. Generic and
// Protocol as bases are dropped (the class derives from the others, or
// object). NamedTuple is a base for class statements (collections.cpp builds
// the namedtuple); TypedDict and get_type_hints are not provided.
#include <string>
#include <string_view>

#include "runtime/types/registry.h"

namespace monty {

namespace {

// A special form keeps its name as the one item of its args tuple (not as a
// builtin value, which protocols would take for a str to operate on).
Value typing_form(VM& vm, std::string_view name) {
  Value f =
      vm.heap.make<InstanceObj>(Value::type(static_cast<uint32_t>(BuiltinTypeId::TypingForm)));
  vm.as<InstanceObj>(f)->args = vm.new_tuple({vm.new_str(name)});
  return f;
}

Value t_cast(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "cast", 2, 2);
  return a[1];
}

// overload, final, runtime_checkable, no_type_check: decorators that return
// what they decorate.
Value t_identity_decorator(VM& vm, CallArgs& a) {
  if (a.size() != 1 || a.has_kwargs()) vm.type_error("expected one positional argument");
  return a[0];
}

// TypeVar('T', bound=..., covariant=...): a placeholder printing as ~T.
Value t_typevar(VM& vm, CallArgs& a) {
  if (a.size() == 0 || !vm.is_str(a[0])) vm.type_error("TypeVar name must be a string");
  return typing_form(vm, "~" + std::string(vm.str_view(a[0])));
}

// NewType('UserId', int): the underlying type (UserId(5) is 5).
Value t_newtype(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "NewType", 2, 2);
  return a[1];
}

const BuiltinFnDef kTypingFunctionTable[] = {
    {"cast", t_cast, "typing"},
    {"overload", t_identity_decorator, "typing"},
    {"final", t_identity_decorator, "typing"},
    {"runtime_checkable", t_identity_decorator, "typing"},
    {"no_type_check", t_identity_decorator, "typing"},
    {"TypeVar", t_typevar, "typing"},
    {"NewType", t_newtype, "typing"},
};

}  // namespace

const std::span<const BuiltinFnDef> kTypingFunctions = kTypingFunctionTable;

void init_typing_module(VM& vm, ModuleObj* module) {
  using T = BuiltinTypeId;
  const std::pair<const char*, T> aliases[] = {
      {"List", T::List},   {"Dict", T::Dict}, {"Set", T::Set},  {"FrozenSet", T::FrozenSet},
      {"Tuple", T::Tuple}, {"Type", T::Type}, {"Text", T::Str},
  };
  for (const auto& [name, type] : aliases)
    module->attrs.set(vm, vm.new_str(name), Value::type(static_cast<uint32_t>(type)));
  static constexpr const char* kForms[] = {
      "Any",           "NamedTuple",     "Optional",       "Union",
      "Callable",      "Iterable",       "Iterator",       "Generator",
      "Sequence",      "Mapping",        "MutableMapping", "MutableSequence",
      "MutableSet",    "AbstractSet",    "Collection",     "Container",
      "Hashable",      "Sized",          "Reversible",     "Literal",
      "Final",         "ClassVar",       "Annotated",      "NoReturn",
      "Never",         "Self",           "TypeAlias",      "TypeGuard",
      "LiteralString", "Awaitable",      "Coroutine",      "AsyncIterator",
      "AsyncIterable", "AsyncGenerator", "SupportsInt",    "SupportsFloat",
      "SupportsIndex", "SupportsAbs",    "SupportsRound",  "SupportsBytes",
      "Generic",       "Protocol",       "ParamSpec",      "Concatenate",
      "DefaultDict",   "OrderedDict",    "Counter",        "Deque",
      "ChainMap",      "Pattern",        "Match",          "IO",
      "TextIO",        "BinaryIO",       "ContextManager", "AnyStr",
  };
  for (const char* name : kForms) module->attrs.set(vm, vm.new_str(name), typing_form(vm, name));
  module->attrs.set(vm, vm.new_str("TYPE_CHECKING"), Value::boolean(false));
}

std::string_view typing_form_name(VM& vm, Value v) {
  if (!v.is_obj() || vm.kind(v) != ObjKind::Instance) return {};
  auto* inst = vm.as<InstanceObj>(v);
  if (!inst->cls.is_type() || inst->cls.id != static_cast<uint32_t>(BuiltinTypeId::TypingForm) ||
      !vm.is_kind(inst->args, ObjKind::Tuple))
    return {};
  const auto& items = vm.as<TupleObj>(inst->args)->items;  // checked: snapshots may hold anything
  if (items.size() != 1 || !vm.is_str(items[0])) return {};
  return vm.str_view(items[0]);
}

Value typing_form_getitem(VM& vm, Value form, Value key) {
  std::string_view name = typing_form_name(vm, form);
  if (name == "Optional") {
    Value u = vm.make_union(key, Value::none());
    if (u.is_undef()) vm.type_error("typing.Optional requires a single type.");
    return u;
  }
  if (name == "Union") {
    if (!vm.is_tuple(key)) return key;  // Union[X] is X
    if (vm.as<TupleObj>(key)->items.empty()) vm.type_error("Cannot take a Union of no types.");
    Value u;
    for (Value member : vm.as<TupleObj>(key)->items) {
      u = u.is_undef() ? member : vm.make_union(u, member);
      if (u.is_undef()) vm.type_error("Union[arg, ...]: each arg must be a type.");
    }
    return u;
  }
  return form;  // Callable[[int], str], Literal['a'], Generic[T]: the form itself
}

}  // namespace monty

// collections.abc: the abstract base classes as names a program can import,
// subscript in annotations (Mapping[str, int] is the class, as list[int]
// is here), derive from, and test with isinstance()/issubclass().
//
// The tests follow CPython's rules: the one-method ABCs (Iterable, Sized,
// Container, Hashable, Iterator, Reversible, Callable, Collection, the
// async ones) accept any class that defines the methods (their
// __subclasshook__), and the others accept the builtin types CPython
// registers with them (dict is a MutableMapping, tuple and str are
// Sequences, set a MutableSet, deque a MutableSequence, the dict views are
// views) and subclasses. Each class made here carries its kind in the
// hidden class attribute " abc"; isinstance() asks collections_abc_check.
//
// Not provided (docs/differences.md): the mixin methods (a class deriving
// from Mapping must define get/keys/items itself) and the abstract-method
// check at instantiation.
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

enum class Abc : uint8_t {
  Hashable,
  Awaitable,
  Coroutine,
  AsyncIterable,
  AsyncIterator,
  AsyncGenerator,
  Iterable,
  Iterator,
  Reversible,
  Generator,
  Sized,
  Container,
  Callable,
  Collection,
  Set,
  MutableSet,
  Mapping,
  MutableMapping,
  MappingView,
  KeysView,
  ItemsView,
  ValuesView,
  Sequence,
  MutableSequence,
  ByteString,
};

struct AbcDef {
  const char* name;
  Abc kind;
  std::initializer_list<const char*> bases;  // earlier entries of this table
};

// In an order where every base comes before the classes deriving from it.
const AbcDef kAbcs[] = {
    {"Hashable", Abc::Hashable, {}},
    {"Awaitable", Abc::Awaitable, {}},
    {"Coroutine", Abc::Coroutine, {"Awaitable"}},
    {"AsyncIterable", Abc::AsyncIterable, {}},
    {"AsyncIterator", Abc::AsyncIterator, {"AsyncIterable"}},
    {"AsyncGenerator", Abc::AsyncGenerator, {"AsyncIterator"}},
    {"Iterable", Abc::Iterable, {}},
    {"Iterator", Abc::Iterator, {"Iterable"}},
    {"Reversible", Abc::Reversible, {"Iterable"}},
    {"Generator", Abc::Generator, {"Iterator"}},
    {"Sized", Abc::Sized, {}},
    {"Container", Abc::Container, {}},
    {"Callable", Abc::Callable, {}},
    {"Collection", Abc::Collection, {"Sized", "Iterable", "Container"}},
    {"Set", Abc::Set, {"Collection"}},
    {"MutableSet", Abc::MutableSet, {"Set"}},
    {"Mapping", Abc::Mapping, {"Collection"}},
    {"MutableMapping", Abc::MutableMapping, {"Mapping"}},
    {"MappingView", Abc::MappingView, {"Sized"}},
    {"KeysView", Abc::KeysView, {"MappingView", "Set"}},
    {"ItemsView", Abc::ItemsView, {"MappingView", "Set"}},
    {"ValuesView", Abc::ValuesView, {"MappingView", "Collection"}},
    {"Sequence", Abc::Sequence, {"Reversible", "Collection"}},
    {"MutableSequence", Abc::MutableSequence, {"Sequence"}},
    {"ByteString", Abc::ByteString, {"Sequence"}},
};

// The ABC kind of a class made here, or false.
bool abc_kind(VM& vm, Value cls, Abc* out) {
  if (!vm.is_kind(cls, ObjKind::Class)) return false;
  Dict::Entry* e = vm.as<ClassObj>(cls)->attrs.find_str(vm, vm.intern(" abc"));
  if (!e || !e->value.is_int() || e->value.i < 0 ||
      e->value.i > static_cast<int64_t>(Abc::ByteString))
    return false;
  *out = static_cast<Abc>(e->value.i);
  return true;
}

// The class has `name` (not as None: __hash__ = None disables hashing),
// itself or from a base, builtin types included (hasattr(cls, name)).
bool defines(VM& vm, Value cls, const char* name) {
  Value v = vm.getattr_opt(cls, vm.intern(name));
  return !v.is_undef() && !v.is_none();
}

// The builtin type a class is or derives from (Object for plain classes).
BuiltinTypeId builtin_base(VM& vm, Value cls) {
  if (cls.is_type()) return static_cast<BuiltinTypeId>(cls.id);
  if (vm.is_kind(cls, ObjKind::Class)) return vm.as<ClassObj>(cls)->builtin_base;
  return BuiltinTypeId::Object;
}

bool is_deque(VM& vm, Value cls) {
  if (!vm.is_kind(cls, ObjKind::Class)) return false;
  for (Value m : vm.modules) {
    auto* module = vm.as<ModuleObj>(m);
    if (vm.str_view(module->name) != "collections") continue;
    Dict::Entry* e = module->attrs.find_str(vm, vm.intern("deque"));
    return e && vm.is_kind(e->value, ObjKind::Class) && vm.is_subclass(cls, e->value);
  }
  return false;
}

// The registrations of CPython's _collections_abc.py for builtin types.
bool registered(VM& vm, Value cls, Abc kind) {
  using B = BuiltinTypeId;
  B b = builtin_base(vm, cls);
  switch (kind) {
    case Abc::Mapping:
    case Abc::MutableMapping:
      return b == B::Dict;
    case Abc::Set:
      return b == B::Set || b == B::FrozenSet || b == B::DictKeys || b == B::DictItems;
    case Abc::MutableSet:
      return b == B::Set;
    case Abc::MappingView:
      return b == B::DictKeys || b == B::DictItems || b == B::DictValues;
    case Abc::KeysView:
      return b == B::DictKeys;
    case Abc::ItemsView:
      return b == B::DictItems;
    case Abc::ValuesView:
      return b == B::DictValues;
    case Abc::Sequence:
      return b == B::Tuple || b == B::Str || b == B::Range || b == B::List || b == B::Bytes ||
             b == B::ByteArray || is_deque(vm, cls);
    case Abc::MutableSequence:
      return b == B::List || b == B::ByteArray || is_deque(vm, cls);
    case Abc::ByteString:
      return b == B::Bytes || b == B::ByteArray;
    case Abc::Generator:
      return b == B::Generator;
    case Abc::Reversible:
      return b == B::List || b == B::Range || b == B::Dict || b == B::DictKeys ||
             b == B::DictValues || b == B::DictItems || registered(vm, cls, Abc::Sequence);
    case Abc::Collection:
      return registered(vm, cls, Abc::Set) || registered(vm, cls, Abc::Mapping) ||
             registered(vm, cls, Abc::Sequence) || registered(vm, cls, Abc::MappingView);
    default:
      return false;
  }
}

// issubclass(cls, the ABC of `kind`) by the hooks and registrations.
bool accepts_class(VM& vm, Value cls, Abc kind) {
  if (registered(vm, cls, kind)) return true;
  // A registered Collection is also its three bases (dict_values is a
  // Container through ValuesView, without a __contains__ of its own).
  if ((kind == Abc::Iterable || kind == Abc::Sized || kind == Abc::Container) &&
      registered(vm, cls, Abc::Collection))
    return true;
  switch (kind) {
    case Abc::Hashable: {
      // The set-like views are unhashable, as sets are.
      BuiltinTypeId b = builtin_base(vm, cls);
      if (b == BuiltinTypeId::DictKeys || b == BuiltinTypeId::DictItems) return false;
      return defines(vm, cls, "__hash__");
    }
    case Abc::Awaitable:
      return defines(vm, cls, "__await__");
    case Abc::Coroutine:
      return defines(vm, cls, "__await__") && defines(vm, cls, "send") &&
             defines(vm, cls, "throw") && defines(vm, cls, "close");
    case Abc::AsyncIterable:
      return defines(vm, cls, "__aiter__");
    case Abc::AsyncIterator:
      return defines(vm, cls, "__aiter__") && defines(vm, cls, "__anext__");
    case Abc::AsyncGenerator:
      return defines(vm, cls, "__aiter__") && defines(vm, cls, "__anext__") &&
             defines(vm, cls, "asend") && defines(vm, cls, "athrow") && defines(vm, cls, "aclose");
    case Abc::Iterable:
      return defines(vm, cls, "__iter__");
    case Abc::Iterator:
      return defines(vm, cls, "__iter__") && defines(vm, cls, "__next__");
    case Abc::Reversible:
      return defines(vm, cls, "__reversed__") && defines(vm, cls, "__iter__");
    case Abc::Generator:
      return defines(vm, cls, "__iter__") && defines(vm, cls, "__next__") &&
             defines(vm, cls, "send") && defines(vm, cls, "throw") && defines(vm, cls, "close");
    case Abc::Sized:
      return defines(vm, cls, "__len__");
    case Abc::Container:
      return defines(vm, cls, "__contains__");
    case Abc::Callable: {
      BuiltinTypeId b = builtin_base(vm, cls);
      return defines(vm, cls, "__call__") || b == BuiltinTypeId::Function ||
             b == BuiltinTypeId::BuiltinFunction || b == BuiltinTypeId::Type ||
             b == BuiltinTypeId::Method;
    }
    case Abc::Collection:
      return defines(vm, cls, "__len__") && defines(vm, cls, "__iter__") &&
             defines(vm, cls, "__contains__");
    default:
      return false;
  }
}

Value class_getitem(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("__class_getitem__() takes exactly one argument");
  return args[0];
}

}  // namespace

bool collections_abc_check(VM& vm, Value obj_or_cls, Value cls, bool is_instance_check,
                           bool* result) {
  Abc kind;
  if (!abc_kind(vm, cls, &kind)) return false;
  if (is_instance_check && kind == Abc::Callable) {
    *result = is_callable(vm, obj_or_cls);
    return true;
  }
  Value type = is_instance_check ? vm.type_of(obj_or_cls) : obj_or_cls;
  *result = vm.is_subclass(type, cls) || accepts_class(vm, type, kind);
  return true;
}

Value make_collections_abc_module(VM& vm) {
  Value mv = vm.heap.make<ModuleObj>();
  auto* m = vm.as<ModuleObj>(mv);
  m->name = vm.new_str("collections.abc");
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  Value getitem = vm.heap.make<WrapperObj>(ObjKind::ClassMethod, hidden_fn(class_getitem));
  for (const AbcDef& def : kAbcs) {
    std::vector<Value> bases;
    for (const char* b : def.bases) bases.push_back(m->attrs.find_str(vm, vm.intern(b))->value);
    if (bases.empty()) bases.push_back(object);
    Value ns = vm.new_dict();
    Dict& d = vm.as<DictObj>(ns)->dict;
    d.set(vm, vm.intern(" abc"), Value::integer(static_cast<int64_t>(def.kind)));
    d.set(vm, vm.intern("__class_getitem__"), getitem);
    d.set(vm, vm.intern("__slots__"), vm.empty_tuple());
    // Mapping and Set define __eq__ in CPython, which makes them (and the
    // classes deriving from them) unhashable.
    if (def.kind == Abc::Mapping || def.kind == Abc::Set)
      d.set(vm, vm.intern("__hash__"), Value::none());
    Value cls = make_module_class(vm, "collections.abc", def.name, bases, ns);
    m->attrs.set(vm, vm.intern(def.name), cls);
  }
  return mv;
}

const BuiltinFnDef kCollectionsAbcFunctionTable[] = {
    {"__class_getitem__", class_getitem, "_collections_abc"},
};
const std::span<const BuiltinFnDef> kCollectionsAbcFunctions = kCollectionsAbcFunctionTable;

}  // namespace monty

// User classes deriving from builtin data types: class L(list), class
// Counter(dict) with __missing__, class Name(str), class E(int), ...
//
// Representation: such a class has ClassObj::builtin_base = the builtin type
// (list, dict, ...), and its instances are ordinary InstanceObjs (own
// __dict__, the user class as type) that carry the underlying builtin value
// in InstanceObj::builtin_value. Everything builtin works on that value:
// - builtin methods: attribute lookup binds them to the value (builtin_attr
//   in protocols.cpp), and unbound calls (list.append(x, 1)) unwrap self
//   (unbound_builtin_self below);
// - protocols (len, [], in, iter, repr, ==, +, hash...): protocols.cpp tries
//   the user class's dunders first, then falls back to the value
//   (subclass_value).
// So results of builtin operations are plain builtin values (MyList + [1] is
// a list, E(1) + 1 an int), as in CPython.
//
// Construction (VM::instantiate calls init_subclass_instance): immutable
// types (str, int, float, tuple, frozenset, bytes) build the value from the
// call's arguments, like their __new__. Mutable ones (list, dict, set) start
// empty, like their __new__, and are filled by their __init__: the builtin
// one when the class defines none, or the user's (which typically calls
// super().__init__(...), the list/dict/set __init__ methods defined here).

#include "runtime/types/registry.h"

namespace monty {

bool is_subclassable_builtin(BuiltinTypeId id) {
  using T = BuiltinTypeId;
  switch (id) {
    case T::Int:
    case T::Float:
    case T::Str:
    case T::Bytes:
    case T::List:
    case T::Tuple:
    case T::Dict:
    case T::Set:
    case T::FrozenSet:
      return true;
    default:
      return false;
  }
}

Value subclass_value(const VM& vm, Value v) {
  if (!vm.is_kind(v, ObjKind::Instance)) return Value();
  return vm.as<InstanceObj>(v)->builtin_value;
}

namespace {

bool is_mutable_base(BuiltinTypeId id) {
  return id == BuiltinTypeId::List || id == BuiltinTypeId::Dict || id == BuiltinTypeId::Set;
}

// The builtin constructor of `base` applied to a call's arguments.
Value construct_base(VM& vm, BuiltinTypeId base, std::span<const Value> pos,
                     std::span<const Value> kw_names, std::span<const Value> kw_values) {
  CallArgs ca;
  ca.self = Value::type(static_cast<uint32_t>(base));
  ca.pos = pos;
  ca.kw_names = kw_names;
  ca.kw_values = kw_values;
  return type_info(base).construct(vm, ca);
}

}  // namespace

void init_subclass_instance(VM& vm, Value instance, BuiltinTypeId base, std::span<const Value> pos,
                            std::span<const Value> kw_names, std::span<const Value> kw_values,
                            bool user_init) {
  Value value;
  if (is_mutable_base(base) && user_init) {
    value = construct_base(vm, base, {}, {}, {});  // filled by __init__
  } else {
    value = construct_base(vm, base, pos, kw_names, kw_values);
  }
  vm.as<InstanceObj>(instance)->builtin_value = value;
}

Value subclass_result(VM& vm, Value cls, Value result) {
  if (!vm.is_kind(cls, ObjKind::Class)) return result;
  return vm.call(cls, std::span<const Value>(&result, 1));
}

Value unbound_builtin_self(VM& vm, Value self, BuiltinTypeId owner, const char* method) {
  // object's methods (__init__, __setattr__, ...) act on the instance itself.
  if (owner == BuiltinTypeId::Object) return self;
  if (!vm.is_instance(self, owner)) {
    vm.type_error(std::string("descriptor '") + method + "' for '" + type_info(owner).name +
                  "' objects doesn't apply to a '" + vm.type_name(self) + "' object");
  }
  Value inner = subclass_value(vm, self);
  return inner.is_undef() ? self : inner;
}

// ---- __init__ of the mutable types (reached through super().__init__) -------------
// Each re-initializes the receiver in place from the builtin constructor's
// result, which also gives the constructor's argument checking and errors.
namespace {

Value list_init(VM& vm, CallArgs& a) {
  Value fresh = construct_base(vm, BuiltinTypeId::List, a.pos, a.kw_names, a.kw_values);
  vm.as<ListObj>(a.self)->items = std::move(vm.as<ListObj>(fresh)->items);
  return Value::none();
}

// (dict.__init__ updates: CPython's does not clear first, list's and set's do.)
Value dict_init(VM& vm, CallArgs& a) {
  Value fresh = construct_base(vm, BuiltinTypeId::Dict, a.pos, a.kw_names, a.kw_values);
  Dict& d = vm.as<DictObj>(a.self)->dict;
  for (const Dict::Entry& e : vm.as<DictObj>(fresh)->dict.entries())
    if (!e.key.is_undef()) d.set(vm, e.key, e.hash, e.value);
  return Value::none();
}

Value set_init(VM& vm, CallArgs& a) {
  Value fresh = construct_base(vm, BuiltinTypeId::Set, a.pos, a.kw_names, a.kw_values);
  Dict& t = vm.as<SetObj>(a.self)->table;
  t.clear();
  for (const Dict::Entry& e : vm.as<SetObj>(fresh)->table.entries())
    if (!e.key.is_undef()) t.set(vm, e.key, e.hash, e.value);
  return Value::none();
}

constexpr MethodDef kListInit[] = {{"__init__", list_init}};
constexpr MethodDef kDictInit[] = {{"__init__", dict_init}};
constexpr MethodDef kSetInit[] = {{"__init__", set_init}};

}  // namespace

std::span<const MethodDef> builtin_init_method(BuiltinTypeId id) {
  switch (id) {
    case BuiltinTypeId::List:
      return kListInit;
    case BuiltinTypeId::Dict:
      return kDictInit;
    case BuiltinTypeId::Set:
      return kSetInit;
    default:
      return {};
  }
}

}  // namespace monty

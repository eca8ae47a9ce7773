// The enum module: Enum, IntEnum, StrEnum, auto, unique.
//
// CPython's enums rest on a metaclass (EnumType) that this interpreter does
// not have. Here Enum is a class made natively whose __init_subclass__ hook
// (run by VM::build_class for every subclass) turns the new class's plain
// attributes into members: instances of the class holding _name_ and
// _value_ (IntEnum/StrEnum members wrap the int/str, so they compute as
// one). What EnumType does for the class itself (iterating, len, `in`,
// Color(1), Color['RED'], the <enum 'Color'> repr, refusing to reassign a
// member) the VM asks of enum_members/enum_lookup below for a class that
// has _member_names_. Not provided: Flag, IntFlag, EnumType/EnumMeta as
// names, _missing_, _generate_next_value_ overrides, functional
// Enum('Color', 'RED GREEN').
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

Value enum_attr(VM& vm, std::string_view name) { return imported_module_attr(vm, "enum", name); }

Value own_attr(VM& vm, Value cls, std::string_view name) {
  Dict::Entry* e = vm.as<ClassObj>(cls)->attrs.find_str(vm, vm.intern(name));
  return e ? e->value : Value();
}

// A member's _name_ / _value_ (checked: a program may have altered them).
Value member_field(VM& vm, Value member, const char* field, const char* method) {
  if (vm.is_kind(member, ObjKind::Instance)) {
    Dict::Entry* e = vm.instance_attrs(vm.as<InstanceObj>(member)).find_str(vm, vm.intern(field));
    if (e) return e->value;
  }
  vm.type_error(std::string(method) + "(): not an enum member");
}

std::string short_name(VM& vm, Value cls) {
  if (vm.is_kind(cls, ObjKind::Class) && vm.is_str(vm.as<ClassObj>(cls)->qualname))
    return std::string(vm.str_view(vm.as<ClassObj>(cls)->qualname));
  return vm.class_name(cls);
}

// IntEnum and StrEnum members print as their value (ReprEnum in 3.11).
bool prints_as_value(VM& vm, Value member) { return !subclass_value(vm, member).is_undef(); }

Value en_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  Value self = args[0];
  Value name = member_field(vm, self, "_name_", "__repr__");
  Value value = member_field(vm, self, "_value_", "__repr__");
  return vm.new_str("<" + short_name(vm, vm.type_of(self)) + "." + vm.to_str(name) + ": " +
                    vm.repr_str(value) + ">");
}

Value en_str(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__str__", 1, 1);
  Value self = args[0];
  if (prints_as_value(vm, self)) return vm.new_str(vm.to_str(subclass_value(vm, self)));
  return vm.new_str(short_name(vm, vm.type_of(self)) + "." +
                    vm.to_str(member_field(vm, self, "_name_", "__str__")));
}

// format(member, spec): of str(member), or of the value for IntEnum/StrEnum.
Value en_format(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__format__", 2, 2);
  Value self = args[0];
  if (!vm.is_str(args[1]))
    vm.type_error("__format__() argument must be str, not " + vm.type_name(args[1]));
  Value shown = prints_as_value(vm, self) ? subclass_value(vm, self) : vm.new_str(vm.to_str(self));
  return vm.new_str(vm.format(shown, vm.str_view(args[1])));
}

// hash(member): of its name, or of the value for IntEnum/StrEnum (whose int
// or str hash comes first in CPython's MRO), so `{1: x}[P.A]` finds it.
Value en_hash(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__hash__", 1, 1);
  if (prints_as_value(vm, args[0])) return Value::integer(vm.hash(subclass_value(vm, args[0])));
  return Value::integer(vm.hash(member_field(vm, args[0], "_name_", "__hash__")));
}

Value en_name(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "name", 1, 1);
  return member_field(vm, args[0], "_name_", "name");
}

Value en_value(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "value", 1, 1);
  return member_field(vm, args[0], "_value_", "value");
}

// Color(value): the member with that value (EnumType.__call__).
Value en_new(VM& vm, CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("EnumType.__call__() takes 2 positional arguments but " +
                  std::to_string(args.size()) + " were given");
  Value cls = args[0], value = args[1];
  if (vm.is_kind(value, ObjKind::Instance) && vm.isinstance(value, cls)) return value;
  Value members = enum_members(vm, cls);
  if (!members.is_undef()) {
    for (Value m : vm.as<ListObj>(members)->items)
      if (vm.eq(member_field(vm, m, "_value_", "__call__"), value)) return m;
  }
  vm.value_error(vm.repr_str(value) + " is not a valid " + short_name(vm, cls));
}

// Color['RED'] (EnumType.__getitem__): by name, aliases included.
Value en_class_getitem(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__getitem__", 2, 2);
  Value map = vm.class_lookup(args[0], vm.intern("_member_map_"));
  if (!vm.is_kind(map, ObjKind::Dict)) vm.key_error(args[1]);
  return vm.getitem(map, args[1]);
}

// The next value of auto(): the last value + 1 (the first int one, from the
// end), or 1; for StrEnum, the name in lower case.
Value auto_value(VM& vm, Value cls, const std::string& name, const std::vector<Value>& values) {
  if (vm.is_subclass(cls, BuiltinTypeId::Str)) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return vm.new_str(lower);
  }
  for (size_t i = values.size(); i-- > 0;) {
    if (values[i].is_int() || vm.is_kind(values[i], ObjKind::BigInt))
      return vm.binary_op(BinOp::Add, values[i], Value::integer(1));
  }
  return Value::integer(1);
}

bool is_member_candidate(VM& vm, std::string_view key, Value v) {
  if (key.size() >= 2 && key.front() == '_' && key.back() == '_') return false;  // dunder, sunder
  if (key.find("__") != std::string_view::npos && key.front() == '_') return false;  // mangled
  if (!v.is_obj()) return !v.is_builtin_fn();
  switch (vm.kind(v)) {
    case ObjKind::Function:
    case ObjKind::StaticMethod:
    case ObjKind::ClassMethod:
    case ObjKind::Property:
    case ObjKind::Class:
      return false;
    case ObjKind::Instance:
      return vm.lookup_special(v, "__get__").is_undef();
    default:
      return true;
  }
}

// Enum.__init_subclass__: makes the members of a new enum class.
Value en_init_subclass(VM& vm, CallArgs& args) {
  if (args.size() != 1 || !vm.is_kind(args[0], ObjKind::Class)) return Value::none();
  Value cls = args[0];
  auto* c = vm.as<ClassObj>(cls);
  for (Value base : c->mro) {
    if (base.same(cls) || !vm.is_kind(base, ObjKind::Class)) continue;
    Value names = own_attr(vm, base, "_member_names_");
    if (vm.is_kind(names, ObjKind::List) && !vm.as<ListObj>(names)->items.empty())
      vm.type_error(vm.repr_str(cls) + " cannot extend " + vm.repr_str(base));
  }
  Value init = own_attr(vm, cls, "__init__");
  const bool wraps = c->builtin_base == BuiltinTypeId::Int || c->builtin_base == BuiltinTypeId::Str;
  std::vector<Dict::Entry> entries;
  for (const Dict::Entry& e : c->attrs.entries())
    if (!e.key.is_undef() && vm.is_str(e.key)) entries.push_back(e);
  Value names = vm.new_list(), map = vm.new_dict(), by_value = vm.new_dict();
  std::vector<Value> members, values;
  for (const Dict::Entry& e : entries) {
    const std::string key(vm.str_view(e.key));
    if (!is_member_candidate(vm, key, e.value)) continue;
    Value value = e.value;
    // (IntEnum and StrEnum are made before the module is registered; they
    // have no members, so this lookup only happens for user classes.)
    if (vm.is_kind(value, ObjKind::Instance) && vm.isinstance(value, enum_attr(vm, "auto")))
      value = auto_value(vm, cls, key, values);
    Value member;
    for (size_t i = 0; i < members.size() && member.is_undef(); i++)
      if (vm.eq(values[i], value)) member = members[i];  // an alias
    if (member.is_undef()) {
      member = vm.heap.make<InstanceObj>(cls);
      auto* inst = vm.as<InstanceObj>(member);
      if (wraps) {
        Value base = Value::type(static_cast<uint32_t>(c->builtin_base));
        inst->builtin_value = vm.call(base, std::span<const Value>(&value, 1));
        value = inst->builtin_value;
      }
      Dict& attrs = vm.instance_attrs(inst);
      attrs.set(vm, vm.intern("_value_"), value);
      attrs.set(vm, vm.intern("_name_"), e.key);
      if (!init.is_undef()) {
        // Planet(Enum) with MERCURY = (mass, radius): __init__(self, mass, radius).
        std::vector<Value> init_args{member};
        if (vm.is_kind(value, ObjKind::Tuple)) {
          const auto& items = vm.as<TupleObj>(value)->items;
          init_args.insert(init_args.end(), items.begin(), items.end());
        } else {
          init_args.push_back(value);
        }
        vm.call(init, init_args);
      }
      members.push_back(member);
      values.push_back(value);
      vm.as<ListObj>(names)->items.push_back(e.key);
      try {
        vm.setitem(by_value, value, member);
      } catch (const PyError& err) {
        if (!vm.is_instance(err.exc, BuiltinTypeId::TypeError)) throw;  // unhashable value
      }
    }
    vm.setitem(map, e.key, member);
    vm.setattr(cls, e.key, member);
  }
  vm.setattr(cls, vm.intern("_member_names_"), names);
  vm.setattr(cls, vm.intern("_member_map_"), map);
  vm.setattr(cls, vm.intern("_value2member_map_"), by_value);
  vm.setattr(cls, vm.intern("__members__"), map);
  return Value::none();
}

// unique(cls): ValueError naming the aliases.
Value en_unique(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "unique", 1, 1);
  Value cls = args[0];
  Value map = vm.is_kind(cls, ObjKind::Class) ? own_attr(vm, cls, "_member_map_") : Value();
  if (!vm.is_kind(map, ObjKind::Dict)) return cls;
  std::string aliases;
  for (const Dict::Entry& e : vm.as<DictObj>(map)->dict.entries()) {
    if (e.key.is_undef()) continue;
    Value name = member_field(vm, e.value, "_name_", "unique");
    if (vm.eq(name, e.key)) continue;
    aliases += (aliases.empty() ? "" : ", ") + vm.to_str(e.key) + " -> " + vm.to_str(name);
  }
  if (!aliases.empty())
    vm.value_error("duplicate values found in " + vm.repr_str(cls) + ": " + aliases);
  return cls;
}

const BuiltinFnDef kEnumFunctionTable[] = {
    {"unique", en_unique, "enum"},
    // Not importable: the methods of Enum.
    {"__repr__", en_repr, "_enum", nullptr, true},
    {"__str__", en_str, "_enum", nullptr, true},
    {"__format__", en_format, "_enum", nullptr, true},
    {"__hash__", en_hash, "_enum", nullptr, true},
    {"name", en_name, "_enum"},
    {"value", en_value, "_enum"},
    {"__new__", en_new, "_enum"},
    {"__class_getitem__", en_class_getitem, "_enum"},
    {"__init_subclass__", en_init_subclass, "_enum"},
};

}  // namespace

const std::span<const BuiltinFnDef> kEnumFunctions = kEnumFunctionTable;

Value enum_members(VM& vm, Value cls) {
  if (!vm.is_kind(cls, ObjKind::Class)) return Value();
  Value names = vm.class_lookup(cls, vm.intern("_member_names_"));
  Value map = vm.class_lookup(cls, vm.intern("_member_map_"));
  if (!vm.is_kind(names, ObjKind::List) || !vm.is_kind(map, ObjKind::Dict)) return Value();
  std::vector<Value> out;
  for (Value n : vm.as<ListObj>(names)->items) {
    Dict::Entry* e = vm.as<DictObj>(map)->dict.find(vm, n);
    if (e) out.push_back(e->value);
  }
  return vm.new_list(std::move(out));
}

bool is_enum_member_name(VM& vm, Value cls, Value name) {
  Value map = vm.class_lookup(cls, vm.intern("_member_map_"));
  return vm.is_kind(map, ObjKind::Dict) && vm.as<DictObj>(map)->dict.find(vm, name);
}

void init_enum_module(VM& vm, ModuleObj* module) {
  auto set = [&](const char* name, Value v) { module->attrs.set(vm, vm.intern(name), v); };
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  for (NativeFn fn : {en_repr, en_str, en_format, en_hash}) {
    Value f = hidden_fn(fn);
    d.set(vm, vm.intern(builtin_functions()[f.id].name), f);
  }
  d.set(vm, vm.intern("name"), vm.heap.make<WrapperObj>(ObjKind::Property, hidden_fn(en_name)));
  d.set(vm, vm.intern("value"), vm.heap.make<WrapperObj>(ObjKind::Property, hidden_fn(en_value)));
  d.set(vm, vm.intern("__new__"),
        vm.heap.make<WrapperObj>(ObjKind::StaticMethod, hidden_fn(en_new)));
  d.set(vm, vm.intern("__class_getitem__"),
        vm.heap.make<WrapperObj>(ObjKind::ClassMethod, hidden_fn(en_class_getitem)));
  d.set(vm, vm.intern("__init_subclass__"),
        vm.heap.make<WrapperObj>(ObjKind::ClassMethod, hidden_fn(en_init_subclass)));
  d.set(vm, vm.intern("_member_names_"), vm.new_list());
  d.set(vm, vm.intern("_member_map_"), vm.new_dict());
  Value enum_cls = make_module_class(vm, "enum", "Enum", {object}, ns);
  set("Enum", enum_cls);
  for (auto [name, base] :
       {std::pair{"IntEnum", BuiltinTypeId::Int}, std::pair{"StrEnum", BuiltinTypeId::Str}}) {
    Value sub = vm.new_dict();
    set(name, make_module_class(vm, "enum", name,
                                {Value::type(static_cast<uint32_t>(base)), enum_cls}, sub));
  }
  set("auto", make_module_class(vm, "enum", "auto", {object}, vm.new_dict()));
}

}  // namespace monty

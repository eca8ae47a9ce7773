// functools.total_ordering and functools.cached_property, after CPython
// 3.11's Lib/functools.py. Their functions are a table of their own,
// appended after every other (builtin function numbers are snapshot state:
// the older tables keep theirs).
//
// total_ordering adds the comparisons a class lacks, derived from the one
// it has (preferring __lt__, then __le__, __gt__, __ge__) exactly as
// CPython's _gt_from_lt and its eleven siblings compute them; they run the
// class's methods as callbacks. cached_property is a non-data descriptor
// that stores the first result in the instance __dict__ under the name
// __set_name__ gave it.
#include <string>

#include "runtime/types/registry.h"

namespace monty {

namespace {

Value not_implemented() {
  return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
}

bool is_not_implemented(Value v) {
  return v.is_type() && v.id == static_cast<uint32_t>(BuiltinTypeId::NotImplementedType);
}

// How a derived comparison combines the root's result r with self == other:
//   Not:          not r
//   NotAndNe:     not r and self != other
//   OrEq:         r or self == other
//   NotOrEq:      not r or self == other
//   AndNe:        r and self != other
enum class Combine { Not, NotAndNe, OrEq, NotOrEq, AndNe };

Value derived_compare(VM& vm, CallArgs& args, const char* root, Combine how) {
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("expected 2 arguments, got " + std::to_string(args.size()));
  Value self = args[0], other = args[1];
  Value method = vm.getattr(vm.type_of(self), vm.intern(root));
  Value pair[] = {self, other};
  Value r = vm.call(method, pair);
  if (is_not_implemented(r)) return r;
  switch (how) {
    case Combine::Not:
      return Value::boolean(!vm.truthy(r));
    case Combine::NotAndNe:
      if (vm.truthy(r)) return Value::boolean(false);
      return vm.compare(CmpArg::NotEq, self, other);
    case Combine::OrEq:
      if (vm.truthy(r)) return r;
      return vm.compare(CmpArg::Eq, self, other);
    case Combine::NotOrEq:
      if (!vm.truthy(r)) return Value::boolean(true);
      return vm.compare(CmpArg::Eq, self, other);
    case Combine::AndNe:
      if (!vm.truthy(r)) return r;
      return vm.compare(CmpArg::NotEq, self, other);
  }
  return not_implemented();
}

#define DERIVED(name, root, how) \
  Value name(VM& vm, CallArgs& args) { return derived_compare(vm, args, root, Combine::how); }
DERIVED(gt_from_lt, "__lt__", NotAndNe)
DERIVED(le_from_lt, "__lt__", OrEq)
DERIVED(ge_from_lt, "__lt__", Not)
DERIVED(ge_from_le, "__le__", NotOrEq)
DERIVED(lt_from_le, "__le__", AndNe)
DERIVED(gt_from_le, "__le__", Not)
DERIVED(lt_from_gt, "__gt__", NotAndNe)
DERIVED(ge_from_gt, "__gt__", OrEq)
DERIVED(le_from_gt, "__gt__", Not)
DERIVED(le_from_ge, "__ge__", NotOrEq)
DERIVED(gt_from_ge, "__ge__", AndNe)
DERIVED(lt_from_ge, "__ge__", Not)
#undef DERIVED

struct Derivation {
  const char* root;
  const char* names[3];
  NativeFn fns[3];
};

// In CPython's order of preference (max() of the root names).
const Derivation kDerivations[] = {
    {"__lt__", {"__gt__", "__le__", "__ge__"}, {gt_from_lt, le_from_lt, ge_from_lt}},
    {"__le__", {"__ge__", "__lt__", "__gt__"}, {ge_from_le, lt_from_le, gt_from_le}},
    {"__gt__", {"__lt__", "__ge__", "__le__"}, {lt_from_gt, ge_from_gt, le_from_gt}},
    {"__ge__", {"__le__", "__gt__", "__lt__"}, {le_from_ge, gt_from_ge, lt_from_ge}},
};

Value ft_total_ordering(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args_like_python(vm, args, "total_ordering", {"cls"}, 1, a);
  Value cls = a[0];
  // The comparisons the class (or a base other than object) defines.
  auto defines = [&](const char* name) {
    return vm.is_kind(cls, ObjKind::Class) && !vm.class_lookup(cls, vm.intern(name)).is_undef();
  };
  const Derivation* root = nullptr;
  for (const Derivation& d : kDerivations) {
    if (defines(d.root)) {
      root = &d;
      break;
    }
  }
  if (!root) vm.value_error("must define at least one ordering operation: < > <= >=");
  for (int i = 0; i < 3; i++) {
    if (defines(root->names[i])) continue;
    vm.setattr(cls, vm.intern(root->names[i]), hidden_fn(root->fns[i]));
  }
  return cls;
}

// ---- cached_property --------------------------------------------------------------

Value cp_init(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "cached_property.__init__", {"self", "func"}, 2, a);
  if (!vm.is_kind(a[0], ObjKind::Instance))
    vm.type_error("cached_property.__init__() needs an instance");
  Dict& attrs = vm.instance_attrs(vm.as<InstanceObj>(a[0]));
  attrs.set(vm, vm.intern("func"), a[1]);
  attrs.set(vm, vm.intern("attrname"), Value::none());
  Value doc = vm.getattr_opt(a[1], vm.intern("__doc__"));
  attrs.set(vm, vm.intern("__doc__"), doc.is_undef() ? Value::none() : doc);
  return Value::none();
}

Value cp_set_name(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "cached_property.__set_name__", {"self", "owner", "name"}, 3, a);
  Value current = hidden_attr(vm, a[0], "attrname");
  if (current.is_undef() || current.is_none()) {
    vm.setattr(a[0], vm.intern("attrname"), a[2]);
  } else if (!vm.eq(current, a[2])) {
    vm.type_error("Cannot assign the same cached_property to two different names (" +
                  vm.repr_str(current) + " and " + vm.repr_str(a[2]) + ").");
  }
  return Value::none();
}

Value cp_get(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "cached_property.__get__", {"self", "instance", "owner"}, 2, a);
  Value self = a[0], instance = a[1];
  if (instance.is_none()) return self;
  Value name = hidden_attr(vm, self, "attrname");
  if (!vm.is_str(name))
    vm.type_error("Cannot use cached_property instance without calling __set_name__ on it.");
  if (!vm.is_kind(instance, ObjKind::Instance) || !vm.has_dict(instance))
    vm.type_error("No '__dict__' attribute on " + vm.repr_str(vm.new_str(vm.type_name(instance))) +
                  " instance to cache " + vm.repr_str(name) + " property.");
  Dict& attrs = vm.instance_attrs(vm.as<InstanceObj>(instance));
  if (Dict::Entry* e = attrs.find_str(vm, name)) return e->value;
  Value func = hidden_attr(vm, self, "func");
  Value value = vm.call(func, {&instance, 1});
  vm.instance_attrs(vm.as<InstanceObj>(instance)).set(vm, name, value);
  return value;
}

const BuiltinFnDef kFunctoolsExtraTable[] = {
    {"total_ordering", ft_total_ordering, "functools"},
    {"__gt__", gt_from_lt, "_functools_ordering", nullptr, true},
    {"__le__", le_from_lt, "_functools_ordering", nullptr, true},
    {"__ge__", ge_from_lt, "_functools_ordering", nullptr, true},
    {"__ge__", ge_from_le, "_functools_ordering", nullptr, true},
    {"__lt__", lt_from_le, "_functools_ordering", nullptr, true},
    {"__gt__", gt_from_le, "_functools_ordering", nullptr, true},
    {"__lt__", lt_from_gt, "_functools_ordering", nullptr, true},
    {"__ge__", ge_from_gt, "_functools_ordering", nullptr, true},
    {"__le__", le_from_gt, "_functools_ordering", nullptr, true},
    {"__le__", le_from_ge, "_functools_ordering", nullptr, true},
    {"__gt__", gt_from_ge, "_functools_ordering", nullptr, true},
    {"__lt__", lt_from_ge, "_functools_ordering", nullptr, true},
    {"__init__", cp_init, "_functools_cached_property", nullptr, true},
    {"__set_name__", cp_set_name, "_functools_cached_property", nullptr, true},
    {"__get__", cp_get, "_functools_cached_property", nullptr, true},
};

}  // namespace

const std::span<const BuiltinFnDef> kFunctoolsExtraFunctions = kFunctoolsExtraTable;

void init_functools_extra(VM& vm, ModuleObj* module) {
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  for (NativeFn fn : {cp_init, cp_set_name, cp_get}) {
    Value f = hidden_fn(fn);
    d.set(vm, vm.intern(builtin_functions()[f.id].name), f);
  }
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  module->attrs.set(vm, vm.intern("cached_property"),
                    make_module_class(vm, "functools", "cached_property", {object}, ns));
}

}  // namespace monty

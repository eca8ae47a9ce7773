// The dataclasses module: dataclass, field, fields, asdict, astuple,
// replace, is_dataclass, MISSING, KW_ONLY, FrozenInstanceError.
//
// CPython generates each dataclass's methods as Python source and exec()s
// it; here the methods are shared natives (hidden builtin functions that
// bind like functions, see BuiltinFnDef::binds) that read the class's
// __dataclass_fields__ when called. A class decorated once holds the same
// __dataclass_fields__, __init__, __repr__, __eq__... as CPython's, so
// instances behave, print and compare as in CPython 3.11. Not provided:
// InitVar, make_dataclass, slots=True, weakref_slot; __post_init__ and
// default factories run as builtin callbacks (a host call inside one
// raises instead of pausing).
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/types/registry.h"
#include "support/attributes.h"

namespace monty {

namespace {

Value module_attr(VM& vm, std::string_view name) {
  return imported_module_attr(vm, "dataclasses", name);
}

bool is_missing(VM& vm, Value v) { return v.same(module_attr(vm, "MISSING")); }

// ---- Field objects ------------------------------------------------------------------
// Instances of dataclasses.Field with CPython's attribute names.

constexpr const char* kFieldAttrs[] = {"name", "type", "default", "default_factory", "init",
                                       "repr", "hash", "compare", "metadata",        "kw_only"};

Value field_get(VM& vm, Value f, const char* name) {
  if (!vm.is_kind(f, ObjKind::Instance)) vm.type_error("not a dataclasses.Field");
  Dict::Entry* e = vm.instance_attrs(vm.as<InstanceObj>(f)).find_str(vm, vm.intern(name));
  if (!e) vm.type_error(std::string("dataclasses.Field without '") + name + "'");
  return e->value;
}

void field_set(VM& vm, Value f, const char* name, Value v) {
  vm.instance_attrs(vm.as<InstanceObj>(f)).set(vm, vm.intern(name), v);
}

bool is_field(VM& vm, Value v) {
  return vm.is_kind(v, ObjKind::Instance) && vm.isinstance(v, module_attr(vm, "Field"));
}

Value new_field(VM& vm, const Value* values) {
  Value f = vm.heap.make<InstanceObj>(module_attr(vm, "Field"));
  for (size_t i = 0; i < std::size(kFieldAttrs); i++) field_set(vm, f, kFieldAttrs[i], values[i]);
  return f;
}

// field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
//       hash=None, compare=True, metadata=None, kw_only=MISSING)
Value dc_field(VM& vm, CallArgs& args) {
  if (args.size() > 0)
    vm.type_error("field() takes 0 positional arguments but " + std::to_string(args.size()) +
                  (args.size() == 1 ? " was given" : " were given"));
  static constexpr RuntimeParam kParams[] = {
      {"default", true, true},  {"default_factory", true, true},
      {"init", true, true},     {"repr", true, true},
      {"hash", true, true},     {"compare", true, true},
      {"metadata", true, true}, {"kw_only", true, true}};
  Value a[8];
  bind_like_python(vm, args, 0, "field", kParams, 0, a);
  Value missing = module_attr(vm, "MISSING");
  Value values[10] = {Value::none(),
                      Value::none(),
                      a[0].is_undef() ? missing : a[0],
                      a[1].is_undef() ? missing : a[1],
                      a[2].is_undef() ? Value::boolean(true) : a[2],
                      a[3].is_undef() ? Value::boolean(true) : a[3],
                      a[4].is_undef() ? Value::none() : a[4],
                      a[5].is_undef() ? Value::boolean(true) : a[5],
                      a[6].is_undef() ? vm.new_dict() : a[6],
                      a[7].is_undef() ? missing : a[7]};
  if (!values[2].same(missing) && !values[3].same(missing))
    vm.value_error("cannot specify both default and default_factory");
  return new_field(vm, values);
}

Value dc_field_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  std::string out = "Field(";
  for (size_t i = 0; i < std::size(kFieldAttrs); i++) {
    out += std::string(i ? "," : "") + kFieldAttrs[i] + "=" +
           vm.repr_str(field_get(vm, args[0], kFieldAttrs[i]));
  }
  return vm.new_str(out + ",_field_type=_FIELD)");
}

// ---- the class's fields ---------------------------------------------------------------

// __dataclass_fields__ of a dataclass or of an instance's class; Undef for
// anything else.
Value fields_dict(VM& vm, Value obj_or_cls) {
  Value cls = vm.is_kind(obj_or_cls, ObjKind::Class) ? obj_or_cls : vm.type_of(obj_or_cls);
  Value d = vm.class_lookup(cls, vm.intern("__dataclass_fields__"));
  return vm.is_kind(d, ObjKind::Dict) ? d : Value();
}

std::vector<Value> field_list(VM& vm, Value fields) {
  std::vector<Value> out;
  for (const Dict::Entry& e : vm.as<DictObj>(fields)->dict.entries())
    if (!e.key.is_undef()) out.push_back(e.value);
  return out;
}

std::vector<Value> instance_fields(VM& vm, Value self, const char* method) {
  Value fields = fields_dict(vm, self);
  if (fields.is_undef() || vm.is_kind(self, ObjKind::Class))
    vm.type_error(std::string(method) + "(): not a dataclass instance");
  return field_list(vm, fields);
}

std::string field_name(VM& vm, Value f) {
  Value n = field_get(vm, f, "name");
  if (!vm.is_str(n)) vm.type_error("dataclasses.Field with a non-str name");
  return std::string(vm.str_view(n));
}

// The values of the fields whose `flag` is true (compare, repr...).
std::vector<Value> field_values(VM& vm, Value self, const std::vector<Value>& fields,
                                const char* flag) {
  std::vector<Value> out;
  for (Value f : fields) {
    if (flag && !vm.truthy(field_get(vm, f, flag))) continue;
    out.push_back(vm.getattr(self, vm.new_str(field_name(vm, f))));
  }
  return out;
}

std::string class_qualname(VM& vm, Value obj) {
  Value cls = vm.type_of(obj);
  if (vm.is_kind(cls, ObjKind::Class) && vm.is_str(vm.as<ClassObj>(cls)->qualname))
    return std::string(vm.str_view(vm.as<ClassObj>(cls)->qualname));
  return vm.type_name(obj);
}

// ---- the generated methods -------------------------------------------------------------

[[noreturn]] MONTY_NOINLINE void frozen_error(VM& vm, std::string message) {
  Value msg = vm.new_str(std::move(message));
  vm.raise(vm.call(module_attr(vm, "FrozenInstanceError"), std::span<const Value>(&msg, 1)));
}

Value dc_frozen_setattr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__setattr__", 3, 3);
  frozen_error(vm, "cannot assign to field " + vm.repr_str(args[1]));
}

Value dc_frozen_delattr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__delattr__", 2, 2);
  frozen_error(vm, "cannot delete field " + vm.repr_str(args[1]));
}

Value dc_init(VM& vm, CallArgs& args) {
  if (args.size() == 0) vm.type_error("__init__(): not enough arguments");
  Value self = args[0];
  std::vector<Value> fields = instance_fields(vm, self, "__init__");
  std::vector<Value> init_fields;
  for (Value f : fields)
    if (vm.truthy(field_get(vm, f, "init"))) init_fields.push_back(f);
  // Positional-or-keyword fields first, then the keyword-only ones.
  std::vector<Value> ordered;
  for (bool kw_only : {false, true}) {
    for (Value f : init_fields)
      if (vm.truthy(field_get(vm, f, "kw_only")) == kw_only) ordered.push_back(f);
  }
  std::vector<std::string> names;
  for (Value f : ordered) names.push_back(field_name(vm, f));
  std::vector<RuntimeParam> params;
  const Value missing = module_attr(vm, "MISSING");
  for (size_t i = 0; i < ordered.size(); i++) {
    bool has_default = !field_get(vm, ordered[i], "default").same(missing) ||
                       !field_get(vm, ordered[i], "default_factory").same(missing);
    params.push_back({names[i], has_default, vm.truthy(field_get(vm, ordered[i], "kw_only"))});
  }
  std::vector<Value> values(ordered.size());
  if (!args.has_kwargs() && args.size() - 1 == params.size() &&
      std::none_of(params.begin(), params.end(), [](const RuntimeParam& p) { return p.kw_only; })) {
    // Every field given positionally: nothing to report, no name to build.
    std::copy(args.pos.begin() + 1, args.pos.end(), values.begin());
  } else {
    bind_like_python(vm, args, 1, class_qualname(vm, self) + ".__init__", params, 1, values.data());
  }
  static const Value frozen_setattr = hidden_fn(dc_frozen_setattr);  // (a constant index)
  const bool frozen =
      vm.class_lookup(vm.type_of(self), vm.intern("__setattr__")).same(frozen_setattr);
  auto assign = [&](const std::string& name, Value v) {
    if (frozen && vm.is_kind(self, ObjKind::Instance)) {
      vm.instance_attrs(vm.as<InstanceObj>(self)).set(vm, vm.new_str(name), v);
    } else {
      vm.setattr(self, vm.new_str(name), v);
    }
  };
  // In field order, as CPython's generated body assigns.
  for (Value f : fields) {
    const std::string name = field_name(vm, f);
    Value factory = field_get(vm, f, "default_factory");
    size_t i = 0;
    while (i < ordered.size() && !ordered[i].same(f)) i++;
    if (i < ordered.size()) {
      Value v = values[i];
      if (v.is_undef()) {
        Value d = field_get(vm, f, "default");
        v = d.same(missing) ? vm.call(factory) : d;
      }
      assign(name, v);
    } else if (!factory.same(missing)) {
      assign(name, vm.call(factory));  // init=False with a factory
    }
  }
  Value post_init = vm.lookup_special(self, "__post_init__");
  if (!post_init.is_undef()) vm.call(post_init);
  return Value::none();
}

Value dc_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  std::vector<Value> fields = instance_fields(vm, args[0], "__repr__");
  ReprGuard guard(vm, args[0]);
  if (!guard.active) return vm.new_str("...");
  std::string out = class_qualname(vm, args[0]) + "(";
  bool first = true;
  for (Value f : fields) {
    if (!vm.truthy(field_get(vm, f, "repr"))) continue;
    const std::string name = field_name(vm, f);
    out += (first ? "" : ", ") + name + "=" + vm.repr_str(vm.getattr(args[0], vm.new_str(name)));
    first = false;
  }
  return vm.new_str(vm.charge_text(out + ")"));
}

// __eq__ and the order methods: tuples of the compare fields, for two
// instances of the very same class (NotImplemented otherwise).
MONTY_NOINLINE Value dc_compare_impl(VM& vm, CallArgs& args, CmpArg op) {
  check_arg_count(vm, args, "__eq__", 2, 2);
  if (!vm.type_of(args[0]).same(vm.type_of(args[1])))
    return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
  std::vector<Value> fields = instance_fields(vm, args[0], "__eq__");
  std::vector<Value> a = field_values(vm, args[0], fields, "compare");
  std::vector<Value> b = field_values(vm, args[1], fields, "compare");
  return sequence_compare(vm, op, a, b);
}

template <CmpArg Op>
Value dc_compare(VM& vm, CallArgs& args) {
  return dc_compare_impl(vm, args, Op);
}

Value dc_hash(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__hash__", 1, 1);
  std::vector<Value> fields = instance_fields(vm, args[0], "__hash__");
  std::vector<Value> hashed;
  for (Value f : fields) {
    Value h = field_get(vm, f, "hash");
    if (h.is_none() ? vm.truthy(field_get(vm, f, "compare")) : vm.truthy(h))
      hashed.push_back(vm.getattr(args[0], vm.new_str(field_name(vm, f))));
  }
  return Value::integer(vm.hash(vm.new_tuple(std::move(hashed))));
}

// ---- @dataclass --------------------------------------------------------------------------

struct Params {
  bool init = true, repr = true, eq = true, order = false, unsafe_hash = false, frozen = false,
       match_args = true, kw_only = false;
};

bool is_class_var(VM& vm, Value annotation) {
  std::string text =
      vm.is_str(annotation) ? std::string(vm.str_view(annotation)) : vm.repr_str(annotation);
  return text.rfind("typing.ClassVar", 0) == 0 || text.rfind("ClassVar", 0) == 0;
}

bool is_mutable_default(VM& vm, Value v) {
  if (vm.is_kind(v, ObjKind::List) || vm.is_kind(v, ObjKind::Dict) || vm.is_kind(v, ObjKind::Set) ||
      vm.is_kind(v, ObjKind::ByteArray))
    return true;
  if (!vm.is_kind(v, ObjKind::Instance)) return false;
  Value h = vm.class_lookup(vm.type_of(v), vm.intern("__hash__"));
  return h.is_none() || (h.is_undef() && !subclass_value(vm, v).is_undef() &&
                         is_mutable_default(vm, subclass_value(vm, v)));
}

Value own_attr(VM& vm, Value cls, std::string_view name) {
  Dict::Entry* e = vm.as<ClassObj>(cls)->attrs.find_str(vm, vm.intern(name));
  return e ? e->value : Value();
}

// Sets a method unless the class defines that name itself.
void set_new_attribute(VM& vm, Value cls, const char* name, Value value) {
  if (own_attr(vm, cls, name).is_undef()) vm.setattr(cls, vm.intern(name), value);
}

void must_not_define(VM& vm, Value cls, const char* name, const char* hint) {
  if (!own_attr(vm, cls, name).is_undef())
    vm.type_error(std::string("Cannot overwrite attribute ") + name + " in class " +
                  std::string(vm.str_view(vm.as<ClassObj>(cls)->name)) + hint);
}

Value process_class(VM& vm, Value cls, const Params& p) {
  if (!vm.is_kind(cls, ObjKind::Class)) vm.type_error("dataclass() should be called on a class");
  if (p.order && !p.eq) vm.value_error("eq must be true if order is true");
  Value missing = module_attr(vm, "MISSING");
  Value kw_only_marker = module_attr(vm, "KW_ONLY");
  Value fields = vm.new_dict();
  Dict& fd = vm.as<DictObj>(fields)->dict;
  // The fields of dataclass bases, most basic first.
  const auto& mro = vm.as<ClassObj>(cls)->mro;
  bool any_frozen_base = false, any_thawed_base = false;
  for (size_t i = mro.size(); i-- > 1;) {
    if (!vm.is_kind(mro[i], ObjKind::Class)) continue;
    Value base_fields = own_attr(vm, mro[i], "__dataclass_fields__");
    if (!vm.is_kind(base_fields, ObjKind::Dict)) continue;
    for (const Dict::Entry& e : vm.as<DictObj>(base_fields)->dict.entries())
      if (!e.key.is_undef()) fd.set(vm, e.key, e.hash, e.value);
    const bool frozen = own_attr(vm, mro[i], "__setattr__").same(hidden_fn(dc_frozen_setattr));
    (frozen ? any_frozen_base : any_thawed_base) = true;
  }
  if (any_frozen_base && !p.frozen)
    vm.type_error("cannot inherit non-frozen dataclass from a frozen one");
  if (any_thawed_base && p.frozen)
    vm.type_error("cannot inherit frozen dataclass from a non-frozen one");
  // This class's annotations, in order.
  Value annotations = own_attr(vm, cls, "__annotations__");
  bool kw_only_after_marker = false;
  if (vm.is_kind(annotations, ObjKind::Dict)) {
    std::vector<Dict::Entry> entries;
    for (const Dict::Entry& e : vm.as<DictObj>(annotations)->dict.entries())
      if (!e.key.is_undef()) entries.push_back(e);
    for (const Dict::Entry& e : entries) {
      if (!vm.is_str(e.key)) continue;
      if (e.value.same(kw_only_marker)) {
        if (kw_only_after_marker)
          vm.type_error("'" + std::string(vm.str_view(e.key)) +
                        "' is KW_ONLY, but KW_ONLY has already been specified");
        kw_only_after_marker = true;
        continue;
      }
      if (is_class_var(vm, e.value)) continue;
      Value assigned = own_attr(vm, cls, vm.str_view(e.key));
      Value f;
      if (!assigned.is_undef() && is_field(vm, assigned)) {
        f = assigned;
      } else {
        Value values[10] = {
            Value::none(), Value::none(),        assigned.is_undef() ? missing : assigned,
            missing,       Value::boolean(true), Value::boolean(true),
            Value::none(), Value::boolean(true), vm.new_dict(),
            missing};
        f = new_field(vm, values);
      }
      field_set(vm, f, "name", e.key);
      field_set(vm, f, "type", e.value);
      if (is_missing(vm, field_get(vm, f, "kw_only")))
        field_set(vm, f, "kw_only", Value::boolean(p.kw_only || kw_only_after_marker));
      Value def = field_get(vm, f, "default");
      if (is_field(vm, assigned)) {
        // The class attribute becomes the default, or goes.
        if (is_missing(vm, def)) {
          vm.delattr(cls, e.key);
        } else {
          vm.setattr(cls, e.key, def);
        }
      }
      if (!is_missing(vm, def) && is_mutable_default(vm, def))
        vm.value_error("mutable default " + vm.repr_str(vm.type_of(def)) + " for field " +
                       std::string(vm.str_view(e.key)) + " is not allowed: use default_factory");
      fd.set(vm, e.key, f);
    }
  }
  // A Field assigned without an annotation.
  for (const Dict::Entry& e : vm.as<ClassObj>(cls)->attrs.entries()) {
    if (e.key.is_undef() || !is_field(vm, e.value)) continue;
    if (!fd.find(vm, e.key))
      vm.type_error(vm.repr_str(e.key) + " is a field but has no type annotation");
  }
  vm.setattr(cls, vm.intern("__dataclass_fields__"), fields);
  Value params = vm.new_dict();
  Dict& pd = vm.as<DictObj>(params)->dict;
  const std::pair<const char*, bool> flags[] = {{"init", p.init},
                                                {"repr", p.repr},
                                                {"eq", p.eq},
                                                {"order", p.order},
                                                {"unsafe_hash", p.unsafe_hash},
                                                {"frozen", p.frozen},
                                                {"match_args", p.match_args},
                                                {"kw_only", p.kw_only}};
  for (const auto& [name, on] : flags) pd.set(vm, vm.intern(name), Value::boolean(on));
  vm.setattr(cls, vm.intern("__dataclass_params__"), params);

  std::vector<Value> all = field_list(vm, fields);
  if (p.init) {
    // A required positional field may not follow one with a default.
    bool seen_default = false;
    for (Value f : all) {
      if (!vm.truthy(field_get(vm, f, "init")) || vm.truthy(field_get(vm, f, "kw_only"))) continue;
      bool has_default = !is_missing(vm, field_get(vm, f, "default")) ||
                         !is_missing(vm, field_get(vm, f, "default_factory"));
      if (!has_default && seen_default)
        vm.type_error("non-default argument " + vm.repr_str(field_get(vm, f, "name")) +
                      " follows default argument");
      seen_default = seen_default || has_default;
    }
    set_new_attribute(vm, cls, "__init__", hidden_fn(dc_init));
  }
  if (p.repr) set_new_attribute(vm, cls, "__repr__", hidden_fn(dc_repr));
  if (p.eq) set_new_attribute(vm, cls, "__eq__", hidden_fn(dc_compare<CmpArg::Eq>));
  if (p.order) {
    const std::pair<const char*, NativeFn> order[] = {{"__lt__", dc_compare<CmpArg::Lt>},
                                                      {"__le__", dc_compare<CmpArg::LtE>},
                                                      {"__gt__", dc_compare<CmpArg::Gt>},
                                                      {"__ge__", dc_compare<CmpArg::GtE>}};
    for (const auto& [name, fn] : order) {
      must_not_define(vm, cls, name, ". Consider using functools.total_ordering");
      vm.setattr(cls, vm.intern(name), hidden_fn(fn));
    }
  }
  if (p.frozen) {
    for (const char* name : {"__setattr__", "__delattr__"}) must_not_define(vm, cls, name, "");
    vm.setattr(cls, vm.intern("__setattr__"), hidden_fn(dc_frozen_setattr));
    vm.setattr(cls, vm.intern("__delattr__"), hidden_fn(dc_frozen_delattr));
  }
  // __hash__, by CPython's table (unsafe_hash, eq, frozen, explicit hash).
  const bool explicit_hash =
      !own_attr(vm, cls, "__hash__").is_undef() &&
      !(own_attr(vm, cls, "__hash__").is_none() && !own_attr(vm, cls, "__eq__").is_undef());
  if (p.unsafe_hash) {
    must_not_define(vm, cls, "__hash__", "");
    vm.setattr(cls, vm.intern("__hash__"), hidden_fn(dc_hash));
  } else if (p.eq && p.frozen) {
    if (!explicit_hash) vm.setattr(cls, vm.intern("__hash__"), hidden_fn(dc_hash));
  } else if (p.eq) {
    if (!explicit_hash) vm.setattr(cls, vm.intern("__hash__"), Value::none());
  }
  if (p.match_args) {
    std::vector<Value> names;
    for (Value f : all)
      if (vm.truthy(field_get(vm, f, "init")) && !vm.truthy(field_get(vm, f, "kw_only")))
        names.push_back(field_get(vm, f, "name"));
    set_new_attribute(vm, cls, "__match_args__", vm.new_tuple(std::move(names)));
  }
  return cls;
}

constexpr RuntimeParam kDataclassParams[] = {
    {"init", true, true},        {"repr", true, true},        {"eq", true, true},
    {"order", true, true},       {"unsafe_hash", true, true}, {"frozen", true, true},
    {"match_args", true, true},  {"kw_only", true, true},     {"slots", true, true},
    {"weakref_slot", true, true}};

Params read_params(VM& vm, const Value* a) {
  Params p;
  bool* flags[] = {&p.init,        &p.repr,   &p.eq,         &p.order,
                   &p.unsafe_hash, &p.frozen, &p.match_args, &p.kw_only};
  for (size_t i = 0; i < std::size(flags); i++)
    if (!a[i].is_undef()) *flags[i] = vm.truthy(a[i]);
  for (size_t i = 8; i < 10; i++)
    if (!a[i].is_undef() && vm.truthy(a[i]))
      vm.raise(
          BuiltinTypeId::NotImplementedError,
          std::string("dataclass(") + kDataclassParams[i].name.data() + "=True) is not supported");
  return p;
}

Value params_tuple(VM& vm, const Value* a) {
  std::vector<Value> items(a, a + std::size(kDataclassParams));
  for (Value& v : items)
    if (v.is_undef()) v = Value::none();
  return vm.new_tuple(std::move(items));
}

// The decorator @dataclass(...) returns: bound to the options' tuple.
Value dc_decorate(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "wrap", 2, 2);
  if (!vm.is_kind(args[0], ObjKind::Tuple)) vm.type_error("wrap(): bad options");
  std::vector<Value> a = vm.as<TupleObj>(args[0])->items;
  a.resize(std::size(kDataclassParams));
  for (Value& v : a)
    if (v.is_none()) v = Value();
  return process_class(vm, args[1], read_params(vm, a.data()));
}

// dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
//           unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
//           slots=False, weakref_slot=False)
Value dc_dataclass(VM& vm, CallArgs& args) {
  if (args.size() > 1)
    vm.type_error("dataclass() takes from 0 to 1 positional arguments but " +
                  std::to_string(args.size()) + " were given");
  Value a[std::size(kDataclassParams)];
  CallArgs kw = args;
  kw.pos = {};
  bind_like_python(vm, kw, 0, "dataclass", kDataclassParams, 0, a);
  Params p = read_params(vm, a);
  if (args.size() == 1 && !args[0].is_none()) return process_class(vm, args[0], p);
  return vm.heap.make<BoundMethodObj>(hidden_fn(dc_decorate), params_tuple(vm, a));
}

// ---- fields, asdict, astuple, replace, is_dataclass -------------------------------------

Value dc_fields(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "fields", 1, 1);
  Value fields = fields_dict(vm, args[0]);
  if (fields.is_undef()) vm.type_error("must be called with a dataclass type or instance");
  return vm.new_tuple(field_list(vm, fields));
}

Value dc_is_dataclass(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "is_dataclass", 1, 1);
  return Value::boolean(!fields_dict(vm, args[0]).is_undef());
}

// asdict/astuple's recursion (CPython's _asdict_inner): dataclass instances,
// namedtuples, lists, tuples and dicts are rebuilt, other values shared.
Value as_inner(VM& vm, Value v, bool as_dict) {
  VM::DepthGuard guard(vm, as_dict ? " in asdict()" : " in astuple()");
  if (!fields_dict(vm, v).is_undef() && !vm.is_kind(v, ObjKind::Class)) {
    std::vector<Value> fields = instance_fields(vm, v, "asdict");
    if (as_dict) {
      Value out = vm.new_dict();
      for (Value f : fields) {
        Value name = field_get(vm, f, "name");
        vm.setitem(out, name, as_inner(vm, vm.getattr(v, name), true));
      }
      return out;
    }
    std::vector<Value> items;
    for (Value f : fields)
      items.push_back(as_inner(vm, vm.getattr(v, field_get(vm, f, "name")), false));
    return vm.new_tuple(std::move(items));
  }
  Value inner = vm.is_kind(v, ObjKind::Instance) ? subclass_value(vm, v) : v;
  if (inner.is_undef()) return v;
  if (vm.is_kind(inner, ObjKind::List) || vm.is_kind(inner, ObjKind::Tuple)) {
    std::vector<Value> items = vm.is_kind(inner, ObjKind::List) ? vm.as<ListObj>(inner)->items
                                                                : vm.as<TupleObj>(inner)->items;
    for (Value& item : items) item = as_inner(vm, item, as_dict);
    if (vm.is_kind(inner, ObjKind::Tuple) &&
        !vm.class_lookup(vm.type_of(v), vm.intern("_fields")).is_undef()) {
      return vm.call(vm.type_of(v), items);  // a namedtuple: its fields positionally
    }
    Value list = vm.new_list(std::move(items));
    return vm.call(vm.type_of(v), std::span<const Value>(&list, 1));
  }
  if (vm.is_kind(inner, ObjKind::Dict)) {
    std::vector<Dict::Entry> entries;
    for (const Dict::Entry& e : vm.as<DictObj>(inner)->dict.entries())
      if (!e.key.is_undef()) entries.push_back(e);
    Value out = vm.call(vm.type_of(v));
    for (const Dict::Entry& e : entries)
      vm.setitem(out, as_inner(vm, e.key, as_dict), as_inner(vm, e.value, as_dict));
    return out;
  }
  return v;
}

// asdict(obj, *, dict_factory=dict) / astuple(obj, *, tuple_factory=tuple):
// only the default factory.
Value as_dict_or_tuple(VM& vm, CallArgs& args, bool as_dict) {
  const char* fname = as_dict ? "asdict" : "astuple";
  Value a[2];
  bind_args_like_python(vm, args, fname, {"obj", as_dict ? "dict_factory" : "tuple_factory"}, 1, a);
  if (fields_dict(vm, a[0]).is_undef() || vm.is_kind(a[0], ObjKind::Class))
    vm.type_error(std::string(fname) + "() should be called on dataclass instances");
  const BuiltinTypeId factory = as_dict ? BuiltinTypeId::Dict : BuiltinTypeId::Tuple;
  if (!a[1].is_undef() && !a[1].same(Value::type(static_cast<uint32_t>(factory))))
    vm.raise(BuiltinTypeId::NotImplementedError,
             std::string(fname) + (as_dict ? "(dict_factory" : "(tuple_factory") +
                 "=...) is not supported");
  return as_inner(vm, a[0], as_dict);
}

Value dc_asdict(VM& vm, CallArgs& args) { return as_dict_or_tuple(vm, args, true); }

Value dc_astuple(VM& vm, CallArgs& args) { return as_dict_or_tuple(vm, args, false); }

Value dc_replace(VM& vm, CallArgs& args) {
  if (args.size() != 1)
    vm.type_error("replace() takes 1 positional argument but " + std::to_string(args.size()) +
                  " were given");
  Value obj = args[0];
  if (fields_dict(vm, obj).is_undef() || vm.is_kind(obj, ObjKind::Class))
    vm.type_error("replace() should be called on dataclass instances");
  std::vector<Value> names(args.kw_names.begin(), args.kw_names.end());
  std::vector<Value> values(args.kw_values.begin(), args.kw_values.end());
  for (Value f : instance_fields(vm, obj, "replace")) {
    Value name = field_get(vm, f, "name");
    bool given = false;
    for (Value n : args.kw_names) given = given || vm.eq(n, name);
    if (!vm.truthy(field_get(vm, f, "init"))) {
      if (given)
        vm.value_error("field " + field_name(vm, f) +
                       " is declared with init=False, it cannot be specified with replace()");
      continue;
    }
    if (!given) {
      names.push_back(name);
      values.push_back(vm.getattr(obj, name));
    }
  }
  return vm.call(vm.type_of(obj), {}, names, values);
}

const BuiltinFnDef kDataclassesFunctionTable[] = {
    {"dataclass", dc_dataclass, "dataclasses"},
    {"field", dc_field, "dataclasses"},
    {"fields", dc_fields, "dataclasses"},
    {"asdict", dc_asdict, "dataclasses"},
    {"astuple", dc_astuple, "dataclasses"},
    {"replace", dc_replace, "dataclasses"},
    {"is_dataclass", dc_is_dataclass, "dataclasses"},
    // Not importable: what @dataclass(...) binds, and the generated methods.
    {"wrap", dc_decorate, "_dataclasses"},
    {"__init__", dc_init, "_dataclasses", nullptr, true},
    {"__repr__", dc_repr, "_dataclasses", nullptr, true},
    {"__eq__", dc_compare<CmpArg::Eq>, "_dataclasses", nullptr, true},
    {"__lt__", dc_compare<CmpArg::Lt>, "_dataclasses", nullptr, true},
    {"__le__", dc_compare<CmpArg::LtE>, "_dataclasses", nullptr, true},
    {"__gt__", dc_compare<CmpArg::Gt>, "_dataclasses", nullptr, true},
    {"__ge__", dc_compare<CmpArg::GtE>, "_dataclasses", nullptr, true},
    {"__hash__", dc_hash, "_dataclasses", nullptr, true},
    {"__setattr__", dc_frozen_setattr, "_dataclasses", nullptr, true},
    {"__delattr__", dc_frozen_delattr, "_dataclasses", nullptr, true},
    {"__repr__", dc_field_repr, "_dataclasses_field", nullptr, true},
};

Value dataclasses_class(VM& vm, const char* name, BuiltinTypeId base, Value ns) {
  return make_module_class(vm, "dataclasses", name, {Value::type(static_cast<uint32_t>(base))}, ns);
}

}  // namespace

const std::span<const BuiltinFnDef> kDataclassesFunctions = kDataclassesFunctionTable;

void init_dataclasses_module(VM& vm, ModuleObj* module) {
  auto set = [&](const char* name, Value v) { module->attrs.set(vm, vm.intern(name), v); };
  Value field_ns = vm.new_dict();
  vm.as<DictObj>(field_ns)->dict.set(vm, vm.intern("__repr__"), hidden_fn(dc_field_repr));
  set("Field", dataclasses_class(vm, "Field", BuiltinTypeId::Object, field_ns));
  Value missing_type = dataclasses_class(vm, "_MISSING_TYPE", BuiltinTypeId::Object, vm.new_dict());
  set("MISSING", vm.heap.make<InstanceObj>(missing_type));
  set("KW_ONLY", dataclasses_class(vm, "KW_ONLY", BuiltinTypeId::Object, vm.new_dict()));
  set("FrozenInstanceError",
      dataclasses_class(vm, "FrozenInstanceError", BuiltinTypeId::AttributeError, vm.new_dict()));
}

}  // namespace monty

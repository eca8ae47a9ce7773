// The functools module: reduce, partial, lru_cache and cache, cmp_to_key,
// wraps and update_wrapper (with WRAPPER_ASSIGNMENTS and WRAPPER_UPDATES).
// (partialmethod, cached_property, singledispatch and total_ordering are not
// provided; their imports fail with "cannot import name".)
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

Value imported_module_attr(VM& vm, std::string_view module_name, std::string_view name) {
  for (Value m : vm.modules) {
    auto* module = vm.as<ModuleObj>(m);
    if (vm.str_view(module->name) != module_name) continue;
    if (Dict::Entry* e = module->attrs.find_str(vm, vm.intern(name))) return e->value;
  }
  vm.raise(BuiltinTypeId::RuntimeError,
           std::string(module_name) + "." + std::string(name) + " is missing from the run's state");
}

Value make_module_class(VM& vm, std::string_view module, const char* name,
                        const std::vector<Value>& bases, Value ns, bool c_type) {
  Dict& d = vm.as<DictObj>(ns)->dict;
  d.set(vm, vm.intern("__module__"), vm.intern(module));
  d.set(vm, vm.intern("__qualname__"), vm.intern(name));
  Value class_name = c_type ? vm.new_str(std::string(module) + "." + name) : vm.intern(name);
  return vm.make_class(class_name, bases, ns);
}

Value native_class_namespace(VM& vm, std::string_view prefix) {
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  const auto fns = builtin_functions();
  const std::string statics = std::string(prefix) + "S";
  for (size_t i = 0; i < fns.size(); i++) {
    std::string_view m = fns[i].module ? fns[i].module : "";
    Value fn = Value::builtin_fn(static_cast<uint32_t>(i));
    if (m == prefix) d.set(vm, vm.intern(fns[i].name), fn);
    if (m == statics)
      d.set(vm, vm.intern(fns[i].name), vm.heap.make<WrapperObj>(ObjKind::StaticMethod, fn));
  }
  return ns;
}

Value hidden_attr(VM& vm, Value self, const char* slot) {
  if (vm.is_kind(self, ObjKind::Instance)) {
    Dict::Entry* e =
        vm.instance_attrs(vm.as<InstanceObj>(self)).find_str(vm, vm.intern_literal(slot));
    if (e) return e->value;
  }
  return Value();
}

void set_hidden_attr(VM& vm, Value self, const char* slot, Value v) {
  vm.instance_attrs(vm.as<InstanceObj>(self)).set(vm, vm.intern_literal(slot), v);
}

Value hidden_fn(NativeFn fn) {
  const auto fns = builtin_functions();
  uint32_t i = 0;
  while (fns[i].fn != fn) i++;
  return Value::builtin_fn(i);
}

namespace {

Value ft_lru_decorate(VM& vm, CallArgs& args);
Value ft_cache_info(VM& vm, CallArgs& args);
Value ft_cache_clear(VM& vm, CallArgs& args);
Value ft_cache_parameters(VM& vm, CallArgs& args);
Value ft_cache_info_repr(VM& vm, CallArgs& args);
template <size_t I>
Value ft_cache_info_field(VM& vm, CallArgs& args);

// reduce(function, iterable[, initial]), CPython's C version: arguments
// positional only, "reduce() arg 2 must support iteration". Called straight
// from bytecode it lets the collector run while the function does (the
// accumulator and iterator stay rooted), like sum() and max().
Value ft_reduce(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(ft_reduce);
  if (args.has_kwargs()) vm.type_error("reduce() takes no keyword arguments");
  check_arg_count(vm, args, "reduce", 2, 3);
  Value fn = args[0], acc, it, item;
  VM::NativeRoots roots(vm, {&fn, &acc, &it, &item});
  if (args.size() == 3) acc = args[2];
  try {
    it = vm.iter(args[1]);
  } catch (PyError& e) {
    if (!vm.is_instance(e.exc, BuiltinTypeId::TypeError)) throw;
    vm.type_error("reduce() arg 2 must support iteration");
  }
  while (vm.next_gc_safe(it, &item, gc_safe)) {
    if (acc.is_undef()) {
      acc = item;
      continue;
    }
    Value pair[2] = {acc, item};
    acc = vm.call_gc_safe(fn, pair, gc_safe);
  }
  if (acc.is_undef()) vm.type_error("reduce() of empty iterable with no initial value");
  return acc;
}

// CPython's defaults: what update_wrapper copies, and what it merges.
constexpr const char* kWrapperAssignments[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                               "__annotations__"};
constexpr const char* kWrapperUpdates[] = {"__dict__"};

Value names_tuple(VM& vm, std::span<const char* const> names) {
  std::vector<Value> items;
  for (const char* n : names) items.push_back(vm.intern(n));
  return vm.new_tuple(std::move(items));
}

// update_wrapper's work (CPython's, which is Python): each attribute of
// `assigned` that `wrapped` has is set on `wrapper`; each of `updated` on
// `wrapper` is updated from `wrapped`'s (when it has one); then
// wrapper.__wrapped__ = wrapped.
Value update_wrapper(VM& vm, Value wrapper, Value wrapped, Value assigned, Value updated) {
  VM::NativeRoots roots(vm, {&wrapper, &wrapped, &assigned, &updated});
  auto check_name = [&](Value name) {
    if (!vm.is_str(name))
      vm.type_error("attribute name must be string, not '" + vm.type_name(name) + "'");
  };
  for (Value name : vm.to_vector(assigned)) {
    check_name(name);
    Value v = vm.getattr_opt(wrapped, name);
    if (!v.is_undef()) vm.setattr(wrapper, name, v);
  }
  for (Value name : vm.to_vector(updated)) {
    check_name(name);
    Value target = vm.getattr(wrapper, name);
    Value source = vm.getattr_opt(wrapped, name);
    if (source.is_undef()) source = vm.new_dict();
    vm.call(vm.getattr(target, "update"), std::span<const Value>(&source, 1));
  }
  vm.setattr(wrapper, vm.intern("__wrapped__"), wrapped);
  return wrapper;
}

Value ft_update_wrapper(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args_like_python(vm, args, "update_wrapper", {"wrapper", "wrapped", "assigned", "updated"},
                        2, a);
  return update_wrapper(vm, a[0], a[1],
                        a[2].is_undef() ? names_tuple(vm, kWrapperAssignments) : a[2],
                        a[3].is_undef() ? names_tuple(vm, kWrapperUpdates) : a[3]);
}

// The decorator wraps() returns (CPython's is a functools.partial of
// update_wrapper): bound to the tuple (wrapped, assigned, updated), it is
// called with the wrapper.
Value ft_wraps_apply(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "update_wrapper", {"bound", "wrapper"}, 2, a);
  if (!vm.is_kind(a[0], ObjKind::Tuple))
    vm.type_error("update_wrapper() missing its wrapped function");
  const std::vector<Value> bound = vm.as<TupleObj>(a[0])->items;
  if (bound.size() != 3) vm.type_error("update_wrapper() missing its wrapped function");
  return update_wrapper(vm, a[1], bound[0], bound[1], bound[2]);
}

Value ft_wraps(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "wraps", {"wrapped", "assigned", "updated"}, 1, a);
  Value bound = vm.new_tuple({a[0], a[1].is_undef() ? names_tuple(vm, kWrapperAssignments) : a[1],
                              a[2].is_undef() ? names_tuple(vm, kWrapperUpdates) : a[2]});
  return vm.heap.make<BoundMethodObj>(hidden_fn(ft_wraps_apply), bound);
}

}  // namespace

// partial(func, *args, **keywords): a WrapperObj of kind Partial; VM::invoke
// calls it (the stored arguments first, the call's keywords over the
// stored ones) without a native frame of its own.
Value construct_partial(VM& vm, CallArgs& args) {
  if (args.size() == 0) vm.type_error("type 'partial' takes at least one argument");
  Value func = args[0];
  if (!is_callable(vm, func)) vm.type_error("the first argument must be callable");
  std::vector<Value> pos;
  Value keywords = vm.new_dict();
  Dict& kw = vm.as<DictObj>(keywords)->dict;
  // A partial of a partial is flattened, as CPython does for its own type.
  if (vm.is_kind(func, ObjKind::Partial)) {
    const auto* inner = vm.as<WrapperObj>(func);
    pos = vm.as<TupleObj>(inner->f1)->items;
    for (const auto& e : vm.as<DictObj>(inner->f2)->dict.entries())
      if (!e.key.is_undef()) kw.set(vm, e.key, e.hash, e.value);
    func = inner->f0;
  }
  pos.insert(pos.end(), args.pos.begin() + 1, args.pos.end());
  for (size_t i = 0; i < args.kw_names.size(); i++) kw.set(vm, args.kw_names[i], args.kw_values[i]);
  Value stored = pos.empty() ? vm.empty_tuple() : vm.new_tuple(std::move(pos));
  return vm.heap.make<WrapperObj>(ObjKind::Partial, func, stored, keywords);
}

// functools.partial(<function f at 0x...>, 1, key='v'), as CPython writes it.
std::string partial_repr(VM& vm, Value partial) {
  const auto* p = vm.as<WrapperObj>(partial);
  std::string out = "functools.partial(" + vm.repr_str(p->f0);
  for (Value a : vm.as<TupleObj>(p->f1)->items) out += ", " + vm.repr_str(a);
  for (const auto& e : vm.as<DictObj>(p->f2)->dict.entries()) {
    if (e.key.is_undef()) continue;
    out += ", " + vm.to_str(e.key) + "=" + vm.repr_str(e.value);
  }
  return out + ")";
}

// cmp_to_key(mycmp): a functools.KeyWrapper (object kind KeyWrapper) whose
// calls make key objects; VM::compare compares two of them by mycmp.
Value ft_cmp_to_key(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args(vm, args, "cmp_to_key", {"mycmp"}, 1, 0, a);
  return vm.heap.make<WrapperObj>(ObjKind::KeyWrapper, a[0]);
}

// ---- lru_cache ------------------------------------------------------------
//
// The wrapper is a WrapperObj of kind LruCache (objects.h). VM::invoke looks
// a call up in its cache; a miss calls the function as any call would (a
// Python function gets a frame whose return stores the result: on_return
// kReturnCache), so a recursive cached function recurses in frames, not in
// C++, and may pause for the host.

namespace {

Value make_lru_wrapper(VM& vm, Value func, Value maxsize, bool typed) {
  if (!is_callable(vm, func)) vm.type_error("the first argument must be callable");
  Value stats = vm.new_list({Value::integer(0), Value::integer(0), Value::boolean(typed)});
  return vm.heap.make<WrapperObj>(ObjKind::LruCache, func, vm.new_dict(), maxsize, stats);
}

// lru_cache(maxsize=128, typed=False): a decorator, or (given a function as
// maxsize, the bare @lru_cache) the wrapper itself.
Value ft_lru_cache(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "lru_cache", {"maxsize", "typed"}, 0, 0, a);
  Value maxsize = a[0].is_undef() ? Value::integer(128) : a[0];
  const bool typed = !a[1].is_undef() && vm.truthy(a[1]);
  if (maxsize.is_int() || maxsize.is_bool()) {
    if (maxsize.i < 0) maxsize = Value::integer(0);
    maxsize = Value::integer(maxsize.i);
  } else if (is_callable(vm, maxsize) && (a[1].is_undef() || a[1].is_bool())) {
    return make_lru_wrapper(vm, maxsize, Value::integer(128), typed);
  } else if (vm.is_bigint(maxsize)) {
    maxsize = Value::none();  // (no cache reaches it)
  } else if (!maxsize.is_none()) {
    vm.type_error("Expected first argument to be an integer, a callable, or None");
  }
  Value bound = vm.new_tuple({maxsize, Value::boolean(typed)});
  return vm.heap.make<BoundMethodObj>(hidden_fn(ft_lru_decorate), bound);
}

Value ft_cache(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args_like_python(vm, args, "cache", {"user_function"}, 1, a);
  return make_lru_wrapper(vm, a[0], Value::none(), false);
}

// What lru_cache(...) returns, bound to (maxsize, typed).
Value ft_lru_decorate(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "decorating_function", {"bound", "user_function"}, 2, a);
  const auto& bound = vm.as<TupleObj>(a[0])->items;
  return make_lru_wrapper(vm, a[1], bound[0], vm.truthy(bound[1]));
}

WrapperObj* wrapper_arg(VM& vm, CallArgs& args, const char* name) {
  check_arg_count(vm, args, name, 1, 1);
  if (!vm.is_kind(args[0], ObjKind::LruCache)) vm.type_error(std::string(name) + "(): no cache");
  return vm.as<WrapperObj>(args[0]);
}

// cache_info(): a functools._CacheInfo(hits, misses, maxsize, currsize),
// the tuple subclass init_functools_module makes (CPython's is a named
// tuple; this one has its repr and field names).
Value ft_cache_info(VM& vm, CallArgs& args) {
  WrapperObj* w = wrapper_arg(vm, args, "cache_info");
  const auto& stats = vm.as<ListObj>(w->f3)->items;
  const auto size = static_cast<int64_t>(vm.as<DictObj>(w->f1)->dict.size());
  Value values = vm.new_tuple({stats[0], stats[1], w->f2, Value::integer(size)});
  Value cls;
  for (Value m : vm.modules) {
    auto* module = vm.as<ModuleObj>(m);
    if (vm.str_view(module->name) != "functools") continue;
    if (Dict::Entry* e = module->attrs.find_str(vm, vm.intern("_CacheInfo"))) cls = e->value;
  }
  if (cls.is_undef()) return values;  // (a wrapper without its module: altered bytes)
  return vm.call(cls, std::span<const Value>(&values, 1));
}

constexpr const char* kCacheInfoFields[] = {"hits", "misses", "maxsize", "currsize"};

const std::vector<Value>& cache_info_values(VM& vm, CallArgs& args, const char* name) {
  check_arg_count(vm, args, name, 1, 1);
  if (!vm.is_kind(args[0], ObjKind::Instance) ||
      !vm.is_kind(vm.as<InstanceObj>(args[0])->builtin_value, ObjKind::Tuple))
    vm.type_error(std::string(name) + "(): not a CacheInfo");
  const auto& items = vm.as<TupleObj>(vm.as<InstanceObj>(args[0])->builtin_value)->items;
  if (items.size() != 4) vm.type_error(std::string(name) + "(): not a CacheInfo");
  return items;
}

Value ft_cache_info_repr(VM& vm, CallArgs& args) {
  const auto& items = cache_info_values(vm, args, "__repr__");
  std::string out = "CacheInfo(";
  for (size_t i = 0; i < 4; i++)
    out += std::string(i ? ", " : "") + kCacheInfoFields[i] + "=" + vm.repr_str(items[i]);
  return vm.new_str(out + ")");
}

template <size_t I>
Value ft_cache_info_field(VM& vm, CallArgs& args) {
  return cache_info_values(vm, args, kCacheInfoFields[I])[I];
}

Value ft_cache_clear(VM& vm, CallArgs& args) {
  WrapperObj* w = wrapper_arg(vm, args, "cache_clear");
  vm.as<DictObj>(w->f1)->dict.clear();
  auto& stats = vm.as<ListObj>(w->f3)->items;
  stats[0] = stats[1] = Value::integer(0);
  return Value::none();
}

Value ft_cache_parameters(VM& vm, CallArgs& args) {
  WrapperObj* w = wrapper_arg(vm, args, "cache_parameters");
  Value d = vm.new_dict();
  vm.as<DictObj>(d)->dict.set(vm, vm.intern("maxsize"), w->f2);
  vm.as<DictObj>(d)->dict.set(vm, vm.intern("typed"), vm.as<ListObj>(w->f3)->items[2]);
  return d;
}

}  // namespace

Value lru_cache_attr(VM& vm, Value wrapper, std::string_view name) {
  const auto* w = vm.as<WrapperObj>(wrapper);
  if (name == "cache_info") return vm.heap.make<BoundMethodObj>(hidden_fn(ft_cache_info), wrapper);
  if (name == "cache_clear")
    return vm.heap.make<BoundMethodObj>(hidden_fn(ft_cache_clear), wrapper);
  if (name == "cache_parameters")
    return vm.heap.make<BoundMethodObj>(hidden_fn(ft_cache_parameters), wrapper);
  if (name == "__wrapped__") return w->f0;
  // What update_wrapper would have copied from the function.
  if (name == "__name__" || name == "__qualname__" || name == "__doc__" || name == "__module__" ||
      name == "__annotations__" || name == "__dict__")
    return vm.getattr_opt(w->f0, vm.intern(name));
  return Value();
}

Value lru_cache_key(VM& vm, Value wrapper, const Value* args, uint32_t npos, const Value* kwn,
                    uint32_t nkw) {
  const bool typed = vm.truthy(vm.as<ListObj>(vm.as<WrapperObj>(wrapper)->f3)->items[2]);
  // One positional argument of exactly int or str is its own key (so f(3)
  // and f(3.0) are two entries, as in CPython).
  if (npos == 1 && nkw == 0 && !typed &&
      (args[0].is_int() || vm.is_str(args[0]) || vm.is_bigint(args[0])))
    return args[0];
  std::vector<Value> key(args, args + npos);
  if (nkw) {
    // The marker: a value no argument can be (the wrapper's type object is
    // not one a program passes to its own cached function).
    key.push_back(Value::type(static_cast<uint32_t>(BuiltinTypeId::LruCacheWrapper)));
    for (uint32_t k = 0; k < nkw; k++) {
      key.push_back(kwn[k]);
      key.push_back(args[npos + k]);
    }
  }
  if (typed) {
    for (uint32_t i = 0; i < npos; i++) key.push_back(vm.type_of(args[i]));
    for (uint32_t k = 0; k < nkw; k++) key.push_back(vm.type_of(args[npos + k]));
  }
  return vm.new_tuple(std::move(key));
}

void lru_cache_store(VM& vm, Value wrapper, Value key, Value result) {
  const auto* w = vm.as<WrapperObj>(wrapper);
  Dict& cache = vm.as<DictObj>(w->f1)->dict;
  if (w->f2.is_int() && w->f2.i <= 0) return;  // maxsize=0: nothing is kept
  cache.set(vm, key, result);
  if (!w->f2.is_int()) return;
  while (cache.size() > static_cast<size_t>(w->f2.i)) {
    for (const auto& e : cache.entries()) {
      if (e.key.is_undef()) continue;
      Value oldest = e.key;
      cache.erase(vm, oldest, e.hash);
      break;
    }
  }
}

namespace {

const BuiltinFnDef kFunctoolsFunctionTable[] = {
    {"reduce", ft_reduce, "functools", "_functools"},
    {"update_wrapper", ft_update_wrapper, "functools"},
    {"wraps", ft_wraps, "functools"},
    {"lru_cache", ft_lru_cache, "functools"},
    {"cmp_to_key", ft_cmp_to_key, "functools", "_functools"},
    {"cache", ft_cache, "functools"},
    // Not importable (no such module): what wraps() and lru_cache() bind,
    // and the methods of lru_cache's wrapper.
    {"apply", ft_wraps_apply, "_functools_wraps"},
    {"decorating_function", ft_lru_decorate, "_functools_lru"},
    {"cache_info", ft_cache_info, "_functools_lru"},
    {"cache_clear", ft_cache_clear, "_functools_lru"},
    {"cache_parameters", ft_cache_parameters, "_functools_lru"},
    {"cacheinfo_repr", ft_cache_info_repr, "_functools_lru"},
    {"cacheinfo_hits", ft_cache_info_field<0>, "_functools_lru"},
    {"cacheinfo_misses", ft_cache_info_field<1>, "_functools_lru"},
    {"cacheinfo_maxsize", ft_cache_info_field<2>, "_functools_lru"},
    {"cacheinfo_currsize", ft_cache_info_field<3>, "_functools_lru"},
};

}  // namespace

const std::span<const BuiltinFnDef> kFunctoolsFunctions = kFunctoolsFunctionTable;

void init_functools_module(VM& vm, ModuleObj* module) {
  module->attrs.set(vm, vm.intern("partial"),
                    Value::type(static_cast<uint32_t>(BuiltinTypeId::Partial)));
  // _CacheInfo: a tuple subclass with CPython's repr and field names.
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  d.set(vm, vm.intern("__repr__"), hidden_fn(ft_cache_info_repr));
  const NativeFn getters[] = {ft_cache_info_field<0>, ft_cache_info_field<1>,
                              ft_cache_info_field<2>, ft_cache_info_field<3>};
  std::vector<Value> fields;
  for (size_t i = 0; i < 4; i++) {
    Value name = vm.intern(kCacheInfoFields[i]);
    fields.push_back(name);
    d.set(vm, name, vm.heap.make<WrapperObj>(ObjKind::Property, hidden_fn(getters[i])));
  }
  d.set(vm, vm.intern("_fields"), vm.new_tuple(std::move(fields)));
  Value tuple_type = Value::type(static_cast<uint32_t>(BuiltinTypeId::Tuple));
  module->attrs.set(vm, vm.intern("_CacheInfo"),
                    make_module_class(vm, "functools", "CacheInfo", {tuple_type}, ns));
  module->attrs.set(vm, vm.intern("WRAPPER_ASSIGNMENTS"), names_tuple(vm, kWrapperAssignments));
  module->attrs.set(vm, vm.intern("WRAPPER_UPDATES"), names_tuple(vm, kWrapperUpdates));
  init_functools_extra(vm, module);
}

}  // namespace monty

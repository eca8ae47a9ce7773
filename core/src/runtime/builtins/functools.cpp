// The functools module: reduce, partial, wraps and update_wrapper (with
// WRAPPER_ASSIGNMENTS and WRAPPER_UPDATES). (lru_cache/cache and cmp_to_key
// are not provided; their imports fail with "cannot import name".)
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

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

// The builtin-function value of ft_wraps_apply (its index in the table of
// every builtin function, the same for every VM).
Value wraps_apply_fn() {
  static const uint32_t index = [] {
    const auto fns = builtin_functions();
    uint32_t i = 0;
    while (fns[i].fn != ft_wraps_apply) i++;
    return i;
  }();
  return Value::builtin_fn(index);
}

Value ft_wraps(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "wraps", {"wrapped", "assigned", "updated"}, 1, a);
  Value bound = vm.new_tuple({a[0], a[1].is_undef() ? names_tuple(vm, kWrapperAssignments) : a[1],
                              a[2].is_undef() ? names_tuple(vm, kWrapperUpdates) : a[2]});
  return vm.heap.make<BoundMethodObj>(wraps_apply_fn(), bound);
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

namespace {

const BuiltinFnDef kFunctoolsFunctionTable[] = {
    {"reduce", ft_reduce, "functools", "_functools"},
    {"update_wrapper", ft_update_wrapper, "functools"},
    {"wraps", ft_wraps, "functools"},
    // Not importable (no such module): what wraps() binds.
    {"apply", ft_wraps_apply, "_functools_wraps"},
};

}  // namespace

const std::span<const BuiltinFnDef> kFunctoolsFunctions = kFunctoolsFunctionTable;

void init_functools_module(VM& vm, ModuleObj* module) {
  module->attrs.set(vm, vm.intern("partial"),
                    Value::type(static_cast<uint32_t>(BuiltinTypeId::Partial)));
  module->attrs.set(vm, vm.intern("WRAPPER_ASSIGNMENTS"), names_tuple(vm, kWrapperAssignments));
  module->attrs.set(vm, vm.intern("WRAPPER_UPDATES"), names_tuple(vm, kWrapperUpdates));
}

}  // namespace monty

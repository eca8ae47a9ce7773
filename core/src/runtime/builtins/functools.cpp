// The functools module: reduce. (partial, lru_cache/cache, wraps and
// cmp_to_key need callable objects of their own and are not provided; their
// imports fail with "cannot import name".)
#include <string>

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

const BuiltinFnDef kFunctoolsFunctionTable[] = {
    {"reduce", ft_reduce, "functools", "_functools"},
};

}  // namespace

const std::span<const BuiltinFnDef> kFunctoolsFunctions = kFunctoolsFunctionTable;

}  // namespace monty

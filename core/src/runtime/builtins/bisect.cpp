// The bisect module: bisect_left, bisect_right (= bisect), insort_left,
// insort_right (= insort), with lo, hi and key, following CPython's C
// implementation: the same probes and comparisons (`x < a[mid]` for the
// right variants, `a[mid] < x` for the left ones), any sequence for `a`
// (items read with a[mid]), and insort inserting with list.insert (or the
// object's own insert method).
#include <string>

#include "runtime/types/registry.h"

namespace monty {

namespace {

struct BisectArgs {
  Value a, x, key;
  int64_t lo = 0, hi = -1;
};

// (a, x, lo=0, hi=None, *, key=None), bound with Argument Clinic's checks
// and wording, in its order.
BisectArgs bind(VM& vm, CallArgs& args, const char* fname) {
  static constexpr const char* kNames[] = {"a", "x", "lo", "hi", "key"};
  const std::string f(fname);
  if (args.size() > 4) {
    vm.type_error(f + "() takes at most 4 positional arguments (" + std::to_string(args.size()) +
                  " given)");
  }
  Value v[5];
  for (size_t i = 0; i < args.size(); i++) v[i] = args[i];
  for (size_t k = 0; k < args.kw_names.size(); k++) {
    const std::string_view name = vm.str_view(args.kw_names[k]);
    size_t i = 0;
    while (i < 5 && name != kNames[i]) i++;
    if (i == 5)
      vm.type_error("'" + std::string(name) + "' is an invalid keyword argument for " + f + "()");
    if (i < args.size()) {
      vm.type_error("argument for " + f + "() given by name ('" + std::string(name) +
                    "') and position (" + std::to_string(i + 1) + ")");
    }
    v[i] = args.kw_values[k];
  }
  for (size_t i = 0; i < 2; i++) {
    if (v[i].is_undef()) {
      vm.type_error(f + "() missing required argument '" + kNames[i] + "' (pos " +
                    std::to_string(i + 1) + ")");
    }
  }
  BisectArgs b;
  b.a = v[0];
  b.x = v[1];
  if (!v[2].is_undef()) b.lo = vm.to_index(v[2]);
  if (!v[3].is_undef() && !v[3].is_none()) b.hi = vm.to_index(v[3]);
  b.key = v[4].is_undef() ? Value::none() : v[4];
  return b;
}

int64_t search(VM& vm, const BisectArgs& b, Value x, bool right) {
  int64_t lo = b.lo, hi = b.hi;
  if (lo < 0) vm.value_error("lo must be non-negative");
  if (hi == -1) hi = vm.len(b.a);
  while (lo < hi) {
    const int64_t mid = static_cast<int64_t>((static_cast<uint64_t>(lo) + hi) / 2);
    vm.native_tick();
    Value item = vm.getitem(b.a, Value::integer(mid));
    if (!b.key.is_none()) item = vm.call(b.key, std::span<const Value>(&item, 1));
    if (right ? vm.lt(x, item) : !vm.lt(item, x)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

Value bisect(VM& vm, CallArgs& args, const char* fname, bool right) {
  BisectArgs b = bind(vm, args, fname);
  return Value::integer(search(vm, b, b.x, right));
}

Value insort(VM& vm, CallArgs& args, const char* fname, bool right) {
  BisectArgs b = bind(vm, args, fname);
  Value probe = b.x;
  if (!b.key.is_none()) probe = vm.call(b.key, std::span<const Value>(&b.x, 1));
  const int64_t index = search(vm, b, probe, right);
  Value insert_args[2] = {Value::integer(index), b.x};
  vm.call_method(b.a, "insert", insert_args);
  return Value::none();
}

Value bi_bisect_right(VM& vm, CallArgs& args) { return bisect(vm, args, "bisect_right", true); }
Value bi_bisect_left(VM& vm, CallArgs& args) { return bisect(vm, args, "bisect_left", false); }
Value bi_insort_right(VM& vm, CallArgs& args) { return insort(vm, args, "insort_right", true); }
Value bi_insort_left(VM& vm, CallArgs& args) { return insort(vm, args, "insort_left", false); }

const BuiltinFnDef kBisectFunctionTable[] = {
    {"bisect_right", bi_bisect_right, "bisect", "_bisect"},
    {"bisect_left", bi_bisect_left, "bisect", "_bisect"},
    {"insort_right", bi_insort_right, "bisect", "_bisect"},
    {"insort_left", bi_insort_left, "bisect", "_bisect"},
};

}  // namespace

const std::span<const BuiltinFnDef> kBisectFunctions = kBisectFunctionTable;

// bisect.bisect and bisect.insort are the _right functions themselves, as in
// CPython (their repr names bisect_right and insort_right).
void init_bisect_module(VM& vm, ModuleObj* module) {
  for (const char* alias : {"bisect", "insort"}) {
    const std::string target = std::string(alias) + "_right";
    const Dict::Entry* e = module->attrs.find_str(vm, vm.intern(target));
    if (e) module->attrs.set(vm, vm.new_str(alias), e->value);
  }
}

}  // namespace monty

// range: construction, length, subscripting, membership, equality, repr and
// the count/index methods. Bounds are int64 (ranges whose bounds or length
// do not fit are refused with OverflowError at construction).
#include <cmath>
#include <cstdint>
#include <string>

#include "runtime/types/registry.h"

namespace monty {

namespace {

// Number of elements as an unsigned count (may exceed INT64_MAX).
uint64_t range_length_u(int64_t start, int64_t stop, int64_t step) {
  if (step > 0) {
    if (start >= stop) return 0;
    uint64_t diff = static_cast<uint64_t>(stop) - static_cast<uint64_t>(start);
    return (diff - 1) / static_cast<uint64_t>(step) + 1;
  }
  if (start <= stop) return 0;
  uint64_t diff = static_cast<uint64_t>(start) - static_cast<uint64_t>(stop);
  return (diff - 1) / (uint64_t{0} - static_cast<uint64_t>(step)) + 1;
}

// start + i * step, computed modulo 2**64: exact whenever the result lies
// between start and stop, which callers guarantee.
int64_t range_at(const RangeObj* r, int64_t i) {
  return static_cast<int64_t>(static_cast<uint64_t>(r->start) +
                              static_cast<uint64_t>(i) * static_cast<uint64_t>(r->step));
}

// Position of the int `x` in `r`, or -1.
int64_t int_position(const RangeObj* r, int64_t x) {
  int64_t n = r->length();
  if (n == 0) return -1;
  if (r->step > 0) {
    if (x < r->start || x >= r->stop) return -1;
    uint64_t off = static_cast<uint64_t>(x) - static_cast<uint64_t>(r->start);
    if (off % static_cast<uint64_t>(r->step) != 0) return -1;
    return static_cast<int64_t>(off / static_cast<uint64_t>(r->step));
  }
  if (x > r->start || x <= r->stop) return -1;
  uint64_t off = static_cast<uint64_t>(r->start) - static_cast<uint64_t>(x);
  uint64_t st = uint64_t{0} - static_cast<uint64_t>(r->step);
  if (off % st != 0) return -1;
  return static_cast<int64_t>(off / st);
}

// Position of any value in `r` (CPython: O(1) for ints, a linear == scan for
// other objects), or -1. Builtin values other than numbers never equal an
// int, so only instances of user classes need the scan.
int64_t value_position(VM& vm, const RangeObj* r, Value x) {
  if (x.is_int() || x.is_bool()) return int_position(r, x.i);
  if (x.is_float()) {
    double d = x.f;
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || std::floor(d) != d)
      return -1;
    return int_position(r, static_cast<int64_t>(d));
  }
  if (x.is_obj() && vm.kind(x) == ObjKind::Instance) {
    int64_t n = r->length();
    for (int64_t i = 0; i < n; ++i) {
      if (vm.eq(Value::integer(range_at(r, i)), x)) return i;
    }
  }
  return -1;
}

}  // namespace

int64_t RangeObj::length() const { return static_cast<int64_t>(range_length_u(start, stop, step)); }

Value construct_range(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "range");
  check_arg_count(vm, args, "range", 1, 3);
  int64_t start = 0, stop = 0, step = 1;
  if (args.size() == 1) {
    stop = vm.to_index(args[0]);
  } else {
    start = vm.to_index(args[0]);
    stop = vm.to_index(args[1]);
    if (args.size() == 3) {
      step = vm.to_index(args[2]);
      if (step == 0) vm.value_error("range() arg 3 must not be zero");
    }
  }
  if (range_length_u(start, stop, step) > static_cast<uint64_t>(INT64_MAX)) {
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C ssize_t");
  }
  return vm.new_range(start, stop, step);
}

std::string range_repr(VM& vm, Value v) {
  const RangeObj* r = vm.as<RangeObj>(v);
  std::string out = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
  if (r->step != 1) out += ", " + std::to_string(r->step);
  out += ')';
  return out;
}

Value range_getitem(VM& vm, Value range, Value key) {
  const RangeObj* r = vm.as<RangeObj>(range);
  int64_t n = r->length();
  if (vm.is_bigint(key)) vm.index_error("range object index out of range");
  int64_t i;
  if (seq_index_key(vm, key, "range", &i)) {
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("range object index out of range");
    return Value::integer(range_at(r, i));
  }
  int64_t start, stop, step;
  slice_unpack(vm, key, &start, &stop, &step);
  slice_adjust(n, &start, &stop, step);
  // The new bounds: r.start + start*r.step etc., checked for overflow.
  int64_t nstep, nstart, nstop, t1, t2;
  if (__builtin_mul_overflow(r->step, step, &nstep) ||
      __builtin_mul_overflow(start, r->step, &t1) ||
      __builtin_add_overflow(r->start, t1, &nstart) || __builtin_mul_overflow(stop, r->step, &t2) ||
      __builtin_add_overflow(r->start, t2, &nstop)) {
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C ssize_t");
  }
  return vm.new_range(nstart, nstop, nstep);
}

bool range_contains(VM& vm, Value range, Value item) {
  return value_position(vm, vm.as<RangeObj>(range), item) >= 0;
}

bool range_eq(VM& vm, Value a, Value b) {
  const RangeObj* x = vm.as<RangeObj>(a);
  const RangeObj* y = vm.as<RangeObj>(b);
  int64_t n = x->length();
  if (n != y->length()) return false;
  if (n == 0) return true;
  if (x->start != y->start) return false;
  if (n == 1) return true;
  return x->step == y->step;
}

namespace {

Value range_count(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "range.count");
  const RangeObj* r = vm.as<RangeObj>(args.self);
  Value x = args[0];
  if (x.is_obj() && vm.kind(x) == ObjKind::Instance) {
    int64_t n = r->length(), count = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (vm.eq(Value::integer(range_at(r, i)), x)) ++count;
    }
    return Value::integer(count);
  }
  return Value::integer(value_position(vm, r, x) >= 0 ? 1 : 0);
}

Value range_index(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "range.index");
  const RangeObj* r = vm.as<RangeObj>(args.self);
  Value x = args[0];
  int64_t pos = value_position(vm, r, x);
  if (pos >= 0) return Value::integer(pos);
  if (x.is_int() || x.is_bool() || vm.is_bigint(x))
    vm.value_error(vm.repr_str(x) + " is not in range");
  vm.value_error("sequence.index(x): x not in sequence");
}

Value range_start(VM& vm, CallArgs& args) {
  return Value::integer(vm.as<RangeObj>(args.self)->start);
}
Value range_stop(VM& vm, CallArgs& args) {
  return Value::integer(vm.as<RangeObj>(args.self)->stop);
}
Value range_step(VM& vm, CallArgs& args) {
  return Value::integer(vm.as<RangeObj>(args.self)->step);
}

const MethodDef kRangeMethodDefs[] = {
    {"count", range_count},
    {"index", range_index},
    {"start", range_start, MethodKind::Getter},
    {"stop", range_stop, MethodKind::Getter},
    {"step", range_step, MethodKind::Getter},
};

}  // namespace

const std::span<const MethodDef> kRangeMethods{kRangeMethodDefs};

}  // namespace monty

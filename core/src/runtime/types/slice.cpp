// slice: construction, repr, indices() and the index resolution shared by
// every sliceable type (CPython's PySlice_Unpack + PySlice_AdjustIndices).
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

// A slice bound as a clamped int64 (_PyEval_SliceIndex: huge ints clamp to
// the int64 range instead of raising).
int64_t slice_bound(VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return v.i;
  if (vm.is_bigint(v)) return vm.as<BigIntObj>(v)->value.is_negative() ? INT64_MIN : INT64_MAX;
  if (v.is_obj() && vm.kind(v) == ObjKind::Instance &&
      !vm.lookup_special(v, "__index__").is_undef()) {
    return vm.to_index(v);
  }
  vm.type_error("slice indices must be integers or None or have an __index__ method");
}

}  // namespace

void slice_unpack(VM& vm, Value slice, int64_t* start, int64_t* stop, int64_t* step) {
  const SliceObj* s = vm.as<SliceObj>(slice);
  Value vstart = s->start, vstop = s->stop, vstep = s->step;
  if (vstep.is_none()) {
    *step = 1;
  } else {
    *step = slice_bound(vm, vstep);
    if (*step == 0) vm.value_error("slice step cannot be zero");
    // Keeps -step representable when a slice is walked backwards.
    if (*step < -INT64_MAX) *step = -INT64_MAX;
  }
  if (vstart.is_none()) {
    *start = *step < 0 ? INT64_MAX : 0;
  } else {
    *start = slice_bound(vm, vstart);
  }
  if (vstop.is_none()) {
    *stop = *step < 0 ? INT64_MIN : INT64_MAX;
  } else {
    *stop = slice_bound(vm, vstop);
  }
}

int64_t slice_adjust(int64_t length, int64_t* start, int64_t* stop, int64_t step) {
  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = step < 0 ? -1 : 0;
  } else if (*start >= length) {
    *start = step < 0 ? length - 1 : length;
  }
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = step < 0 ? -1 : 0;
  } else if (*stop >= length) {
    *stop = step < 0 ? length - 1 : length;
  }
  if (step < 0) {
    if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
  } else if (*start < *stop) {
    return (*stop - *start - 1) / step + 1;
  }
  return 0;
}

int64_t slice_indices(VM& vm, Value slice, int64_t length, int64_t* start, int64_t* stop,
                      int64_t* step) {
  slice_unpack(vm, slice, start, stop, step);
  return slice_adjust(length, start, stop, *step);
}

std::string slice_repr(VM& vm, Value v) {
  const SliceObj* s = vm.as<SliceObj>(v);
  Value a = s->start, b = s->stop, c = s->step;
  std::string out = "slice(";
  out += vm.repr_str(a);
  out += ", ";
  out += vm.repr_str(b);
  out += ", ";
  out += vm.repr_str(c);
  out += ')';
  return out;
}

Value construct_slice(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "slice");
  check_arg_count(vm, args, "slice", 1, 3);
  Value none = Value::none();
  switch (args.size()) {
    case 1:
      return vm.new_slice(none, args[0], none);
    case 2:
      return vm.new_slice(args[0], args[1], none);
    default:
      return vm.new_slice(args[0], args[1], args[2]);
  }
}

namespace {

Value slice_indices_method(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "slice.indices");
  int64_t length = vm.to_index(args[0]);
  if (length < 0) vm.value_error("length should not be negative");
  int64_t start, stop, step;
  slice_indices(vm, args.self, length, &start, &stop, &step);
  return vm.new_tuple({Value::integer(start), Value::integer(stop), Value::integer(step)});
}

Value slice_start(VM& vm, CallArgs& args) { return vm.as<SliceObj>(args.self)->start; }
Value slice_stop(VM& vm, CallArgs& args) { return vm.as<SliceObj>(args.self)->stop; }
Value slice_step(VM& vm, CallArgs& args) { return vm.as<SliceObj>(args.self)->step; }

const MethodDef kSliceMethodDefs[] = {
    {"indices", slice_indices_method},
    {"start", slice_start, MethodKind::Getter},
    {"stop", slice_stop, MethodKind::Getter},
    {"step", slice_step, MethodKind::Getter},
};

}  // namespace

const std::span<const MethodDef> kSliceMethods{kSliceMethodDefs};

}  // namespace monty

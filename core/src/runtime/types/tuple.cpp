// tuple: methods, subscripting, repr and construction.
#include <string>
#include <utility>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

Value tuple_getitem(VM& vm, Value tuple, Value key) {
  TupleObj* t = vm.as<TupleObj>(tuple);
  int64_t i;
  if (seq_index_key(vm, key, "tuple", &i)) {
    auto n = static_cast<int64_t>(t->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("tuple index out of range");
    return t->items[static_cast<size_t>(i)];
  }
  int64_t start, stop, step;
  slice_unpack(vm, key, &start, &stop, &step);
  auto n = static_cast<int64_t>(t->items.size());
  int64_t len = slice_adjust(n, &start, &stop, step);
  if (len <= 0) return vm.empty_tuple();
  if (step == 1 && len == n) return tuple;  // immutable: t[:] is t
  std::vector<Value> out;
  if (step == 1) {
    out.assign(t->items.begin() + start, t->items.begin() + start + len);
  } else {
    out.reserve(static_cast<size_t>(len));
    for (int64_t k = 0, j = start; k < len; ++k, j += step)
      out.push_back(t->items[static_cast<size_t>(j)]);
  }
  return vm.new_tuple(std::move(out));
}

std::string tuple_repr(VM& vm, Value v) {
  TupleObj* t = vm.as<TupleObj>(v);
  if (t->items.empty()) return "()";
  ReprGuard cycle(vm, v);
  if (!cycle.active) return "(...)";
  VM::DepthGuard guard(vm, " while getting the repr of an object");
  std::string out = "(";
  for (size_t i = 0; i < t->items.size(); ++i) {
    if (i != 0) out += ", ";
    out += vm.repr_str(t->items[i]);
  }
  if (t->items.size() == 1) out += ',';
  out += ')';
  return out;
}

Value construct_tuple(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(construct_tuple);
  check_no_kwargs(vm, args, "tuple");
  check_arg_count(vm, args, "tuple", 0, 1);
  if (args.size() == 0) return vm.empty_tuple();
  Value src = args[0];
  if (vm.is_tuple(src)) return src;  // tuple(t) is t
  if (gc_safe && vm.consumes_as_frame(src)) {
    vm.consume_as_frame(Consumer::Tuple, src, {vm.new_list()});
    return Value();
  }
  std::vector<Value> items;
  if (vm.is_list(src)) {
    items = vm.as<ListObj>(src)->items;
  } else {
    items = vm.to_vector(src, gc_safe);
  }
  if (items.empty()) return vm.empty_tuple();
  return vm.new_tuple(std::move(items));
}

namespace {

Value tuple_index(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "tuple.index");
  check_arg_count(vm, args, "index", 1, 3);
  TupleObj* t = vm.as<TupleObj>(args.self);
  auto n = static_cast<int64_t>(t->items.size());
  auto bound = [&](Value v) -> int64_t {
    if (v.is_int() || v.is_bool()) return v.i;
    if (vm.is_bigint(v)) return vm.as<BigIntObj>(v)->value.is_negative() ? INT64_MIN : INT64_MAX;
    if (v.is_obj() && vm.kind(v) == ObjKind::Instance &&
        !vm.lookup_special(v, "__index__").is_undef()) {
      return vm.to_index(v);
    }
    vm.type_error("slice indices must be integers or have an __index__ method");
  };
  int64_t start = args.size() >= 2 ? bound(args[1]) : 0;
  int64_t stop = args.size() >= 3 ? bound(args[2]) : INT64_MAX;
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  Value x = args[0];
  for (int64_t i = start; i < stop && i < n; ++i) {
    if (eq_fast(vm, t->items[static_cast<size_t>(i)], x)) return Value::integer(i);
  }
  vm.value_error("tuple.index(x): x not in tuple");
}

Value tuple_count(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "tuple.count");
  TupleObj* t = vm.as<TupleObj>(args.self);
  Value x = args[0];
  int64_t count = 0;
  for (size_t i = 0; i < t->items.size(); ++i) {
    if (eq_fast(vm, t->items[i], x)) ++count;
  }
  return Value::integer(count);
}

const MethodDef kTupleMethodDefs[] = {
    {"index", tuple_index},
    {"count", tuple_count},
};

}  // namespace

const std::span<const MethodDef> kTupleMethods{kTupleMethodDefs};

}  // namespace monty

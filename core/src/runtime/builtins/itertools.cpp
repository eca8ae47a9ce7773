// The itertools module: its iterator types as IterObj kinds, stepped the way
// CPython's Modules/itertoolsmodule.c steps them (the same calls to the
// inner iterators and callables, in the same order, so side effects and
// errors match), with its constructors' argument checks and wording.
//
// IterObj fields used by each type (see iterators.cpp for the builtins):
//   count         aux = next value, source = step
//   cycle         source = inner iterator (None once it ran out),
//                 aux = list of the items saved, index = next replayed item
//   repeat        source = the object, end = times left (-1: forever)
//   accumulate    source = inner iterator, aux = [func, total, initial],
//                 strict = total is set
//   chain         source = iterator over the iterables, aux = the active
//                 iterator (None between iterables)
//   compress      source = data iterator, aux = selector iterator
//   dropwhile     source = inner iterator, aux = predicate, strict = done dropping
//   takewhile     source = inner iterator, aux = predicate
//   filterfalse   source = inner iterator, aux = predicate (None: truthiness)
//   starmap       source = inner iterator, aux = function
//   pairwise      source = inner iterator, aux = previous item, strict = it is set
//   zip_longest   source = list of iterators (None once each ran out),
//                 aux = fillvalue, index = iterators still active
//   islice        source = inner iterator, index = items consumed, pos = next
//                 index to yield, end = stop (-1: None), step
//   groupby       aux = [keyfunc, tgtkey, currkey, currvalue, currgrouper,
//                 inner iterator, flags]: see groupby below
//   _grouper      source = its groupby's state list, aux = its key
//   product       source = tuple of pools (tuples), aux = list of indices,
//                 strict = started
//   permutations  source = pool tuple, aux = list of n indices then r cycles,
//                 end = r, strict = started
//   combinations, combinations_with_replacement
//                 source = pool tuple, aux = list of r indices, end = r,
//                 strict = started
//   _tee          source = the list its tee() shares (see tee below),
//                 index = position of its next item
// Like CPython's, only chain, cycle, islice, pairwise, takewhile (at a false
// predicate), zip_longest and the combinatoric types stop for good: the
// others ask their input again on every next(), even after it ran out.
// The state lists are private: no Python code can reach them, so only a
// snapshot could make them inconsistent, and the snapshot loader checks
// them (snapshot/state_io.cpp, check_iterator).
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

using B = BuiltinTypeId;

ListObj* state_list(VM& vm, IterObj* it) {
  return vm.is_list(it->aux) ? vm.as<ListObj>(it->aux) : nullptr;
}

// The int stored at `i` of a state list (validated when loaded).
int64_t index_at(const ListObj* l, size_t i) { return l->items[i].i; }

// CPython's PyNumber_Check: what count() accepts as start and step.
bool is_number(VM& vm, Value v) {
  if (v.is_int() || v.is_bool() || v.is_float() || vm.is_bigint(v)) return true;
  if (!vm.is_kind(v, ObjKind::Instance)) return false;
  return !vm.lookup_special(v, "__index__").is_undef() ||
         !vm.lookup_special(v, "__int__").is_undef() ||
         !vm.lookup_special(v, "__float__").is_undef();
}

bool is_int_one(Value v) { return (v.is_int() || v.is_bool()) && v.i == 1; }

// ---- next() of each type ---------------------------------------------------------

bool count_next(VM& vm, IterObj* it, Value* out) {
  Value cur = it->aux, step = it->source;
  int64_t sum;
  Value next;
  if (cur.is_int() && step.is_int() && !__builtin_add_overflow(cur.i, step.i, &sum)) {
    next = Value::integer(sum);
  } else {
    next = vm.binary_op(BinOp::Add, cur, step);
  }
  it->aux = next;
  *out = cur;
  return true;
}

bool repeat_next(IterObj* it, Value* out) {
  // Keeps its object when done: repr() still shows it (repeat(x, 0)).
  if (it->end == 0) return false;
  if (it->end > 0) it->end--;
  *out = it->source;
  return true;
}

bool cycle_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value src = it->source, item;
  VM::NativeRoots roots(vm, {&src, &item});
  if (!src.is_none()) {
    if (vm.next_gc_safe(src, &item, gc_safe)) {
      if (ListObj* saved = state_list(vm, it)) {
        GrowthMeter meter(vm, saved->items);
        saved->items.push_back(item);
      }
      *out = item;
      return true;
    }
    it->source = Value::none();
  }
  ListObj* saved = state_list(vm, it);
  if (saved == nullptr || saved->items.empty()) {
    finish_iter(it);
    return false;
  }
  if (it->index < 0 || it->index >= static_cast<int64_t>(saved->items.size())) it->index = 0;
  *out = saved->items[static_cast<size_t>(it->index++)];
  return true;
}

bool accumulate_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  ListObj* st = state_list(vm, it);
  if (st == nullptr) return false;
  if (!st->items[2].is_none()) {  // initial= comes first
    st->items[1] = st->items[2];
    st->items[2] = Value::none();
    it->strict = true;
    *out = st->items[1];
    return true;
  }
  Value src = it->source, item, total, fn;
  VM::NativeRoots roots(vm, {&src, &item, &total, &fn});
  if (!vm.next_gc_safe(src, &item, gc_safe)) return false;
  if ((st = state_list(vm, it)) == nullptr) return false;  // finished re-entrantly
  if (!it->strict) {
    total = item;
  } else {
    total = st->items[1];
    fn = st->items[0];
    if (fn.is_none()) {
      total = vm.binary_op(BinOp::Add, total, item);
    } else {
      Value args[2] = {total, item};
      total = vm.call_gc_safe(fn, args, gc_safe);
    }
    if ((st = state_list(vm, it)) == nullptr) return false;
  }
  st->items[1] = total;
  it->strict = true;
  *out = total;
  return true;
}

bool chain_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value outer, active, iterable;
  VM::NativeRoots roots(vm, {&outer, &active, &iterable});
  for (;;) {
    active = it->aux;
    if (active.is_none()) {
      outer = it->source;
      if (outer.is_none() || !vm.next_gc_safe(outer, &iterable, gc_safe)) {
        finish_iter(it);
        return false;
      }
      active = vm.iter(iterable);
      if (it->exhausted) return false;
      it->aux = active;
    }
    if (vm.next_gc_safe(active, out, gc_safe)) return true;
    if (it->exhausted) return false;
    it->aux = Value::none();
  }
}

bool compress_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value data = it->source, selectors = it->aux, item, selector;
  VM::NativeRoots roots(vm, {&data, &selectors, &item, &selector});
  for (;;) {
    if (!vm.next_gc_safe(data, &item, gc_safe) || !vm.next_gc_safe(selectors, &selector, gc_safe))
      return false;
    if (vm.truthy(selector)) {
      *out = item;
      return true;
    }
    if (it->exhausted) return false;
  }
}

// dropwhile, takewhile, filterfalse: a predicate called on each item.
bool predicate_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value src = it->source, pred = it->aux, item;
  VM::NativeRoots roots(vm, {&src, &pred, &item});
  for (;;) {
    if (!vm.next_gc_safe(src, &item, gc_safe)) return false;
    if (it->type == B::ItDropWhile && it->strict) {
      *out = item;
      return true;
    }
    bool ok = it->type == B::ItFilterFalse && pred.is_none()
                  ? vm.truthy(item)
                  : vm.truthy(vm.call_gc_safe(pred, std::span<const Value>(&item, 1), gc_safe));
    if (it->exhausted) return false;
    switch (it->type) {
      case B::ItDropWhile:
        if (ok) continue;
        it->strict = true;
        *out = item;
        return true;
      case B::ItTakeWhile:
        if (ok) {
          *out = item;
          return true;
        }
        finish_iter(it);
        return false;
      default:  // filterfalse
        if (ok) continue;
        *out = item;
        return true;
    }
  }
}

bool starmap_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value src = it->source, fn = it->aux, item, args;
  VM::NativeRoots roots(vm, {&src, &fn, &item, &args});
  if (!vm.next_gc_safe(src, &item, gc_safe)) return false;
  args = vm.is_tuple(item) ? item : vm.new_tuple(vm.to_vector(item));
  *out = vm.call_gc_safe(fn, vm.as<TupleObj>(args)->items, gc_safe);
  return true;
}

bool pairwise_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value src = it->source, old, item;
  VM::NativeRoots roots(vm, {&src, &old, &item});
  if (!it->strict) {
    if (!vm.next_gc_safe(src, &old, gc_safe)) {
      finish_iter(it);
      return false;
    }
    if (it->exhausted) return false;
    it->aux = old;
    it->strict = true;
  }
  if (!vm.next_gc_safe(src, &item, gc_safe)) {
    finish_iter(it);
    return false;
  }
  if (it->exhausted) return false;
  old = it->aux;
  it->aux = item;
  *out = vm.new_tuple({old, item});
  return true;
}

bool zip_longest_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  if (!vm.is_list(it->source) || it->index <= 0) {
    finish_iter(it);
    return false;
  }
  Value iters = it->source;
  size_t n = vm.as<ListObj>(iters)->items.size();
  std::vector<Value> result(n);
  Value one;
  VM::NativeRoots roots(vm, {&iters, &one}, &result);
  for (size_t i = 0; i < n; i++) {
    ListObj* l = vm.as<ListObj>(iters);
    if (i >= l->items.size()) break;
    one = l->items[i];
    if (one.is_none()) {
      result[i] = it->aux;
      continue;
    }
    if (vm.next_gc_safe(one, &result[i], gc_safe)) continue;
    if (it->exhausted) return false;
    l = vm.as<ListObj>(iters);
    if (i < l->items.size()) l->items[i] = Value::none();
    if (--it->index <= 0) {
      finish_iter(it);
      return false;
    }
    result[i] = it->aux;
  }
  *out = vm.new_tuple(std::move(result));
  return true;
}

bool islice_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value src = it->source, item;
  VM::NativeRoots roots(vm, {&src, &item});
  while (it->index < it->pos) {
    if (!vm.next_gc_safe(src, &item, gc_safe)) {
      finish_iter(it);
      return false;
    }
    if (it->exhausted) return false;
    it->index++;
  }
  if (it->end != -1 && it->index >= it->end) {
    finish_iter(it);
    return false;
  }
  if (!vm.next_gc_safe(src, &item, gc_safe)) {
    finish_iter(it);
    return false;
  }
  if (it->exhausted) return false;
  it->index++;
  int64_t old = it->pos;
  // Past INT64_MAX or the stop, the next index is the stop (CPython's rule).
  if (__builtin_add_overflow(it->pos, it->step, &it->pos) || it->pos < old ||
      (it->end != -1 && it->pos > it->end)) {
    it->pos = it->end;
  }
  *out = item;
  return true;
}

// ---- groupby ----------------------------------------------------------------------
// The state is a list shared by the groupby and its _grouper objects (a
// grouper steps its groupby's iterator): CPython's groupbyobject fields,
// with `flags` telling which of tgtkey, currkey and currvalue are set.

enum GroupSlot : size_t {
  kKeyFunc,
  kTgtKey,
  kCurrKey,
  kCurrValue,
  kCurrGrouper,  // None or the current _grouper
  kInner,        // the inner iterator
  kFlags,
  kGroupSlots
};
enum GroupSet : int64_t { kHasTgtKey = 1, kHasCurrKey = 2, kHasCurrValue = 4 };

int64_t group_flags(const ListObj* st) { return st->items[kFlags].i; }
void set_group_flags(ListObj* st, int64_t flags) { st->items[kFlags] = Value::integer(flags); }

// groupby_step: advances the inner iterator; false when it ran out.
bool groupby_step(VM& vm, Value state, bool gc_safe) {
  Value inner = vm.as<ListObj>(state)->items[kInner], value, key, keyfunc;
  VM::NativeRoots roots(vm, {&state, &inner, &value, &key, &keyfunc});
  if (!vm.next_gc_safe(inner, &value, gc_safe)) return false;
  keyfunc = vm.as<ListObj>(state)->items[kKeyFunc];
  key = keyfunc.is_none() ? value
                          : vm.call_gc_safe(keyfunc, std::span<const Value>(&value, 1), gc_safe);
  ListObj* st = vm.as<ListObj>(state);
  st->items[kCurrValue] = value;
  st->items[kCurrKey] = key;
  set_group_flags(st, group_flags(st) | kHasCurrKey | kHasCurrValue);
  return true;
}

bool groupby_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value state = it->aux, tgt, curr;
  VM::NativeRoots roots(vm, {&state, &tgt, &curr});
  if (!vm.is_list(state)) return false;
  vm.as<ListObj>(state)->items[kCurrGrouper] = Value::none();
  for (;;) {
    ListObj* st = vm.as<ListObj>(state);
    int64_t flags = group_flags(st);
    if (!(flags & kHasCurrKey)) {
      // nothing read yet: step
    } else if (!(flags & kHasTgtKey)) {
      break;
    } else {
      tgt = st->items[kTgtKey];
      curr = st->items[kCurrKey];
      if (!vm.eq(tgt, curr)) break;
    }
    if (!groupby_step(vm, state, gc_safe)) return false;
  }
  ListObj* st = vm.as<ListObj>(state);
  curr = st->items[kCurrKey];
  st->items[kTgtKey] = curr;
  set_group_flags(st, group_flags(st) | kHasTgtKey);
  Value grouper = vm.new_iter(B::ItGrouper, state, curr);
  vm.as<ListObj>(state)->items[kCurrGrouper] = grouper;
  *out = vm.new_tuple({curr, grouper});
  return true;
}

bool grouper_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value state = it->source, tgt, curr;
  VM::NativeRoots roots(vm, {&state, &tgt, &curr});
  auto is_current = [&] {
    Value g = vm.as<ListObj>(state)->items[kCurrGrouper];
    return g.is_obj() && vm.heap.get(g) == it;
  };
  if (!vm.is_list(state) || !is_current()) {
    finish_iter(it);
    return false;
  }
  if (!(group_flags(vm.as<ListObj>(state)) & kHasCurrValue)) {
    if (!groupby_step(vm, state, gc_safe)) return false;
  }
  tgt = it->aux;
  curr = vm.as<ListObj>(state)->items[kCurrKey];
  if (!vm.eq(tgt, curr)) {
    finish_iter(it);
    return false;
  }
  ListObj* st = vm.as<ListObj>(state);
  *out = st->items[kCurrValue];
  st->items[kCurrValue] = Value::none();
  set_group_flags(st, group_flags(st) & ~kHasCurrValue);
  return true;
}

void check_one_positional(VM& vm, CallArgs& args, const char* name);

// ---- tee ------------------------------------------------------------------------
// The _tee objects of one tee() share a list: [inner iterator, buffer (a
// list), position of the buffer's first item, the _tee objects, running].
// An item is buffered until every _tee of the list has read it (CPython
// frees it when the last reader moves on: here the readers are those ever
// made from the list, so one left unused keeps the buffer growing).

enum TeeSlot : size_t { kTeeInner, kTeeBuffer, kTeeBase, kTeeReaders, kTeeRunning, kTeeSlots };
constexpr size_t kTeeTrimEvery = 64;

Value new_tee(VM& vm, Value shared, int64_t index) {
  Value tee = vm.new_iter(B::ItTee, shared, Value::none());
  vm.as<IterObj>(tee)->index = index;
  ListObj* readers = vm.as<ListObj>(vm.as<ListObj>(shared)->items[kTeeReaders]);
  GrowthMeter meter(vm, readers->items);
  readers->items.push_back(tee);
  return tee;
}

// Drops the items every reader has passed.
void tee_trim(VM& vm, ListObj* st) {
  ListObj* buffer = vm.as<ListObj>(st->items[kTeeBuffer]);
  int64_t base = st->items[kTeeBase].i, low = INT64_MAX;
  for (Value r : vm.as<ListObj>(st->items[kTeeReaders])->items)
    low = std::min(low, vm.as<IterObj>(r)->index);
  if (low - base < static_cast<int64_t>(kTeeTrimEvery)) return;
  buffer->items.erase(buffer->items.begin(), buffer->items.begin() + (low - base));
  st->items[kTeeBase] = Value::integer(low);
}

bool tee_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value shared = it->source, inner, item;
  VM::NativeRoots roots(vm, {&shared, &inner, &item});
  if (!vm.is_list(shared)) return false;
  ListObj* st = vm.as<ListObj>(shared);
  int64_t k = it->index - st->items[kTeeBase].i;
  if (k < 0) return false;  // only a damaged state could be behind the buffer
  ListObj* buffer = vm.as<ListObj>(st->items[kTeeBuffer]);
  if (k < static_cast<int64_t>(buffer->items.size())) {
    *out = buffer->items[static_cast<size_t>(k)];
    if (++it->index % kTeeTrimEvery == 0) tee_trim(vm, st);
    return true;
  }
  if (st->items[kTeeRunning].i) vm.raise(B::RuntimeError, "cannot re-enter the tee iterator");
  inner = st->items[kTeeInner];
  st->items[kTeeRunning] = Value::boolean(true);
  bool got;
  try {
    got = vm.next_gc_safe(inner, &item, gc_safe);
  } catch (PyError&) {
    vm.as<ListObj>(shared)->items[kTeeRunning] = Value::boolean(false);
    throw;
  }
  st = vm.as<ListObj>(shared);
  st->items[kTeeRunning] = Value::boolean(false);
  if (!got) return false;
  buffer = vm.as<ListObj>(st->items[kTeeBuffer]);
  {
    GrowthMeter meter(vm, buffer->items);
    buffer->items.push_back(item);
  }
  *out = item;
  if (++it->index % kTeeTrimEvery == 0) tee_trim(vm, st);
  return true;
}

// A _tee over `iterable`: a new shared list, or a copy when the iterator
// is already a _tee (as CPython does through __copy__).
bool is_tee(VM& vm, Value v) {
  return vm.is_kind(v, ObjKind::Iterator) && vm.as<IterObj>(v)->type == B::ItTee;
}

Value tee_from(VM& vm, Value iterable) {
  Value inner = vm.iter(iterable);
  if (is_tee(vm, inner)) return inner;
  std::vector<Value> state(kTeeSlots);
  state[kTeeInner] = inner;
  state[kTeeBuffer] = vm.new_list();
  state[kTeeBase] = Value::integer(0);
  state[kTeeReaders] = vm.new_list();
  state[kTeeRunning] = Value::boolean(false);
  return new_tee(vm, vm.new_list(std::move(state)), 0);
}

Value tee_copy(VM& vm, Value tee) {
  auto* it = vm.as<IterObj>(tee);
  if (!vm.is_list(it->source)) return vm.new_iter(B::ItTee, Value::none(), Value::none());
  return new_tee(vm, it->source, it->index);
}

Value it_tee(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("itertools.tee() takes no keyword arguments");
  check_arg_count(vm, args, "tee", 1, 2);
  int64_t n = args.size() == 2 ? vm.to_index(args[1]) : 2;
  if (n < 0) vm.value_error("n must be >= 0");
  std::vector<Value> tees;
  if (n == 0) return vm.new_tuple(std::move(tees));
  vm.check_alloc_items(static_cast<uint64_t>(n), sizeof(Value));
  tees.reserve(static_cast<size_t>(n));
  tees.push_back(tee_from(vm, args[0]));
  for (int64_t i = 1; i < n; i++) tees.push_back(tee_copy(vm, tees[0]));
  return vm.new_tuple(std::move(tees));
}

Value construct_tee(VM& vm, CallArgs& args) {
  check_one_positional(vm, args, "_tee");
  Value inner = vm.iter(args[0]);
  return is_tee(vm, inner) ? tee_copy(vm, inner) : tee_from(vm, inner);
}

Value tee_copy_method(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__copy__", 0, 0);
  return tee_copy(vm, args.self);
}

// ---- combinatorics -----------------------------------------------------------------
// No Python code runs while these step: the pools are tuples made at
// construction, so the index lists are read and written directly.

Value pool_tuple(VM& vm, const std::vector<Value>& pool, const ListObj* idx, size_t count) {
  std::vector<Value> items(count);
  for (size_t i = 0; i < count; i++) items[i] = pool[static_cast<size_t>(index_at(idx, i))];
  return vm.new_tuple(std::move(items));
}

bool product_next(VM& vm, IterObj* it, Value* out) {
  const auto& pools = vm.as<TupleObj>(it->source)->items;
  ListObj* idx = state_list(vm, it);
  size_t n = pools.size();
  if (!it->strict) {
    it->strict = true;
    for (Value p : pools) {
      if (vm.as<TupleObj>(p)->items.empty()) {
        finish_iter(it);
        return false;
      }
    }
  } else {
    size_t i = n;
    while (i > 0) {
      i--;
      int64_t k = index_at(idx, i) + 1;
      if (k < static_cast<int64_t>(vm.as<TupleObj>(pools[i])->items.size())) {
        idx->items[i] = Value::integer(k);
        break;
      }
      idx->items[i] = Value::integer(0);
      if (i == 0) {
        finish_iter(it);
        return false;
      }
    }
    if (n == 0) {
      finish_iter(it);
      return false;
    }
  }
  std::vector<Value> result(n);
  for (size_t i = 0; i < n; i++)
    result[i] = vm.as<TupleObj>(pools[i])->items[static_cast<size_t>(index_at(idx, i))];
  *out = vm.new_tuple(std::move(result));
  return true;
}

bool permutations_next(VM& vm, IterObj* it, Value* out) {
  const auto& pool = vm.as<TupleObj>(it->source)->items;
  ListObj* st = state_list(vm, it);
  auto n = static_cast<int64_t>(pool.size());
  int64_t r = it->end;
  auto idx = [&](int64_t i) -> Value& { return st->items[static_cast<size_t>(i)]; };
  auto cyc = [&](int64_t i) -> Value& { return st->items[static_cast<size_t>(n + i)]; };
  if (!it->strict) {
    it->strict = true;
    if (r > n) {
      finish_iter(it);
      return false;
    }
  } else {
    if (n == 0) {
      finish_iter(it);
      return false;
    }
    int64_t i = r - 1;
    for (; i >= 0; i--) {
      cyc(i).i -= 1;
      if (cyc(i).i == 0) {
        // Rotate indices[i:] left by one.
        Value first = idx(i);
        for (int64_t j = i; j < n - 1; j++) idx(j) = idx(j + 1);
        idx(n - 1) = first;
        cyc(i) = Value::integer(n - i);
      } else {
        int64_t j = cyc(i).i;
        std::swap(idx(i), idx(n - j));
        break;
      }
    }
    if (i < 0) {
      finish_iter(it);
      return false;
    }
  }
  *out = pool_tuple(vm, pool, st, static_cast<size_t>(r));
  return true;
}

bool combinations_next(VM& vm, IterObj* it, Value* out) {
  const auto& pool = vm.as<TupleObj>(it->source)->items;
  ListObj* st = state_list(vm, it);
  auto n = static_cast<int64_t>(pool.size());
  int64_t r = it->end;
  bool with_replacement = it->type == B::ItCombinationsWR;
  if (!it->strict) {
    it->strict = true;
    if (with_replacement ? (n == 0 && r > 0) : r > n) {
      finish_iter(it);
      return false;
    }
  } else {
    // The rightmost index that is not at its maximum.
    int64_t i = r - 1;
    while (i >= 0 && index_at(st, static_cast<size_t>(i)) == (with_replacement ? n - 1 : i + n - r))
      i--;
    if (i < 0) {
      finish_iter(it);
      return false;
    }
    int64_t k = index_at(st, static_cast<size_t>(i)) + 1;
    for (int64_t j = i; j < r; j++) {
      st->items[static_cast<size_t>(j)] = Value::integer(k);
      if (!with_replacement) k++;
    }
  }
  *out = pool_tuple(vm, pool, st, static_cast<size_t>(r));
  return true;
}

// ---- constructors ----------------------------------------------------------------

// CPython's _PyArg_CheckPositional(name, n, 1, 1) wording ("cycle expected 1
// argument, got 2"), where check_arg_count has METH_O's.
void check_one_positional(VM& vm, CallArgs& args, const char* name) {
  check_no_kwargs(vm, args, name);
  if (args.size() != 1) {
    vm.type_error(std::string(name) + " expected 1 argument, got " + std::to_string(args.size()));
  }
}

// An int argument of the combinatoric types (r, repeat): CPython's "n"
// conversion, and non-negative.
int64_t non_negative(VM& vm, Value v, const char* message) {
  int64_t n = vm.to_index(v);
  if (n < 0) vm.value_error(message);
  return n;
}

Value pool_of(VM& vm, Value iterable) { return vm.new_tuple(vm.to_vector(iterable)); }

Value index_list(VM& vm, int64_t count, bool counting_up) {
  vm.check_alloc_items(static_cast<uint64_t>(count), sizeof(Value));
  std::vector<Value> items(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; i++)
    items[static_cast<size_t>(i)] = Value::integer(counting_up ? i : 0);
  return vm.new_list(std::move(items));
}

Value construct_count(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "count", {"start", "step"}, 0, 0, a);
  Value start = a[0].is_undef() ? Value::integer(0) : a[0];
  Value step = a[1].is_undef() ? Value::integer(1) : a[1];
  if (!is_number(vm, start) || !is_number(vm, step)) vm.type_error("a number is required");
  // CPython counts in a C integer when the start is an int and the step is
  // 1: count(True) yields 1, 2, ... (its slow path keeps True as is).
  if (start.is_bool() && is_int_one(step)) start = Value::integer(start.i);
  return vm.new_iter(B::ItCount, step, start);
}

Value construct_repeat(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "repeat", {"object", "times"}, 1, 0, a);
  Value out = vm.new_iter(B::ItRepeat, a[0], Value::none());
  int64_t times = a[1].is_undef() ? -1 : std::max<int64_t>(vm.to_index(a[1]), 0);
  vm.as<IterObj>(out)->end = times;
  return out;
}

Value construct_cycle(VM& vm, CallArgs& args) {
  check_one_positional(vm, args, "cycle");
  Value inner = vm.iter(args[0]);
  return vm.new_iter(B::ItCycle, inner, vm.new_list());
}

Value construct_accumulate(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args(vm, args, "accumulate", {"iterable", "func", "initial"}, 1, 0, a);
  if (args.size() > 2) {
    vm.type_error("accumulate() takes at most 2 positional arguments (" +
                  std::to_string(args.size()) + " given)");
  }
  Value inner = vm.iter(a[0]);
  Value func = a[1].is_undef() ? Value::none() : a[1];
  Value initial = a[2].is_undef() ? Value::none() : a[2];
  return vm.new_iter(B::ItAccumulate, inner, vm.new_list({func, Value::none(), initial}));
}

Value construct_chain(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("chain() takes no keyword arguments");
  Value iterables = vm.new_tuple(std::vector<Value>(args.pos.begin(), args.pos.end()));
  return vm.new_iter(B::ItChain, vm.iter(iterables), Value::none());
}

Value chain_from_iterable(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "chain.from_iterable", 1, 1);
  return vm.new_iter(B::ItChain, vm.iter(args[0]), Value::none());
}

Value construct_compress(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "compress", {"data", "selectors"}, 2, 0, a);
  Value data = vm.iter(a[0]);
  Value selectors = vm.iter(a[1]);
  return vm.new_iter(B::ItCompress, data, selectors);
}

Value construct_predicate_iter(VM& vm, CallArgs& args, B type, const char* name) {
  check_arg_count(vm, args, name, 2, 2);
  Value inner = vm.iter(args[1]);
  return vm.new_iter(type, inner, args[0]);
}

Value construct_dropwhile(VM& vm, CallArgs& args) {
  return construct_predicate_iter(vm, args, B::ItDropWhile, "dropwhile");
}
Value construct_takewhile(VM& vm, CallArgs& args) {
  return construct_predicate_iter(vm, args, B::ItTakeWhile, "takewhile");
}
Value construct_filterfalse(VM& vm, CallArgs& args) {
  return construct_predicate_iter(vm, args, B::ItFilterFalse, "filterfalse");
}
Value construct_starmap(VM& vm, CallArgs& args) {
  return construct_predicate_iter(vm, args, B::ItStarMap, "starmap");
}

Value construct_pairwise(VM& vm, CallArgs& args) {
  check_one_positional(vm, args, "pairwise");
  return vm.new_iter(B::ItPairwise, vm.iter(args[0]), Value::none());
}

Value construct_zip_longest(VM& vm, CallArgs& args) {
  Value fill = Value::none();
  for (size_t i = 0; i < args.kw_names.size(); i++) {
    if (vm.str_view(args.kw_names[i]) != "fillvalue" || args.kw_names.size() > 1)
      vm.type_error("zip_longest() got an unexpected keyword argument");
    fill = args.kw_values[i];
  }
  std::vector<Value> iters;
  iters.reserve(args.size());
  for (size_t i = 0; i < args.size(); i++) iters.push_back(vm.iter(args[i]));
  Value out = vm.new_iter(B::ItZipLongest, vm.new_list(std::move(iters)), fill);
  vm.as<IterObj>(out)->index = static_cast<int64_t>(args.size());
  return out;
}

// An islice() bound: None, or an int in [0, INT64_MAX]; -1 when it is not.
int64_t islice_bound(VM& vm, Value v, int64_t if_none) {
  if (v.is_none()) return if_none;
  if (v.is_int() || v.is_bool()) return v.i >= 0 ? v.i : -1;
  if (vm.is_bigint(v)) return -1;
  try {
    Value r = to_int_index(vm, v);
    return r.is_int() && r.i >= 0 ? r.i : -1;
  } catch (PyError& e) {
    if (!vm.is_instance(e.exc, B::TypeError)) throw;
    return -1;  // CPython replaces the conversion's error with its own
  }
}

Value construct_islice(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "islice", 2, 4);
  int64_t start = 0, stop, step = 1;
  if (args.size() == 2) {
    stop = islice_bound(vm, args[1], -1);
    if (stop == -1 && !args[1].is_none()) {
      vm.value_error(
          "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    }
  } else {
    start = islice_bound(vm, args[1], 0);
    stop = islice_bound(vm, args[2], -1);
    if (start == -1 || (stop == -1 && !args[2].is_none())) {
      vm.value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    }
    if (args.size() == 4) {
      step = islice_bound(vm, args[3], 1);
      if (step < 1) vm.value_error("Step for islice() must be a positive integer or None.");
    }
  }
  Value inner = vm.iter(args[0]);
  Value out = vm.new_iter(B::ItISlice, inner, Value::none());
  auto* it = vm.as<IterObj>(out);
  it->pos = start;
  it->end = stop;
  it->step = step;
  return out;
}

Value construct_groupby(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "groupby", {"iterable", "key"}, 1, 0, a);
  Value inner = vm.iter(a[0]);
  Value keyfunc = a[1].is_undef() ? Value::none() : a[1];
  std::vector<Value> state(kGroupSlots, Value::none());
  state[kKeyFunc] = keyfunc;
  state[kInner] = inner;
  state[kFlags] = Value::integer(0);
  return vm.new_iter(B::ItGroupBy, Value::none(), vm.new_list(std::move(state)));
}

Value construct_product(VM& vm, CallArgs& args) {
  int64_t repeat = 1;
  if (args.kw_names.size() > 1) {
    vm.type_error("product() takes at most 1 keyword argument (" +
                  std::to_string(args.kw_names.size()) + " given)");
  }
  if (args.has_kwargs()) {
    std::string_view k = vm.str_view(args.kw_names[0]);
    if (k != "repeat")
      vm.type_error("'" + std::string(k) + "' is an invalid keyword argument for product()");
    repeat = non_negative(vm, args.kw_values[0], "repeat argument cannot be negative");
  }
  // With repeat=0 the iterables are not even read (CPython's product_new).
  std::vector<Value> pools;
  pools.reserve(args.size());
  for (size_t i = 0; i < args.size() && repeat > 0; i++) pools.push_back(pool_of(vm, args[i]));
  uint64_t n = repeat == 0 ? 0 : static_cast<uint64_t>(pools.size());
  if (n != 0 && static_cast<uint64_t>(repeat) > (UINT64_MAX / sizeof(Value)) / n)
    vm.raise(B::OverflowError, "repeat argument too large");
  vm.check_alloc_items(n * static_cast<uint64_t>(repeat), sizeof(Value));
  std::vector<Value> all;
  all.reserve(static_cast<size_t>(n * static_cast<uint64_t>(repeat)));
  for (int64_t r = 0; r < repeat; r++) all.insert(all.end(), pools.begin(), pools.end());
  int64_t count = static_cast<int64_t>(all.size());
  Value tuple = vm.new_tuple(std::move(all));
  return vm.new_iter(B::ItProduct, tuple, index_list(vm, count, false));
}

Value construct_permutations(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "permutations", {"iterable", "r"}, 1, 0, a);
  Value pool = pool_of(vm, a[0]);
  auto n = static_cast<int64_t>(vm.as<TupleObj>(pool)->items.size());
  int64_t r = n;
  if (!a[1].is_undef() && !a[1].is_none()) {
    if (!a[1].is_int() && !a[1].is_bool() && !vm.is_bigint(a[1]))
      vm.type_error("Expected int as r");
    r = non_negative(vm, a[1], "r must be non-negative");
  }
  // r > n yields nothing: no state is needed (CPython allocates r cycles
  // anyway, but never reads them).
  std::vector<Value> state;
  if (r <= n) {
    vm.check_alloc_items(static_cast<uint64_t>(n + r), sizeof(Value));
    state.reserve(static_cast<size_t>(n + r));
    for (int64_t i = 0; i < n; i++) state.push_back(Value::integer(i));
    for (int64_t i = 0; i < r; i++) state.push_back(Value::integer(n - i));
  }
  Value out = vm.new_iter(B::ItPermutations, pool, vm.new_list(std::move(state)));
  vm.as<IterObj>(out)->end = r;
  return out;
}

Value construct_combinations_of(VM& vm, CallArgs& args, B type, const char* name) {
  Value a[2];
  bind_args(vm, args, name, {"iterable", "r"}, 2, 0, a);
  Value pool = pool_of(vm, a[0]);
  int64_t r = non_negative(vm, a[1], "r must be non-negative");
  auto n = static_cast<int64_t>(vm.as<TupleObj>(pool)->items.size());
  bool empty = type == B::ItCombinations ? r > n : (n == 0 && r > 0);
  Value out = vm.new_iter(type, pool, index_list(vm, empty ? 0 : r, type == B::ItCombinations));
  vm.as<IterObj>(out)->end = r;
  return out;
}

Value construct_combinations(VM& vm, CallArgs& args) {
  return construct_combinations_of(vm, args, B::ItCombinations, "combinations");
}
Value construct_combinations_wr(VM& vm, CallArgs& args) {
  return construct_combinations_of(vm, args, B::ItCombinationsWR, "combinations_with_replacement");
}

constexpr MethodDef kChainMethodTable[] = {
    {"from_iterable", chain_from_iterable, MethodKind::Class},
};
constexpr MethodDef kTeeMethodTable[] = {
    {"__copy__", tee_copy_method},
};
constexpr BuiltinFnDef kItertoolsFunctionTable[] = {
    {"tee", it_tee, "itertools"},
};

}  // namespace

std::span<const MethodDef> itertools_methods(BuiltinTypeId t) {
  if (t == B::ItChain) return kChainMethodTable;
  if (t == B::ItTee) return kTeeMethodTable;
  return {};
}
const std::span<const BuiltinFnDef> kItertoolsFunctions = kItertoolsFunctionTable;

bool is_itertools_type(BuiltinTypeId t) {
  return static_cast<uint32_t>(t) >= static_cast<uint32_t>(B::ItCount) &&
         static_cast<uint32_t>(t) <= static_cast<uint32_t>(B::ItTee);
}

NativeFn itertools_constructor(BuiltinTypeId t) {
  switch (t) {
    case B::ItCount:
      return construct_count;
    case B::ItCycle:
      return construct_cycle;
    case B::ItRepeat:
      return construct_repeat;
    case B::ItAccumulate:
      return construct_accumulate;
    case B::ItChain:
      return construct_chain;
    case B::ItCompress:
      return construct_compress;
    case B::ItDropWhile:
      return construct_dropwhile;
    case B::ItTakeWhile:
      return construct_takewhile;
    case B::ItFilterFalse:
      return construct_filterfalse;
    case B::ItStarMap:
      return construct_starmap;
    case B::ItPairwise:
      return construct_pairwise;
    case B::ItZipLongest:
      return construct_zip_longest;
    case B::ItISlice:
      return construct_islice;
    case B::ItGroupBy:
      return construct_groupby;
    case B::ItProduct:
      return construct_product;
    case B::ItPermutations:
      return construct_permutations;
    case B::ItCombinations:
      return construct_combinations;
    case B::ItCombinationsWR:
      return construct_combinations_wr;
    case B::ItTee:
      return construct_tee;
    default:
      return nullptr;  // _grouper: made by groupby only
  }
}

bool itertools_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  switch (it->type) {
    case B::ItCount:
      return count_next(vm, it, out);
    case B::ItRepeat:
      return repeat_next(it, out);
    case B::ItCycle:
      return cycle_next(vm, it, out, gc_safe);
    case B::ItAccumulate:
      return accumulate_next(vm, it, out, gc_safe);
    case B::ItChain:
      return chain_next(vm, it, out, gc_safe);
    case B::ItCompress:
      return compress_next(vm, it, out, gc_safe);
    case B::ItDropWhile:
    case B::ItTakeWhile:
    case B::ItFilterFalse:
      return predicate_next(vm, it, out, gc_safe);
    case B::ItStarMap:
      return starmap_next(vm, it, out, gc_safe);
    case B::ItPairwise:
      return pairwise_next(vm, it, out, gc_safe);
    case B::ItZipLongest:
      return zip_longest_next(vm, it, out, gc_safe);
    case B::ItISlice:
      return islice_next(vm, it, out, gc_safe);
    case B::ItGroupBy:
      return groupby_next(vm, it, out, gc_safe);
    case B::ItGrouper:
      return grouper_next(vm, it, out, gc_safe);
    case B::ItProduct:
      return product_next(vm, it, out);
    case B::ItPermutations:
      return permutations_next(vm, it, out);
    case B::ItCombinations:
    case B::ItCombinationsWR:
      return combinations_next(vm, it, out);
    case B::ItTee:
      return tee_next(vm, it, out, gc_safe);
    default:
      finish_iter(it);
      return false;
  }
}

std::string itertools_repr(VM& vm, IterObj* it) {
  if (it->type == B::ItCount) {
    Value cur = it->aux, step = it->source;
    if (is_int_one(step)) return "count(" + vm.repr_str(cur) + ")";
    return "count(" + vm.repr_str(cur) + ", " + vm.repr_str(step) + ")";
  }
  if (it->type == B::ItRepeat) {
    std::string object = vm.repr_str(it->source);
    if (it->end < 0) return "repeat(" + object + ")";
    return "repeat(" + object + ", " + std::to_string(it->end) + ")";
  }
  return {};
}

void init_itertools_module(VM& vm, ModuleObj* module) {
  for (uint32_t t = static_cast<uint32_t>(B::ItCount);
       t <= static_cast<uint32_t>(B::ItCombinationsWR); t++) {
    if (static_cast<B>(t) == B::ItGrouper) continue;  // _grouper and _tee are not in the module
    std::string_view full = type_info(static_cast<B>(t)).name;
    module->attrs.set(vm, vm.new_str(full.substr(full.find('.') + 1)), Value::type(t));
  }
}

}  // namespace monty

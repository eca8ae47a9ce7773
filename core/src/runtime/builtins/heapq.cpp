// The heapq module: heappush, heappop, heapify, heapreplace, heappushpop
// (CPython's C implementation, step for step: the same comparisons in the same
// order, so heaps come out element for element as in CPython, and a `__lt__`
// that changes the list's size gets its RuntimeError), nlargest and nsmallest
// (heapq.py's algorithms, natively). merge and the _max variants are not
// provided (imports of them fail by name).
#include <string>

#include "runtime/types/registry.h"

namespace monty {

namespace {

// The arguments of _heapq's C functions, checked with their wording: the
// heap must be a list ("heappush() argument 1 must be list, not tuple"; one-
// argument functions say "argument must be"), no keywords.
ListObj* heap_args(VM& vm, CallArgs& args, const char* fname, size_t count) {
  const std::string f(fname);
  if (args.has_kwargs()) vm.type_error("_heapq." + f + "() takes no keyword arguments");
  if (count == 1 && args.size() != 1) {
    vm.type_error("_heapq." + f + "() takes exactly one argument (" + std::to_string(args.size()) +
                  " given)");
  }
  if (count == 2 && args.size() != 2)
    vm.type_error(f + " expected 2 arguments, got " + std::to_string(args.size()));
  if (!vm.is_list(args[0])) {
    vm.type_error(f + "() argument" + (count == 1 ? "" : " 1") + " must be list, not " +
                  vm.type_name(args[0]));
  }
  return vm.as<ListObj>(args[0]);
}

[[noreturn]] void changed_size(VM& vm) {
  vm.raise(BuiltinTypeId::RuntimeError, "list changed size during iteration");
}

// `a` belongs above `b`: a < b in a heap, b < a in the max-heaps that
// nsmallest keeps (CPython's _heapify_max and _heapreplace_max).
template <bool kMaxHeap>
bool above(VM& vm, Value a, Value b) {
  vm.native_tick();
  return kMaxHeap ? vm.lt(b, a) : vm.lt(a, b);
}

// heap[pos] moves towards the root (startpos) while it belongs above its
// parent. Comparisons may run Python code that changes the list: items are
// re-read after each one, never held by reference.
template <bool kMaxHeap = false>
void sift_down(VM& vm, ListObj* heap, size_t startpos, size_t pos) {
  const size_t size = heap->items.size();
  if (pos >= size) vm.raise(BuiltinTypeId::IndexError, "index out of range");
  while (pos > startpos) {
    const size_t parentpos = (pos - 1) >> 1;
    const bool up = above<kMaxHeap>(vm, heap->items[pos], heap->items[parentpos]);
    if (size != heap->items.size()) changed_size(vm);
    if (!up) break;
    std::swap(heap->items[parentpos], heap->items[pos]);
    pos = parentpos;
  }
}

// The child that belongs higher moves up until heap[pos]'s old value reaches
// a leaf, then sifts down to its place.
template <bool kMaxHeap = false>
void sift_up(VM& vm, ListObj* heap, size_t pos) {
  const size_t endpos = heap->items.size();
  const size_t startpos = pos;
  if (pos >= endpos) vm.raise(BuiltinTypeId::IndexError, "index out of range");
  const size_t limit = endpos >> 1;  // the first position without a child
  while (pos < limit) {
    size_t childpos = 2 * pos + 1;
    if (childpos + 1 < endpos) {
      const bool left = above<kMaxHeap>(vm, heap->items[childpos], heap->items[childpos + 1]);
      if (endpos != heap->items.size()) changed_size(vm);
      if (!left) childpos++;
    }
    std::swap(heap->items[childpos], heap->items[pos]);
    pos = childpos;
  }
  sift_down<kMaxHeap>(vm, heap, startpos, pos);
}

Value hq_heappush(VM& vm, CallArgs& args) {
  ListObj* heap = heap_args(vm, args, "heappush", 2);
  vm.check_alloc(sizeof(Value));
  heap->items.push_back(args[1]);
  sift_down(vm, heap, 0, heap->items.size() - 1);
  return Value::none();
}

Value hq_heappop(VM& vm, CallArgs& args) {
  ListObj* heap = heap_args(vm, args, "heappop", 1);
  if (heap->items.empty()) vm.raise(BuiltinTypeId::IndexError, "index out of range");
  Value last = heap->items.back();
  heap->items.pop_back();
  if (heap->items.empty()) return last;
  Value top = heap->items[0];
  heap->items[0] = last;
  sift_up(vm, heap, 0);
  return top;
}

Value hq_heapreplace(VM& vm, CallArgs& args) {
  ListObj* heap = heap_args(vm, args, "heapreplace", 2);
  if (heap->items.empty()) vm.raise(BuiltinTypeId::IndexError, "index out of range");
  Value top = heap->items[0];
  heap->items[0] = args[1];
  sift_up(vm, heap, 0);
  return top;
}

Value hq_heappushpop(VM& vm, CallArgs& args) {
  ListObj* heap = heap_args(vm, args, "heappushpop", 2);
  Value item = args[1];
  if (heap->items.empty()) return item;
  vm.native_tick();
  if (!vm.lt(heap->items[0], item)) return item;
  if (heap->items.empty()) vm.raise(BuiltinTypeId::IndexError, "index out of range");
  Value top = heap->items[0];
  heap->items[0] = item;
  sift_up(vm, heap, 0);
  return top;
}

// The top bit of n as a number (keep_top_bit in CPython).
size_t top_bit(size_t n) {
  size_t i = 0;
  while (n > 1) {
    n >>= 1;
    i++;
  }
  return n << i;
}

// heapify and _heapify_max (max_heap).
void heapify_list(VM& vm, ListObj* heap, bool max_heap) {
  auto sift = [&](size_t i) {
    if (max_heap) {
      sift_up<true>(vm, heap, i);
    } else {
      sift_up(vm, heap, i);
    }
  };
  const size_t n = heap->items.size();
  if (n <= 2500) {
    for (size_t i = n >> 1; i-- > 0;) sift(i);
    return;
  }
  // CPython's cache-friendly order for big heaps (Sedgewick): whole
  // subtrees at a time. It leaves some elements elsewhere than the simple
  // order would, so it is followed exactly.
  const size_t m = n >> 1;  // the first childless node
  const size_t leftmost = top_bit(m + 1) - 1;
  const size_t mhalf = m >> 1;
  auto sift_subtree = [&](size_t i) {
    for (size_t j = i;; j >>= 1) {
      sift(j);
      if (!(j & 1)) break;
    }
  };
  for (size_t i = leftmost; i-- > mhalf;) sift_subtree(i);
  for (size_t i = m; i-- > leftmost;) sift_subtree(i);
}

Value hq_heapify(VM& vm, CallArgs& args) {
  ListObj* heap = heap_args(vm, args, "heapify", 1);
  heapify_list(vm, heap, false);
  return Value::none();
}

// len(iterable), or -1 where heapq.py's `len()` would raise TypeError or
// AttributeError (generators, iterators).
int64_t size_if_sized(VM& vm, Value iterable) {
  try {
    return vm.len(iterable);
  } catch (PyError& e) {
    if (vm.is_instance(e.exc, BuiltinTypeId::TypeError) ||
        vm.is_instance(e.exc, BuiltinTypeId::AttributeError))
      return -1;
    throw;
  }
}

// nsmallest(n, iterable, key=None) and nlargest: heapq.py's algorithm step
// for step (min()/max() for n == 1, sorted() when n covers len(iterable),
// else a heap of n (key, order, item) entries), so memory stays O(n) on long
// iterators and the comparisons are CPython's.
Value n_best(VM& vm, CallArgs& args, const char* fname, bool largest) {
  Value a[3];
  bind_args_like_python(vm, args, fname, {"n", "iterable", "key"}, 2, a);
  const Value n = a[0], iterable = a[1];
  const Value key = a[2].is_undef() ? Value::none() : a[2];
  auto key_of = [&](Value item) {
    return key.is_none() ? item : vm.call(key, std::span<const Value>(&item, 1));
  };
  if (vm.eq(n, Value::integer(1))) {
    // min(it, default=sentinel, key=key) / max(...): the first best item.
    Value it = vm.iter(iterable), item, best, best_key;
    while (vm.next(it, &item)) {
      Value k = key_of(item);
      if (best.is_undef() ||
          vm.truthy(vm.compare(largest ? CmpArg::Gt : CmpArg::Lt, k, best_key))) {
        best = item;
        best_key = k;
      }
    }
    return best.is_undef() ? vm.new_list({}) : vm.new_list({best});
  }
  const int64_t size = size_if_sized(vm, iterable);
  if (size >= 0 && vm.truthy(vm.compare(CmpArg::GtE, n, Value::integer(size)))) {
    // sorted(iterable, key=key, reverse=largest)[:n]
    if (!vm.is_integer(n))
      vm.type_error("slice indices must be integers or None or have an __index__ method");
    std::vector<Value> kw_names, kw_values;
    if (!key.is_none()) {
      kw_names.push_back(vm.intern("key"));
      kw_values.push_back(key);
    }
    if (largest) {
      kw_names.push_back(vm.intern("reverse"));
      kw_values.push_back(Value::boolean(true));
    }
    Value list = vm.new_list(vm.to_vector(iterable));
    CallArgs sort_args{list, {}, kw_names, kw_values};
    list_sort(vm, sort_args);
    return list;
  }
  // zip(range(n), it): entries (key, order, item), or (item, order) without
  // a key; order counts up for nsmallest and down for nlargest, so equal
  // keys keep their input order.
  const int64_t count = vm.to_index(n);
  Value it = vm.iter(iterable);
  Value result = vm.new_list({});
  ListObj* heap = vm.as<ListObj>(result);
  auto entry = [&](Value k, int64_t order, Value item) {
    return key.is_none() ? vm.new_tuple({k, Value::integer(order)})
                         : vm.new_tuple({k, Value::integer(order), item});
  };
  Value item;
  for (int64_t i = 0; i < count && vm.next(it, &item); i++) {
    vm.check_alloc(sizeof(Value));
    heap->items.push_back(entry(key_of(item), largest ? -i : i, item));
  }
  if (heap->items.empty()) return result;
  heapify_list(vm, heap, !largest);
  auto top_key = [&] { return vm.as<TupleObj>(heap->items[0])->items[0]; };
  Value top = top_key();
  int64_t order = largest ? -count : count;
  while (vm.next(it, &item)) {
    Value k = key_of(item);
    if (largest ? vm.lt(top, k) : vm.lt(k, top)) {
      heap->items[0] = entry(k, order, item);
      if (largest) {
        sift_up(vm, heap, 0);
      } else {
        sift_up<true>(vm, heap, 0);
      }
      top = top_key();
      order += largest ? -1 : 1;
    }
  }
  std::vector<Value> kw_names, kw_values;
  if (largest) {
    kw_names.push_back(vm.intern("reverse"));
    kw_values.push_back(Value::boolean(true));
  }
  CallArgs sort_args{result, {}, kw_names, kw_values};
  list_sort(vm, sort_args);
  for (Value& e : heap->items) e = vm.as<TupleObj>(e)->items[key.is_none() ? 0 : 2];
  return result;
}

Value hq_nlargest(VM& vm, CallArgs& args) { return n_best(vm, args, "nlargest", true); }
Value hq_nsmallest(VM& vm, CallArgs& args) { return n_best(vm, args, "nsmallest", false); }

const BuiltinFnDef kHeapqFunctionTable[] = {
    {"heappush", hq_heappush, "heapq", "_heapq"},
    {"heappop", hq_heappop, "heapq", "_heapq"},
    {"heapify", hq_heapify, "heapq", "_heapq"},
    {"heapreplace", hq_heapreplace, "heapq", "_heapq"},
    {"heappushpop", hq_heappushpop, "heapq", "_heapq"},
    {"nlargest", hq_nlargest, "heapq"},
    {"nsmallest", hq_nsmallest, "heapq"},
};

}  // namespace

const std::span<const BuiltinFnDef> kHeapqFunctions = kHeapqFunctionTable;

}  // namespace monty

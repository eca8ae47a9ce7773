// list: methods, subscripting, repr, sorting, and the helpers shared by the
// container types (declared in registry.h).
//
// Any call that may run Python code (vm.eq, vm.lt, vm.call, vm.repr_str,
// vm.next) may mutate the list being worked on, so loops re-read
// `items.size()` and never hold iterators or references across such calls.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

// ---- shared helpers -----------------------------------------------------------

namespace {

// Exact int == float (no rounding of the int through double).
bool int_float_eq(int64_t i, double d) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return false;
  auto t = static_cast<int64_t>(d);
  return static_cast<double>(t) == d && t == i;
}

// Categories of values whose equality never runs Python code.
enum class Cat { Unknown, Number, None, Str, Bytes, Builtin };

Cat category(const VM& vm, Value v) {
  switch (v.tag) {
    case Tag::Int:
    case Tag::Bool:
    case Tag::Float:
      return Cat::Number;
    case Tag::None:
      return Cat::None;
    case Tag::BuiltinFn:
    case Tag::Type:
      return Cat::Builtin;
    case Tag::Obj:
      switch (vm.kind(v)) {
        case ObjKind::Str:
          return Cat::Str;
        case ObjKind::Bytes:
          return Cat::Bytes;
        case ObjKind::BigInt:
          return Cat::Number;
        default:
          return Cat::Unknown;
      }
    default:
      return Cat::Unknown;
  }
}

}  // namespace

int fast_eq(const VM& vm, Value a, Value b) {
  if (a.same(b)) return 1;
  // The common cases first: small ints and str.
  if ((a.tag == Tag::Int || a.tag == Tag::Bool) && (b.tag == Tag::Int || b.tag == Tag::Bool)) {
    return a.i == b.i ? 1 : 0;
  }
  Cat ca = category(vm, a);
  if (ca == Cat::Unknown) return -1;
  Cat cb = category(vm, b);
  if (cb == Cat::Unknown) return -1;
  if (ca != cb) return 0;
  switch (ca) {
    case Cat::Str: {
      const StrObj* x = vm.as<StrObj>(a);
      const StrObj* y = vm.as<StrObj>(b);
      if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return 0;
      return x->data == y->data ? 1 : 0;
    }
    case Cat::Bytes:
      return vm.as<BytesObj>(a)->data == vm.as<BytesObj>(b)->data ? 1 : 0;
    case Cat::Number: {
      if (a.is_float() && b.is_float()) return a.f == b.f ? 1 : 0;
      if (a.is_float() && !b.is_obj()) return int_float_eq(b.i, a.f) ? 1 : 0;
      if (b.is_float() && !a.is_obj()) return int_float_eq(a.i, b.f) ? 1 : 0;
      if (a.is_obj() && b.is_obj()) {
        return vm.as<BigIntObj>(a)->value == vm.as<BigIntObj>(b)->value ? 1 : 0;
      }
      if (a.is_float() || b.is_float()) return -1;  // BigInt vs float: let vm.eq decide
      return 0;                                     // BigInt vs small int: BigInts never fit int64
    }
    case Cat::None:
    case Cat::Builtin:
      return 0;  // identity was checked above
    default:
      return -1;
  }
}

void check_one_arg(VM& vm, const CallArgs& args, const char* qualname) {
  if (args.has_kwargs()) vm.type_error(std::string(qualname) + "() takes no keyword arguments");
  if (args.size() != 1) {
    vm.type_error(std::string(qualname) + "() takes exactly one argument (" +
                  std::to_string(args.size()) + " given)");
  }
}

void check_no_args(VM& vm, const CallArgs& args, const char* qualname) {
  if (args.has_kwargs()) vm.type_error(std::string(qualname) + "() takes no keyword arguments");
  if (args.size() != 0) {
    vm.type_error(std::string(qualname) + "() takes no arguments (" + std::to_string(args.size()) +
                  " given)");
  }
}

bool seq_index_key(VM& vm, Value key, const char* type_name, int64_t* out) {
  if (key.is_int() || key.is_bool()) {
    *out = key.i;
    return true;
  }
  if (key.is_obj()) {
    ObjKind k = vm.kind(key);
    if (k == ObjKind::Slice) return false;
    if (k == ObjKind::BigInt) {
      vm.raise(BuiltinTypeId::IndexError, "cannot fit 'int' into an index-sized integer");
    }
    if (k == ObjKind::Instance && (!vm.lookup_special(key, "__index__").is_undef() ||
                                   vm.is_integer(subclass_value(vm, key)))) {
      *out = vm.to_subscript_index(key);
      return true;
    }
  }
  vm.type_error(std::string(type_name) + " indices must be integers or slices, not " +
                vm.type_name(key));
}

Value iter_or_type_error(VM& vm, Value v, const char* message) {
  try {
    return vm.iter(v);
  } catch (const PyError& e) {
    if (vm.is_instance(e.exc, BuiltinTypeId::TypeError)) vm.type_error(message);
    throw;
  }
}

ReprGuard::ReprGuard(VM& m, Value v) : vm(m), active(true) {
  for (uint32_t id : vm.repr_stack) {
    if (id == v.id) {
      active = false;
      return;
    }
  }
  vm.repr_stack.push_back(v.id);
}

ReprGuard::~ReprGuard() {
  if (active) vm.repr_stack.pop_back();
}

Value new_set_object(VM& vm, bool frozen) {
  // VM::new_set delegates here: allocate directly.
  Value s = vm.heap.make<SetObj>(frozen);
  vm.as<SetObj>(s)->table.use_set_layout();
  return s;
}

// ---- sequence comparison --------------------------------------------------------

namespace {

bool compare_sizes(CmpArg op, size_t a, size_t b) {
  switch (op) {
    case CmpArg::Lt:
      return a < b;
    case CmpArg::LtE:
      return a <= b;
    case CmpArg::Eq:
      return a == b;
    case CmpArg::NotEq:
      return a != b;
    case CmpArg::Gt:
      return a > b;
    case CmpArg::GtE:
      return a >= b;
  }
  return false;
}

}  // namespace

Value sequence_compare(VM& vm, CmpArg op, std::span<const Value> a, std::span<const Value> b) {
  if ((op == CmpArg::Eq || op == CmpArg::NotEq) && a.size() != b.size()) {
    return Value::boolean(op == CmpArg::NotEq);
  }
  size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  // Fast scan while equality needs no Python code.
  for (; i < n; ++i) {
    int r = fast_eq(vm, a[i], b[i]);
    if (r == 1) continue;
    if (r == 0) break;
    // __eq__ may mutate the containers behind the spans: work on copies.
    VM::DepthGuard guard(vm, " in comparison");
    std::vector<Value> va(a.begin(), a.end());
    std::vector<Value> vb(b.begin(), b.end());
    for (; i < n; ++i) {
      if (!eq_fast(vm, va[i], vb[i])) break;
    }
    if (i >= n) return Value::boolean(compare_sizes(op, va.size(), vb.size()));
    if (op == CmpArg::Eq) return Value::boolean(false);
    if (op == CmpArg::NotEq) return Value::boolean(true);
    return vm.compare(op, va[i], vb[i]);
  }
  if (i >= n) return Value::boolean(compare_sizes(op, a.size(), b.size()));
  if (op == CmpArg::Eq) return Value::boolean(false);
  if (op == CmpArg::NotEq) return Value::boolean(true);
  Value x = a[i], y = b[i];
  VM::DepthGuard guard(vm, " in comparison");
  return vm.compare(op, x, y);
}

// ---- sorting ------------------------------------------------------------------------

namespace {

// A stable merge sort whose comparison may throw PyError (vm.lt runs
// Python code). On a throw the vector is left a permutation of its input,
// as CPython leaves the list.
template <typename T, typename Less>
void binary_insertion_sort(std::vector<T>& v, size_t lo, size_t hi, Less& less) {
  for (size_t i = lo + 1; i < hi; ++i) {
    if (!less(v[i], v[i - 1])) continue;  // already in place (presorted input)
    size_t left = lo, right = i - 1;      // insert v[i] into [left, right)
    while (left < right) {
      size_t mid = left + (right - left) / 2;
      if (less(v[i], v[mid])) {
        right = mid;
      } else {
        left = mid + 1;
      }
    }
    T x = v[i];
    std::move_backward(v.begin() + static_cast<ptrdiff_t>(left),
                       v.begin() + static_cast<ptrdiff_t>(i),
                       v.begin() + static_cast<ptrdiff_t>(i + 1));
    v[left] = x;
  }
}

template <typename T, typename Less>
void merge_runs(std::vector<T>& v, size_t lo, size_t mid, size_t hi, std::vector<T>& tmp,
                Less& less) {
  if (!less(v[mid], v[mid - 1])) return;  // runs already in order
  tmp.assign(v.begin() + static_cast<ptrdiff_t>(lo), v.begin() + static_cast<ptrdiff_t>(mid));
  size_t i = 0, j = mid, k = lo;
  try {
    while (i < tmp.size() && j < hi) {
      if (less(v[j], tmp[i])) {
        v[k++] = v[j++];
      } else {
        v[k++] = tmp[i++];
      }
    }
  } catch (...) {
    // The unconsumed left items fit exactly in [k, j): restore them.
    std::copy(tmp.begin() + static_cast<ptrdiff_t>(i), tmp.end(),
              v.begin() + static_cast<ptrdiff_t>(k));
    throw;
  }
  std::copy(tmp.begin() + static_cast<ptrdiff_t>(i), tmp.end(),
            v.begin() + static_cast<ptrdiff_t>(k));
}

template <typename T, typename Less>
void stable_sort_with(std::vector<T>& v, Less less) {
  const size_t n = v.size();
  if (n < 2) return;
  constexpr size_t kRun = 32;
  for (size_t lo = 0; lo < n; lo += kRun)
    binary_insertion_sort(v, lo, std::min(lo + kRun, n), less);
  std::vector<T> tmp;
  for (size_t width = kRun; width < n; width *= 2) {
    for (size_t lo = 0; lo + width < n; lo += 2 * width) {
      merge_runs(v, lo, lo + width, std::min(lo + 2 * width, n), tmp, less);
    }
  }
}

enum class KeyKind { Int, Float, Str, Other };

KeyKind uniform_kind(const VM& vm, const std::vector<Value>& keys) {
  if (keys.empty()) return KeyKind::Other;
  auto kind_of = [&](Value v) {
    if (v.is_int() || v.is_bool()) return KeyKind::Int;
    if (v.is_float()) return KeyKind::Float;
    if (v.is_obj() && vm.kind(v) == ObjKind::Str) return KeyKind::Str;
    return KeyKind::Other;
  };
  KeyKind k = kind_of(keys[0]);
  if (k == KeyKind::Other) return k;
  for (const Value& v : keys) {
    if (kind_of(v) != k) return KeyKind::Other;
  }
  return k;
}

// Sorts `v` by `key_of(element)` with Python's `<` (fast paths for keys of
// one simple type, which cannot raise or run Python code).
template <typename T, typename KeyOf>
void sort_by_key(VM& vm, std::vector<T>& v, const std::vector<Value>& keys, KeyOf key_of) {
  switch (uniform_kind(vm, keys)) {
    case KeyKind::Int:
      stable_sort_with(v, [&](const T& a, const T& b) { return key_of(a).i < key_of(b).i; });
      return;
    case KeyKind::Float:
      stable_sort_with(v, [&](const T& a, const T& b) { return key_of(a).f < key_of(b).f; });
      return;
    case KeyKind::Str:
      stable_sort_with(v, [&](const T& a, const T& b) {
        return vm.as<StrObj>(key_of(a))->data < vm.as<StrObj>(key_of(b))->data;
      });
      return;
    case KeyKind::Other:
      stable_sort_with(v, [&](const T& a, const T& b) { return vm.lt(key_of(a), key_of(b)); });
      return;
  }
}

struct KeyedItem {
  Value key;
  Value value;
};

// Puts a list's items back when sorting is interrupted by an exception
// (whatever was added to the list meanwhile is dropped, as in CPython).
struct SortRestore {
  ListObj* list;
  std::vector<Value>& items;
  bool done = false;
  ~SortRestore() {
    if (!done) list->items.swap(items);
  }
};

}  // namespace

void sort_by_keys(VM& vm, std::vector<Value>& items, const std::vector<Value>& keys, bool reverse) {
  // Stable for reverse=True too: reversed, sorted forward, reversed back.
  std::vector<KeyedItem> pairs;
  pairs.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) pairs.push_back(KeyedItem{keys[i], items[i]});
  if (reverse) std::reverse(pairs.begin(), pairs.end());
  try {
    sort_by_key(vm, pairs, keys, [](const KeyedItem& p) -> const Value& { return p.key; });
  } catch (...) {
    // A failed comparison leaves the items in some order, none lost.
    for (size_t i = 0; i < pairs.size(); ++i) items[i] = pairs[i].value;
    throw;
  }
  if (reverse) std::reverse(pairs.begin(), pairs.end());
  for (size_t i = 0; i < pairs.size(); ++i) items[i] = pairs[i].value;
}

Value list_sort(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(list_sort);
  if (args.size() != 0) vm.type_error("sort() takes no positional arguments");
  Value key = Value::none();
  bool reverse = false;
  for (size_t i = 0; i < args.kw_names.size(); ++i) {
    std::string_view name = vm.str_view(args.kw_names[i]);
    if (name == "key") {
      key = args.kw_values[i];
    } else if (name == "reverse") {
      reverse = vm.to_index(args.kw_values[i]) != 0;
    } else {
      vm.type_error("'" + std::string(name) + "' is an invalid keyword argument for sort()");
    }
  }
  if (gc_safe && !key.is_none() && vm.can_consume_as_frame() && vm.callable_can_pause(key)) {
    // A key function that may pause (it calls the host) runs as CALLs of a
    // consumer frame, which takes the items out of the list as below.
    Value items = vm.new_list();
    vm.consume_as_frame(reverse ? Consumer::ListSortKeyedReverse : Consumer::ListSortKeyed, items,
                        {items, key, vm.new_list(), args.self});
    // (After the push, which may raise RecursionError.)
    vm.as<ListObj>(items)->items.swap(vm.as<ListObj>(args.self)->items);
    return Value();
  }
  ListObj* list = vm.as<ListObj>(args.self);
  // During the sort the list looks empty, so that changes made by key
  // functions or __lt__ are detected ("list modified during sort").
  std::vector<Value> items;
  items.swap(list->items);
  SortRestore restore{list, items};
  if (key.is_none()) {
    if (reverse) std::reverse(items.begin(), items.end());
    sort_by_key(vm, items, items, [](const Value& v) -> const Value& { return v; });
    if (reverse) std::reverse(items.begin(), items.end());
  } else {
    // The keys in the list's order (CPython calls the key function before
    // reversing for reverse=True).
    std::vector<Value> keys;
    keys.reserve(items.size());
    for (const Value& item : items) {
      Value k = vm.call(key, std::span<const Value>(&item, 1));
      keys.push_back(k);
    }
    sort_by_keys(vm, items, keys, reverse);
  }
  restore.done = true;
  bool modified = !list->items.empty();
  list->items.swap(items);
  if (modified) vm.value_error("list modified during sort");
  return Value::none();
}

// ---- subscripting -----------------------------------------------------------------

Value list_getitem(VM& vm, Value list, Value key) {
  ListObj* l = vm.as<ListObj>(list);
  int64_t i;
  if (seq_index_key(vm, key, "list", &i)) {
    auto n = static_cast<int64_t>(l->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("list index out of range");
    return l->items[static_cast<size_t>(i)];
  }
  int64_t start, stop, step;
  slice_unpack(vm, key, &start, &stop, &step);
  int64_t len = slice_adjust(static_cast<int64_t>(l->items.size()), &start, &stop, step);
  std::vector<Value> out;
  if (len <= 0) return vm.new_list();
  if (step == 1) {
    out.assign(l->items.begin() + start, l->items.begin() + start + len);
  } else {
    out.reserve(static_cast<size_t>(len));
    for (int64_t k = 0, j = start; k < len; ++k, j += step)
      out.push_back(l->items[static_cast<size_t>(j)]);
  }
  return vm.new_list(std::move(out));
}

namespace {

// The items of `value` for a slice assignment (a copy: `a[:] = a` is fine).
std::vector<Value> assigned_items(VM& vm, Value target, Value value, const char* message) {
  if (value.is_obj()) {
    ObjKind k = vm.kind(value);
    if (k == ObjKind::List) return vm.as<ListObj>(value)->items;
    if (k == ObjKind::Tuple) return vm.as<TupleObj>(value)->items;
  }
  (void)target;
  Value it = iter_or_type_error(vm, value, message);
  std::vector<Value> out;
  Value item;
  while (vm.next(it, &item)) out.push_back(item);
  return out;
}

}  // namespace

void list_setitem(VM& vm, Value list, Value key, Value value) {
  ListObj* l = vm.as<ListObj>(list);
  int64_t i;
  if (seq_index_key(vm, key, "list", &i)) {
    auto n = static_cast<int64_t>(l->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("list assignment index out of range");
    l->items[static_cast<size_t>(i)] = value;
    return;
  }
  int64_t ustart, ustop, step;
  slice_unpack(vm, key, &ustart, &ustop, &step);
  if (step == 1) {
    std::vector<Value> seq = assigned_items(vm, list, value, "can only assign an iterable");
    // Clamp against the length after the conversion (it may have run code).
    int64_t start = ustart, stop = ustop;
    slice_adjust(static_cast<int64_t>(l->items.size()), &start, &stop, 1);
    if (stop < start) stop = start;
    auto& items = l->items;
    size_t lo = static_cast<size_t>(start), hi = static_cast<size_t>(stop);
    size_t old_len = hi - lo;
    if (seq.size() > old_len) vm.check_alloc((items.size() + seq.size() - old_len) * sizeof(Value));
    if (seq.size() == old_len) {
      std::copy(seq.begin(), seq.end(), items.begin() + static_cast<ptrdiff_t>(lo));
    } else {
      items.erase(items.begin() + static_cast<ptrdiff_t>(lo),
                  items.begin() + static_cast<ptrdiff_t>(hi));
      items.insert(items.begin() + static_cast<ptrdiff_t>(lo), seq.begin(), seq.end());
    }
    return;
  }
  std::vector<Value> seq =
      assigned_items(vm, list, value, "must assign iterable to extended slice");
  int64_t start = ustart, stop = ustop;
  int64_t len = slice_adjust(static_cast<int64_t>(l->items.size()), &start, &stop, step);
  if (static_cast<int64_t>(seq.size()) != len) {
    vm.value_error("attempt to assign sequence of size " + std::to_string(seq.size()) +
                   " to extended slice of size " + std::to_string(len));
  }
  for (int64_t k = 0, j = start; k < len; ++k, j += step) {
    l->items[static_cast<size_t>(j)] = seq[static_cast<size_t>(k)];
  }
}

void list_delitem(VM& vm, Value list, Value key) {
  ListObj* l = vm.as<ListObj>(list);
  int64_t i;
  if (seq_index_key(vm, key, "list", &i)) {
    auto n = static_cast<int64_t>(l->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("list assignment index out of range");
    l->items.erase(l->items.begin() + i);
    return;
  }
  int64_t start, stop, step;
  slice_unpack(vm, key, &start, &stop, &step);
  int64_t len = slice_adjust(static_cast<int64_t>(l->items.size()), &start, &stop, step);
  if (len <= 0) return;
  auto& items = l->items;
  if (step == 1) {
    items.erase(items.begin() + start, items.begin() + start + len);
    return;
  }
  if (step < 0) {  // same positions, visited upwards
    start = start + step * (len - 1);
    step = -step;
  }
  // One compaction pass: drop positions start, start+step, ...
  size_t w = static_cast<size_t>(start);
  int64_t next = start, removed = 0;
  for (size_t r = static_cast<size_t>(start); r < items.size(); ++r) {
    if (removed < len && static_cast<int64_t>(r) == next) {
      ++removed;
      next += step;
      continue;
    }
    items[w++] = items[r];
  }
  items.resize(w);
}

// ---- repr / construction ------------------------------------------------------------

std::string list_repr(VM& vm, Value v) {
  ListObj* l = vm.as<ListObj>(v);
  if (l->items.empty()) return "[]";
  ReprGuard cycle(vm, v);
  if (!cycle.active) return "[...]";
  VM::DepthGuard guard(vm, " while getting the repr of an object");
  std::string out = "[";
  for (size_t i = 0; i < l->items.size(); ++i) {
    if (i != 0) out += ", ";
    Value item = l->items[i];
    out += vm.repr_str(item);
  }
  out += ']';
  return out;
}

Value construct_list(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(construct_list);
  check_no_kwargs(vm, args, "list");
  check_arg_count(vm, args, "list", 0, 1);
  if (args.size() == 0) return vm.new_list();
  Value src = args[0];
  // (A list subclass's construction does not come here from bytecode.)
  if (gc_safe && vm.consumes_as_frame(src)) {
    vm.consume_as_frame(Consumer::List, src, {vm.new_list()});
    return Value();
  }
  if (src.is_obj()) {
    ObjKind k = vm.kind(src);
    if (k == ObjKind::List) return vm.new_list(vm.as<ListObj>(src)->items);
    if (k == ObjKind::Tuple) return vm.new_list(vm.as<TupleObj>(src)->items);
    if (k == ObjKind::Range) {
      const RangeObj* r = vm.as<RangeObj>(src);
      int64_t n = r->length();
      vm.check_alloc_items(static_cast<uint64_t>(n), sizeof(Value));
      std::vector<Value> out;
      out.reserve(static_cast<size_t>(n));
      int64_t x = r->start;
      for (int64_t k2 = 0; k2 < n; ++k2, x += r->step) out.push_back(Value::integer(x));
      return vm.new_list(std::move(out));
    }
  }
  return vm.new_list(vm.to_vector(src, gc_safe));
}

// ---- methods --------------------------------------------------------------------------

namespace {

ListObj* self_list(VM& vm, CallArgs& args) { return vm.as<ListObj>(args.self); }

// A list's buffer grows in place, after the heap accounted the list at its
// allocation: GrowthMeter (registry.h) reports the growth so the memory limit
// sees a list filled by append/extend as it grows (not only at the next
// collection's recount).
Value list_append(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "list.append");
  GrowthMeter meter(vm, self_list(vm, args)->items);
  self_list(vm, args)->items.push_back(args[0]);
  return Value::none();
}

Value list_extend(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "list.extend");
  ListObj* l = self_list(vm, args);
  GrowthMeter meter(vm, l->items);
  Value src = args[0];
  if (src.is_obj()) {
    ObjKind k = vm.kind(src);
    if (k == ObjKind::List || k == ObjKind::Tuple) {
      const std::vector<Value>& from =
          k == ObjKind::List ? vm.as<ListObj>(src)->items : vm.as<TupleObj>(src)->items;
      vm.check_alloc((l->items.size() + from.size()) * sizeof(Value));
      if (&from == &l->items) {
        std::vector<Value> copy = from;
        l->items.insert(l->items.end(), copy.begin(), copy.end());
      } else {
        l->items.insert(l->items.end(), from.begin(), from.end());
      }
      return Value::none();
    }
  }
  Value it = vm.iter(src);
  Value item;
  while (vm.next(it, &item)) l->items.push_back(item);
  return Value::none();
}

Value list_insert(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "list.insert");
  check_arg_count(vm, args, "insert", 2, 2);
  int64_t i = vm.to_index(args[0]);
  ListObj* l = self_list(vm, args);
  auto n = static_cast<int64_t>(l->items.size());
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  } else if (i > n) {
    i = n;
  }
  GrowthMeter meter(vm, l->items);
  l->items.insert(l->items.begin() + i, args[1]);
  return Value::none();
}

Value list_remove(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "list.remove");
  ListObj* l = self_list(vm, args);
  Value x = args[0];
  for (size_t i = 0; i < l->items.size(); ++i) {
    if (eq_fast(vm, l->items[i], x)) {
      if (i < l->items.size()) l->items.erase(l->items.begin() + static_cast<ptrdiff_t>(i));
      return Value::none();
    }
  }
  vm.value_error("list.remove(x): x not in list");
}

Value list_pop(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "list.pop");
  check_arg_count(vm, args, "pop", 0, 1);
  int64_t i = args.size() == 1 ? vm.to_index(args[0]) : -1;
  ListObj* l = self_list(vm, args);
  auto n = static_cast<int64_t>(l->items.size());
  if (n == 0) vm.index_error("pop from empty list");
  if (i < 0) i += n;
  if (i < 0 || i >= n) vm.index_error("pop index out of range");
  Value v = l->items[static_cast<size_t>(i)];
  if (i == n - 1) {
    l->items.pop_back();
  } else {
    l->items.erase(l->items.begin() + i);
  }
  return v;
}

Value list_clear(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "list.clear");
  std::vector<Value>().swap(self_list(vm, args)->items);
  return Value::none();
}

// start/stop of index(): _PyEval_SliceIndexNotNone (huge ints clamp).
int64_t search_bound(VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return v.i;
  if (vm.is_bigint(v)) {
    return vm.as<BigIntObj>(v)->value.is_negative() ? INT64_MIN : INT64_MAX;
  }
  if (v.is_obj() && vm.kind(v) == ObjKind::Instance &&
      !vm.lookup_special(v, "__index__").is_undef()) {
    return vm.to_index(v);
  }
  vm.type_error("slice indices must be integers or have an __index__ method");
}

void search_range(VM& vm, CallArgs& args, int64_t n, int64_t* start, int64_t* stop) {
  *start = args.size() >= 2 ? search_bound(vm, args[1]) : 0;
  *stop = args.size() >= 3 ? search_bound(vm, args[2]) : INT64_MAX;
  if (*start < 0) {
    *start += n;
    if (*start < 0) *start = 0;
  }
  if (*stop < 0) {
    *stop += n;
    if (*stop < 0) *stop = 0;
  }
}

Value list_index(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "list.index");
  check_arg_count(vm, args, "index", 1, 3);
  ListObj* l = self_list(vm, args);
  int64_t start, stop;
  search_range(vm, args, static_cast<int64_t>(l->items.size()), &start, &stop);
  Value x = args[0];
  for (int64_t i = start; i < stop && i < static_cast<int64_t>(l->items.size()); ++i) {
    if (eq_fast(vm, l->items[static_cast<size_t>(i)], x)) return Value::integer(i);
  }
  vm.value_error(vm.repr_str(x) + " is not in list");
}

Value list_count(VM& vm, CallArgs& args) {
  check_one_arg(vm, args, "list.count");
  ListObj* l = self_list(vm, args);
  Value x = args[0];
  int64_t count = 0;
  for (size_t i = 0; i < l->items.size(); ++i) {
    if (eq_fast(vm, l->items[i], x)) ++count;
  }
  return Value::integer(count);
}

Value list_reverse(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "list.reverse");
  ListObj* l = self_list(vm, args);
  std::reverse(l->items.begin(), l->items.end());
  return Value::none();
}

Value list_copy(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "list.copy");
  return vm.new_list(self_list(vm, args)->items);
}

const MethodDef kListMethodDefs[] = {
    {"append", list_append},   {"extend", list_extend}, {"insert", list_insert},
    {"remove", list_remove},   {"pop", list_pop},       {"clear", list_clear},
    {"index", list_index},     {"count", list_count},   {"sort", list_sort},
    {"reverse", list_reverse}, {"copy", list_copy},
};

}  // namespace

const std::span<const MethodDef> kListMethods{kListMethodDefs};

}  // namespace monty

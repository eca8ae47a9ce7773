// The builtin iterators: iter() of the builtin containers, next() of every
// IterObj kind, and the iterator types' constructors (enumerate, zip, map,
// filter, reversed).
//
// IterObj fields used by each type:
//   ListIterator, TupleIterator, BytesIterator, SeqIterator
//       source = container, index = next position
//   ListReverseIterator
//       source = list, index = next position, counting down
//   StrIterator
//       source = str, index = next code point index, pos = its byte offset
//   RangeIterator
//       pos = next value, end = values remaining, step = step
//   DictKeyIterator, DictValueIterator, DictItemIterator
//       source = DictObj, index = next entry position, end = dict size when
//       created, step = Dict::version when created
//   SetIterator
//       source = SetObj, index = next entry position, end = size when created
//   Enumerate
//       source = inner iterator, aux = next count (int or BigInt)
//   Zip
//       aux = tuple of iterators, strict = zip(strict=True)
//   Map
//       source = tuple of iterators, aux = function
//   Filter
//       source = inner iterator, aux = predicate (None: truthiness)
//   Reversed
//       source = tuple, str, bytes, DictObj or any object with __len__ and
//       __getitem__; index = next position, counting down; str: pos = byte
//       offset just past the next code point; DictObj: step = 0 keys,
//       1 values, 2 items, end = dict size when created
//   CallableIterator
//       source = callable, aux = sentinel
// A finished iterator sets `exhausted` and drops source/aux (as CPython
// does), so it stays finished even if its container grows again.
//
// Containers may change while iterated (the loop body, or __eq__/__hash__
// run by our own calls): every step re-reads sizes and bounds.
#include <string>
#include <vector>

#include "runtime/types/registry.h"
#include "support/attributes.h"

namespace monty {

void finish_iter(IterObj* it) {
  it->exhausted = true;
  it->source = Value::none();
  it->aux = Value::none();
}

namespace {

IterObj* new_iter_obj(VM& vm, BuiltinTypeId type, Value source, Value aux, Value* out) {
  *out = vm.new_iter(type, source, aux);
  return vm.as<IterObj>(*out);
}

size_t utf8_char_len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

bool is_exception(VM& vm, const PyError& e, BuiltinTypeId a, BuiltinTypeId b) {
  return vm.is_instance(e.exc, a) || vm.is_instance(e.exc, b);
}

// Iterator over a dict (keys, values or items per `type`).
Value dict_iter(VM& vm, BuiltinTypeId type, Value dict) {
  Value out;
  IterObj* it = new_iter_obj(vm, type, dict, Value(), &out);
  const Dict& d = vm.as<DictObj>(dict)->dict;
  it->end = static_cast<int64_t>(d.size());
  it->step = d.version();
  return out;
}

MONTY_NOINLINE bool dict_next(VM& vm, IterObj* it, Value* out) {
  DictObj* dobj = vm.as<DictObj>(it->source);
  Dict& d = dobj->dict;
  if (static_cast<int64_t>(d.size()) != it->end) {
    it->end = -1;  // keep failing, as CPython does
    vm.raise(BuiltinTypeId::RuntimeError, "dictionary changed size during iteration");
  }
  if (static_cast<int64_t>(d.version()) != it->step) {
    vm.raise(BuiltinTypeId::RuntimeError, "dictionary keys changed during iteration");
  }
  const std::vector<Dict::Entry>& entries = d.entries();
  while (it->index < static_cast<int64_t>(entries.size())) {
    const Dict::Entry& e = entries[static_cast<size_t>(it->index++)];
    if (e.key.is_undef()) continue;
    switch (it->type) {
      case BuiltinTypeId::DictKeyIterator:
        *out = e.key;
        break;
      case BuiltinTypeId::DictValueIterator:
        *out = e.value;
        break;
      default: {
        Value k = e.key, v = e.value;
        *out = vm.new_tuple({k, v});
        break;
      }
    }
    return true;
  }
  finish_iter(it);
  return false;
}

MONTY_NOINLINE bool set_next(VM& vm, IterObj* it, Value* out) {
  const Dict& t = vm.as<SetObj>(it->source)->table;
  if (static_cast<int64_t>(t.size()) != it->end) {
    it->end = -1;
    vm.raise(BuiltinTypeId::RuntimeError, "Set changed size during iteration");
  }
  const std::vector<Dict::Entry>& entries = t.entries();
  while (it->index < static_cast<int64_t>(entries.size())) {
    const Dict::Entry& e = entries[static_cast<size_t>(it->index++)];
    if (e.key.is_undef()) continue;
    *out = e.key;
    return true;
  }
  finish_iter(it);
  return false;
}

std::string zip_argument_range(size_t i) {
  // "argument 1" or "arguments 1-3": the arguments before argument i+1.
  return i == 1 ? "argument 1" : "arguments 1-" + std::to_string(i);
}

// With gc_safe, Python code run by the sources may collect: the Values held
// here across those calls are rooted (the IterObj itself is rooted by the
// caller, but a re-entrant call may finish it and drop its source and aux).
MONTY_NOINLINE bool zip_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value iters = it->aux;
  size_t n = vm.as<TupleObj>(iters)->items.size();
  if (n == 0) return false;
  std::vector<Value> items(n);
  VM::NativeRoots roots(vm, {&iters}, &items);
  for (size_t i = 0; i < n; i++) {
    Value sub = vm.as<TupleObj>(iters)->items[i];
    if (vm.next_gc_safe(sub, &items[i], gc_safe)) continue;
    zip_source_exhausted(vm, it, i);
    return false;
  }
  *out = vm.new_tuple(std::move(items));
  return true;
}

// Calls map's function or filter's predicate. False if it raised
// StopIteration: as in CPython, that ends this step of the map or filter (a
// for loop over it, list(), ...) instead of propagating; the iterator itself
// goes on with its next item if asked again.
bool call_unless_stopped(VM& vm, Value fn, std::span<const Value> args, bool gc_safe, Value* out) {
  try {
    *out = vm.call_gc_safe(fn, args, gc_safe);
    return true;
  } catch (PyError& e) {
    if (!vm.is_instance(e.exc, BuiltinTypeId::StopIteration)) throw;
    return false;
  }
}

MONTY_NOINLINE bool map_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value iters = it->source;
  Value fn = it->aux;
  size_t n = vm.as<TupleObj>(iters)->items.size();
  if (n == 1) {  // map(f, xs): no argument vector
    Value one;
    VM::NativeRoots roots(vm, {&iters, &fn, &one});
    // An exhausted source ends this step only (no adaptor is finished for
    // good: CPython's asks its sources again next time, which a resumable
    // iterator or a source with side effects can tell).
    if (!vm.next_gc_safe(vm.as<TupleObj>(iters)->items[0], &one, gc_safe)) return false;
    return call_unless_stopped(vm, fn, std::span<const Value>(&one, 1), gc_safe, out);
  }
  std::vector<Value> args;
  VM::NativeRoots roots(vm, {&iters, &fn}, &args);
  if (!map_next_args(vm, it, &args, gc_safe)) return false;
  return call_unless_stopped(vm, fn, args, gc_safe, out);
}

MONTY_NOINLINE bool filter_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value item;
  Value src;
  Value pred;
  VM::NativeRoots roots(vm, {&item, &src, &pred});
  for (;;) {
    src = it->source;
    if (!vm.next_gc_safe(src, &item, gc_safe)) return false;
    pred = it->aux;
    bool keep;
    if (pred.is_none() ||
        (pred.is_type() && pred.id == static_cast<uint32_t>(BuiltinTypeId::Bool))) {
      keep = vm.truthy(item);
    } else {
      Value verdict;
      if (!call_unless_stopped(vm, pred, std::span<const Value>(&item, 1), gc_safe, &verdict))
        return false;
      keep = vm.truthy(verdict);
    }
    if (keep) {
      *out = item;
      return true;
    }
    if (it->exhausted) return false;  // the predicate finished us re-entrantly
  }
}

MONTY_NOINLINE bool enumerate_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  Value item;
  Value src = it->source;
  VM::NativeRoots roots(vm, {&item, &src});
  if (!vm.next_gc_safe(src, &item, gc_safe)) return false;
  if (it->exhausted) return false;  // the source finished us re-entrantly (aux is gone)
  Value count = it->aux;
  Value next_count;
  int64_t t;
  if (count.is_int() && !__builtin_add_overflow(count.i, 1, &t)) {
    next_count = Value::integer(t);
  } else {
    next_count = vm.new_int(BigInt::add(int_to_bigint(vm, count), BigInt(1)));
  }
  it->aux = next_count;
  *out = vm.new_tuple({count, item});
  return true;
}

MONTY_NOINLINE bool reversed_next(VM& vm, IterObj* it, Value* out) {
  Value src = it->source;
  if (it->index < 0) {
    finish_iter(it);
    return false;
  }
  if (src.is_obj()) {
    switch (vm.kind(src)) {
      case ObjKind::Tuple: {
        TupleObj* t = vm.as<TupleObj>(src);
        if (it->index >= static_cast<int64_t>(t->items.size())) break;
        *out = t->items[static_cast<size_t>(it->index--)];
        return true;
      }
      case ObjKind::Str: {
        StrObj* s = vm.as<StrObj>(src);
        if (s->ascii) {
          *out = str_char_at(vm, src, it->index--);
          return true;
        }
        size_t end = static_cast<size_t>(it->pos), start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(s->data[start]) & 0xC0) == 0x80) start--;
        it->pos = static_cast<int64_t>(start);
        it->index--;
        *out = vm.new_str(std::string_view(s->data).substr(start, end - start));
        return true;
      }
      case ObjKind::Bytes:
      case ObjKind::ByteArray: {
        // A bytearray may have shrunk since the last step: stop past its end.
        const std::string& d = *bytes_like_data(vm, src);
        if (it->index < 0 || it->index >= static_cast<int64_t>(d.size())) break;
        *out = Value::integer(static_cast<unsigned char>(d[static_cast<size_t>(it->index--)]));
        return true;
      }
      case ObjKind::Dict: {
        Dict& d = vm.as<DictObj>(src)->dict;
        if (static_cast<int64_t>(d.size()) != it->end) {
          it->end = -1;
          vm.raise(BuiltinTypeId::RuntimeError, "dictionary changed size during iteration");
        }
        const std::vector<Dict::Entry>& entries = d.entries();
        if (it->index >= static_cast<int64_t>(entries.size()))
          it->index = static_cast<int64_t>(entries.size()) - 1;
        while (it->index >= 0) {
          const Dict::Entry& e = entries[static_cast<size_t>(it->index--)];
          if (e.key.is_undef()) continue;
          if (it->step == 0) {
            *out = e.key;
          } else if (it->step == 1) {
            *out = e.value;
          } else {
            Value k = e.key, v = e.value;
            *out = vm.new_tuple({k, v});
          }
          return true;
        }
        break;
      }
      default: {
        // A user sequence: __getitem__ down from len - 1.
        try {
          *out = vm.getitem(src, Value::integer(it->index));
        } catch (PyError& e) {
          if (!is_exception(vm, e, BuiltinTypeId::IndexError, BuiltinTypeId::StopIteration)) throw;
          break;
        }
        it->index--;
        return true;
      }
    }
  }
  finish_iter(it);
  return false;
}

MONTY_NOINLINE bool callable_iter_next(VM& vm, IterObj* it, Value* out) {
  Value r;
  try {
    r = vm.call(it->source);
  } catch (PyError& e) {
    if (!vm.is_instance(e.exc, BuiltinTypeId::StopIteration)) throw;
    finish_iter(it);
    return false;
  }
  if (it->exhausted) return false;
  if (r.same(it->aux) || vm.eq(r, it->aux)) {
    finish_iter(it);
    return false;
  }
  *out = r;
  return true;
}

MONTY_NOINLINE bool seq_iter_next(VM& vm, IterObj* it, Value* out) {
  try {
    *out = vm.getitem(it->source, Value::integer(it->index));
  } catch (PyError& e) {
    if (!is_exception(vm, e, BuiltinTypeId::IndexError, BuiltinTypeId::StopIteration)) throw;
    finish_iter(it);
    return false;
  }
  it->index++;
  return true;
}

}  // namespace

void zip_source_exhausted(VM& vm, IterObj* it, size_t i) {
  if (!it->strict) return;
  Value iters = it->aux;
  VM::NativeRoots roots(vm, {&iters});
  const size_t n = vm.as<TupleObj>(iters)->items.size();
  if (i > 0) {
    vm.value_error("zip() argument " + std::to_string(i + 1) + " is shorter than " +
                   zip_argument_range(i));
  }
  for (size_t j = 1; j < n; j++) {
    Value extra;
    if (vm.next(vm.as<TupleObj>(iters)->items[j], &extra)) {
      vm.value_error("zip() argument " + std::to_string(j + 1) + " is longer than " +
                     zip_argument_range(j));
    }
  }
}

bool map_next_args(VM& vm, IterObj* it, std::vector<Value>* args, bool gc_safe) {
  const size_t n = vm.as<TupleObj>(it->source)->items.size();
  args->assign(n, Value());
  for (size_t i = 0; i < n; i++) {
    if (!vm.next_gc_safe(vm.as<TupleObj>(it->source)->items[i], &(*args)[i], gc_safe)) return false;
  }
  return true;
}

Value builtin_iter(VM& vm, Value v) {
  if (!v.is_obj()) return Value();
  Value out;
  switch (vm.kind(v)) {
    case ObjKind::List:
      return vm.new_iter(BuiltinTypeId::ListIterator, v);
    case ObjKind::Tuple:
      return vm.new_iter(BuiltinTypeId::TupleIterator, v);
    case ObjKind::Str:
      return vm.new_iter(BuiltinTypeId::StrIterator, v);
    case ObjKind::Bytes:
      return vm.new_iter(BuiltinTypeId::BytesIterator, v);
    case ObjKind::ByteArray:
      return vm.new_iter(BuiltinTypeId::ByteArrayIterator, v);
    case ObjKind::Range: {
      RangeObj* r = vm.as<RangeObj>(v);
      int64_t start = r->start, step = r->step, len = r->length();
      IterObj* it = new_iter_obj(vm, BuiltinTypeId::RangeIterator, Value::none(), Value(), &out);
      it->pos = start;
      it->step = step;
      it->end = len;
      return out;
    }
    case ObjKind::Dict:
      return dict_iter(vm, BuiltinTypeId::DictKeyIterator, v);
    case ObjKind::DictView: {
      DictViewObj* view = vm.as<DictViewObj>(v);
      BuiltinTypeId t = view->type == BuiltinTypeId::DictKeys     ? BuiltinTypeId::DictKeyIterator
                        : view->type == BuiltinTypeId::DictValues ? BuiltinTypeId::DictValueIterator
                                                                  : BuiltinTypeId::DictItemIterator;
      return dict_iter(vm, t, view->dict);
    }
    case ObjKind::Set: {
      IterObj* it = new_iter_obj(vm, BuiltinTypeId::SetIterator, v, Value(), &out);
      it->end = static_cast<int64_t>(vm.as<SetObj>(v)->table.size());
      return out;
    }
    case ObjKind::Iterator:
      return v;
    case ObjKind::Generator:
      return vm.as<GeneratorObj>(v)->coroutine ? Value() : v;  // a coroutine is not iterable
    default:
      return Value();
  }
}

// The steps of the sequence iterators are inline; the others are separate
// functions, compiled (in wasm) only when a program uses them (attributes.h).
// Iterators that advance another (map over map over ..., a cycle whose
// source is itself in altered snapshot bytes) recurse in C++ once per
// level: past kMaxIteratorNesting levels that is a RecursionError, not a
// stack overflow (CPython 3.11 crashes on map(abs, x) nested 200,000 deep).
struct NestedIteratorGuard {
  static constexpr int kMaxIteratorNesting = 1000;
  VM& vm;
  explicit NestedIteratorGuard(VM& v) : vm(v) {
    if (++vm.iterator_nesting > kMaxIteratorNesting) {
      --vm.iterator_nesting;
      vm.raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
    }
  }
  ~NestedIteratorGuard() { --vm.iterator_nesting; }
  NestedIteratorGuard(const NestedIteratorGuard&) = delete;
  NestedIteratorGuard& operator=(const NestedIteratorGuard&) = delete;
};

bool iter_next(VM& vm, IterObj* it, Value* out, bool gc_safe) {
  if (it->exhausted) return false;
  vm.native_tick();
  switch (it->type) {
    case BuiltinTypeId::ListIterator: {
      ListObj* l = vm.as<ListObj>(it->source);
      // index is -1 after FOR_ITER's fast path ran the iterator out.
      if (it->index >= 0 && it->index < static_cast<int64_t>(l->items.size())) {
        *out = l->items[static_cast<size_t>(it->index++)];
        return true;
      }
      break;
    }
    case BuiltinTypeId::ListReverseIterator: {
      ListObj* l = vm.as<ListObj>(it->source);
      if (it->index >= 0 && it->index < static_cast<int64_t>(l->items.size())) {
        *out = l->items[static_cast<size_t>(it->index--)];
        return true;
      }
      break;
    }
    case BuiltinTypeId::TupleIterator: {
      TupleObj* t = vm.as<TupleObj>(it->source);
      if (it->index < static_cast<int64_t>(t->items.size())) {
        *out = t->items[static_cast<size_t>(it->index++)];
        return true;
      }
      break;
    }
    case BuiltinTypeId::StrIterator: {
      StrObj* s = vm.as<StrObj>(it->source);
      if (it->index >= static_cast<int64_t>(s->length)) break;
      if (s->ascii) {
        *out = str_char_at(vm, it->source, it->index++);
        return true;
      }
      size_t start = static_cast<size_t>(it->pos);
      size_t len = utf8_char_len(static_cast<unsigned char>(s->data[start]));
      it->pos += static_cast<int64_t>(len);
      it->index++;
      *out = vm.new_str(std::string_view(s->data).substr(start, len));
      return true;
    }
    case BuiltinTypeId::BytesIterator:
    case BuiltinTypeId::ByteArrayIterator: {
      // Re-read each step: a bytearray may change while iterated.
      const std::string* b = bytes_like_data(vm, it->source);
      if (it->index < static_cast<int64_t>(b->size())) {
        *out = Value::integer(static_cast<unsigned char>((*b)[static_cast<size_t>(it->index++)]));
        return true;
      }
      break;
    }
    case BuiltinTypeId::RangeIterator:
      if (it->end > 0) {
        *out = Value::integer(it->pos);
        // Wrapping add: past the last value the result is never used.
        it->pos =
            static_cast<int64_t>(static_cast<uint64_t>(it->pos) + static_cast<uint64_t>(it->step));
        it->end--;
        return true;
      }
      break;
    case BuiltinTypeId::DictKeyIterator:
    case BuiltinTypeId::DictValueIterator:
    case BuiltinTypeId::DictItemIterator:
      return dict_next(vm, it, out);
    case BuiltinTypeId::SetIterator:
      return set_next(vm, it, out);
    case BuiltinTypeId::Enumerate: {
      NestedIteratorGuard guard(vm);
      return enumerate_next(vm, it, out, gc_safe);
    }
    case BuiltinTypeId::Zip: {
      NestedIteratorGuard guard(vm);
      return zip_next(vm, it, out, gc_safe);
    }
    case BuiltinTypeId::Map: {
      NestedIteratorGuard guard(vm);
      return map_next(vm, it, out, gc_safe);
    }
    case BuiltinTypeId::Filter: {
      NestedIteratorGuard guard(vm);
      return filter_next(vm, it, out, gc_safe);
    }
    case BuiltinTypeId::Reversed:
      return reversed_next(vm, it, out);
    case BuiltinTypeId::CallableIterator:
      return callable_iter_next(vm, it, out);
    case BuiltinTypeId::SeqIterator:
      return seq_iter_next(vm, it, out);
    default:
      if (is_itertools_type(it->type)) {
        NestedIteratorGuard guard(vm);
        return itertools_next(vm, it, out, gc_safe);
      }
      break;
  }
  finish_iter(it);
  return false;
}

// ---- constructors ------------------------------------------------------------------

Value construct_enumerate(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "enumerate", {"iterable", "start"}, 1, 0, a);
  Value start = a[1].is_undef() ? Value::integer(0) : to_int_index(vm, a[1]);
  Value inner = vm.iter(a[0]);
  return vm.new_iter(BuiltinTypeId::Enumerate, inner, start);
}

Value construct_zip(VM& vm, CallArgs& args) {
  bool strict = false;
  for (size_t i = 0; i < args.kw_names.size(); i++) {
    std::string_view k = vm.str_view(args.kw_names[i]);
    if (k != "strict")
      vm.type_error("'" + std::string(k) + "' is an invalid keyword argument for zip()");
    strict = vm.truthy(args.kw_values[i]);
  }
  std::vector<Value> iters;
  iters.reserve(args.size());
  for (size_t i = 0; i < args.size(); i++) iters.push_back(vm.iter(args[i]));
  Value tuple = vm.new_tuple(std::move(iters));
  Value out;
  IterObj* it = new_iter_obj(vm, BuiltinTypeId::Zip, Value::none(), tuple, &out);
  it->strict = strict;
  return out;
}

Value construct_map(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("map() takes no keyword arguments");
  if (args.size() < 2) vm.type_error("map() must have at least two arguments.");
  std::vector<Value> iters;
  iters.reserve(args.size() - 1);
  for (size_t i = 1; i < args.size(); i++) iters.push_back(vm.iter(args[i]));
  Value tuple = vm.new_tuple(std::move(iters));
  return vm.new_iter(BuiltinTypeId::Map, tuple, args[0]);
}

Value construct_filter(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("filter() takes no keyword arguments");
  if (args.size() != 2)
    vm.type_error("filter expected 2 arguments, got " + std::to_string(args.size()));
  Value inner = vm.iter(args[1]);
  return vm.new_iter(BuiltinTypeId::Filter, inner, args[0]);
}

Value construct_reversed(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("reversed() takes no keyword arguments");
  if (args.size() != 1)
    vm.type_error("reversed expected 1 argument, got " + std::to_string(args.size()));
  Value seq = args[0];
  Value out;
  if (seq.is_obj()) {
    switch (vm.kind(seq)) {
      case ObjKind::List: {
        IterObj* it = new_iter_obj(vm, BuiltinTypeId::ListReverseIterator, seq, Value(), &out);
        it->index = static_cast<int64_t>(vm.as<ListObj>(seq)->items.size()) - 1;
        return out;
      }
      case ObjKind::Range: {
        RangeObj* r = vm.as<RangeObj>(seq);
        int64_t start = r->start, step = r->step, len = r->length();
        IterObj* it = new_iter_obj(vm, BuiltinTypeId::RangeIterator, Value::none(), Value(), &out);
        // Last value first; wrapping arithmetic because -step may overflow
        // (only for one-element ranges, where it is never applied).
        uint64_t last = static_cast<uint64_t>(start) +
                        static_cast<uint64_t>(len > 0 ? len - 1 : 0) * static_cast<uint64_t>(step);
        it->pos = static_cast<int64_t>(last);
        it->step = static_cast<int64_t>(0 - static_cast<uint64_t>(step));
        it->end = len;
        return out;
      }
      case ObjKind::Tuple: {
        IterObj* it = new_iter_obj(vm, BuiltinTypeId::Reversed, seq, Value(), &out);
        it->index = static_cast<int64_t>(vm.as<TupleObj>(seq)->items.size()) - 1;
        return out;
      }
      case ObjKind::Str: {
        StrObj* s = vm.as<StrObj>(seq);
        int64_t len = s->length;
        int64_t bytes = static_cast<int64_t>(s->data.size());
        IterObj* it = new_iter_obj(vm, BuiltinTypeId::Reversed, seq, Value(), &out);
        it->index = len - 1;
        it->pos = bytes;
        return out;
      }
      case ObjKind::Bytes:
      case ObjKind::ByteArray: {
        IterObj* it = new_iter_obj(vm, BuiltinTypeId::Reversed, seq, Value(), &out);
        it->index = static_cast<int64_t>(bytes_like_data(vm, seq)->size()) - 1;
        return out;
      }
      case ObjKind::Dict:
      case ObjKind::DictView: {
        Value dict = seq;
        int64_t mode = 0;
        if (vm.kind(seq) == ObjKind::DictView) {
          DictViewObj* view = vm.as<DictViewObj>(seq);
          dict = view->dict;
          mode = view->type == BuiltinTypeId::DictKeys     ? 0
                 : view->type == BuiltinTypeId::DictValues ? 1
                                                           : 2;
        }
        const Dict& d = vm.as<DictObj>(dict)->dict;
        int64_t size = static_cast<int64_t>(d.size());
        int64_t last = static_cast<int64_t>(d.entries().size()) - 1;
        IterObj* it = new_iter_obj(vm, BuiltinTypeId::Reversed, dict, Value(), &out);
        it->index = last;
        it->step = mode;
        it->end = size;
        return out;
      }
      case ObjKind::Instance: {
        Value r = call_dunder(vm, seq, "__reversed__");
        if (!r.is_undef()) return r;
        // A sequence is anything with __getitem__ (PySequence_Check); its
        // length is then required, so a missing __len__ raises len()'s
        // "object of type 'X' has no len()" rather than "not reversible".
        if (!vm.lookup_special(seq, "__getitem__").is_undef()) {
          int64_t n = vm.len(seq);
          IterObj* it = new_iter_obj(vm, BuiltinTypeId::Reversed, seq, Value(), &out);
          it->index = n - 1;
          return out;
        }
        break;
      }
      default:
        break;
    }
  }
  vm.type_error("'" + vm.type_name(seq) + "' object is not reversible");
}

}  // namespace monty

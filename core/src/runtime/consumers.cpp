// Consumer builtins as frames (see consumers.h).

#include "runtime/consumers.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "compiler/code.h"
#include "runtime/types/registry.h"
#include "runtime/vm.h"

namespace monty {

namespace {

Code make_consumer_code(Consumer kind) {
  static constexpr const char* kNames[] = {
      "list", "tuple",  "set",    "frozenset", "sorted", "join",   "sum",  "min",
      "max",  "any",    "all",    "next",      "dict",   "sorted", "min",  "max",
      "map",  "filter", "filter", "enumerate", "zip",    "sort",   "sort", "run"};
  static_assert(std::size(kNames) == kConsumerCount);
  Code c;
  c.name = c.qualname = kNames[static_cast<uint32_t>(kind)];
  c.flags = kCodeIntrinsic;
  c.local_names = {"acc", "state1", "state2", "state3"};
  static_assert(kConsumerLocals == 4);
  auto i = [](Op op, uint32_t arg = 0) { return make_instr(op, arg); };
  switch (kind) {
    case Consumer::MapStep:  // [source] -> return f(next item)
      c.code = {i(Op::FOR_ITER, 5), i(Op::LOAD_FAST, 1), i(Op::ROT_TWO),
                i(Op::CALL, 1),     i(Op::RETURN_VALUE), i(Op::ADAPT_END)};
      c.max_stack = 3;
      break;
    case Consumer::FilterStep:  // the first item x with pred(x) true
      c.code = {i(Op::FOR_ITER, 9),  i(Op::DUP_TOP), i(Op::LOAD_FAST, 1),
                i(Op::ROT_TWO),      i(Op::CALL, 1), i(Op::POP_JUMP_IF_FALSE, 7),
                i(Op::RETURN_VALUE), i(Op::POP_TOP), i(Op::JUMP, 0),
                i(Op::ADAPT_END)};
      c.max_stack = 4;
      break;
    case Consumer::FilterTruthStep:  // the first true item
      c.code = {i(Op::FOR_ITER, 6),  i(Op::DUP_TOP), i(Op::POP_JUMP_IF_FALSE, 4),
                i(Op::RETURN_VALUE), i(Op::POP_TOP), i(Op::JUMP, 0),
                i(Op::ADAPT_END)};
      c.max_stack = 3;
      break;
    case Consumer::EnumerateStep:  // (count, next item)
      c.code = {i(Op::FOR_ITER, 3), i(Op::ADAPT_ENUMERATE), i(Op::RETURN_VALUE), i(Op::ADAPT_END)};
      c.max_stack = 2;
      break;
    case Consumer::SortedKeyed:  // list(iterable), then each key, then the sort
      c.code = {i(Op::FOR_ITER, 3),    i(Op::CONSUME_STEP, 13), i(Op::JUMP, 0),
                i(Op::LOAD_FAST, 0),   i(Op::GET_ITER),         i(Op::FOR_ITER, 12),
                i(Op::DUP_TOP),        i(Op::LOAD_FAST, 1),     i(Op::ROT_TWO),
                i(Op::CALL, 1),        i(Op::CONSUME_KEYED),    i(Op::JUMP, 5),
                i(Op::CONSUME_FINISH), i(Op::RETURN_VALUE)};
      c.max_stack = 4;
      break;
    case Consumer::ListSortKeyed:  // each key in the list's order, then the sort
    case Consumer::ListSortKeyedReverse:
      c.code = {i(Op::GET_ITER),      i(Op::FOR_ITER, 8), i(Op::DUP_TOP),
                i(Op::LOAD_FAST, 1),  i(Op::ROT_TWO),     i(Op::CALL, 1),
                i(Op::CONSUME_KEYED), i(Op::JUMP, 1),     i(Op::CONSUME_FINISH),
                i(Op::RETURN_VALUE)};
      c.max_stack = 4;
      break;
    case Consumer::MinKeyed:  // each item's key as it comes, as CPython's min/max
    case Consumer::MaxKeyed:
      c.code = {i(Op::FOR_ITER, 7), i(Op::DUP_TOP),        i(Op::LOAD_FAST, 2),
                i(Op::ROT_TWO),     i(Op::CALL, 1),        i(Op::CONSUME_KEYED),
                i(Op::JUMP, 0),     i(Op::CONSUME_FINISH), i(Op::RETURN_VALUE)};
      c.max_stack = 4;
      break;
    case Consumer::EventLoop:
      // Each task step is the FOR_ITER: the task's coroutine runs as a
      // frame on top of this one until it yields (what it waits for) or
      // returns; an exception it raises lands in the handler at 8.
      c.code = {i(Op::POP_TOP),       i(Op::SETUP_FINALLY, 8), i(Op::LOOP_NEXT, 10),
                i(Op::FOR_ITER, 6),   i(Op::LOOP_YIELDED),     i(Op::JUMP, 2),
                i(Op::LOOP_RETURNED), i(Op::JUMP, 2),          i(Op::LOOP_RAISED),
                i(Op::JUMP, 1),       i(Op::POP_BLOCK),        i(Op::LOOP_FINISH),
                i(Op::RETURN_VALUE)};
      c.max_stack = 2;
      break;
    case Consumer::ZipStep:  // [zip] -> one item of each source, as a tuple
      c.code = {i(Op::ZIP_SOURCE, 5), i(Op::FOR_ITER, 4), i(Op::ZIP_TAKE),    i(Op::JUMP, 0),
                i(Op::ZIP_SHORT),     i(Op::ZIP_ITEM),    i(Op::RETURN_VALUE)};
      c.max_stack = 3;
      break;
    default:
      c.code = {i(Op::FOR_ITER, 3), i(Op::CONSUME_STEP, 4), i(Op::JUMP, 0), i(Op::CONSUME_FINISH),
                i(Op::RETURN_VALUE)};
      c.max_stack = 2;
      break;
  }
  // Every consumer but next() takes an iterable, as the builtin does: its
  // code starts with GET_ITER (which runs a class's __iter__ once, in the
  // builtin's place). Step frames and next() are given an iterator.
  if (kind < Consumer::MapStep && kind != Consumer::Next) {
    for (Instr& in : c.code) {
      if (opcode_is_jump(instr_op(in))) in = make_instr(instr_op(in), instr_arg(in) + 1);
    }
    c.code.insert(c.code.begin(), i(Op::GET_ITER));
  }
  c.lines.assign(c.code.size(), 0);
  c.columns.assign(c.code.size(), ColumnSpan{});
  return c;
}

}  // namespace

const Code& consumer_code(Consumer kind) {
  // Built once, never changed: shared by every VM.
  static const std::array<Code, kConsumerCount> codes = [] {
    std::array<Code, kConsumerCount> a;
    for (uint32_t k = 0; k < kConsumerCount; k++)
      a[k] = make_consumer_code(static_cast<Consumer>(k));
    return a;
  }();
  return codes[static_cast<uint32_t>(kind)];
}

void VM::enable_consumer_frames() {
  consumer_frames_ = !program_->external_functions.empty() || pause_on_undefined_ ||
                     limits_.pause_every_instructions.has_value();
}

void VM::ensure_consumer_codes() {
  if (consumer_base_ != 0) return;
  // The program's codes come first (a REPL session, whose program grows,
  // never runs consumers as frames).
  consumer_base_ = static_cast<uint32_t>(code_ptrs_.size());
  for (uint32_t k = 0; k < kConsumerCount; k++)
    code_ptrs_.push_back(&consumer_code(static_cast<Consumer>(k)));
  constants.resize(code_ptrs_.size());
  shape_codes();
}

bool VM::callable_can_pause(Value fn) const {
  // A partial calls its function as a call would (VM::invoke), and so does
  // an lru_cache wrapper's miss of a Python function. (A few hops, as
  // invoke takes: altered bytes could make a wrapper its own function.)
  for (int hops = 0; hops < 8; hops++) {
    if (is_kind(fn, ObjKind::Partial)) {
      fn = as<WrapperObj>(fn)->f0;
    } else if (is_kind(fn, ObjKind::LruCache)) {
      fn = as<WrapperObj>(fn)->f0;
      if (!is_kind(fn, ObjKind::Function)) return false;
    } else {
      break;
    }
  }
  if (fn.tag == Tag::BuiltinFn) return (fn.id & kExternalBit) && !(fn.id & kMethodRefBit);
  if (!is_kind(fn, ObjKind::Function)) return false;
  // A generator function's call returns at once (a generator).
  return !(code_ptrs_[as<FunctionObj>(fn)->code]->flags & kCodeGenerator);
}

std::pair<Value, Value> keyword_tuples(VM& vm, const CallArgs& args) {
  if (!args.has_kwargs()) return {Value(), Value()};
  // The names tuple is unrooted while the values tuple is made: nothing is
  // collected inside a native call.
  Value names = vm.new_tuple(std::vector<Value>(args.kw_names.begin(), args.kw_names.end()));
  Value values = vm.new_tuple(std::vector<Value>(args.kw_values.begin(), args.kw_values.end()));
  return {names, values};
}

Value VM::python_next_method(Value instance) {
  Value cls = type_of(instance);
  if (!is_kind(cls, ObjKind::Class)) return Value();
  Value fn = class_lookup(cls, intern("__next__"));
  return is_kind(fn, ObjKind::Function) && callable_can_pause(fn) ? fn : Value();
}

bool VM::map_calls_can_pause(const IterObj* it) const {
  return it->type == BuiltinTypeId::Map && !it->exhausted && callable_can_pause(it->aux);
}

// Adaptors nest (enumerate(filter(p, map(f, gen)))): how deep the checks
// look, so that a hostile nesting a million deep costs no C++ stack.
constexpr int kMaxAdaptorDepth = 16;

bool VM::is_python_driven(Value iterable, int depth) {
  if (!iterable.is_obj()) return false;
  const HeapObject* o = heap.get(iterable);
  // (A coroutine is no iterator: the consumer's GET_ITER, or next(), says so.)
  if (o->kind == ObjKind::Generator)
    return depth == 0 || !static_cast<const GeneratorObj*>(o)->coroutine;
  // An instance: as a consumer's argument, an iterable class whose
  // __iter__ is Python code (the consumer's GET_ITER runs it: a generator
  // function, or `return self` of an iterator class); as next()'s argument or
  // an adaptor's source (an iterator already), a Python __next__.
  if (o->kind == ObjKind::Instance) {
    if (depth > 0) return !python_next_method(iterable).is_undef();
    Value cls = type_of(iterable);
    return is_kind(cls, ObjKind::Class) &&
           is_kind(class_lookup(cls, intern("__iter__")), ObjKind::Function);
  }
  if (o->kind != ObjKind::Iterator) return false;
  const auto* it = static_cast<const IterObj*>(o);
  return map_calls_can_pause(it) || steps_as_frame(it, depth);
}

bool VM::steps_as_frame(const IterObj* it, int depth) {
  if (it->exhausted || depth >= kMaxAdaptorDepth) return false;
  switch (it->type) {
    case BuiltinTypeId::Map: {
      // One source only (zip-like maps advance their sources natively).
      const auto& sources = as<TupleObj>(it->source)->items;
      return sources.size() == 1 && is_python_driven(sources[0], depth + 1);
    }
    case BuiltinTypeId::Filter:
      return callable_can_pause(it->aux) || is_python_driven(it->source, depth + 1);
    case BuiltinTypeId::Enumerate:
      return is_python_driven(it->source, depth + 1);
    case BuiltinTypeId::Zip:
      for (Value source : as<TupleObj>(it->aux)->items)
        if (is_python_driven(source, depth + 1)) return true;
      return false;
    default:
      return false;
  }
}

void VM::push_step_frame(IterObj* it) {
  Consumer kind;
  Value source = it->source;
  Value fn;
  switch (it->type) {
    case BuiltinTypeId::Map:
      kind = Consumer::MapStep;
      source = as<TupleObj>(it->source)->items[0];
      fn = it->aux;
      break;
    case BuiltinTypeId::Filter:
      if (it->aux.is_none() ||
          (it->aux.is_type() && it->aux.id == static_cast<uint32_t>(BuiltinTypeId::Bool))) {
        kind = Consumer::FilterTruthStep;
      } else {
        kind = Consumer::FilterStep;
        fn = it->aux;
      }
      break;
    case BuiltinTypeId::Zip:
      kind = Consumer::ZipStep;
      break;
    default:
      kind = Consumer::EnumerateStep;
      break;
  }
  // The adaptor, read from the caller's stack (rooted) before anything
  // can allocate.
  Value adaptor = frames.back()->slots[frames.back()->sp - 1];
  ensure_consumer_codes();
  Frame* f = enter_frame(consumer_base_ + static_cast<uint32_t>(kind), Value(), 0);
  f->slots[0] = adaptor;
  if (kind == Consumer::ZipStep) {
    f->slots[1] = new_list();
    f->slots[2] = Value::integer(0);
    f->slots[f->sp++] = adaptor;
    return;
  }
  f->slots[1] = fn;
  f->slots[f->sp++] = source;
}

bool VM::zip_step_source(Frame& f, Value* source) {
  auto* zip = as<IterObj>(f.slots[0]);
  if (zip->exhausted) end_step(f);  // finished re-entrantly (its sources are gone)
  const auto& sources = as<TupleObj>(zip->aux)->items;
  const auto i = static_cast<uint64_t>(f.slots[2].i);
  if (i >= sources.size()) return false;
  *source = sources[i];
  return true;
}

void VM::zip_step_take(Frame& f, Value item) {
  as<ListObj>(f.slots[1])->items.push_back(item);
  f.slots[2] = Value::integer(f.slots[2].i + 1);
}

void VM::zip_step_short(Frame& f) {
  // Source i ran out: zip(strict=True)'s checks, then this step is over.
  zip_source_exhausted(*this, as<IterObj>(f.slots[0]), static_cast<size_t>(f.slots[2].i));
  raise(new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)), {}));
}

Value VM::zip_step_item(Frame& f) { return new_tuple(std::move(as<ListObj>(f.slots[1])->items)); }

Value VM::enumerate_step_item(Frame& f, Value item) {
  auto* it = as<IterObj>(f.slots[0]);
  if (it->exhausted) end_step(f);  // finished re-entrantly (its count is gone)
  Value count = it->aux;
  int64_t t;
  if (count.is_int() && !__builtin_add_overflow(count.i, 1, &t)) {
    it->aux = Value::integer(t);
  } else {
    it->aux = new_int(BigInt::add(int_to_bigint(*this, count), BigInt(1)));
  }
  return new_tuple({count, item});
}

void VM::end_step(Frame& f) {
  // The source is exhausted: this step ends (the adaptor is not finished
  // for good, as in CPython: it asks its source again next time).
  raise(new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)), {}));
}

void VM::consume_as_frame(Consumer kind, Value iterable, std::initializer_list<Value> state) {
  // Next's StopIteration(value) takes the value its generator returns, and
  // nothing an earlier generator left there.
  if (kind == Consumer::Next) last_return_ = Value();
  ensure_consumer_codes();
  Frame* f = enter_frame(consumer_base_ + static_cast<uint32_t>(kind), Value(), 0);
  uint32_t i = 0;
  for (Value v : state) f->slots[i++] = v;
  f->slots[f->sp++] = iterable;
  native_pushed_frame_ = true;
}

VM::MapStep VM::for_iter_map(IterObj* it, Value* out) {
  std::vector<Value> args;
  {
    NativeRoots roots(*this, {}, &args);
    if (!map_next_args(*this, it, &args, false)) return MapStep::Exhausted;
  }
  bool pushed = false;
  invoke_from_bytecode_ = false;
  *out =
      invoke(it->aux, args.data(), static_cast<uint32_t>(args.size()), Value(), Value(), &pushed);
  return pushed || paused_ ? MapStep::Called : MapStep::Item;
}

bool VM::is_max_consumer(const Frame& f) const {
  const auto kind = static_cast<Consumer>(f.code_index - consumer_base_);
  return kind == Consumer::Max || kind == Consumer::MaxKeyed;
}

void VM::consumer_keyed(Frame& f, Value item, Value key) {
  Value* s = f.slots.data();
  switch (static_cast<Consumer>(f.code_index - consumer_base_)) {
    case Consumer::SortedKeyed:
    case Consumer::ListSortKeyed:
    case Consumer::ListSortKeyedReverse:
      as<ListObj>(s[2])->items.push_back(key);
      return;
    default:
      break;
  }
  // min/max: the first of equal items wins, as in CPython.
  if (s[0].is_undef() || min_max_better(*this, key, s[1], is_max_consumer(f))) {
    s[0] = item;
    s[1] = key;
  }
}

bool VM::consumer_step(Frame& f, Value item, Value* result) {
  Value* s = f.slots.data();
  switch (static_cast<Consumer>(f.code_index - consumer_base_)) {
    case Consumer::List:
    case Consumer::Tuple:
    case Consumer::Sorted:
    case Consumer::Join:
    case Consumer::SortedKeyed:
      as<ListObj>(s[0])->items.push_back(item);
      return true;
    case Consumer::Set:
    case Consumer::FrozenSet:
      as<SetObj>(s[0])->table.set(*this, item, Value::none());
      return true;
    case Consumer::Sum: {
      // sum()'s native loop adds exact ints and floats without objects; the
      // results are the same as binary_op's.
      Value acc = s[0];  // never a bool: bi_sum passes sum(xs, True)'s start as 1
      int64_t t;
      if (acc.is_int() && (item.is_int() || item.is_bool()) &&
          !__builtin_add_overflow(acc.i, item.i, &t)) {
        s[0] = Value::integer(t);
      } else if (acc.is_float() && item.is_float()) {
        s[0] = Value::floating(acc.f + item.f);
      } else if (acc.is_float() && (item.is_int() || item.is_bool())) {
        s[0] = Value::floating(acc.f + static_cast<double>(item.i));
      } else {
        s[0] = binary_op(BinOp::Add, acc, item);
      }
      return true;
    }
    case Consumer::Min:  // (with a key function: MinKeyed)
    case Consumer::Max:
      consumer_keyed(f, item, item);  // the item is its own key
      return true;
    case Consumer::Any:
      if (!truthy(item)) return true;
      *result = Value::boolean(true);
      return false;
    case Consumer::All:
      if (truthy(item)) return true;
      *result = Value::boolean(false);
      return false;
    case Consumer::Next:
      *result = item;
      return false;
    case Consumer::Dict: {
      // The count of items added (a non-negative int; the loader checks it)
      // numbers the element an error message names.
      const int64_t n = s[1].i;
      dict_add_pair(*this, as<DictObj>(s[0])->dict, item, static_cast<size_t>(n));
      s[1] = Value::integer(n + 1);
      return true;
    }
    case Consumer::MapStep:  // (step codes have no CONSUME_STEP)
    case Consumer::FilterStep:
    case Consumer::FilterTruthStep:
    case Consumer::EnumerateStep:
    case Consumer::ZipStep:
    case Consumer::MinKeyed:  // (CONSUME_KEYED)
    case Consumer::MaxKeyed:
    case Consumer::ListSortKeyed:
    case Consumer::ListSortKeyedReverse:
    case Consumer::EventLoop:
    case Consumer::Count:
      break;
  }
  return true;
}

Value VM::consumer_finish(Frame& f) {
  Value* s = f.slots.data();
  const auto kind = static_cast<Consumer>(f.code_index - consumer_base_);
  switch (kind) {
    case Consumer::List:
    case Consumer::Set:
    case Consumer::FrozenSet:
      return s[0];
    case Consumer::Tuple: {
      std::vector<Value>& items = as<ListObj>(s[0])->items;
      if (items.empty()) return empty_tuple();
      return new_tuple(std::move(items));
    }
    case Consumer::Sorted: {
      // sorted() is list(iterable).sort(**kwargs): the keywords are checked
      // after the iterable is consumed, as in CPython.
      CallArgs sort_args;
      sort_args.self = s[0];
      if (!s[1].is_undef()) {
        sort_args.kw_names = as<TupleObj>(s[1])->items;
        sort_args.kw_values = as<TupleObj>(s[2])->items;
      }
      list_sort(*this, sort_args);
      return s[0];
    }
    case Consumer::Join: {
      CallArgs join_args;
      join_args.self = s[1];
      join_args.pos = std::span<const Value>(&s[0], 1);
      return find_method(BuiltinTypeId::Str, "join")->fn(*this, join_args);
    }
    case Consumer::Sum:
      return s[0];
    case Consumer::Dict:
      // dict(pairs, **kwargs): the keywords after the pairs.
      if (!s[2].is_undef()) {
        const auto& names = as<TupleObj>(s[2])->items;
        const auto& values = as<TupleObj>(s[3])->items;
        for (size_t k = 0; k < names.size(); k++)
          as<DictObj>(s[0])->dict.set(*this, names[k], values[k]);
      }
      return s[0];
    case Consumer::SortedKeyed: {
      std::vector<Value>& items = as<ListObj>(s[0])->items;
      const std::vector<Value>& keys = as<ListObj>(s[2])->items;
      // (Both lists are the frame's own; only altered bytes could make them
      // differ in length.)
      if (keys.size() != items.size()) raise(BuiltinTypeId::RuntimeError, "sorted(): lost keys");
      const bool reverse = !s[3].is_undef() && to_index(s[3]) != 0;
      sort_by_keys(*this, items, keys, reverse);
      return s[0];
    }
    case Consumer::ListSortKeyed:
    case Consumer::ListSortKeyedReverse: {
      std::vector<Value>& items = as<ListObj>(s[0])->items;
      const std::vector<Value>& keys = as<ListObj>(s[2])->items;
      if (keys.size() != items.size()) raise(BuiltinTypeId::RuntimeError, "sort(): lost keys");
      // A failed comparison unwinds this frame: unwind_consumer puts the
      // items back, as list_sort does.
      sort_by_keys(*this, items, keys, kind == Consumer::ListSortKeyedReverse);
      std::vector<Value>& target = as<ListObj>(s[3])->items;
      const bool modified = !target.empty();
      target.swap(items);
      items.clear();
      if (modified) value_error("list modified during sort");
      return Value::none();
    }
    case Consumer::Min:
    case Consumer::Max:
    case Consumer::MinKeyed:
    case Consumer::MaxKeyed:
      if (!s[0].is_undef()) return s[0];
      if (!s[3].is_undef()) return s[3];
      value_error(is_max_consumer(f) ? "max() arg is an empty sequence"
                                     : "min() arg is an empty sequence");
    case Consumer::Any:
      return Value::boolean(false);
    case Consumer::All:
      return Value::boolean(true);
    case Consumer::Next: {
      if (!s[0].is_undef()) return s[0];
      // A generator's `return value` (kept by its RETURN_VALUE for this
      // frame) becomes StopIteration(value), as in bi_next.
      Value v = std::exchange(last_return_, Value());
      if (!v.is_undef() && !v.is_none())
        raise(new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)), {v}));
      raise(new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)), {}));
    }
    case Consumer::MapStep:  // (step codes have no CONSUME_FINISH)
    case Consumer::FilterStep:
    case Consumer::FilterTruthStep:
    case Consumer::EnumerateStep:
    case Consumer::ZipStep:
    case Consumer::EventLoop:
    case Consumer::Count:
      break;
  }
  return Value::none();
}

void VM::unwind_consumer(Frame& f) {
  const auto kind = static_cast<Consumer>(f.code_index - consumer_base_);
  if (kind == Consumer::EventLoop) {
    // A limit ended asyncio.run (nothing else leaves its frame by an
    // exception): no loop is running any more.
    loop_unwound(f);
    return;
  }
  if (kind != Consumer::ListSortKeyed && kind != Consumer::ListSortKeyedReverse) return;
  // list.sort(key=f) failed: f or a comparison raised, or a limit ended the
  // run. As in CPython, the list gets its items back (in the order they are
  // in) and loses what was added to it meanwhile. Once CONSUME_FINISH has
  // put the sorted items back, the frame's list of them is empty.
  std::vector<Value>& items = as<ListObj>(f.slots[0])->items;
  if (items.empty()) return;
  as<ListObj>(f.slots[3])->items.swap(items);
  items.clear();
}

}  // namespace monty

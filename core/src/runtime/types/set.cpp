// set and frozenset: methods, operators, comparisons, repr, construction.
//
// The algorithms follow CPython's setobject.c step for step (which operand
// is iterated, when tables are presized or compacted), because together
// with the set layout of Dict they decide the iteration order programs see
// when they print a set.
//
// Tables are iterated by position with each entry copied out before any
// call that may run Python code (__hash__, __eq__), so a table mutated
// meanwhile is never read out of bounds.
#include <string>
#include <utility>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

bool is_anyset(const VM& vm, Value v) { return vm.is_kind(v, ObjKind::Set); }
SetObj* set_of(const VM& vm, Value v) { return vm.as<SetObj>(v); }

// Sets made by the lead's VM::new_set may still be in the dict layout; switch
// them while they are empty so they iterate in CPython's order.
Dict& table_of(const VM& vm, Value v) {
  Dict& t = vm.as<SetObj>(v)->table;
  if (!t.set_layout() && t.empty()) t.use_set_layout();
  return t;
}

Value new_like(VM& vm, Value so) { return new_set_object(vm, set_of(vm, so)->frozen); }

void add_key(VM& vm, Value set, Value key) {
  table_of(vm, set).set(vm, key, vm.hash(key), Value());
}

bool contains_hashed(VM& vm, Value container, Value key, int64_t hash) {
  Dict& t = vm.is_dict(container) ? vm.as<DictObj>(container)->dict : set_of(vm, container)->table;
  return t.find(vm, key, hash) != nullptr;
}

// The live entry at position i of a table, copied; false for a free slot.
bool entry_at(const Dict& t, size_t i, Dict::Entry* out) {
  if (i >= t.entries().size()) return false;
  *out = t.entries()[i];
  return !out->key.is_undef();
}

Value set_copy_of(VM& vm, Value so) {
  Value result = new_like(vm, so);
  set_update_from(vm, result, so);
  return result;
}

Value intersection(VM& vm, Value so, Value other) {
  Value result = new_like(vm, so);
  if (is_anyset(vm, other)) {
    if (set_of(vm, other)->table.size() > set_of(vm, so)->table.size()) std::swap(so, other);
    const Dict& t = set_of(vm, other)->table;
    Dict::Entry e;
    for (size_t i = 0; i < t.entries().size(); ++i) {
      if (!entry_at(t, i, &e)) continue;
      if (contains_hashed(vm, so, e.key, e.hash))
        table_of(vm, result).set(vm, e.key, e.hash, Value());
    }
    return result;
  }
  Value it = vm.iter(other);
  Value key;
  while (vm.next(it, &key)) {
    int64_t hash = vm.hash(key);
    if (contains_hashed(vm, so, key, hash)) table_of(vm, result).set(vm, key, hash, Value());
  }
  return result;
}

void difference_update(VM& vm, Value so, Value other) {
  Dict& t = table_of(vm, so);
  if (other.same(so)) {
    t.clear();
    t.use_set_layout();
    return;
  }
  if (is_anyset(vm, other)) {
    // CPython: when the other set is much larger, discard only the common part.
    if ((set_of(vm, other)->table.size() >> 3) > t.size()) other = intersection(vm, so, other);
    const Dict& o = set_of(vm, other)->table;
    Dict::Entry e;
    for (size_t i = 0; i < o.entries().size(); ++i) {
      if (entry_at(o, i, &e)) t.erase(vm, e.key, e.hash);
    }
  } else {
    Value it = vm.iter(other);
    Value key;
    while (vm.next(it, &key)) t.erase(vm, key, vm.hash(key));
  }
  t.compact_after_removals();
}

Value difference(VM& vm, Value so, Value other) {
  size_t other_size;
  if (is_anyset(vm, other)) {
    other_size = set_of(vm, other)->table.size();
  } else if (vm.is_dict(other)) {
    other_size = vm.as<DictObj>(other)->dict.size();
  } else {
    Value result = set_copy_of(vm, so);
    difference_update(vm, result, other);
    return result;
  }
  if ((set_of(vm, so)->table.size() >> 2) > other_size) {
    Value result = set_copy_of(vm, so);
    difference_update(vm, result, other);
    return result;
  }
  Value result = new_like(vm, so);
  const Dict& t = set_of(vm, so)->table;
  Dict::Entry e;
  for (size_t i = 0; i < t.entries().size(); ++i) {
    if (!entry_at(t, i, &e)) continue;
    if (!contains_hashed(vm, other, e.key, e.hash))
      table_of(vm, result).set(vm, e.key, e.hash, Value());
  }
  return result;
}

void toggle(VM& vm, Dict& t, Value key, int64_t hash) {
  if (!t.erase(vm, key, hash)) t.set(vm, key, hash, Value());
}

void symmetric_difference_update(VM& vm, Value so, Value other) {
  Dict& t = table_of(vm, so);
  if (other.same(so)) {
    t.clear();
    t.use_set_layout();
    return;
  }
  if (vm.is_dict(other) || is_anyset(vm, other)) {
    const Dict& o = vm.is_dict(other) ? vm.as<DictObj>(other)->dict : set_of(vm, other)->table;
    Dict::Entry e;
    for (size_t i = 0; i < o.entries().size(); ++i) {
      if (entry_at(o, i, &e)) toggle(vm, t, e.key, e.hash);
    }
    return;
  }
  Value tmp = new_set_object(vm, false);
  set_update_from(vm, tmp, other);
  symmetric_difference_update(vm, so, tmp);
}

Value symmetric_difference(VM& vm, Value so, Value other) {
  Value result = new_like(vm, so);
  set_update_from(vm, result, other);
  symmetric_difference_update(vm, result, so);
  return result;
}

bool issubset(VM& vm, Value so, Value other) {
  if (!is_anyset(vm, other)) {
    Value tmp = new_set_object(vm, false);
    set_update_from(vm, tmp, other);
    other = tmp;
  }
  const Dict& t = set_of(vm, so)->table;
  if (t.size() > set_of(vm, other)->table.size()) return false;
  Dict::Entry e;
  for (size_t i = 0; i < t.entries().size(); ++i) {
    if (entry_at(t, i, &e) && !contains_hashed(vm, other, e.key, e.hash)) return false;
  }
  return true;
}

bool issuperset(VM& vm, Value so, Value other) {
  if (is_anyset(vm, other)) return issubset(vm, other, so);
  Value it = vm.iter(other);
  Value key;
  while (vm.next(it, &key)) {
    if (!contains_hashed(vm, so, key, vm.hash(key))) return false;
  }
  return true;
}

bool isdisjoint(VM& vm, Value so, Value other) {
  if (other.same(so)) return set_of(vm, so)->table.empty();
  if (is_anyset(vm, other)) {
    if (set_of(vm, other)->table.size() > set_of(vm, so)->table.size()) std::swap(so, other);
    const Dict& t = set_of(vm, other)->table;
    Dict::Entry e;
    for (size_t i = 0; i < t.entries().size(); ++i) {
      if (entry_at(t, i, &e) && contains_hashed(vm, so, e.key, e.hash)) return false;
    }
    return true;
  }
  Value it = vm.iter(other);
  Value key;
  while (vm.next(it, &key)) {
    if (contains_hashed(vm, so, key, vm.hash(key))) return false;
  }
  return true;
}

}  // namespace

// ---- shared entry points ----------------------------------------------------------

void set_update_from(VM& vm, Value set, Value iterable, bool gc_safe) {
  Dict& t = table_of(vm, set);
  if (is_anyset(vm, iterable)) {
    t.merge_keys(vm, set_of(vm, iterable)->table);
    return;
  }
  if (vm.is_dict(iterable)) {
    const Dict& d = vm.as<DictObj>(iterable)->dict;
    t.presize(d.size());
    Dict::Entry e;
    for (size_t i = 0; i < d.entries().size(); ++i) {
      if (entry_at(d, i, &e)) t.set(vm, e.key, e.hash, Value());
    }
    return;
  }
  if (vm.is_list(iterable) || vm.is_tuple(iterable)) {
    const std::vector<Value>& items =
        vm.is_list(iterable) ? vm.as<ListObj>(iterable)->items : vm.as<TupleObj>(iterable)->items;
    for (size_t i = 0; i < items.size(); ++i) {
      Value key = items[i];
      t.set(vm, key, vm.hash(key), Value());
    }
    return;
  }
  Value it = vm.iter(iterable);
  Value key;
  VM::NativeRoots roots(vm, {&set, &it, &key});
  while (vm.next_gc_safe(it, &key, gc_safe)) t.set(vm, key, vm.hash(key), Value());
}

void set_difference_update_from(VM& vm, Value set, Value iterable) {
  difference_update(vm, set, iterable);
}

void set_symmetric_difference_update_from(VM& vm, Value set, Value iterable) {
  symmetric_difference_update(vm, set, iterable);
}

bool set_eq(VM& vm, Value a, Value b) {
  if (!is_anyset(vm, a) || !is_anyset(vm, b)) return false;
  if (set_of(vm, a)->table.size() != set_of(vm, b)->table.size()) return false;
  const SetObj* x = set_of(vm, a);
  const SetObj* y = set_of(vm, b);
  if (x->frozen && y->frozen && x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
  return issubset(vm, a, b);
}

Value set_compare(VM& vm, CmpArg op, Value a, Value b) {
  if (!is_anyset(vm, a) || !is_anyset(vm, b)) return Value();
  size_t na = set_of(vm, a)->table.size(), nb = set_of(vm, b)->table.size();
  switch (op) {
    case CmpArg::Eq:
      return Value::boolean(set_eq(vm, a, b));
    case CmpArg::NotEq:
      return Value::boolean(!set_eq(vm, a, b));
    case CmpArg::LtE:
      return Value::boolean(issubset(vm, a, b));
    case CmpArg::GtE:
      return Value::boolean(issuperset(vm, a, b));
    case CmpArg::Lt:
      return Value::boolean(na < nb && issubset(vm, a, b));
    case CmpArg::Gt:
      return Value::boolean(na > nb && issuperset(vm, a, b));
  }
  return Value();
}

Value set_binary_op(VM& vm, BinOp op, Value a, Value b, bool inplace) {
  if (!is_anyset(vm, a) || !is_anyset(vm, b)) return Value();
  // frozenset has no in-place operators: `f |= s` rebinds f to f | s.
  bool mutate = inplace && !set_of(vm, a)->frozen;
  switch (op) {
    case BinOp::Or: {
      if (mutate) {
        set_update_from(vm, a, b);
        return a;
      }
      Value result = set_copy_of(vm, a);
      if (!b.same(a)) set_update_from(vm, result, b);
      return result;
    }
    case BinOp::And: {
      Value result = intersection(vm, a, b);
      if (!mutate) return result;
      set_of(vm, a)->table.swap_contents(set_of(vm, result)->table);
      return a;
    }
    case BinOp::Sub:
      if (mutate) {
        difference_update(vm, a, b);
        return a;
      }
      return difference(vm, a, b);
    case BinOp::Xor:
      if (mutate) {
        symmetric_difference_update(vm, a, b);
        return a;
      }
      return symmetric_difference(vm, a, b);
    default:
      return Value();
  }
}

std::string set_repr(VM& vm, Value v) {
  const SetObj* s = set_of(vm, v);
  const char* name = s->frozen ? "frozenset" : "set";
  if (s->table.empty()) return std::string(name) + "()";
  ReprGuard cycle(vm, v);
  if (!cycle.active) return std::string(name) + "(...)";
  VM::DepthGuard guard(vm, " while getting the repr of an object");
  std::string out = s->frozen ? "frozenset({" : "{";
  bool first = true;
  Dict::Entry e;
  for (size_t i = 0; i < s->table.entries().size(); ++i) {
    if (!entry_at(s->table, i, &e)) continue;
    if (!first) out += ", ";
    first = false;
    out += vm.repr_str(e.key);
  }
  out += s->frozen ? "})" : "}";
  return out;
}

Value construct_set(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(construct_set);
  check_no_kwargs(vm, args, "set");
  check_arg_count(vm, args, "set", 0, 1);
  Value result = new_set_object(vm, false);
  if (args.size() == 1 && gc_safe && vm.consumes_as_frame(args[0])) {
    vm.consume_as_frame(Consumer::Set, args[0], {result});
    return Value();
  }
  if (args.size() == 1) set_update_from(vm, result, args[0], gc_safe);
  return result;
}

Value construct_frozenset(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(construct_frozenset);
  check_no_kwargs(vm, args, "frozenset");
  check_arg_count(vm, args, "frozenset", 0, 1);
  if (args.size() == 1 && is_anyset(vm, args[0]) && set_of(vm, args[0])->frozen) return args[0];
  Value result = new_set_object(vm, true);
  if (args.size() == 1 && gc_safe && vm.consumes_as_frame(args[0])) {
    vm.consume_as_frame(Consumer::FrozenSet, args[0], {result});
    return Value();
  }
  if (args.size() == 1) set_update_from(vm, result, args[0], gc_safe);
  return result;
}

// ---- methods ------------------------------------------------------------------------

namespace {

std::string qualname(VM& vm, CallArgs& args, const char* method) {
  return std::string(set_of(vm, args.self)->frozen ? "frozenset." : "set.") + method;
}

void no_kwargs(VM& vm, CallArgs& args, const char* method) {
  if (args.has_kwargs())
    vm.type_error(qualname(vm, args, method) + "() takes no keyword arguments");
}

void one_arg(VM& vm, CallArgs& args, const char* method) {
  check_one_arg(vm, args, qualname(vm, args, method).c_str());
}

void no_args(VM& vm, CallArgs& args, const char* method) {
  check_no_args(vm, args, qualname(vm, args, method).c_str());
}

Value m_add(VM& vm, CallArgs& args) {
  one_arg(vm, args, "add");
  add_key(vm, args.self, args[0]);
  return Value::none();
}

Value m_discard(VM& vm, CallArgs& args) {
  one_arg(vm, args, "discard");
  table_of(vm, args.self).erase(vm, args[0]);
  return Value::none();
}

Value m_remove(VM& vm, CallArgs& args) {
  one_arg(vm, args, "remove");
  if (!table_of(vm, args.self).erase(vm, args[0])) vm.key_error(args[0]);
  return Value::none();
}

Value m_pop(VM& vm, CallArgs& args) {
  no_args(vm, args, "pop");
  Dict& t = table_of(vm, args.self);
  if (t.empty()) vm.raise(BuiltinTypeId::KeyError, "pop from an empty set");
  return t.pop_any().key;
}

Value m_clear(VM& vm, CallArgs& args) {
  no_args(vm, args, "clear");
  Dict& t = table_of(vm, args.self);
  t.clear();
  t.use_set_layout();
  return Value::none();
}

Value m_copy(VM& vm, CallArgs& args) {
  no_args(vm, args, "copy");
  if (set_of(vm, args.self)->frozen) return args.self;  // immutable: copy is itself
  return set_copy_of(vm, args.self);
}

Value m_union(VM& vm, CallArgs& args) {
  no_kwargs(vm, args, "union");
  Value result = set_copy_of(vm, args.self);
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].same(args.self)) set_update_from(vm, result, args[i]);
  }
  return result;
}

Value m_intersection(VM& vm, CallArgs& args) {
  no_kwargs(vm, args, "intersection");
  if (args.size() == 0) return set_copy_of(vm, args.self);
  Value result = args.self;
  for (size_t i = 0; i < args.size(); ++i) result = intersection(vm, result, args[i]);
  return result;
}

Value m_difference(VM& vm, CallArgs& args) {
  no_kwargs(vm, args, "difference");
  if (args.size() == 0) return set_copy_of(vm, args.self);
  Value result = difference(vm, args.self, args[0]);
  for (size_t i = 1; i < args.size(); ++i) difference_update(vm, result, args[i]);
  return result;
}

Value m_symmetric_difference(VM& vm, CallArgs& args) {
  one_arg(vm, args, "symmetric_difference");
  return symmetric_difference(vm, args.self, args[0]);
}

Value m_update(VM& vm, CallArgs& args) {
  no_kwargs(vm, args, "update");
  for (size_t i = 0; i < args.size(); ++i) set_update_from(vm, args.self, args[i]);
  return Value::none();
}

Value m_intersection_update(VM& vm, CallArgs& args) {
  no_kwargs(vm, args, "intersection_update");
  Value result = args.self;
  for (size_t i = 0; i < args.size(); ++i) result = intersection(vm, result, args[i]);
  if (args.size() == 0) return Value::none();
  set_of(vm, args.self)->table.swap_contents(set_of(vm, result)->table);
  return Value::none();
}

Value m_difference_update(VM& vm, CallArgs& args) {
  no_kwargs(vm, args, "difference_update");
  for (size_t i = 0; i < args.size(); ++i) difference_update(vm, args.self, args[i]);
  return Value::none();
}

Value m_symmetric_difference_update(VM& vm, CallArgs& args) {
  one_arg(vm, args, "symmetric_difference_update");
  symmetric_difference_update(vm, args.self, args[0]);
  return Value::none();
}

Value m_issubset(VM& vm, CallArgs& args) {
  one_arg(vm, args, "issubset");
  return Value::boolean(issubset(vm, args.self, args[0]));
}

Value m_issuperset(VM& vm, CallArgs& args) {
  one_arg(vm, args, "issuperset");
  return Value::boolean(issuperset(vm, args.self, args[0]));
}

Value m_isdisjoint(VM& vm, CallArgs& args) {
  one_arg(vm, args, "isdisjoint");
  return Value::boolean(isdisjoint(vm, args.self, args[0]));
}

const MethodDef kSetMethodDefs[] = {
    {"add", m_add},
    {"discard", m_discard},
    {"remove", m_remove},
    {"pop", m_pop},
    {"clear", m_clear},
    {"copy", m_copy},
    {"union", m_union},
    {"intersection", m_intersection},
    {"difference", m_difference},
    {"symmetric_difference", m_symmetric_difference},
    {"update", m_update},
    {"intersection_update", m_intersection_update},
    {"difference_update", m_difference_update},
    {"symmetric_difference_update", m_symmetric_difference_update},
    {"issubset", m_issubset},
    {"issuperset", m_issuperset},
    {"isdisjoint", m_isdisjoint},
};

const MethodDef kFrozenSetMethodDefs[] = {
    {"copy", m_copy},
    {"union", m_union},
    {"intersection", m_intersection},
    {"difference", m_difference},
    {"symmetric_difference", m_symmetric_difference},
    {"issubset", m_issubset},
    {"issuperset", m_issuperset},
    {"isdisjoint", m_isdisjoint},
};

}  // namespace

const std::span<const MethodDef> kSetMethods{kSetMethodDefs};
const std::span<const MethodDef> kFrozenSetMethods{kFrozenSetMethodDefs};

}  // namespace monty

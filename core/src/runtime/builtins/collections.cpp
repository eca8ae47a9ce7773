// The collections module: deque, defaultdict, Counter, OrderedDict and
// namedtuple.
//
// Each is a class made natively at import (VM::make_class) deriving from a
// builtin type (deque from object), its methods hidden builtin functions in the class namespace:
// no new object kinds, so instances are ordinary dict/tuple subclass
// instances for the VM, the snapshot format and user subclasses
// (`class Tally(Counter)`). Semantics, reprs and messages follow CPython
// 3.11's Lib/collections/__init__.py and Modules/_collectionsmodule.c.
// (ChainMap, UserDict/UserList/UserString and collections.abc are not
// provided; importing them fails with "cannot import name".)
//
// A default_factory, a comparison or a hash that calls Python code runs as
// a callback (a host call there raises, see docs/differences.md).
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/types/registry.h"
#include "support/attributes.h"

namespace monty {

namespace {

// ---- shared helpers --------------------------------------------------------------

Value collections_class(VM& vm, std::string_view name) {
  return imported_module_attr(vm, "collections", name);
}

// The dict inside `self`, an instance of a dict subclass; TypeError naming
// the method otherwise (a method called unbound on something else).
Dict& dict_of_self(VM& vm, const CallArgs& args, const char* cls, const char* method) {
  if (args.size() > 0) {
    Value inner = subclass_value(vm, args[0]);
    if (vm.is_kind(inner, ObjKind::Dict)) return vm.as<DictObj>(inner)->dict;
  }
  vm.type_error(std::string("descriptor '") + method + "' for '" + cls +
                "' objects doesn't apply to a '" +
                (args.size() > 0 ? vm.type_name(args[0]) : std::string("NoneType")) + "' object");
}

// The NotImplemented singleton (an operand these methods do not handle).
Value not_implemented() {
  return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
}

// deque, defaultdict and OrderedDict are C types in CPython (named
// "collections.deque" in messages); Counter is a Python class.
Value make_collections_class(VM& vm, const char* name, BuiltinTypeId base, Value ns, bool c_type) {
  return make_module_class(vm, "collections", name, {Value::type(static_cast<uint32_t>(base))}, ns,
                           c_type);
}

// The name a repr prints: the class's __name__ (a subclass's own name).
std::string short_type_name(VM& vm, Value obj) {
  std::string full = vm.class_name(vm.type_of(obj));
  size_t dot = full.rfind('.');
  return dot == std::string::npos ? full : full.substr(dot + 1);
}

// A new class namespace holding the methods of class `cls` from the
// module's table (defined after it); `unhashable`: __hash__ = None.
Value class_namespace(VM& vm, std::string_view cls, bool unhashable);

// ---- defaultdict ---------------------------------------------------------------

Value dd_init(VM& vm, CallArgs& args) {
  if (args.size() == 0)
    vm.type_error("descriptor '__init__' of 'collections.defaultdict' object needs an argument");
  Value self = args[0];
  dict_of_self(vm, args, "collections.defaultdict", "__init__");
  Value factory = Value::none();
  size_t first = 1;
  if (args.size() > 1) {
    factory = args[1];
    first = 2;
    if (!factory.is_none() && !is_callable(vm, factory))
      vm.type_error("first argument must be callable or None");
  }
  vm.setattr(self, vm.intern("default_factory"), factory);
  CallArgs rest;
  rest.self = subclass_value(vm, self);
  rest.pos = args.pos.subspan(first);
  rest.kw_names = args.kw_names;
  rest.kw_values = args.kw_values;
  return builtin_init_method(BuiltinTypeId::Dict)[0].fn(vm, rest);
}

Value dd_missing(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__missing__", 2, 2);
  dict_of_self(vm, args, "collections.defaultdict", "__missing__");
  Value factory = vm.getattr(args[0], vm.intern("default_factory"));
  if (factory.is_none()) vm.key_error(args[1]);
  Value value = vm.call(factory);
  vm.setitem(args[0], args[1], value);
  return value;
}

Value dd_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  dict_of_self(vm, args, "collections.defaultdict", "__repr__");
  Value factory = vm.getattr(args[0], vm.intern("default_factory"));
  std::string out = short_type_name(vm, args[0]) + "(" + vm.repr_str(factory) + ", " +
                    dict_repr(vm, subclass_value(vm, args[0])) + ")";
  return vm.new_str(std::move(out));
}

Value dd_copy(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "copy", 1, 1);
  dict_of_self(vm, args, "collections.defaultdict", "copy");
  Value call_args[] = {vm.getattr(args[0], vm.intern("default_factory")), args[0]};
  return vm.call(vm.type_of(args[0]), call_args);
}

// ---- Counter -----------------------------------------------------------------------

bool is_mapping(VM& vm, Value v) {
  return vm.is_kind(v, ObjKind::Dict) || vm.is_kind(subclass_value(vm, v), ObjKind::Dict);
}

// (Not const: Dict::find may run __eq__ and so is not a const method.)
Dict& mapping_dict(VM& vm, Value v) {
  Value inner = vm.is_kind(v, ObjKind::Dict) ? v : subclass_value(vm, v);
  return vm.as<DictObj>(inner)->dict;
}

// count[elem] += sign for each element, or count[elem] += sign * n for each
// (elem, n) of a mapping (Counter.update / Counter.subtract).
void counter_add(VM& vm, Dict& counts, Value source, BinOp op) {
  if (is_mapping(vm, source)) {
    // (A copy of the pairs: the source may be the counter itself.)
    std::vector<Dict::Entry> pairs;
    for (const Dict::Entry& e : mapping_dict(vm, source).entries())
      if (!e.key.is_undef()) pairs.push_back(e);
    for (const Dict::Entry& e : pairs) {
      Dict::Entry* cur = counts.find(vm, e.key, e.hash);
      if (op == BinOp::Add && !cur) {
        counts.set(vm, e.key, e.hash, e.value);
      } else {
        Value base = cur ? cur->value : Value::integer(0);
        counts.set(vm, e.key, e.hash, vm.binary_op(op, base, e.value));
      }
    }
    return;
  }
  Value it = vm.iter(source), item;
  while (vm.next(it, &item)) {
    Dict::Entry* cur = counts.find(vm, item);
    Value base = cur ? cur->value : Value::integer(0);
    counts.set(vm, item, vm.binary_op(op, base, Value::integer(1)));
  }
}

Value counter_update_impl(VM& vm, CallArgs& args, const char* name, BinOp op) {
  if (args.size() == 0)
    vm.type_error(std::string("descriptor '") + name + "' of 'Counter' object needs an argument");
  if (args.size() > 2)
    vm.type_error(std::string("Counter.") + name +
                  "() takes from 1 to 2 positional arguments but " + std::to_string(args.size()) +
                  " were given");
  Dict& counts = dict_of_self(vm, args, "Counter", name);
  if (args.size() == 2 && !args[1].is_none()) counter_add(vm, counts, args[1], op);
  if (args.has_kwargs()) {
    Value kw = vm.new_dict();
    Dict& kd = vm.as<DictObj>(kw)->dict;
    for (size_t i = 0; i < args.kw_names.size(); i++)
      kd.set(vm, args.kw_names[i], args.kw_values[i]);
    counter_add(vm, counts, kw, op);
  }
  return Value::none();
}

Value counter_update(VM& vm, CallArgs& args) {
  return counter_update_impl(vm, args, "update", BinOp::Add);
}

Value counter_subtract(VM& vm, CallArgs& args) {
  return counter_update_impl(vm, args, "subtract", BinOp::Sub);
}

Value counter_init(VM& vm, CallArgs& args) {
  if (args.size() == 0)
    vm.type_error("descriptor '__init__' of 'Counter' object needs an argument");
  if (args.size() > 2)
    vm.type_error("Counter.__init__() takes from 1 to 2 positional arguments but " +
                  std::to_string(args.size()) + " were given");
  return counter_update_impl(vm, args, "__init__", BinOp::Add);
}

Value counter_missing(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__missing__", 2, 2);
  return Value::integer(0);
}

// The (elem, count) pairs in most_common order: by count, highest first,
// ties in insertion order (a stable sort, as CPython's sorted/nlargest).
std::vector<Dict::Entry> counter_sorted(VM& vm, const Dict& counts) {
  std::vector<Dict::Entry> pairs;
  for (const Dict::Entry& e : counts.entries())
    if (!e.key.is_undef()) pairs.push_back(e);
  // (A comparison that raises leaves `pairs`, a copy, half sorted.)
  std::stable_sort(pairs.begin(), pairs.end(), [&](const Dict::Entry& a, const Dict::Entry& b) {
    return vm.lt(b.value, a.value);
  });
  return pairs;
}

Value pairs_list(VM& vm, const std::vector<Dict::Entry>& pairs, size_t n) {
  std::vector<Value> items;
  for (size_t i = 0; i < pairs.size() && i < n; i++)
    items.push_back(vm.new_tuple({pairs[i].key, pairs[i].value}));
  return vm.new_list(std::move(items));
}

Value counter_most_common(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "most_common", {"self", "n"}, 1, a);
  CallArgs self_only;
  self_only.pos = std::span<const Value>(a, 1);
  const Dict& counts = dict_of_self(vm, self_only, "Counter", "most_common");
  size_t n = counts.size();
  if (!a[1].is_undef() && !a[1].is_none()) {
    if (!a[1].is_int() && !a[1].is_bool())
      vm.type_error("'" + vm.type_name(a[1]) + "' object cannot be interpreted as an integer");
    int64_t want = a[1].is_bool() ? a[1].i : a[1].i;
    n = want <= 0 ? 0 : static_cast<size_t>(want);
  }
  return pairs_list(vm, counter_sorted(vm, counts), n);
}

Value counter_elements(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "elements", 1, 1);
  const Dict& counts = dict_of_self(vm, args, "Counter", "elements");
  std::vector<Value> items;
  for (const Dict::Entry& e : counts.entries()) {
    if (e.key.is_undef()) continue;
    if (!e.value.is_int() && !e.value.is_bool())
      vm.type_error("'" + vm.type_name(e.value) + "' object cannot be interpreted as an integer");
    int64_t n = e.value.i;
    if (n > 0) vm.check_alloc(static_cast<uint64_t>(n) * sizeof(Value));
    for (int64_t i = 0; i < n; i++) items.push_back(e.key);
  }
  return vm.iter(vm.new_list(std::move(items)));
}

Value counter_total(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "total", 1, 1);
  const Dict& counts = dict_of_self(vm, args, "Counter", "total");
  Value sum = Value::integer(0);
  for (const Dict::Entry& e : counts.entries())
    if (!e.key.is_undef()) sum = vm.binary_op(BinOp::Add, sum, e.value);
  return sum;
}

Value counter_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  const Dict& counts = dict_of_self(vm, args, "Counter", "__repr__");
  std::string name = vm.class_name(vm.type_of(args[0]));
  if (counts.empty()) return vm.new_str(name + "()");
  // CPython: dict(self.most_common()), or dict(self) when counts don't order.
  Value ordered = vm.new_dict();
  Dict& od = vm.as<DictObj>(ordered)->dict;
  std::vector<Dict::Entry> pairs;
  try {
    pairs = counter_sorted(vm, counts);
  } catch (const PyError& err) {
    if (!vm.is_instance(err.exc, BuiltinTypeId::TypeError)) throw;
    pairs.clear();
    for (const Dict::Entry& e : counts.entries())
      if (!e.key.is_undef()) pairs.push_back(e);
  }
  for (const Dict::Entry& e : pairs) od.set(vm, e.key, e.hash, e.value);
  return vm.new_str(name + "(" + dict_repr(vm, ordered) + ")");
}

Value counter_copy(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "copy", 1, 1);
  dict_of_self(vm, args, "Counter", "copy");
  return vm.call(vm.type_of(args[0]), std::span<const Value>(&args[0], 1));
}

Value counter_fromkeys(VM& vm, CallArgs&) {
  vm.raise(BuiltinTypeId::NotImplementedError,
           "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.");
}

Value counter_delitem(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__delitem__", 2, 2);
  Dict& counts = dict_of_self(vm, args, "Counter", "__delitem__");
  counts.erase(vm, args[1]);  // a missing element is not an error
  return Value::none();
}

bool is_counter(VM& vm, Value v) {
  return vm.is_kind(v, ObjKind::Instance) && vm.isinstance(v, collections_class(vm, "Counter"));
}

Value count_of(VM& vm, Dict& d, Value key) {
  const Dict::Entry* e = d.find(vm, key);
  return e ? e->value : Value::integer(0);
}

bool positive(VM& vm, Value v) { return vm.lt(Value::integer(0), v); }

// Counter + - | &: a new Counter of the positive results (CPython's order:
// self's elements first, then other's new ones).
MONTY_NOINLINE Value counter_binary_impl(VM& vm, CallArgs& args, BinOp Op) {
  check_arg_count(vm, args, "__op__", 2, 2);
  if (!is_counter(vm, args[1])) return not_implemented();
  Dict& a = dict_of_self(vm, args, "Counter", "__op__");
  Dict& b = mapping_dict(vm, args[1]);
  Value result = vm.call(collections_class(vm, "Counter"));
  Dict& out = vm.as<DictObj>(subclass_value(vm, result))->dict;
  for (const Dict::Entry& e : a.entries()) {
    if (e.key.is_undef()) continue;
    Value other = count_of(vm, b, e.key);
    Value v;
    if (Op == BinOp::Add || Op == BinOp::Sub) {
      v = vm.binary_op(Op, e.value, other);
    } else if (Op == BinOp::Or) {
      v = vm.lt(e.value, other) ? other : e.value;
    } else {
      v = vm.lt(e.value, other) ? e.value : other;
    }
    if (positive(vm, v)) out.set(vm, e.key, e.hash, v);
  }
  if (Op != BinOp::And) {
    for (const Dict::Entry& e : b.entries()) {
      if (e.key.is_undef() || a.find(vm, e.key, e.hash)) continue;
      if (Op == BinOp::Sub) {
        if (vm.lt(e.value, Value::integer(0)))
          out.set(vm, e.key, e.hash, vm.binary_op(BinOp::Sub, Value::integer(0), e.value));
      } else if (positive(vm, e.value)) {
        out.set(vm, e.key, e.hash, e.value);
      }
    }
  }
  return result;
}

// (One body for every operator: the instantiations are one call each.)
template <BinOp Op>
Value counter_binary(VM& vm, CallArgs& args) {
  return counter_binary_impl(vm, args, Op);
}

// In place: self's counts updated, then the non-positive ones dropped.
MONTY_NOINLINE Value counter_inplace_impl(VM& vm, CallArgs& args, BinOp Op) {
  check_arg_count(vm, args, "__iop__", 2, 2);
  if (!is_counter(vm, args[1])) return not_implemented();
  Dict& a = dict_of_self(vm, args, "Counter", "__iop__");
  std::vector<Dict::Entry> others;
  for (const Dict::Entry& e : mapping_dict(vm, args[1]).entries())
    if (!e.key.is_undef()) others.push_back(e);
  for (const Dict::Entry& e : others) {
    Value cur = count_of(vm, a, e.key);
    Value v;
    if (Op == BinOp::Add || Op == BinOp::Sub) {
      v = vm.binary_op(Op, cur, e.value);
    } else if (Op == BinOp::Or) {
      v = vm.lt(cur, e.value) ? e.value : cur;
    } else {
      v = vm.lt(cur, e.value) ? cur : e.value;
    }
    if (Op == BinOp::And) {
      if (!a.find(vm, e.key, e.hash)) continue;
    }
    a.set(vm, e.key, e.hash, v);
  }
  if (Op == BinOp::And) {
    // Elements only in self have min(count, 0).
    std::vector<Value> drop;
    for (const Dict::Entry& e : a.entries())
      if (!e.key.is_undef() && !mapping_dict(vm, args[1]).find(vm, e.key, e.hash))
        drop.push_back(e.key);
    for (Value k : drop) a.erase(vm, k);
  }
  std::vector<Value> drop;
  for (const Dict::Entry& e : a.entries())
    if (!e.key.is_undef() && !positive(vm, e.value)) drop.push_back(e.key);
  for (Value k : drop) a.erase(vm, k);
  return args[0];
}

// (One body for every operator: the instantiations are one call each.)
template <BinOp Op>
Value counter_inplace(VM& vm, CallArgs& args) {
  return counter_inplace_impl(vm, args, Op);
}

MONTY_NOINLINE Value counter_unary_impl(VM& vm, CallArgs& args, bool Negate) {
  check_arg_count(vm, args, Negate ? "__neg__" : "__pos__", 1, 1);
  const Dict& a = dict_of_self(vm, args, "Counter", Negate ? "__neg__" : "__pos__");
  Value result = vm.call(collections_class(vm, "Counter"));
  Dict& out = vm.as<DictObj>(subclass_value(vm, result))->dict;
  for (const Dict::Entry& e : a.entries()) {
    if (e.key.is_undef()) continue;
    if (Negate) {
      if (vm.lt(e.value, Value::integer(0)))
        out.set(vm, e.key, e.hash, vm.binary_op(BinOp::Sub, Value::integer(0), e.value));
    } else if (positive(vm, e.value)) {
      out.set(vm, e.key, e.hash, e.value);
    }
  }
  return result;
}

// (One body for every operator: the instantiations are one call each.)
template <bool Negate>
Value counter_unary(VM& vm, CallArgs& args) {
  return counter_unary_impl(vm, args, Negate);
}

// Rich comparisons (3.10+): missing elements count as zero.
MONTY_NOINLINE Value counter_compare_impl(VM& vm, CallArgs& args, CmpArg Op) {
  check_arg_count(vm, args, "__cmp__", 2, 2);
  if (!is_counter(vm, args[1])) return not_implemented();
  Dict& a = dict_of_self(vm, args, "Counter", "__cmp__");
  Dict& b = mapping_dict(vm, args[1]);
  // a <= b: every count of a is <= b's, over the elements of both.
  auto all_le = [&](Dict& x, Dict& y, bool flip) {
    for (const Dict* d : {&x, &y}) {
      for (const Dict::Entry& e : d->entries()) {
        if (e.key.is_undef()) continue;
        Value cx = count_of(vm, x, e.key), cy = count_of(vm, y, e.key);
        if (!vm.truthy(flip ? vm.compare(CmpArg::LtE, cy, cx) : vm.compare(CmpArg::LtE, cx, cy)))
          return false;
      }
    }
    return true;
  };
  auto all_eq = [&]() {
    for (const Dict* d : {&a, &b}) {
      for (const Dict::Entry& e : d->entries()) {
        if (e.key.is_undef()) continue;
        if (!vm.eq(count_of(vm, a, e.key), count_of(vm, b, e.key))) return false;
      }
    }
    return true;
  };
  switch (Op) {
    case CmpArg::Eq:
      return Value::boolean(all_eq());
    case CmpArg::NotEq:
      return Value::boolean(!all_eq());
    case CmpArg::LtE:
      return Value::boolean(all_le(a, b, false));
    case CmpArg::GtE:
      return Value::boolean(all_le(a, b, true));
    case CmpArg::Lt:
      return Value::boolean(all_le(a, b, false) && !all_eq());
    case CmpArg::Gt:
      return Value::boolean(all_le(a, b, true) && !all_eq());
  }
  return not_implemented();
}

// (One body for every operator: the instantiations are one call each.)
template <CmpArg Op>
Value counter_compare(VM& vm, CallArgs& args) {
  return counter_compare_impl(vm, args, Op);
}

// ---- OrderedDict -----------------------------------------------------------------

Value od_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  const Dict& d = dict_of_self(vm, args, "collections.OrderedDict", "__repr__");
  std::string name = short_type_name(vm, args[0]);
  if (d.empty()) return vm.new_str(name + "()");
  std::vector<Dict::Entry> pairs;
  for (const Dict::Entry& e : d.entries())
    if (!e.key.is_undef()) pairs.push_back(e);
  Value list = pairs_list(vm, pairs, pairs.size());
  return vm.new_str(name + "(" + vm.repr_str(list) + ")");
}

Value od_move_to_end(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args(vm, args, "move_to_end", {"self", "key", "last"}, 2, 0, a);
  CallArgs self_only;
  self_only.pos = std::span<const Value>(a, 1);
  Dict& d = dict_of_self(vm, self_only, "collections.OrderedDict", "move_to_end");
  bool last = a[2].is_undef() || vm.truthy(a[2]);
  Dict::Entry removed;
  if (!d.erase(vm, a[1], &removed)) vm.key_error(a[1]);
  if (last) {
    d.set(vm, removed.key, removed.hash, removed.value);
    return Value::none();
  }
  std::vector<Dict::Entry> rest;
  for (const Dict::Entry& e : d.entries())
    if (!e.key.is_undef()) rest.push_back(e);
  d.clear();
  d.set(vm, removed.key, removed.hash, removed.value);
  for (const Dict::Entry& e : rest) d.set(vm, e.key, e.hash, e.value);
  return Value::none();
}

Value od_popitem(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "popitem", {"self", "last"}, 1, 0, a);
  CallArgs self_only;
  self_only.pos = std::span<const Value>(a, 1);
  Dict& d = dict_of_self(vm, self_only, "collections.OrderedDict", "popitem");
  if (d.empty()) vm.key_error(vm.new_str("dictionary is empty"));
  bool last = a[1].is_undef() || vm.truthy(a[1]);
  if (last) {
    Dict::Entry e = d.pop_last();
    return vm.new_tuple({e.key, e.value});
  }
  for (const Dict::Entry& e : d.entries()) {
    if (e.key.is_undef()) continue;
    Dict::Entry first = e;
    d.erase(vm, first.key, first.hash);
    return vm.new_tuple({first.key, first.value});
  }
  vm.key_error(vm.new_str("dictionary is empty"));
}

// OrderedDict == OrderedDict compares order too; with a plain dict, as dicts.
MONTY_NOINLINE Value od_eq_impl(VM& vm, CallArgs& args, bool Negate) {
  check_arg_count(vm, args, "__eq__", 2, 2);
  const Dict& a = dict_of_self(vm, args, "collections.OrderedDict", "__eq__");
  if (!is_mapping(vm, args[1])) return not_implemented();
  Value inner_a = subclass_value(vm, args[0]);
  Value inner_b = vm.is_kind(args[1], ObjKind::Dict) ? args[1] : subclass_value(vm, args[1]);
  bool equal = dict_eq(vm, inner_a, inner_b);
  if (equal && vm.isinstance(args[1], collections_class(vm, "OrderedDict"))) {
    std::vector<Value> ka, kb;
    for (const Dict::Entry& e : a.entries())
      if (!e.key.is_undef()) ka.push_back(e.key);
    for (const Dict::Entry& e : mapping_dict(vm, args[1]).entries())
      if (!e.key.is_undef()) kb.push_back(e.key);
    for (size_t i = 0; equal && i < ka.size(); i++) equal = vm.eq(ka[i], kb[i]);
  }
  return Value::boolean(equal != Negate);
}

// (One body for every operator: the instantiations are one call each.)
template <bool Negate>
Value od_eq(VM& vm, CallArgs& args) {
  return od_eq_impl(vm, args, Negate);
}

Value od_copy(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "copy", 1, 1);
  dict_of_self(vm, args, "collections.OrderedDict", "copy");
  return vm.call(vm.type_of(args[0]), std::span<const Value>(&args[0], 1));
}

// ---- namedtuple --------------------------------------------------------------------

Value class_attr(VM& vm, Value cls, const char* name) {
  Value v = vm.class_lookup(cls, vm.intern(name));
  if (v.is_undef()) vm.type_error(std::string("not a namedtuple class (no ") + name + ")");
  return v;
}

// A namedtuple class's _fields: a tuple of str (checked: a program may
// have replaced it).
const std::vector<Value>& tuple_items(VM& vm, Value v) {
  if (!vm.is_kind(v, ObjKind::Tuple)) vm.type_error("not a namedtuple class (bad _fields)");
  for (Value f : vm.as<TupleObj>(v)->items)
    if (!vm.is_str(f)) vm.type_error("not a namedtuple class (bad _fields)");
  return vm.as<TupleObj>(v)->items;
}

Value make_instance(VM& vm, Value cls, std::vector<Value> items) {
  Value instance = vm.heap.make<InstanceObj>(cls);
  vm.as<InstanceObj>(instance)->builtin_value = vm.new_tuple(std::move(items));
  return instance;
}

// __new__(_cls, field...): binds like the Python function CPython generates.
Value nt_new(VM& vm, CallArgs& args) {
  if (args.size() == 0 || !vm.is_kind(args[0], ObjKind::Class))
    vm.type_error("__new__(): not enough arguments");
  Value cls = args[0];
  const auto& fields = tuple_items(vm, class_attr(vm, cls, "_fields"));
  Value defaults_v = class_attr(vm, cls, "_field_defaults");
  if (!is_mapping(vm, defaults_v)) vm.type_error("not a namedtuple class (bad _field_defaults)");
  Dict& defaults = mapping_dict(vm, defaults_v);
  std::vector<RuntimeParam> params;
  for (Value f : fields) params.push_back({vm.str_view(f), defaults.find(vm, f) != nullptr, false});
  std::vector<Value> items(fields.size());
  bind_like_python(vm, args, 1, vm.class_name(cls) + ".__new__", params, 1, items.data());
  for (size_t i = 0; i < items.size(); i++)
    if (items[i].is_undef()) items[i] = defaults.find(vm, fields[i])->value;
  return make_instance(vm, cls, std::move(items));
}

const std::vector<Value>& nt_values(VM& vm, Value self, const char* method) {
  Value inner = subclass_value(vm, self);
  if (!vm.is_kind(inner, ObjKind::Tuple))
    vm.type_error(std::string(method) + "(): not a namedtuple instance");
  return vm.as<TupleObj>(inner)->items;
}

Value nt_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  const auto& items = nt_values(vm, args[0], "__repr__");
  const auto& fields = tuple_items(vm, class_attr(vm, vm.type_of(args[0]), "_fields"));
  std::string out = vm.class_name(vm.type_of(args[0])) + "(";
  for (size_t i = 0; i < fields.size() && i < items.size(); i++) {
    if (i) out += ", ";
    out += std::string(vm.str_view(fields[i])) + "=" + vm.repr_str(items[i]);
  }
  return vm.new_str(out + ")");
}

Value nt_asdict(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "_asdict", 1, 1);
  const auto& items = nt_values(vm, args[0], "_asdict");
  const auto& fields = tuple_items(vm, class_attr(vm, vm.type_of(args[0]), "_fields"));
  Value out = vm.new_dict();
  Dict& d = vm.as<DictObj>(out)->dict;
  for (size_t i = 0; i < fields.size() && i < items.size(); i++) d.set(vm, fields[i], items[i]);
  return out;
}

Value nt_make(VM& vm, CallArgs& args) {
  // A classmethod: args[0] is the class.
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("_make() takes 2 positional arguments but " + std::to_string(args.size()) +
                  " were given");
  Value cls = args[0];
  const size_t n = tuple_items(vm, class_attr(vm, cls, "_fields")).size();
  std::vector<Value> items;
  Value it = vm.iter(args[1]), item;
  while (vm.next(it, &item)) items.push_back(item);
  if (items.size() != n)
    vm.type_error("Expected " + std::to_string(n) + " arguments, got " +
                  std::to_string(items.size()));
  return make_instance(vm, cls, std::move(items));
}

Value nt_replace(VM& vm, CallArgs& args) {
  if (args.size() != 1)
    vm.type_error("_replace() takes 1 positional argument but " + std::to_string(args.size()) +
                  " were given");
  std::vector<Value> items = nt_values(vm, args[0], "_replace");
  Value cls = vm.type_of(args[0]);
  const auto& fields = tuple_items(vm, class_attr(vm, cls, "_fields"));
  std::vector<Value> unknown;
  for (size_t k = 0; k < args.kw_names.size(); k++) {
    size_t i = 0;
    while (i < fields.size() && vm.str_view(fields[i]) != vm.str_view(args.kw_names[k])) i++;
    if (i == fields.size()) {
      unknown.push_back(args.kw_names[k]);
    } else if (i < items.size()) {
      items[i] = args.kw_values[k];
    }
  }
  if (!unknown.empty())
    vm.value_error("Got unexpected field names: " + vm.repr_str(vm.new_list(std::move(unknown))));
  return make_instance(vm, cls, std::move(items));
}

Value nt_getnewargs(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__getnewargs__", 1, 1);
  return vm.new_tuple(nt_values(vm, args[0], "__getnewargs__"));
}

// A field's property getter: partial(nt_field, index) called with self.
Value nt_field(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "_tuplegetter", 2, 2);
  const auto& items = nt_values(vm, args[1], "_tuplegetter");
  if (!args[0].is_int() || args[0].i < 0 || static_cast<size_t>(args[0].i) >= items.size())
    vm.index_error("tuple index out of range");
  return items[static_cast<size_t>(args[0].i)];
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool is_keyword(std::string_view s) {
  static constexpr std::string_view kKeywords[] = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return std::find(std::begin(kKeywords), std::end(kKeywords), s) != std::end(kKeywords);
}

Value collections_namedtuple(VM& vm, CallArgs& args) {
  // namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)
  if (args.size() > 2)
    vm.type_error("namedtuple() takes 2 positional arguments but " + std::to_string(args.size()) +
                  " were given");
  Value a[5];
  bind_args_like_python(vm, args, "namedtuple",
                        {"typename", "field_names", "rename", "defaults", "module"}, 2, a);
  const bool rename = !a[2].is_undef() && vm.truthy(a[2]);
  // Field names: a str split on commas and whitespace, or an iterable of str.
  std::vector<std::string> names;
  if (vm.is_str(a[1])) {
    std::string text(vm.str_view(a[1]));
    std::replace(text.begin(), text.end(), ',', ' ');
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) i++;
      size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n') j++;
      if (j > i) names.emplace_back(text.substr(i, j - i));
      i = j;
    }
  } else {
    Value it = vm.iter(a[1]), item;
    while (vm.next(it, &item)) names.push_back(vm.to_str(item));  // CPython: map(str, ...)
  }
  std::string type_name = vm.to_str(a[0]);
  if (rename) {
    std::vector<std::string> seen;
    for (size_t i = 0; i < names.size(); i++) {
      const std::string& n = names[i];
      if (!is_identifier(n) || is_keyword(n) || n[0] == '_' ||
          std::find(seen.begin(), seen.end(), n) != seen.end()) {
        names[i] = "_" + std::to_string(i);
      }
      seen.push_back(names[i]);
    }
  }
  std::vector<std::string> all{type_name};
  all.insert(all.end(), names.begin(), names.end());
  for (const std::string& n : all) {
    if (!is_identifier(n))
      vm.value_error("Type names and field names must be valid identifiers: " +
                     vm.repr_str(vm.new_str(n)));
    if (is_keyword(n))
      vm.value_error("Type names and field names cannot be a keyword: " +
                     vm.repr_str(vm.new_str(n)));
  }
  std::vector<std::string> seen;
  for (const std::string& n : names) {
    if (n[0] == '_' && !rename)
      vm.value_error("Field names cannot start with an underscore: " + vm.repr_str(vm.new_str(n)));
    if (std::find(seen.begin(), seen.end(), n) != seen.end())
      vm.value_error("Encountered duplicate field name: " + vm.repr_str(vm.new_str(n)));
    seen.push_back(n);
  }
  std::vector<Value> defaults;
  if (!a[3].is_undef() && !a[3].is_none()) {
    Value it = vm.iter(a[3]), item;
    while (vm.next(it, &item)) defaults.push_back(item);
    if (defaults.size() > names.size()) vm.type_error("Got more default values than field names");
  }

  Value ns = class_namespace(vm, "namedtuple", false);
  Dict& d = vm.as<DictObj>(ns)->dict;
  Value module = a[4].is_undef() || a[4].is_none() ? vm.intern("__main__") : a[4];
  d.set(vm, vm.intern("__module__"), module);
  d.set(vm, vm.intern("__qualname__"), vm.new_str(type_name));
  std::string doc = type_name + "(";
  std::vector<Value> field_values;
  for (size_t i = 0; i < names.size(); i++) {
    doc += (i ? ", " : "") + names[i];
    field_values.push_back(vm.intern(names[i]));
  }
  d.set(vm, vm.intern("__doc__"), vm.new_str(doc + ")"));
  d.set(vm, vm.intern("__slots__"), vm.empty_tuple());
  Value fields = vm.new_tuple(field_values);
  d.set(vm, vm.intern("_fields"), fields);
  d.set(vm, vm.intern("__match_args__"), fields);
  Value field_defaults = vm.new_dict();
  Dict& fd = vm.as<DictObj>(field_defaults)->dict;
  for (size_t i = 0; i < defaults.size(); i++)
    fd.set(vm, field_values[names.size() - defaults.size() + i], defaults[i]);
  d.set(vm, vm.intern("_field_defaults"), field_defaults);
  d.set(vm, vm.intern("__new__"),
        vm.heap.make<WrapperObj>(ObjKind::StaticMethod, hidden_fn(nt_new)));
  d.set(vm, vm.intern("_make"), vm.heap.make<WrapperObj>(ObjKind::ClassMethod, hidden_fn(nt_make)));
  for (size_t i = 0; i < names.size(); i++) {
    Value bound[] = {hidden_fn(nt_field), Value::integer(static_cast<int64_t>(i))};
    CallArgs pa;
    pa.pos = bound;
    Value getter = construct_partial(vm, pa);
    d.set(vm, field_values[i], vm.heap.make<WrapperObj>(ObjKind::Property, getter));
  }
  Value tuple_type = Value::type(static_cast<uint32_t>(BuiltinTypeId::Tuple));
  return vm.make_class(vm.new_str(type_name), {tuple_type}, ns);
}

// ---- deque -------------------------------------------------------------------------
// A class deriving from object with __slots__, its state in three slots whose
// names are not identifiers (unreachable with `d.x`, absent from vars(), as
// CPython's deque has no __dict__): " data", a list whose items from " head"
// on are the deque's (popleft moves the head, the list compacts when half of
// it is dead: O(1) amortized at both ends), and " maxlen" (None or an int).

struct DequeState {
  std::vector<Value>* items;  // the list's items; live from head on
  Dict::Entry* head;          // an int
  Value maxlen;               // None or a non-negative int
  size_t first() const { return static_cast<size_t>(head->value.i); }
  size_t size() const { return items->size() - first(); }
  Value& at(size_t i) { return (*items)[first() + i]; }
};

Value deque_name(VM& vm, const char* slot) { return vm.intern(slot); }

DequeState deque_state(VM& vm, Value self, const char* method) {
  if (vm.is_kind(self, ObjKind::Instance)) {
    auto* inst = vm.as<InstanceObj>(self);
    Dict& attrs = vm.instance_attrs(inst);
    Dict::Entry* data = attrs.find_str(vm, deque_name(vm, " data"));
    Dict::Entry* head = attrs.find_str(vm, deque_name(vm, " head"));
    Dict::Entry* maxlen = attrs.find_str(vm, deque_name(vm, " maxlen"));
    if (data && head && maxlen && vm.is_kind(data->value, ObjKind::List) && head->value.is_int() &&
        (maxlen->value.is_none() || (maxlen->value.is_int() && maxlen->value.i >= 0))) {
      auto* items = &vm.as<ListObj>(data->value)->items;
      if (head->value.i >= 0 && static_cast<size_t>(head->value.i) <= items->size())
        return DequeState{items, head, maxlen->value};
    }
  }
  vm.type_error(std::string("descriptor '") + method +
                "' for 'collections.deque' objects doesn't apply to a '" + vm.type_name(self) +
                "' object");
}

DequeState deque_self(VM& vm, CallArgs& args, const char* method, size_t min_args,
                      size_t max_args) {
  if (args.has_kwargs())
    vm.type_error(std::string("deque.") + method + "() takes no keyword arguments");
  if (args.size() == 0)
    vm.type_error(std::string("descriptor '") + method +
                  "' of 'collections.deque' object needs an argument");
  DequeState d = deque_state(vm, args[0], method);
  size_t n = args.size() - 1;
  if (n < min_args || n > max_args) {
    std::string m = std::string("deque.") + method + "()";
    if (min_args == max_args && max_args == 0)
      vm.type_error(m + " takes no arguments (" + std::to_string(n) + " given)");
    if (min_args == max_args && max_args == 1)
      vm.type_error(m + " takes exactly one argument (" + std::to_string(n) + " given)");
    if (n < min_args)
      vm.type_error(std::string(method) + " expected at least " + std::to_string(min_args) +
                    " argument" + (min_args == 1 ? "" : "s") + ", got " + std::to_string(n));
    vm.type_error(std::string(method) + " expected at most " + std::to_string(max_args) +
                  " argument" + (max_args == 1 ? "" : "s") + ", got " + std::to_string(n));
  }
  return d;
}

// Drops the dead front of the list once it is half of it.
void deque_compact(DequeState& d) {
  size_t head = d.first();
  if (head >= 16 && head * 2 >= d.items->size()) {
    d.items->erase(d.items->begin(), d.items->begin() + static_cast<std::ptrdiff_t>(head));
    d.head->value = Value::integer(0);
  }
}

void deque_push_back(VM& vm, DequeState& d, Value v) {
  if (d.maxlen.is_int() && d.maxlen.i == 0) return;
  GrowthMeter meter(vm, *d.items);
  d.items->push_back(v);
  if (d.maxlen.is_int() && d.size() > static_cast<size_t>(d.maxlen.i)) {
    (*d.items)[d.first()] = Value::none();
    d.head->value = Value::integer(d.head->value.i + 1);
    deque_compact(d);
  }
}

void deque_push_front(VM& vm, DequeState& d, Value v) {
  if (d.maxlen.is_int() && d.maxlen.i == 0) return;
  if (d.first() > 0) {
    d.head->value = Value::integer(d.head->value.i - 1);
    d.at(0) = v;
  } else {
    GrowthMeter meter(vm, *d.items);
    d.items->insert(d.items->begin(), v);
  }
  if (d.maxlen.is_int() && d.size() > static_cast<size_t>(d.maxlen.i)) d.items->pop_back();
}

Value deque_pop_back(VM& vm, DequeState& d) {
  if (d.size() == 0) vm.index_error("pop from an empty deque");
  Value v = d.items->back();
  d.items->pop_back();
  if (d.size() == 0) {
    d.items->clear();
    d.head->value = Value::integer(0);
  }
  return v;
}

Value deque_pop_front(VM& vm, DequeState& d) {
  if (d.size() == 0) vm.index_error("pop from an empty deque");
  Value v = d.at(0);
  d.at(0) = Value::none();
  d.head->value = Value::integer(d.head->value.i + 1);
  if (d.size() == 0) {
    d.items->clear();
    d.head->value = Value::integer(0);
  }
  deque_compact(d);
  return v;
}

// The live items, copied (for iteration, comparison, repr).
std::vector<Value> deque_items(DequeState& d) {
  return std::vector<Value>(d.items->begin() + static_cast<std::ptrdiff_t>(d.first()),
                            d.items->end());
}

Value deque_maxlen_arg(VM& vm, Value v) {
  if (v.is_undef() || v.is_none()) return Value::none();
  if (!v.is_int() && !v.is_bool())
    vm.type_error("'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
  if (v.i < 0) vm.value_error("maxlen must be non-negative");
  return Value::integer(v.i);
}

void deque_extend_from(VM& vm, Value self, Value iterable, bool left) {
  // (Extending with itself reads a copy first, as CPython does.)
  std::vector<Value> incoming;
  if (iterable.same(self)) {
    DequeState d = deque_state(vm, self, left ? "extendleft" : "extend");
    incoming = deque_items(d);
  } else {
    Value it = vm.iter(iterable), item;
    while (vm.next(it, &item)) {
      DequeState d = deque_state(vm, self, left ? "extendleft" : "extend");
      left ? deque_push_front(vm, d, item) : deque_push_back(vm, d, item);
    }
    return;
  }
  for (Value item : incoming) {
    DequeState d = deque_state(vm, self, left ? "extendleft" : "extend");
    left ? deque_push_front(vm, d, item) : deque_push_back(vm, d, item);
  }
}

Value dq_init(VM& vm, CallArgs& args) {
  if (args.size() == 0)
    vm.type_error("descriptor '__init__' of 'collections.deque' object needs an argument");
  if (args.size() > 3)
    vm.type_error("deque() takes at most 2 arguments (" + std::to_string(args.size() - 1) +
                  " given)");
  Value a[2];
  for (size_t i = 1; i < args.size(); i++) a[i - 1] = args[i];
  for (size_t k = 0; k < args.kw_names.size(); k++) {
    std::string_view n = vm.str_view(args.kw_names[k]);
    size_t i = n == "iterable" ? 0 : n == "maxlen" ? 1 : 2;
    if (i == 2)
      vm.type_error("'" + std::string(n) + "' is an invalid keyword argument for deque()");
    if (!a[i].is_undef())
      vm.type_error("argument for deque() given by name ('" + std::string(n) + "') and position (" +
                    std::to_string(i + 1) + ")");
    a[i] = args.kw_values[k];
  }
  Value self = args[0];
  if (!vm.is_kind(self, ObjKind::Instance))
    vm.type_error("descriptor '__init__' for 'collections.deque' objects doesn't apply to a '" +
                  vm.type_name(self) + "' object");
  Value maxlen = deque_maxlen_arg(vm, a[1]);
  Dict& attrs = vm.instance_attrs(vm.as<InstanceObj>(self));
  attrs.set(vm, deque_name(vm, " data"), vm.new_list());
  attrs.set(vm, deque_name(vm, " head"), Value::integer(0));
  attrs.set(vm, deque_name(vm, " maxlen"), maxlen);
  if (!a[0].is_undef()) deque_extend_from(vm, self, a[0], false);
  return Value::none();
}

Value dq_append(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "append", 1, 1);
  deque_push_back(vm, d, args[1]);
  return Value::none();
}

Value dq_appendleft(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "appendleft", 1, 1);
  deque_push_front(vm, d, args[1]);
  return Value::none();
}

Value dq_pop(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "pop", 0, 0);
  return deque_pop_back(vm, d);
}

Value dq_popleft(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "popleft", 0, 0);
  return deque_pop_front(vm, d);
}

Value dq_extend(VM& vm, CallArgs& args) {
  deque_self(vm, args, "extend", 1, 1);
  deque_extend_from(vm, args[0], args[1], false);
  return Value::none();
}

Value dq_extendleft(VM& vm, CallArgs& args) {
  deque_self(vm, args, "extendleft", 1, 1);
  deque_extend_from(vm, args[0], args[1], true);
  return Value::none();
}

Value dq_clear(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "clear", 0, 0);
  d.items->clear();
  d.head->value = Value::integer(0);
  return Value::none();
}

Value dq_len(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__len__", 0, 0);
  return Value::integer(static_cast<int64_t>(d.size()));
}

Value dq_bool(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__bool__", 0, 0);
  return Value::boolean(d.size() > 0);
}

Value dq_iter(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__iter__", 0, 0);
  return vm.iter(vm.new_list(deque_items(d)));
}

Value dq_reversed(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__reversed__", 0, 0);
  std::vector<Value> items = deque_items(d);
  std::reverse(items.begin(), items.end());
  return vm.iter(vm.new_list(std::move(items)));
}

size_t deque_index_arg(VM& vm, DequeState& d, Value index) {
  if (!index.is_int() && !index.is_bool()) {
    if (vm.is_kind(index, ObjKind::BigInt)) vm.index_error("deque index out of range");
    vm.type_error("sequence index must be integer, not '" + vm.type_name(index) + "'");
  }
  int64_t i = index.i, n = static_cast<int64_t>(d.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) vm.index_error("deque index out of range");
  return static_cast<size_t>(i);
}

Value dq_getitem(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__getitem__", 1, 1);
  return d.at(deque_index_arg(vm, d, args[1]));
}

Value dq_setitem(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__setitem__", 2, 2);
  d.at(deque_index_arg(vm, d, args[1])) = args[2];
  return Value::none();
}

Value dq_delitem(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__delitem__", 1, 1);
  size_t i = deque_index_arg(vm, d, args[1]);
  d.items->erase(d.items->begin() + static_cast<std::ptrdiff_t>(d.first() + i));
  return Value::none();
}

Value dq_contains(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__contains__", 1, 1);
  for (Value v : deque_items(d))
    if (vm.eq(v, args[1])) return Value::boolean(true);
  return Value::boolean(false);
}

Value dq_count(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "count", 1, 1);
  int64_t n = 0;
  for (Value v : deque_items(d)) n += vm.eq(v, args[1]) ? 1 : 0;
  return Value::integer(n);
}

Value dq_index(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "index", 1, 3);
  std::vector<Value> items = deque_items(d);
  int64_t n = static_cast<int64_t>(items.size()), start = 0, stop = n;
  auto bound = [&](Value v) {
    if (!v.is_int() && !v.is_bool())
      vm.type_error("slice indices must be integers or have an __index__ method");
    int64_t i = v.i;
    if (i < 0) i = std::max<int64_t>(0, i + n);
    return std::min(i, n);
  };
  if (args.size() > 2) start = bound(args[2]);
  if (args.size() > 3) stop = bound(args[3]);
  for (int64_t i = start; i < stop; i++)
    if (vm.eq(items[static_cast<size_t>(i)], args[1])) return Value::integer(i);
  vm.value_error(vm.repr_str(args[1]) + " is not in deque");
}

Value dq_insert(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "insert", 2, 2);
  if (!args[1].is_int() && !args[1].is_bool())
    vm.type_error("'" + vm.type_name(args[1]) + "' object cannot be interpreted as an integer");
  if (d.maxlen.is_int() && d.size() >= static_cast<size_t>(d.maxlen.i))
    vm.index_error("deque already at its maximum size");
  int64_t n = static_cast<int64_t>(d.size()), i = args[1].i;
  if (i < 0) i = std::max<int64_t>(0, i + n);
  i = std::min(i, n);
  GrowthMeter meter(vm, *d.items);
  d.items->insert(
      d.items->begin() + static_cast<std::ptrdiff_t>(d.first() + static_cast<size_t>(i)), args[2]);
  return Value::none();
}

Value dq_remove(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "remove", 1, 1);
  std::vector<Value> items = deque_items(d);
  for (size_t i = 0; i < items.size(); i++) {
    if (!vm.eq(items[i], args[1])) continue;
    DequeState now = deque_state(vm, args[0], "remove");  // (eq may have run Python code)
    if (now.size() != items.size()) vm.index_error("deque mutated during remove().");
    now.items->erase(now.items->begin() + static_cast<std::ptrdiff_t>(now.first() + i));
    return Value::none();
  }
  vm.value_error(vm.repr_str(args[1]) + " is not in deque");
}

Value dq_reverse(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "reverse", 0, 0);
  std::reverse(d.items->begin() + static_cast<std::ptrdiff_t>(d.first()), d.items->end());
  return Value::none();
}

Value dq_rotate(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "rotate", 0, 1);
  int64_t k = 1;
  if (args.size() > 1) {
    if (!args[1].is_int() && !args[1].is_bool())
      vm.type_error("'" + vm.type_name(args[1]) + "' object cannot be interpreted as an integer");
    k = args[1].i;
  }
  int64_t n = static_cast<int64_t>(d.size());
  if (n <= 1) return Value::none();
  k %= n;
  if (k < 0) k += n;
  auto begin = d.items->begin() + static_cast<std::ptrdiff_t>(d.first());
  std::rotate(begin, d.items->end() - k, d.items->end());
  return Value::none();
}

Value dq_copy(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "copy", 0, 0);
  Value call_args[] = {vm.new_list(deque_items(d)), d.maxlen};
  return vm.call(vm.type_of(args[0]), call_args);
}

Value dq_maxlen(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "maxlen", 0, 0);
  return d.maxlen;
}

// The setter and deleter of the read-only maxlen property.
Value dq_maxlen_readonly(VM& vm, CallArgs&) {
  vm.raise(BuiltinTypeId::AttributeError,
           "attribute 'maxlen' of 'collections.deque' objects is not writable");
}

Value dq_repr(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__repr__", 0, 0);
  ReprGuard guard(vm, args[0]);
  if (!guard.active) return vm.new_str("[...]");
  std::vector<Value> items = deque_items(d);
  std::string out = short_type_name(vm, args[0]) + "([";
  for (size_t i = 0; i < items.size(); i++) {
    if (i) out += ", ";
    out += vm.repr_str(items[i]);
  }
  out += "]";
  if (d.maxlen.is_int()) out += ", maxlen=" + std::to_string(d.maxlen.i);
  return vm.new_str(vm.charge_text(out + ")"));
}

bool is_deque(VM& vm, Value v) {
  return vm.is_kind(v, ObjKind::Instance) && vm.isinstance(v, collections_class(vm, "deque"));
}

MONTY_NOINLINE Value dq_compare_impl(VM& vm, CallArgs& args, CmpArg Op) {
  DequeState d = deque_self(vm, args, "__cmp__", 1, 1);
  if (!is_deque(vm, args[1])) return not_implemented();
  DequeState o = deque_state(vm, args[1], "__cmp__");
  std::vector<Value> a = deque_items(d), b = deque_items(o);
  return sequence_compare(vm, Op, a, b);
}

// (One body for every operator: the instantiations are one call each.)
template <CmpArg Op>
Value dq_compare(VM& vm, CallArgs& args) {
  return dq_compare_impl(vm, args, Op);
}

Value dq_add(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__add__", 1, 1);
  if (!is_deque(vm, args[1]))
    vm.type_error("can only concatenate deque (not \"" + vm.type_name(args[1]) + "\") to deque");
  std::vector<Value> items = deque_items(d);
  DequeState o = deque_state(vm, args[1], "__add__");
  for (Value v : deque_items(o)) items.push_back(v);
  Value call_args[] = {vm.new_list(std::move(items)), d.maxlen};
  return vm.call(vm.type_of(args[0]), call_args);
}

Value dq_iadd(VM& vm, CallArgs& args) {
  deque_self(vm, args, "__iadd__", 1, 1);
  deque_extend_from(vm, args[0], args[1], false);
  return args[0];
}

int64_t repeat_count(VM& vm, Value v) {
  if (!v.is_int() && !v.is_bool())
    vm.type_error("can't multiply sequence by non-int of type '" + vm.type_name(v) + "'");
  return v.i;
}

// deque * k raises for a non-int k itself; k * deque (__rmul__) leaves the
// error to the other operand's type, as CPython's messages do.
MONTY_NOINLINE Value dq_mul_impl(VM& vm, CallArgs& args, bool Reflected) {
  DequeState d = deque_self(vm, args, "__mul__", 1, 1);
  if (Reflected && !args[1].is_int() && !args[1].is_bool()) return not_implemented();
  int64_t k = repeat_count(vm, args[1]);
  std::vector<Value> one = deque_items(d), items;
  if (k > 0) {
    vm.check_alloc_items(static_cast<uint64_t>(k) * one.size(), sizeof(Value));
    for (int64_t i = 0; i < k; i++) items.insert(items.end(), one.begin(), one.end());
  }
  Value call_args[] = {vm.new_list(std::move(items)), d.maxlen};
  return vm.call(vm.type_of(args[0]), call_args);
}

// (One body for every operator: the instantiations are one call each.)
template <bool Reflected>
Value dq_mul(VM& vm, CallArgs& args) {
  return dq_mul_impl(vm, args, Reflected);
}

Value dq_imul(VM& vm, CallArgs& args) {
  DequeState d = deque_self(vm, args, "__imul__", 1, 1);
  int64_t k = repeat_count(vm, args[1]);
  std::vector<Value> one = deque_items(d);
  d.items->clear();
  d.head->value = Value::integer(0);
  if (k > 0) vm.check_alloc_items(static_cast<uint64_t>(k) * one.size(), sizeof(Value));
  for (int64_t i = 0; i < k; i++)
    for (Value v : one) deque_push_back(vm, d, v);
  return args[0];
}

// Every function of the module. The entries that bind (the last field) are
// the methods of the class their module names ("_collections_deque":
// deque), which init_collections_module puts in the class namespaces; the
// others are reached through hidden_fn (a classmethod, a property, ...).
// An alias (__copy__) is a second entry: hidden_fn finds the first.
const BuiltinFnDef kCollectionsFunctionTable[] = {
    {"namedtuple", collections_namedtuple, "collections"},
    {"__init__", dd_init, "_collections_defaultdict", nullptr, true},
    {"__missing__", dd_missing, "_collections_defaultdict", nullptr, true},
    {"__repr__", dd_repr, "_collections_defaultdict", nullptr, true},
    {"copy", dd_copy, "_collections_defaultdict", nullptr, true},
    {"__copy__", dd_copy, "_collections_defaultdict", nullptr, true},
    {"__init__", counter_init, "_collections_Counter", nullptr, true},
    {"__missing__", counter_missing, "_collections_Counter", nullptr, true},
    {"update", counter_update, "_collections_Counter", nullptr, true},
    {"subtract", counter_subtract, "_collections_Counter", nullptr, true},
    {"most_common", counter_most_common, "_collections_Counter", nullptr, true},
    {"elements", counter_elements, "_collections_Counter", nullptr, true},
    {"total", counter_total, "_collections_Counter", nullptr, true},
    {"__repr__", counter_repr, "_collections_Counter", nullptr, true},
    {"copy", counter_copy, "_collections_Counter", nullptr, true},
    {"__copy__", counter_copy, "_collections_Counter", nullptr, true},
    {"__delitem__", counter_delitem, "_collections_Counter", nullptr, true},
    {"__add__", counter_binary<BinOp::Add>, "_collections_Counter", nullptr, true},
    {"__sub__", counter_binary<BinOp::Sub>, "_collections_Counter", nullptr, true},
    {"__or__", counter_binary<BinOp::Or>, "_collections_Counter", nullptr, true},
    {"__and__", counter_binary<BinOp::And>, "_collections_Counter", nullptr, true},
    {"__iadd__", counter_inplace<BinOp::Add>, "_collections_Counter", nullptr, true},
    {"__isub__", counter_inplace<BinOp::Sub>, "_collections_Counter", nullptr, true},
    {"__ior__", counter_inplace<BinOp::Or>, "_collections_Counter", nullptr, true},
    {"__iand__", counter_inplace<BinOp::And>, "_collections_Counter", nullptr, true},
    {"__pos__", counter_unary<false>, "_collections_Counter", nullptr, true},
    {"__neg__", counter_unary<true>, "_collections_Counter", nullptr, true},
    {"__eq__", counter_compare<CmpArg::Eq>, "_collections_Counter", nullptr, true},
    {"__ne__", counter_compare<CmpArg::NotEq>, "_collections_Counter", nullptr, true},
    {"__le__", counter_compare<CmpArg::LtE>, "_collections_Counter", nullptr, true},
    {"__lt__", counter_compare<CmpArg::Lt>, "_collections_Counter", nullptr, true},
    {"__ge__", counter_compare<CmpArg::GtE>, "_collections_Counter", nullptr, true},
    {"__gt__", counter_compare<CmpArg::Gt>, "_collections_Counter", nullptr, true},
    {"fromkeys", counter_fromkeys, "_collections_Counter"},
    {"__repr__", od_repr, "_collections_OrderedDict", nullptr, true},
    {"move_to_end", od_move_to_end, "_collections_OrderedDict", nullptr, true},
    {"popitem", od_popitem, "_collections_OrderedDict", nullptr, true},
    {"__eq__", od_eq<false>, "_collections_OrderedDict", nullptr, true},
    {"__ne__", od_eq<true>, "_collections_OrderedDict", nullptr, true},
    {"copy", od_copy, "_collections_OrderedDict", nullptr, true},
    {"__copy__", od_copy, "_collections_OrderedDict", nullptr, true},
    {"__init__", dq_init, "_collections_deque", nullptr, true},
    {"append", dq_append, "_collections_deque", nullptr, true},
    {"appendleft", dq_appendleft, "_collections_deque", nullptr, true},
    {"pop", dq_pop, "_collections_deque", nullptr, true},
    {"popleft", dq_popleft, "_collections_deque", nullptr, true},
    {"extend", dq_extend, "_collections_deque", nullptr, true},
    {"extendleft", dq_extendleft, "_collections_deque", nullptr, true},
    {"clear", dq_clear, "_collections_deque", nullptr, true},
    {"__len__", dq_len, "_collections_deque", nullptr, true},
    {"__bool__", dq_bool, "_collections_deque", nullptr, true},
    {"__iter__", dq_iter, "_collections_deque", nullptr, true},
    {"__reversed__", dq_reversed, "_collections_deque", nullptr, true},
    {"__getitem__", dq_getitem, "_collections_deque", nullptr, true},
    {"__setitem__", dq_setitem, "_collections_deque", nullptr, true},
    {"__delitem__", dq_delitem, "_collections_deque", nullptr, true},
    {"__contains__", dq_contains, "_collections_deque", nullptr, true},
    {"count", dq_count, "_collections_deque", nullptr, true},
    {"index", dq_index, "_collections_deque", nullptr, true},
    {"insert", dq_insert, "_collections_deque", nullptr, true},
    {"remove", dq_remove, "_collections_deque", nullptr, true},
    {"reverse", dq_reverse, "_collections_deque", nullptr, true},
    {"rotate", dq_rotate, "_collections_deque", nullptr, true},
    {"copy", dq_copy, "_collections_deque", nullptr, true},
    {"__copy__", dq_copy, "_collections_deque", nullptr, true},
    {"__repr__", dq_repr, "_collections_deque", nullptr, true},
    {"__eq__", dq_compare<CmpArg::Eq>, "_collections_deque", nullptr, true},
    {"__ne__", dq_compare<CmpArg::NotEq>, "_collections_deque", nullptr, true},
    {"__lt__", dq_compare<CmpArg::Lt>, "_collections_deque", nullptr, true},
    {"__le__", dq_compare<CmpArg::LtE>, "_collections_deque", nullptr, true},
    {"__gt__", dq_compare<CmpArg::Gt>, "_collections_deque", nullptr, true},
    {"__ge__", dq_compare<CmpArg::GtE>, "_collections_deque", nullptr, true},
    {"__add__", dq_add, "_collections_deque", nullptr, true},
    {"__iadd__", dq_iadd, "_collections_deque", nullptr, true},
    {"__mul__", dq_mul<false>, "_collections_deque", nullptr, true},
    {"__rmul__", dq_mul<true>, "_collections_deque", nullptr, true},
    {"__imul__", dq_imul, "_collections_deque", nullptr, true},
    {"maxlen", dq_maxlen, "_collections_deque"},
    {"maxlen_readonly", dq_maxlen_readonly, "_collections_deque"},
    {"__repr__", nt_repr, "_collections_namedtuple", nullptr, true},
    {"_asdict", nt_asdict, "_collections_namedtuple", nullptr, true},
    {"_replace", nt_replace, "_collections_namedtuple", nullptr, true},
    {"__getnewargs__", nt_getnewargs, "_collections_namedtuple", nullptr, true},
    {"__new__", nt_new, "_collections_namedtuple"},
    {"_make", nt_make, "_collections_namedtuple"},
    {"_tuplegetter", nt_field, "_collections_namedtuple"},
};

Value class_namespace(VM& vm, std::string_view cls, bool unhashable) {
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  const auto fns = builtin_functions();
  for (size_t i = 0; i < fns.size(); i++) {
    std::string_view module = fns[i].module ? fns[i].module : "";
    if (fns[i].binds && module.substr(0, 13) == "_collections_" && module.substr(13) == cls)
      d.set(vm, vm.intern(fns[i].name), Value::builtin_fn(static_cast<uint32_t>(i)));
  }
  if (unhashable) d.set(vm, vm.intern("__hash__"), Value::none());
  return ns;
}

}  // namespace

const std::span<const BuiltinFnDef> kCollectionsFunctions = kCollectionsFunctionTable;

// class P(NamedTuple): the annotated names are the fields, their values the
// defaults, the rest of the body (methods, docstring) is copied onto the
// namedtuple class, as typing.NamedTupleMeta does.
Value build_typed_namedtuple(VM& vm, Value name, const std::vector<Value>& bases, Value ns) {
  for (Value b : bases) {
    std::string_view form = typing_form_name(vm, b);
    if (form != "NamedTuple" && form != "Generic")
      vm.type_error("can only inherit from a NamedTuple type and Generic");
  }
  Dict& body = vm.as<DictObj>(ns)->dict;
  Value annotations = vm.new_dict();
  if (Dict::Entry* e = body.find_str(vm, vm.intern("__annotations__"));
      e && vm.is_kind(e->value, ObjKind::Dict))
    annotations = e->value;
  std::vector<Value> fields, defaults;
  std::vector<std::string> default_names;
  for (const Dict::Entry& e : vm.as<DictObj>(annotations)->dict.entries()) {
    if (e.key.is_undef() || !vm.is_str(e.key)) continue;
    fields.push_back(e.key);
    if (Dict::Entry* d = body.find_str(vm, e.key)) {
      defaults.push_back(d->value);
      default_names.emplace_back(vm.str_view(e.key));
    } else if (!default_names.empty()) {
      std::string list;
      for (const std::string& n : default_names) list += (list.empty() ? "" : ", ") + n;
      vm.type_error("Non-default namedtuple field " + std::string(vm.str_view(e.key)) +
                    " cannot follow default field" + (default_names.size() > 1 ? "s " : " ") +
                    list);
    }
  }
  Dict::Entry* module = body.find_str(vm, vm.intern("__module__"));
  Value pos[] = {name, vm.new_list(fields)};
  Value kw_names[] = {vm.intern("defaults"), vm.intern("module")};
  Value kw_values[] = {vm.new_list(defaults), module ? module->value : vm.intern("__main__")};
  CallArgs args;
  args.pos = pos;
  args.kw_names = kw_names;
  args.kw_values = kw_values;
  Value cls = collections_namedtuple(vm, args);
  vm.setattr(cls, vm.intern("__annotations__"), annotations);
  static constexpr std::string_view kProhibited[] = {
      "__new__",         "__init__", "__slots__", "__getnewargs__", "_fields",
      "_field_defaults", "_make",    "_replace",  "_asdict",        "_source"};
  std::vector<Dict::Entry> entries;
  for (const Dict::Entry& e : body.entries())
    if (!e.key.is_undef() && vm.is_str(e.key)) entries.push_back(e);
  for (const Dict::Entry& e : entries) {
    std::string_view key = vm.str_view(e.key);
    if (std::find(std::begin(kProhibited), std::end(kProhibited), key) != std::end(kProhibited))
      vm.raise(BuiltinTypeId::AttributeError,
               "Cannot overwrite NamedTuple attribute " + std::string(key));
    if (key == "__module__" || key == "__annotations__" || key == "__qualname__") continue;
    if (std::find_if(fields.begin(), fields.end(),
                     [&](Value f) { return vm.str_view(f) == key; }) != fields.end())
      continue;
    vm.setattr(cls, e.key, e.value);
  }
  return cls;
}

void init_collections_module(VM& vm, ModuleObj* module) {
  module->attrs.set(vm, vm.intern("defaultdict"),
                    make_collections_class(vm, "defaultdict", BuiltinTypeId::Dict,
                                           class_namespace(vm, "defaultdict", true), true));

  Value c = class_namespace(vm, "Counter", true);
  vm.as<DictObj>(c)->dict.set(
      vm, vm.intern("fromkeys"),
      vm.heap.make<WrapperObj>(ObjKind::ClassMethod, hidden_fn(counter_fromkeys)));
  module->attrs.set(vm, vm.intern("Counter"),
                    make_collections_class(vm, "Counter", BuiltinTypeId::Dict, c, false));

  module->attrs.set(vm, vm.intern("OrderedDict"),
                    make_collections_class(vm, "OrderedDict", BuiltinTypeId::Dict,
                                           class_namespace(vm, "OrderedDict", true), true));

  Value dq = class_namespace(vm, "deque", true);
  Dict& dqd = vm.as<DictObj>(dq)->dict;
  dqd.set(vm, vm.intern("maxlen"),
          vm.heap.make<WrapperObj>(ObjKind::Property, hidden_fn(dq_maxlen),
                                   hidden_fn(dq_maxlen_readonly), hidden_fn(dq_maxlen_readonly)));
  dqd.set(vm, vm.intern("__slots__"),
          vm.new_tuple({vm.intern(" data"), vm.intern(" head"), vm.intern(" maxlen")}));
  module->attrs.set(vm, vm.intern("deque"),
                    make_collections_class(vm, "deque", BuiltinTypeId::Object, dq, true));
}

}  // namespace monty

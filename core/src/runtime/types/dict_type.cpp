// dict and its views: methods, construction, repr, equality, the | operator
// and the set operators of keys()/items() views.
//
// Entries are read by position and copied before any call that may run
// Python code (__hash__, __eq__, __repr__), so a dict mutated meanwhile is
// never read out of bounds.
#include <string>
#include <utility>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

Dict& dict_of(const VM& vm, Value v) { return vm.as<DictObj>(v)->dict; }

bool entry_at(const Dict& d, size_t i, Dict::Entry* out) {
  if (i >= d.entries().size()) return false;
  *out = d.entries()[i];
  return !out->key.is_undef();
}

Value new_view(VM& vm, BuiltinTypeId type, Value dict) {
  return vm.heap.make<DictViewObj>(type, dict);
}

void add_kwargs(VM& vm, Dict& d, const CallArgs& args) {
  for (size_t i = 0; i < args.kw_names.size(); ++i) d.set(vm, args.kw_names[i], args.kw_values[i]);
}

}  // namespace

// The items of one element of dict(iterable) / dict.update(iterable).
void dict_add_pair(VM& vm, Dict& d, Value item, size_t n) {
  if (vm.is_tuple(item) || vm.is_list(item)) {
    const std::vector<Value>& kv =
        vm.is_tuple(item) ? vm.as<TupleObj>(item)->items : vm.as<ListObj>(item)->items;
    if (kv.size() == 2) {
      Value k = kv[0], v = kv[1];
      d.set(vm, k, v);
      return;
    }
    vm.value_error("dictionary update sequence element #" + std::to_string(n) + " has length " +
                   std::to_string(kv.size()) + "; 2 is required");
  }
  std::string message =
      "cannot convert dictionary update sequence element #" + std::to_string(n) + " to a sequence";
  Value it = iter_or_type_error(vm, item, message.c_str());
  std::vector<Value> kv;
  Value x;
  while (vm.next(it, &x)) kv.push_back(x);
  if (kv.size() != 2) {
    vm.value_error("dictionary update sequence element #" + std::to_string(n) + " has length " +
                   std::to_string(kv.size()) + "; 2 is required");
  }
  d.set(vm, kv[0], kv[1]);
}

void dict_update_from(VM& vm, Value dict, Value other) {
  Dict& d = dict_of(vm, dict);
  if (vm.is_dict(other)) {
    d.merge_keys(vm, dict_of(vm, other));
    return;
  }
  Value keys = vm.getattr_opt(other, vm.new_str("keys"));
  if (!keys.is_undef()) {
    // A mapping: for k in other.keys(): d[k] = other[k]
    Value it = vm.iter(vm.call(keys));
    Value k;
    while (vm.next(it, &k)) {
      Value v = vm.getitem(other, k);
      d.set(vm, k, v);
    }
    return;
  }
  Value it = vm.iter(other);
  Value item;
  size_t n = 0;
  while (vm.next(it, &item)) dict_add_pair(vm, d, item, n++);
}

namespace {

// Positional-count check for functions that also take **kwargs.
void check_positional(VM& vm, const CallArgs& args, const char* name, size_t max) {
  CallArgs positional{args.self, args.pos, {}, {}};
  check_arg_count(vm, positional, name, 0, max);
}

}  // namespace

Value construct_dict(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(construct_dict);
  check_positional(vm, args, "dict", 1);
  Value result = vm.new_dict();
  // (An instance may be a mapping: dict() asks for keys() first, natively.)
  if (args.size() == 1 && gc_safe && !vm.is_kind(args[0], ObjKind::Instance) &&
      vm.consumes_as_frame(args[0])) {
    auto [names, values] = keyword_tuples(vm, args);
    vm.consume_as_frame(Consumer::Dict, args[0], {result, Value::integer(0), names, values});
    return Value();
  }
  if (args.size() == 1) dict_update_from(vm, result, args[0]);
  add_kwargs(vm, dict_of(vm, result), args);
  return result;
}

Value dict_getitem(VM& vm, Value dict, Value key) {
  Dict::Entry* e = dict_of(vm, dict).find(vm, key);
  if (e == nullptr) vm.key_error(key);
  return e->value;
}

std::string dict_repr(VM& vm, Value v) {
  const Dict& d = dict_of(vm, v);
  if (d.empty()) return "{}";
  ReprGuard cycle(vm, v);
  if (!cycle.active) return "{...}";
  VM::DepthGuard guard(vm, " while getting the repr of an object");
  std::string out = "{";
  bool first = true;
  Dict::Entry e;
  for (size_t i = 0; i < d.entries().size(); ++i) {
    if (!entry_at(d, i, &e)) continue;
    if (!first) out += ", ";
    first = false;
    out += vm.repr_str(e.key);
    out += ": ";
    out += vm.repr_str(e.value);
  }
  out += '}';
  return out;
}

std::string dict_view_repr(VM& vm, Value v) {
  const DictViewObj* view = vm.as<DictViewObj>(v);
  const char* name = view->type == BuiltinTypeId::DictKeys     ? "dict_keys"
                     : view->type == BuiltinTypeId::DictValues ? "dict_values"
                                                               : "dict_items";
  ReprGuard cycle(vm, v);
  if (!cycle.active) return "...";
  VM::DepthGuard guard(vm, " while getting the repr of an object");
  const Dict& d = dict_of(vm, view->dict);
  std::string out = std::string(name) + "([";
  bool first = true;
  Dict::Entry e;
  for (size_t i = 0; i < d.entries().size(); ++i) {
    if (!entry_at(d, i, &e)) continue;
    if (!first) out += ", ";
    first = false;
    if (view->type == BuiltinTypeId::DictKeys) {
      out += vm.repr_str(e.key);
    } else if (view->type == BuiltinTypeId::DictValues) {
      out += vm.repr_str(e.value);
    } else {
      out += '(';
      out += vm.repr_str(e.key);
      out += ", ";
      out += vm.repr_str(e.value);
      out += ')';
    }
  }
  out += "])";
  return out;
}

bool dict_eq(VM& vm, Value a, Value b) {
  const Dict& x = dict_of(vm, a);
  Dict& y = dict_of(vm, b);
  if (x.size() != y.size()) return false;
  Dict::Entry e;
  for (size_t i = 0; i < x.entries().size(); ++i) {
    if (!entry_at(x, i, &e)) continue;
    Dict::Entry* other = y.find(vm, e.key, e.hash);
    if (other == nullptr) return false;
    Value ov = other->value;
    if (!eq_fast(vm, e.value, ov)) return false;
  }
  return true;
}

Value dict_binary_op(VM& vm, BinOp op, Value a, Value b, bool inplace) {
  if (op != BinOp::Or || !vm.is_dict(a)) return Value();
  if (inplace) {
    dict_update_from(vm, a, b);
    return a;
  }
  if (!vm.is_dict(b)) return Value();
  Value result = vm.new_dict();
  dict_of(vm, result).merge_keys(vm, dict_of(vm, a));
  dict_of(vm, result).merge_keys(vm, dict_of(vm, b));
  return result;
}

// ---- views ------------------------------------------------------------------------

namespace {

bool is_set_view(const VM& vm, Value v) {
  if (!vm.is_kind(v, ObjKind::DictView)) return false;
  BuiltinTypeId t = vm.as<DictViewObj>(v)->type;
  return t == BuiltinTypeId::DictKeys || t == BuiltinTypeId::DictItems;
}

// set(iterable); a keys view is read as its dict (CPython's
// dictviews_to_set), which presizes the table like set(dict) does.
Value set_from(VM& vm, Value v) {
  Value result = new_set_object(vm, false);
  if (vm.is_kind(v, ObjKind::DictView) && vm.as<DictViewObj>(v)->type == BuiltinTypeId::DictKeys) {
    v = vm.as<DictViewObj>(v)->dict;
  }
  set_update_from(vm, result, v);
  return result;
}

Value view_intersection(VM& vm, Value self, Value other) {
  if (!is_set_view(vm, self)) std::swap(self, other);
  int64_t len_self = dict_view_len(vm, self);
  if (vm.is_kind(other, ObjKind::Set) && !vm.as<SetObj>(other)->frozen &&
      len_self <= static_cast<int64_t>(vm.as<SetObj>(other)->table.size())) {
    return vm.call_method(other, "intersection", std::span<const Value>(&self, 1));
  }
  if (is_set_view(vm, other) && dict_view_len(vm, other) > len_self) std::swap(self, other);
  Value result = new_set_object(vm, false);
  Value it = vm.iter(other);
  Value key;
  while (vm.next(it, &key)) {
    if (dict_view_contains(vm, self, key)) {
      vm.as<SetObj>(result)->table.set(vm, key, vm.hash(key), Value());
    }
  }
  return result;
}

}  // namespace

Value dict_view_binary_op(VM& vm, BinOp op, Value a, Value b) {
  if (!is_set_view(vm, a) && !is_set_view(vm, b)) return Value();
  switch (op) {
    case BinOp::And:
      return view_intersection(vm, a, b);
    case BinOp::Or: {
      Value result = set_from(vm, a);
      set_update_from(vm, result, b);
      return result;
    }
    case BinOp::Sub: {
      Value result = set_from(vm, a);
      set_difference_update_from(vm, result, b);
      return result;
    }
    case BinOp::Xor: {
      Value result = set_from(vm, a);
      set_symmetric_difference_update_from(vm, result, b);
      return result;
    }
    default:
      return Value();
  }
}

bool dict_view_contains(VM& vm, Value view, Value item) {
  const DictViewObj* v = vm.as<DictViewObj>(view);
  Dict& d = dict_of(vm, v->dict);
  switch (v->type) {
    case BuiltinTypeId::DictKeys:
      return d.find(vm, item) != nullptr;
    case BuiltinTypeId::DictItems: {
      if (!vm.is_tuple(item)) return false;
      const std::vector<Value>& kv = vm.as<TupleObj>(item)->items;
      if (kv.size() != 2) return false;
      Value k = kv[0], val = kv[1];
      Dict::Entry* e = d.find(vm, k);
      if (e == nullptr) return false;
      Value found = e->value;
      return eq_fast(vm, found, val);
    }
    default: {
      Dict::Entry e;
      for (size_t i = 0; i < d.entries().size(); ++i) {
        if (entry_at(d, i, &e) && eq_fast(vm, e.value, item)) return true;
      }
      return false;
    }
  }
}

namespace {

CmpArg swapped(CmpArg op) {
  switch (op) {
    case CmpArg::Lt:
      return CmpArg::Gt;
    case CmpArg::LtE:
      return CmpArg::GtE;
    case CmpArg::Gt:
      return CmpArg::Lt;
    case CmpArg::GtE:
      return CmpArg::LtE;
    default:
      return op;
  }
}

// Every item of `a` is in `b` (uses `in`, so unhashable items views work).
bool all_contained_in(VM& vm, Value a, Value b) {
  Value it = vm.iter(a);
  Value x;
  while (vm.next(it, &x)) {
    if (!vm.contains(b, x)) return false;
  }
  return true;
}

}  // namespace

Value dict_view_compare(VM& vm, CmpArg op, Value a, Value b) {
  Value self = a, other = b;
  if (!is_set_view(vm, a)) {
    if (!is_set_view(vm, b)) return Value();
    std::swap(self, other);
    op = swapped(op);
  }
  if (!is_set_view(vm, other) && !vm.is_kind(other, ObjKind::Set)) return Value();
  int64_t ls = dict_view_len(vm, self), lo = vm.len(other);
  bool r = false;
  switch (op) {
    case CmpArg::Eq:
    case CmpArg::NotEq:
      r = ls == lo && all_contained_in(vm, self, other);
      return Value::boolean(op == CmpArg::Eq ? r : !r);
    case CmpArg::Lt:
      return Value::boolean(ls < lo && all_contained_in(vm, self, other));
    case CmpArg::LtE:
      return Value::boolean(ls <= lo && all_contained_in(vm, self, other));
    case CmpArg::Gt:
      return Value::boolean(ls > lo && all_contained_in(vm, other, self));
    case CmpArg::GtE:
      return Value::boolean(ls >= lo && all_contained_in(vm, other, self));
  }
  return Value();
}

int64_t dict_view_len(VM& vm, Value view) {
  return static_cast<int64_t>(dict_of(vm, vm.as<DictViewObj>(view)->dict).size());
}

// ---- methods --------------------------------------------------------------------------

namespace {

Value m_keys(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "dict.keys");
  return new_view(vm, BuiltinTypeId::DictKeys, args.self);
}

Value m_values(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "dict.values");
  return new_view(vm, BuiltinTypeId::DictValues, args.self);
}

Value m_items(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "dict.items");
  return new_view(vm, BuiltinTypeId::DictItems, args.self);
}

Value m_get(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "dict.get");
  check_arg_count(vm, args, "get", 1, 2);
  Dict::Entry* e = dict_of(vm, args.self).find(vm, args[0]);
  if (e != nullptr) return e->value;
  return args.size() == 2 ? args[1] : Value::none();
}

Value m_pop(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "dict.pop");
  check_arg_count(vm, args, "pop", 1, 2);
  Dict::Entry removed;
  if (dict_of(vm, args.self).erase(vm, args[0], &removed)) return removed.value;
  if (args.size() == 2) return args[1];
  vm.key_error(args[0]);
}

Value m_popitem(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "dict.popitem");
  Dict& d = dict_of(vm, args.self);
  if (d.empty()) vm.raise(BuiltinTypeId::KeyError, "popitem(): dictionary is empty");
  Dict::Entry e = d.pop_last();
  return vm.new_tuple({e.key, e.value});
}

Value m_setdefault(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "dict.setdefault");
  check_arg_count(vm, args, "setdefault", 1, 2);
  Dict& d = dict_of(vm, args.self);
  Value key = args[0];
  int64_t hash = vm.hash(key);
  Dict::Entry* e = d.find(vm, key, hash);
  if (e != nullptr) return e->value;
  Value dflt = args.size() == 2 ? args[1] : Value::none();
  d.set(vm, key, hash, dflt);
  return dflt;
}

Value m_update(VM& vm, CallArgs& args) {
  check_positional(vm, args, "update", 1);
  if (args.size() == 1) dict_update_from(vm, args.self, args[0]);
  add_kwargs(vm, dict_of(vm, args.self), args);
  return Value::none();
}

Value m_clear(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "dict.clear");
  dict_of(vm, args.self).clear();
  return Value::none();
}

Value m_copy(VM& vm, CallArgs& args) {
  check_no_args(vm, args, "dict.copy");
  Value result = vm.new_dict();
  dict_of(vm, result).merge_keys(vm, dict_of(vm, args.self));
  return result;
}

Value m_fromkeys(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "dict.fromkeys");
  check_arg_count(vm, args, "fromkeys", 1, 2);
  Value value = args.size() == 2 ? args[1] : Value::none();
  if (vm.is_kind(args.self, ObjKind::Class)) {
    // A subclass (OrderedDict.fromkeys): cls(), then its __setitem__.
    Value result = vm.call(args.self);
    Value it = vm.iter(args[0]), key;
    while (vm.next(it, &key)) vm.setitem(result, key, value);
    return result;
  }
  Value result = vm.new_dict();
  Dict& d = dict_of(vm, result);
  Value src = args[0];
  if (vm.is_dict(src) || vm.is_kind(src, ObjKind::Set)) {
    const Dict& s = vm.is_dict(src) ? dict_of(vm, src) : vm.as<SetObj>(src)->table;
    Dict::Entry e;
    for (size_t i = 0; i < s.entries().size(); ++i) {
      if (entry_at(s, i, &e)) d.set(vm, e.key, e.hash, value);
    }
    return result;
  }
  Value it = vm.iter(src);
  Value key;
  while (vm.next(it, &key)) d.set(vm, key, value);
  return result;
}

Value m_isdisjoint(VM& vm, CallArgs& args) {
  const char* name = vm.as<DictViewObj>(args.self)->type == BuiltinTypeId::DictKeys
                         ? "dict_keys.isdisjoint"
                         : "dict_items.isdisjoint";
  check_one_arg(vm, args, name);
  Value other = args[0];
  if (other.same(args.self)) return Value::boolean(dict_view_len(vm, args.self) == 0);
  Value it = vm.iter(other);
  Value item;
  while (vm.next(it, &item)) {
    if (dict_view_contains(vm, args.self, item)) return Value::boolean(false);
  }
  return Value::boolean(true);
}

const MethodDef kDictMethodDefs[] = {
    {"keys", m_keys},
    {"values", m_values},
    {"items", m_items},
    {"get", m_get},
    {"pop", m_pop},
    {"popitem", m_popitem},
    {"setdefault", m_setdefault},
    {"update", m_update},
    {"clear", m_clear},
    {"copy", m_copy},
    {"fromkeys", m_fromkeys, MethodKind::Class},
};

const MethodDef kDictViewMethodDefs[] = {
    {"isdisjoint", m_isdisjoint},
};

}  // namespace

const std::span<const MethodDef> kDictMethods{kDictMethodDefs};
const std::span<const MethodDef> kDictKeysMethods{kDictViewMethodDefs};
const std::span<const MethodDef> kDictItemsMethods{kDictViewMethodDefs};

}  // namespace monty

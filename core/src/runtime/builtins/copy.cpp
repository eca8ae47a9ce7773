// The copy module: copy(x) and deepcopy(x, memo=None), after CPython 3.11's
// Lib/copy.py and the __reduce_ex__ protocol of the types it meets.
//
// Shallow copies make a new list, dict, set, bytearray or instance (its
// namespace copied, a builtin subclass's value too); immutable values are
// returned as they are. deepcopy keeps CPython's memo (a dict from id() to
// the copy, so cycles and shared references come out as in the original,
// and a __deepcopy__(memo) method sees the same dict) and its rules: a tuple
// is the original if no item changed, functions and classes are atomic,
// enum members and compiled patterns copy to themselves. __copy__,
// __deepcopy__, __getstate__ and __setstate__ of a class are honoured; they
// run as callbacks (a host call inside one raises RuntimeError).
//
// deepcopy recurses natively, bounded like repr() (RecursionError past the
// native depth limit, as CPython's recursive deepcopy hits its own). Every
// container is read through a copy of its items, so a hook that mutates the
// original cannot invalidate the traversal.
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

// CPython's message for what its pickle protocol cannot reduce.
[[noreturn]] void cannot_copy(VM& vm, Value x) {
  vm.type_error("cannot pickle '" + vm.type_name(x) + "' object");
}

bool is_atomic(VM& vm, Value x) {
  switch (x.tag) {
    case Tag::Obj:
      break;
    default:
      return true;  // None, bools, ints, floats, builtin functions and types
  }
  switch (vm.heap.get(x)->kind) {
    case ObjKind::Str:
    case ObjKind::Bytes:
    case ObjKind::BigInt:
    case ObjKind::Range:
    case ObjKind::Slice:
    case ObjKind::Function:
    case ObjKind::Class:
    case ObjKind::Property:
    case ObjKind::StaticMethod:
    case ObjKind::ClassMethod:
    case ObjKind::BuiltinMethod:
    case ObjKind::Partial:
    case ObjKind::LruCache:
    case ObjKind::KeyWrapper:
      return true;
    default:
      return false;
  }
}

// A method the class itself defines (not object's defaults), or Undef.
Value class_hook(VM& vm, Value x, const char* name) {
  if (!vm.is_kind(x, ObjKind::Instance)) return Value();
  return vm.class_lookup(vm.type_of(x), vm.intern(name));
}

bool is_enum_member(VM& vm, Value x) { return !enum_members(vm, vm.type_of(x)).is_undef(); }

Value copy_builtin_value(VM& vm, Value v) {
  if (vm.is_kind(v, ObjKind::List)) return vm.new_list(vm.as<ListObj>(v)->items);
  if (vm.is_kind(v, ObjKind::Dict)) {
    Value d = vm.new_dict();
    for (const auto& e : std::vector<Dict::Entry>(vm.as<DictObj>(v)->dict.entries()))
      if (!e.key.is_undef()) vm.as<DictObj>(d)->dict.set(vm, e.key, e.hash, e.value);
    return d;
  }
  if (vm.is_kind(v, ObjKind::Set)) {
    auto* s = vm.as<SetObj>(v);
    Value n = vm.new_set(s->frozen);
    if (s->frozen) return v;
    vm.as<SetObj>(n)->table.merge_keys(vm, s->table);
    return n;
  }
  if (vm.is_kind(v, ObjKind::ByteArray))
    return vm.heap.make<ByteArrayObj>(vm.as<ByteArrayObj>(v)->data);
  return v;
}

// The state __setstate__ receives, or the namespace copied into the new
// instance: __getstate__() if the class defines one, else the namespace.
Value instance_state(VM& vm, Value x) {
  Value getstate = class_hook(vm, x, "__getstate__");
  if (!getstate.is_undef()) return vm.call_method(x, "__getstate__");
  Value d = vm.new_dict();
  Dict& attrs = vm.instance_attrs(vm.as<InstanceObj>(x));
  for (const auto& e : std::vector<Dict::Entry>(attrs.entries()))
    if (!e.key.is_undef()) vm.as<DictObj>(d)->dict.set(vm, e.key, e.hash, e.value);
  return d;
}

// A new instance of x's class (object.__new__, as copyreg.__newobj__ does)
// with the exception arguments and builtin value of x (the latter made by
// `value`).
template <typename F>
Value new_instance_like(VM& vm, Value x, F value) {
  auto* src = vm.as<InstanceObj>(x);
  Value y = vm.heap.make<InstanceObj>(src->cls);
  auto* dst = vm.as<InstanceObj>(y);
  if (!src->args.is_undef()) dst->args = value(src->args);
  if (!src->builtin_value.is_undef()) dst->builtin_value = value(src->builtin_value);
  return y;
}

// Gives the new instance its state: __setstate__(state), or the state's
// items as attributes.
void apply_state(VM& vm, Value y, Value state) {
  Value setstate = class_hook(vm, y, "__setstate__");
  if (!setstate.is_undef()) {
    vm.call_method(y, "__setstate__", {&state, 1});
    return;
  }
  // copy._reconstruct: a (state, slotstate) pair, then __dict__.update(state).
  Value slots;
  if (vm.is_tuple(state) && vm.as<TupleObj>(state)->items.size() == 2) {
    slots = vm.as<TupleObj>(state)->items[1];
    state = vm.as<TupleObj>(state)->items[0];
  }
  Dict& attrs = vm.instance_attrs(vm.as<InstanceObj>(y));
  for (Value part : {state, slots}) {
    if (part.is_undef() || !vm.truthy(part)) continue;
    if (!vm.is_dict(part)) vm.type_error("'" + vm.type_name(part) + "' object is not iterable");
    for (const auto& e : std::vector<Dict::Entry>(vm.as<DictObj>(part)->dict.entries()))
      if (!e.key.is_undef()) attrs.set(vm, e.key, e.hash, e.value);
  }
}

Value shallow_copy(VM& vm, Value x) {
  Value hook = class_hook(vm, x, "__copy__");
  if (!hook.is_undef()) return vm.call_method(x, "__copy__");
  if (is_atomic(vm, x)) return x;
  switch (vm.heap.get(x)->kind) {
    case ObjKind::Tuple:
      return x;
    case ObjKind::List:
    case ObjKind::Dict:
    case ObjKind::Set:
    case ObjKind::ByteArray:
      return copy_builtin_value(vm, x);
    case ObjKind::BoundMethod:
      return x;
    case ObjKind::Instance: {
      if (is_enum_member(vm, x)) return x;
      Value y = new_instance_like(vm, x, [&](Value v) { return copy_builtin_value(vm, v); });
      apply_state(vm, y, instance_state(vm, x));
      return y;
    }
    default:
      cannot_copy(vm, x);
  }
}

class DeepCopier {
 public:
  DeepCopier(VM& vm, Value memo) : vm_(vm), memo_(memo) {}

  Value copy(Value x) {
    if (is_atomic(vm_, x)) return x;
    Value key = id_of(x);
    if (Dict::Entry* e = memo().find(vm_, key)) return e->value;
    Value hook = class_hook(vm_, x, "__deepcopy__");
    if (!hook.is_undef()) {
      Value y = vm_.call_method(x, "__deepcopy__", {&memo_, 1});
      remember(x, key, y);
      return y;
    }
    VM::DepthGuard guard(vm_, " while calling a Python object");
    switch (vm_.heap.get(x)->kind) {
      case ObjKind::List: {
        Value y = vm_.new_list();
        remember(x, key, y);
        // The live list, as CPython's `for a in x`: a hook that grows it
        // is seen; the index is checked against its size at every step.
        for (size_t i = 0; i < vm_.as<ListObj>(x)->items.size(); i++) {
          Value c = copy(vm_.as<ListObj>(x)->items[i]);
          GrowthMeter meter(vm_, vm_.as<ListObj>(y)->items);
          vm_.as<ListObj>(y)->items.push_back(c);
        }
        return y;
      }
      case ObjKind::Tuple: {
        std::vector<Value> items = vm_.as<TupleObj>(x)->items;
        bool changed = false;
        for (Value& item : items) {
          Value c = copy(item);
          changed = changed || !c.same(item);
          item = c;
        }
        // A cycle through a mutable item may have made the copy already.
        if (Dict::Entry* e = memo().find(vm_, key)) return e->value;
        Value y = changed ? vm_.new_tuple(std::move(items)) : x;
        remember(x, key, y);
        return y;
      }
      case ObjKind::Dict: {
        Value y = vm_.new_dict();
        remember(x, key, y);
        copy_entries(vm_.as<DictObj>(x)->dict, y);
        return y;
      }
      case ObjKind::Set: {
        auto* s = vm_.as<SetObj>(x);
        std::vector<Value> keys;
        for (const auto& e : s->table.entries())
          if (!e.key.is_undef()) keys.push_back(e.key);
        for (Value& k : keys) k = copy(k);
        Value y = vm_.new_set(s->frozen);
        for (Value k : keys) vm_.as<SetObj>(y)->table.set(vm_, k, Value());
        remember(x, key, y);
        return y;
      }
      case ObjKind::ByteArray: {
        Value y = copy_builtin_value(vm_, x);
        remember(x, key, y);
        return y;
      }
      case ObjKind::BoundMethod: {
        auto* m = vm_.as<BoundMethodObj>(x);
        Value self = copy(m->self);
        Value y = vm_.heap.make<BoundMethodObj>(m->func, self);
        remember(x, key, y);
        return y;
      }
      case ObjKind::Instance:
        return copy_instance(x, key);
      default:
        cannot_copy(vm_, x);
    }
  }

 private:
  Dict& memo() { return vm_.as<DictObj>(memo_)->dict; }

  Value id_of(Value x) { return object_id(vm_, x); }

  // memo[id(x)] = y, and x kept alive in memo[id(memo)] (copy.py's _keep_alive).
  void remember(Value x, Value key, Value y) {
    memo().set(vm_, key, y);
    Value memo_key = id_of(memo_);
    Dict::Entry* e = memo().find(vm_, memo_key);
    if (!e) {
      memo().set(vm_, memo_key, vm_.new_list({x}));
    } else if (vm_.is_list(e->value)) {
      Value keep = e->value;
      GrowthMeter meter(vm_, vm_.as<ListObj>(keep)->items);
      vm_.as<ListObj>(keep)->items.push_back(x);
    }
  }

  // Iterates a copy of the entries, and raises as CPython's dict iteration
  // does when a hook adds or removes keys of the original meanwhile.
  void copy_entries(const Dict& from, Value to) {
    std::vector<Dict::Entry> entries = from.entries();
    const uint32_t version = from.version();
    for (const auto& e : entries) {
      if (e.key.is_undef()) continue;
      Value k = copy(e.key);
      Value v = copy(e.value);
      if (from.version() != version)
        vm_.raise(BuiltinTypeId::RuntimeError, "dictionary changed size during iteration");
      vm_.as<DictObj>(to)->dict.set(vm_, k, v);
    }
  }

  Value copy_instance(Value x, Value key) {
    if (is_enum_member(vm_, x)) return x;
    // The new object first (in the memo, for cycles back to it), then its
    // builtin value's items and its state, as copy._reconstruct does.
    Value y = new_instance_like(vm_, x, [&](Value v) {
      // Immutable wrapped values (str, int, tuple subclasses) and exception
      // arguments are copied before the object exists, as CPython passes
      // them to __new__.
      if (vm_.is_kind(v, ObjKind::List) || vm_.is_kind(v, ObjKind::Dict) ||
          vm_.is_kind(v, ObjKind::Set))
        return v;  // filled below
      return copy(v);
    });
    remember(x, key, y);
    auto* dst = vm_.as<InstanceObj>(y);
    Value inner = dst->builtin_value;
    if (vm_.is_kind(inner, ObjKind::List)) {
      Value fresh = vm_.new_list();
      dst->builtin_value = fresh;
      for (Value item : std::vector<Value>(vm_.as<ListObj>(inner)->items)) {
        Value c = copy(item);
        GrowthMeter meter(vm_, vm_.as<ListObj>(fresh)->items);
        vm_.as<ListObj>(fresh)->items.push_back(c);
      }
    } else if (vm_.is_kind(inner, ObjKind::Dict)) {
      Value fresh = vm_.new_dict();
      dst->builtin_value = fresh;
      copy_entries(vm_.as<DictObj>(inner)->dict, fresh);
    } else if (vm_.is_kind(inner, ObjKind::Set)) {
      dst->builtin_value = copy(inner);
    }
    apply_state(vm_, y, copy(instance_state(vm_, x)));
    return y;
  }

  VM& vm_;
  Value memo_;
};

Value copy_copy(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args_like_python(vm, args, "copy", {"x"}, 1, a);
  return shallow_copy(vm, a[0]);
}

Value copy_deepcopy(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "deepcopy", {"x", "memo", "_nil"}, 1, a);
  Value memo = a[1].is_undef() || a[1].is_none() ? vm.new_dict() : a[1];
  if (!vm.is_dict(memo))
    vm.raise(BuiltinTypeId::AttributeError,
             "'" + vm.type_name(memo) + "' object has no attribute 'get'");
  VM::NativeRoots roots(vm, {&memo});
  return DeepCopier(vm, memo).copy(a[0]);
}

const BuiltinFnDef kCopyFunctionTable[] = {
    {"copy", copy_copy, "copy"},
    {"deepcopy", copy_deepcopy, "copy"},
};

}  // namespace

const std::span<const BuiltinFnDef> kCopyFunctions = kCopyFunctionTable;

}  // namespace monty

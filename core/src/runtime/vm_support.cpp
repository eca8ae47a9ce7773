// The VM's services for native code and for the dispatch loop: allocation,
// type queries, raising, classes, name resolution and garbage collection.

#include <algorithm>
#include <cmath>

#include "runtime/types/registry.h"
#include "runtime/vm.h"

namespace monty {

// ---------------------------------------------------------------------------
// Allocation
// ---------------------------------------------------------------------------
Value VM::new_str(std::string s) { return heap.make<StrObj>(std::move(s)); }
Value VM::new_bytes(std::string b) { return heap.make<BytesObj>(std::move(b)); }
Value VM::new_list(std::vector<Value> items) { return heap.make<ListObj>(std::move(items)); }
Value VM::new_tuple(std::vector<Value> items) {
  if (items.empty()) return empty_tuple_;
  return heap.make<TupleObj>(std::move(items));
}
Value VM::new_dict() { return heap.make<DictObj>(); }
Value VM::new_set(bool frozen) { return new_set_object(*this, frozen); }
Value VM::new_int(BigInt v) {
  if (v.fits_int64()) return Value::integer(v.to_int64());
  return heap.make<BigIntObj>(std::move(v));
}
Value VM::new_range(int64_t start, int64_t stop, int64_t step) {
  return heap.make<RangeObj>(start, stop, step);
}
Value VM::new_slice(Value a, Value b, Value c) { return heap.make<SliceObj>(a, b, c); }
Value VM::new_iter(BuiltinTypeId type, Value source, Value aux) {
  Value v = heap.make<IterObj>(type);
  auto* it = as<IterObj>(v);
  it->source = source;
  it->aux = aux;
  return v;
}
Value VM::new_exception(BuiltinTypeId type, std::string message) {
  Value cls = Value::type(static_cast<uint32_t>(type));
  Value exc = heap.make<InstanceObj>(cls);
  as<InstanceObj>(exc)->args = message.empty() && type != BuiltinTypeId::KeyError
                                   ? empty_tuple()
                                   : new_tuple({new_str(std::move(message))});
  return exc;
}
Value VM::new_exception(Value cls, std::vector<Value> args) {
  Value exc = heap.make<InstanceObj>(cls);
  as<InstanceObj>(exc)->args = new_tuple(std::move(args));
  return exc;
}

Value VM::intern_literal(const char* name) {
  auto& slot = literal_interns_[(reinterpret_cast<uintptr_t>(name) >> 3) % kLiteralCacheSize];
  if (slot.first == name && str_view(slot.second) == std::string_view(name)) return slot.second;
  Value v = intern(name);
  slot = {name, v};
  return v;
}

Value VM::intern(std::string_view name) {
  // interned_ is the ordered record (roots, snapshots); interned_index_ a
  // lookup table over it, rebuilt if interned_ was replaced wholesale.
  if (interned_index_.size() != interned_.size()) {
    interned_index_.clear();
    for (size_t i = 0; i < interned_.size(); i++) interned_index_.emplace(interned_[i].first, i);
  }
  auto it = interned_index_.find(name);
  if (it != interned_index_.end()) return interned_[it->second].second;
  // Program names first: they are already allocated.
  Value v;
  // (Names are only ever appended to a program; the first of equal names wins.)
  for (size_t i = program_names_indexed_; i < program_->names.size(); i++)
    program_names_index_.emplace(program_->names[i], static_cast<uint32_t>(i));
  program_names_indexed_ = program_->names.size();
  if (auto p = program_names_index_.find(std::string(name));
      p != program_names_index_.end() && p->second < names_.size()) {
    v = names_[p->second];
  }
  if (v.is_undef()) v = new_str(name);
  interned_.emplace_back(std::string(name), v);
  interned_index_.emplace(std::string(name), interned_.size() - 1);
  return v;
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------
BuiltinTypeId VM::builtin_type(Value v) const {
  switch (v.tag) {
    case Tag::Undef:
    case Tag::None:
      return BuiltinTypeId::NoneType;
    case Tag::Bool:
      return BuiltinTypeId::Bool;
    case Tag::Int:
      return BuiltinTypeId::Int;
    case Tag::Float:
      return BuiltinTypeId::Float;
    case Tag::BuiltinFn:
      return BuiltinTypeId::BuiltinFunction;
    case Tag::Type:
      if (v.id == static_cast<uint32_t>(BuiltinTypeId::Ellipsis)) return BuiltinTypeId::Ellipsis;
      if (v.id == static_cast<uint32_t>(BuiltinTypeId::NotImplementedType))
        return BuiltinTypeId::NotImplementedType;
      return BuiltinTypeId::Type;
    case Tag::Obj:
      break;
  }
  HeapObject* o = heap.get(v);
  switch (o->kind) {
    case ObjKind::Str:
      return BuiltinTypeId::Str;
    case ObjKind::Bytes:
      return BuiltinTypeId::Bytes;
    case ObjKind::ByteArray:
      return BuiltinTypeId::ByteArray;
    case ObjKind::BigInt:
      return BuiltinTypeId::Int;
    case ObjKind::List:
      return BuiltinTypeId::List;
    case ObjKind::Tuple:
      return BuiltinTypeId::Tuple;
    case ObjKind::Dict:
      return BuiltinTypeId::Dict;
    case ObjKind::Set:
      return static_cast<SetObj*>(o)->frozen ? BuiltinTypeId::FrozenSet : BuiltinTypeId::Set;
    case ObjKind::Range:
      return BuiltinTypeId::Range;
    case ObjKind::Slice:
      return BuiltinTypeId::Slice;
    case ObjKind::Function:
      return BuiltinTypeId::Function;
    case ObjKind::BoundMethod:
      return BuiltinTypeId::Method;
    case ObjKind::BuiltinMethod:
      return BuiltinTypeId::BuiltinFunction;
    case ObjKind::Class:
      return BuiltinTypeId::Type;
    case ObjKind::Instance: {
      Value cls = static_cast<InstanceObj*>(o)->cls;
      if (cls.is_type()) return static_cast<BuiltinTypeId>(cls.id);
      return as<ClassObj>(cls)->builtin_base;
    }
    case ObjKind::Cell:
      return BuiltinTypeId::Cell;
    case ObjKind::Generator:
      return static_cast<GeneratorObj*>(o)->coroutine ? BuiltinTypeId::Coroutine
                                                      : BuiltinTypeId::Generator;
    case ObjKind::Iterator:
      return static_cast<IterObj*>(o)->type;
    case ObjKind::DictView:
      return static_cast<DictViewObj*>(o)->type;
    case ObjKind::Module:
      return BuiltinTypeId::Module;
    case ObjKind::Property:
      return BuiltinTypeId::Property;
    case ObjKind::StaticMethod:
      return BuiltinTypeId::StaticMethod;
    case ObjKind::ClassMethod:
      return BuiltinTypeId::ClassMethod;
    case ObjKind::Super:
      return BuiltinTypeId::Super;
    case ObjKind::Partial:
      return BuiltinTypeId::Partial;
    case ObjKind::LruCache:
      return BuiltinTypeId::LruCacheWrapper;
    case ObjKind::KeyWrapper:
      return BuiltinTypeId::KeyWrapper;
  }
  return BuiltinTypeId::Object;
}

Value VM::type_of(Value v) const {
  if (v.is_obj()) {
    HeapObject* o = heap.get(v);
    if (o->kind == ObjKind::Instance) return static_cast<InstanceObj*>(o)->cls;
  }
  return Value::type(static_cast<uint32_t>(builtin_type(v)));
}

std::string VM::class_name(Value cls) const {
  if (cls.is_type()) return type_info(static_cast<BuiltinTypeId>(cls.id)).name;
  if (is_kind(cls, ObjKind::Class)) return std::string(str_view(as<ClassObj>(cls)->name));
  return "?";
}

std::string VM::type_name(Value v) const { return class_name(type_of(v)); }

bool VM::is_subclass(Value cls, BuiltinTypeId base) const {
  if (cls.is_type()) {
    auto id = static_cast<BuiltinTypeId>(cls.id);
    // The one builtin type with two bases: ExceptionGroup(BaseExceptionGroup, Exception).
    if (id == BuiltinTypeId::ExceptionGroup && base == BuiltinTypeId::BaseExceptionGroup)
      return true;
    for (;;) {
      if (id == base) return true;
      if (id == BuiltinTypeId::Object) return base == BuiltinTypeId::Object;
      id = type_info(id).base;
    }
  }
  if (is_kind(cls, ObjKind::Class)) {
    for (Value m : as<ClassObj>(cls)->mro) {
      if (m.is_type() && is_subclass(m, base)) return true;
    }
    return base == BuiltinTypeId::Object;
  }
  return false;
}

bool VM::is_subclass(Value cls, Value base) const {
  if (base.is_type()) return is_subclass(cls, static_cast<BuiltinTypeId>(base.id));
  if (!is_kind(cls, ObjKind::Class)) return false;
  for (Value m : as<ClassObj>(cls)->mro)
    if (m.same(base)) return true;
  return false;
}

bool VM::is_instance(Value v, BuiltinTypeId t) const { return is_subclass(type_of(v), t); }

Value VM::class_lookup(Value cls, Value name) {
  if (!is_kind(cls, ObjKind::Class)) return Value();
  // A direct-mapped cache of (class, name) -> attribute, including misses.
  // Any change to any class namespace, class creation and collection (ids
  // are reused) bump class_version_, which invalidates every entry.
  if (class_cache_.empty()) class_cache_.resize(kClassCacheSize);
  size_t slot = (static_cast<size_t>(cls.id) * 2654435761u + name.id) & (kClassCacheSize - 1);
  ClassCacheEntry& ce = class_cache_[slot];
  if (ce.version == class_version_ && ce.cls == cls.id && ce.name == name.id) return ce.value;
  Value found;
  for (Value m : as<ClassObj>(cls)->mro) {
    if (!is_kind(m, ObjKind::Class)) continue;
    Dict::Entry* e = as<ClassObj>(m)->attrs.find_str(*this, name);
    if (e) {
      found = e->value;
      break;
    }
  }
  ce = ClassCacheEntry{cls.id, name.id, class_version_, found};
  return found;
}

// ---------------------------------------------------------------------------
// Raising
// ---------------------------------------------------------------------------
void VM::raise(BuiltinTypeId type, std::string message) {
  raise(new_exception(type, std::move(message)));
}

void VM::raise(BuiltinTypeId type, const char* message) {
  raise(new_exception(type, std::string(message)));
}

void VM::raise(Value exc) {
  auto* e = as<InstanceObj>(exc);
  // Implicit chaining: an exception raised while another is handled.
  if (!handled.empty() && e->context.is_undef() && !handled.back().same(exc))
    e->context = handled.back();
  reraising_ = false;
  throw PyError{exc};
}

void VM::key_error(Value key) {
  Value exc = heap.make<InstanceObj>(Value::type(static_cast<uint32_t>(BuiltinTypeId::KeyError)));
  as<InstanceObj>(exc)->args = new_tuple({key});
  raise(exc);
}

void VM::unbound_local(const std::string& name) {
  raise(BuiltinTypeId::UnboundLocalError,
        "cannot access local variable '" + name + "' where it is not associated with a value");
}

Value VM::new_attribute_error(Value obj, std::string_view name) {
  std::string message;
  if (is_kind(obj, ObjKind::Class) || obj.is_type()) {
    message = "type object '" + class_name(obj) + "' has no attribute '" + std::string(name) + "'";
  } else if (is_kind(obj, ObjKind::Module)) {
    message = "module '" + std::string(str_view(as<ModuleObj>(obj)->name)) +
              "' has no attribute '" + std::string(name) + "'";
  } else {
    message = "'" + type_name(obj) + "' object has no attribute '" + std::string(name) + "'";
  }
  return new_exception(BuiltinTypeId::AttributeError, std::move(message));
}

void VM::attribute_error(Value obj, std::string_view name) {
  raise(new_attribute_error(obj, name));
}

void VM::missing_attribute(Value obj, Value name) {
  // Like CPython's attribute lookup, the error keeps `name` and `obj`: the
  // traceback's "Did you mean" (suggestions.cpp) reads them.
  Value exc = new_attribute_error(obj, str_view(name));
  auto* e = as<InstanceObj>(exc);
  e->inline_attrs.set(*this, intern("name"), name);
  e->inline_attrs.set(*this, intern("obj"), obj);
  raise(exc);
}

void VM::name_error(std::string_view name) {
  // The name is kept for the traceback's "Did you mean" (as CPython does).
  Value exc =
      new_exception(BuiltinTypeId::NameError, "name '" + std::string(name) + "' is not defined");
  as<InstanceObj>(exc)->inline_attrs.set(*this, intern("name"), new_str(name));
  raise(exc);
}

void VM::raise_error(const Error& e) {
  switch (e.kind) {
    case ErrorKind::ValueError:
      raise(BuiltinTypeId::ValueError, e.message);
    case ErrorKind::TypeError:
      raise(BuiltinTypeId::TypeError, e.message);
    case ErrorKind::OverflowError:
      raise(BuiltinTypeId::OverflowError, e.message);
    case ErrorKind::ZeroDivisionError:
      raise(BuiltinTypeId::ZeroDivisionError, e.message);
    case ErrorKind::MemoryError:
      raise(BuiltinTypeId::MemoryError, e.message);
  }
  raise(BuiltinTypeId::SystemError, e.message);
}

void VM::memory_error(std::string message) {
  raise(BuiltinTypeId::MemoryError, std::move(message));
}

void VM::check_alloc(uint64_t bytes) {
  // Without a limit, 4 GiB still bounds one operation: nothing larger could
  // succeed in wasm32 anyway, and trying would take the host down with it.
  uint64_t limit = limits_.max_memory ? *limits_.max_memory : (uint64_t{1} << 32);
  // Compared with what was live at the last collection, not heap.bytes(),
  // which also counts garbage not yet collected (collecting here is not
  // possible: native callers hold Values in C++ locals). Live objects made
  // since then are caught by the next safepoint (see Heap's memory alarm).
  uint64_t live = heap.live_bytes_at_last_collection();
  if (bytes > limit || live + bytes > limit) {
    if (limits_.max_memory) limit_hit_ = true;
    memory_error("memory limit exceeded: " + std::to_string(live + bytes) + " bytes > " +
                 std::to_string(limit) + " bytes");
  }
}

void VM::raise_from(Value exc, Value cause, bool has_cause) {
  // `raise X`: X may be a class (instantiate it) or an instance.
  if (exc.is_type() || is_kind(exc, ObjKind::Class)) {
    if (!is_exception_class(exc)) type_error("exceptions must derive from BaseException");
    exc = call(exc);
  }
  if (!is_instance(exc, BuiltinTypeId::BaseException))
    type_error("exceptions must derive from BaseException");
  if (has_cause) {
    if (cause.is_type() || is_kind(cause, ObjKind::Class)) {
      if (!is_exception_class(cause)) type_error("exception causes must derive from BaseException");
      cause = call(cause);
    } else if (!cause.is_none() && !is_instance(cause, BuiltinTypeId::BaseException)) {
      type_error("exception causes must derive from BaseException");
    }
    auto* e = as<InstanceObj>(exc);
    e->cause = cause.is_none() ? Value() : cause;
    e->suppress_context = true;
  }
  raise(exc);
}

bool VM::exception_matches(Value exc, Value type) {
  // Like CPython, every class of a tuple is checked before any is matched.
  auto check = [this](Value t) {
    if (!(t.is_type() || is_kind(t, ObjKind::Class)) || !is_exception_class(t))
      type_error("catching classes that do not inherit from BaseException is not allowed");
  };
  if (is_tuple(type)) {
    for (Value t : as<TupleObj>(type)->items) check(t);
    for (Value t : as<TupleObj>(type)->items)
      if (isinstance(exc, t)) return true;
    return false;
  }
  check(type);
  return isinstance(exc, type);
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------
Value VM::load_global_slow(uint32_t global) {
  // Builtins are resolved once per global slot: a global of the same name
  // assigned later takes precedence because it fills globals[global].
  if (global < builtin_cache_.size() && !builtin_cache_[global].is_undef()) {
    if (!builtin_cache_[global].is_none()) return builtin_cache_[global];
  }
  const std::string& name = program_->names[program_->globals[global]];
  if (name == "__name__") return intern("__main__");
  Value b = lookup_builtin(name);
  if (builtin_cache_.size() < globals.size()) builtin_cache_.resize(globals.size());
  builtin_cache_[global] = b.is_undef() ? Value::none() : b;
  if (!b.is_undef()) return b;
  if (pause_on_undefined_ && native_depth == 0) {
    PendingCall pc;
    pc.kind = PendingCall::Kind::NameLookup;
    pc.function_name = name;
    pc.call_id = ++call_counter_;
    pending_ = std::move(pc);
    pending_kind_ = static_cast<uint8_t>(PendingCall::Kind::NameLookup);
    pending_global_ = global;
    paused_ = true;
    return Value();
  }
  name_error(name);
}

Value VM::import_module(std::string_view name) {
  for (Value m : modules)
    if (str_view(as<ModuleObj>(m)->name) == name) return m;
  if (name == "collections.abc") {
    // The one submodule: made on import and bound as collections.abc.
    Value parent = import_module("collections");
    Value mv = make_collections_abc_module(*this);
    modules.push_back(mv);
    as<ModuleObj>(parent)->attrs.set(*this, intern("abc"), mv);
    return mv;
  }
  // Another dotted name: its package is imported first (and missing first).
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) {
    import_module(name.substr(0, dot));
    raise(BuiltinTypeId::ModuleNotFoundError, "No module named '" + std::string(name) + "'");
  }
  static constexpr std::string_view kModules[] = {
      "math",      "typing",      "json",        "functools", "heapq",  "bisect", "string",
      "itertools", "collections", "dataclasses", "enum",      "abc",    "re",     "datetime",
      "copy",      "random",      "operator",    "textwrap",  "asyncio"};
  if (std::find(std::begin(kModules), std::end(kModules), name) == std::end(kModules)) {
    raise(BuiltinTypeId::ModuleNotFoundError, "No module named '" + std::string(name) + "'");
  }
  Value mv = heap.make<ModuleObj>();
  auto* m = as<ModuleObj>(mv);
  m->name = new_str(name);
  auto fns = builtin_functions();
  for (size_t i = 0; i < fns.size(); i++) {
    if (fns[i].module && name == fns[i].module) {
      m->attrs.set(*this, new_str(fns[i].name), Value::builtin_fn(static_cast<uint32_t>(i)));
    }
  }
  // Registered first: an init may look itself up (datetime makes its
  // constants with its own classes); a failed init leaves no module behind.
  modules.push_back(mv);
  try {
    init_module_contents(name, m);
  } catch (...) {
    modules.pop_back();
    throw;
  }
  return mv;
}

void VM::init_module_contents(std::string_view name, ModuleObj* m) {
  if (name == "math") init_math_module(*this, m);
  if (name == "typing") init_typing_module(*this, m);
  if (name == "json") init_json_module(*this, m);
  if (name == "bisect") init_bisect_module(*this, m);
  if (name == "string") init_string_module(*this, m);
  if (name == "itertools") init_itertools_module(*this, m);
  if (name == "functools") init_functools_module(*this, m);
  if (name == "collections") init_collections_module(*this, m);
  if (name == "dataclasses") init_dataclasses_module(*this, m);
  if (name == "enum") init_enum_module(*this, m);
  if (name == "abc") init_abc_module(*this, m);
  if (name == "re") init_re_module(*this, m);
  if (name == "datetime") init_datetime_module(*this, m);
  if (name == "random") init_random_module(*this, m);
  if (name == "operator") init_operator_module(*this, m);
  if (name == "asyncio") init_asyncio_module(*this, m);
}

std::string VM::call_target_name(Value* sp, uint32_t depth) {
  // The callable of a CALL_EX being built: `depth + 2` below sp (below the
  // arguments tuple and the dict for `**` errors, below the list for `*`).
  Value callable = sp[-static_cast<int>(depth) - 2];
  // Named like CPython's _PyObject_FunctionStr: module-qualified except
  // for builtins.
  if (is_kind(callable, ObjKind::BoundMethod)) callable = as<BoundMethodObj>(callable)->func;
  if (is_kind(callable, ObjKind::Function))
    return "__main__." + std::string(str_view(as<FunctionObj>(callable)->qualname)) + "()";
  if (is_kind(callable, ObjKind::Class))
    return class_module(callable) + "." + std::string(str_view(as<ClassObj>(callable)->qualname)) +
           "()";
  if (callable.is_builtin_fn() && (callable.id & kExternalBit) && !(callable.id & 0x80000000u)) {
    return program_->external_functions[callable.id & ~kExternalBit] + "()";
  }
  if (callable.is_builtin_fn() && !(callable.id & 0x80000000u))
    return std::string(builtin_functions()[callable.id].name) + "()";
  if (callable.is_type() || is_kind(callable, ObjKind::Class)) return class_name(callable) + "()";
  return type_name(callable) + " object";
}

void VM::not_iterable_after_star(Value* src_slot, uint32_t depth, Value src) {
  // CPython 3.11 names the callee when the starred value is a call's only
  // positional argument and no keyword follows (`f(*x)`: CALL_FUNCTION_EX
  // checks it); every other `*` goes through LIST_EXTEND ("Value after *").
  // Here both build a list: the call's is the empty list that LIST_TO_TUPLE
  // turns into CALL_EX's arguments right after this instruction. (With a
  // keyword after it, `f(*x, k=1)`, CPython names the callee too; that case
  // says "Value after *" here.)
  const Frame& f = *frames.back();
  const std::vector<Instr>& code = f.code->code;
  Value* list_slot = src_slot - depth;
  bool call = depth == 1 && as<ListObj>(*list_slot)->items.empty() && f.ip + 1 < code.size() &&
              instr_op(code[f.ip]) == Op::LIST_TO_TUPLE &&
              instr_op(code[f.ip + 1]) == Op::CALL_EX && instr_arg(code[f.ip + 1]) == 0;
  if (call) {
    // Stack: callable, list, src: the callable is two below src_slot.
    type_error(call_target_name(src_slot, 0) + " argument after * must be an iterable, not " +
               type_name(src));
  }
  type_error("Value after * must be an iterable, not " + type_name(src));
}

void VM::unpack_into(Value seq, uint32_t before, uint32_t after, bool star, Value* dst) {
  if (!star) {
    // Exact count: collect at most before+1 items to report CPython's errors.
    Value it;
    try {
      it = iter(seq);
    } catch (PyError&) {
      type_error("cannot unpack non-iterable " + type_name(seq) + " object");
    }
    std::vector<Value> items;
    Value x;
    while (items.size() <= before && next(it, &x)) items.push_back(x);
    if (items.size() < before) {
      value_error("not enough values to unpack (expected " + std::to_string(before) + ", got " +
                  std::to_string(items.size()) + ")");
    }
    if (items.size() > before) {
      value_error("too many values to unpack (expected " + std::to_string(before) + ")");
    }
    for (uint32_t i = 0; i < before; i++) dst[i] = items[before - 1 - i];
    return;
  }
  if (!is_list(seq) && !is_tuple(seq)) {
    try {
      iter(seq);
    } catch (PyError&) {
      type_error("cannot unpack non-iterable " + type_name(seq) + " object");
    }
  }
  std::vector<Value> items = to_vector(seq);
  if (items.size() < before + after) {
    value_error("not enough values to unpack (expected at least " + std::to_string(before + after) +
                ", got " + std::to_string(items.size()) + ")");
  }
  // Stack order: last target deepest... dst[0] is popped last: the first
  // target must be on top, so write in reverse.
  std::vector<Value> out;
  out.reserve(before + after + 1);
  for (uint32_t i = 0; i < before; i++) out.push_back(items[i]);
  std::vector<Value> middle(items.begin() + before, items.end() - after);
  out.push_back(new_list(std::move(middle)));
  for (uint32_t i = 0; i < after; i++) out.push_back(items[items.size() - after + i]);
  for (size_t i = 0; i < out.size(); i++) dst[i] = out[out.size() - 1 - i];
}

// ---------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------
void VM::check_base_class(Value base) {
  if (is_kind(base, ObjKind::Class)) return;
  if (is_dropped_base(base) || typing_form_name(*this, base) == "NamedTuple") return;
  if (base.is_type()) {
    auto id = static_cast<BuiltinTypeId>(base.id);
    if (id == BuiltinTypeId::Object || is_subclass(base, BuiltinTypeId::BaseException)) return;
    // list, dict, str, int...: instances wrap a builtin value (types/subclass.cpp).
    if (is_subclassable_builtin(id)) return;
    if (id == BuiltinTypeId::Bool) type_error("type 'bool' is not an acceptable base type");
    raise(
        BuiltinTypeId::NotImplementedError,
        "subclassing the builtin type '" + std::string(type_info(id).name) + "' is not supported");
  }
  type_error("bases must be types");
}

// typing.Generic / Protocol (also subscripted): accepted as bases and left
// out of the class's bases (they only matter to type checkers).
bool VM::is_dropped_base(Value base) {
  std::string_view form = typing_form_name(*this, base);
  return form == "Generic" || form == "Protocol";
}

// C3 linearization of the class's bases (CPython's MRO algorithm).
static std::vector<Value> c3_merge(VM& vm, std::vector<std::vector<Value>> seqs,
                                   const std::string& cls_name) {
  std::vector<Value> result;
  for (;;) {
    seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [](const auto& s) { return s.empty(); }),
               seqs.end());
    if (seqs.empty()) return result;
    Value candidate;
    bool found = false;
    for (const auto& s : seqs) {
      candidate = s[0];
      bool in_tail = false;
      for (const auto& t : seqs) {
        for (size_t i = 1; i < t.size(); i++)
          if (t[i].same(candidate)) in_tail = true;
      }
      if (!in_tail) {
        found = true;
        break;
      }
    }
    if (!found) {
      vm.type_error("Cannot create a consistent method resolution order (MRO) for bases " +
                    cls_name);
    }
    result.push_back(candidate);
    for (auto& s : seqs)
      if (!s.empty() && s[0].same(candidate)) s.erase(s.begin());
  }
}

std::vector<Value> builtin_type_mro(BuiltinTypeId id) {
  std::vector<Value> out;
  for (;;) {
    out.push_back(Value::type(static_cast<uint32_t>(id)));
    // ExceptionGroup(BaseExceptionGroup, Exception)
    if (id == BuiltinTypeId::ExceptionGroup)
      out.push_back(Value::type(static_cast<uint32_t>(BuiltinTypeId::BaseExceptionGroup)));
    if (id == BuiltinTypeId::Object) break;
    id = type_info(id).base;
  }
  return out;
}

static std::vector<Value> mro_of(VM& vm, Value cls) {
  if (vm.is_kind(cls, ObjKind::Class)) return vm.as<ClassObj>(cls)->mro;
  return builtin_type_mro(static_cast<BuiltinTypeId>(cls.id));
}

// The names instances of a class with `__slots__ = spec` may hold, or Undef
// when they have a namespace anyway ('__dict__' listed, or a base that has
// one: a class without __slots__, an exception type).
Value VM::class_slots(Value clsv, Value spec) {
  std::vector<Value> names = is_str(spec) ? std::vector<Value>{spec} : to_vector(spec);
  bool has_dict = false;
  std::vector<Value> allowed;
  for (Value n : names) {
    if (!is_str(n)) type_error("__slots__ items must be strings, not '" + type_name(n) + "'");
    std::string s(str_view(n));
    if (s == "__dict__") {
      has_dict = true;
      continue;
    }
    if (s == "__weakref__") continue;
    if (as<ClassObj>(clsv)->attrs.find_str(*this, n)) {
      raise(BuiltinTypeId::ValueError, "'" + s + "' in __slots__ conflicts with class variable");
    }
    allowed.push_back(n);
  }
  for (Value b : as<ClassObj>(clsv)->bases) {
    if (b.is_type()) {
      has_dict = has_dict || is_subclass(b, BuiltinTypeId::BaseException);
      continue;
    }
    Value base_slots = as<ClassObj>(b)->slots;
    if (base_slots.is_undef()) {
      has_dict = true;
    } else {
      for (Value v : as<TupleObj>(base_slots)->items) allowed.push_back(v);
    }
  }
  return has_dict ? Value() : new_tuple(std::move(allowed));
}

bool VM::slot_allowed(const InstanceObj* inst, Value name) const {
  if (!is_kind(inst->cls, ObjKind::Class)) return true;
  Value slots = as<ClassObj>(inst->cls)->slots;
  if (slots.is_undef()) return true;
  for (Value s : as<TupleObj>(slots)->items)
    if (str_view(s) == str_view(name)) return true;
  return false;
}

Value VM::build_class(Value name, const std::vector<Value>& bases_in, Value ns) {
  for (Value b : bases_in)
    if (typing_form_name(*this, b) == "NamedTuple")
      return build_typed_namedtuple(*this, name, bases_in, ns);
  Value clsv = heap.make<ClassObj>();
  auto* cls = as<ClassObj>(clsv);
  cls->name = name;
  std::vector<Value> bases;
  for (Value b : bases_in)
    if (!is_dropped_base(b)) bases.push_back(b);
  if (bases.empty()) bases.push_back(Value::type(static_cast<uint32_t>(BuiltinTypeId::Object)));
  cls->bases = bases;
  std::vector<std::vector<Value>> seqs;
  std::string names;
  // Instances have one builtin layout (plain, an exception, a list...): bases
  // needing two unrelated ones cannot be combined, as in CPython.
  BuiltinTypeId layout = BuiltinTypeId::Object;
  for (Value b : bases) {
    BuiltinTypeId l =
        b.is_type() ? static_cast<BuiltinTypeId>(b.id) : as<ClassObj>(b)->builtin_base;
    Value lt = Value::type(static_cast<uint32_t>(l));
    // Exception types share BaseException's layout here (ValueError and
    // TypeError combine); they conflict with the data types only.
    if (is_subclass(lt, BuiltinTypeId::BaseException)) {
      l = BuiltinTypeId::BaseException;
      lt = Value::type(static_cast<uint32_t>(l));
    }
    if (is_subclass(lt, layout)) {
      layout = l;
    } else if (!is_subclass(Value::type(static_cast<uint32_t>(layout)), l)) {
      type_error("multiple bases have instance lay-out conflict");
    }
  }
  for (size_t i = 0; i < bases.size(); i++) {
    for (size_t j = 0; j < i; j++)
      if (bases[j].same(bases[i])) type_error("duplicate base class " + class_name(bases[i]));
  }
  for (Value b : bases) {
    seqs.push_back(mro_of(*this, b));
    if (!names.empty()) names += ", ";
    names += class_name(b);
  }
  seqs.push_back(bases);
  std::vector<Value> mro{clsv};
  std::vector<Value> merged = c3_merge(*this, std::move(seqs), names);
  mro.insert(mro.end(), merged.begin(), merged.end());
  cls->mro = std::move(mro);
  // The builtin base instances are laid out as: the most derived builtin
  // type in the MRO (object or an exception type).
  cls->builtin_base = BuiltinTypeId::Object;
  for (Value m : cls->mro) {
    if (m.is_type() && static_cast<BuiltinTypeId>(m.id) != BuiltinTypeId::Object) {
      cls->builtin_base = static_cast<BuiltinTypeId>(m.id);
      break;
    }
  }
  Value new_name = intern("__new__");
  Value init_subclass_name = intern("__init_subclass__");
  Value class_getitem_name = intern("__class_getitem__");
  for (const auto& e : as<DictObj>(ns)->dict.entries()) {
    if (e.key.is_undef()) continue;
    Value v = e.value;
    // As in CPython, __new__ is implicitly a staticmethod (it takes the
    // class explicitly, also through super().__new__(cls)), and
    // __init_subclass__ and __class_getitem__ are implicitly classmethods.
    if (e.key.same(new_name) && is_kind(v, ObjKind::Function))
      v = heap.make<WrapperObj>(ObjKind::StaticMethod, v);
    if ((e.key.same(init_subclass_name) || e.key.same(class_getitem_name)) &&
        is_kind(v, ObjKind::Function))
      v = heap.make<WrapperObj>(ObjKind::ClassMethod, v);
    if (is_str(e.key) && str_view(e.key) == "__getattribute__") getattribute_override_ = true;
    cls->attrs.set(*this, e.key, e.hash, v);
  }
  class_version_++;
  if (Dict::Entry* se = cls->attrs.find_str(*this, intern("__slots__"))) {
    Value slots = class_slots(clsv, se->value);
    as<ClassObj>(clsv)->slots = slots;
  }
  cls = as<ClassObj>(clsv);
  Dict::Entry* qn = cls->attrs.find_str(*this, intern("__qualname__"));
  cls->qualname = qn ? qn->value : name;
  // The class is made: attributes that are descriptors learn their name
  // (__set_name__), then the nearest base's __init_subclass__ runs.
  struct Named {
    Value descriptor, set_name, attr_name;
  };
  std::vector<Named> named;
  for (const auto& e : cls->attrs.entries()) {
    if (e.key.is_undef() || !is_kind(e.value, ObjKind::Instance) ||
        !is_kind(as<InstanceObj>(e.value)->cls, ObjKind::Class))
      continue;
    Value set_name = lookup_special(e.value, "__set_name__");
    if (!set_name.is_undef()) named.push_back({e.value, set_name, e.key});
  }
  for (const Named& n : named) {
    Value args[2] = {clsv, n.attr_name};
    try {
      call(n.set_name, std::span<const Value>(args, 2));
    } catch (PyError& e) {
      if (limit_hit_) throw;
      // CPython 3.11 wraps the error, naming the attribute and the class.
      raise_from(new_exception(BuiltinTypeId::RuntimeError,
                               "Error calling __set_name__ on '" + type_name(n.descriptor) +
                                   "' instance '" + std::string(str_view(n.attr_name)) + "' in '" +
                                   std::string(str_view(name)) + "'"),
                 e.exc, true);
    }
  }
  for (size_t i = 1; i < cls->mro.size(); i++) {
    if (!is_kind(cls->mro[i], ObjKind::Class)) continue;
    Dict::Entry* hook = as<ClassObj>(cls->mro[i])->attrs.find_str(*this, init_subclass_name);
    if (!hook) continue;
    Value fn = hook->value;
    if (is_kind(fn, ObjKind::ClassMethod)) fn = as<WrapperObj>(fn)->f0;
    call(fn, std::span<const Value>(&clsv, 1));
    break;
  }
  // A class deriving from abc.ABC (whose bases have __abstractmethods__):
  // what ABCMeta.__new__ adds after type.__new__.
  for (Value b : bases) {
    if (is_kind(b, ObjKind::Class) && !class_lookup(b, intern("__abstractmethods__")).is_undef()) {
      update_abstract_methods(clsv);
      break;
    }
  }
  return clsv;
}

Value VM::match_class(Value subject, Value cls, uint32_t npos, Value kwnames) {
  if (!(cls.is_type() || is_kind(cls, ObjKind::Class)))
    type_error("called match pattern must be a class");
  if (!isinstance(subject, cls)) return Value::none();
  std::vector<Value> out;
  if (npos > 0) {
    bool self_match = false;
    if (cls.is_type()) {
      switch (static_cast<BuiltinTypeId>(cls.id)) {
        case BuiltinTypeId::Bool:
        case BuiltinTypeId::Bytes:
        case BuiltinTypeId::Dict:
        case BuiltinTypeId::Float:
        case BuiltinTypeId::FrozenSet:
        case BuiltinTypeId::Int:
        case BuiltinTypeId::List:
        case BuiltinTypeId::Set:
        case BuiltinTypeId::Str:
        case BuiltinTypeId::Tuple:
          self_match = true;
          break;
        default:
          break;
      }
    }
    if (self_match) {
      if (npos > 1) {
        type_error(class_name(cls) + "() accepts 1 positional sub-pattern (" +
                   std::to_string(npos) + " given)");
      }
      out.push_back(subject);
    } else {
      Value match_args = class_lookup(cls, intern("__match_args__"));
      if (match_args.is_undef()) {
        type_error(class_name(cls) + "() accepts 0 positional sub-patterns (" +
                   std::to_string(npos) + " given)");
      }
      if (!is_tuple(match_args))
        type_error(class_name(cls) + ".__match_args__ must be a tuple (got " +
                   type_name(match_args) + ")");
      auto& names = as<TupleObj>(match_args)->items;
      if (npos > names.size()) {
        type_error(class_name(cls) + "() accepts " + std::to_string(names.size()) +
                   " positional sub-pattern" + (names.size() == 1 ? "" : "s") + " (" +
                   std::to_string(npos) + " given)");
      }
      for (uint32_t i = 0; i < npos; i++) {
        Value v = getattr_opt(subject, names[i]);
        if (v.is_undef()) return Value::none();
        out.push_back(v);
      }
    }
  }
  for (Value k : as<TupleObj>(kwnames)->items) {
    Value v = getattr_opt(subject, k);
    if (v.is_undef()) return Value::none();
    out.push_back(v);
  }
  return new_tuple(std::move(out));
}

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------
Value VM::load_method(Value obj, Value name, Value* self) {
  *self = Value();
  if (obj.is_obj()) {
    HeapObject* o = heap.get(obj);
    if (o->kind == ObjKind::Instance) {
      auto* inst = static_cast<InstanceObj*>(o);
      if (is_kind(inst->cls, ObjKind::Class) && !getattribute_override_ &&
          instance_attrs(inst).find_str(*this, name) == nullptr) {
        Value attr = class_lookup(inst->cls, name);
        if (is_kind(attr, ObjKind::Function) || is_native_method(attr)) {
          *self = obj;
          return attr;
        }
      }
      return getattr(obj, name);
    }
    if (o->kind == ObjKind::Class || o->kind == ObjKind::Module || o->kind == ObjKind::Super) {
      return getattr(obj, name);
    }
  } else if (obj.is_type()) {
    return getattr(obj, name);
  }
  BuiltinTypeId t = builtin_type(obj);
  uint32_t index = 0;
  for (BuiltinTypeId id = t;; id = type_info(id).base) {
    const MethodDef* m = find_method(id, str_view(name), &index);
    if (m) {
      // (object.__hash__ of a list is None: getattr says so.)
      if (m->kind == MethodKind::Method &&
          !(id == BuiltinTypeId::Object && is_unhashable_builtin(t) &&
            std::string_view(m->name) == "__hash__")) {
        *self = obj;
        return Value::builtin_fn(0x80000000u | (static_cast<uint32_t>(id) << 16) | index);
      }
      break;
    }
    if (id == BuiltinTypeId::Object) break;
  }
  return getattr(obj, name);
}

// ---------------------------------------------------------------------------
// Budgets and garbage collection
// ---------------------------------------------------------------------------
void VM::limit_exceeded(BuiltinTypeId type, std::string message) {
  limit_hit_ = true;
  raise(type, std::move(message));
}

static std::string format_ms(double ms) {
  std::string s = std::to_string(ms);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void VM::schedule_next_check() {
  // Checks run every kCheckPeriod units, and exactly at the instruction limit
  // and at the next time slice.
  constexpr uint64_t kCheckPeriod = 1024;
  if (limits_.max_memory && !heap.has_memory_alarm())
    heap.set_memory_alarm(*limits_.max_memory, &next_check_);
  uint64_t next = instructions + kCheckPeriod;
  if (limits_.max_instructions && *limits_.max_instructions + 1 < next)
    next = *limits_.max_instructions + 1;
  if (next_yield_ < next) next = next_yield_;
  if (next <= instructions) next = instructions + 1;
  next_check_ = next;
}

void VM::LimitsMeter::on_period(uint64_t periods) {
  vm_.instructions += periods * (kPeriod / kNativeStepsPerInstruction);
  vm_.check_time_and_instructions();
}

void VM::native_budget_check() {
  instructions += native_ticks_ / kNativeStepsPerInstruction;
  native_ticks_ %= kNativeStepsPerInstruction;
  check_time_and_instructions();
  if (limits_.max_memory) check_memory_in_native_call();
}

void VM::check_time_and_instructions() {
  if (limits_.max_instructions && instructions > *limits_.max_instructions) {
    limit_exceeded(BuiltinTypeId::TimeoutError,
                   "instruction limit exceeded: " + std::to_string(*limits_.max_instructions) +
                       " instructions");
  }
  if (limits_.max_duration_ms && clock_) {
    double spent = time_spent_ms_ + (clock_() - segment_start_ms_);
    if (spent > *limits_.max_duration_ms) {
      limit_exceeded(BuiltinTypeId::TimeoutError, "time limit exceeded: " + format_ms(spent) +
                                                      " ms > " +
                                                      format_ms(*limits_.max_duration_ms) + " ms");
    }
  }
}

bool VM::safepoint(bool can_pause) {
  check_time_and_instructions();
  if (limits_.max_allocations && heap.allocations() > *limits_.max_allocations) {
    limit_exceeded(BuiltinTypeId::MemoryError,
                   "allocation limit exceeded: " + std::to_string(heap.allocations()) +
                       " allocations > " + std::to_string(*limits_.max_allocations));
  }
  // Collecting needs every live Value to be a root: true at a backward jump
  // (can_pause) unless native code below holds Values in C++ locals (see
  // VM::claim_gc_safe_call for the native code that does not).
  if (can_pause && unsafe_native_depth == 0) {
    bool over_memory = limits_.max_memory && heap.bytes() > *limits_.max_memory;
    if (heap.wants_collection() || over_memory) collect_garbage();
    if (limits_.max_memory) {
      // Containers grow after allocation: recount what is live now and then.
      if (!over_memory && (instructions & 0xffff) < 1024) collect_garbage();
      if (heap.bytes() > *limits_.max_memory) {
        memory_limit_exceeded();
      }
    }
  }
  if (can_pause && native_depth == 0 && instructions >= next_yield_) {
    next_yield_ = instructions + *limits_.pause_every_instructions;
    PendingCall pc;
    pc.kind = PendingCall::Kind::Yield;
    pc.call_id = ++call_counter_;
    pending_ = std::move(pc);
    pending_kind_ = static_cast<uint8_t>(PendingCall::Kind::Yield);
    paused_ = true;
    if (clock_) time_spent_ms_ += clock_() - segment_start_ms_;
    schedule_next_check();
    return true;
  }
  if (!can_pause && unsafe_native_depth == 0 &&
      (heap.wants_collection() || (limits_.max_memory && heap.bytes() > *limits_.max_memory)))
    collect_at_call_ = true;
  // Where nothing can be collected (inside a builtin's callback, or a call
  // that did not get to collect_at_call), a ceiling above the limit bounds
  // the garbage.
  if (limits_.max_memory && (unsafe_native_depth != 0 || !can_pause)) check_memory_in_native_call();
  schedule_next_check();
  // Over the memory limit at a safepoint that could not collect (a call,
  // with its arguments in flight): look again at the next backward jump
  // rather than a whole check period later.
  if (limits_.max_memory && heap.bytes() > *limits_.max_memory && unsafe_native_depth == 0)
    next_check_ = instructions + 1;
  return false;
}

// Inside a builtin that called back into Python (sum() over a generator,
// sorted(key=...), next(gen), ...) nothing can be collected: the builtin holds
// Values in C++ locals that are not roots. What is allocated there is counted,
// garbage included, so the host is protected by a ceiling above the limit: a
// program that makes that much garbage inside one builtin call gets its
// MemoryError early instead of growing without bound.
void VM::check_memory_in_native_call() {
  const uint64_t limit = *limits_.max_memory;
  const uint64_t slack = std::max<uint64_t>(limit, kNativeCallMemorySlack);
  const uint64_t ceiling = limit > UINT64_MAX - slack ? UINT64_MAX : limit + slack;
  if (heap.bytes() > ceiling) memory_limit_exceeded();
  // Past the limit but under the ceiling: wake up again as soon as the
  // ceiling is passed, not a check period later.
  if (heap.bytes() > limit) heap.raise_memory_alarm(ceiling);
}

void VM::trace_roots(Tracer& t) {
  for (Value v : globals) t.visit(v);
  for (Value v : names_) t.visit(v);
  for (const auto& cs : constants)
    for (Value v : cs) t.visit(v);
  for (Value v : handled) t.visit(v);
  for (Value v : modules) t.visit(v);
  for (const auto& [n, v] : interned_) t.visit(v);
  for (const auto& f : frames) f->trace(t);
  for (const Value* v : native_value_roots_) t.visit(*v);
  for (const std::vector<Value>* vec : native_vector_roots_)
    for (Value v : *vec) t.visit(v);
  t.visit(uncaught_);
  t.visit(result_);
  t.visit(pending_exc_);
  t.visit(last_return_);
  t.visit(empty_tuple_);
}

void VM::collect_garbage() {
  heap.collect([this](Tracer& t) { trace_roots(t); });
  class_version_++;  // freed ids may be reused by new classes
}

void VM::memory_limit_exceeded() {
  limit_exceeded(BuiltinTypeId::MemoryError,
                 "memory limit exceeded: " + std::to_string(heap.bytes()) + " bytes > " +
                     std::to_string(*limits_.max_memory) + " bytes");
}

void VM::collect_if_due() {
  if (unsafe_native_depth != 0) return;
  collect_at_call_ = false;
  if (heap.wants_collection() || (limits_.max_memory && heap.bytes() > *limits_.max_memory))
    collect_garbage();
}

void VM::collect_at_call() {
  collect_at_call_ = false;
  if (unsafe_native_depth != 0) return;  // set outside, consumed inside a callback
  collect_garbage();
  if (limits_.max_memory && heap.bytes() > *limits_.max_memory) {
    memory_limit_exceeded();
  }
}

// ---------------------------------------------------------------------------
// Native helpers
// ---------------------------------------------------------------------------
VM::DepthGuard::DepthGuard(VM& v, const char* what) : vm(v) {
  if (vm.native_depth >= kMaxNativeDepth) {
    vm.raise(BuiltinTypeId::RecursionError, std::string("maximum recursion depth exceeded") + what);
  }
  vm.native_depth++;
  vm.unsafe_native_depth++;
}
VM::DepthGuard::~DepthGuard() {
  vm.native_depth--;
  vm.unsafe_native_depth--;
}

VM::NativeRoots::NativeRoots(VM& vm, std::initializer_list<Value*> values,
                             std::vector<Value>* vector)
    : vm_(vm),
      values_before_(vm.native_value_roots_.size()),
      vectors_before_(vm.native_vector_roots_.size()) {
  vm.native_value_roots_.insert(vm.native_value_roots_.end(), values.begin(), values.end());
  if (vector) vm.native_vector_roots_.push_back(vector);
}

VM::NativeRoots::~NativeRoots() {
  vm_.native_value_roots_.resize(values_before_);
  vm_.native_vector_roots_.resize(vectors_before_);
}

bool VM::next_gc_safe(Value it, Value* out, bool gc_safe) {
  if (gc_safe && it.is_obj()) {
    HeapObject* o = heap.get(it);
    if (o->kind == ObjKind::Generator && !static_cast<GeneratorObj*>(o)->coroutine) {
      gc_safe_resume_ = true;
      return resume_generator(it, Value::none(), out);
    }
    if (o->kind == ObjKind::Iterator) {
      // A native iterator chain has no safepoint of its own
      // (max(map(len, itertools.product(...))) makes a tuple per step):
      // this step is a collection point, as a call_gc_safe is. Every
      // caller roots what it holds (see the contract above). Only on the
      // heap's growth schedule: a heap over the memory limit because what
      // the driver builds is live (set(range(10**9))) would be traced on
      // every step; the limit check (native_tick) raises for that one.
      if (heap.wants_collection()) collect_if_due();
      return iter_next(*this, static_cast<IterObj*>(o), out, true);
    }
  }
  return next(it, out);
}

std::string VM::ascii_of(std::string_view s) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      i++;
      continue;
    }
    uint32_t cp = 0;
    int n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    cp = c & (0xff >> (n + 1));
    for (int k = 1; k < n && i + k < s.size(); k++)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += n;
    if (cp <= 0xff) {
      out += "\\x";
      out += hex[cp >> 4];
      out += hex[cp & 15];
    } else if (cp <= 0xffff) {
      out += "\\u";
      for (int sh = 12; sh >= 0; sh -= 4) out += hex[(cp >> sh) & 15];
    } else {
      out += "\\U";
      for (int sh = 28; sh >= 0; sh -= 4) out += hex[(cp >> sh) & 15];
    }
  }
  return out;
}

void check_no_kwargs(VM& vm, const CallArgs& args, std::string_view fname) {
  if (args.has_kwargs()) vm.type_error(std::string(fname) + "() takes no keyword arguments");
}

void check_arg_count(VM& vm, const CallArgs& args, std::string_view fname, size_t min, size_t max) {
  check_no_kwargs(vm, args, fname);
  size_t n = args.size();
  if (n >= min && n <= max) return;
  std::string f(fname);
  if (min == max) {
    if (min == 0) vm.type_error(f + "() takes no arguments (" + std::to_string(n) + " given)");
    if (min == 1)
      vm.type_error(f + "() takes exactly one argument (" + std::to_string(n) + " given)");
    vm.type_error(f + " expected " + std::to_string(min) + " arguments, got " + std::to_string(n));
  }
  if (n < min)
    vm.type_error(f + " expected at least " + std::to_string(min) + " argument" +
                  (min == 1 ? "" : "s") + ", got " + std::to_string(n));
  vm.type_error(f + " expected at most " + std::to_string(max) + " argument" +
                (max == 1 ? "" : "s") + ", got " + std::to_string(n));
}

void bind_args(VM& vm, const CallArgs& args, std::string_view fname,
               std::initializer_list<const char*> names, size_t required, size_t posonly,
               Value* out) {
  size_t n = names.size();
  for (size_t i = 0; i < n; i++) out[i] = Value();
  std::string f(fname);
  if (args.size() > n) {
    vm.type_error(f + "() takes at most " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                  " (" + std::to_string(args.size()) + " given)");
  }
  for (size_t i = 0; i < args.size(); i++) out[i] = args.pos[i];
  for (size_t k = 0; k < args.kw_names.size(); k++) {
    std::string_view kn = vm.str_view(args.kw_names[k]);
    size_t i = 0;
    bool found = false;
    for (const char* name : names) {
      if (kn == name) {
        if (i < posonly) {
          vm.type_error(f + "() got some positional-only arguments passed as keyword arguments: '" +
                        std::string(kn) + "'");
        }
        if (!out[i].is_undef()) {
          vm.type_error("argument for " + f + "() given by name ('" + std::string(kn) +
                        "') and position (" + std::to_string(i + 1) + ")");
        }
        out[i] = args.kw_values[k];
        found = true;
        break;
      }
      i++;
    }
    if (!found) {
      if (posonly >= n) vm.type_error(f + "() takes no keyword arguments");
      // CPython 3.11's argument parsers (getargs.c, Argument Clinic).
      vm.type_error("'" + std::string(kn) + "' is an invalid keyword argument for " + f + "()");
    }
  }
  size_t i = 0;
  for (const char* name : names) {
    if (i < required && out[i].is_undef()) {
      if (i < posonly) {
        vm.type_error(f + "() takes at least " + std::to_string(required) + " positional argument" +
                      (required == 1 ? "" : "s") + " (" + std::to_string(args.size()) + " given)");
      }
      vm.type_error(f + "() missing required argument '" + name + "' (pos " +
                    std::to_string(i + 1) + ")");
    }
    i++;
  }
}

void bind_like_python(VM& vm, const CallArgs& args, size_t first, std::string_view fname,
                      std::span<const RuntimeParam> params, size_t counted, Value* out) {
  const std::string f(fname);
  size_t npos = 0, required = 0;
  for (const RuntimeParam& p : params) {
    if (p.kw_only) continue;
    npos++;
    if (!p.has_default) required = npos;
  }
  const size_t given = args.size() - first;
  if (given > npos) {
    const size_t hi = npos + counted, lo = required + counted;
    const std::string takes =
        lo == hi ? std::to_string(hi) : "from " + std::to_string(lo) + " to " + std::to_string(hi);
    const size_t shown = given + counted;
    vm.type_error(f + "() takes " + takes + " positional argument" + (hi == 1 ? "" : "s") +
                  " but " + std::to_string(shown) + (shown == 1 ? " was given" : " were given"));
  }
  for (size_t i = 0, k = 0; i < params.size(); i++)
    out[i] = !params[i].kw_only && k < given ? args.pos[first + k++] : Value();
  for (size_t k = 0; k < args.kw_names.size(); k++) {
    const std::string_view kn = vm.str_view(args.kw_names[k]);
    size_t i = 0;
    while (i < params.size() && params[i].name != kn) i++;
    if (i == params.size())
      vm.type_error(f + "() got an unexpected keyword argument '" + std::string(kn) + "'");
    if (!out[i].is_undef())
      vm.type_error(f + "() got multiple values for argument '" + std::string(kn) + "'");
    out[i] = args.kw_values[k];
  }
  // CPython reports the missing positional parameters first, then the
  // keyword-only ones.
  for (bool kw_only : {false, true}) {
    std::vector<std::string> missing;
    for (size_t i = 0; i < params.size(); i++) {
      if (params[i].kw_only == kw_only && !params[i].has_default && out[i].is_undef())
        missing.push_back("'" + std::string(params[i].name) + "'");
    }
    if (missing.empty()) continue;
    std::string list;
    for (size_t m = 0; m < missing.size(); m++) {
      if (m > 0)
        list += missing.size() == 2 ? " and " : (m + 1 == missing.size() ? ", and " : ", ");
      list += missing[m];
    }
    vm.type_error(f + "() missing " + std::to_string(missing.size()) + " required " +
                  (kw_only ? "keyword-only" : "positional") + " argument" +
                  (missing.size() == 1 ? "" : "s") + ": " + list);
  }
}

void bind_args_like_python(VM& vm, const CallArgs& args, std::string_view fname,
                           std::initializer_list<const char*> names, size_t required, Value* out) {
  std::vector<RuntimeParam> params;
  for (const char* name : names) params.push_back({name, params.size() >= required, false});
  bind_like_python(vm, args, 0, fname, params, 0, out);
}

}  // namespace monty

// The dispatch loop, frames, calls, exceptions and generators.
//
// Python calls never recurse in C++: CALL pushes a Frame and the loop goes
// on with it; RETURN_VALUE pops it and pushes the result on the caller's
// stack. The only C++ recursion is native re-entry (VM::call from a builtin
// that must run Python code), bounded by kMaxNativeDepth.
//
// A raised exception travels as PyError (a C++ exception) from wherever it
// was raised to the catch in run_loop, which unwinds Python frames itself
// (handle_exception): find the innermost handler block, or pop the frame and
// try its caller, recording traceback entries on the way.

#include "runtime/vm.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

#include "runtime/types/registry.h"

namespace monty {

void Frame::trace(Tracer& t) const {
  t.visit(func);
  t.visit(ns);
  t.visit(generator);
  t.visit(class_cell);
  for (uint32_t i = 0; i < sp && i < slots.size(); i++) t.visit(slots[i]);
}

VM::VM(std::shared_ptr<const Program> program, const Limits& limits, PrintFn print)
    : program_(std::move(program)), limits_(limits), print_(std::move(print)) {
  const Program& p = *program_;
  names_.reserve(p.names.size());
  for (const std::string& n : p.names) names_.push_back(new_str(n));
  globals.assign(p.globals.size(), Value());
  constants.resize(p.codes.size());
  code_ptrs_.reserve(p.codes.size());
  for (const Code& c : p.codes) code_ptrs_.push_back(&c);
  shape_codes();
  empty_tuple_ = heap.make<TupleObj>(std::vector<Value>{});
  special_setattr_ = intern("__setattr__");
  special_getattr_ = intern("__getattr__");
  special_init_ = intern("__init__");
}

VM::~VM() = default;

Value VM::empty_tuple() { return empty_tuple_; }

void VM::print(Stream s, std::string_view text) {
  if (print_) print_(s, text);
}

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------
static Value materialize(VM& vm, const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::None:
      return Value::none();
    case Constant::Kind::True:
      return Value::boolean(true);
    case Constant::Kind::False:
      return Value::boolean(false);
    case Constant::Kind::Ellipsis:
      return Value::type(static_cast<uint32_t>(BuiltinTypeId::Ellipsis));
    case Constant::Kind::Int:
      return Value::integer(c.int_value);
    case Constant::Kind::BigInt: {
      auto r = BigInt::parse(c.text, static_cast<int>(c.int_value == 0 ? 10 : c.int_value));
      if (!r) vm.raise_error(r.error());
      return vm.new_int(std::move(*r));
    }
    case Constant::Kind::Float:
      return Value::floating(c.float_value);
    case Constant::Kind::Str:
      return vm.new_str(c.text);
    case Constant::Kind::Bytes:
      return vm.new_bytes(c.text);
    case Constant::Kind::Tuple: {
      std::vector<Value> items;
      items.reserve(c.items.size());
      for (const Constant& x : c.items) items.push_back(materialize(vm, x));
      return vm.new_tuple(std::move(items));
    }
    case Constant::Kind::Code:
      return Value::integer(c.int_value);
    case Constant::Kind::Undef:
      return Value();
  }
  return Value();
}

// ---------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------
Frame* FrameStack::push_new() {
  if (n_ < store_.size()) {
    store_[n_] = std::make_unique<Frame>();
  } else {
    store_.push_back(std::make_unique<Frame>());
  }
  return store_[n_++].get();
}

void VM::recursion_limit() {
  raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
}

void VM::materialize_constants(uint32_t code_index) {
  const Code& code = *code_ptrs_[code_index];
  std::vector<Value> cs;
  cs.reserve(code.constants.size());
  for (const Constant& c : code.constants) cs.push_back(materialize(*this, c));
  constants[code_index] = std::move(cs);
  shapes_[code_index].consts_ready = true;
}

void VM::shape_codes() {
  for (size_t i = shapes_.size(); i < code_ptrs_.size(); i++) {
    const Code& c = *code_ptrs_[i];
    CodeShape s;
    s.base = c.nlocals() + c.ncells();
    s.slots = s.base + c.max_stack + 1;
    if (c.kwonly_count == 0 && c.ncells() == 0 &&
        !(c.flags & (kCodeVarArgs | kCodeVarKeywords | kCodeGenerator))) {
      s.plain_argc = c.arg_count;
    }
    shapes_.push_back(s);
  }
}

uint32_t VM::property_getter_code(Value descriptor) const {
  if (!is_kind(descriptor, ObjKind::Property)) return UINT32_MAX;
  Value getter = as<WrapperObj>(descriptor)->f0;
  if (!is_kind(getter, ObjKind::Function)) return UINT32_MAX;
  const uint32_t ci = as<FunctionObj>(getter)->code;
  return shapes_[ci].plain_argc == 1 ? ci : UINT32_MAX;
}

// Fills a new frame's parameters from a call's arguments, with CPython's
// error messages. `self` (if not Undef) is the first positional argument.
bool VM::bind_python_args(Frame& f, const FunctionObj* fn, const Code& code, Value self,
                          const Value* args, uint32_t nargs, const Value* kwnames, uint32_t nkw) {
  Value* locals = f.slots.data();
  uint32_t npos_params = code.arg_count;
  uint32_t total_pos = nargs + (self.is_undef() ? 0 : 1);
  // Fast path: positional arguments only, the missing ones all have
  // defaults, and no keyword-only, *args or **kwargs parameters.
  size_t ndefaults = fn->defaults.size();
  if (nkw == 0 && code.kwonly_count == 0 && !(code.flags & (kCodeVarArgs | kCodeVarKeywords)) &&
      total_pos <= npos_params && total_pos + ndefaults >= npos_params) {
    Value* dst = locals;
    if (!self.is_undef()) *dst++ = self;
    std::copy(args, args + nargs, dst);
    for (uint32_t p = total_pos; p < npos_params; p++)
      locals[p] = fn->defaults[p + ndefaults - npos_params];
    return true;
  }
  auto arg_at = [&](uint32_t i) -> Value {
    if (!self.is_undef()) return i == 0 ? self : args[i - 1];
    return args[i];
  };
  const std::string& fname = code.qualname;
  bool varargs = code.flags & kCodeVarArgs;
  bool varkw = code.flags & kCodeVarKeywords;
  uint32_t ncopy = std::min(total_pos, npos_params);
  for (uint32_t i = 0; i < ncopy; i++) locals[i] = arg_at(i);
  uint32_t slot = npos_params + code.kwonly_count;
  if (varargs) {
    std::vector<Value> rest;
    rest.reserve(total_pos - ncopy);
    for (uint32_t i = ncopy; i < total_pos; i++) rest.push_back(arg_at(i));
    locals[slot++] = rest.empty() ? empty_tuple() : new_tuple(std::move(rest));
  } else if (total_pos > npos_params) {
    size_t ndef = fn->defaults.size();
    uint32_t kw_given = 0;
    for (uint32_t k = 0; k < nkw; k++) {
      std::string_view kn = str_view(kwnames[k]);
      for (uint32_t p = npos_params; p < npos_params + code.kwonly_count; p++)
        if (code.local_names[p] == kn) kw_given++;
    }
    std::string takes;
    if (ndef > 0) {
      takes = "from " + std::to_string(npos_params - ndef) + " to " + std::to_string(npos_params);
    } else {
      takes = std::to_string(npos_params);
    }
    std::string msg = fname + "() takes " + takes + " positional argument" +
                      (npos_params == 1 && ndef == 0 ? "" : "s") + " but " +
                      std::to_string(total_pos);
    if (kw_given > 0) {
      msg += " positional argument" + std::string(total_pos == 1 ? "" : "s") + " (and " +
             std::to_string(kw_given) + " keyword-only argument" + (kw_given == 1 ? "" : "s") + ")";
    }
    msg += total_pos == 1 && kw_given == 0 ? " was given" : " were given";
    type_error(msg);
  }
  Value kwdict;
  if (varkw) {
    kwdict = new_dict();
    locals[slot] = kwdict;
  }
  std::vector<std::string> posonly_as_kw;
  for (uint32_t k = 0; k < nkw; k++) {
    Value name = kwnames[k];
    std::string_view kn = str_view(name);
    Value val = args[nargs + k];
    bool found = false;
    for (uint32_t p = code.posonly_count; p < npos_params + code.kwonly_count; p++) {
      if (code.local_names[p] == kn) {
        if (!locals[p].is_undef()) {
          type_error(fname + "() got multiple values for argument '" + std::string(kn) + "'");
        }
        locals[p] = val;
        found = true;
        break;
      }
    }
    if (found) continue;
    if (varkw) {
      as<DictObj>(kwdict)->dict.set(*this, name, val);
      continue;
    }
    for (uint32_t p = 0; p < code.posonly_count; p++) {
      if (code.local_names[p] == kn) posonly_as_kw.emplace_back(kn);
    }
    if (!posonly_as_kw.empty()) {
      std::string list;
      for (size_t i = 0; i < posonly_as_kw.size(); i++)
        list += (i ? ", '" : "'") + posonly_as_kw[i] + "'";
      type_error(fname +
                 "() got some positional-only arguments passed as keyword arguments: " + list);
    }
    type_error(fname + "() got an unexpected keyword argument '" + std::string(kn) + "'");
  }
  // Defaults and missing arguments.
  size_t ndef = fn->defaults.size();
  std::vector<std::string> missing;
  for (uint32_t p = 0; p < npos_params; p++) {
    if (!locals[p].is_undef()) continue;
    if (p + ndef >= npos_params) {
      locals[p] = fn->defaults[p + ndef - npos_params];
    } else {
      missing.push_back(code.local_names[p]);
    }
  }
  auto missing_error = [&](const char* kind) {
    std::string list;
    for (size_t i = 0; i < missing.size(); i++) {
      if (i > 0)
        list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
      list += "'" + missing[i] + "'";
    }
    type_error(fname + "() missing " + std::to_string(missing.size()) + " required " + kind +
               " argument" + (missing.size() == 1 ? "" : "s") + ": " + list);
  };
  if (!missing.empty()) missing_error("positional");
  for (uint32_t k = 0; k < code.kwonly_count; k++) {
    uint32_t p = npos_params + k;
    if (!locals[p].is_undef()) continue;
    if (k < fn->kwdefaults.size() && !fn->kwdefaults[k].is_undef()) {
      locals[p] = fn->kwdefaults[k];
    } else {
      missing.push_back(code.local_names[p]);
    }
  }
  if (!missing.empty()) missing_error("keyword-only");
  return true;
}

// Sets up cells for a frame about to run: fresh cells for cellvars (moving
// parameters into theirs) and the closure's cells for freevars.
void VM::init_frame_cells(Frame& f, const FunctionObj* fn) {
  VM& vm = *this;
  const Code& code = *f.code;
  uint32_t base = code.nlocals();
  for (size_t i = 0; i < code.cellvars.size(); i++) f.slots[base + i] = vm.heap.make<CellObj>();
  for (const auto& [cell, local] : code.cell_params) {
    vm.as<CellObj>(f.slots[base + cell])->value = f.slots[local];
  }
  if (fn) {
    uint32_t fb = base + static_cast<uint32_t>(code.cellvars.size());
    for (size_t i = 0; i < code.freevars.size() && i < fn->cells.size(); i++)
      f.slots[fb + i] = fn->cells[i];
  }
}

// ---------------------------------------------------------------------------
// Calls from inside the loop
// ---------------------------------------------------------------------------

// Calls `callable` with args[0..nargs) (the last nkw of which are keyword
// values named by `kwnames`, a tuple or Undef) and `self` prepended if set.
// A Python function gets a new frame (*pushed = true, returns Undef); a
// native returns its result.
Value VM::invoke(Value callable, Value* args, uint32_t nargs, Value kwnames, Value self,
                 bool* pushed) {
  *pushed = false;
  // Natives called from here may collect while they drive a generator only
  // if the arguments are on a frame's value stack (see claim_gc_safe_call).
  const bool from_bytecode = std::exchange(invoke_from_bytecode_, false);
  uint32_t nkw =
      kwnames.is_undef() ? 0 : static_cast<uint32_t>(as<TupleObj>(kwnames)->items.size());
  const Value* kwn = nkw ? as<TupleObj>(kwnames)->items.data() : nullptr;
  uint32_t npos = nargs - nkw;
  std::vector<Value> extra, extra_names;
  // A miss of an lru_cache wrapper: where the callee's result goes.
  Value cache_wrapper, cache_key;
  // The receiver (if any) and the first `count` arguments, for the wrappers
  // that pass them on (partial, lru_cache, cmp_to_key).
  auto receiver_and_args = [&](uint32_t count) {
    std::vector<Value> v;
    if (!self.is_undef()) v.push_back(self);
    v.insert(v.end(), args, args + count);
    return v;
  };
  for (int hops = 0; hops < 8; hops++) {
    if (callable.tag == Tag::Obj) {
      HeapObject* o = heap.get(callable);
      switch (o->kind) {
        case ObjKind::Function: {
          auto* fn = static_cast<FunctionObj*>(o);
          const Code& code = *code_ptrs_[fn->code];
          Frame* f = push_frame(fn->code, callable);
          try {
            if (nkw == 0 && self.is_undef() && npos == code.arg_count &&
                !(code.flags & (kCodeVarArgs | kCodeVarKeywords)) && code.kwonly_count == 0) {
              std::copy(args, args + npos, f->slots.begin());
            } else {
              bind_python_args(*f, fn, code, self, args, npos, kwn, nkw);
            }
            if (code.ncells()) init_frame_cells(*f, fn);
          } catch (...) {
            pop_frame();
            throw;
          }
          if (code.flags & kCodeGenerator) {
            // Calling a generator function makes a generator; the frame
            // waits inside it until the first next().
            Value gen = heap.make<GeneratorObj>();
            auto* g = as<GeneratorObj>(gen);
            g->name = fn->name;
            g->coroutine = (code.flags & kCodeCoroutine) != 0;
            f->generator = gen;
            g->frame = std::move(frames.back());
            frames.pop_back();
            if (!cache_key.is_undef()) lru_cache_store(*this, cache_wrapper, cache_key, gen);
            return gen;
          }
          if (!cache_key.is_undef()) {
            // RETURN_VALUE stores the result (kReturnCache).
            f->on_return = kReturnCache;
            f->ns = new_tuple({cache_wrapper, cache_key});
          }
          *pushed = true;
          return Value();
        }
        case ObjKind::BoundMethod: {
          auto* bm = static_cast<BoundMethodObj*>(o);
          if (!self.is_undef()) {
            // Both a receiver and a bound method: the receiver becomes the
            // first ordinary argument.
            extra.assign(1, self);
            extra.insert(extra.end(), args, args + nargs);
            args = extra.data();
            nargs++;
            npos++;
          }
          self = bm->self;
          callable = bm->func;
          continue;
        }
        case ObjKind::Partial: {
          // functools.partial: its arguments, then the call's (a receiver
          // first among them); its keywords, with the call's replacing
          // those of the same name, then the call's others. (Every Value
          // here stays reachable from the caller: the partial is in the
          // callable's slot, the call's arguments above it.)
          const auto* p = static_cast<WrapperObj*>(o);
          std::vector<Value> pos = receiver_and_args(npos);
          const auto& stored = as<TupleObj>(p->f1)->items;
          pos.insert(pos.begin(), stored.begin(), stored.end());
          std::vector<Value> names, values;
          for (const auto& e : as<DictObj>(p->f2)->dict.entries()) {
            if (e.key.is_undef()) continue;
            // (p.keywords is the partial's own dict: a program may put anything in it.)
            if (!is_str(e.key)) type_error("keywords must be strings");
            Value v = e.value;
            for (uint32_t k = 0; k < nkw; k++)
              if (str_view(kwn[k]) == str_view(e.key)) v = args[npos + k];
            names.push_back(e.key);
            values.push_back(v);
          }
          for (uint32_t k = 0; k < nkw; k++) {
            if (!as<DictObj>(p->f2)->dict.find_str(*this, kwn[k])) {
              names.push_back(kwn[k]);
              values.push_back(args[npos + k]);
            }
          }
          npos = static_cast<uint32_t>(pos.size());
          nkw = static_cast<uint32_t>(names.size());
          pos.insert(pos.end(), values.begin(), values.end());
          extra = std::move(pos);
          extra_names = std::move(names);
          args = extra.data();
          nargs = npos + nkw;
          kwn = extra_names.data();
          self = Value();
          callable = p->f0;
          continue;
        }
        case ObjKind::KeyWrapper: {
          // cmp_to_key(cmp)(obj): a key object for obj.
          std::vector<Value> pos = receiver_and_args(npos);
          CallArgs ca;
          ca.pos = pos;
          ca.kw_names = std::span<const Value>(kwn, nkw);
          ca.kw_values = std::span<const Value>(args + npos, nkw);
          Value obj;
          bind_args(*this, ca, "K", {"obj"}, 1, 0, &obj);
          return heap.make<WrapperObj>(ObjKind::KeyWrapper, static_cast<WrapperObj*>(o)->f0, obj);
        }
        case ObjKind::LruCache: {
          // functools.lru_cache's wrapper: a hit is the call's result; a
          // miss calls the function (a receiver first among the arguments).
          const auto* w = static_cast<WrapperObj*>(o);
          std::vector<Value> all = receiver_and_args(nargs);
          const uint32_t np = npos + (self.is_undef() ? 0 : 1);
          Value key = lru_cache_key(*this, callable, all.data(), np, kwn, nkw);
          Dict& cache = as<DictObj>(w->f1)->dict;
          auto& stats = as<ListObj>(w->f3)->items;
          const int64_t hash = this->hash(key);  // (an unhashable argument: TypeError)
          if (Dict::Entry* e = cache.find(*this, key, hash)) {
            stats[0] = Value::integer(stats[0].i + 1);
            Value result = e->value;
            if (w->f2.is_int()) {  // bounded: now the most recently used
              cache.erase(*this, key, hash);
              cache.set(*this, key, hash, result);
            }
            return result;
          }
          stats[1] = Value::integer(stats[1].i + 1);
          if (w->f0.tag == Tag::BuiltinFn && (w->f0.id & kExternalBit) &&
              !(w->f0.id & kMethodRefBit)) {
            // Its result would arrive with resume(), after this call is gone.
            raise(BuiltinTypeId::NotImplementedError,
                  "lru_cache of the external function '" +
                      program_->external_functions[w->f0.id & ~kExternalBit] +
                      "' is not supported: cache its results in a dict, or wrap it in a "
                      "Python function");
          }
          if (!is_kind(w->f0, ObjKind::Function)) {
            // Not a Python function: a native call, whose result is stored here.
            Value names;
            if (nkw) names = new_tuple(std::vector<Value>(kwn, kwn + nkw));
            Value result = call_from_native(w->f0, all.data(), np + nkw, names, false);
            lru_cache_store(*this, callable, key, result);
            return result;
          }
          cache_wrapper = callable;
          cache_key = key;
          extra = std::move(all);
          args = extra.data();
          npos = np;
          nargs = np + nkw;
          self = Value();
          callable = w->f0;
          continue;
        }
        case ObjKind::BuiltinMethod: {
          auto* bm = static_cast<BuiltinMethodObj*>(o);
          const MethodDef& m =
              type_info(static_cast<BuiltinTypeId>(bm->type_id)).methods[bm->method_index];
          std::vector<Value> buf;
          CallArgs ca;
          if (bm->self.is_undef() && m.kind == MethodKind::Method) {
            // Unbound: str.upper("x") — the first argument is self.
            if (self.is_undef()) {
              if (npos == 0) {
                type_error("unbound method " +
                           std::string(type_info(static_cast<BuiltinTypeId>(bm->type_id)).name) +
                           "." + m.name + "() needs an argument");
              }
              ca.self = args[0];
              ca.pos = std::span<const Value>(args + 1, npos - 1);
            } else {
              ca.self = self;
              ca.pos = std::span<const Value>(args, npos);
            }
            // [builtin subclasses] type-check the receiver, unwrap subclass instances.
            ca.self = unbound_builtin_self(*this, ca.self, static_cast<BuiltinTypeId>(bm->type_id),
                                           m.name);
          } else {
            ca.self = bm->self;
            if (!self.is_undef()) {
              buf.push_back(self);
              buf.insert(buf.end(), args, args + npos);
              ca.pos = buf;
            } else {
              ca.pos = std::span<const Value>(args, npos);
            }
          }
          ca.kw_names = std::span<const Value>(kwn, nkw);
          ca.kw_values = std::span<const Value>(args + npos, nkw);
          direct_native_ = from_bytecode ? m.fn : nullptr;
          return native_result(m.fn(*this, ca), pushed);
        }
        case ObjKind::Class: {
          Value init;
          Value instance = construct_with_new(callable, args, npos, kwn, nkw, &init);
          if (instance.is_undef()) instance = instantiate(callable, args, npos, kwn, nkw, &init);
          if (init.is_undef()) return instance;
          // Run __init__ as a Python frame; the instance is the call's result.
          auto* fn = as<FunctionObj>(init);
          const Code& code = *code_ptrs_[fn->code];
          Frame* f = push_frame(fn->code, init);
          try {
            bind_python_args(*f, fn, code, instance, args, npos, kwn, nkw);
            if (code.ncells()) init_frame_cells(*f, fn);
          } catch (...) {
            pop_frame();
            throw;
          }
          f->on_return = kReturnInstance;
          f->ns = instance;
          *pushed = true;
          return Value();
        }
        case ObjKind::Instance: {
          Value call = lookup_special(callable, "__call__");
          if (call.is_undef()) type_error("'" + type_name(callable) + "' object is not callable");
          callable = call;  // already bound to the instance
          continue;
        }
        default:
          break;
      }
    } else if (callable.tag == Tag::BuiltinFn && (callable.id & kExternalBit) &&
               !(callable.id & kMethodRefBit)) {
      std::vector<Value> all;
      if (!self.is_undef()) all.push_back(self);
      all.insert(all.end(), args, args + npos);
      request_external_call(callable.id & ~kExternalBit, all, std::span<const Value>(kwn, nkw),
                            std::span<const Value>(args + npos, nkw));
      return Value();
    } else if (callable.tag == Tag::BuiltinFn) {
      CallArgs ca;
      std::vector<Value> buf;
      if (callable.id & kMethodRefBit) {
        uint32_t type = (callable.id >> 16) & 0x7fff;
        uint32_t index = callable.id & 0xffff;
        ca.self = self;
        ca.pos = std::span<const Value>(args, npos);
        ca.kw_names = std::span<const Value>(kwn, nkw);
        ca.kw_values = std::span<const Value>(args + npos, nkw);
        NativeFn fn = type_info(static_cast<BuiltinTypeId>(type)).methods[index].fn;
        direct_native_ = from_bytecode ? fn : nullptr;
        return native_result(fn(*this, ca), pushed);
      }
      if (!self.is_undef()) {
        buf.push_back(self);
        buf.insert(buf.end(), args, args + npos);
        ca.pos = buf;
      } else {
        ca.pos = std::span<const Value>(args, npos);
      }
      ca.kw_names = std::span<const Value>(kwn, nkw);
      ca.kw_values = std::span<const Value>(args + npos, nkw);
      NativeFn fn = builtin_functions()[callable.id].fn;
      direct_native_ = from_bytecode ? fn : nullptr;
      return native_result(fn(*this, ca), pushed);
    } else if (callable.tag == Tag::Type) {
      const TypeInfo& ti = type_info(static_cast<BuiltinTypeId>(callable.id));
      if (!ti.construct) type_error("cannot create '" + std::string(ti.name) + "' instances");
      CallArgs ca;
      std::vector<Value> buf;
      ca.self = callable;
      if (!self.is_undef()) {
        buf.push_back(self);
        buf.insert(buf.end(), args, args + npos);
        ca.pos = buf;
      } else {
        ca.pos = std::span<const Value>(args, npos);
      }
      ca.kw_names = std::span<const Value>(kwn, nkw);
      ca.kw_values = std::span<const Value>(args + npos, nkw);
      direct_native_ = from_bytecode ? ti.construct : nullptr;
      return native_result(ti.construct(*this, ca), pushed);
    }
    break;
  }
  type_error("'" + type_name(callable) + "' object is not callable");
}

// A class whose MRO defines __new__ in Python: the object is what __new__
// returns (it runs as a nested call), and __init__ runs on it (as
// instantiate's *init) only if it is an instance of the class, as in
// CPython. Undef when the class has no Python __new__.
Value VM::construct_with_new(Value cls_value, const Value* args, uint32_t npos, const Value* kwn,
                             uint32_t nkw, Value* init) {
  *init = Value();
  // Interned on first use, not in the constructor: most runs make no class.
  if (special_new_.is_undef()) special_new_ = intern("__new__");
  Value new_fn = class_lookup(cls_value, special_new_);
  if (is_kind(new_fn, ObjKind::StaticMethod)) new_fn = as<WrapperObj>(new_fn)->f0;
  // A builtin function here is the __new__ of a class made natively
  // (collections.namedtuple's).
  if (!is_kind(new_fn, ObjKind::Function) && !new_fn.is_builtin_fn()) return Value();
  std::vector<Value> pos{cls_value};
  pos.insert(pos.end(), args, args + npos);
  Value obj =
      call(new_fn, pos, std::span<const Value>(kwn, nkw), std::span<const Value>(args + npos, nkw));
  if (!isinstance(obj, cls_value)) return obj;
  // Color(1) finds a member, made (and __init__ed) with its class.
  if (!enum_members(*this, cls_value).is_undef()) return obj;
  Value init_fn = class_lookup(type_of(obj), special_init_);
  if (is_kind(init_fn, ObjKind::Function)) {
    *init = init_fn;
  } else if (!init_fn.is_undef()) {
    std::vector<Value> all{obj};
    all.insert(all.end(), args, args + npos);
    call(init_fn, all, std::span<const Value>(kwn, nkw), std::span<const Value>(args + npos, nkw));
  }
  return obj;
}

// Creates an instance of a user class. If its __init__ is a Python function,
// returns it in *init for the caller to run; otherwise runs a builtin
// initializer (exceptions) and leaves *init Undef.
Value VM::instantiate(Value cls_value, const Value* args, uint32_t npos, const Value* kwn,
                      uint32_t nkw, Value* init) {
  if (abstract_classes_) [[unlikely]]
    check_instantiable(cls_value);
  auto* cls = as<ClassObj>(cls_value);
  Value instance = heap.make<InstanceObj>(cls_value);
  auto* inst = as<InstanceObj>(instance);
  bool is_exc = cls->builtin_base != BuiltinTypeId::Object &&
                is_subclass(Value::type(static_cast<uint32_t>(cls->builtin_base)),
                            BuiltinTypeId::BaseException);
  if (is_exc) {
    std::vector<Value> a(args, args + npos);
    inst->args = a.empty() ? empty_tuple() : new_tuple(std::move(a));
    if (is_subclass(Value::type(static_cast<uint32_t>(cls->builtin_base)),
                    BuiltinTypeId::BaseExceptionGroup)) [[unlikely]]
      new_exception_group(*this, cls_value, std::span<const Value>(args, npos), instance);
  }
  Value init_fn = class_lookup(cls_value, special_init_);
  *init = Value();
  // [builtin subclasses] class L(list) etc.: create the wrapped builtin value
  // (types/subclass.cpp); a builtin base then accepts the arguments itself.
  if (is_subclassable_builtin(cls->builtin_base)) {
    init_subclass_instance(*this, instance, cls->builtin_base, std::span<const Value>(args, npos),
                           std::span<const Value>(kwn, nkw),
                           std::span<const Value>(args + npos, nkw), !init_fn.is_undef());
    if (init_fn.is_undef()) return instance;
  }
  if (!init_fn.is_undef() && is_kind(init_fn, ObjKind::Function)) {
    *init = init_fn;
    return instance;
  }
  if (!init_fn.is_undef()) {
    // A non-function __init__ (e.g. a builtin bound to the class); call it.
    std::vector<Value> all{instance};
    all.insert(all.end(), args, args + npos);
    call(init_fn, all, std::span<const Value>(kwn, nkw), std::span<const Value>(args + npos, nkw));
    return instance;
  }
  if (!is_exc && (npos > 0 || nkw > 0)) {
    Value new_fn = class_lookup(cls_value, names_lookup("__new__"));
    if (new_fn.is_undef()) type_error(class_name(cls_value) + "() takes no arguments");
  }
  if (is_exc && nkw > 0) {
    type_error(class_name(cls_value) + "() takes no keyword arguments");
  }
  return instance;
}

// ---------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------
uint32_t VM::current_instr(const Frame& f) const {
  // f.ip is the resume point; the instruction being executed (or the call
  // this frame waits on) is the one before it.
  if (f.code->lines.empty()) return TracebackEntry::kUnknownInstr;
  uint32_t ip = f.ip > 0 ? f.ip - 1 : 0;
  if (ip >= f.code->lines.size()) ip = static_cast<uint32_t>(f.code->lines.size()) - 1;
  return ip;
}

uint32_t VM::current_line(const Frame& f) const {
  uint32_t ip = current_instr(f);
  return ip == TracebackEntry::kUnknownInstr ? 0 : f.code->lines[ip];
}

// Whether `exc` is StopIteration that ends the loop of `f`, which waits at
// FOR_ITER on a map, filter, enumerate or zip, or on an instance whose
// Python __next__ FOR_ITER ran as a frame. Raised by that __next__, by the
// call FOR_ITER made for a map (VM::for_iter_map), by a map's function or
// filter's predicate in a step frame, or by a step frame whose source is
// exhausted (ADAPT_END, ZIP_SHORT). As in CPython, a StopIteration out of an
// iterator's __next__ ends the loop; the iterator itself goes on with its
// next item if asked again. Then the loop ends there (returns true).
bool VM::ends_adaptor_iteration(Frame& f, Value exc) {
  if (f.ip == 0 || instr_op(f.code->code[f.ip - 1]) != Op::FOR_ITER || f.sp <= f.stack_base() ||
      limit_hit_ || !is_instance(exc, BuiltinTypeId::StopIteration)) {
    return false;
  }
  Value it = f.slots[f.sp - 1];
  if (is_kind(it, ObjKind::Instance)) {
    // An iterator class whose __next__ FOR_ITER ran as a frame.
    if (!consumer_frames_ || python_next_method(it).is_undef()) return false;
  } else {
    if (!is_kind(it, ObjKind::Iterator)) return false;
    BuiltinTypeId t = as<IterObj>(it)->type;
    if (t != BuiltinTypeId::Map && t != BuiltinTypeId::Filter && t != BuiltinTypeId::Enumerate &&
        t != BuiltinTypeId::Zip) {
      return false;
    }
  }
  f.sp--;
  f.ip = instr_arg(f.code->code[f.ip - 1]);
  return true;
}

// Finds a handler for `exc` in the frames above stop_depth. Returns true if
// one was found (the loop continues there); false if the exception leaves
// them (the caller propagates it).
bool VM::handle_exception(Value exc, size_t stop_depth, bool reraise) {
  auto* e = as<InstanceObj>(exc);
  bool first = true;
  while (frames.size() > stop_depth) {
    Frame& f = *frames.back();
    // A consumer frame stands for a builtin, which has no traceback line.
    if (!(reraise && first) && !(f.code->flags & kCodeIntrinsic))
      e->traceback.push_back({f.code_index, current_line(f), current_instr(f)});
    first = false;
    // map's function raised StopIteration (a frame pushed by FOR_ITER, or the
    // host's answer to a paused call): the map is over, as in CPython.
    if (ends_adaptor_iteration(f, exc)) [[unlikely]]
      return true;
    // A limit that ended the execution cannot be caught by the program.
    if (!f.blocks.empty() && !limit_hit_) {
      Block b = f.blocks.back();
      f.blocks.pop_back();
      f.sp = b.stack_depth;
      if (handled.size() > b.exc_depth) handled.resize(b.exc_depth);
      f.slots[f.sp++] = exc;
      handled.push_back(exc);
      f.ip = b.handler;
      return true;
    }
    bool boundary = f.reentry_boundary;
    Value gen = f.generator;
    if (!gen.is_undef()) {
      // The exception ends the generator; its frame is discarded.
      auto* g = as<GeneratorObj>(gen);
      g->running = false;
      uint32_t hb = f.handled_base;
      frames.pop_back();
      if (handled.size() > hb) handled.resize(hb);
      // A StopIteration escaping a generator becomes RuntimeError (PEP 479).
      if (is_subclass(e->cls, BuiltinTypeId::StopIteration)) {
        Value rt = new_exception(
            BuiltinTypeId::RuntimeError,
            g->coroutine ? "coroutine raised StopIteration" : "generator raised StopIteration");
        auto* r = as<InstanceObj>(rt);
        r->cause = exc;
        r->context = exc;
        r->suppress_context = true;
        r->traceback = e->traceback;
        exc = rt;
        e = r;
      }
    } else {
      if (f.code->flags & kCodeIntrinsic) [[unlikely]]
        unwind_consumer(f);
      pop_frame();
    }
    if (boundary) {
      pending_exc_ = exc;
      return false;
    }
  }
  pending_exc_ = exc;
  return false;
}

// `with x:` compiles to DUP_TOP, LOAD_ATTR __exit__, ROT_TWO, LOAD_METHOD
// __enter__. When one of those loads fails on an object that is no context
// manager, CPython raises TypeError "'X' object does not support the
// context manager protocol" (naming a missing __exit__ when __enter__ is
// there) rather than an AttributeError. Recognized here, on the error path,
// so `with` costs nothing extra and its bytecode stays as earlier builds
// compiled it (snapshots compare it).
Value VM::with_protocol_error(Value exc) {
  if (frames.empty() || !is_instance(exc, BuiltinTypeId::AttributeError)) return exc;
  const Frame& f = *frames.back();
  const std::vector<Instr>& code = f.code->code;
  auto is = [&](uint32_t at, Op op, std::string_view name) {
    if (at >= code.size() || instr_op(code[at]) != op) return false;
    return name.empty() || str_view(names_[f.code->names[instr_arg(code[at])]]) == name;
  };
  const uint32_t failed = f.ip - 1;  // SYNC stored the next instruction
  bool exit_missing = false, enter_missing = false, is_async = false;
  for (bool async_with : {false, true}) {
    const char* exit_name = async_with ? "__aexit__" : "__exit__";
    const char* enter_name = async_with ? "__aenter__" : "__enter__";
    if (f.ip >= 1 && is(failed, Op::LOAD_ATTR, exit_name) && is(failed + 1, Op::ROT_TWO, "") &&
        is(failed + 2, Op::LOAD_METHOD, enter_name))
      exit_missing = true, is_async = async_with;
    if (f.ip >= 3 && is(failed, Op::LOAD_METHOD, enter_name) && is(failed - 1, Op::ROT_TWO, "") &&
        is(failed - 2, Op::LOAD_ATTR, exit_name))
      enter_missing = true, is_async = async_with;
  }
  if ((!exit_missing && !enter_missing) || f.sp == 0) return exc;
  const char* exit_name = is_async ? "__aexit__" : "__exit__";
  const char* enter_name = is_async ? "__aenter__" : "__enter__";
  Value mgr = f.slots[f.sp - 1];
  // Only when the type lacks the method: an AttributeError raised by a
  // __exit__ property's getter propagates as it is.
  if (!lookup_special(mgr, exit_missing ? exit_name : enter_name).is_undef()) return exc;
  std::string message = "'" + type_name(mgr) + "' object does not support the " +
                        (is_async ? "asynchronous " : "") + "context manager protocol";
  if (exit_missing && !lookup_special(mgr, enter_name).is_undef())
    message += std::string(" (missed ") + exit_name + " method)";
  Value error = new_exception(BuiltinTypeId::TypeError, message);
  as<InstanceObj>(error)->context = as<InstanceObj>(exc)->context;
  return error;
}

Value VM::run_loop(size_t stop_depth) {
  for (;;) {
    try {
      return dispatch(stop_depth);
    } catch (PyError& err) {
      if (!reraising_) err.exc = with_protocol_error(err.exc);
      if (!handle_exception(err.exc, stop_depth, reraising_)) {
        reraising_ = false;
        throw PyError{pending_exc_};
      }
      reraising_ = false;
    } catch (std::bad_alloc&) {
      Value exc = new_exception(BuiltinTypeId::MemoryError, "");
      if (!handle_exception(exc, stop_depth, false)) throw PyError{pending_exc_};
    }
  }
}

// ---------------------------------------------------------------------------
// Run segments: start, pause, resume
// ---------------------------------------------------------------------------
Value VM::start_run(const std::vector<Value>& inputs) {
  const Program& p = *program_;
  for (size_t i = 0; i < inputs.size() && i < p.input_names.size(); i++) globals[i] = inputs[i];
  // External functions are globals bound to host-call markers.
  for (size_t i = 0; i < p.external_functions.size(); i++) {
    globals[p.input_names.size() + i] = Value::builtin_fn(kExternalBit | static_cast<uint32_t>(i));
  }
  if (limits_.pause_every_instructions) next_yield_ = *limits_.pause_every_instructions;
  enable_consumer_frames();
  if (limits_.max_duration_ms && !clock_) {
    uncaught_ = new_exception(BuiltinTypeId::RuntimeError, "max_duration_ms needs a host clock");
    return Value();
  }
  try {
    push_frame(0, Value());
  } catch (PyError& err) {
    uncaught_ = err.exc;
    return Value();
  }
  frames.back()->reentry_boundary = true;
  return resume_run(Value());
}

Value VM::resume_run(Value value) {
  if (paused_) {
    paused_ = false;
    Frame& f = *frames.back();
    // A time slice or a wait resumes where it stopped; a call or a lookup
    // takes the host's value.
    bool push = pending_kind_ != static_cast<uint8_t>(PendingCall::Kind::Yield) &&
                pending_kind_ != static_cast<uint8_t>(PendingCall::Kind::Wait);
    if (pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::NameLookup)) {
      globals[pending_global_] = value;
      // A load paused after itself and takes the value as its result; `name
      // += x` paused inside its one instruction, x still on the stack, and
      // runs again now that the name exists.
      if (paused_in_reexecuting_op(f)) {
        f.ip--;
        push = false;
      }
    }
    if (push) f.slots[f.sp++] = value;
  }
  if (clock_) segment_start_ms_ = clock_();
  schedule_next_check();
  try {
    Value r = run_loop(0);
    if (clock_) time_spent_ms_ += clock_() - segment_start_ms_;
    return r;  // Undef when paused
  } catch (PyError& err) {
    uncaught_ = err.exc;
    while (!frames.empty()) pop_frame();
    return Value();
  }
}

Value VM::resume_run_error(Value exc) {
  paused_ = false;
  if (clock_) segment_start_ms_ = clock_();
  schedule_next_check();
  try {
    // Raised at the call site: the top frame's resume point follows the call.
    if (!handle_exception(exc, 0, false)) {
      uncaught_ = pending_exc_;
      while (!frames.empty()) pop_frame();
      return Value();
    }
    Value r = run_loop(0);
    if (clock_) time_spent_ms_ += clock_() - segment_start_ms_;
    return r;
  } catch (PyError& err) {
    uncaught_ = err.exc;
    while (!frames.empty()) pop_frame();
    return Value();
  }
}

void VM::request_external_call(uint32_t index, std::span<const Value> args,
                               std::span<const Value> kw_names, std::span<const Value> kw_values) {
  const std::string& name = program_->external_functions[index];
  if (native_depth > 0) {
    raise(BuiltinTypeId::RuntimeError,
          "external function '" + name +
              "' cannot be called from inside a builtin callback (a sort key, "
              "__repr__, __eq__, a generator driven by a builtin, ...)");
  }
  PendingCall pc;
  pc.kind = PendingCall::Kind::FunctionCall;
  pc.function_name = name;
  for (Value a : args) pc.args.push_back(export_value(a));
  for (size_t i = 0; i < kw_names.size(); i++) {
    pc.kwargs.emplace_back(std::string(str_view(kw_names[i])), export_value(kw_values[i]));
  }
  pc.call_id = ++call_counter_;
  pc.in_event_loop = in_running_loop();
  pending_ = std::move(pc);
  pending_kind_ = static_cast<uint8_t>(PendingCall::Kind::FunctionCall);
  paused_ = true;
  if (clock_) time_spent_ms_ += clock_() - segment_start_ms_;
}

// Advances a generator by one step from native code: runs its frame to the
// next yield (returns true, *out = value) or to its end (returns false).
bool VM::throw_into_generator(Value gen_value, Value exc, Value* out) {
  auto* g = as<GeneratorObj>(gen_value);
  if (g->running) value_error("generator already executing");
  if (!g->frame || !g->started) {
    // Not started (or finished): no frame can catch it. The generator is
    // finished and the exception goes to the caller, as in CPython.
    g->frame.reset();
    throw PyError{exc};
  }
  // Paused in `yield from inner`: the throw goes to the inner generator
  // first (PEP 380), and only what it lets out is raised in this one.
  const Frame& f = *g->frame;
  if (f.ip < f.code->code.size() && instr_op(f.code->code[f.ip]) == Op::YIELD_FROM && f.sp > 0 &&
      is_kind(f.slots[f.sp - 1], ObjKind::Generator)) {
    Value inner = f.slots[f.sp - 1];
    if (is_instance(exc, BuiltinTypeId::GeneratorExit)) {
      // close(): the inner generator is closed, then GeneratorExit is
      // raised here.
      Value ignored;
      try {
        if (throw_into_generator(inner, new_exception(BuiltinTypeId::GeneratorExit, ""), &ignored))
          raise(BuiltinTypeId::RuntimeError, "generator ignored GeneratorExit");
      } catch (PyError& e) {
        if (!is_instance(e.exc, BuiltinTypeId::GeneratorExit) &&
            !is_instance(e.exc, BuiltinTypeId::StopIteration))
          return resume_generator(gen_value, Value(), out, e.exc);
      }
    } else {
      bool got;
      try {
        got = throw_into_generator(inner, exc, out);
      } catch (PyError& e) {
        return resume_generator(gen_value, Value(), out, e.exc);
      }
      if (got) return true;  // still delegating, paused at the same yield from
      // The inner generator returned: that is the value of `yield from`
      // (YIELD_FROM finds it finished and takes last_return_).
      return resume_generator(gen_value, Value::none(), out);
    }
  }
  return resume_generator(gen_value, Value(), out, exc);
}

bool VM::resume_generator(Value gen_value, Value send, Value* out, Value throw_exc) {
  const bool gc_safe = std::exchange(gc_safe_resume_, false);
  auto* g = as<GeneratorObj>(gen_value);
  if (g->running) value_error("generator already executing");
  if (!g->frame) return false;
  if (native_depth >= kMaxNativeDepth)
    raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
  std::unique_ptr<Frame> f = std::move(g->frame);
  if (!throw_exc.is_undef()) {
    // Nothing is sent: the exception unwinds from the yield instead.
  } else if (g->started) {
    f->slots[f->sp++] = send;
  } else if (!send.is_none() && !send.is_undef()) {
    g->frame = std::move(f);
    type_error("can't send non-None value to a just-started generator");
  }
  g->started = true;
  g->running = true;
  f->reentry_boundary = true;
  f->resumed_by_for_iter = false;
  f->resumed_by_yield_from = false;
  f->handled_base = static_cast<uint32_t>(handled.size());
  size_t stop = frames.size();
  frames.push_back(std::move(f));
  native_depth++;
  if (!gc_safe) unsafe_native_depth++;
  yielded_ = false;
  Value r;
  try {
    if (!throw_exc.is_undef() && !handle_exception(throw_exc, stop, false)) {
      // Not caught inside: the generator is finished (its frame is gone).
      throw PyError{pending_exc_};
    }
    r = run_loop(stop);
  } catch (...) {
    native_depth--;
    if (!gc_safe) unsafe_native_depth--;
    throw;
  }
  native_depth--;
  if (!gc_safe) unsafe_native_depth--;
  if (yielded_) {
    yielded_ = false;
    *out = r;
    return true;
  }
  // Returned: the generator is finished; r is its return value.
  last_return_ = r;
  return false;
}

namespace {

// The arguments are copied into a buffer invoke() may consume: on the C++
// stack for the usual one to four (a key function, a predicate), else on
// the heap.
class ArgBuffer {
 public:
  ArgBuffer(std::span<const Value> pos, std::span<const Value> kw_values)
      : size_(static_cast<uint32_t>(pos.size() + kw_values.size())) {
    Value* out = small_;
    if (size_ > kSmall) {
      big_.resize(size_);
      out = big_.data();
    }
    std::copy(kw_values.begin(), kw_values.end(), std::copy(pos.begin(), pos.end(), out));
  }
  Value* data() { return size_ > kSmall ? big_.data() : small_; }
  uint32_t size() const { return size_; }

 private:
  static constexpr uint32_t kSmall = 4;
  Value small_[kSmall];
  std::vector<Value> big_;
  uint32_t size_;
};

}  // namespace

Value VM::call(Value callable, std::span<const Value> args, std::span<const Value> kw_names,
               std::span<const Value> kw_values) {
  ArgBuffer buf(args, kw_values);
  Value kwnames;
  if (!kw_names.empty()) kwnames = new_tuple(std::vector<Value>(kw_names.begin(), kw_names.end()));
  return call_from_native(callable, buf.data(), buf.size(), kwnames, false);
}

Value VM::call_gc_safe(Value callable, std::span<const Value> args, bool gc_safe) {
  ArgBuffer buf(args, {});
  return call_from_native(callable, buf.data(), buf.size(), Value(), gc_safe);
}

// Natives are called directly; Python code runs in a nested loop. Unless
// gc_safe, nothing is collected meanwhile: `args` and the native caller's
// locals are not roots. With gc_safe, invoke() has moved the arguments of
// Python code into the new frame, and a native callee cannot collect (its
// own re-entries into Python go through call()).
Value VM::call_from_native(Value callable, Value* args, uint32_t nargs, Value kwnames,
                           bool gc_safe) {
  if (native_depth >= kMaxNativeDepth)
    raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
  size_t depth = frames.size();
  bool pushed = false;
  const int unsafe = gc_safe ? 0 : 1;
  native_depth++;
  unsafe_native_depth += unsafe;
  struct Guard {
    VM& vm;
    int unsafe;
    ~Guard() {
      vm.native_depth--;
      vm.unsafe_native_depth -= unsafe;
    }
  } guard{*this, unsafe};
  Value r = invoke(callable, args, nargs, kwnames, Value(), &pushed);
  if (!pushed) return r;
  frames.back()->reentry_boundary = true;
  // A function without loops (map(lambda x: ..., ...)) reaches no backward
  // jump: collect here, with the callee's arguments in its frame.
  if (gc_safe) collect_if_due();
  return run_loop(depth);
}

}  // namespace monty

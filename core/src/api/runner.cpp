// The public C++ API: Runner (compile once, run many times) and Object.

#include <algorithm>
#include <cmath>
#include <cstring>

#include "api/syntax_exception.h"
#include "compiler/compiler.h"
#include "monty/monty.h"
#include "runtime/types/registry.h"
#include "runtime/vm.h"
#include "support/numfmt.h"

namespace monty {

// ---- Object ---------------------------------------------------------------------
Object Object::boolean(bool b) {
  Object o;
  o.kind_ = Kind::Bool;
  o.int_ = b ? 1 : 0;
  return o;
}
Object Object::integer(int64_t i) {
  Object o;
  o.kind_ = Kind::Int;
  o.int_ = i;
  return o;
}
Object Object::big_integer(std::string decimal) {
  Object o;
  o.kind_ = Kind::BigInt;
  o.text_ = std::move(decimal);
  return o;
}
Object Object::floating(double d) {
  Object o;
  o.kind_ = Kind::Float;
  o.float_ = d;
  return o;
}
Object Object::str(std::string utf8) {
  Object o;
  o.kind_ = Kind::Str;
  o.text_ = std::move(utf8);
  return o;
}
Object Object::bytes(std::string raw) {
  Object o;
  o.kind_ = Kind::Bytes;
  o.text_ = std::move(raw);
  return o;
}
Object Object::list(std::vector<Object> items) {
  Object o;
  o.kind_ = Kind::List;
  o.items_ = std::move(items);
  return o;
}
Object Object::tuple(std::vector<Object> items) {
  Object o;
  o.kind_ = Kind::Tuple;
  o.items_ = std::move(items);
  return o;
}
Object Object::dict(std::vector<std::pair<Object, Object>> items) {
  Object o;
  o.kind_ = Kind::Dict;
  for (auto& [k, v] : items) {
    o.items_.push_back(std::move(k));
    o.items_.push_back(std::move(v));
  }
  return o;
}
Object Object::set(std::vector<Object> items) {
  Object o;
  o.kind_ = Kind::Set;
  o.items_ = std::move(items);
  return o;
}
Object Object::frozenset(std::vector<Object> items) {
  Object o;
  o.kind_ = Kind::FrozenSet;
  o.items_ = std::move(items);
  return o;
}
Object Object::ellipsis() {
  Object o;
  o.kind_ = Kind::Ellipsis;
  return o;
}
Object Object::repr_only(std::string text) {
  Object o;
  o.kind_ = Kind::Repr;
  o.text_ = std::move(text);
  return o;
}

bool operator==(const Object& a, const Object& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case Object::Kind::None:
    case Object::Kind::Ellipsis:
      return true;
    case Object::Kind::Bool:
    case Object::Kind::Int:
      return a.int_ == b.int_;
    case Object::Kind::Float:
      return std::memcmp(&a.float_, &b.float_, sizeof(double)) == 0;
    case Object::Kind::BigInt:
    case Object::Kind::Str:
    case Object::Kind::Bytes:
    case Object::Kind::Repr:
      return a.text_ == b.text_;
    default:
      return a.items_ == b.items_;
  }
}

std::string Object::repr() const {
  auto join = [&](const std::vector<Object>& xs) {
    std::string s;
    for (size_t i = 0; i < xs.size(); i++) {
      if (i) s += ", ";
      s += xs[i].repr();
    }
    return s;
  };
  switch (kind_) {
    case Kind::None:
      return "None";
    case Kind::Bool:
      return int_ ? "True" : "False";
    case Kind::Int:
      return std::to_string(int_);
    case Kind::BigInt:
      return text_;
    case Kind::Float:
      return float_repr(float_);
    case Kind::Str:
      return str_repr(text_);
    case Kind::Bytes:
      return bytes_repr(text_);
    case Kind::List:
      return "[" + join(items_) + "]";
    case Kind::Tuple:
      return items_.size() == 1 ? "(" + items_[0].repr() + ",)" : "(" + join(items_) + ")";
    case Kind::Dict: {
      std::string s = "{";
      for (size_t i = 0; i + 1 < items_.size(); i += 2) {
        if (i) s += ", ";
        s += items_[i].repr() + ": " + items_[i + 1].repr();
      }
      return s + "}";
    }
    case Kind::Set:
      return items_.empty() ? "set()" : "{" + join(items_) + "}";
    case Kind::FrozenSet:
      return items_.empty() ? "frozenset()" : "frozenset({" + join(items_) + "})";
    case Kind::Ellipsis:
      return "Ellipsis";
    case Kind::Repr:
      return text_;
  }
  return "";
}

std::string Exception::summary() const { return message.empty() ? type : type + ": " + message; }

// ---- Runner ---------------------------------------------------------------------
// Program is defined in compiler/code.h as a struct in namespace monty; the
// public header forward-declares it as a class, which names the same type.

Runner::Runner(std::shared_ptr<const Program> program) : program_(std::move(program)) {}
Runner::Runner(Runner&&) noexcept = default;
Runner& Runner::operator=(Runner&&) noexcept = default;
Runner::~Runner() = default;

const std::vector<std::string>& Runner::input_names() const { return program_->input_names; }
const std::vector<std::string>& Runner::external_functions() const {
  return program_->external_functions;
}

Outcome<Runner> Runner::create(std::string_view code, std::string_view script_name,
                               std::vector<std::string> input_names,
                               std::vector<std::string> external_functions) {
  CompileResult r = compile_program(code, script_name, input_names, external_functions);
  if (!r.program) {
    return syntax_exception(*r.error, script_name);
  }
  return Runner(std::move(r.program));
}

Limits Limits::safe_defaults() {
  Limits l;
  l.max_memory = 64ull << 20;
  l.max_duration_ms = 10000;
  l.max_recursion_depth = 1000;
  return l;
}

// ---- Progress / Snapshot -------------------------------------------------------
Progress Progress::complete(Object value) {
  Progress p;
  p.output_ = std::move(value);
  return p;
}
Progress Progress::paused(std::unique_ptr<Snapshot> snapshot) {
  Progress p;
  p.snapshot_ = std::move(snapshot);
  return p;
}
Progress::Progress(Progress&&) noexcept = default;
Progress& Progress::operator=(Progress&&) noexcept = default;
Progress::~Progress() = default;

Snapshot::Snapshot(std::unique_ptr<VM> vm) : vm_(std::move(vm)) {
  if (vm_) pending_ = vm_->pending();
}
Snapshot::~Snapshot() = default;

void Snapshot::set_host(Host host) {
  if (vm_) vm_->set_host(std::move(host.print), std::move(host.clock));
}

static Exception misuse(std::string message) {
  Exception ex;
  ex.type = "RuntimeError";
  ex.message = std::move(message);
  ex.formatted = "RuntimeError: " + ex.message + "\n";
  return ex;
}

// Turns the VM's state after a run segment into a Progress.
static Outcome<Progress> finish_segment(std::unique_ptr<VM> vm, Value result) {
  if (vm->is_paused()) return Progress::paused(std::make_unique<Snapshot>(std::move(vm)));
  if (result.is_undef()) return vm->describe_exception(vm->uncaught());
  try {
    return Progress::complete(vm->export_value(result));
  } catch (PyError& e) {
    return vm->describe_exception(e.exc);
  }
}

// A time limit needs the host clock in every segment, also after a load
// into a new process; without one it would silently stop being enforced.
static bool lacks_clock(const VM& vm) { return vm.limits().max_duration_ms && !vm.has_clock(); }
static const char* kNeedsClock =
    "this execution has a time limit (max_duration_ms): give it a host clock (Snapshot::set_host) "
    "before resuming";

static const char* kWaitNeedsResolve =
    "this snapshot waits for deferred calls (a wait): answer them with resolve()";

Outcome<Progress> Snapshot::resume(const Object& value, bool awaitable) {
  if (!vm_) return misuse("this snapshot was already resumed");
  if (lacks_clock(*vm_)) return misuse(kNeedsClock);
  if (pending_.kind == PendingCall::Kind::Wait) return misuse(kWaitNeedsResolve);
  std::unique_ptr<VM> vm = std::move(vm_);
  Value v;
  try {
    v = vm->import_value(value);
    if (awaitable && pending_.kind == PendingCall::Kind::FunctionCall) {
      Value future = vm->awaitable_answer(v, Value());
      if (!future.is_undef()) v = future;
    }
  } catch (PyError& e) {
    return vm->describe_exception(e.exc);
  }
  Value r = vm->resume_run(v);
  return finish_segment(std::move(vm), r);
}

Outcome<Progress> Snapshot::resume_undefined() {
  if (!vm_) return misuse("this snapshot was already resumed");
  if (lacks_clock(*vm_)) return misuse(kNeedsClock);
  if (pending_.kind != PendingCall::Kind::NameLookup)
    return misuse("resume_undefined() is only for name lookups");
  std::unique_ptr<VM> vm = std::move(vm_);
  Value exc = vm->new_exception(BuiltinTypeId::NameError,
                                "name '" + pending_.function_name + "' is not defined");
  Value r = vm->resume_run_error(exc);
  return finish_segment(std::move(vm), r);
}

// The exception a host error names: a builtin exception type, else RuntimeError.
static Value host_exception(VM& vm, std::string_view type, std::string_view message) {
  Value cls = lookup_builtin(type);
  if (!cls.is_type() || !vm.is_exception_class(cls)) {
    cls = Value::type(static_cast<uint32_t>(BuiltinTypeId::RuntimeError));
  }
  return vm.new_exception(static_cast<BuiltinTypeId>(cls.id), std::string(message));
}

Outcome<Progress> Snapshot::resume_error(std::string_view type, std::string_view message,
                                         bool awaitable) {
  if (!vm_) return misuse("this snapshot was already resumed");
  if (lacks_clock(*vm_)) return misuse(kNeedsClock);
  if (pending_.kind == PendingCall::Kind::Wait) return misuse(kWaitNeedsResolve);
  std::unique_ptr<VM> vm = std::move(vm_);
  Value exc = host_exception(*vm, type, message);
  if (awaitable && pending_.kind == PendingCall::Kind::FunctionCall) {
    Value future;
    try {
      future = vm->awaitable_answer(Value(), exc);
    } catch (PyError& e) {
      return vm->describe_exception(e.exc);
    }
    if (!future.is_undef()) {
      Value r = vm->resume_run(future);
      return finish_segment(std::move(vm), r);
    }
  }
  Value r = vm->resume_run_error(exc);
  return finish_segment(std::move(vm), r);
}

static const char* kind_name(PendingCall::Kind k) {
  switch (k) {
    case PendingCall::Kind::FunctionCall:
      return "an external function call";
    case PendingCall::Kind::NameLookup:
      return "a name lookup";
    case PendingCall::Kind::Yield:
      return "a time slice (yield)";
    case PendingCall::Kind::Wait:
      return "deferred calls (wait)";
  }
  return "?";
}

Outcome<Progress> Snapshot::defer() {
  if (!vm_) return misuse("this snapshot was already resumed");
  if (lacks_clock(*vm_)) return misuse(kNeedsClock);
  if (pending_.kind != PendingCall::Kind::FunctionCall) {
    return misuse(
        std::string("defer() answers an external function call; this snapshot waits for ") +
        kind_name(pending_.kind));
  }
  if (!pending_.in_event_loop) {
    return misuse("defer(): '" + pending_.function_name +
                  "' was not called inside a running asyncio event loop, so nothing could await "
                  "a later answer; answer it now with resume()");
  }
  std::unique_ptr<VM> vm = std::move(vm_);
  Value future;
  try {
    future = vm->defer_host_call(pending_.call_id);
  } catch (PyError& e) {
    return vm->describe_exception(e.exc);
  }
  Value r = vm->resume_run(future);
  return finish_segment(std::move(vm), r);
}

CallResult CallResult::ok(uint64_t call_id, Object value) {
  CallResult r;
  r.call_id = call_id;
  r.value = std::move(value);
  return r;
}

CallResult CallResult::error(uint64_t call_id, std::string type, std::string message) {
  CallResult r;
  r.call_id = call_id;
  r.error_type = type.empty() ? "RuntimeError" : std::move(type);
  r.error_message = std::move(message);
  return r;
}

Outcome<Progress> Snapshot::resolve(std::span<const CallResult> results) {
  if (!vm_) return misuse("this snapshot was already resumed");
  if (lacks_clock(*vm_)) return misuse(kNeedsClock);
  if (pending_.kind != PendingCall::Kind::Wait) {
    return misuse(
        std::string("resolve() answers deferred calls (a wait); this snapshot waits for ") +
        kind_name(pending_.kind));
  }
  auto list_ids = [&] {
    std::string s;
    for (uint64_t id : pending_.waiting) s += (s.empty() ? "" : ", ") + std::to_string(id);
    return s;
  };
  std::vector<uint64_t> seen;
  for (const CallResult& r : results) {
    if (std::find(pending_.waiting.begin(), pending_.waiting.end(), r.call_id) ==
        pending_.waiting.end()) {
      return misuse("resolve(): call " + std::to_string(r.call_id) +
                    " is not one this snapshot waits for (" + list_ids() + ")");
    }
    if (std::find(seen.begin(), seen.end(), r.call_id) != seen.end())
      return misuse("resolve(): call " + std::to_string(r.call_id) + " is answered twice");
    seen.push_back(r.call_id);
  }
  if (results.empty() && !pending_.timeout) {
    return misuse(
        "resolve(): no timer is set, so only an answer can wake the program: answer "
        "at least one of the calls it waits for (" +
        list_ids() + ")");
  }
  std::unique_ptr<VM> vm = std::move(vm_);
  try {
    for (const CallResult& r : results) {
      Value value, exc;
      if (r.error_type.empty()) {
        value = vm->import_value(r.value);
      } else {
        exc = host_exception(*vm, r.error_type, r.error_message);
      }
      if (!vm->resolve_host_call(r.call_id, value, exc))
        return misuse("resolve(): the event loop has no call " + std::to_string(r.call_id));
    }
  } catch (PyError& e) {
    return vm->describe_exception(e.exc);
  }
  vm->let_time_pass_ = results.empty();
  Value r = vm->resume_run(Value());
  return finish_segment(std::move(vm), r);
}

// ---- Runner ---------------------------------------------------------------------
Outcome<Progress> Runner::start(const std::vector<Object>& inputs, const Limits& limits, Host host,
                                bool pause_on_undefined_names) const {
  if (inputs.size() != program_->input_names.size()) {
    return misuse("expected " + std::to_string(program_->input_names.size()) + " inputs, got " +
                  std::to_string(inputs.size()));
  }
  auto vm = std::make_unique<VM>(program_, limits, nullptr);
  vm->set_host(std::move(host.print), std::move(host.clock));
  vm->set_pause_on_undefined(pause_on_undefined_names);
  std::vector<Value> in;
  try {
    for (const Object& o : inputs) in.push_back(vm->import_value(o));
  } catch (PyError& e) {
    return vm->describe_exception(e.exc);
  }
  Value r = vm->start_run(in);
  return finish_segment(std::move(vm), r);
}

Outcome<Object> Runner::run(const std::vector<Object>& inputs, const Limits& limits,
                            const PrintFn& print) const {
  Outcome<Progress> p = start(inputs, limits, Host{print, nullptr});
  if (!p) return p.error();
  if (!p->is_complete()) {
    const PendingCall& pc = p->snapshot().pending();
    if (pc.kind == PendingCall::Kind::Yield) {
      return misuse("run() cannot pause for time slices; use start()");
    }
    return misuse("external function '" + pc.function_name +
                  "' called: run() cannot pause; use start()");
  }
  return p->output();
}

}  // namespace monty

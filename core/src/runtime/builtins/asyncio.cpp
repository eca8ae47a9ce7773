// The asyncio module: run, sleep, gather, create_task, wait_for,
// current_task, all_tasks, Task and Future, CancelledError; and await.
//
// The event loop is a frame (Consumer::EventLoop, runtime/consumers.h), not a
// native loop: each task step is its FOR_ITER, which runs the task's
// coroutine as a frame on top of the loop's. A coroutine awaiting another
// runs it as a frame on top of its own (YIELD_FROM, resume_delegate_frame),
// so the whole chain is frames: an external function called anywhere in it
// pauses the run like any other call, and a snapshot holds the loop, its
// tasks and their coroutines as ordinary state.
//
// Its schedule is CPython's: a FIFO of ready handles run in batches (one
// batch per _run_once), done-callbacks scheduled with call_soon (so a task
// wakes one handle after what it waited for is done, a gather's outer
// future one handle after its last child), timers ordered by (when, seq).
// Time is virtual: it advances to the next timer when nothing is ready, so
// `await asyncio.sleep(5)` returns at once and orders tasks as it would.
//
// State (all ordinary values, validated where read; a program can reach
// none of it by attribute syntax):
//   the loop: a list (LoopField), also the module's hidden " loop" while
//     asyncio.run runs, and local 0 of the loop frame;
//   futures, tasks, gathering futures: instances with hidden attributes
//     " state" (FutState), " result", " exc", " cbs" (callbacks: handle
//     tuples, below); tasks also " coro", " name", " waiting" (the future
//     it waits on), " cancel" (a cancellation to raise at its next step);
//     gathering futures " children", " nfinished", " retexc", " cancelreq";
//   asyncio.sleep(): an instance with " delay", " result", " fut" (the
//     future its timer completes) and " yielded" (sleep(0) has yielded).
//   Handles (ready list, timers, callbacks): tuples (Handle, a, b).

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/consumers.h"
#include "runtime/types/registry.h"
#include "runtime/vm.h"

namespace monty {

namespace {

enum Handle : int64_t {
  kStep = 0,              // (task): run the task's next step
  kGatherChild = 1,       // (outer, child): gather's _done_callback
  kStop = 2,              // run_until_complete's stop
  kSetResult = 3,         // (future, value): set the result unless it is done
  kUserCallback = 4,      // (fn, future): add_done_callback(fn)
  kCallback = 5,          // (fn, [args, cancelled]): call_soon / call_later
  kWaitDone = 6,          // ([waiter, counter, return_when, timer], future): asyncio.wait
  kCompleted = 7,         // ([queue, todo, timer], future): as_completed's completion
  kCompletedTimeout = 8,  // ([queue, todo, timer], None): as_completed's timeout
  kTimeoutDue = 9,        // (timeout, [(), cancelled]): an asyncio.timeout()'s deadline
  kShieldDone = 10,       // (outer, inner): shield's _inner_done_callback
  kTaskGroupDone = 11     // (group, task): TaskGroup._on_task_done
};
enum FutState : int64_t { kPending = 0, kFinished = 1, kCancelled = 2 };
enum ReturnWhen : int64_t { kFirstCompleted = 0, kFirstException = 1, kAllCompleted = 2 };
enum LoopField : size_t {
  kReady,     // list of handles
  kHead,      // index of the next ready handle
  kTimers,    // list of (when, seq, handle), sorted
  kNow,       // virtual time (float)
  kSeq,       // timer counter (ties run in the order they were scheduled)
  kCurrent,   // the task being stepped, or None
  kStopping,  // bool
  kBatch,     // handles left in this _run_once
  kMain,      // the task of asyncio.run's coroutine
  kPhase,     // 0 running main, 1 cancelling what is left, 2 done
  kTasks,     // every task made in this loop, in creation order
  kMode,      // 0 asyncio.run (cancels what is left at the end), 1 run_until_complete
  kLoopObj,   // the loop object (get_running_loop()): an instance holding this list
  // list of (call id, future): the host calls answered "later"
  // (Snapshot::defer), in the order they were made, until resolved
  kHostCalls,
  kLoopFields
};

[[noreturn]] void corrupt(VM& vm, const char* what) {
  vm.raise(BuiltinTypeId::RuntimeError,
           std::string("asyncio: the event loop's state is damaged (") + what + ")");
}

// A hidden attribute of a future, task, lock, queue or loop object. Every
// slot is set when the object is made; a missing one (delattr, altered
// snapshot bytes) is damage, never an unset value let into the program.
Value slot_of(VM& vm, Value obj, const char* slot) {
  Value v = hidden_attr(vm, obj, slot);
  if (v.is_undef()) corrupt(vm, slot + 1);
  return v;
}

ModuleObj* asyncio_module(VM& vm) {
  for (Value m : vm.modules) {
    auto* module = vm.as<ModuleObj>(m);
    if (vm.str_view(module->name) == "asyncio") return module;
  }
  return nullptr;
}

Value module_attr(VM& vm, const char* name) {
  ModuleObj* m = asyncio_module(vm);
  if (!m) return Value();
  Dict::Entry* e = m->attrs.find_str(vm, vm.intern_literal(name));
  return e ? e->value : Value();
}

void set_module_attr(VM& vm, const char* name, Value v) {
  if (ModuleObj* m = asyncio_module(vm)) m->attrs.set(vm, vm.intern_literal(name), v);
}

// The running loop's state, or Undef.
Value running_loop(VM& vm) {
  Value l = module_attr(vm, " loop");
  return vm.is_kind(l, ObjKind::List) ? l : Value();
}

std::vector<Value>& fields(VM& vm, Value loop) {
  if (!vm.is_kind(loop, ObjKind::List)) corrupt(vm, "not a list");
  auto& items = vm.as<ListObj>(loop)->items;
  // Snapshot format 5 had no deferred host calls: its loops have none.
  if (items.size() == kHostCalls) items.push_back(vm.new_list());
  if (items.size() != kLoopFields) corrupt(vm, "size");
  return items;
}

int64_t int_field(VM& vm, Value v, const char* what) {
  if (!v.is_int()) corrupt(vm, what);
  return v.i;
}

ListObj* list_field(VM& vm, Value v, const char* what) {
  if (!vm.is_kind(v, ObjKind::List)) corrupt(vm, what);
  return vm.as<ListObj>(v);
}

Value loop_or_raise(VM& vm) {
  Value l = running_loop(vm);
  if (l.is_undef()) vm.raise(BuiltinTypeId::RuntimeError, "no running event loop");
  return l;
}

Value class_named(VM& vm, const char* name) { return imported_module_attr(vm, "asyncio", name); }

bool has_class(VM& vm, Value v, const char* name) {
  if (!vm.is_kind(v, ObjKind::Instance)) return false;
  Value cls = module_attr(vm, name);
  return !cls.is_undef() && vm.isinstance(v, cls);
}

// Futures, tasks and gathering futures (all asyncio.Future instances).
bool is_future(VM& vm, Value v) { return has_class(vm, v, " Future"); }
bool is_task(VM& vm, Value v) { return has_class(vm, v, " Task"); }
bool is_gathering(VM& vm, Value v) { return has_class(vm, v, " Gathering"); }
bool is_sleep(VM& vm, Value v) { return has_class(vm, v, " Sleep"); }
bool is_wait_for(VM& vm, Value v) { return has_class(vm, v, " WaitFor"); }
bool is_acquire(VM& vm, Value v) { return has_class(vm, v, " Acquire"); }
// sleep() and wait_for(): coroutines in CPython, native awaitables here.
// An async host function's call inside the loop (VM::awaitable_answer,
// VM::defer_host_call) gives a future that stands for the coroutine an
// `async def` would return: create_task() takes it, asyncio.wait() refuses it.
bool is_host_call(VM& vm, Value v) {
  return is_future(vm, v) && hidden_attr(vm, v, " host").same(Value::boolean(true));
}

bool is_native_coroutine(VM& vm, Value v) {
  return is_sleep(vm, v) || is_wait_for(vm, v) || is_acquire(vm, v) ||
         has_class(vm, v, " WaitSet") || is_host_call(vm, v);
}

bool is_coroutine(VM& vm, Value v) {
  return vm.is_kind(v, ObjKind::Generator) && vm.as<GeneratorObj>(v)->coroutine;
}

FutState fut_state(VM& vm, Value f) {
  Value s = slot_of(vm, f, " state");
  if (!s.is_int() || s.i < kPending || s.i > kCancelled) corrupt(vm, "future state");
  return static_cast<FutState>(s.i);
}

Value make_handle(VM& vm, Handle h, Value a = Value::none(), Value b = Value::none()) {
  return vm.new_tuple({Value::integer(h), a, b});
}

Value new_loop(VM& vm);
Value loop_state(VM& vm, Value obj);
Value scheduling_loop(VM& vm);

void call_soon(VM& vm, Value loop, Value handle) {
  list_field(vm, fields(vm, loop)[kReady], "ready")->items.push_back(handle);
}

// A future is done: its callbacks are scheduled, in the order they were added.
void schedule_callbacks(VM& vm, Value f) {
  Value cbs = slot_of(vm, f, " cbs");
  std::vector<Value> pending = std::move(list_field(vm, cbs, "callbacks")->items);
  list_field(vm, cbs, "callbacks")->items.clear();
  if (pending.empty()) return;
  Value loop = scheduling_loop(vm);
  for (Value h : pending) call_soon(vm, loop, h);
}

void init_future(VM& vm, Value f) {
  set_hidden_attr(vm, f, " state", Value::integer(kPending));
  set_hidden_attr(vm, f, " result", Value::none());
  set_hidden_attr(vm, f, " exc", Value::none());
  set_hidden_attr(vm, f, " cbs", vm.new_list());
}

Value new_future(VM& vm) {
  Value f = vm.heap.make<InstanceObj>(class_named(vm, " Future"));
  init_future(vm, f);
  return f;
}

void fut_finish(VM& vm, Value f, FutState state, Value result, Value exc) {
  if (fut_state(vm, f) != kPending) vm.raise(BuiltinTypeId::InvalidStateError, "invalid state");
  set_hidden_attr(vm, f, " state", Value::integer(state));
  set_hidden_attr(vm, f, " result", result);
  set_hidden_attr(vm, f, " exc", exc);
  schedule_callbacks(vm, f);
}

void add_done_callback(VM& vm, Value f, Value handle) {
  if (fut_state(vm, f) == kPending) {
    list_field(vm, slot_of(vm, f, " cbs"), "callbacks")->items.push_back(handle);
  } else {
    call_soon(vm, scheduling_loop(vm), handle);
  }
}

Value cancelled_error(VM& vm) { return vm.new_exception(BuiltinTypeId::CancelledError, ""); }

// Task.cancelling(): the cancel() calls not yet taken back by uncancel()
// (asyncio.timeout uses them to tell its own cancellation from others').
// Tasks of snapshot format 5 have no count: none were counted.
int64_t cancel_requests(VM& vm, Value t) {
  Value n = hidden_attr(vm, t, " ncancel");
  if (n.is_undef()) return 0;
  if (!n.is_int() || n.i < 0) corrupt(vm, "cancel requests");
  return n.i;
}

// Task.uncancel(): one cancel request taken back; returns those left.
int64_t uncancel(VM& vm, Value t) {
  int64_t left = cancel_requests(vm, t);
  if (left > 0) set_hidden_attr(vm, t, " ncancel", Value::integer(--left));
  return left;
}

bool fut_cancel(VM& vm, Value f);

// Task.cancel(): what it waits on is cancelled (which wakes it with
// CancelledError), else the cancellation is raised at its next step.
bool task_cancel(VM& vm, Value t) {
  if (fut_state(vm, t) != kPending) return false;
  set_hidden_attr(vm, t, " ncancel", Value::integer(cancel_requests(vm, t) + 1));
  Value waiting = slot_of(vm, t, " waiting");
  if (!waiting.is_none() && !waiting.is_undef() && is_future(vm, waiting) &&
      fut_cancel(vm, waiting))
    return true;
  set_hidden_attr(vm, t, " cancel", Value::boolean(true));
  return true;
}

bool gathering_cancel(VM& vm, Value g) {
  if (fut_state(vm, g) != kPending) return false;
  bool any = false;
  Value children = slot_of(vm, g, " children");
  for (Value c : std::vector<Value>(list_field(vm, children, "gather children")->items))
    if (is_future(vm, c) && fut_cancel(vm, c)) any = true;
  if (any) set_hidden_attr(vm, g, " cancelreq", Value::boolean(true));
  return any;
}

bool fut_cancel(VM& vm, Value f) {
  if (is_task(vm, f)) return task_cancel(vm, f);
  if (is_gathering(vm, f)) return gathering_cancel(vm, f);
  if (fut_state(vm, f) != kPending) return false;
  fut_finish(vm, f, kCancelled, Value::none(), Value::none());
  return true;
}

std::string task_name(VM& vm, Value name) {
  return vm.is_kind(name, ObjKind::Str) ? std::string(vm.str_view(name)) : vm.repr_str(name);
}

Value make_task(VM& vm, Value loop, Value coro, Value name) {
  Value t = vm.heap.make<InstanceObj>(class_named(vm, " Task"));
  init_future(vm, t);
  Value count = module_attr(vm, " count");
  int64_t n = (count.is_int() ? count.i : 0) + 1;
  set_module_attr(vm, " count", Value::integer(n));
  if (name.is_undef() || name.is_none()) {
    name = vm.new_str("Task-" + std::to_string(n));
  } else if (!vm.is_kind(name, ObjKind::Str)) {
    name = vm.new_str(vm.to_str(name));
  }
  set_hidden_attr(vm, t, " coro", coro);
  set_hidden_attr(vm, t, " name", name);
  set_hidden_attr(vm, t, " waiting", Value::none());
  set_hidden_attr(vm, t, " cancel", Value::boolean(false));
  set_hidden_attr(vm, t, " ncancel", Value::integer(0));
  auto& tasks = list_field(vm, fields(vm, loop)[kTasks], "tasks")->items;
  // Finished tasks leave the list now and then (CPython keeps a weak set),
  // so a long-running loop does not keep every task it ever made.
  if (tasks.size() >= 1024 && (tasks.size() & (tasks.size() - 1)) == 0) {
    std::erase_if(tasks, [&](Value x) { return is_task(vm, x) && fut_state(vm, x) != kPending; });
  }
  tasks.push_back(t);
  call_soon(vm, loop, make_handle(vm, kStep, t));
  return t;
}

// ensure_future(): a coroutine (or asyncio.sleep()) becomes a task; a future is itself.
Value ensure_future(VM& vm, Value loop, Value aw) {
  if (is_future(vm, aw)) return aw;
  if (is_coroutine(vm, aw) || is_native_coroutine(vm, aw)) return make_task(vm, loop, aw, Value());
  vm.type_error("An asyncio.Future, a coroutine or an awaitable is required");
}

// gather's _done_callback for one child.
void gather_child_done(VM& vm, Value outer, Value child) {
  Value nf = slot_of(vm, outer, " nfinished");
  set_hidden_attr(vm, outer, " nfinished", Value::integer(int_field(vm, nf, "gather count") + 1));
  if (fut_state(vm, outer) != kPending) return;
  const bool return_exceptions = vm.truthy(slot_of(vm, outer, " retexc"));
  FutState cs = fut_state(vm, child);
  if (!return_exceptions) {
    if (cs == kCancelled) {
      fut_finish(vm, outer, kFinished, Value::none(), cancelled_error(vm));
      return;
    }
    Value exc = slot_of(vm, child, " exc");
    if (!exc.is_none()) {
      fut_finish(vm, outer, kFinished, Value::none(), exc);
      return;
    }
  }
  auto& children = list_field(vm, slot_of(vm, outer, " children"), "gather children")->items;
  if (static_cast<size_t>(int_field(vm, slot_of(vm, outer, " nfinished"), "gather count")) <
      children.size())
    return;
  std::vector<Value> results;
  for (Value c : std::vector<Value>(children)) {
    FutState s = fut_state(vm, c);
    if (s == kCancelled) {
      results.push_back(cancelled_error(vm));
    } else if (Value exc = slot_of(vm, c, " exc"); !exc.is_none()) {
      results.push_back(exc);
    } else {
      results.push_back(slot_of(vm, c, " result"));
    }
  }
  if (vm.truthy(slot_of(vm, outer, " cancelreq"))) {
    fut_finish(vm, outer, kFinished, Value::none(), cancelled_error(vm));
  } else {
    fut_finish(vm, outer, kFinished, vm.new_list(std::move(results)), Value::none());
  }
}

Value make_gathering(VM& vm, std::vector<Value> children, bool return_exceptions) {
  Value g = vm.heap.make<InstanceObj>(class_named(vm, " Gathering"));
  init_future(vm, g);
  set_hidden_attr(vm, g, " children", vm.new_list(children));
  set_hidden_attr(vm, g, " nfinished", Value::integer(0));
  set_hidden_attr(vm, g, " retexc", Value::boolean(return_exceptions));
  set_hidden_attr(vm, g, " cancelreq", Value::boolean(false));
  for (Value c : children) add_done_callback(vm, c, make_handle(vm, kGatherChild, g, c));
  return g;
}

void schedule_timer(VM& vm, Value loop, double delay, Value handle) {
  auto& f = fields(vm, loop);
  Value now = f[kNow];
  if (!now.is_float()) corrupt(vm, "time");
  const double when = now.f + delay;
  const int64_t seq = int_field(vm, f[kSeq], "timer count");
  f[kSeq] = Value::integer(seq + 1);
  auto& timers = list_field(vm, f[kTimers], "timers")->items;
  auto key = [&](Value t) {
    if (!vm.is_tuple(t) || vm.as<TupleObj>(t)->items.size() != 3) corrupt(vm, "timer");
    const auto& it = vm.as<TupleObj>(t)->items;
    if (!it[0].is_float() || !it[1].is_int()) corrupt(vm, "timer");
    return std::pair<double, int64_t>(it[0].f, it[1].i);
  };
  size_t at = timers.size();
  while (at > 0 && key(timers[at - 1]) > std::pair<double, int64_t>(when, seq)) at--;
  timers.insert(timers.begin() + static_cast<std::ptrdiff_t>(at),
                vm.new_tuple({Value::floating(when), Value::integer(seq), handle}));
}

double delay_of(VM& vm, Value d) {
  if (d.is_int()) return static_cast<double>(d.i);
  if (d.is_bool()) return d.i ? 1.0 : 0.0;
  if (d.is_float()) return d.f;
  if (vm.is_kind(d, ObjKind::BigInt)) return vm.to_double(d);
  vm.type_error("'<=' not supported between instances of '" + vm.type_name(d) + "' and 'int'");
}

// The current task's pending cancellation, raised at the await it resumes in.
void raise_if_cancelling(VM& vm) {
  Value loop = running_loop(vm);
  if (loop.is_undef()) return;
  Value task = fields(vm, loop)[kCurrent];
  if (!is_task(vm, task) || !vm.truthy(slot_of(vm, task, " cancel"))) return;
  set_hidden_attr(vm, task, " cancel", Value::boolean(false));
  vm.raise(cancelled_error(vm));
}

// One await step of a future: yield it while pending, else its outcome.
bool future_step(VM& vm, Value f, Value* out, Value result_override) {
  switch (fut_state(vm, f)) {
    case kPending:
      raise_if_cancelling(vm);
      *out = f;
      return true;
    case kCancelled:
      vm.raise(cancelled_error(vm));
    case kFinished:
      break;
  }
  Value exc = slot_of(vm, f, " exc");
  if (!exc.is_none()) {
    if (!(vm.is_kind(exc, ObjKind::Instance) && vm.is_instance(exc, BuiltinTypeId::BaseException)))
      corrupt(vm, "future exception");
    vm.raise(exc);
  }
  *out = result_override.is_undef() ? slot_of(vm, f, " result") : result_override;
  return false;
}

bool sleep_step(VM& vm, Value s, Value* out) {
  const double delay = delay_of(vm, slot_of(vm, s, " delay"));
  Value result = slot_of(vm, s, " result");
  if (result.is_undef()) corrupt(vm, "sleep");
  if (delay <= 0) {
    // sleep(0): one bare yield (the task goes to the back of the queue).
    if (!vm.truthy(slot_of(vm, s, " yielded"))) {
      set_hidden_attr(vm, s, " yielded", Value::boolean(true));
      *out = Value::none();
      return true;
    }
    raise_if_cancelling(vm);
    *out = result;
    return false;
  }
  Value fut = slot_of(vm, s, " fut");
  if (fut.is_none()) {
    Value loop = loop_or_raise(vm);
    fut = new_future(vm);
    set_hidden_attr(vm, s, " fut", fut);
    schedule_timer(vm, loop, delay, make_handle(vm, kSetResult, fut, Value::none()));
  } else if (!is_future(vm, fut)) {
    corrupt(vm, "sleep future");
  }
  return future_step(vm, fut, out, result);
}

void remove_callback(VM& vm, Value f, Value handle) {
  auto& cbs = list_field(vm, slot_of(vm, f, " cbs"), "callbacks")->items;
  for (size_t i = 0; i < cbs.size(); i++) {
    if (cbs[i].same(handle)) {
      cbs.erase(cbs.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

// Removes the callbacks of `f` that carry `state` (asyncio.wait's and
// as_completed's, whose handles are (kind, state, f)).
void remove_callbacks_for(VM& vm, Value f, Value state) {
  auto& cbs = list_field(vm, slot_of(vm, f, " cbs"), "callbacks")->items;
  std::erase_if(cbs, [&](Value h) {
    return vm.is_tuple(h) && vm.as<TupleObj>(h)->items.size() == 3 &&
           vm.as<TupleObj>(h)->items[1].same(state);
  });
}

void queue_put_now(VM& vm, Value q, Value item);
Value new_queue(VM& vm);

void cancel_timer(VM& vm, Value handle) {
  Value loop = running_loop(vm);
  if (loop.is_undef() || handle.is_none()) return;
  auto& timers = list_field(vm, fields(vm, loop)[kTimers], "timers")->items;
  for (size_t i = 0; i < timers.size(); i++) {
    if (vm.is_tuple(timers[i]) && vm.as<TupleObj>(timers[i])->items.size() == 3 &&
        vm.as<TupleObj>(timers[i])->items[2].same(handle)) {
      timers.erase(timers.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

// _cancel_and_wait(fut): cancel it, then wait (on a new waiter) until it is done.
bool cancel_and_wait(VM& vm, Value w, Value fut, int64_t next_phase, Value* out) {
  Value waiter = new_future(vm);
  add_done_callback(vm, fut, make_handle(vm, kSetResult, waiter, Value::none()));
  fut_cancel(vm, fut);
  set_hidden_attr(vm, w, " waiter", waiter);
  set_hidden_attr(vm, w, " phase", Value::integer(next_phase));
  *out = waiter;
  return true;
}

Value future_outcome(VM& vm, Value fut) {
  Value out;
  future_step(vm, fut, &out, Value());
  return out;
}

// asyncio.wait_for(aw, timeout) as CPython 3.11 runs it, as a native
// awaitable: phase 0 starts it; 1 waits for the future or the timeout; 2
// waits for the future's cancellation after a timeout; 3 the same after the
// awaiting task was cancelled.
bool wait_for_step(VM& vm, Value w, Value* out) {
  Value phase_v = slot_of(vm, w, " phase");
  const int64_t phase = phase_v.is_int() ? phase_v.i : -1;
  Value fut = slot_of(vm, w, " fut");
  Value waiter = slot_of(vm, w, " waiter");
  switch (phase) {
    case 0: {
      Value loop = loop_or_raise(vm);
      Value timeout = slot_of(vm, w, " timeout");
      fut = ensure_future(vm, loop, slot_of(vm, w, " aw"));
      set_hidden_attr(vm, w, " fut", fut);
      if (!timeout.is_none() && delay_of(vm, timeout) <= 0) {
        if (fut_state(vm, fut) != kPending) {
          *out = future_outcome(vm, fut);
          return false;
        }
        return cancel_and_wait(vm, w, fut, 2, out);
      }
      waiter = new_future(vm);
      set_hidden_attr(vm, w, " waiter", waiter);
      Value release = make_handle(vm, kSetResult, waiter, Value::none());
      set_hidden_attr(vm, w, " release", release);
      if (!timeout.is_none()) {
        Value timer = make_handle(vm, kSetResult, waiter, Value::none());
        set_hidden_attr(vm, w, " timer", timer);
        schedule_timer(vm, loop, delay_of(vm, timeout), timer);
      }
      add_done_callback(vm, fut, release);
      set_hidden_attr(vm, w, " phase", Value::integer(1));
      *out = waiter;
      return true;
    }
    case 1: {
      if (!is_future(vm, fut) || !is_future(vm, waiter)) corrupt(vm, "wait_for");
      FutState ws = fut_state(vm, waiter);
      if (ws == kPending) return future_step(vm, waiter, out, Value());
      if (fut_state(vm, fut) != kPending) {
        cancel_timer(vm, slot_of(vm, w, " timer"));
        *out = future_outcome(vm, fut);
        return false;
      }
      remove_callback(vm, fut, slot_of(vm, w, " release"));
      return cancel_and_wait(vm, w, fut, ws == kCancelled ? 3 : 2, out);
    }
    case 2:
    case 3: {
      if (!is_future(vm, fut) || !is_future(vm, waiter)) corrupt(vm, "wait_for");
      if (fut_state(vm, waiter) == kPending) return future_step(vm, waiter, out, Value());
      cancel_timer(vm, slot_of(vm, w, " timer"));
      if (phase == 3) vm.raise(cancelled_error(vm));
      if (fut_state(vm, fut) == kCancelled) {
        Value timeout_error = vm.new_exception(BuiltinTypeId::TimeoutError, "");
        auto* e = vm.as<InstanceObj>(timeout_error);
        e->cause = cancelled_error(vm);
        e->context = e->cause;
        e->suppress_context = true;
        vm.raise(timeout_error);
      }
      *out = future_outcome(vm, fut);
      return false;
    }
    default:
      corrupt(vm, "wait_for phase");
  }
}

bool is_wait_set(VM& vm, Value v) { return has_class(vm, v, " WaitSet"); }
bool is_task_group_exit(VM& vm, Value v) { return has_class(vm, v, " TaskGroupExit"); }
bool take_pending_cancel(VM& vm);

// `await asyncio.wait(fs, ...)` (3.11's _wait): phase 0 registers the
// completion callbacks and waits on the waiter; 1 collects (done, pending).
bool wait_set_step(VM& vm, Value w, Value* out) {
  Value phase = slot_of(vm, w, " phase");
  auto& fs = list_field(vm, slot_of(vm, w, " fs"), "wait futures")->items;
  if (phase.is_int() && phase.i == 0) {
    Value loop = loop_or_raise(vm);
    Value waiter = new_future(vm);
    Value timer = Value::none();
    Value timeout = slot_of(vm, w, " timeout");
    if (!timeout.is_none()) {
      timer = make_handle(vm, kSetResult, waiter, Value::none());
      schedule_timer(vm, loop, delay_of(vm, timeout), timer);
    }
    Value state = vm.new_list(
        {waiter, Value::integer(static_cast<int64_t>(fs.size())), slot_of(vm, w, " when"), timer});
    set_hidden_attr(vm, w, " state", state);
    set_hidden_attr(vm, w, " phase", Value::integer(1));
    for (Value f : std::vector<Value>(fs)) {
      if (!is_future(vm, f)) corrupt(vm, "wait future");
      add_done_callback(vm, f, make_handle(vm, kWaitDone, state, f));
    }
    *out = waiter;
    return true;
  }
  Value state = slot_of(vm, w, " state");
  auto& st = list_field(vm, state, "wait state")->items;
  if (st.size() != 4 || !is_future(vm, st[0])) corrupt(vm, "wait state");
  const bool cancelling = take_pending_cancel(vm);
  FutState ws = fut_state(vm, st[0]);
  if (!cancelling && ws == kPending) {
    *out = st[0];
    return true;
  }
  cancel_timer(vm, st[3]);
  for (Value f : std::vector<Value>(fs))
    if (is_future(vm, f)) remove_callbacks_for(vm, f, state);
  if (cancelling || ws == kCancelled) vm.raise(cancelled_error(vm));
  std::vector<Value> done, pending;
  for (Value f : std::vector<Value>(fs))
    (fut_state(vm, f) == kPending ? pending : done).push_back(f);
  Value set_type = Value::type(static_cast<uint32_t>(BuiltinTypeId::Set));
  Value d[] = {vm.new_list(std::move(done))}, p[] = {vm.new_list(std::move(pending))};
  Value done_set = vm.call(set_type, d);
  Value pending_set = vm.call(set_type, p);
  *out = vm.new_tuple({done_set, pending_set});
  return false;
}

// The futures of wait()/as_completed()'s argument, each once, in order.
std::vector<Value> distinct_awaitables(VM& vm, Value fs, const char* expect) {
  if (is_future(vm, fs) || is_coroutine(vm, fs)) {
    std::string name = vm.type_name(fs);  // type(fs).__name__: "Task", not "asyncio.Task"
    vm.type_error(std::string("expect ") + expect + " of futures, not " +
                  name.substr(name.rfind('.') + 1));
  }
  std::vector<Value> items, out;
  vm.for_each(fs, [&](Value v) { items.push_back(v); });
  std::unordered_map<uint32_t, bool> seen;
  for (Value v : items) {
    if (v.is_obj() && !seen.emplace(v.id, true).second) continue;
    out.push_back(v);
  }
  return out;
}

int64_t return_when_of(VM& vm, Value v) {
  if (vm.is_kind(v, ObjKind::Str)) {
    std::string_view s = vm.str_view(v);
    if (s == "FIRST_COMPLETED") return kFirstCompleted;
    if (s == "FIRST_EXCEPTION") return kFirstException;
    if (s == "ALL_COMPLETED") return kAllCompleted;
  }
  vm.value_error("Invalid return_when value: " + vm.to_str(v));
}

Value current_task_of(VM& vm, Value loop) {
  Value t = fields(vm, loop)[kCurrent];
  if (!is_task(vm, t)) corrupt(vm, "current task");
  return t;
}

// Task.__step's handling of what the coroutine yielded.
void task_waits(VM& vm, Value loop, Value task, Value yielded) {
  if (is_future(vm, yielded)) {
    if (yielded.same(task)) {
      vm.raise(BuiltinTypeId::RuntimeError, "Task cannot await on itself: " + vm.repr_str(task));
    }
    add_done_callback(vm, yielded, make_handle(vm, kStep, task));
    set_hidden_attr(vm, task, " waiting", yielded);
    if (vm.truthy(slot_of(vm, task, " cancel")) && fut_cancel(vm, yielded))
      set_hidden_attr(vm, task, " cancel", Value::boolean(false));
  } else if (yielded.is_none()) {
    call_soon(vm, loop, make_handle(vm, kStep, task));
  } else {
    vm.raise(BuiltinTypeId::RuntimeError, "Task got bad yield: " + vm.repr_str(yielded));
  }
}

void task_returned(VM& vm, Value task, Value result) {
  if (vm.truthy(slot_of(vm, task, " cancel"))) {
    set_hidden_attr(vm, task, " cancel", Value::boolean(false));
    fut_finish(vm, task, kCancelled, Value::none(), Value::none());
  } else {
    fut_finish(vm, task, kFinished, result, Value::none());
  }
}

void task_raised(VM& vm, Value task, Value exc) {
  if (vm.is_instance(exc, BuiltinTypeId::CancelledError)) {
    set_hidden_attr(vm, task, " cancel", Value::boolean(false));
    fut_finish(vm, task, kCancelled, Value::none(), Value::none());
  } else {
    fut_finish(vm, task, kFinished, Value::none(), exc);
  }
}

// A task's step that needs no frame: an asyncio.sleep() or wait_for() wrapped in a task.
void step_native_task(VM& vm, Value loop, Value task, Value aw) {
  fields(vm, loop)[kCurrent] = task;
  Value out;
  bool yielded;
  try {
    yielded = vm.await_native_step(aw, &out);
  } catch (PyError& e) {
    fields(vm, loop)[kCurrent] = Value::none();
    task_raised(vm, task, e.exc);
    return;
  }
  fields(vm, loop)[kCurrent] = Value::none();
  if (yielded) {
    task_waits(vm, loop, task, out);
  } else {
    task_returned(vm, task, out);
  }
}

void finish_coroutine(VM& vm, Value coro) {
  if (is_coroutine(vm, coro)) {
    auto* g = vm.as<GeneratorObj>(coro);
    if (!g->running) g->frame.reset();
  }
}

// ---- asyncio.timeout() (3.11's asyncio/timeouts.py) ----
// A Timeout's hidden slots: " state" (TimeoutState), " when" (the loop time
// of its deadline, or None), " task" (the task it was entered in, or None),
// " due" (the [(), cancelled] state of its pending deadline handle, or None)
// and " cancelling" (the task's cancel requests when it was entered).
enum TimeoutState : int64_t { kTmCreated, kTmEntered, kTmExpiring, kTmExpired, kTmExited };
constexpr const char* kTimeoutStateNames[] = {"created", "active", "expiring", "expired",
                                              "finished"};

bool is_timeout(VM& vm, Value v) { return has_class(vm, v, " Timeout"); }

TimeoutState timeout_state(VM& vm, Value tm) {
  Value s = slot_of(vm, tm, " state");
  if (!s.is_int() || s.i < kTmCreated || s.i > kTmExited) corrupt(vm, "timeout state");
  return static_cast<TimeoutState>(s.i);
}

void set_timeout_state(VM& vm, Value tm, TimeoutState s) {
  set_hidden_attr(vm, tm, " state", Value::integer(s));
}

// Cancels the pending deadline handle, if any.
void drop_deadline(VM& vm, Value tm) {
  Value due = slot_of(vm, tm, " due");
  if (!due.is_none()) {
    auto& st = list_field(vm, due, "timeout handle")->items;
    if (st.size() != 2) corrupt(vm, "timeout handle");
    st[1] = Value::boolean(true);
  }
  set_hidden_attr(vm, tm, " due", Value::none());
}

// A Timeout's deadline: a loop time (int or float) or None, as CPython's
// `when <= loop.time()` would accept it.
void check_deadline(VM& vm, Value when) {
  if (!when.is_none() && !when.is_float() && !when.is_int())
    vm.type_error("'<=' not supported between instances of '" + vm.type_name(when) +
                  "' and 'float'");
}

// Timeout.reschedule(): a new deadline (None: none) for an entered Timeout.
void timeout_reschedule(VM& vm, Value tm, Value when) {
  const TimeoutState st = timeout_state(vm, tm);
  if (st != kTmEntered) {
    if (st == kTmCreated) vm.raise(BuiltinTypeId::RuntimeError, "Timeout has not been entered");
    vm.raise(BuiltinTypeId::RuntimeError,
             std::string("Cannot change state of ") + kTimeoutStateNames[st] + " Timeout");
  }
  check_deadline(vm, when);
  set_hidden_attr(vm, tm, " when", when);
  drop_deadline(vm, tm);
  if (when.is_none()) return;
  Value loop = loop_or_raise(vm);
  Value now = fields(vm, loop)[kNow];
  if (!now.is_float()) corrupt(vm, "time");
  const double at = when.is_int() ? static_cast<double>(when.i) : when.f;
  Value due = vm.new_list({vm.new_tuple({}), Value::boolean(false)});
  Value h = make_handle(vm, kTimeoutDue, tm, due);
  if (at <= now.f) {
    call_soon(vm, loop, h);
  } else {
    schedule_timer(vm, loop, at - now.f, h);
  }
  set_hidden_attr(vm, tm, " due", due);
}

// Timeout._on_timeout: the deadline passed; the task is cancelled.
void timeout_due(VM& vm, Value tm) {
  if (!is_timeout(vm, tm)) corrupt(vm, "timeout");
  if (timeout_state(vm, tm) != kTmEntered) return;
  Value task = slot_of(vm, tm, " task");
  if (!is_task(vm, task)) corrupt(vm, "timeout task");
  task_cancel(vm, task);
  set_timeout_state(vm, tm, kTmExpiring);
  set_hidden_attr(vm, tm, " due", Value::none());
}

// ---- asyncio.TaskGroup (3.11's asyncio/taskgroups.py) ----
// A TaskGroup's hidden slots: " entered", " exiting", " aborting",
// " parent_cancel" (bools: the group cancelled its parent task), " parent"
// (the task that entered it, or None), " tasks" (list: its unfinished
// tasks, in creation order), " errors" (list), " base_error" (a
// SystemExit/KeyboardInterrupt of a task or the body, or None), " done_fut"
// (the future __aexit__ waits on, or None), " propagate" (the
// CancelledError __aexit__ re-raises, or None).
bool is_task_group(VM& vm, Value v) { return has_class(vm, v, " TaskGroup"); }

bool tg_flag(VM& vm, Value tg, const char* slot) { return vm.truthy(slot_of(vm, tg, slot)); }

std::vector<Value>& tg_list(VM& vm, Value tg, const char* slot) {
  return list_field(vm, slot_of(vm, tg, slot), "task group list")->items;
}

bool is_base_error(VM& vm, Value exc) {
  return vm.is_instance(exc, BuiltinTypeId::SystemExit) ||
         vm.is_instance(exc, BuiltinTypeId::KeyboardInterrupt);
}

// TaskGroup._abort: its unfinished tasks are cancelled, in creation order
// (CPython iterates a set).
void tg_abort(VM& vm, Value tg) {
  set_hidden_attr(vm, tg, " aborting", Value::boolean(true));
  for (Value t : std::vector<Value>(tg_list(vm, tg, " tasks")))
    if (is_task(vm, t) && fut_state(vm, t) == kPending) task_cancel(vm, t);
}

// TaskGroup._on_task_done.
void tg_task_done(VM& vm, Value tg, Value task) {
  if (!is_task_group(vm, tg) || !is_task(vm, task)) corrupt(vm, "task group");
  auto& tasks = tg_list(vm, tg, " tasks");
  std::erase_if(tasks, [&](Value t) { return t.same(task); });
  Value fut = slot_of(vm, tg, " done_fut");
  if (!fut.is_none() && tasks.empty()) {
    if (!is_future(vm, fut)) corrupt(vm, "task group future");
    if (fut_state(vm, fut) == kPending)
      fut_finish(vm, fut, kFinished, Value::boolean(true), Value::none());
  }
  if (fut_state(vm, task) == kCancelled) return;
  Value exc = slot_of(vm, task, " exc");
  if (exc.is_none()) return;
  tg_list(vm, tg, " errors").push_back(exc);
  if (is_base_error(vm, exc) && slot_of(vm, tg, " base_error").is_none())
    set_hidden_attr(vm, tg, " base_error", exc);
  Value parent = slot_of(vm, tg, " parent");
  if (!is_task(vm, parent)) corrupt(vm, "task group parent");
  if (fut_state(vm, parent) != kPending) return;
  if (!tg_flag(vm, tg, " aborting") && !tg_flag(vm, tg, " parent_cancel")) {
    // Whatever the body awaits is interrupted; __aexit__ takes the
    // cancellation back.
    tg_abort(vm, tg);
    set_hidden_attr(vm, tg, " parent_cancel", Value::boolean(true));
    task_cancel(vm, parent);
  }
}

// `await tg.__aexit__(...)` (" TaskGroupExit": " group", " et", " exc"):
// waits until the group's tasks are done, then raises what the group
// collected.
bool tg_exit_step(VM& vm, Value x, Value* out) {
  Value tg = slot_of(vm, x, " group");
  if (!is_task_group(vm, tg)) corrupt(vm, "task group");
  while (!tg_list(vm, tg, " tasks").empty()) {
    Value fut = slot_of(vm, tg, " done_fut");
    if (fut.is_none()) {
      fut = new_future(vm);
      set_hidden_attr(vm, tg, " done_fut", fut);
    } else if (!is_future(vm, fut)) {
      corrupt(vm, "task group future");
    }
    try {
      if (future_step(vm, fut, out, Value())) return true;
    } catch (PyError& e) {
      if (!vm.is_instance(e.exc, BuiltinTypeId::CancelledError)) throw;
      // The task running the group is being cancelled.
      if (!tg_flag(vm, tg, " aborting")) {
        set_hidden_attr(vm, tg, " propagate", e.exc);
        tg_abort(vm, tg);
      }
    }
    set_hidden_attr(vm, tg, " done_fut", Value::none());
  }
  Value base = slot_of(vm, tg, " base_error");
  if (!base.is_none()) vm.raise(base);
  auto& errors = tg_list(vm, tg, " errors");
  Value propagate = slot_of(vm, tg, " propagate");
  if (!propagate.is_none() && errors.empty()) vm.raise(propagate);
  Value et = slot_of(vm, x, " et");
  if (!et.is_none() && !et.same(Value::type(static_cast<uint32_t>(BuiltinTypeId::CancelledError))))
    errors.push_back(slot_of(vm, x, " exc"));
  if (!errors.empty()) {
    Value args[2] = {vm.new_str("unhandled errors in a TaskGroup"), vm.new_list(errors)};
    errors.clear();
    Value eg = vm.call(Value::type(static_cast<uint32_t>(BuiltinTypeId::BaseExceptionGroup)),
                       std::span<const Value>(args, 2));
    vm.as<InstanceObj>(eg)->suppress_context = true;  // raise ... from None
    vm.raise(eg);
  }
  *out = Value::none();
  return false;
}

// The deferred host calls of a loop: (call id, future) pairs. Those whose
// future is done (cancelled: nothing waits for the answer any more) are
// dropped here, so the host is not asked for them.
std::vector<Value>& host_calls(VM& vm, Value loop) {
  auto& calls = list_field(vm, fields(vm, loop)[kHostCalls], "host calls")->items;
  std::erase_if(calls, [&](Value c) {
    if (!vm.is_tuple(c) || vm.as<TupleObj>(c)->items.size() != 2 ||
        !vm.as<TupleObj>(c)->items[0].is_int() || !is_future(vm, vm.as<TupleObj>(c)->items[1]))
      corrupt(vm, "host call");
    return fut_state(vm, vm.as<TupleObj>(c)->items[1]) != kPending;
  });
  return calls;
}

bool waiting_host_calls(VM& vm, Value loop) { return !host_calls(vm, loop).empty(); }

// Runs the handles that need no frame; returns the next task to step (its
// coroutine in *coro), or false when the loop is over (or, with vm.paused_,
// waits for the host: see VM::describe_wait).
bool advance(VM& vm, Value loop, Value* coro) {
  for (;;) {
    auto& f = fields(vm, loop);
    int64_t batch = int_field(vm, f[kBatch], "batch");
    ListObj* ready = list_field(vm, f[kReady], "ready");
    int64_t head = int_field(vm, f[kHead], "ready head");
    if (head < 0 || static_cast<size_t>(head) > ready->items.size()) corrupt(vm, "ready head");
    if (batch <= 0) {
      if (vm.truthy(f[kStopping])) {
        f[kStopping] = Value::boolean(false);
        if (int_field(vm, f[kPhase], "phase") != 0 || int_field(vm, f[kMode], "loop mode") != 0) {
          f[kPhase] = Value::integer(2);
          return false;
        }
        // asyncio.run's shutdown: the tasks still pending are cancelled
        // and run until they have finished.
        std::vector<Value> left;
        for (Value t : std::vector<Value>(list_field(vm, f[kTasks], "tasks")->items))
          if (is_task(vm, t) && fut_state(vm, t) == kPending) left.push_back(t);
        if (left.empty()) {
          f[kPhase] = Value::integer(2);
          return false;
        }
        f[kPhase] = Value::integer(1);
        for (Value t : left) task_cancel(vm, t);
        Value g = make_gathering(vm, left, true);
        add_done_callback(vm, g, make_handle(vm, kStop));
        continue;
      }
      // A new _run_once: when nothing is ready, time moves to the next timer.
      if (static_cast<size_t>(head) == ready->items.size()) {
        ready->items.clear();
        head = 0;
        f[kHead] = Value::integer(0);
        auto& timers = list_field(vm, f[kTimers], "timers")->items;
        // Deferred host calls outstanding: the host answers one (or lets
        // the time to the next timer pass) before anything else can run.
        const bool time_passes = std::exchange(vm.let_time_pass_, false) && !timers.empty();
        if (!time_passes && waiting_host_calls(vm, loop) && vm.native_depth == 0) {
          vm.describe_wait();
          return false;
        }
        if (timers.empty()) {
          vm.raise(BuiltinTypeId::RuntimeError,
                   "asyncio.run(): every task is waiting and nothing is left that could wake "
                   "one (CPython would wait forever)");
        }
        if (!vm.is_tuple(timers[0]) || vm.as<TupleObj>(timers[0])->items.size() != 3 ||
            !vm.as<TupleObj>(timers[0])->items[0].is_float())
          corrupt(vm, "timer");
        f[kNow] = vm.as<TupleObj>(timers[0])->items[0];
      }
      auto& timers = list_field(vm, f[kTimers], "timers")->items;
      size_t expired = 0;
      while (expired < timers.size()) {
        Value t = timers[expired];
        if (!vm.is_tuple(t) || vm.as<TupleObj>(t)->items.size() != 3 ||
            !vm.as<TupleObj>(t)->items[0].is_float() || !f[kNow].is_float())
          corrupt(vm, "timer");
        if (vm.as<TupleObj>(t)->items[0].f > f[kNow].f) break;
        ready->items.push_back(vm.as<TupleObj>(t)->items[2]);
        expired++;
      }
      timers.erase(timers.begin(), timers.begin() + static_cast<std::ptrdiff_t>(expired));
      batch = static_cast<int64_t>(ready->items.size()) - head;
      f[kBatch] = Value::integer(batch);
      continue;
    }
    Value h = ready->items[static_cast<size_t>(head)];
    f[kHead] = Value::integer(head + 1);
    f[kBatch] = Value::integer(batch - 1);
    if (head + 1 > 64 && static_cast<size_t>(head + 1) * 2 > ready->items.size()) {
      ready->items.erase(ready->items.begin(), ready->items.begin() + head + 1);
      f[kHead] = Value::integer(0);
    }
    if (!vm.is_tuple(h) || vm.as<TupleObj>(h)->items.size() != 3) corrupt(vm, "handle");
    const std::vector<Value> hv = vm.as<TupleObj>(h)->items;
    switch (int_field(vm, hv[0], "handle")) {
      case kStep: {
        Value task = hv[1];
        if (!is_task(vm, task)) corrupt(vm, "task");
        if (fut_state(vm, task) != kPending) break;
        set_hidden_attr(vm, task, " waiting", Value::none());
        Value c = slot_of(vm, task, " coro");
        if (is_native_coroutine(vm, c)) {
          step_native_task(vm, loop, task, c);
          break;
        }
        if (!is_coroutine(vm, c)) corrupt(vm, "task coroutine");
        auto* g = vm.as<GeneratorObj>(c);
        if (vm.truthy(slot_of(vm, task, " cancel")) && !g->started) {
          // Cancelled before it ran: the coroutine never starts.
          finish_coroutine(vm, c);
          task_returned(vm, task, Value::none());
          break;
        }
        if (g->running) {
          task_raised(
              vm, task,
              vm.new_exception(BuiltinTypeId::RuntimeError, "coroutine is being awaited already"));
          break;
        }
        if (!g->frame) {
          task_raised(vm, task,
                      vm.new_exception(BuiltinTypeId::RuntimeError,
                                       "cannot reuse already awaited coroutine"));
          break;
        }
        f[kCurrent] = task;
        *coro = c;
        return true;
      }
      case kGatherChild:
        if (!is_gathering(vm, hv[1]) || !is_future(vm, hv[2])) corrupt(vm, "gather callback");
        gather_child_done(vm, hv[1], hv[2]);
        break;
      case kStop:
        f[kStopping] = Value::boolean(true);
        break;
      case kSetResult:
        if (!is_future(vm, hv[1])) corrupt(vm, "timer future");
        if (fut_state(vm, hv[1]) == kPending)
          fut_finish(vm, hv[1], kFinished, hv[2], Value::none());
        break;
      case kCallback: {
        // call_soon / call_later: fn(*args) unless the handle was cancelled;
        // an exception is reported by CPython's loop and ignored here.
        auto& st = list_field(vm, hv[2], "callback handle")->items;
        if (st.size() != 2 || !vm.is_tuple(st[0])) corrupt(vm, "callback handle");
        if (vm.truthy(st[1])) break;
        std::vector<Value> cargs = vm.as<TupleObj>(st[0])->items;
        try {
          vm.call(hv[1], cargs);
        } catch (PyError&) {
        }
        break;
      }
      case kTimeoutDue: {
        auto& st = list_field(vm, hv[2], "timeout handle")->items;
        if (st.size() != 2) corrupt(vm, "timeout handle");
        if (!vm.truthy(st[1])) timeout_due(vm, hv[1]);
        break;
      }
      case kTaskGroupDone:
        tg_task_done(vm, hv[1], hv[2]);
        break;
      case kShieldDone: {
        // shield's _inner_done_callback: the outer future takes the inner
        // one's outcome, unless it was cancelled itself.
        Value outer = hv[1], inner = hv[2];
        if (!is_future(vm, outer) || !is_future(vm, inner)) corrupt(vm, "shield");
        if (fut_state(vm, outer) != kPending) break;
        if (fut_state(vm, inner) == kCancelled) {
          fut_cancel(vm, outer);
        } else {
          fut_finish(vm, outer, kFinished, slot_of(vm, inner, " result"),
                     slot_of(vm, inner, " exc"));
        }
        break;
      }
      case kWaitDone: {
        // asyncio.wait's _on_completion.
        auto& st = list_field(vm, hv[1], "wait state")->items;
        if (st.size() != 4 || !is_future(vm, st[0]) || !st[1].is_int() || !st[2].is_int() ||
            !is_future(vm, hv[2]))
          corrupt(vm, "wait state");
        st[1] = Value::integer(st[1].i - 1);
        const bool failed =
            fut_state(vm, hv[2]) == kFinished && !slot_of(vm, hv[2], " exc").is_none();
        if (st[1].i <= 0 || st[2].i == kFirstCompleted || (st[2].i == kFirstException && failed)) {
          cancel_timer(vm, st[3]);
          if (fut_state(vm, st[0]) == kPending)
            fut_finish(vm, st[0], kFinished, Value::none(), Value::none());
        }
        break;
      }
      case kCompleted:
      case kCompletedTimeout: {
        // as_completed's _on_completion (a future done: into the queue) and
        // _on_timeout (a None for each future still to come).
        auto& st = list_field(vm, hv[1], "as_completed state")->items;
        if (st.size() != 3 || !has_class(vm, st[0], " Queue")) corrupt(vm, "as_completed state");
        auto& todo = list_field(vm, st[1], "as_completed todo")->items;
        if (int_field(vm, hv[0], "handle") == kCompleted) {
          if (todo.empty()) break;
          std::erase_if(todo, [&](Value x) { return x.same(hv[2]); });
          queue_put_now(vm, st[0], hv[2]);
          if (todo.empty()) cancel_timer(vm, st[2]);
        } else {
          for (Value f : std::vector<Value>(todo)) {
            if (is_future(vm, f)) remove_callbacks_for(vm, f, hv[1]);
            queue_put_now(vm, st[0], Value::none());
          }
          todo.clear();
        }
        break;
      }
      case kUserCallback: {
        // As CPython's loop, an exception in a callback is reported (on
        // stderr there) and the loop goes on.
        Value args[] = {hv[2]};
        try {
          vm.call(hv[1], args);
        } catch (PyError&) {
        }
        break;
      }
      default:
        corrupt(vm, "handle kind");
    }
  }
}

// ---- Lock, Semaphore, BoundedSemaphore, Event (asyncio/locks.py) --------------------------
//
// Each keeps " waiters" (a list of futures, in arrival order) and its flag
// or count (" locked", " value"; a BoundedSemaphore also " bound"). What
// acquire(), wait() and __aenter__() return is an " Acquire" awaitable:
// " target", " kind" (Primitive), " phase" (0 not yet waiting, 1 waiting on
// " fut"), " result" (what the await gives: True, or None for __aenter__).

enum Primitive : int64_t {
  kLock = 0,
  kSemaphore = 1,
  kEvent = 2,
  kQueueGet = 3,
  kQueuePut = 4,
  kQueueGetResult = 5  // as_completed's awaitables: a finished future's outcome
};

std::vector<Value>& waiters_of(VM& vm, Value target) {
  return list_field(vm, slot_of(vm, target, " waiters"), "waiters")->items;
}

int64_t sem_value(VM& vm, Value sem) {
  return int_field(vm, slot_of(vm, sem, " value"), "semaphore value");
}

bool sem_locked(VM& vm, Value sem) {
  if (sem_value(vm, sem) == 0) return true;
  for (Value w : waiters_of(vm, sem))
    if (is_future(vm, w) && fut_state(vm, w) != kCancelled) return true;
  return false;
}

// Lock._wake_up_first: the first waiter, if it is not done yet.
void lock_wake_first(VM& vm, Value lock) {
  auto& ws = waiters_of(vm, lock);
  if (ws.empty()) return;
  Value fut = ws.front();
  if (is_future(vm, fut) && fut_state(vm, fut) == kPending)
    fut_finish(vm, fut, kFinished, Value::boolean(true), Value::none());
}

// Semaphore._wake_up_next: the first waiter not done takes one unit.
void sem_wake_next(VM& vm, Value sem) {
  for (Value fut : std::vector<Value>(waiters_of(vm, sem))) {
    if (is_future(vm, fut) && fut_state(vm, fut) == kPending) {
      set_hidden_attr(vm, sem, " value", Value::integer(sem_value(vm, sem) - 1));
      fut_finish(vm, fut, kFinished, Value::boolean(true), Value::none());
      return;
    }
  }
}

void remove_waiter_in(VM& vm, Value target, const char* slot, Value fut) {
  auto& ws = list_field(vm, slot_of(vm, target, slot), "waiters")->items;
  for (size_t i = 0; i < ws.size(); i++) {
    if (ws[i].same(fut)) {
      ws.erase(ws.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

void remove_waiter(VM& vm, Value target, Value fut) {
  auto& ws = waiters_of(vm, target);
  for (size_t i = 0; i < ws.size(); i++) {
    if (ws[i].same(fut)) {
      ws.erase(ws.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

// A cancellation of the current task that its future could not take (the
// future was done already): CPython throws it in at the await.
bool take_pending_cancel(VM& vm) {
  Value loop = running_loop(vm);
  if (loop.is_undef()) return false;
  Value task = fields(vm, loop)[kCurrent];
  if (!is_task(vm, task) || !vm.truthy(slot_of(vm, task, " cancel"))) return false;
  set_hidden_attr(vm, task, " cancel", Value::boolean(false));
  return true;
}

bool queue_step(VM& vm, Value acq, Value q, bool is_get, Value* out);

bool acquire_step(VM& vm, Value acq, Value* out) {
  Value target = slot_of(vm, acq, " target");
  Value kind_v = slot_of(vm, acq, " kind");
  Value phase_v = slot_of(vm, acq, " phase");
  if (!kind_v.is_int() || !phase_v.is_int() || !vm.is_kind(target, ObjKind::Instance))
    corrupt(vm, "acquire");
  const int64_t kind = kind_v.i;
  if (kind == kQueueGet || kind == kQueuePut || kind == kQueueGetResult) {
    if (!has_class(vm, target, " Queue")) corrupt(vm, "queue");
    if (queue_step(vm, acq, target, kind != kQueuePut, out)) return true;
    if (kind == kQueueGetResult) {
      // as_completed: None is its timeout's dummy item.
      if (out->is_none()) vm.raise(vm.new_exception(BuiltinTypeId::TimeoutError, ""));
      if (!is_future(vm, *out)) corrupt(vm, "completed future");
      *out = future_outcome(vm, *out);
    }
    return false;
  }
  if (phase_v.i == 0) {
    bool free;
    if (kind == kLock) {
      free = !vm.truthy(slot_of(vm, target, " locked"));
      for (Value w : waiters_of(vm, target))
        if (free && is_future(vm, w) && fut_state(vm, w) != kCancelled) free = false;
      if (free) set_hidden_attr(vm, target, " locked", Value::boolean(true));
    } else if (kind == kSemaphore) {
      free = !sem_locked(vm, target);
      if (free) set_hidden_attr(vm, target, " value", Value::integer(sem_value(vm, target) - 1));
    } else {
      free = vm.truthy(slot_of(vm, target, " value"));
    }
    if (free) {
      *out = slot_of(vm, acq, " result");
      return false;
    }
    Value fut = new_future(vm);
    waiters_of(vm, target).push_back(fut);
    set_hidden_attr(vm, acq, " fut", fut);
    set_hidden_attr(vm, acq, " phase", Value::integer(1));
    *out = fut;
    return true;
  }
  Value fut = slot_of(vm, acq, " fut");
  if (!is_future(vm, fut)) corrupt(vm, "acquire future");
  FutState fs = fut_state(vm, fut);
  const bool cancelled = take_pending_cancel(vm) || fs == kCancelled;
  if (!cancelled && fs == kPending) {
    *out = fut;  // woken without its future: wait on
    return true;
  }
  remove_waiter(vm, target, fut);
  set_hidden_attr(vm, acq, " phase", Value::integer(2));
  if (cancelled) {
    if (kind == kLock && !vm.truthy(slot_of(vm, target, " locked"))) lock_wake_first(vm, target);
    if (kind == kSemaphore && fs != kCancelled) {
      set_hidden_attr(vm, target, " value", Value::integer(sem_value(vm, target) + 1));
      sem_wake_next(vm, target);
    }
    vm.raise(cancelled_error(vm));
  }
  if (kind == kLock) set_hidden_attr(vm, target, " locked", Value::boolean(true));
  if (kind == kSemaphore && sem_value(vm, target) > 0) sem_wake_next(vm, target);
  *out = slot_of(vm, acq, " result");
  return false;
}

Value make_acquire(VM& vm, Value target, Primitive kind, Value result) {
  Value a = vm.heap.make<InstanceObj>(class_named(vm, " Acquire"));
  set_hidden_attr(vm, a, " target", target);
  set_hidden_attr(vm, a, " kind", Value::integer(kind));
  set_hidden_attr(vm, a, " phase", Value::integer(0));
  set_hidden_attr(vm, a, " fut", Value::none());
  set_hidden_attr(vm, a, " result", result);
  return a;
}

Value primitive_self(VM& vm, const CallArgs& args, const char* cls, const char* method) {
  if (args.size() == 0 || !has_class(vm, args[0], cls))
    vm.type_error(std::string("descriptor '") + method + "' requires an 'asyncio." + (cls + 1) +
                  "' object");
  return args[0];
}

Value done_none(VM& vm) {
  Value f = new_future(vm);
  set_hidden_attr(vm, f, " state", Value::integer(kFinished));
  return f;
}

Value lock_new(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "Lock", 1, 1);
  Value l = vm.heap.make<InstanceObj>(args[0]);
  set_hidden_attr(vm, l, " locked", Value::boolean(false));
  set_hidden_attr(vm, l, " waiters", vm.new_list());
  return l;
}

Value lock_locked(VM& vm, CallArgs& args) {
  Value l = primitive_self(vm, args, " Lock", "locked");
  return Value::boolean(vm.truthy(slot_of(vm, l, " locked")));
}

Value lock_acquire(VM& vm, CallArgs& args) {
  return make_acquire(vm, primitive_self(vm, args, " Lock", "acquire"), kLock,
                      Value::boolean(true));
}

Value lock_aenter(VM& vm, CallArgs& args) {
  return make_acquire(vm, primitive_self(vm, args, " Lock", "__aenter__"), kLock, Value::none());
}

Value lock_release(VM& vm, CallArgs& args) {
  Value l = primitive_self(vm, args, " Lock", "release");
  if (!vm.truthy(slot_of(vm, l, " locked")))
    vm.raise(BuiltinTypeId::RuntimeError, "Lock is not acquired.");
  set_hidden_attr(vm, l, " locked", Value::boolean(false));
  lock_wake_first(vm, l);
  return Value::none();
}

Value lock_aexit(VM& vm, CallArgs& args) {
  lock_release(vm, args);
  return done_none(vm);
}

Value sem_new(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "Semaphore", {"cls", "value"}, 1, 0, a);
  Value value = a[1].is_undef() ? Value::integer(1) : a[1];
  if (!value.is_int())
    vm.type_error("'<' not supported between instances of '" + vm.type_name(value) + "' and 'int'");
  if (value.i < 0) vm.value_error("Semaphore initial value must be >= 0");
  Value s = vm.heap.make<InstanceObj>(a[0]);
  set_hidden_attr(vm, s, " value", value);
  set_hidden_attr(vm, s, " waiters", vm.new_list());
  set_hidden_attr(vm, s, " bound", has_class(vm, s, " BoundedSemaphore") ? value : Value::none());
  return s;
}

Value sem_locked_method(VM& vm, CallArgs& args) {
  return Value::boolean(sem_locked(vm, primitive_self(vm, args, " Semaphore", "locked")));
}

Value sem_acquire(VM& vm, CallArgs& args) {
  return make_acquire(vm, primitive_self(vm, args, " Semaphore", "acquire"), kSemaphore,
                      Value::boolean(true));
}

Value sem_aenter(VM& vm, CallArgs& args) {
  return make_acquire(vm, primitive_self(vm, args, " Semaphore", "__aenter__"), kSemaphore,
                      Value::none());
}

Value sem_release(VM& vm, CallArgs& args) {
  Value s = primitive_self(vm, args, " Semaphore", "release");
  Value bound = slot_of(vm, s, " bound");
  if (bound.is_int() && sem_value(vm, s) >= bound.i)
    vm.value_error("BoundedSemaphore released too many times");
  set_hidden_attr(vm, s, " value", Value::integer(sem_value(vm, s) + 1));
  sem_wake_next(vm, s);
  return Value::none();
}

Value sem_aexit(VM& vm, CallArgs& args) {
  sem_release(vm, args);
  return done_none(vm);
}

Value event_new(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "Event", 1, 1);
  Value e = vm.heap.make<InstanceObj>(args[0]);
  set_hidden_attr(vm, e, " value", Value::boolean(false));
  set_hidden_attr(vm, e, " waiters", vm.new_list());
  return e;
}

Value event_is_set(VM& vm, CallArgs& args) {
  return Value::boolean(
      vm.truthy(slot_of(vm, primitive_self(vm, args, " Event", "is_set"), " value")));
}

Value event_set(VM& vm, CallArgs& args) {
  Value e = primitive_self(vm, args, " Event", "set");
  if (vm.truthy(slot_of(vm, e, " value"))) return Value::none();
  set_hidden_attr(vm, e, " value", Value::boolean(true));
  for (Value fut : std::vector<Value>(waiters_of(vm, e)))
    if (is_future(vm, fut) && fut_state(vm, fut) == kPending)
      fut_finish(vm, fut, kFinished, Value::boolean(true), Value::none());
  return Value::none();
}

Value event_clear(VM& vm, CallArgs& args) {
  set_hidden_attr(vm, primitive_self(vm, args, " Event", "clear"), " value", Value::boolean(false));
  return Value::none();
}

Value event_wait(VM& vm, CallArgs& args) {
  return make_acquire(vm, primitive_self(vm, args, " Event", "wait"), kEvent, Value::boolean(true));
}

// ---- Queue, PriorityQueue, LifoQueue (asyncio/queues.py) ---------------------------------
//
// " items" (a list; a heap for PriorityQueue), " maxsize", " order" (0 FIFO,
// 1 priority, 2 LIFO), " getters" and " putters" (futures), " unfinished"
// (an int) and " finished" (an Event). get() and put() are Acquire
// awaitables of kind kQueueGet / kQueuePut (" target" the queue; put's item
// in " item").

std::vector<Value>& queue_items(VM& vm, Value q) {
  return list_field(vm, slot_of(vm, q, " items"), "queue items")->items;
}

int64_t queue_maxsize(VM& vm, Value q) {
  return int_field(vm, slot_of(vm, q, " maxsize"), "maxsize");
}

bool queue_full(VM& vm, Value q) {
  const int64_t m = queue_maxsize(vm, q);
  return m > 0 && static_cast<int64_t>(queue_items(vm, q).size()) >= m;
}

// Queue._wakeup_next: the first waiter not done gets None.
void queue_wakeup_next(VM& vm, Value q, const char* slot) {
  auto& ws = list_field(vm, slot_of(vm, q, slot), "queue waiters")->items;
  while (!ws.empty()) {
    Value w = ws.front();
    ws.erase(ws.begin());
    if (is_future(vm, w) && fut_state(vm, w) == kPending) {
      fut_finish(vm, w, kFinished, Value::none(), Value::none());
      break;
    }
  }
}

void queue_put_now(VM& vm, Value q, Value item) {
  if (queue_full(vm, q)) vm.raise(vm.new_exception(BuiltinTypeId::QueueFull, ""));
  Value order = slot_of(vm, q, " order");
  if (order.is_int() && order.i == 1) {
    Value args[] = {slot_of(vm, q, " items"), item};
    vm.call(imported_module_attr(vm, "heapq", "heappush"), args);
  } else {
    queue_items(vm, q).push_back(item);
  }
  set_hidden_attr(vm, q, " unfinished",
                  Value::integer(int_field(vm, slot_of(vm, q, " unfinished"), "unfinished") + 1));
  Value finished = slot_of(vm, q, " finished");
  if (!has_class(vm, finished, " Event")) corrupt(vm, "queue event");
  set_hidden_attr(vm, finished, " value", Value::boolean(false));
  queue_wakeup_next(vm, q, " getters");
}

Value queue_get_now(VM& vm, Value q) {
  if (queue_items(vm, q).empty()) vm.raise(vm.new_exception(BuiltinTypeId::QueueEmpty, ""));
  Value order = slot_of(vm, q, " order");
  Value item;
  if (order.is_int() && order.i == 1) {
    Value args[] = {slot_of(vm, q, " items")};
    item = vm.call(imported_module_attr(vm, "heapq", "heappop"), args);
  } else if (order.is_int() && order.i == 2) {
    item = queue_items(vm, q).back();
    queue_items(vm, q).pop_back();
  } else {
    item = queue_items(vm, q).front();
    queue_items(vm, q).erase(queue_items(vm, q).begin());
  }
  queue_wakeup_next(vm, q, " putters");
  return item;
}

// One step of `await q.get()` / `await q.put(item)`: wait while empty/full.
bool queue_step(VM& vm, Value acq, Value q, bool is_get, Value* out) {
  const char* slot = is_get ? " getters" : " putters";
  Value phase = slot_of(vm, acq, " phase");
  if (phase.is_int() && phase.i == 1) {
    Value w = slot_of(vm, acq, " fut");
    if (!is_future(vm, w)) corrupt(vm, "queue waiter");
    const bool cancelling = take_pending_cancel(vm);
    FutState ws = fut_state(vm, w);
    if (!cancelling && ws == kPending) {
      *out = w;
      return true;
    }
    set_hidden_attr(vm, acq, " phase", Value::integer(0));
    if (cancelling || ws == kCancelled) {
      remove_waiter_in(vm, q, slot, w);
      const bool blocked = is_get ? queue_items(vm, q).empty() : queue_full(vm, q);
      if (!blocked && ws != kCancelled) queue_wakeup_next(vm, q, slot);
      vm.raise(cancelled_error(vm));
    }
  }
  if (is_get ? queue_items(vm, q).empty() : queue_full(vm, q)) {
    Value w = new_future(vm);
    list_field(vm, slot_of(vm, q, slot), "queue waiters")->items.push_back(w);
    set_hidden_attr(vm, acq, " fut", w);
    set_hidden_attr(vm, acq, " phase", Value::integer(1));
    *out = w;
    return true;
  }
  if (is_get) {
    *out = queue_get_now(vm, q);
  } else {
    queue_put_now(vm, q, slot_of(vm, acq, " item"));
    *out = Value::none();
  }
  return false;
}

Value queue_self(VM& vm, const CallArgs& args, const char* method) {
  return primitive_self(vm, args, " Queue", method);
}

Value make_queue(VM& vm, Value cls, Value maxsize);

Value new_queue(VM& vm) { return make_queue(vm, class_named(vm, " Queue"), Value::integer(0)); }

Value queue_new(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "Queue", {"cls", "maxsize"}, 1, 0, a);
  Value maxsize = a[1].is_undef() ? Value::integer(0) : a[1];
  if (!maxsize.is_int())
    vm.type_error("'<=' not supported between instances of '" + vm.type_name(maxsize) +
                  "' and 'int'");
  return make_queue(vm, a[0], maxsize);
}

Value make_queue(VM& vm, Value cls, Value maxsize) {
  Value q = vm.heap.make<InstanceObj>(cls);
  set_hidden_attr(vm, q, " items", vm.new_list());
  set_hidden_attr(vm, q, " maxsize", maxsize);
  int64_t order = has_class(vm, q, " PriorityQueue") ? 1 : has_class(vm, q, " LifoQueue") ? 2 : 0;
  if (order == 1) vm.import_module("heapq");
  set_hidden_attr(vm, q, " order", Value::integer(order));
  set_hidden_attr(vm, q, " getters", vm.new_list());
  set_hidden_attr(vm, q, " putters", vm.new_list());
  set_hidden_attr(vm, q, " unfinished", Value::integer(0));
  Value finished = vm.heap.make<InstanceObj>(class_named(vm, " Event"));
  set_hidden_attr(vm, finished, " value", Value::boolean(true));
  set_hidden_attr(vm, finished, " waiters", vm.new_list());
  set_hidden_attr(vm, q, " finished", finished);
  vm.instance_attrs(vm.as<InstanceObj>(q)).set(vm, vm.intern("maxsize"), maxsize);
  return q;
}

Value queue_qsize(VM& vm, CallArgs& args) {
  return Value::integer(
      static_cast<int64_t>(queue_items(vm, queue_self(vm, args, "qsize")).size()));
}
Value queue_empty(VM& vm, CallArgs& args) {
  return Value::boolean(queue_items(vm, queue_self(vm, args, "empty")).empty());
}
Value queue_full_method(VM& vm, CallArgs& args) {
  return Value::boolean(queue_full(vm, queue_self(vm, args, "full")));
}
Value queue_get(VM& vm, CallArgs& args) {
  return make_acquire(vm, queue_self(vm, args, "get"), kQueueGet, Value::none());
}
Value queue_put(VM& vm, CallArgs& args) {
  Value q = queue_self(vm, args, "put");
  check_arg_count(vm, args, "put", 2, 2);
  Value a = make_acquire(vm, q, kQueuePut, Value::none());
  set_hidden_attr(vm, a, " item", args[1]);
  return a;
}
Value queue_get_nowait(VM& vm, CallArgs& args) {
  return queue_get_now(vm, queue_self(vm, args, "get_nowait"));
}
Value queue_put_nowait(VM& vm, CallArgs& args) {
  Value q = queue_self(vm, args, "put_nowait");
  check_arg_count(vm, args, "put_nowait", 2, 2);
  queue_put_now(vm, q, args[1]);
  return Value::none();
}
Value queue_task_done(VM& vm, CallArgs& args) {
  Value q = queue_self(vm, args, "task_done");
  const int64_t n = int_field(vm, slot_of(vm, q, " unfinished"), "unfinished");
  if (n <= 0) vm.value_error("task_done() called too many times");
  set_hidden_attr(vm, q, " unfinished", Value::integer(n - 1));
  if (n == 1) {
    Value event_args[] = {slot_of(vm, q, " finished")};
    CallArgs ea;
    ea.pos = event_args;
    event_set(vm, ea);
  }
  return Value::none();
}
Value queue_join(VM& vm, CallArgs& args) {
  Value q = queue_self(vm, args, "join");
  return make_acquire(vm, slot_of(vm, q, " finished"), kEvent, Value::none());
}

std::string queue_format(VM& vm, Value q) {
  std::string out = "maxsize=" + std::to_string(queue_maxsize(vm, q));
  if (!queue_items(vm, q).empty()) out += " _queue=" + vm.repr_str(vm.new_list(queue_items(vm, q)));
  for (const char* slot : {" getters", " putters"}) {
    size_t n = list_field(vm, slot_of(vm, q, slot), "queue waiters")->items.size();
    if (n) out += std::string(" _") + (slot + 1) + "[" + std::to_string(n) + "]";
  }
  int64_t u = int_field(vm, slot_of(vm, q, " unfinished"), "unfinished");
  if (u) out += " tasks=" + std::to_string(u);
  return out;
}
Value queue_repr(VM& vm, CallArgs& args) {
  Value q = queue_self(vm, args, "__repr__");
  return vm.new_str("<" + vm.type_name(q) + " at 0x" + std::to_string(1000 + q.id) + " " +
                    queue_format(vm, q) + ">");
}
Value queue_str(VM& vm, CallArgs& args) {
  Value q = queue_self(vm, args, "__str__");
  return vm.new_str("<" + vm.type_name(q) + " " + queue_format(vm, q) + ">");
}

// <asyncio.locks.Lock object at 0x... [unlocked, waiters:1]>
Value primitive_repr(VM& vm, CallArgs& args) {
  if (args.size() == 0 || !vm.is_kind(args[0], ObjKind::Instance)) vm.type_error("expected a lock");
  Value self = args[0];
  std::string extra;
  if (has_class(vm, self, " Event")) {
    extra = vm.truthy(slot_of(vm, self, " value")) ? "set" : "unset";
  } else if (has_class(vm, self, " Semaphore")) {
    extra =
        sem_locked(vm, self) ? "locked" : "unlocked, value:" + std::to_string(sem_value(vm, self));
  } else {
    extra = vm.truthy(slot_of(vm, self, " locked")) ? "locked" : "unlocked";
  }
  const size_t n = waiters_of(vm, self).size();
  if (n) extra += ", waiters:" + std::to_string(n);
  return vm.new_str("<asyncio.locks." + vm.type_name(self) + " object at 0x" +
                    std::to_string(1000 + self.id) + " [" + extra + "]>");
}

// ---- the module's functions ----------------------------------------------------------

// A new loop: its state list and the loop object that holds it.
Value new_loop(VM& vm) {
  std::vector<Value> f(kLoopFields);
  f[kReady] = vm.new_list();
  f[kHead] = Value::integer(0);
  f[kTimers] = vm.new_list();
  f[kNow] = Value::floating(0.0);
  f[kSeq] = Value::integer(0);
  f[kCurrent] = Value::none();
  f[kStopping] = Value::boolean(false);
  f[kBatch] = Value::integer(0);
  f[kMain] = Value::none();
  f[kPhase] = Value::integer(0);
  f[kTasks] = vm.new_list();
  f[kMode] = Value::integer(0);
  f[kLoopObj] = Value::none();
  f[kHostCalls] = vm.new_list();
  Value loop = vm.new_list(std::move(f));
  Value obj = vm.heap.make<InstanceObj>(class_named(vm, " EventLoop"));
  set_hidden_attr(vm, obj, " state", loop);
  set_hidden_attr(vm, obj, " closed", Value::boolean(false));
  fields(vm, loop)[kLoopObj] = obj;
  return obj;
}

Value loop_state(VM& vm, Value obj) {
  if (!has_class(vm, obj, " EventLoop")) corrupt(vm, "loop object");
  Value state = slot_of(vm, obj, " state");
  fields(vm, state);  // checked
  return state;
}

// Runs `aw` to completion on the loop `obj` (mode 0: asyncio.run, which
// then cancels the tasks left; 1: run_until_complete, which leaves them).
Value run_on_loop(VM& vm, Value obj, Value aw, int64_t mode, bool direct) {
  Value loop = loop_state(vm, obj);
  set_module_attr(vm, " loop", loop);
  Value main;
  try {
    auto& f = fields(vm, loop);
    f[kMode] = Value::integer(mode);
    f[kPhase] = Value::integer(0);
    f[kStopping] = Value::boolean(false);
    f[kBatch] = Value::integer(0);
    main = ensure_future(vm, loop, aw);
    fields(vm, loop)[kMain] = main;
    add_done_callback(vm, main, make_handle(vm, kStop));
  } catch (...) {
    set_module_attr(vm, " loop", Value::none());
    throw;
  }
  return vm.run_event_loop(loop, is_task(vm, main) ? slot_of(vm, main, " coro") : main, direct);
}

Value aio_run(VM& vm, CallArgs& args) {
  const bool direct = vm.claim_gc_safe_call(aio_run);
  Value a[2];
  bind_args(vm, args, "run", {"main", "debug"}, 1, 0, a);
  if (!running_loop(vm).is_undef())
    vm.raise(BuiltinTypeId::RuntimeError,
             "asyncio.run() cannot be called from a running event loop");
  if (!is_coroutine(vm, a[0])) vm.value_error("a coroutine was expected, got " + vm.repr_str(a[0]));
  return run_on_loop(vm, new_loop(vm), a[0], 0, direct);
}

// ---- loop objects: get_event_loop(), new_event_loop(), get_running_loop() ----------------

Value loop_self(VM& vm, const CallArgs& args, const char* method) {
  if (args.size() == 0 || !has_class(vm, args[0], " EventLoop"))
    vm.type_error(std::string("descriptor '") + method + "' requires an event loop");
  return args[0];
}

bool loop_running(VM& vm, Value obj) {
  Value running = running_loop(vm);
  return !running.is_undef() && running.same(slot_of(vm, obj, " state"));
}

Value loop_run_until_complete(VM& vm, CallArgs& args) {
  const bool direct = vm.claim_gc_safe_call(loop_run_until_complete);
  Value obj = loop_self(vm, args, "run_until_complete");
  check_arg_count(vm, args, "run_until_complete", 2, 2);
  if (vm.truthy(slot_of(vm, obj, " closed")))
    vm.raise(BuiltinTypeId::RuntimeError, "Event loop is closed");
  if (loop_running(vm, obj))
    vm.raise(BuiltinTypeId::RuntimeError, "This event loop is already running");
  if (!running_loop(vm).is_undef())
    vm.raise(BuiltinTypeId::RuntimeError,
             "Cannot run the event loop while another loop is running");
  return run_on_loop(vm, obj, args[1], 1, direct);
}

Value loop_time(VM& vm, CallArgs& args) {
  Value obj = loop_self(vm, args, "time");
  return fields(vm, loop_state(vm, obj))[kNow];
}

Value loop_create_task(VM& vm, CallArgs& args) {
  Value obj = loop_self(vm, args, "create_task");
  Value a[4];
  bind_args(vm, args, "create_task", {"self", "coro", "name", "context"}, 2, 2, a);
  if (!is_coroutine(vm, a[1]) && !is_native_coroutine(vm, a[1]))
    vm.type_error("a coroutine was expected, got " + vm.repr_str(a[1]));
  return make_task(vm, loop_state(vm, obj), a[1], a[2]);
}

Value loop_create_future(VM& vm, CallArgs& args) {
  loop_self(vm, args, "create_future");
  check_arg_count(vm, args, "create_future", 1, 1);
  return new_future(vm);
}

Value timer_handle(VM& vm, Value state) {
  Value h = vm.heap.make<InstanceObj>(class_named(vm, " Handle"));
  set_hidden_attr(vm, h, " state", state);
  return h;
}

Value loop_call_later(VM& vm, CallArgs& args) {
  Value obj = loop_self(vm, args, "call_later");
  if (args.size() < 3)
    vm.type_error("call_later() missing required arguments: 'delay' and 'callback'");
  const double delay = delay_of(vm, args[1]);
  Value state = vm.new_list({vm.new_tuple(std::vector<Value>(args.pos.begin() + 3, args.pos.end())),
                             Value::boolean(false)});
  schedule_timer(vm, loop_state(vm, obj), delay, make_handle(vm, kCallback, args[2], state));
  return timer_handle(vm, state);
}

Value loop_call_soon(VM& vm, CallArgs& args) {
  Value obj = loop_self(vm, args, "call_soon");
  if (args.size() < 2)
    vm.type_error("call_soon() missing 1 required positional argument: 'callback'");
  Value state = vm.new_list({vm.new_tuple(std::vector<Value>(args.pos.begin() + 2, args.pos.end())),
                             Value::boolean(false)});
  call_soon(vm, loop_state(vm, obj), make_handle(vm, kCallback, args[1], state));
  return timer_handle(vm, state);
}

Value handle_cancel(VM& vm, CallArgs& args) {
  if (args.size() == 0 || !has_class(vm, args[0], " Handle")) vm.type_error("expected a Handle");
  Value state = slot_of(vm, args[0], " state");
  auto& items = list_field(vm, state, "handle")->items;
  if (items.size() != 2) corrupt(vm, "handle");
  items[1] = Value::boolean(true);
  return Value::none();
}

Value handle_cancelled(VM& vm, CallArgs& args) {
  if (args.size() == 0 || !has_class(vm, args[0], " Handle")) vm.type_error("expected a Handle");
  auto& items = list_field(vm, slot_of(vm, args[0], " state"), "handle")->items;
  if (items.size() != 2) corrupt(vm, "handle");
  return Value::boolean(vm.truthy(items[1]));
}

Value loop_is_running(VM& vm, CallArgs& args) {
  return Value::boolean(loop_running(vm, loop_self(vm, args, "is_running")));
}

Value loop_is_closed(VM& vm, CallArgs& args) {
  return Value::boolean(vm.truthy(slot_of(vm, loop_self(vm, args, "is_closed"), " closed")));
}

Value loop_close(VM& vm, CallArgs& args) {
  Value obj = loop_self(vm, args, "close");
  if (loop_running(vm, obj))
    vm.raise(BuiltinTypeId::RuntimeError, "Cannot close a running event loop");
  set_hidden_attr(vm, obj, " closed", Value::boolean(true));
  return Value::none();
}

Value loop_repr(VM& vm, CallArgs& args) {
  Value obj = loop_self(vm, args, "__repr__");
  return vm.new_str(
      std::string("<_UnixSelectorEventLoop running=") + (loop_running(vm, obj) ? "True" : "False") +
      " closed=" + (vm.truthy(slot_of(vm, obj, " closed")) ? "True" : "False") + " debug=False>");
}

Value aio_get_running_loop(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "get_running_loop", 0, 0);
  return fields(vm, loop_or_raise(vm))[kLoopObj];
}

Value aio_new_event_loop(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "new_event_loop", 0, 0);
  return new_loop(vm);
}

Value aio_set_event_loop(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "set_event_loop", 1, 1);
  if (!args[0].is_none() && !has_class(vm, args[0], " EventLoop"))
    vm.type_error("loop must be an instance of AbstractEventLoop or None, not '" +
                  vm.type_name(args[0]) + "'");
  set_module_attr(vm, " current", args[0]);
  return Value::none();
}

// The running loop, else the current one (made on first use, as CPython's
// default policy does in the main thread).
Value aio_get_event_loop(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "get_event_loop", 0, 0);
  Value running = running_loop(vm);
  if (!running.is_undef()) return fields(vm, running)[kLoopObj];
  Value current = module_attr(vm, " current");
  if (has_class(vm, current, " EventLoop")) return current;
  Value obj = new_loop(vm);
  set_module_attr(vm, " current", obj);
  return obj;
}

Value aio_sleep(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "sleep", {"delay", "result"}, 1, 0, a);
  delay_of(vm, a[0]);  // a number, as the comparison with 0 needs
  Value s = vm.heap.make<InstanceObj>(class_named(vm, " Sleep"));
  set_hidden_attr(vm, s, " delay", a[0]);
  set_hidden_attr(vm, s, " result", a[1].is_undef() ? Value::none() : a[1]);
  set_hidden_attr(vm, s, " fut", Value::none());
  set_hidden_attr(vm, s, " yielded", Value::boolean(false));
  return s;
}

// The loop that gather() and ensure_future() schedule on: the running one,
// else the current one (get_event_loop(): made on first use).
Value scheduling_loop(VM& vm) {
  Value running = running_loop(vm);
  if (!running.is_undef()) return running;
  Value current = module_attr(vm, " current");
  if (!has_class(vm, current, " EventLoop")) {
    current = new_loop(vm);
    set_module_attr(vm, " current", current);
  }
  return loop_state(vm, current);
}

Value aio_gather(VM& vm, CallArgs& args) {
  bool return_exceptions = false;
  for (size_t i = 0; i < args.kw_names.size(); i++) {
    if (vm.str_view(args.kw_names[i]) != "return_exceptions")
      vm.type_error("gather() got an unexpected keyword argument '" +
                    std::string(vm.str_view(args.kw_names[i])) + "'");
    return_exceptions = vm.truthy(args.kw_values[i]);
  }
  Value loop = scheduling_loop(vm);
  std::vector<Value> children;
  // The same awaitable twice is one future (awaitables are heap objects:
  // keyed by id).
  std::unordered_map<uint32_t, Value> seen;
  for (Value aw : args.pos) {
    auto it = aw.is_obj() ? seen.find(aw.id) : seen.end();
    Value fut = it != seen.end() ? it->second : ensure_future(vm, loop, aw);
    if (aw.is_obj()) seen.emplace(aw.id, fut);
    children.push_back(fut);
  }
  if (children.empty()) {
    Value outer = new_future(vm);
    fut_finish(vm, outer, kFinished, vm.new_list(), Value::none());
    return outer;
  }
  return make_gathering(vm, std::move(children), return_exceptions);
}

Value aio_wait_for(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "wait_for", {"fut", "timeout"}, 2, 0, a);
  if (!a[1].is_none()) delay_of(vm, a[1]);
  Value w = vm.heap.make<InstanceObj>(class_named(vm, " WaitFor"));
  set_hidden_attr(vm, w, " aw", a[0]);
  set_hidden_attr(vm, w, " timeout", a[1]);
  set_hidden_attr(vm, w, " phase", Value::integer(0));
  for (const char* slot : {" fut", " waiter", " release", " timer"})
    set_hidden_attr(vm, w, slot, Value::none());
  return w;
}

Value aio_wait(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args(vm, args, "wait", {"fs", "timeout", "return_when"}, 1, 1, a);
  std::vector<Value> fs = distinct_awaitables(vm, a[0], "a list");
  if (fs.empty()) vm.value_error("Set of Tasks/Futures is empty.");
  const int64_t when = a[2].is_undef() ? kAllCompleted : return_when_of(vm, a[2]);
  for (Value f : fs) {
    if (is_coroutine(vm, f) || is_native_coroutine(vm, f))
      vm.type_error("Passing coroutines is forbidden, use tasks explicitly.");
    if (!is_future(vm, f))
      vm.type_error("An asyncio.Future, a coroutine or an awaitable is required");
  }
  if (!a[1].is_undef() && !a[1].is_none()) delay_of(vm, a[1]);
  Value w = vm.heap.make<InstanceObj>(class_named(vm, " WaitSet"));
  set_hidden_attr(vm, w, " fs", vm.new_list(std::move(fs)));
  set_hidden_attr(vm, w, " timeout", a[1].is_undef() ? Value::none() : a[1]);
  set_hidden_attr(vm, w, " when", Value::integer(when));
  set_hidden_attr(vm, w, " phase", Value::integer(0));
  set_hidden_attr(vm, w, " state", Value::none());
  return w;
}

// as_completed(): an iterator of awaitables, each giving the outcome of the
// next future to finish (3.11's queue of done futures; a None per future
// still to come when the timeout expires, which its awaitable raises as
// TimeoutError).
Value aio_as_completed(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "as_completed", {"fs", "timeout"}, 1, 1, a);
  std::vector<Value> items = distinct_awaitables(vm, a[0], "an iterable");
  Value loop = scheduling_loop(vm);
  std::vector<Value> todo;
  for (Value f : items) todo.push_back(ensure_future(vm, loop, f));
  Value q = new_queue(vm);
  Value state = vm.new_list({q, vm.new_list(todo), Value::none()});
  for (Value f : todo) add_done_callback(vm, f, make_handle(vm, kCompleted, state, f));
  if (!todo.empty() && !a[1].is_undef() && !a[1].is_none()) {
    Value timer = make_handle(vm, kCompletedTimeout, state, Value::none());
    vm.as<ListObj>(state)->items[2] = timer;
    schedule_timer(vm, loop, delay_of(vm, a[1]), timer);
  }
  std::vector<Value> awaitables;
  for (size_t i = 0; i < todo.size(); i++)
    awaitables.push_back(make_acquire(vm, q, kQueueGetResult, Value::none()));
  return vm.iter(vm.new_list(std::move(awaitables)));
}

Value aio_create_task(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args(vm, args, "create_task", {"coro", "name", "context"}, 1, 1, a);
  Value loop = loop_or_raise(vm);
  if (!is_coroutine(vm, a[0]) && !is_native_coroutine(vm, a[0]))
    vm.type_error("a coroutine was expected, got " + vm.repr_str(a[0]));
  return make_task(vm, loop, a[0], a[1]);
}

Value aio_ensure_future(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "ensure_future", {"coro_or_future", "loop"}, 1, 1, a);
  if (is_future(vm, a[0])) return a[0];
  return ensure_future(vm, scheduling_loop(vm), a[0]);
}

// A finished future holding `v`: what a native __aenter__ returns to be awaited.
Value done_with(VM& vm, Value v) {
  Value f = done_none(vm);
  set_hidden_attr(vm, f, " result", v);
  return f;
}

Value make_timeout(VM& vm, Value cls, Value when) {
  check_deadline(vm, when);
  Value tm = vm.heap.make<InstanceObj>(cls);
  set_timeout_state(vm, tm, kTmCreated);
  set_hidden_attr(vm, tm, " when", when);
  set_hidden_attr(vm, tm, " task", Value::none());
  set_hidden_attr(vm, tm, " due", Value::none());
  set_hidden_attr(vm, tm, " cancelling", Value::integer(0));
  return tm;
}

Value aio_timeout(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args(vm, args, "timeout", {"delay"}, 1, 0, a);
  Value loop = loop_or_raise(vm);
  Value when = Value::none();
  if (!a[0].is_none()) {
    Value now = fields(vm, loop)[kNow];
    if (!now.is_float()) corrupt(vm, "time");
    when = Value::floating(now.f + delay_of(vm, a[0]));
  }
  return make_timeout(vm, module_attr(vm, " Timeout"), when);
}

Value aio_timeout_at(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args(vm, args, "timeout_at", {"when"}, 1, 0, a);
  return make_timeout(vm, module_attr(vm, " Timeout"), a[0]);
}

Value timeout_new(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "Timeout", {"cls", "when"}, 2, 0, a);
  return make_timeout(vm, a[0], a[1]);
}

Value timeout_when(VM& vm, CallArgs& args) {
  Value tm = primitive_self(vm, args, " Timeout", "when");
  check_arg_count(vm, args, "when", 1, 1);
  return slot_of(vm, tm, " when");
}

Value timeout_reschedule_method(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "reschedule", {"self", "when"}, 2, 0, a);
  timeout_reschedule(vm, primitive_self(vm, args, " Timeout", "reschedule"), a[1]);
  return Value::none();
}

Value timeout_expired(VM& vm, CallArgs& args) {
  Value tm = primitive_self(vm, args, " Timeout", "expired");
  check_arg_count(vm, args, "expired", 1, 1);
  const TimeoutState st = timeout_state(vm, tm);
  return Value::boolean(st == kTmExpiring || st == kTmExpired);
}

Value timeout_repr(VM& vm, CallArgs& args) {
  Value tm = primitive_self(vm, args, " Timeout", "__repr__");
  const TimeoutState st = timeout_state(vm, tm);
  std::string info;
  if (st == kTmEntered) {
    Value when = slot_of(vm, tm, " when");
    // round(when, 3), as CPython prints it.
    info =
        " when=" + (when.is_float() ? vm.repr_str(Value::floating(std::round(when.f * 1000) / 1000))
                                    : vm.repr_str(when));
  }
  return vm.new_str(std::string("<Timeout [") + kTimeoutStateNames[st] + "]" + info + ">");
}

Value timeout_aenter(VM& vm, CallArgs& args) {
  Value tm = primitive_self(vm, args, " Timeout", "__aenter__");
  if (timeout_state(vm, tm) != kTmCreated)
    vm.raise(BuiltinTypeId::RuntimeError, "Timeout has already been entered");
  Value loop = loop_or_raise(vm);
  Value task = fields(vm, loop)[kCurrent];
  if (!is_task(vm, task))
    vm.raise(BuiltinTypeId::RuntimeError, "Timeout should be used inside a task");
  set_timeout_state(vm, tm, kTmEntered);
  set_hidden_attr(vm, tm, " task", task);
  set_hidden_attr(vm, tm, " cancelling", Value::integer(cancel_requests(vm, task)));
  timeout_reschedule(vm, tm, slot_of(vm, tm, " when"));
  return done_with(vm, tm);
}

Value timeout_aexit(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args(vm, args, "__aexit__", {"self", "exc_type", "exc_val", "exc_tb"}, 4, 0, a);
  Value tm = primitive_self(vm, args, " Timeout", "__aexit__");
  const TimeoutState st = timeout_state(vm, tm);
  if (st != kTmEntered && st != kTmExpiring) vm.raise(BuiltinTypeId::AssertionError, "");
  drop_deadline(vm, tm);
  if (st == kTmExpiring) {
    set_timeout_state(vm, tm, kTmExpired);
    Value task = slot_of(vm, tm, " task");
    if (!is_task(vm, task)) corrupt(vm, "timeout task");
    // Task.uncancel(): this Timeout's own cancel request is taken back; if
    // no other one came meanwhile, the CancelledError becomes TimeoutError.
    const int64_t left = uncancel(vm, task);
    Value entered = slot_of(vm, tm, " cancelling");
    if (!entered.is_int()) corrupt(vm, "timeout cancelling");
    if (left <= entered.i &&
        a[1].same(Value::type(static_cast<uint32_t>(BuiltinTypeId::CancelledError)))) {
      // raise TimeoutError from exc_val
      Value timeout_error = vm.new_exception(BuiltinTypeId::TimeoutError, "");
      auto* e = vm.as<InstanceObj>(timeout_error);
      e->cause = a[2].is_none() ? Value() : a[2];
      e->suppress_context = true;
      vm.raise(timeout_error);
    }
  } else {
    set_timeout_state(vm, tm, kTmExited);
  }
  return done_none(vm);
}

std::string tg_repr(VM& vm, Value tg) {
  std::string info;
  if (const size_t n = tg_list(vm, tg, " tasks").size()) info += " tasks=" + std::to_string(n);
  if (const size_t n = tg_list(vm, tg, " errors").size()) info += " errors=" + std::to_string(n);
  if (tg_flag(vm, tg, " aborting")) {
    info += " cancelling";
  } else if (tg_flag(vm, tg, " entered")) {
    info += " entered";
  }
  return "<TaskGroup" + info + ">";
}

Value tg_self(VM& vm, const CallArgs& args, const char* method) {
  return primitive_self(vm, args, " TaskGroup", method);
}

Value tg_new(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "TaskGroup", 1, 1);
  Value tg = vm.heap.make<InstanceObj>(args[0]);
  for (const char* flag : {" entered", " exiting", " aborting", " parent_cancel"})
    set_hidden_attr(vm, tg, flag, Value::boolean(false));
  for (const char* slot : {" parent", " base_error", " done_fut", " propagate"})
    set_hidden_attr(vm, tg, slot, Value::none());
  set_hidden_attr(vm, tg, " tasks", vm.new_list());
  set_hidden_attr(vm, tg, " errors", vm.new_list());
  return tg;
}

Value tg_repr_method(VM& vm, CallArgs& args) {
  return vm.new_str(tg_repr(vm, tg_self(vm, args, "__repr__")));
}

Value tg_aenter(VM& vm, CallArgs& args) {
  Value tg = tg_self(vm, args, "__aenter__");
  if (tg_flag(vm, tg, " entered"))
    vm.raise(BuiltinTypeId::RuntimeError,
             "TaskGroup " + tg_repr(vm, tg) + " has already been entered");
  set_hidden_attr(vm, tg, " entered", Value::boolean(true));
  Value task = fields(vm, loop_or_raise(vm))[kCurrent];
  if (!is_task(vm, task))
    vm.raise(BuiltinTypeId::RuntimeError,
             "TaskGroup " + tg_repr(vm, tg) + " cannot determine the parent task");
  set_hidden_attr(vm, tg, " parent", task);
  return done_with(vm, tg);
}

Value tg_aexit(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args(vm, args, "__aexit__", {"self", "et", "exc", "tb"}, 4, 0, a);
  Value tg = tg_self(vm, args, "__aexit__");
  set_hidden_attr(vm, tg, " exiting", Value::boolean(true));
  if (!a[2].is_none() && is_base_error(vm, a[2]) && slot_of(vm, tg, " base_error").is_none())
    set_hidden_attr(vm, tg, " base_error", a[2]);
  const bool cancelled =
      a[1].same(Value::type(static_cast<uint32_t>(BuiltinTypeId::CancelledError)));
  set_hidden_attr(vm, tg, " propagate", cancelled ? a[2] : Value::none());
  if (tg_flag(vm, tg, " parent_cancel")) {
    // Task.uncancel() of the group's own cancellation: with none left,
    // the CancelledError is not propagated.
    Value parent = slot_of(vm, tg, " parent");
    if (!is_task(vm, parent)) corrupt(vm, "task group parent");
    if (uncancel(vm, parent) == 0) set_hidden_attr(vm, tg, " propagate", Value::none());
  }
  if (!a[1].is_none() && !tg_flag(vm, tg, " aborting")) tg_abort(vm, tg);
  Value x = vm.heap.make<InstanceObj>(module_attr(vm, " TaskGroupExit"));
  set_hidden_attr(vm, x, " group", tg);
  set_hidden_attr(vm, x, " et", a[1]);
  set_hidden_attr(vm, x, " exc", a[2]);
  return x;
}

Value tg_create_task(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args(vm, args, "create_task", {"self", "coro", "name", "context"}, 2, 2, a);
  Value tg = tg_self(vm, args, "create_task");
  if (!tg_flag(vm, tg, " entered"))
    vm.raise(BuiltinTypeId::RuntimeError, "TaskGroup " + tg_repr(vm, tg) + " has not been entered");
  if (tg_flag(vm, tg, " exiting") && tg_list(vm, tg, " tasks").empty())
    vm.raise(BuiltinTypeId::RuntimeError, "TaskGroup " + tg_repr(vm, tg) + " is finished");
  if (tg_flag(vm, tg, " aborting"))
    vm.raise(BuiltinTypeId::RuntimeError, "TaskGroup " + tg_repr(vm, tg) + " is shutting down");
  if (!is_coroutine(vm, a[1]) && !is_native_coroutine(vm, a[1]))
    vm.type_error("a coroutine was expected, got " + vm.repr_str(a[1]));
  Value task = make_task(vm, loop_or_raise(vm), a[1], a[2]);
  tg_list(vm, tg, " tasks").push_back(task);
  add_done_callback(vm, task, make_handle(vm, kTaskGroupDone, tg, task));
  return task;
}

// shield(aw): a future that takes aw's outcome, whose cancellation does not
// reach aw.
Value aio_shield(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args(vm, args, "shield", {"arg"}, 1, 0, a);
  Value inner = is_future(vm, a[0]) ? a[0] : ensure_future(vm, scheduling_loop(vm), a[0]);
  if (fut_state(vm, inner) != kPending) return inner;
  Value outer = new_future(vm);
  add_done_callback(vm, inner, make_handle(vm, kShieldDone, outer, inner));
  return outer;
}

Value aio_current_task(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args(vm, args, "current_task", {"loop"}, 0, 0, a);
  Value t = fields(vm, loop_or_raise(vm))[kCurrent];
  return is_task(vm, t) ? t : Value::none();
}

Value aio_all_tasks(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args(vm, args, "all_tasks", {"loop"}, 0, 0, a);
  Value loop = loop_or_raise(vm);
  std::vector<Value> pending;
  for (Value t : std::vector<Value>(list_field(vm, fields(vm, loop)[kTasks], "tasks")->items))
    if (is_task(vm, t) && fut_state(vm, t) == kPending) pending.push_back(t);
  Value items[] = {vm.new_list(std::move(pending))};
  return vm.call(Value::type(static_cast<uint32_t>(BuiltinTypeId::Set)), items);
}

Value aio_iscoroutine(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "iscoroutine", 1, 1);
  return Value::boolean(is_coroutine(vm, args[0]));
}

Value aio_iscoroutinefunction(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "iscoroutinefunction", 1, 1);
  Value f = args[0];
  if (vm.is_kind(f, ObjKind::BoundMethod)) f = vm.as<BoundMethodObj>(f)->func;
  if (!vm.is_kind(f, ObjKind::Function)) return Value::boolean(false);
  const auto& codes = vm.program().codes;
  const uint32_t code = vm.as<FunctionObj>(f)->code;
  return Value::boolean(code < codes.size() && (codes[code].flags & kCodeCoroutine));
}

// ---- Future and Task methods -----------------------------------------------------------

Value self_future(VM& vm, const CallArgs& args, const char* method) {
  if (args.size() == 0 || !is_future(vm, args[0]))
    vm.type_error(std::string("descriptor '") + method +
                  "' requires a '_asyncio.Future' object but received a '" +
                  (args.size() ? vm.type_name(args[0]) : std::string("NoneType")) + "'");
  return args[0];
}

Value self_task(VM& vm, const CallArgs& args, const char* method) {
  if (args.size() == 0 || !is_task(vm, args[0]))
    vm.type_error(std::string("descriptor '") + method +
                  "' requires a '_asyncio.Task' object but received a '" +
                  (args.size() ? vm.type_name(args[0]) : std::string("NoneType")) + "'");
  return args[0];
}

Value fut_done(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "done");
  check_arg_count(vm, args, "done", 1, 1);
  return Value::boolean(fut_state(vm, f) != kPending);
}

Value fut_cancelled(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "cancelled");
  check_arg_count(vm, args, "cancelled", 1, 1);
  return Value::boolean(fut_state(vm, f) == kCancelled);
}

Value fut_result(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "result");
  check_arg_count(vm, args, "result", 1, 1);
  switch (fut_state(vm, f)) {
    case kPending:
      vm.raise(BuiltinTypeId::InvalidStateError, "Result is not set.");
    case kCancelled:
      vm.raise(cancelled_error(vm));
    case kFinished:
      break;
  }
  Value out;
  future_step(vm, f, &out, Value());
  return out;
}

Value fut_exception(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "exception");
  check_arg_count(vm, args, "exception", 1, 1);
  switch (fut_state(vm, f)) {
    case kPending:
      vm.raise(BuiltinTypeId::InvalidStateError, "Exception is not set.");
    case kCancelled:
      vm.raise(cancelled_error(vm));
    case kFinished:
      break;
  }
  return slot_of(vm, f, " exc");
}

Value fut_cancel_method(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "cancel");
  Value a[2];
  bind_args(vm, args, "cancel", {"self", "msg"}, 1, 0, a);
  return Value::boolean(fut_cancel(vm, f));
}

Value fut_add_done_callback(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "add_done_callback");
  Value a[3];
  bind_args(vm, args, "add_done_callback", {"self", "fn", "context"}, 2, 2, a);
  add_done_callback(vm, f, make_handle(vm, kUserCallback, a[1], f));
  return Value::none();
}

Value fut_set_result(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "set_result");
  check_arg_count(vm, args, "set_result", 2, 2);
  if (is_task(vm, f))
    vm.raise(BuiltinTypeId::RuntimeError, "Task does not support set_result operation");
  fut_finish(vm, f, kFinished, args[1], Value::none());
  return Value::none();
}

Value fut_set_exception(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "set_exception");
  check_arg_count(vm, args, "set_exception", 2, 2);
  if (is_task(vm, f))
    vm.raise(BuiltinTypeId::RuntimeError, "Task does not support set_exception operation");
  Value exc = args[1];
  if (vm.is_kind(exc, ObjKind::Class) || exc.is_type()) exc = vm.call(exc);
  if (!(vm.is_kind(exc, ObjKind::Instance) && vm.is_instance(exc, BuiltinTypeId::BaseException)))
    vm.type_error("invalid exception object");
  fut_finish(vm, f, kFinished, Value::none(), exc);
  return Value::none();
}

Value fut_new(VM& vm, CallArgs& args) {
  // Future(): a future of the running loop (CPython would also take the
  // loop to use as a keyword).
  loop_or_raise(vm);
  Value cls = args.size() ? args[0] : class_named(vm, " Future");
  Value f = vm.heap.make<InstanceObj>(cls);
  init_future(vm, f);
  return f;
}

std::string coro_repr(VM& vm, Value coro) {
  if (!is_coroutine(vm, coro)) return vm.repr_str(coro);
  auto* g = vm.as<GeneratorObj>(coro);
  std::string name = std::string(vm.str_view(g->name)) + "()";
  const std::string& file = vm.program().script_name;
  if (g->frame) {
    return name + " running at " + file + ":" + std::to_string(vm.line_of(*g->frame));
  }
  return name + " done";
}

std::string future_repr(VM& vm, Value f) {
  FutState s = fut_state(vm, f);
  std::string out = is_task(vm, f) ? "<Task " : "<Future ";
  out += s == kPending ? "pending" : s == kCancelled ? "cancelled" : "finished";
  if (is_task(vm, f)) {
    out += " name=" + vm.repr_str(vm.new_str(task_name(vm, slot_of(vm, f, " name"))));
    out += " coro=<" + coro_repr(vm, slot_of(vm, f, " coro")) + ">";
  }
  if (s == kFinished) {
    Value exc = slot_of(vm, f, " exc");
    if (!exc.is_none()) {
      out += " exception=" + vm.repr_str(exc);
    } else {
      out += " result=" + vm.repr_str(slot_of(vm, f, " result"));
    }
  }
  return out + ">";
}

Value fut_repr(VM& vm, CallArgs& args) {
  Value f = self_future(vm, args, "__repr__");
  return vm.new_str(future_repr(vm, f));
}

Value task_get_name(VM& vm, CallArgs& args) {
  Value t = self_task(vm, args, "get_name");
  check_arg_count(vm, args, "get_name", 1, 1);
  return vm.new_str(task_name(vm, slot_of(vm, t, " name")));
}

Value task_set_name(VM& vm, CallArgs& args) {
  Value t = self_task(vm, args, "set_name");
  check_arg_count(vm, args, "set_name", 2, 2);
  set_hidden_attr(vm, t, " name", vm.new_str(vm.to_str(args[1])));
  return Value::none();
}

Value task_get_coro(VM& vm, CallArgs& args) {
  Value t = self_task(vm, args, "get_coro");
  check_arg_count(vm, args, "get_coro", 1, 1);
  return slot_of(vm, t, " coro");
}

Value task_cancelling(VM& vm, CallArgs& args) {
  Value t = self_task(vm, args, "cancelling");
  check_arg_count(vm, args, "cancelling", 1, 1);
  return Value::integer(cancel_requests(vm, t));
}

Value task_uncancel(VM& vm, CallArgs& args) {
  Value t = self_task(vm, args, "uncancel");
  check_arg_count(vm, args, "uncancel", 1, 1);
  return Value::integer(uncancel(vm, t));
}

Value task_new(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args(vm, args, "Task", {"cls", "coro", "loop", "name"}, 2, 2, a);
  Value loop = loop_or_raise(vm);
  if (!is_coroutine(vm, a[1])) vm.type_error("a coroutine was expected, got " + vm.repr_str(a[1]));
  return make_task(vm, loop, a[1], a[3]);
}

// asyncio.sleep() and wait_for() are coroutines in CPython; here natives that await like one.
Value sleep_repr(VM& vm, CallArgs& args) {
  if (args.size() == 0 || !vm.is_kind(args[0], ObjKind::Instance))
    vm.type_error("expected an asyncio.sleep()");
  std::string name = is_sleep(vm, args[0])             ? "sleep"
                     : is_task_group_exit(vm, args[0]) ? "TaskGroup.__aexit__"
                                                       : "wait_for";
  if (is_acquire(vm, args[0])) {
    Value kind = slot_of(vm, args[0], " kind");
    Value result = slot_of(vm, args[0], " result");
    const int64_t k = kind.is_int() ? kind.i : -1;
    name = k == kQueueGet     ? "Queue.get"
           : k == kQueuePut   ? "Queue.put"
           : k == kEvent      ? (result.is_none() ? "Queue.join" : "Event.wait")
           : result.is_none() ? "_ContextManagerMixin.__aenter__"
           : k == kLock       ? "Lock.acquire"
                              : "Semaphore.acquire";
  }
  return vm.new_str("<coroutine object " + name + " at 0x" + std::to_string(1000 + args[0].id) +
                    ">");
}

const BuiltinFnDef kAsyncioFunctionTable[] = {
    {"run", aio_run, "asyncio"},
    {"sleep", aio_sleep, "asyncio"},
    {"gather", aio_gather, "asyncio"},
    {"create_task", aio_create_task, "asyncio"},
    {"wait_for", aio_wait_for, "asyncio"},
    {"wait", aio_wait, "asyncio"},
    {"as_completed", aio_as_completed, "asyncio"},
    {"ensure_future", aio_ensure_future, "asyncio"},
    {"current_task", aio_current_task, "asyncio"},
    {"timeout", aio_timeout, "asyncio"},
    {"timeout_at", aio_timeout_at, "asyncio"},
    {"shield", aio_shield, "asyncio"},
    {"__new__", tg_new, "_asyncio_TaskGroupS"},
    {"__repr__", tg_repr_method, "_asyncio_TaskGroup", nullptr, true},
    {"__aenter__", tg_aenter, "_asyncio_TaskGroup", nullptr, true},
    {"__aexit__", tg_aexit, "_asyncio_TaskGroup", nullptr, true},
    {"create_task", tg_create_task, "_asyncio_TaskGroup", nullptr, true},
    {"__repr__", sleep_repr, "_asyncio_TaskGroupExit", nullptr, true},
    {"__new__", timeout_new, "_asyncio_TimeoutS"},
    {"when", timeout_when, "_asyncio_Timeout", nullptr, true},
    {"reschedule", timeout_reschedule_method, "_asyncio_Timeout", nullptr, true},
    {"expired", timeout_expired, "_asyncio_Timeout", nullptr, true},
    {"__repr__", timeout_repr, "_asyncio_Timeout", nullptr, true},
    {"__aenter__", timeout_aenter, "_asyncio_Timeout", nullptr, true},
    {"__aexit__", timeout_aexit, "_asyncio_Timeout", nullptr, true},
    {"all_tasks", aio_all_tasks, "asyncio"},
    {"iscoroutine", aio_iscoroutine, "asyncio"},
    {"iscoroutinefunction", aio_iscoroutinefunction, "asyncio"},
    {"__new__", fut_new, "_asyncio_FutureS"},
    {"done", fut_done, "_asyncio_Future", nullptr, true},
    {"cancelled", fut_cancelled, "_asyncio_Future", nullptr, true},
    {"result", fut_result, "_asyncio_Future", nullptr, true},
    {"exception", fut_exception, "_asyncio_Future", nullptr, true},
    {"cancel", fut_cancel_method, "_asyncio_Future", nullptr, true},
    {"add_done_callback", fut_add_done_callback, "_asyncio_Future", nullptr, true},
    {"set_result", fut_set_result, "_asyncio_Future", nullptr, true},
    {"set_exception", fut_set_exception, "_asyncio_Future", nullptr, true},
    {"__repr__", fut_repr, "_asyncio_Future", nullptr, true},
    {"__new__", task_new, "_asyncio_TaskS"},
    {"get_name", task_get_name, "_asyncio_Task", nullptr, true},
    {"set_name", task_set_name, "_asyncio_Task", nullptr, true},
    {"get_coro", task_get_coro, "_asyncio_Task", nullptr, true},
    {"cancelling", task_cancelling, "_asyncio_Task", nullptr, true},
    {"uncancel", task_uncancel, "_asyncio_Task", nullptr, true},
    {"__repr__", sleep_repr, "_asyncio_Sleep", nullptr, true},
    {"__repr__", sleep_repr, "_asyncio_WaitFor", nullptr, true},
    {"__repr__", sleep_repr, "_asyncio_Acquire", nullptr, true},
    {"__repr__", sleep_repr, "_asyncio_WaitSet", nullptr, true},
    {"__new__", lock_new, "_asyncio_LockS"},
    {"locked", lock_locked, "_asyncio_Lock", nullptr, true},
    {"acquire", lock_acquire, "_asyncio_Lock", nullptr, true},
    {"release", lock_release, "_asyncio_Lock", nullptr, true},
    {"__aenter__", lock_aenter, "_asyncio_Lock", nullptr, true},
    {"__aexit__", lock_aexit, "_asyncio_Lock", nullptr, true},
    {"__repr__", primitive_repr, "_asyncio_Lock", nullptr, true},
    {"__new__", sem_new, "_asyncio_SemaphoreS"},
    {"locked", sem_locked_method, "_asyncio_Semaphore", nullptr, true},
    {"acquire", sem_acquire, "_asyncio_Semaphore", nullptr, true},
    {"release", sem_release, "_asyncio_Semaphore", nullptr, true},
    {"__aenter__", sem_aenter, "_asyncio_Semaphore", nullptr, true},
    {"__aexit__", sem_aexit, "_asyncio_Semaphore", nullptr, true},
    {"__repr__", primitive_repr, "_asyncio_Semaphore", nullptr, true},
    {"__new__", event_new, "_asyncio_EventS"},
    {"is_set", event_is_set, "_asyncio_Event", nullptr, true},
    {"set", event_set, "_asyncio_Event", nullptr, true},
    {"clear", event_clear, "_asyncio_Event", nullptr, true},
    {"wait", event_wait, "_asyncio_Event", nullptr, true},
    {"__repr__", primitive_repr, "_asyncio_Event", nullptr, true},
    {"get_running_loop", aio_get_running_loop, "asyncio"},
    {"get_event_loop", aio_get_event_loop, "asyncio"},
    {"new_event_loop", aio_new_event_loop, "asyncio"},
    {"set_event_loop", aio_set_event_loop, "asyncio"},
    {"run_until_complete", loop_run_until_complete, "_asyncio_Loop", nullptr, true},
    {"time", loop_time, "_asyncio_Loop", nullptr, true},
    {"create_task", loop_create_task, "_asyncio_Loop", nullptr, true},
    {"create_future", loop_create_future, "_asyncio_Loop", nullptr, true},
    {"call_soon", loop_call_soon, "_asyncio_Loop", nullptr, true},
    {"call_later", loop_call_later, "_asyncio_Loop", nullptr, true},
    {"is_running", loop_is_running, "_asyncio_Loop", nullptr, true},
    {"is_closed", loop_is_closed, "_asyncio_Loop", nullptr, true},
    {"close", loop_close, "_asyncio_Loop", nullptr, true},
    {"__repr__", loop_repr, "_asyncio_Loop", nullptr, true},
    {"cancel", handle_cancel, "_asyncio_Handle", nullptr, true},
    {"cancelled", handle_cancelled, "_asyncio_Handle", nullptr, true},
    {"__new__", queue_new, "_asyncio_QueueS"},
    {"qsize", queue_qsize, "_asyncio_Queue", nullptr, true},
    {"empty", queue_empty, "_asyncio_Queue", nullptr, true},
    {"full", queue_full_method, "_asyncio_Queue", nullptr, true},
    {"get", queue_get, "_asyncio_Queue", nullptr, true},
    {"put", queue_put, "_asyncio_Queue", nullptr, true},
    {"get_nowait", queue_get_nowait, "_asyncio_Queue", nullptr, true},
    {"put_nowait", queue_put_nowait, "_asyncio_Queue", nullptr, true},
    {"task_done", queue_task_done, "_asyncio_Queue", nullptr, true},
    {"join", queue_join, "_asyncio_Queue", nullptr, true},
    {"__repr__", queue_repr, "_asyncio_Queue", nullptr, true},
    {"__str__", queue_str, "_asyncio_Queue", nullptr, true},
};

Value native_class(VM& vm, const char* prefix, const char* name, std::vector<Value> bases,
                   const char* module = "asyncio") {
  Value ns = native_class_namespace(vm, prefix);
  return make_module_class(vm, module, name, bases, ns, std::string_view(module) == "asyncio");
}

}  // namespace

const std::span<const BuiltinFnDef> kAsyncioFunctions = kAsyncioFunctionTable;

void init_asyncio_module(VM& vm, ModuleObj* module) {
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  Value future = native_class(vm, "_asyncio_Future", "Future", {object});
  Value task = native_class(vm, "_asyncio_Task", "Task", {future});
  Value gathering = native_class(vm, "_asyncio_Gathering", "_GatheringFuture", {future});
  Value sleep = native_class(vm, "_asyncio_Sleep", "sleep", {object});
  Value wait_for = native_class(vm, "_asyncio_WaitFor", "wait_for", {object});
  Value acquire = native_class(vm, "_asyncio_Acquire", "acquire", {object});
  Value wait_set = native_class(vm, "_asyncio_WaitSet", "wait", {object});
  Value lock = native_class(vm, "_asyncio_Lock", "Lock", {object}, "asyncio.locks");
  Value semaphore = native_class(vm, "_asyncio_Semaphore", "Semaphore", {object}, "asyncio.locks");
  Value bounded =
      native_class(vm, "_asyncio_Bounded", "BoundedSemaphore", {semaphore}, "asyncio.locks");
  Value event = native_class(vm, "_asyncio_Event", "Event", {object}, "asyncio.locks");
  Value queue = native_class(vm, "_asyncio_Queue", "Queue", {object}, "asyncio.queues");
  Value event_loop =
      native_class(vm, "_asyncio_Loop", "_UnixSelectorEventLoop", {object}, "asyncio.unix_events");
  Value handle = native_class(vm, "_asyncio_Handle", "TimerHandle", {object}, "asyncio.events");
  Value priority =
      native_class(vm, "_asyncio_Priority", "PriorityQueue", {queue}, "asyncio.queues");
  Value lifo = native_class(vm, "_asyncio_Lifo", "LifoQueue", {queue}, "asyncio.queues");
  Value timeout = native_class(vm, "_asyncio_Timeout", "Timeout", {object}, "asyncio.timeouts");
  Value task_group =
      native_class(vm, "_asyncio_TaskGroup", "TaskGroup", {object}, "asyncio.taskgroups");
  Value task_group_exit =
      native_class(vm, "_asyncio_TaskGroupExit", "TaskGroup.__aexit__", {object});
  auto set = [&](const char* name, Value v) { module->attrs.set(vm, vm.intern(name), v); };
  set("Future", future);
  set("Task", task);
  set(" Future", future);
  set(" Task", task);
  set(" Gathering", gathering);
  set(" Sleep", sleep);
  set(" WaitFor", wait_for);
  set(" Acquire", acquire);
  set(" WaitSet", wait_set);
  set(" TaskGroupExit", task_group_exit);
  set("FIRST_COMPLETED", vm.new_str("FIRST_COMPLETED"));
  set("FIRST_EXCEPTION", vm.new_str("FIRST_EXCEPTION"));
  set("ALL_COMPLETED", vm.new_str("ALL_COMPLETED"));
  set(" EventLoop", event_loop);
  set(" Handle", handle);
  set(" current", Value::none());
  for (auto [name, cls] : {std::pair{"Lock", lock}, std::pair{"Semaphore", semaphore},
                           std::pair{"BoundedSemaphore", bounded}, std::pair{"Event", event},
                           std::pair{"Queue", queue}, std::pair{"PriorityQueue", priority},
                           std::pair{"LifoQueue", lifo}, std::pair{"Timeout", timeout},
                           std::pair{"TaskGroup", task_group}}) {
    set(name, cls);
    set((std::string(" ") + name).c_str(), cls);
  }
  set(" loop", Value::none());
  set(" count", Value::integer(0));
  set("CancelledError", Value::type(static_cast<uint32_t>(BuiltinTypeId::CancelledError)));
  set("InvalidStateError", Value::type(static_cast<uint32_t>(BuiltinTypeId::InvalidStateError)));
  set("TimeoutError", Value::type(static_cast<uint32_t>(BuiltinTypeId::TimeoutError)));
  set("QueueEmpty", Value::type(static_cast<uint32_t>(BuiltinTypeId::QueueEmpty)));
  set("QueueFull", Value::type(static_cast<uint32_t>(BuiltinTypeId::QueueFull)));
}

// ---- await, and the event loop's instructions (VM members) --------------------------------

bool VM::is_asyncio_awaitable(Value v) {
  return is_kind(v, ObjKind::Instance) &&
         (is_future(*this, v) || is_sleep(*this, v) || is_wait_for(*this, v) ||
          is_acquire(*this, v) || is_wait_set(*this, v) || is_task_group_exit(*this, v));
}

Value VM::get_awaitable(Value v) {
  if (is_kind(v, ObjKind::Generator)) {
    auto* g = as<GeneratorObj>(v);
    if (!g->coroutine) type_error("object generator can't be used in 'await' expression");
    if (!g->frame && !g->running)
      raise(BuiltinTypeId::RuntimeError, "cannot reuse already awaited coroutine");
    return v;
  }
  if (is_asyncio_awaitable(v)) return v;
  if (is_kind(v, ObjKind::Instance)) {
    Value m = lookup_special(v, "__await__");
    if (!m.is_undef()) {
      Value r = call(m);
      if (is_coroutine(*this, r)) type_error("__await__() returned a coroutine");
      if (!is_kind(r, ObjKind::Generator) && !is_kind(r, ObjKind::Iterator) &&
          lookup_special(r, "__next__").is_undef())
        type_error("__await__() returned non-iterator of type '" + type_name(r) + "'");
      return r;
    }
  }
  type_error("object " + type_name(v) + " can't be used in 'await' expression");
}

bool VM::await_native_step(Value aw, Value* out) {
  if (is_sleep(*this, aw)) return sleep_step(*this, aw, out);
  if (is_wait_for(*this, aw)) return wait_for_step(*this, aw, out);
  if (is_acquire(*this, aw)) return acquire_step(*this, aw, out);
  if (is_wait_set(*this, aw)) return wait_set_step(*this, aw, out);
  if (is_task_group_exit(*this, aw)) return tg_exit_step(*this, aw, out);
  return future_step(*this, aw, out, Value());
}

Value VM::run_event_loop(Value loop, Value main_coro, bool direct) {
  consume_as_frame(Consumer::EventLoop, main_coro, {loop});
  if (direct) return Value();  // the loop's frame runs next, in this dispatch loop
  // Called from native code (map(asyncio.run, ...)): the loop runs here.
  native_pushed_frame_ = false;
  const size_t depth = frames.size() - 1;
  frames.back()->reentry_boundary = true;
  if (native_depth >= kMaxNativeDepth)
    raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
  native_depth++;
  unsafe_native_depth++;
  struct Guard {
    VM& vm;
    ~Guard() {
      vm.native_depth--;
      vm.unsafe_native_depth--;
    }
  } guard{*this};
  return run_loop(depth);
}

bool VM::loop_next(Frame& f, Value* coro) { return advance(*this, f.slots[0], coro); }

void VM::loop_yielded(Frame& f, Value yielded) {
  Value loop = f.slots[0];
  Value task = current_task_of(*this, loop);
  fields(*this, loop)[kCurrent] = Value::none();
  try {
    task_waits(*this, loop, task, yielded);
  } catch (PyError& e) {
    // CPython throws this into the coroutine; here the task ends with it.
    finish_coroutine(*this, slot_of(*this, task, " coro"));
    task_raised(*this, task, e.exc);
  }
}

void VM::loop_returned(Frame& f, Value result) {
  Value loop = f.slots[0];
  Value task = current_task_of(*this, loop);
  fields(*this, loop)[kCurrent] = Value::none();
  task_returned(*this, task, result.is_undef() ? Value::none() : result);
}

void VM::loop_raised(Frame& f, Value exc) {
  Value loop = f.slots[0];
  Value task = fields(*this, loop)[kCurrent];
  if (!is_task(*this, task)) {
    // The loop itself failed (nothing left to run, damaged state): the
    // error leaves asyncio.run.
    set_module_attr(*this, " loop", Value::none());
    reraising_ = true;
    throw PyError{exc};
  }
  fields(*this, loop)[kCurrent] = Value::none();
  task_raised(*this, task, exc);
}

Value VM::loop_finish(Frame& f) {
  Value loop = f.slots[0];
  Value main = fields(*this, loop)[kMain];
  set_module_attr(*this, " loop", Value::none());
  if (int_field(*this, fields(*this, loop)[kMode], "loop mode") == 0) {
    // Closing asyncio.run's runner runs two more tasks (shutdown_asyncgens
    // and shutdown_default_executor): the next task made is named as
    // CPython's; the loop is closed.
    Value count = module_attr(*this, " count");
    set_module_attr(*this, " count", Value::integer((count.is_int() ? count.i : 0) + 2));
    Value obj = fields(*this, loop)[kLoopObj];
    if (has_class(*this, obj, " EventLoop"))
      set_hidden_attr(*this, obj, " closed", Value::boolean(true));
  }
  if (!is_future(*this, main)) corrupt(*this, "main task");
  Value out;
  if (fut_state(*this, main) == kPending) corrupt(*this, "main task not done");
  future_step(*this, main, &out, Value());
  return out;
}

void VM::loop_unwound(Frame&) { set_module_attr(*this, " loop", Value::none()); }

bool VM::in_running_loop() { return !running_loop(*this).is_undef(); }

Value VM::defer_host_call(uint64_t call_id) {
  Value loop = loop_or_raise(*this);
  Value f = new_future(*this);
  set_hidden_attr(*this, f, " host", Value::boolean(true));
  host_calls(*this, loop).push_back(new_tuple({Value::integer(static_cast<int64_t>(call_id)), f}));
  return f;
}

bool VM::resolve_host_call(uint64_t call_id, Value value, Value exc) {
  Value loop = running_loop(*this);
  if (loop.is_undef()) return false;
  auto& calls = host_calls(*this, loop);
  for (size_t i = 0; i < calls.size(); i++) {
    const auto& c = as<TupleObj>(calls[i])->items;
    if (static_cast<uint64_t>(c[0].i) != call_id) continue;
    Value f = c[1];
    calls.erase(calls.begin() + static_cast<std::ptrdiff_t>(i));
    fut_finish(*this, f, kFinished, exc.is_undef() ? value : Value::none(),
               exc.is_undef() ? Value::none() : exc);
    return true;
  }
  return false;
}

void VM::describe_wait() {
  Value loop = loop_or_raise(*this);
  PendingCall pc;
  pc.kind = PendingCall::Kind::Wait;
  for (Value c : host_calls(*this, loop))
    pc.waiting.push_back(static_cast<uint64_t>(as<TupleObj>(c)->items[0].i));
  auto& f = fields(*this, loop);
  auto& timers = list_field(*this, f[kTimers], "timers")->items;
  if (!timers.empty()) {
    Value t = timers[0];
    if (!is_tuple(t) || as<TupleObj>(t)->items.size() != 3 ||
        !as<TupleObj>(t)->items[0].is_float() || !f[kNow].is_float())
      corrupt(*this, "timer");
    pc.timeout = std::max(0.0, as<TupleObj>(t)->items[0].f - f[kNow].f);
  }
  // A loaded snapshot keeps the id it was dumped with.
  pc.call_id = paused_ ? pending_.call_id : ++call_counter_;
  pending_ = std::move(pc);
  pending_kind_ = static_cast<uint8_t>(PendingCall::Kind::Wait);
  if (!paused_ && clock_) time_spent_ms_ += clock_() - segment_start_ms_;
  paused_ = true;
}

Value VM::awaitable_answer(Value value, Value exc) {
  if (running_loop(*this).is_undef()) return Value();
  Value f = new_future(*this);
  set_hidden_attr(*this, f, " host", Value::boolean(true));
  set_hidden_attr(*this, f, " state", Value::integer(kFinished));
  set_hidden_attr(*this, f, " result", exc.is_undef() ? value : Value::none());
  set_hidden_attr(*this, f, " exc", exc.is_undef() ? Value::none() : exc);
  return f;
}

}  // namespace monty

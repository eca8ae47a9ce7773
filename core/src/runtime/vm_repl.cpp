// REPL sessions: one VM runs a sequence of snippets that share its globals.
// Each snippet is a module code appended to the (growing) Program; nothing
// here copies or rebuilds state, so an object made by one snippet is the
// same object in the next.

#include "runtime/vm.h"

namespace monty {

void VM::sync_program() {
  repl_session_ = true;
  const Program& p = *program_;
  names_.reserve(p.names.size());
  for (size_t i = names_.size(); i < p.names.size(); i++) names_.push_back(new_str(p.names[i]));
  if (globals.size() < p.globals.size()) globals.resize(p.globals.size(), Value());
  if (constants.size() < p.codes.size()) constants.resize(p.codes.size());
  // Program::codes is a deque: appending keeps earlier Code addresses valid,
  // so only the new entries need pointers.
  for (size_t i = code_ptrs_.size(); i < p.codes.size(); i++) code_ptrs_.push_back(&p.codes[i]);
  shape_codes();
}

// The consumer codes (asyncio.run's event loop, ...) follow the program's
// codes; a session's program grows with each snippet, so they leave between
// snippets (no frame runs them then) and the next snippet's codes take
// their indices. Everything kept per code index goes with them.
void VM::drop_consumer_codes() {
  if (consumer_base_ == 0) return;
  code_ptrs_.resize(consumer_base_);
  constants.resize(consumer_base_);
  shapes_.resize(consumer_base_);
  if (code_names_.size() > consumer_base_) code_names_.resize(consumer_base_);
  consumer_base_ = 0;
}

Value VM::run_snippet(uint32_t code_index) {
  drop_consumer_codes();
  sync_program();
  // A snippet starts from a clean control state: whatever the previous one
  // left (an uncaught exception, a limit that ended it) is over, while its
  // heap objects and globals remain.
  uncaught_ = Value();
  pending_exc_ = Value();
  handled.clear();
  limit_hit_ = false;
  paused_ = false;
  instructions = 0;
  time_spent_ms_ = 0;
  next_yield_ = UINT64_MAX;
  if (limits_.max_duration_ms && !clock_) {
    uncaught_ = new_exception(BuiltinTypeId::RuntimeError, "max_duration_ms needs a host clock");
    return Value();
  }
  try {
    push_frame(code_index, Value());
  } catch (PyError& err) {
    uncaught_ = err.exc;
    return Value();
  }
  frames.back()->reentry_boundary = true;
  Value result = resume_run(Value());
  if (frames.empty()) drop_consumer_codes();
  return result;
}

}  // namespace monty

// How the fuzz harnesses answer a pause, so that fuzzed runs also take the
// deferred-call paths: a call made inside asyncio's event loop is deferred
// on odd steps (the program runs on with a pending future), a wait is
// answered by resolving every call it waits for, anything else is resumed
// with `value`.
#pragma once

#include <vector>

#include "monty/monty.h"

namespace monty_fuzz {

inline monty::Outcome<monty::Progress> answer(monty::Snapshot& s, int step,
                                              const monty::Object& value) {
  const monty::PendingCall& pc = s.pending();
  if (pc.kind == monty::PendingCall::Kind::Wait) {
    std::vector<monty::CallResult> all;
    for (uint64_t id : pc.waiting) all.push_back(monty::CallResult::ok(id, value));
    return s.resolve(all);
  }
  if (pc.kind == monty::PendingCall::Kind::FunctionCall && pc.in_event_loop && step % 2)
    return s.defer();
  return s.resume(value);
}

}  // namespace monty_fuzz

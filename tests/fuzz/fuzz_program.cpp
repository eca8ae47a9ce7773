// libFuzzer target: arbitrary bytes as a Python program. Whatever the source,
// compiling and running it must end in a result or a Python error: never a
// crash, an abort, an uncaught C++ exception, a sanitizer report or a hang.
// Runs are bounded by small limits (instructions, memory, allocations,
// depth), which are themselves under test here: a program that outlives them
// is a finding (libFuzzer's -timeout). External calls pause and are
// answered, and every pause is dumped and reloaded, so the snapshot writer
// and loader see every state the fuzzer reaches.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "answer.h"
#include "monty/monty.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view code(reinterpret_cast<const char*>(data), size);
  auto runner = monty::Runner::create(code, "fuzz.py", {"x"}, {"ext"});
  if (!runner) return 0;
  monty::Limits limits;
  limits.max_instructions = 20000;
  limits.max_memory = 1u << 20;
  limits.max_allocations = 200000;
  limits.max_recursion_depth = 200;
  monty::Host host;
  host.print = [](monty::Stream, std::string_view) {};
  auto p = runner->start({monty::Object::integer(7)}, limits, host);
  for (int steps = 0; p && !p->is_complete() && steps < 20; steps++) {
    std::vector<uint8_t> bytes = p->snapshot().dump();
    auto loaded = monty::Snapshot::load(bytes, host);
    if (!loaded) __builtin_trap();  // a state this build dumped must load
    monty::Snapshot& snapshot = **loaded;
    p = steps % 2 || snapshot.pending().kind == monty::PendingCall::Kind::Wait
            ? monty_fuzz::answer(snapshot, steps / 2, monty::Object::str("r"))
            : snapshot.resume_error("ValueError", "no");
  }
  return 0;
}

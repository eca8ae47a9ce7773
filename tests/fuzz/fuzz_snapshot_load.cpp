// libFuzzer target: arbitrary bytes into Runner::load, Snapshot::load and
// Repl::load. Loading must never crash, leak or trip a sanitizer; whatever
// it accepts must be safe to run, so accepted snapshots are resumed and
// accepted REPL sessions fed snippets (bounded by their own limits, which
// must be present and small, so a mutated loop bound cannot stall the
// fuzzer).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "answer.h"
#include "monty/monty.h"
#include "msgpack_edit.h"
#include "runtime/vm.h"
#include "seed_programs.h"
#include "snapshot/snapshot.h"

namespace {

using monty_test::bounded;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  if (auto runner = monty::Runner::load(bytes)) {
    // A program that loads is this build's compilation of its source: it
    // runs like any other program, so running it here would test the
    // interpreter, not the loader. Dumping it again must work.
    (void)runner->dump();
    return 0;
  }
  std::string error;
  if (size > 17 && data[17] == 3) {  // the kind byte of a REPL session
    monty::snapshot::LoadedRepl loaded = monty::snapshot::load_repl(bytes, &error);
    if (!loaded.vm || !bounded(loaded.vm->limits())) return 0;
    auto repl = monty::Repl::load(bytes);  // the public path to the same state
    if (!repl) __builtin_trap();           // accepted once, must be accepted again
    (void)repl->dump();
    for (const char* code : monty_fuzz::kSessionProbes) (void)repl->feed(code);
    (void)repl->dump();
    return 0;
  }
  std::unique_ptr<monty::VM> vm = monty::snapshot::load_execution(bytes, &error);
  if (!vm) return 0;
  if (!bounded(vm->limits())) return 0;
  auto snapshot = std::make_unique<monty::Snapshot>(std::move(vm));
  (void)snapshot->dump();
  auto p = monty_fuzz::answer(*snapshot, 0, monty::Object::integer(3));
  for (int steps = 1; p && !p->is_complete() && steps < 50; steps++) {
    (void)p->snapshot().dump();
    p = monty_fuzz::answer(p->snapshot(), steps, monty::Object::str("x"));
  }
  return 0;
}

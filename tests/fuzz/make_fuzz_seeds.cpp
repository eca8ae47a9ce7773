// Writes the fuzzer's seed corpus: dumps of compiled programs, of paused
// executions and of a REPL session, covering frames, generators, closures, classes, exceptions,
// dicts, sets, iterators and big ints.  Usage: make_fuzz_seeds DIR
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "answer.h"
#include "monty/monty.h"
#include "seed_programs.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_seeds DIR\n");
    return 2;
  }
  std::string dir = argv[1];
  int n = 0;
  auto write = [&](const std::vector<uint8_t>& b) {
    std::ofstream out(dir + "/seed_" + std::to_string(n++), std::ios::binary);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  };
  monty::Limits limits;
  limits.max_instructions = 100000;
  limits.max_memory = 4u << 20;
  limits.pause_every_instructions = 700;
  for (const char* code : monty_fuzz::kPrograms) {
    auto runner = monty::Runner::create(code, "seed.py", {}, {"fetch"});
    if (!runner) {
      std::fprintf(stderr, "%s", runner.error().formatted.c_str());
      return 1;
    }
    write(runner->dump());
    auto p = runner->start({}, limits, {}, true);
    for (int step = 0; p && !p->is_complete() && step < 6; step++) {
      write(p->snapshot().dump());
      p = monty_fuzz::answer(p->snapshot(), step, monty::Object::integer(step + 1));
    }
  }
  limits.pause_every_instructions.reset();
  auto repl = monty::Repl::create("<stdin>", limits);
  if (!repl) return 1;
  for (const char* code : monty_fuzz::kSessionSnippets) {
    (void)repl->feed(code);
    write(repl->dump());
  }
  std::printf("make_fuzz_seeds: wrote %d seeds to %s\n", n, dir.c_str());
  return 0;
}

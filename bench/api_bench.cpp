// Microbenchmarks of the C++ API (Google Benchmark): the cost of compiling
// and running a tiny program, the number the product promises to keep in
// microseconds.
#include <benchmark/benchmark.h>

#include "monty/monty.h"

namespace {

void BM_CreateAndRunXPlus1(benchmark::State& state) {
  for (auto _ : state) {
    auto runner = monty::Runner::create("x + 1", "main.py", {"x"});
    auto result = runner->run({monty::Object::integer(41)});
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_CreateAndRunXPlus1);

void BM_RunXPlus1(benchmark::State& state) {
  auto runner = monty::Runner::create("x + 1", "main.py", {"x"});
  for (auto _ : state) {
    auto result = runner->run({monty::Object::integer(41)});
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_RunXPlus1);

void BM_StartPauseResume(benchmark::State& state) {
  auto runner = monty::Runner::create("fetch(1) + 1", "main.py", {}, {"fetch"});
  for (auto _ : state) {
    auto progress = runner->start();
    auto done = progress->snapshot().resume(monty::Object::integer(2));
    benchmark::DoNotOptimize(done);
  }
}
BENCHMARK(BM_StartPauseResume);

}  // namespace

BENCHMARK_MAIN();

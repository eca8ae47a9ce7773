// Snapshot costs (Google Benchmark): bytes and time to dump and load a paused
// execution (small, and holding 10k objects), to dump/load a compiled
// program (load recompiles and compares, see docs/snapshot-format.md), and
// the start -> pause -> resume round of one trivial external call.
//
//   build/bench/snapshot_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "monty/monty.h"

namespace {

const char* kSmall =
    "def f(n):\n"
    "    acc = []\n"
    "    for i in range(n):\n"
    "        acc.append(fetch(i))\n"
    "    return acc\n"
    "f(3)\n";

const char* kTenK =
    "objs = [[i, str(i), (i, i + 0.5)] for i in range(2500)]\n"  // 2500 * 4 objects
    "v = fetch(1)\n";

const char* kTrivial = "fetch(1)\n";

monty::Runner compile(const char* code) {
  auto r = monty::Runner::create(code, "bench.py", {}, {"fetch"});
  if (!r) std::abort();
  return std::move(r.value());
}

std::unique_ptr<monty::Snapshot> paused(const char* code) {
  static std::vector<monty::Runner> keep;  // programs outlive their snapshots
  keep.push_back(compile(code));
  auto p = keep.back().start();
  if (!p || p->is_complete()) std::abort();
  return p->take_snapshot();
}

void dump(benchmark::State& state, const char* code) {
  auto s = paused(code);
  size_t bytes = 0;
  for (auto _ : state) {
    std::vector<uint8_t> b = s->dump();
    bytes = b.size();
    benchmark::DoNotOptimize(b.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

void load(benchmark::State& state, const char* code) {
  std::vector<uint8_t> b = paused(code)->dump();
  for (auto _ : state) {
    auto s = monty::Snapshot::load(b);
    if (!s) state.SkipWithError(s.error().message.c_str());
    benchmark::DoNotOptimize(s);
  }
  state.counters["bytes"] = static_cast<double>(b.size());
}

void BM_DumpSmall(benchmark::State& s) { dump(s, kSmall); }
void BM_LoadSmall(benchmark::State& s) { load(s, kSmall); }
void BM_Dump10kObjects(benchmark::State& s) { dump(s, kTenK); }
void BM_Load10kObjects(benchmark::State& s) { load(s, kTenK); }

void BM_ProgramDump(benchmark::State& state) {
  monty::Runner r = compile(kSmall);
  for (auto _ : state) benchmark::DoNotOptimize(r.dump());
  state.counters["bytes"] = static_cast<double>(r.dump().size());
}

void BM_ProgramLoad(benchmark::State& state) {
  std::vector<uint8_t> b = compile(kSmall).dump();
  for (auto _ : state) benchmark::DoNotOptimize(monty::Runner::load(b));
  state.counters["bytes"] = static_cast<double>(b.size());
}

void BM_ProgramCompile(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(monty::Runner::create(kSmall, "bench.py", {}, {"fetch"}));
}

void BM_StartPauseResume(benchmark::State& state) {
  monty::Runner r = compile(kTrivial);
  for (auto _ : state) {
    auto p = r.start();
    auto done = p->snapshot().resume(monty::Object::integer(2));
    benchmark::DoNotOptimize(done);
  }
}

void BM_StartPauseDumpLoadResume(benchmark::State& state) {
  monty::Runner r = compile(kTrivial);
  for (auto _ : state) {
    auto p = r.start();
    auto s = monty::Snapshot::load(p->snapshot().dump());
    auto done = s.value()->resume(monty::Object::integer(2));
    benchmark::DoNotOptimize(done);
  }
}

BENCHMARK(BM_DumpSmall);
BENCHMARK(BM_LoadSmall);
BENCHMARK(BM_Dump10kObjects);
BENCHMARK(BM_Load10kObjects);
BENCHMARK(BM_ProgramDump);
BENCHMARK(BM_ProgramLoad);
BENCHMARK(BM_ProgramCompile);
BENCHMARK(BM_StartPauseResume);
BENCHMARK(BM_StartPauseDumpLoadResume);

}  // namespace

BENCHMARK_MAIN();

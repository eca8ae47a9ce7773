// Snapshots (docs/snapshot-format.md): compiled programs and paused
// executions dumped to MessagePack and loaded back — round trips that must
// behave exactly like uninterrupted runs, byte-for-byte determinism, and a
// corpus of damaged or hand-crafted hostile dumps that must be rejected with
// a ValueError (never a crash).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/compiler.h"
#include "monty/monty.h"
#include "msgpack_edit.h"
#include "runtime/consumers.h"
#include "snapshot/verify.h"
#include "snapshot/wire.h"

namespace {

using monty::Object;
using monty::PendingCall;
using monty::Progress;
using monty::Runner;
using monty::Snapshot;
using Bytes = std::vector<uint8_t>;

Runner compile(const std::string& code, std::vector<std::string> externals = {"fetch"},
               std::vector<std::string> inputs = {}) {
  auto r = Runner::create(code, "snap.py", std::move(inputs), std::move(externals));
  EXPECT_TRUE(r) << r.error().formatted;
  return std::move(r.value());
}

struct Result {
  std::string out;
  std::string value;  // repr of the result, or "Type: message"
  std::vector<std::string> calls;
  std::vector<Bytes> dumps;  // one per pause, when dumping
};

Object default_answer(const PendingCall& pc) {
  if (pc.kind == PendingCall::Kind::FunctionCall && !pc.args.empty() &&
      pc.args[0].kind() == Object::Kind::Int) {
    return Object::integer(pc.args[0].as_int() * 2);
  }
  return Object::str("answer:" + pc.function_name);
}

// Runs to completion answering every pause; with `through_bytes`, every pause
// is dumped and the execution continues from a freshly loaded snapshot (the
// original is dropped), as a host resuming in another process would.
template <typename Answer>
Result drive(const Runner& runner, bool through_bytes, Answer answer,
             const monty::Limits& limits = {}, std::vector<Object> inputs = {},
             bool pause_on_undefined = false) {
  Result r;
  auto print = [&r](monty::Stream, std::string_view t) { r.out += t; };
  auto p = runner.start(inputs, limits, monty::Host{print, nullptr}, pause_on_undefined);
  std::unique_ptr<Snapshot> snap;
  while (p && !p->is_complete()) {
    snap = p->take_snapshot();
    if (through_bytes) {
      Bytes b = snap->dump();
      r.dumps.push_back(b);
      auto loaded = Snapshot::load(b, monty::Host{print, nullptr});
      if (!loaded) {
        r.value = "LOAD FAILED: " + loaded.error().formatted;
        return r;
      }
      EXPECT_EQ(loaded.value()->pending().function_name, snap->pending().function_name);
      EXPECT_EQ(loaded.value()->pending().call_id, snap->pending().call_id);
      snap = std::move(loaded.value());
    }
    const PendingCall pc = snap->pending();
    std::string call = pc.function_name + "(";
    for (const Object& a : pc.args) call += a.repr() + ",";
    r.calls.push_back(call + ")");
    if (r.calls.size() > 5000) break;
    if (pc.kind == PendingCall::Kind::Yield) {
      p = snap->resume(Object::none());
    } else {
      p = snap->resume(answer(pc));
    }
  }
  if (!p) {
    r.value = p.error().summary();
  } else if (p->is_complete()) {
    r.value = p->output().repr();
  }
  return r;
}

// The same program run straight and through dumps must agree on everything.
Result check_round_trip(const std::string& code, const monty::Limits& limits = {},
                        std::vector<std::string> externals = {"fetch"}) {
  Runner runner = compile(code, externals);
  Result direct = drive(runner, false, default_answer, limits);
  Result via = drive(runner, true, default_answer, limits);
  EXPECT_EQ(direct.out, via.out) << code;
  EXPECT_EQ(direct.value, via.value) << code;
  EXPECT_EQ(direct.calls, via.calls) << code;
  return via;
}

Bytes paused_dump(const std::string& code, const monty::Limits& limits = {}) {
  Runner runner = compile(code);
  auto p = runner.start({}, limits);
  EXPECT_TRUE(p && !p->is_complete());
  return p->snapshot().dump();
}

std::string load_error(const Bytes& b) {
  auto s = Snapshot::load(b);
  if (s) return "";
  EXPECT_EQ(s.error().type, "ValueError");
  return s.error().message;
}

// ---------------------------------------------------------------------------
// Programs
// ---------------------------------------------------------------------------

TEST(SnapshotProgram, RoundTripRunsTheSame) {
  const char* programs[] = {
      "print('hello')\n1 + 2",
      "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint([fib(i) for i in "
      "range(15)])",
      "class A:\n    def __init__(self, x): self.x = x\n    def __repr__(self): return "
      "f'A({self.x!r})'\n"
      "print(sorted([A(3), A(1)], key=lambda a: a.x))",
      "x = 10**40 + 7\nprint(x * x, -x // 3, 1.5e300, b'\\x00\\xff', (1, (2, 'three')), ...)",
      "def g():\n    yield from range(3)\n    return 5\nprint(list(g()))\n"
      "try:\n    1/0\nexcept ZeroDivisionError as e:\n    print('caught', e)",
      "import math\nprint(math.sqrt(16), {k: v for k, v in zip('abc', range(3))})\n"
      "match {'a': 1, 'b': 2}:\n    case {'a': x, **rest}: print(x, rest)",
  };
  for (const char* code : programs) {
    Runner a = compile(code, {});
    Bytes bytes = a.dump();
    auto b = Runner::load(bytes);
    ASSERT_TRUE(b) << b.error().formatted;
    std::string out_a, out_b;
    auto ra = a.run({}, {}, [&](monty::Stream, std::string_view t) { out_a += t; });
    auto rb = b->run({}, {}, [&](monty::Stream, std::string_view t) { out_b += t; });
    ASSERT_TRUE(ra && rb) << code;
    EXPECT_EQ(out_a, out_b);
    EXPECT_EQ(ra.value(), rb.value());
    EXPECT_EQ(b->dump(), bytes) << "a loaded program dumps to the same bytes";
  }
}

TEST(SnapshotProgram, KeepsInputsAndExternals) {
  Runner a = compile("fetch(x) + y", {"fetch"}, {"x", "y"});
  auto b = Runner::load(a.dump());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->input_names(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(b->external_functions(), (std::vector<std::string>{"fetch"}));
  auto p = b->start({Object::integer(4), Object::integer(1)});
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_EQ(p->snapshot().pending().args.at(0), Object::integer(4));
  auto done = p->snapshot().resume(Object::integer(10));
  ASSERT_TRUE(done && done->is_complete());
  EXPECT_EQ(done->output(), Object::integer(11));
}

TEST(SnapshotProgram, KindMismatchIsReported) {
  Runner a = compile("fetch(1)");
  EXPECT_NE(load_error(a.dump()).find("not a paused execution"), std::string::npos);
  auto r = Runner::load(paused_dump("fetch(1)"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a compiled program"), std::string::npos);
}

// Every program of the language test suite: the kind analysis accepts all of
// its code (so frames of any of them can be verified), and its dump loads.
TEST(SnapshotProgram, AnalysisAcceptsEveryTestProgram) {
  namespace fs = std::filesystem;
  fs::path cases = fs::path(__FILE__).parent_path().parent_path().parent_path() / "cases";
  ASSERT_TRUE(fs::exists(cases)) << cases;
  size_t programs = 0;
  for (const auto& entry : fs::recursive_directory_iterator(cases)) {
    if (entry.path().extension() != ".py") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto compiled = monty::compile_program(ss.str(), "case.py", {}, {});
    if (!compiled.program) continue;  // syntax-error cases
    programs++;
    for (uint32_t i = 0; i < compiled.program->codes.size(); i++) {
      std::string err;
      EXPECT_TRUE(monty::snapshot::analyze_code(*compiled.program, i, &err))
          << entry.path() << " code " << i << ": " << err;
    }
    auto r = Runner::create(ss.str(), "case.py");
    ASSERT_TRUE(r);
    auto loaded = Runner::load(r->dump());
    EXPECT_TRUE(loaded) << entry.path() << ": " << loaded.error().message;
  }
  EXPECT_GT(programs, 100u);
}

// ---------------------------------------------------------------------------
// Paused executions
// ---------------------------------------------------------------------------

// Every language case, paused by time slices and carried across dump/load at
// each pause, prints what CPython printed: whatever state a supported program
// can be in, the loader takes back what the writer wrote.
TEST(SnapshotExecution, EveryCaseSurvivesDumpsAtEveryTimeSlice) {
  namespace fs = std::filesystem;
  fs::path cases = fs::path(__FILE__).parent_path().parent_path().parent_path() / "cases";
  ASSERT_TRUE(fs::exists(cases)) << cases;
  size_t programs = 0, pauses = 0;
  for (const auto& entry : fs::recursive_directory_iterator(cases)) {
    if (entry.path().extension() != ".py") continue;
    std::string topic = entry.path().parent_path().filename().string();
    if (topic == "errors" || topic == "syntax_errors") continue;  // they end in an exception
    auto read = [](const fs::path& p) {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      return ss.str();
    };
    std::string expected_path = entry.path().string();
    expected_path.replace(expected_path.size() - 3, 3, ".expected");
    auto runner = Runner::create(read(entry.path()), "case.py");
    if (!runner) continue;
    programs++;
    monty::Limits limits;
    limits.pause_every_instructions = 97;  // odd, so pauses land all over loops
    std::string out;
    auto print = [&out](monty::Stream, std::string_view t) { out += t; };
    auto p = runner->start({}, limits, monty::Host{print, nullptr});
    while (p && !p->is_complete() && pauses < 200000) {
      auto loaded = Snapshot::load(p->take_snapshot()->dump(), monty::Host{print, nullptr});
      ASSERT_TRUE(loaded) << entry.path() << ": " << loaded.error().formatted;
      pauses++;
      p = loaded.value()->resume(Object::none());
    }
    ASSERT_TRUE(p) << entry.path() << ": " << p.error().formatted;
    EXPECT_EQ(out, read(expected_path)) << entry.path();
  }
  EXPECT_GT(programs, 400u);
  EXPECT_GT(pauses, 3000u);
}

TEST(SnapshotExecution, PauseThreeCallsDeepInsideALoop) {
  Result r = check_round_trip(
      "def c(i):\n"
      "    v = fetch(i)\n"
      "    return v + 1\n"
      "def b(i):\n"
      "    return [c(i), c(i + 100)]\n"
      "def a(n):\n"
      "    total = []\n"
      "    for i in range(n):\n"
      "        total.extend(b(i))\n"
      "        print('step', i, total[-2:])\n"
      "    return total\n"
      "a(4)\n");
  EXPECT_EQ(r.calls.size(), 8u);
  EXPECT_EQ(r.value, "[1, 201, 3, 203, 5, 205, 7, 207]");
}

TEST(SnapshotExecution, ResumeErrorAfterLoad) {
  Runner runner =
      compile("try:\n    fetch(1)\nexcept ValueError as e:\n    print('host said', e)\n'done'");
  auto p = runner.start();
  ASSERT_TRUE(p && !p->is_complete());
  std::string out;
  auto loaded =
      Snapshot::load(p->snapshot().dump(),
                     monty::Host{[&](monty::Stream, std::string_view t) { out += t; }, nullptr});
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto done = loaded.value()->resume_error("ValueError", "nope");
  ASSERT_TRUE(done && done->is_complete());
  EXPECT_EQ(out, "host said nope\n");
}

TEST(SnapshotExecution, GeneratorsClosuresClassesExceptions) {
  check_round_trip(
      "def gen(n):\n"
      "    for i in range(n):\n"
      "        x = yield fetch(i)\n"
      "        print('sent', x)\n"
      "    return 'end'\n"
      "def counter():\n"
      "    count = 0\n"
      "    def inc(by):\n"
      "        nonlocal count\n"
      "        count += by\n"
      "        return count\n"
      "    return inc\n"
      "class Base:\n"
      "    tag = 'base'\n"
      "    def __init__(self, v): self.v = fetch(v)\n"
      "class Child(Base):\n"
      "    def describe(self): return f'{self.tag}:{self.v}:{super().__class__.__name__}'\n"
      "inc = counter()\n"
      "g = gen(3)\n"
      "for y in g:\n"
      "    print('got', y, inc(y))\n"
      "objs = [Child(i) for i in range(3)]\n"
      "print([o.describe() for o in objs])\n"
      "def risky(i):\n"
      "    try:\n"
      "        raise KeyError(i)\n"
      "    except KeyError as e:\n"
      "        v = fetch(100 + i)\n"
      "        print('handling', repr(e), v)\n"
      "        return v\n"
      "    finally:\n"
      "        print('finally', i)\n"
      "print([risky(i) for i in range(2)])\n");
}

TEST(SnapshotExecution, GeneratorSuspendedMidIteration) {
  check_round_trip(
      "def squares():\n"
      "    i = 0\n"
      "    while True:\n"
      "        yield i * i\n"
      "        i += 1\n"
      "sq = squares()\n"
      "first = [next(sq) for _ in range(3)]\n"
      "pending = (fetch(x) for x in first)\n"
      "print(next(pending))\n"
      "print(fetch(next(sq)))\n"
      "print(list(pending), next(sq))\n");
}

// Every itertools type paused part-way (groupby with a live group): the
// state each keeps (counters, saved items, index lists, the groupby list
// shared with its group) goes through the bytes and continues as CPython's
// does (the expected text is CPython's output with fetch(x) = 2 * x).
const char* const kItertoolsMidway =
    "import itertools as it\n"
    "c = it.count(5, 2); next(c)\n"
    "cy = it.cycle('ab'); next(cy); next(cy); next(cy)\n"
    "rp = it.repeat('r', 3); next(rp)\n"
    "acc = it.accumulate([1, 2, 3, 4], initial=10); next(acc); next(acc)\n"
    "ch = it.chain('ab', 'cd'); next(ch); next(ch); next(ch)\n"
    "cp = it.compress('abcdef', [1, 0, 1, 1]); next(cp)\n"
    "dw = it.dropwhile(lambda x: x < 2, [0, 1, 2, 0]); next(dw)\n"
    "tw = it.takewhile(lambda x: x < 9, [0, 1, 2, 9, 0]); next(tw)\n"
    "ff = it.filterfalse(None, [0, 1, 0, 2]); next(ff)\n"
    "sm = it.starmap(pow, [(2, 3), (3, 2), (4, 2)]); next(sm)\n"
    "pw = it.pairwise('abcd'); next(pw)\n"
    "zl = it.zip_longest('abc', 'x', fillvalue='-'); next(zl); next(zl)\n"
    "sl = it.islice(range(100), 3, 30, 7); next(sl)\n"
    "gb = it.groupby('aabbbcc'); k, g = next(gb); next(g)\n"
    "pr = it.product('ab', repeat=2); next(pr); next(pr)\n"
    "pm = it.permutations(range(4), 3); first = [next(pm) for _ in range(5)]\n"
    "cb = it.combinations(range(5), 3); first = [next(cb) for _ in range(4)]\n"
    "cw = it.combinations_with_replacement('abc', 2); first = [next(cw) for _ in range(3)]\n"
    "ta, tb = it.tee(range(5)); next(ta); next(ta)\n"
    "print(fetch(21))\n"
    "print(next(c), [next(cy) for _ in range(3)], list(rp), list(acc), list(ch), list(cp), "
    "list(dw))\n"
    "print(list(tw), list(ff), list(sm), list(pw), list(zl), list(sl))\n"
    "print(list(g), [(k, list(v)) for k, v in gb])\n"
    "print(list(pr), list(pm), list(cb), list(cw), c, rp)\n"
    "print(list(tb), list(ta))\n";

TEST(SnapshotExecution, ItertoolsMidIteration) {
  Result r = check_round_trip(kItertoolsMidway);
  EXPECT_EQ(r.dumps.size(), 1u);
  EXPECT_EQ(r.out,
            "42\n"
            "7 ['b', 'a', 'b'] ['r', 'r'] [13, 16, 20] ['d'] ['c', 'd'] [0]\n"
            "[1, 2] [0] [9, 16] [('b', 'c'), ('c', 'd')] [('c', '-')] [10, 17, 24]\n"
            "['a'] [('b', ['b', 'b', 'b']), ('c', ['c', 'c'])]\n"
            "[('b', 'a'), ('b', 'b')] [(0, 3, 2), (1, 0, 2), (1, 0, 3), (1, 2, 0), (1, 2, 3), (1, "
            "3, 0), (1, 3, 2), (2, 0, 1), (2, 0, 3), (2, 1, 0), (2, 1, 3), (2, 3, 0), (2, 3, 1), "
            "(3, 0, 1), (3, 0, 2), (3, 1, 0), (3, 1, 2), (3, 2, 0), (3, 2, 1)] [(0, 2, 4), (0, 3, "
            "4), (1, 2, 3), (1, 2, 4), (1, 3, 4), (2, 3, 4)] [('b', 'b'), ('b', 'c'), ('c', 'c')] "
            "count(9, 2) repeat('r', 0)\n"
            "[0, 1, 2, 3, 4] [2, 3, 4]\n");
}

TEST(SnapshotExecution, ContainersWithManyEntries) {
  Result r = check_round_trip(
      "d = {i: str(i) for i in range(1000)}\n"
      "for i in range(0, 1000, 3): del d[i]\n"
      "s = {i * 7 % 1001 for i in range(800)}\n"
      "for i in range(0, 500, 2): s.discard(i)\n"
      "fs = frozenset(range(50))\n"
      "it = iter(d.items())\n"
      "first = [next(it) for _ in range(5)]\n"
      "v = fetch(len(d))\n"
      "d[5000] = v\n"
      "print(first, list(it)[:3], len(d), sorted(s)[:10], list(s)[:10], 7 in fs)\n"
      "print(list(d)[-5:], d.popitem(), s.pop())\n");
  EXPECT_EQ(r.calls.size(), 1u);
}

TEST(SnapshotExecution, BigIntsAndFloats) {
  check_round_trip(
      "a = 2 ** 200 + 1\n"
      "b = -(3 ** 90)\n"
      "c = fetch(7)\n"
      "print(a, b, a * b + c, float('inf'), -0.0, 1e-310, float('nan') != float('nan'))\n");
}

TEST(SnapshotExecution, TenThousandObjects) {
  Result r = check_round_trip(
      "objs = [[i, str(i), (i, i + 0.5)] for i in range(10000)]\n"
      "v = fetch(1)\n"
      "print(len(objs), objs[-1], sum(o[0] for o in objs) + v)\n");
  ASSERT_EQ(r.dumps.size(), 1u);
  EXPECT_GT(r.dumps[0].size(), 100000u);
}

TEST(SnapshotExecution, NameLookupsAndTimeSlices) {
  Runner runner =
      compile("total = 0\nfor i in range(3000):\n    total += i\nprint(total + secret)\n", {});
  monty::Limits limits;
  limits.pause_every_instructions = 500;
  auto answer = [](const PendingCall& pc) {
    return Object::integer(pc.kind == PendingCall::Kind::NameLookup ? 1 : 0);
  };
  Result direct = drive(runner, false, answer, limits, {}, true);
  Result via = drive(runner, true, answer, limits, {}, true);
  EXPECT_GT(via.dumps.size(), 3u);
  EXPECT_EQ(direct.out, via.out);
  EXPECT_EQ(direct.calls, via.calls);
  EXPECT_EQ(via.out, "4498501\n");
}

// Paused for a lookup inside `name += x` (an instruction that runs again on
// resume, with x on the stack): the loader checks the frame against the
// state before that instruction, and the addition happens after loading.
TEST(SnapshotExecution, NameLookupInsideAugmentedAssignment) {
  Runner runner = compile(
      "acc = 0\nfor i in range(4):\n    acc += i * 10\nunknown += acc\nprint(unknown)\n", {});
  auto answer = [](const PendingCall& pc) { return Object::integer(1000); };
  Result direct = drive(runner, false, answer, {}, {}, true);
  Result via = drive(runner, true, answer, {}, {}, true);
  ASSERT_EQ(via.dumps.size(), 1u);
  EXPECT_EQ(direct.out, "1060\n");
  EXPECT_EQ(via.out, direct.out);
  EXPECT_EQ(via.value, direct.value);
}

TEST(SnapshotExecution, ConsumerFramesPauseInsideBuiltins) {
  // sum/list/sorted/join/min/max/any/all/next over generators and maps of
  // an external function run as consumer frames: every call pauses, and the
  // run through dumps agrees with the straight one.
  Result r = check_round_trip(
      "xs = [3, 1, 2]\n"
      "def g(x):\n"
      "    return fetch(x) + 1\n"
      "print(sum(fetch(x) for x in xs), list(map(fetch, xs)), tuple(map(g, xs)))\n"
      "print(sorted((fetch(x) for x in xs), reverse=True), '-'.join(str(fetch(x)) for x in xs))\n"
      "print(min(map(fetch, xs)), max((fetch(x) for x in xs), key=lambda v: -v))\n"
      "print(any(fetch(x) > 3 for x in xs), all(fetch(x) > 3 for x in xs), set(map(fetch, xs)))\n"
      "print(next(fetch(x) for x in xs), next(map(fetch, []), 'none'), frozenset(map(fetch, "
      "[5])))\n"
      "for v in map(g, xs):\n"
      "    print(v)\n"
      "print(dict((x, fetch(x)) for x in xs))\n"
      "print(sorted(xs, key=lambda v: fetch(v), reverse=True), max(xs, key=fetch))\n"
      "xs.sort(key=lambda v: fetch(v) % 3)\n"
      "print(xs)\n"
      "xs.sort(key=fetch, reverse=True)\n"
      "print(xs)\n");
  EXPECT_EQ(r.out,
            "12 [6, 2, 4] (7, 3, 5)\n"
            "[6, 4, 2] 6-2-4\n"
            "2 2\n"
            "True False {2, 4, 6}\n"
            "6 none frozenset({10})\n"
            "7\n3\n5\n"
            "{3: 6, 1: 2, 2: 4}\n"
            "[3, 2, 1] 3\n"
            "[3, 2, 1]\n"
            "[3, 2, 1]\n");
  EXPECT_EQ(r.value, "None");
  // One pause per call: 3 each (14 loops), but any() stops after the first item (6 > 3)
  // and all() after the second (2 > 3 is false); next() and frozenset() make one.
  EXPECT_EQ(r.calls.size(), 3u * 14 + 1 + 2 + 1 + 1);
}

TEST(SnapshotExecution, StepFramesPauseInsideAdaptors) {
  // enumerate/filter/map over a generator, and filter with a predicate that
  // calls the host: each item comes from a step frame, which pauses.
  Result r = check_round_trip(
      "xs = [3, 1, 2]\n"
      "for i, v in enumerate(fetch(x) for x in xs):\n"
      "    print(i, v)\n"
      "print(list(filter(lambda x: fetch(x) > 2, xs)), list(map(str, (fetch(x) for x in xs))))\n"
      "print(list(enumerate(filter(None, (fetch(x) - 2 for x in xs)), 10)))\n"
      "print(list(zip(xs, map(fetch, xs))), list(zip(map(fetch, xs), 'ab', strict=False)))\n");
  EXPECT_EQ(r.out,
            "0 6\n1 2\n2 4\n"
            "[3, 2] ['6', '2', '4']\n"
            "[(10, 4), (11, 2)]\n"
            "[(3, 6), (1, 2), (2, 4)] [(6, 'a'), (2, 'b')]\n");
  EXPECT_EQ(r.value, "None");
  // The second zip takes a third item from the map before 'ab' runs out.
  EXPECT_EQ(r.calls.size(), 12u + 3 + 3);
}

TEST(SnapshotExecution, LimitsAndSpendingCarryOver) {
  Runner runner = compile("for i in range(100):\n    fetch(i)\n");
  monty::Limits limits;
  limits.max_instructions = 50;
  Result direct = drive(runner, false, default_answer, limits);
  Result via = drive(runner, true, default_answer, limits);
  EXPECT_EQ(direct.value, via.value);
  EXPECT_NE(via.value.find("TimeoutError"), std::string::npos) << via.value;
  EXPECT_EQ(direct.calls.size(), via.calls.size());
}

TEST(SnapshotExecution, MatchAndComprehensionTemporaries) {
  check_round_trip(
      "def f(x):\n"
      "    match x:\n"
      "        case {'k': v, **rest} if fetch(v):\n"
      "            return rest\n"
      "        case [a, *others]:\n"
      "            return [fetch(o) for o in others]\n"
      "print(f({'k': 2, 'z': 3}), f([1, 2, 3]))\n"
      "match {'k': 5, 'w': 1}:\n"
      "    case {'k': v, **rest}:\n"
      "        print(fetch(v), rest)\n"
      "class K:\n"
      "    match {'q': 1}:\n"
      "        case {'q': qq, **others}: got = fetch(qq)\n"
      "print(K.got)\n");
}

TEST(SnapshotExecution, SubclassesBytearraysAnnotations) {
  check_round_trip(
      "class L(list):\n"
      "    def total(self): return sum(self)\n"
      "class S(str):\n"
      "    pass\n"
      "def typed(a: int, *, b: str = 'x') -> list:\n"
      "    return [a, b]\n"
      "l = L([1, 2, 3])\n"
      "s = S('abc')\n"
      "ba = bytearray(b'xyz')\n"
      "it = iter(ba)\n"
      "next(it)\n"
      "l.append(fetch(4))\n"
      "ba.append(fetch(33))\n"
      "print(l, l.total(), s.upper(), ba, list(it), typed.__annotations__, typed(1))\n");
}

TEST(SnapshotExecution, SentinelsUnionsAndNew) {
  // object() sentinels were dumped but refused by the loader ("instance of
  // a builtin type that is not an exception").
  Result r = check_round_trip(
      "_MISSING = object()\n"
      "Opt = int | None\n"
      "class Point(tuple):\n"
      "    def __new__(cls, x, y):\n"
      "        return super().__new__(cls, (x, y))\n"
      "p = Point(1, 2)\n"
      "def get(d, k, default=_MISSING):\n"
      "    v = d.get(k, default)\n"
      "    return 'missing' if v is _MISSING else v\n"
      "v = fetch(5)\n"
      "print(get({}, 'a'), get({'a': v}, 'a'), Opt, isinstance(v, Opt), p, type(p).__name__)\n");
  EXPECT_EQ(r.out, "missing 10 int | None True (1, 2) Point\n");  // fetch(5) answers 10
}

TEST(SnapshotExecution, LiveInstanceDictStaysShared) {
  // obj.__dict__ moves the namespace into a dict object (format version 2):
  // after a load, the dict and the instance must still be one namespace.
  Result r = check_round_trip(
      "class A:\n"
      "    pass\n"
      "a = A()\n"
      "a.x = 1\n"
      "d = vars(a)\n"
      "b = A()\n"
      "b.__dict__ = d\n"
      "d['y'] = fetch(1)\n"
      "a.z = 3\n"
      "print(a.y, b.z, d, vars(b) is d)\n");
  EXPECT_EQ(r.out, "2 3 {'x': 1, 'y': 2, 'z': 3} True\n");  // fetch(1) answers 2
}

TEST(SnapshotExecution, GetattributeOverrideSurvivesLoad) {
  // Whether any class overrides __getattribute__ is derived again on load:
  // without it, the attribute fast path would skip the override.
  Result r = check_round_trip(
      "class Upper:\n"
      "    def __getattribute__(self, name):\n"
      "        return str(object.__getattribute__(self, name)).upper()\n"
      "u = Upper()\n"
      "u.word = 'quiet'\n"
      "n = fetch(1)\n"
      "print(u.word, n)\n");
  EXPECT_EQ(r.out, "QUIET 2\n");  // fetch(1) answers 2
}

TEST(SnapshotFormat, BuiltinNamesAreUnique) {
  // Values name builtin functions and types (snapshot-format.md): a name must
  // identify exactly one table entry.
  Runner r = compile("import math\nx = [len, abs, math.sqrt, int, ValueError, ...]\nfetch(x)");
  auto p = r.start();
  ASSERT_TRUE(p && !p->is_complete());
  Bytes b = p->snapshot().dump();
  auto loaded = Snapshot::load(b);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded.value()->dump(), b);
  EXPECT_EQ(p->snapshot().pending().args.at(0).repr(), loaded.value()->pending().args.at(0).repr());
}

TEST(SnapshotExecution, Determinism) {
  const std::string code =
      "class P:\n    def __init__(self, n): self.n = n\n"
      "data = {str(i): P(i) for i in range(200)}\n"
      "s = set(range(0, 300, 7))\n"
      "def g():\n    yield fetch(len(data))\n"
      "for v in g():\n    print(v)\n";
  Runner runner = compile(code);
  Result a = drive(runner, true, default_answer);
  Result b = drive(compile(code), true, default_answer);
  ASSERT_EQ(a.dumps.size(), 1u);
  ASSERT_EQ(b.dumps.size(), 1u);
  EXPECT_EQ(a.dumps[0], b.dumps[0]);
  // Loading and dumping again gives the same bytes too.
  auto loaded = Snapshot::load(a.dumps[0]);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded.value()->dump(), a.dumps[0]);
}

TEST(SnapshotExecution, ResumedSnapshotDumpsNothing) {
  Runner runner = compile("fetch(1)");
  auto p = runner.start();
  ASSERT_TRUE(p && !p->is_complete());
  auto s = p->take_snapshot();
  auto done = s->resume(Object::none());
  ASSERT_TRUE(done);
  EXPECT_TRUE(s->dump().empty());
}

// ---------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------

const char* kSmall =
    "def f(n):\n"
    "    acc = [n]\n"
    "    for i in range(n):\n"
    "        acc.append(fetch(i))\n"
    "    return acc\n"
    "f(2)\n";

TEST(SnapshotHostile, HeaderChecks) {
  Bytes good = paused_dump(kSmall);
  EXPECT_EQ(load_error({}), "snapshot: bad magic (not a monty snapshot)");
  Bytes b = good;
  b[3] ^= 0x20;
  EXPECT_EQ(load_error(b), "snapshot: bad magic (not a monty snapshot)");
  b = good;
  b[16] = 7;  // the version (a positive fixint)
  EXPECT_EQ(load_error(b),
            "snapshot: version 7 is not supported (this build reads versions 1 to 6)");
  b = good;
  b[17] = 9;
  EXPECT_EQ(load_error(b), "snapshot: unknown dump kind 9");
  b = good;
  b.push_back(0xc0);
  EXPECT_NE(load_error(b).find("unexpected bytes after the end"), std::string::npos);
}

TEST(SnapshotHostile, EveryTruncation) {
  Bytes good = paused_dump(kSmall);
  ASSERT_EQ(load_error(good), "");
  for (size_t n = 0; n < good.size(); n++) {
    Bytes b(good.begin(), good.begin() + static_cast<long>(n));
    std::string e = load_error(b);
    EXPECT_FALSE(e.empty()) << n;
    if (n >= 16) {
      EXPECT_EQ(e, "snapshot: truncated at byte " + std::to_string(n)) << n;
    }
  }
  Runner r = compile(kSmall);
  Bytes prog = r.dump();
  for (size_t n = 0; n < prog.size(); n++) {
    auto l = Runner::load(std::span<const uint8_t>(prog.data(), n));
    EXPECT_FALSE(l) << n;
  }
}

TEST(SnapshotHostile, RandomByteFlips) {
  Bytes good = paused_dump(kSmall);
  std::mt19937 rng(12345);
  size_t loaded = 0;
  for (int round = 0; round < 3000; round++) {
    Bytes b = monty_test::flip_bits(good, rng);
    auto s = Snapshot::load(b);
    if (!s) {
      EXPECT_EQ(s.error().type, "ValueError");
      EXPECT_EQ(s.error().message.rfind("snapshot: ", 0), 0u) << s.error().message;
      continue;
    }
    // Whatever passes validation must be safe to resume.
    loaded++;
    auto p = s.value()->resume(Object::integer(1));
    while (p && !p->is_complete()) p = p->snapshot().resume(Object::integer(1));
  }
  EXPECT_LT(loaded, 3000u);
}

// Hand-crafted edits through a small MessagePack rewriter
// (tests/common/msgpack_edit.h): decode the dump, change one field, encode.
Bytes encode(const msgpack::object& o) {
  Bytes out;
  monty::snapshot::Packer p(out);
  EXPECT_TRUE(monty_test::encode_into(p, o)) << "unexpected type in a snapshot";
  return out;
}
using monty_test::at;
using monty_test::parse_tree;
using monty_test::Tree;

TEST(SnapshotHostile, HandCraftedFields) {
  Bytes good = paused_dump(kSmall);
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::zone z;
    edit(t.root(), z);
    return load_error(encode(t.root()));
  };
  // payload = root[3]; program = payload[0]; codes = program[7]; frames = payload[11].
  // An opcode out of range.
  EXPECT_NE(edited([](msgpack::object& r, msgpack::zone&) {
              msgpack::object& code = at(r, {3, 0, 7, 1, 10});
              const_cast<char*>(code.via.bin.ptr)[0] = static_cast<char>(0xfe);
            }).find("opcode 254 out of range"),
            std::string::npos);
  // A jump target out of range: find the FOR_ITER of f and point it far away.
  EXPECT_NE(edited([](msgpack::object& r, msgpack::zone&) {
              msgpack::object& code = at(r, {3, 0, 7, 1, 10});
              auto* w = reinterpret_cast<unsigned char*>(const_cast<char*>(code.via.bin.ptr));
              for (size_t i = 0; i + 3 < code.via.bin.size; i += 4) {
                if (w[i] == static_cast<unsigned char>(monty::Op::FOR_ITER)) {
                  w[i + 1] = 0xff;
                  w[i + 2] = 0x7f;
                }
              }
            }).find("jump target index"),
            std::string::npos);
  // Bytecode that differs from the compiler's (valid opcodes, same length).
  EXPECT_NE(edited([](msgpack::object& r, msgpack::zone&) {
              msgpack::object& code = at(r, {3, 0, 7, 1, 10});
              auto* w = reinterpret_cast<unsigned char*>(const_cast<char*>(code.via.bin.ptr));
              w[0] = static_cast<unsigned char>(monty::Op::NOP);
              w[1] = w[2] = w[3] = 0;
            }).find("differs from what this build compiles"),
            std::string::npos);
  // A constant index out of range in a frame's function object reference.
  EXPECT_NE(edited([](msgpack::object& r, msgpack::zone&) {
              msgpack::object& frames = at(r, {3, 11});
              msgpack::object& top = frames.via.array.ptr[frames.via.array.size - 1];
              top.via.array.ptr[2].via.u64 += 1;  // sp one higher than the code allows here
            }).find("frame 1: "),
            std::string::npos);
  // An object id out of range.
  EXPECT_NE(edited([](msgpack::object& r, msgpack::zone& z) {
              msgpack::object& frames = at(r, {3, 11});
              msgpack::object& top = frames.via.array.ptr[frames.via.array.size - 1];
              static const char ref[4] = {0x00, 0x0f, 0x42, 0x40};  // object 1000000
              msgpack::object& func = top.via.array.ptr[3];
              char* data = static_cast<char*>(z.allocate_align(5));
              data[0] = 1;
              std::memcpy(data + 1, ref, 4);
              func.via.ext.ptr = data;
              func.via.ext.size = 4;
            }).find("object id 1000000 out of range"),
            std::string::npos);
  // A negative number where a count is expected.
  EXPECT_NE(edited([](msgpack::object& r, msgpack::zone&) {
              msgpack::object& frames = at(r, {3, 11});
              msgpack::object& top = frames.via.array.ptr[frames.via.array.size - 1];
              top.via.array.ptr[1].type = msgpack::type::NEGATIVE_INTEGER;
              top.via.array.ptr[1].via.i64 = -5;
            }).find("expected a non-negative integer"),
            std::string::npos);
  // The instruction pointer moved to a place with a different stack.
  std::string moved = edited([](msgpack::object& r, msgpack::zone&) {
    msgpack::object& frames = at(r, {3, 11});
    msgpack::object& top = frames.via.array.ptr[frames.via.array.size - 1];
    top.via.array.ptr[1].via.u64 = 1;
  });
  EXPECT_NE(moved.find("frame 1: "), std::string::npos) << moved;
  // A list where the function's cell should be: swap a frame's func for a list.
  EXPECT_FALSE(edited([](msgpack::object& r, msgpack::zone&) {
                 msgpack::object& frames = at(r, {3, 11});
                 msgpack::object& top = frames.via.array.ptr[frames.via.array.size - 1];
                 msgpack::object& bottom = frames.via.array.ptr[0];
                 std::swap(top.via.array.ptr[3], bottom.via.array.ptr[3]);
               }).empty());
}

TEST(SnapshotHostile, ConsumerFrameState) {
  // Paused in fetch() inside the generator list() consumes: frames are the
  // module, list()'s consumer frame, the generator's frame.
  Bytes good = paused_dump("xs = [1, 2]\nlist(fetch(x) for x in xs)\n");
  EXPECT_EQ(load_error(good), "");
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::zone z;
    msgpack::object& frames = at(t.root(), {3, 11});
    EXPECT_EQ(frames.via.array.size, 3u);
    edit(frames.via.array.ptr[1], frames, z);
    return load_error(encode(t.root()));
  };
  // Frame fields: code_index, ip, sp, func, ns, generator, class_cell, slots.
  auto code_index = [](msgpack::object& f) -> uint64_t& { return f.via.array.ptr[0].via.u64; };
  auto slot = [](msgpack::object& f, uint32_t i) -> msgpack::object& {
    return f.via.array.ptr[7].via.array.ptr[i];
  };
  EXPECT_NE(edited([&](msgpack::object& f, msgpack::object&, msgpack::zone&) {
              code_index(f) += 100;
            }).find("code index"),
            std::string::npos);
  // list()'s frame made set()'s: its list is not a set.
  EXPECT_NE(edited([&](msgpack::object& f, msgpack::object&, msgpack::zone&) {
              code_index(f) += static_cast<uint64_t>(monty::Consumer::Set);
            }).find("consumer set"),
            std::string::npos);
  // The list replaced by the generator (slot 4 holds the iterator).
  EXPECT_NE(edited([&](msgpack::object& f, msgpack::object&, msgpack::zone&) {
              slot(f, 0) = slot(f, 4);
            }).find("consumer list"),
            std::string::npos);
  // State in a local the kind does not use.
  EXPECT_NE(edited([&](msgpack::object& f, msgpack::object&, msgpack::zone&) {
              slot(f, 2) = slot(f, 0);
            }).find("unused local"),
            std::string::npos);
  // The generator frame's function given to the consumer frame.
  EXPECT_NE(edited([&](msgpack::object& f, msgpack::object& frames, msgpack::zone&) {
              f.via.array.ptr[3] = frames.via.array.ptr[2].via.array.ptr[3];
            }).find("consumer frame with a function"),
            std::string::npos);
  // list()'s frame made enumerate's step frame: its instruction before the
  // frame's ip (list()'s GET_ITER shifted it) is no FOR_ITER for the
  // generator above it.
  EXPECT_NE(edited([&](msgpack::object& f, msgpack::object&, msgpack::zone&) {
              code_index(f) += static_cast<uint64_t>(monty::Consumer::EnumerateStep);
            }).find("frame 1: a generator frame above a frame that is not in a for loop"),
            std::string::npos);
  // list()'s frame made zip's step frame (a FOR_ITER at the same place):
  // local 0 is not a zip.
  std::string zip_error = edited([&](msgpack::object& f, msgpack::object&, msgpack::zone&) {
    code_index(f) += static_cast<uint64_t>(monty::Consumer::ZipStep);
  });
  EXPECT_NE(zip_error.find("frame 1: step frame without its adaptor"), std::string::npos)
      << zip_error;
  // Paused in sorted()'s key function: the module, the keyed consumer, the
  // lambda. Its keys list replaced by the key function.
  Bytes keyed = paused_dump("sorted([2, 1], key=lambda v: fetch(v))\n");
  EXPECT_EQ(load_error(keyed), "");
  {
    Tree t = parse_tree(keyed);
    msgpack::object& frames = at(t.root(), {3, 11});
    ASSERT_EQ(frames.via.array.size, 3u);
    slot(frames.via.array.ptr[1], 2) = slot(frames.via.array.ptr[1], 1);
    EXPECT_NE(load_error(encode(t.root())).find("consumer keys"), std::string::npos);
  }
  // Paused in list.sort's key function: the module, the sort's consumer
  // frame, the lambda. Its locals: items, key function, keys, the list.
  Bytes sort_dump = paused_dump("xs = [2, 1]\nxs.sort(key=lambda v: fetch(v))\n");
  EXPECT_EQ(load_error(sort_dump), "");
  for (auto [local, from, expected] :
       {std::tuple{3, 1, "list being sorted"}, std::tuple{0, 1, "items being sorted"},
        std::tuple{2, 1, "consumer keys"}}) {
    Tree t = parse_tree(sort_dump);
    msgpack::object& frames = at(t.root(), {3, 11});
    ASSERT_EQ(frames.via.array.size, 3u);
    slot(frames.via.array.ptr[1], local) = slot(frames.via.array.ptr[1], from);
    std::string error = load_error(encode(t.root()));
    EXPECT_NE(error.find(expected), std::string::npos) << error;
  }
  // Paused in the zip step's call of fetch (map's function): frames are the
  // module and the step frame.
  Bytes zip_dump = paused_dump("xs = [1, 2]\nfor a, b in zip(xs, map(fetch, xs)):\n    pass\n");
  auto zip_edited = [&](auto edit) {
    Tree t = parse_tree(zip_dump);
    msgpack::object& frames = at(t.root(), {3, 11});
    EXPECT_EQ(frames.via.array.size, 2u);
    edit(frames.via.array.ptr[1]);
    return load_error(encode(t.root()));
  };
  EXPECT_EQ(load_error(zip_dump), "");
  EXPECT_NE(zip_edited([&](msgpack::object& f) {
              slot(f, 0) = slot(f, 1);
            }).find("step frame without its adaptor"),
            std::string::npos);
  EXPECT_NE(zip_edited([&](msgpack::object& f) { slot(f, 1) = slot(f, 0); }).find("zip items"),
            std::string::npos);
  EXPECT_NE(zip_edited([&](msgpack::object& f) {
              msgpack::object& count = slot(f, 2);
              count.type = msgpack::type::NEGATIVE_INTEGER;
              count.via.i64 = -1;
            }).find("not a count"),
            std::string::npos);
  // A consumer code in a program frame's place: the module's frame.
  EXPECT_FALSE(edited([&](msgpack::object& f, msgpack::object& frames, msgpack::zone&) {
                 code_index(frames.via.array.ptr[0]) = code_index(f);
               }).empty());
}

// The fields of the last heap object of `kind` (payload[4]; an object is
// [kind, fields...]) that `wanted` accepts, in a parsed dump; null if none.
msgpack::object* last_object_of_kind(Tree& t, uint64_t kind,
                                     bool (*wanted)(const msgpack::object*) = nullptr) {
  msgpack::object& objects = at(t.root(), {3, 4});
  msgpack::object* found = nullptr;
  for (uint32_t i = 0; i < objects.via.array.size; i++) {
    msgpack::object* f = objects.via.array.ptr[i].via.array.ptr;
    if (f[0].via.u64 == kind && (!wanted || wanted(f))) found = f;
  }
  return found;
}

TEST(SnapshotHostile, PartialFields) {
  // A functools.partial is [24, func, args, keywords, nil].
  Bytes good = paused_dump("import functools\np = functools.partial(max, 3, key=abs)\nfetch(p)\n");
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object* partial = last_object_of_kind(t, 24);  // ObjKind::Partial
    if (!partial) return std::string("no partial");
    edit(partial);
    return load_error(encode(t.root()));
  };
  EXPECT_EQ(edited([](msgpack::object*) {}), "");
  // The arguments tuple replaced by the keywords dict, and the other way round.
  std::string e = edited([](msgpack::object* f) { f[2] = f[3]; });
  EXPECT_NE(e.find("partial arguments"), std::string::npos) << e;
  e = edited([](msgpack::object* f) { f[3] = f[2]; });
  EXPECT_NE(e.find("partial keywords"), std::string::npos) << e;
  e = edited([](msgpack::object* f) { f[4] = f[1]; });
  EXPECT_NE(e.find("partial with a fourth field"), std::string::npos) << e;
}

TEST(SnapshotHostile, LruCacheFields) {
  // Paused inside a cached function's miss: the module's frame, then the
  // function's, whose return stores the result (on_return 3, ns = (wrapper,
  // key)). The wrapper is [25, func, cache, maxsize, stats].
  Bytes good = paused_dump(
      "import functools\n@functools.lru_cache(maxsize=4)\ndef f(x):\n    return fetch(x)\nf(1)\n");
  EXPECT_EQ(load_error(good), "");
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object* wrapper = last_object_of_kind(t, 25);  // ObjKind::LruCache
    if (!wrapper) return std::string("no wrapper");
    msgpack::object& frames = at(t.root(), {3, 11});
    edit(wrapper, frames.via.array.ptr[1].via.array.ptr);
    return load_error(encode(t.root()));
  };
  std::string e = edited([](msgpack::object* w, msgpack::object*) { w[2] = w[4]; });
  EXPECT_NE(e.find("cache: expected a dict"), std::string::npos) << e;
  e = edited([](msgpack::object* w, msgpack::object*) { w[3] = w[1]; });
  EXPECT_NE(e.find("cache maxsize"), std::string::npos) << e;
  e = edited([](msgpack::object* w, msgpack::object*) { w[4] = w[2]; });
  EXPECT_NE(e.find("cache statistics"), std::string::npos) << e;
  // The frame's entry (frame field 4, ns) replaced by the function; an
  // unknown return mode.
  e = edited([](msgpack::object*, msgpack::object* f) { f[4] = f[3]; });
  EXPECT_NE(e.find("cache entry"), std::string::npos) << e;
  e = edited([](msgpack::object*, msgpack::object* f) { f[11].via.u64 = 4; });
  EXPECT_NE(e.find("unknown frame return mode"), std::string::npos) << e;
}

TEST(SnapshotHostile, KeyWrapperFields) {
  // A cmp_to_key key object is [26, cmp, obj, nil, nil] (cmp_to_key's own
  // wrapper has a nil obj).
  Bytes good = paused_dump(
      "import functools\nk = functools.cmp_to_key(lambda a, b: a - b)(3)\nfetch(k.obj)\n");
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object* key = last_object_of_kind(t, 26, [](const msgpack::object* f) {
      return f[2].type != msgpack::type::NIL;  // ObjKind::KeyWrapper with its object
    });
    if (!key) return std::string("no key object");
    edit(key);
    return load_error(encode(t.root()));
  };
  EXPECT_EQ(edited([](msgpack::object*) {}), "");
  std::string e = edited([](msgpack::object* f) { f[3] = f[1]; });
  EXPECT_NE(e.find("key wrapper with extra fields"), std::string::npos) << e;
}

TEST(SnapshotHostile, InstanceDictFields) {
  Bytes good = paused_dump(
      "class A:\n"
      "    pass\n"
      "a = A()\n"
      "a.x = vars(a)\n"
      "b = A()\n"
      "b.y = 1\n"
      "fetch(a, b)\n");
  // objects = payload[4]; an instance is [13, class, attrs, ... builtin_value, dict] (10).
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object& objects = at(t.root(), {3, 4});
    std::vector<msgpack::object*> instances;
    for (uint32_t i = 0; i < objects.via.array.size; i++) {
      msgpack::object& o = objects.via.array.ptr[i];
      if (o.via.array.ptr[0].via.u64 == 13) instances.push_back(&o);
    }
    EXPECT_EQ(instances.size(), 2u);
    if (instances.size() != 2) return std::string("no instances");
    // The materialized one (a nil-free dict field) is a; the other is b.
    msgpack::object* a = instances[0];
    msgpack::object* b = instances[1];
    if (a->via.array.ptr[9].type == msgpack::type::NIL) std::swap(a, b);
    edit(*a, *b);
    return load_error(encode(t.root()));
  };
  EXPECT_EQ(edited([](msgpack::object&, msgpack::object&) {}), "");
  // The dict field pointing at something that is not a dict (the class).
  std::string e =
      edited([](msgpack::object& a, msgpack::object&) { a.via.array.ptr[9] = a.via.array.ptr[1]; });
  EXPECT_NE(e.find("instance __dict__: expected a dict"), std::string::npos) << e;
  // Both an inline namespace and a __dict__: two namespaces for one object.
  e = edited(
      [](msgpack::object& a, msgpack::object& b) { a.via.array.ptr[2] = b.via.array.ptr[2]; });
  EXPECT_NE(e.find("instance with both inline attributes and a __dict__"), std::string::npos) << e;
  // A version 1 instance record (9 fields) in version 2 bytes.
  e = edited([](msgpack::object& a, msgpack::object&) { a.via.array.size = 9; });
  EXPECT_NE(e.find("expected 10 fields, found 9"), std::string::npos) << e;
}

TEST(SnapshotHostile, ClassSlotsField) {
  Bytes good = paused_dump(
      "class P:\n"
      "    __slots__ = ('x',)\n"
      "p = P()\n"
      "p.x = 1\n"
      "fetch(p)\n");
  // A class is [12, name, qualname, bases, mro, attrs, builtin base, slots] (8).
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object& objects = at(t.root(), {3, 4});
    for (uint32_t i = 0; i < objects.via.array.size; i++) {
      msgpack::object& o = objects.via.array.ptr[i];
      if (o.via.array.ptr[0].via.u64 == 12) edit(o);
    }
    return load_error(encode(t.root()));
  };
  EXPECT_EQ(edited([](msgpack::object&) {}), "");
  std::string e = edited([](msgpack::object& c) { c.via.array.ptr[7] = c.via.array.ptr[1]; });
  EXPECT_NE(e.find("class slots: expected a tuple"), std::string::npos) << e;
  e = edited([](msgpack::object& c) { c.via.array.size = 7; });
  EXPECT_NE(e.find("expected 8 fields, found 7"), std::string::npos) << e;
}

TEST(SnapshotHostile, TracebackInstructions) {
  // A caught exception kept alive: its traceback entries are (code, line,
  // instruction) triples since version 3.
  Bytes good = paused_dump(
      "def f():\n"
      "    return {}['k']\n"
      "try:\n"
      "    f()\n"
      "except KeyError as e:\n"
      "    saved = e\n"
      "fetch(saved)\n");
  // objects = payload[4]; an instance is [13, class, attrs, args, cause, context,
  // suppress_context, traceback, builtin_value, dict].
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object& objects = at(t.root(), {3, 4});
    msgpack::object* tb = nullptr;
    for (uint32_t i = 0; i < objects.via.array.size; i++) {
      msgpack::object& o = objects.via.array.ptr[i];
      if (o.via.array.ptr[0].via.u64 == 13 && o.via.array.ptr[7].via.array.size > 0)
        tb = &o.via.array.ptr[7];
    }
    EXPECT_NE(tb, nullptr);
    if (!tb) return std::string("no traceback");
    EXPECT_EQ(tb->via.array.size, 6u);  // two frames
    edit(*tb);
    return load_error(encode(t.root()));
  };
  EXPECT_EQ(edited([](msgpack::object&) {}), "");
  // An instruction on another line than the entry says.
  std::string e = edited([](msgpack::object& tb) { tb.via.array.ptr[1].via.u64 += 1; });
  EXPECT_NE(e.find("traceback instruction"), std::string::npos) << e;
  EXPECT_NE(e.find("is not on line"), std::string::npos) << e;
  // An instruction past the end of its code.
  e = edited([](msgpack::object& tb) { tb.via.array.ptr[2].via.u64 = 100000; });
  EXPECT_NE(e.find("traceback instruction 100000 is not on line"), std::string::npos) << e;
  // Pairs (the version 1 and 2 layout) in version 3 bytes.
  e = edited([](msgpack::object& tb) { tb.via.array.size = 4; });
  EXPECT_NE(e.find("traceback: length not a multiple of 3"), std::string::npos) << e;
  // The unknown-instruction marker (entries that came from version 1 or 2) is fine.
  EXPECT_EQ(edited([](msgpack::object& tb) { tb.via.array.ptr[2].via.u64 = 0xFFFFFFFF; }), "");
}

// The itertools types' private state (index lists, counters, the list a
// groupby shares with its groups) is checked when loaded: their next()
// trusts it.
TEST(SnapshotHostile, ItertoolsState) {
  Bytes good = paused_dump(kItertoolsMidway);
  // objects = payload[4]; an iterator is [kind, type name, source, aux, index,
  // pos, end, step, strict, exhausted]; a list is [kind, items].
  auto edited = [&](auto edit) {
    Tree t = parse_tree(good);
    msgpack::object& objects = at(t.root(), {3, 4});
    auto find = [&](std::string_view type) -> msgpack::object& {
      for (uint32_t i = 0; i < objects.via.array.size; i++) {
        msgpack::object& o = objects.via.array.ptr[i];
        if (o.via.array.size == 10 && o.via.array.ptr[1].type == msgpack::type::STR &&
            std::string_view(o.via.array.ptr[1].via.str.ptr, o.via.array.ptr[1].via.str.size) ==
                type) {
          return o;
        }
      }
      ADD_FAILURE() << "no " << type;
      return objects;
    };
    auto deref = [&](const msgpack::object& ref) -> msgpack::object& {
      const auto* b = reinterpret_cast<const unsigned char*>(ref.via.ext.data());
      uint32_t id = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
      return objects.via.array.ptr[id];
    };
    auto items = [&](std::string_view type) -> msgpack::object& {
      return deref(find(type).via.array.ptr[3]).via.array.ptr[1];
    };
    edit(find, items);
    return load_error(encode(t.root()));
  };
  using Find = std::function<msgpack::object&(std::string_view)>;
  EXPECT_EQ(edited([](const Find&, const Find&) {}), "");
  auto expect_error = [&](auto edit, std::string_view message) {
    std::string e = edited(edit);
    EXPECT_NE(e.find(message), std::string::npos) << e;
  };
  expect_error(
      [](const Find&, const Find& items) {
        msgpack::object& l = items("itertools.permutations");
        l.via.array.ptr[0] = l.via.array.ptr[1];
      },
      "permutations indices repeat");
  expect_error(
      [](const Find&, const Find& items) {
        msgpack::object& l = items("itertools.permutations");
        l.via.array.ptr[5].via.u64 = 9;  // a cycle past n - i
      },
      "itertools index out of range");
  expect_error([](const Find& find,
                  const Find&) { find("itertools.combinations").via.array.ptr[6].via.u64 = 5; },
               "itertools state of the wrong size");
  expect_error(
      [](const Find&, const Find& items) {
        msgpack::object& l = items("itertools.combinations");
        std::swap(l.via.array.ptr[0], l.via.array.ptr[2]);  // not increasing
      },
      "itertools index out of range");
  expect_error(
      [](const Find&, const Find& items) {
        items("itertools.combinations_with_replacement").via.array.ptr[1].via.u64 = 3;
      },
      "itertools index out of range");
  expect_error([](const Find&,
                  const Find& items) { items("itertools.product").via.array.ptr[0].via.u64 = 2; },
               "itertools index out of range");
  expect_error(
      [](const Find& find, const Find&) { find("itertools.islice").via.array.ptr[7].via.u64 = 0; },
      "islice position out of range");
  expect_error([](const Find& find,
                  const Find&) { find("itertools.zip_longest").via.array.ptr[4].via.u64 = 7; },
               "zip_longest count out of range");
  expect_error(
      [](const Find& find, const Find&) {
        find("itertools.groupby").via.array.ptr[3] = find("itertools.accumulate").via.array.ptr[3];
      },
      "itertools state of the wrong size");
  expect_error([](const Find&,
                  const Find& items) { items("itertools.groupby").via.array.ptr[6].via.u64 = 99; },
               "itertools index out of range");
  expect_error(
      [](const Find& find, const Find&) {
        find("itertools._grouper").via.array.ptr[2] = find("itertools.product").via.array.ptr[2];
      },
      "itertools state: expected a list");
  expect_error(
      [](const Find& find, const Find& items) {
        items("itertools.groupby").via.array.ptr[4] = find("itertools.product").via.array.ptr[2];
      },
      "groupby's current group is not a _grouper");
  expect_error(
      [](const Find& find, const Find&) { find("itertools._tee").via.array.ptr[4].via.u64 = 9; },
      "tee position out of range");
  expect_error(
      [](const Find& find, const Find&) {
        msgpack::object& name = find("itertools.cycle").via.array.ptr[1];
        const_cast<char*>(name.via.str.ptr)[10] = 'X';  // itertools.Xycle
      },
      "iterator type");
}

TEST(SnapshotHostile, HugeLengthsAllocateNothing) {
  Bytes good = paused_dump(kSmall);
  // Replace the payload by an array claiming 2^32-1 elements followed by a few bytes.
  Bytes b(good.begin(), good.begin() + 18);
  b.insert(b.end(), {0xdd, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02});
  EXPECT_EQ(load_error(b), "snapshot: truncated at byte 25");
  // A string claiming 4 GiB.
  b.assign(good.begin(), good.begin() + 18);
  b.insert(b.end(), {0xdb, 0xff, 0xff, 0xff, 0xf0, 0x41});
  EXPECT_EQ(load_error(b), "snapshot: truncated at byte 24");
  // Deep nesting.
  b.assign(good.begin(), good.begin() + 18);
  for (int i = 0; i < 100000; i++) b.push_back(0x91);
  b.push_back(0xc0);
  EXPECT_NE(load_error(b).find("nesting deeper than"), std::string::npos);
  // A well-formed but wrong-shaped payload.
  b.assign(good.begin(), good.begin() + 18);
  b.push_back(0xc0);
  EXPECT_EQ(load_error(b), "snapshot: execution: expected an array");
}

}  // namespace

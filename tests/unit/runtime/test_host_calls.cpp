// External (host) function calls: pausing at any depth, resuming with a
// value or an error, name lookups, time slices, and API misuse.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monty/monty.h"

namespace {

using monty::Object;
using monty::PendingCall;
using monty::Progress;
using monty::Runner;

struct Captured {
  std::string out;
  std::string err;
  monty::Host host() {
    return monty::Host{[this](monty::Stream s, std::string_view t) {
                         (s == monty::Stream::Stdout ? out : err) += t;
                       },
                       nullptr};
  }
};

Runner compile(const std::string& code, std::vector<std::string> externals = {"fetch"},
               std::vector<std::string> inputs = {}) {
  auto r = Runner::create(code, "host.py", std::move(inputs), std::move(externals));
  EXPECT_TRUE(r) << r.error().formatted;
  return std::move(r.value());
}

// Runs `code`, answering every call to fetch(x, ...) with `answer(x)`; returns
// the final value and the sequence of calls seen.
struct Session {
  std::vector<PendingCall> calls;
  Captured io;
  monty::Outcome<Object> result = Object::none();
};

template <typename Answer>
Session drive(const Runner& runner, Answer answer, const monty::Limits& limits = {}) {
  Session s;
  auto p = runner.start({}, limits, s.io.host());
  while (p && !p->is_complete()) {
    const PendingCall pc = p->snapshot().pending();
    s.calls.push_back(pc);
    if (s.calls.size() > 10000) break;
    p = p->snapshot().resume(answer(pc));
  }
  if (!p) {
    s.result = p.error();
  } else {
    s.result = p->output();
  }
  return s;
}

Object twice_first_arg(const PendingCall& pc) {
  return Object::integer(pc.args.at(0).as_int() * 2);
}

TEST(HostCalls, CompletesWithoutCalls) {
  Runner r = compile("x = 1 + 2\nx * 10");
  auto p = r.start();
  ASSERT_TRUE(p);
  ASSERT_TRUE(p->is_complete());
  EXPECT_EQ(p->output(), Object::integer(30));
}

TEST(HostCalls, PauseCarriesNameArgsKwargsAndCallId) {
  Runner r = compile("fetch(1, 'a', [2, 3], key={'k': None}, flag=True)");
  auto p = r.start();
  ASSERT_TRUE(p);
  ASSERT_FALSE(p->is_complete());
  const PendingCall& pc = p->snapshot().pending();
  EXPECT_EQ(pc.kind, PendingCall::Kind::FunctionCall);
  EXPECT_EQ(pc.function_name, "fetch");
  ASSERT_EQ(pc.args.size(), 3u);
  EXPECT_EQ(pc.args[0], Object::integer(1));
  EXPECT_EQ(pc.args[1], Object::str("a"));
  EXPECT_EQ(pc.args[2], Object::list({Object::integer(2), Object::integer(3)}));
  ASSERT_EQ(pc.kwargs.size(), 2u);
  EXPECT_EQ(pc.kwargs[0].first, "key");
  EXPECT_EQ(pc.kwargs[0].second, Object::dict({{Object::str("k"), Object::none()}}));
  EXPECT_EQ(pc.kwargs[1].first, "flag");
  EXPECT_EQ(pc.kwargs[1].second, Object::boolean(true));
  EXPECT_EQ(pc.call_id, 1u);
  auto done = p->snapshot().resume(Object::str("ok"));
  ASSERT_TRUE(done);
  ASSERT_TRUE(done->is_complete());
  EXPECT_EQ(done->output(), Object::str("ok"));
}

// The same program shape at every depth the issue lists: the result must be
// what CPython computes with fetch(x) == 2 * x.
struct DepthCase {
  const char* name;
  const char* code;
  int64_t expected;
  size_t calls;
};

class CallDepth : public ::testing::TestWithParam<DepthCase> {};

TEST_P(CallDepth, PausesAndResumes) {
  const DepthCase& c = GetParam();
  Runner r = compile(c.code);
  Session s = drive(r, twice_first_arg);
  ASSERT_TRUE(s.result) << s.result.error().formatted;
  EXPECT_EQ(s.result.value(), Object::integer(c.expected)) << s.io.out;
  EXPECT_EQ(s.calls.size(), c.calls);
  for (size_t i = 0; i < s.calls.size(); i++) EXPECT_EQ(s.calls[i].call_id, i + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Depths, CallDepth,
    ::testing::Values(
        DepthCase{"top_level", "fetch(21)", 42, 1},
        DepthCase{
            "nested_functions",
            "def a(x):\n    def b(y):\n        return fetch(y) + 1\n    return b(x) * 10\na(2)", 50,
            1},
        DepthCase{"three_deep_in_loop",
                  "def c(i):\n    return fetch(i)\ndef b(i):\n    return c(i) + 1\ndef a(i):\n    "
                  "return b(i) * 2\n"
                  "t = 0\nfor i in range(5):\n    t += a(i)\nt",
                  50, 5},
        DepthCase{"while_loop", "i = 0\nt = 0\nwhile i < 4:\n    t += fetch(i)\n    i += 1\nt", 12,
                  4},
        DepthCase{"list_comprehension", "sum([fetch(i) for i in range(4)])", 12, 4},
        DepthCase{"dict_comprehension", "d = {i: fetch(i) for i in range(3)}\nd[2]", 4, 3},
        DepthCase{"generator_expression",
                  "total = 0\nfor v in (fetch(i) for i in range(3)):\n    total += v\ntotal", 6, 3},
        DepthCase{"try_finally",
                  "log = []\ndef f():\n    try:\n        return fetch(1)\n    finally:\n        "
                  "log.append(fetch(2))\n"
                  "f() * 100 + log[0]",
                  204, 2},
        DepthCase{"try_except_body", "try:\n    v = fetch(5)\nexcept ValueError:\n    v = -1\nv",
                  10, 1},
        DepthCase{"method",
                  "class C:\n    def __init__(self, k):\n        self.k = k\n    def m(self, x):\n "
                  "       "
                  "return fetch(x) + self.k\nC(7).m(3)",
                  13, 1},
        DepthCase{"init", "class C:\n    def __init__(self, k):\n        self.k = fetch(k)\nC(4).k",
                  8, 1},
        DepthCase{"lambda", "f = lambda x: fetch(x) - 1\nf(3) + f(4)", 12, 2},
        DepthCase{"kwargs_call", "def f(**kw):\n    return fetch(kw['a'], **kw)\nf(a=8)", 16, 1},
        DepthCase{"star_args", "args = [9]\nfetch(*args)", 18, 1},
        DepthCase{"recursion", "def f(n):\n    return fetch(n) if n == 0 else f(n - 1) + 1\nf(20)",
                  20, 1},
        DepthCase{"generator_function",
                  "def gen():\n    for i in range(3):\n        yield fetch(i)\nt = 0\nfor v in "
                  "gen():\n    t += v\nt",
                  6, 3},
        DepthCase{"with_block",
                  "class W:\n    def __enter__(self):\n        return self\n    def __exit__(self, "
                  "*a):\n        return False\n"
                  "with W():\n    v = fetch(11)\nv",
                  22, 1},
        DepthCase{"closure",
                  "def outer():\n    n = 5\n    def inner():\n        return fetch(n)\n    return "
                  "inner\nouter()()",
                  10, 1}),
    [](const ::testing::TestParamInfo<DepthCase>& info) { return std::string(info.param.name); });

TEST(HostCalls, ManySequentialCalls) {
  Runner r = compile("t = 0\nfor i in range(1000):\n    t += fetch(i)\nt");
  Session s = drive(r, twice_first_arg);
  ASSERT_TRUE(s.result);
  EXPECT_EQ(s.result.value(), Object::integer(999 * 1000));
  EXPECT_EQ(s.calls.size(), 1000u);
  EXPECT_EQ(s.calls.back().call_id, 1000u);
}

TEST(HostCalls, PrintsBeforeAndAfterPauseGoToTheSink) {
  Runner r = compile("print('a')\nv = fetch(1)\nprint('b', v)\n");
  Session s = drive(r, twice_first_arg);
  ASSERT_TRUE(s.result);
  EXPECT_EQ(s.io.out, "a\nb 2\n");
}

TEST(HostCalls, ErrorCaughtByTheProgram) {
  Runner r = compile(
      "def f():\n    try:\n        return fetch(1)\n    except ValueError as e:\n        return "
      "'caught: ' + str(e)\nf()");
  auto p = r.start();
  ASSERT_TRUE(p);
  ASSERT_FALSE(p->is_complete());
  auto done = p->snapshot().resume_error("ValueError", "bad url");
  ASSERT_TRUE(done);
  ASSERT_TRUE(done->is_complete());
  EXPECT_EQ(done->output(), Object::str("caught: bad url"));
}

TEST(HostCalls, ErrorRunsFinallyBlocks) {
  Captured io;
  Runner r = compile("try:\n    fetch(1)\nfinally:\n    print('cleanup')\n");
  auto p = r.start({}, {}, io.host());
  ASSERT_TRUE(p);
  auto done = p->snapshot().resume_error("KeyError", "k");
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().type, "KeyError");
  EXPECT_EQ(io.out, "cleanup\n");
}

TEST(HostCalls, UncaughtErrorHasTraceback) {
  Runner r = compile("def g():\n    return fetch(1)\ndef f():\n    return g()\nf()\n");
  auto p = r.start();
  ASSERT_TRUE(p);
  auto done = p->snapshot().resume_error("OSError", "host down");
  ASSERT_FALSE(done);
  const monty::Exception& e = done.error();
  EXPECT_EQ(e.type, "OSError");
  EXPECT_EQ(e.message, "host down");
  EXPECT_EQ(e.formatted,
            "Traceback (most recent call last):\n"
            "  File \"host.py\", line 5, in <module>\n    f()\n"
            "  File \"host.py\", line 4, in f\n    return g()\n           ^^^\n"
            "  File \"host.py\", line 2, in g\n    return fetch(1)\n           ^^^^^^^^\n"
            "OSError: host down\n");
  ASSERT_EQ(e.traceback.size(), 3u);
  EXPECT_EQ(e.traceback.back().function, "g");
  // The underlined range, as columns of the line as written: `fetch(1)`.
  EXPECT_EQ(e.traceback.back().end_line, 2);
  EXPECT_EQ(e.traceback.back().col, 11);
  EXPECT_EQ(e.traceback.back().end_col, 19);
  // `f()` spans its whole line: no underline, but the range is still given.
  EXPECT_EQ(e.traceback.front().col, 0);
  EXPECT_EQ(e.traceback.front().end_col, 3);
}

TEST(HostCalls, UnknownErrorTypeBecomesRuntimeError) {
  Runner r = compile("fetch(1)");
  auto p = r.start();
  ASSERT_TRUE(p);
  auto done = p->snapshot().resume_error("NoSuchError", "x");
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().type, "RuntimeError");
  // Not an exception class either: still RuntimeError, never a crash.
  auto p2 = r.start();
  auto done2 = p2->snapshot().resume_error("len", "y");
  ASSERT_FALSE(done2);
  EXPECT_EQ(done2.error().summary(), "RuntimeError: y");
}

TEST(HostCalls, UndeclaredNameIsNameError) {
  Runner r = compile("print(y)", {});
  auto p = r.start();
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().summary(), "NameError: name 'y' is not defined");
}

TEST(HostCalls, NameLookupPauseWithValue) {
  Runner r = compile("def f():\n    return config * 2\nf() + config", {});
  auto p = r.start({}, {}, {}, /*pause_on_undefined_names=*/true);
  ASSERT_TRUE(p);
  ASSERT_FALSE(p->is_complete());
  EXPECT_EQ(p->snapshot().pending().kind, PendingCall::Kind::NameLookup);
  EXPECT_EQ(p->snapshot().pending().function_name, "config");
  auto done = p->snapshot().resume(Object::integer(5));
  ASSERT_TRUE(done);
  // The supplied value is now a global: the second use does not pause.
  ASSERT_TRUE(done->is_complete());
  EXPECT_EQ(done->output(), Object::integer(15));
}

// `name += x` on a module-level name is one instruction; a lookup paused
// inside it must still do the addition (it once resumed after it, leaving
// the name at the supplied value and x on the stack).
TEST(HostCalls, NameLookupInsideAugmentedAssignment) {
  struct Case {
    const char* code;
    const char* out;
  };
  for (const Case& c : {
           Case{"x += 1\nx", "6"},
           Case{"for i in range(3):\n    total += i\ntotal", "8"},
           Case{"def f():\n    global y\n    y += 10\n    return y\nf() * 2", "30"},
           Case{"s += 'a'\ns", "TypeError: unsupported operand type(s) for +=: 'int' and 'str'"},
       }) {
    Runner r = compile(c.code, {});
    auto p = r.start({}, {}, {}, /*pause_on_undefined_names=*/true);
    ASSERT_TRUE(p) << c.code;
    ASSERT_FALSE(p->is_complete()) << c.code;
    EXPECT_EQ(p->snapshot().pending().kind, PendingCall::Kind::NameLookup);
    auto done = p->snapshot().resume(Object::integer(5));
    std::string got =
        done ? (done->is_complete() ? done->output().repr() : "paused") : done.error().summary();
    EXPECT_EQ(got, c.out) << c.code;
  }
}

TEST(HostCalls, NameLookupUndefinedRaisesNameError) {
  Runner r = compile("try:\n    missing\nexcept NameError as e:\n    msg = str(e)\nmsg", {});
  auto p = r.start({}, {}, {}, true);
  ASSERT_TRUE(p);
  ASSERT_FALSE(p->is_complete());
  auto done = p->snapshot().resume_undefined();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->output(), Object::str("name 'missing' is not defined"));
}

TEST(HostCalls, BuiltinsAreNotLookedUp) {
  Runner r = compile("len([1, 2])", {});
  auto p = r.start({}, {}, {}, true);
  ASSERT_TRUE(p);
  ASSERT_TRUE(p->is_complete());
  EXPECT_EQ(p->output(), Object::integer(2));
}

TEST(HostCalls, ResumeUndefinedOnlyForNameLookups) {
  Runner r = compile("fetch(1)");
  auto p = r.start();
  auto done = p->snapshot().resume_undefined();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().type, "RuntimeError");
}

TEST(HostCalls, RunRefusesExternalCalls) {
  Runner r = compile("print('before')\nfetch(1)");
  Captured io;
  auto out = r.run({}, {}, io.host().print);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().summary(),
            "RuntimeError: external function 'fetch' called: run() cannot pause; use start()");
}

TEST(HostCalls, ResumingTwiceIsAnError) {
  Runner r = compile("fetch(1) + fetch(2)");
  auto p = r.start();
  ASSERT_TRUE(p);
  monty::Snapshot& snap = p->snapshot();
  auto first = snap.resume(Object::integer(1));
  ASSERT_TRUE(first);
  EXPECT_TRUE(snap.resumed());
  auto second = snap.resume(Object::integer(1));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().summary(), "RuntimeError: this snapshot was already resumed");
  auto third = snap.resume_error("ValueError", "x");
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().summary(), "RuntimeError: this snapshot was already resumed");
}

TEST(HostCalls, CallInsideBuiltinCallbackIsRuntimeError) {
  // __repr__ is a callback of native code (str() of a list); list.sort's
  // key function is not: it runs as a consumer frame and pauses.
  Runner r = compile("class A:\n    def __repr__(self):\n        return fetch(1)\nstr([A()])");
  auto p = r.start();
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().type, "RuntimeError");
  EXPECT_NE(p.error().message.find("cannot be called from inside a builtin callback"),
            std::string::npos);
}

TEST(HostCalls, InputsAndExternals) {
  Runner r = compile("fetch(x) + x", {"fetch"}, {"x"});
  auto p = r.start({Object::integer(4)});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->snapshot().pending().args.at(0), Object::integer(4));
  auto done = p->snapshot().resume(Object::integer(100));
  EXPECT_EQ(done->output(), Object::integer(104));
  auto bad = r.start({});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().summary(), "RuntimeError: expected 1 inputs, got 0");
}

TEST(HostCalls, ResumeWithContainerValues) {
  Runner r = compile("d = fetch(0)\nd['a'][1] + len(d)");
  auto p = r.start();
  auto done = p->snapshot().resume(
      Object::dict({{Object::str("a"), Object::list({Object::integer(1), Object::integer(41)})},
                    {Object::str("b"), Object::none()}}));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->output(), Object::integer(43));
}

// ---- time slices -----------------------------------------------------------

// Counts the pauses of a loop of `n` iterations sliced every `every` units.
size_t count_yields(uint64_t every, int n) {
  Runner r = compile("i = 0\nwhile i < " + std::to_string(n) + ":\n    i += 1\ni", {});
  monty::Limits limits;
  limits.pause_every_instructions = every;
  size_t yields = 0;
  auto p = r.start({}, limits);
  while (p && !p->is_complete()) {
    EXPECT_EQ(p->snapshot().pending().kind, PendingCall::Kind::Yield);
    EXPECT_EQ(p->snapshot().pending().call_id, yields + 1);
    yields++;
    p = p->snapshot().resume(Object::none());
  }
  EXPECT_TRUE(p);
  if (p) {
    EXPECT_EQ(p->output(), Object::integer(n));
  }
  return yields;
}

TEST(TimeSlices, ExactAndDeterministicCounts) {
  // One budget unit per backward jump: a loop of n iterations spends n.
  const size_t a = count_yields(100, 1000);
  EXPECT_EQ(a, count_yields(100, 1000));
  EXPECT_GE(a, 9u);
  EXPECT_LE(a, 10u);
  EXPECT_EQ(count_yields(1000000, 1000), 0u);
  EXPECT_EQ(count_yields(1, 50), count_yields(1, 50));
}

TEST(TimeSlices, ConditionalBackwardJumpsAreSlicedToo) {
  // A comprehension filter that rejects an item jumps straight back to the
  // loop head; the slices land there too, and the pauses change nothing.
  Runner r = compile(
      "[x for x in range(3000) if x % 7 == 0 and x % 11 == 0 or x == 2999]"
      " + [x for x in range(2000) if x < 0]",
      {});
  monty::Limits limits;
  limits.pause_every_instructions = 100;
  size_t yields = 0;
  auto p = r.start({}, limits);
  while (p && !p->is_complete()) {
    EXPECT_EQ(p->snapshot().pending().kind, PendingCall::Kind::Yield);
    yields++;
    p = p->snapshot().resume(Object::none());
  }
  ASSERT_TRUE(p);
  EXPECT_EQ(p->output().repr(),
            "[0, 77, 154, 231, 308, 385, 462, 539, 616, 693, 770, 847, 924, 1001, "
            "1078, 1155, 1232, 1309, 1386, 1463, 1540, 1617, 1694, 1771, 1848, "
            "1925, 2002, 2079, 2156, 2233, 2310, 2387, 2464, 2541, 2618, 2695, "
            "2772, 2849, 2926, 2999]");
  EXPECT_GE(yields, 45u);
}

TEST(TimeSlices, RunRefusesTimeSlices) {
  Runner r = compile("i = 0\nwhile i < 100:\n    i += 1\n", {});
  monty::Limits limits;
  limits.pause_every_instructions = 10;
  auto out = r.run({}, limits);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().summary(), "RuntimeError: run() cannot pause for time slices; use start()");
}

TEST(TimeSlices, YieldsInterleaveWithHostCalls) {
  Runner r = compile(
      "t = 0\nfor i in range(300):\n    t += 1\n    if i % 100 == 0:\n        t += fetch(i)\nt");
  monty::Limits limits;
  limits.pause_every_instructions = 50;
  size_t yields = 0, calls = 0;
  auto p = r.start({}, limits);
  while (p && !p->is_complete()) {
    const PendingCall& pc = p->snapshot().pending();
    if (pc.kind == PendingCall::Kind::Yield) {
      yields++;
      p = p->snapshot().resume(Object::none());
    } else {
      calls++;
      p = p->snapshot().resume(Object::integer(0));
    }
  }
  ASSERT_TRUE(p);
  EXPECT_EQ(p->output(), Object::integer(300));
  EXPECT_EQ(calls, 3u);
  EXPECT_GE(yields, 5u);
}

}  // namespace

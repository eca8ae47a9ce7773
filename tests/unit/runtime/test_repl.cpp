// REPL sessions: globals persist across snippets, errors leave the session
// usable, trailing expressions give their value.
#include <gtest/gtest.h>

#include <string>

#include "monty/monty.h"

namespace {

using monty::Object;
using monty::Repl;

struct ReplFixture : ::testing::Test {
  std::string out;
  Repl repl = make();

  Repl make(const monty::Limits& limits = {}) {
    auto r =
        Repl::create("<stdin>", limits,
                     monty::Host{[this](monty::Stream, std::string_view t) { out += t; }, nullptr});
    EXPECT_TRUE(r);
    return std::move(r.value());
  }
  Object ok(const std::string& code) {
    auto r = repl.feed(code);
    EXPECT_TRUE(r) << code << "\n" << r.error().formatted;
    return r ? r.value() : Object::none();
  }
  monty::Exception err(const std::string& code) {
    auto r = repl.feed(code);
    EXPECT_FALSE(r) << code;
    return r ? monty::Exception{} : r.error();
  }
};

TEST_F(ReplFixture, GlobalsPersist) {
  EXPECT_EQ(ok("x = 40"), Object::none());
  EXPECT_EQ(ok("x += 2"), Object::none());
  EXPECT_EQ(ok("x"), Object::integer(42));
}

TEST_F(ReplFixture, TrailingExpressionValue) {
  EXPECT_EQ(ok("1 + 1"), Object::integer(2));
  EXPECT_EQ(ok("a = 1\na * 10"), Object::integer(10));
  EXPECT_EQ(ok("b = 3"), Object::none());
  EXPECT_EQ(ok("[b, 'x', None]"),
            Object::list({Object::integer(3), Object::str("x"), Object::none()}));
  EXPECT_EQ(ok("print('hi')"), Object::none());
  EXPECT_EQ(out, "hi\n");
}

TEST_F(ReplFixture, FunctionsAndClassesAcrossSnippets) {
  ok("def sq(n):\n    return n * n\n");
  ok("class Counter:\n    def __init__(self):\n        self.n = 0\n    def inc(self):\n        "
     "self.n += 1\n        "
     "return self.n\n");
  ok("c = Counter()");
  ok("c.inc()");
  EXPECT_EQ(ok("c.inc() + sq(3)"), Object::integer(11));
  // A function defined earlier sees globals defined later.
  ok("def uses_later():\n    return later * 2\n");
  ok("later = 21");
  EXPECT_EQ(ok("uses_later()"), Object::integer(42));
  // Closures and generators made in one snippet keep working.
  ok("def make(k):\n    def add(v):\n        return v + k\n    return add\nadd5 = make(5)");
  ok("gen = (i * i for i in range(4))");
  EXPECT_EQ(ok("next(gen)"), Object::integer(0));
  EXPECT_EQ(ok("add5(next(gen))"), Object::integer(6));
  EXPECT_EQ(ok("list(gen)"), Object::list({Object::integer(4), Object::integer(9)}));
}

TEST_F(ReplFixture, ErrorLeavesEarlierStateIntact) {
  ok("x = 1");
  monty::Exception e = err("y = 2\nx = 10\n1 / 0\nx = 100");
  EXPECT_EQ(e.type, "ZeroDivisionError");
  EXPECT_EQ(e.formatted,
            "Traceback (most recent call last):\n  File \"<stdin>\", line 3, in "
            "<module>\nZeroDivisionError: division by zero\n");
  // Assignments before the error stay, as in CPython's REPL.
  EXPECT_EQ(ok("(x, y)"), Object::tuple({Object::integer(10), Object::integer(2)}));
}

TEST_F(ReplFixture, SyntaxErrorChangesNothing) {
  ok("x = 5");
  monty::Exception e = err("x = 6\ny = (");
  EXPECT_EQ(e.type, "SyntaxError");
  EXPECT_EQ(ok("x"), Object::integer(5));
  err("y");  // never assigned
  EXPECT_EQ(ok("x + 1"), Object::integer(6));
}

TEST_F(ReplFixture, ErrorInsideFunctionHasTraceback) {
  ok("def f():\n    return {}['k']\n");
  monty::Exception e = err("f()");
  EXPECT_EQ(e.type, "KeyError");
  EXPECT_EQ(e.traceback.size(), 2u);
  EXPECT_EQ(e.traceback.back().function, "f");
  EXPECT_EQ(ok("'still alive'"), Object::str("still alive"));
}

TEST_F(ReplFixture, ExceptionObjectsSurvive) {
  ok("try:\n    int('x')\nexcept ValueError as e:\n    saved = e\n");
  EXPECT_EQ(ok("str(saved)"), Object::str("invalid literal for int() with base 10: 'x'"));
}

TEST_F(ReplFixture, ReprOfUnmappedValues) {
  ok("class P:\n    def __repr__(self):\n        return 'P!'\n");
  Object v = ok("P()");
  EXPECT_EQ(v.kind(), Object::Kind::Repr);
  EXPECT_EQ(v.repr(), "P!");
  ok("a = []\na.append(a)");
  EXPECT_EQ(ok("a").repr(), "[[...]]");
}

TEST_F(ReplFixture, ExternalNamesAreNameErrors) {
  EXPECT_EQ(err("fetch(1)").summary(), "NameError: name 'fetch' is not defined");
}

TEST(Repl, LimitsApplyPerSnippetAndSessionSurvives) {
  monty::Limits limits;
  limits.max_instructions = 20000;
  limits.max_memory = 1 << 20;
  auto repl = Repl::create("<stdin>", limits);
  ASSERT_TRUE(repl);
  ASSERT_TRUE(repl->feed("keep = [1, 2, 3]"));
  auto t = repl->feed("while True:\n    pass\n");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().type, "TimeoutError");
  // The instruction budget is per snippet: the next one runs normally.
  auto s = repl->feed("i = 0\nwhile i < 15000:\n    i += 1\ni");
  ASSERT_TRUE(s) << s.error().formatted;
  EXPECT_EQ(s.value(), Object::integer(15000));
  auto m = repl->feed("big = []\nwhile True:\n    big.append('x' * 100)\n");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().type, "MemoryError");
  // The list that hit the limit is still a global; dropping it frees it.
  ASSERT_TRUE(repl->feed("big = None"));
  auto k = repl->feed("sum(keep)");
  ASSERT_TRUE(k) << k.error().formatted;
  EXPECT_EQ(k.value(), Object::integer(6));
}

TEST(Repl, RecursionErrorThenNormalCalls) {
  auto repl = Repl::create();
  ASSERT_TRUE(repl);
  ASSERT_TRUE(repl->feed("def f(n):\n    return f(n + 1)\n"));
  auto r = repl->feed("f(0)");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().type, "RecursionError");
  ASSERT_TRUE(repl->feed("def g(n):\n    return 0 if n == 0 else 1 + g(n - 1)\n"));
  auto g = repl->feed("g(500)");
  ASSERT_TRUE(g) << g.error().formatted;
  EXPECT_EQ(g.value(), Object::integer(500));
}

TEST(Repl, ManySnippets) {
  auto repl = Repl::create();
  ASSERT_TRUE(repl);
  for (int i = 0; i < 500; i++) {
    ASSERT_TRUE(repl->feed("v" + std::to_string(i) + " = " + std::to_string(i)));
  }
  auto r = repl->feed("v0 + v499");
  ASSERT_TRUE(r);
  EXPECT_EQ(r.value(), Object::integer(499));
}

}  // namespace

namespace {

// asyncio.run needs a frame whose code follows the program's, which a
// session's growing program cannot give yet: a clear error, and the session
// (coroutines included) stays usable.
TEST_F(ReplFixture, AsyncioRunsInSnippetsThatFollowEachOther) {
  ok("import asyncio\nasync def f(x):\n    await asyncio.sleep(0.1)\n    return x + 1\n");
  EXPECT_EQ(ok("asyncio.run(f(1))"), Object::integer(2));
  // The event loop's frame runs code that follows the program's; the next
  // snippets' codes take those indices.
  ok("async def g(xs):\n    return await asyncio.gather(*[f(x) for x in xs])\n");
  EXPECT_EQ(ok("asyncio.run(g([1, 2]))"), Object::list({Object::integer(2), Object::integer(3)}));
  ok("def h():\n    return 'h'\n");
  EXPECT_EQ(ok("h(), asyncio.run(f(9))"), Object::tuple({Object::str("h"), Object::integer(10)}));
  monty::Exception e = err("async def bad():\n    raise KeyError('k')\nasyncio.run(bad())");
  EXPECT_EQ(e.type, "KeyError");
  EXPECT_EQ(ok("h()"), Object::str("h"));
  ok("async def plain(x):\n    return x + 1\n");
  EXPECT_EQ(
      ok("c = plain(41)\ntry:\n    c.send(None)\nexcept StopIteration as s:\n    r = s.value\nr"),
      Object::integer(42));
  EXPECT_EQ(ok("type(f(0)).__name__"), Object::str("coroutine"));
}

}  // namespace

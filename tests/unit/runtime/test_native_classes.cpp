// Classes a module makes natively (collections.deque, Counter, namedtuple):
// their methods check the state they find instead of trusting it, so a
// program (or altered snapshot bytes) that rewrites that state gets a
// Python error, never a crash. CPython has no such state to alter, so these
// are not tests/cases programs.
#include <gtest/gtest.h>

#include <string>

#include "monty/monty.h"

namespace {

using monty::Object;
using monty::Runner;

// Runs `code`; returns the output, or "Type: message" of the uncaught error.
std::string run(const std::string& code) {
  auto r = Runner::create(code, "native.py", {}, {});
  if (!r) return r.error().type + ": " + r.error().message;
  std::string out;
  auto done = r->run({}, {}, [&out](monty::Stream, std::string_view t) { out += t; });
  if (!done) return out + done.error().type + ": " + done.error().message;
  return out;
}

TEST(NativeClasses, DequeStateIsCheckedOnEveryUse) {
  const std::string setup = "from collections import deque\nd = deque([1, 2, 3])\n";
  const std::string error =
      "TypeError: descriptor 'popleft' for 'collections.deque' objects doesn't apply to a "
      "'collections.deque' object";
  for (const char* corrupt :
       {"setattr(d, ' head', 99)", "setattr(d, ' head', -1)", "setattr(d, ' head', 'x')",
        "setattr(d, ' data', (1, 2))", "setattr(d, ' maxlen', -5)", "delattr(d, ' data')"}) {
    EXPECT_EQ(run(setup + corrupt + "\nd.popleft()\n"), error) << corrupt;
  }
  // A consistent rewrite is just a different deque.
  EXPECT_EQ(run(setup + "setattr(d, ' head', 2)\nprint(d, len(d))\nprint(d.popleft(), d)\n"),
            "deque([3]) 1\n3 deque([])\n");
}

TEST(NativeClasses, MethodsCalledOnTheWrongObjects) {
  EXPECT_EQ(run("from collections import deque\ndeque.append([], 1)\n"),
            "TypeError: descriptor 'append' for 'collections.deque' objects doesn't apply to a "
            "'list' object");
  EXPECT_EQ(run("from collections import Counter\nCounter.total({})\n"),
            "TypeError: descriptor 'total' for 'Counter' objects doesn't apply to a 'dict' object");
  EXPECT_EQ(run("from collections import namedtuple\nP = namedtuple('P', 'x')\nP._asdict((1,))\n"),
            "TypeError: _asdict(): not a namedtuple instance");
  EXPECT_EQ(run("from collections import namedtuple\nP = namedtuple('P', 'x')\nP._fields = 5\n"
                "P(1)\n"),
            "TypeError: not a namedtuple class (bad _fields)");
  EXPECT_EQ(run("from collections import namedtuple\nP = namedtuple('P', 'x')\np = P(1)\n"
                "P._fields = (1,)\nrepr(p)\n"),
            "TypeError: not a namedtuple class (bad _fields)");
  EXPECT_EQ(run("from collections import namedtuple\nP = namedtuple('P', 'x')\n"
                "P._field_defaults = 3\nP(1)\n"),
            "TypeError: not a namedtuple class (bad _field_defaults)");
}

TEST(NativeClasses, DequeEndsStayAmortizedConstant) {
  // 200k appends and poplefts: quadratic (a list's pop(0)) would take minutes.
  EXPECT_EQ(run("from collections import deque\nd = deque()\nt = 0\nfor i in range(200000):\n"
                "    d.append(i)\n    if i % 3:\n        t += d.popleft()\nprint(len(d), t)\n"),
            "66667 8888777778\n");
}

}  // namespace

// datetime objects keep their fields in hidden tuples: every read checks
// them, so a rewrite gets a TypeError instead of an out-of-range date.
TEST(NativeClasses, DatetimeStateIsCheckedOnEveryUse) {
  const std::string setup = "import datetime\nd = datetime.date(2024, 1, 31)\n";
  const std::string error =
      "TypeError: descriptor '__repr__' requires a 'datetime.date' object but received a "
      "'datetime.date'";
  for (const char* corrupt :
       {"setattr(d, ' date', (2024, 13, 1))", "setattr(d, ' date', (2023, 2, 29))",
        "setattr(d, ' date', (2024, 1))", "setattr(d, ' date', 'x')", "delattr(d, ' date')"}) {
    EXPECT_EQ(run(setup + corrupt + "\nrepr(d)\n"), error) << corrupt;
  }
  EXPECT_EQ(run("import datetime\nt = datetime.timedelta(1)\nsetattr(t, ' td', (1, 86400, 0))\n"
                "str(t)\n"),
            "TypeError: descriptor '__str__' requires a 'datetime.timedelta' object but received "
            "a 'datetime.timedelta'");
  EXPECT_EQ(run("import datetime\nd = datetime.datetime(2024, 1, 1)\nsetattr(d, ' tz', 5)\n"
                "d.hour\n"),
            "TypeError: descriptor 'hour' for 'datetime.time' objects doesn't apply to a "
            "'datetime.datetime' object");
  // A consistent rewrite is just a different date.
  EXPECT_EQ(run(setup + "setattr(d, ' date', (2020, 2, 29))\nprint(d, d.weekday())\n"),
            "2020-02-29 5\n");
  EXPECT_EQ(run("import datetime\ndatetime.date.weekday(5)\n"),
            "TypeError: descriptor 'weekday' requires a 'datetime.date' object but received a "
            "'int'");
}

// No ambient authority: there is no clock to read.
TEST(NativeClasses, DatetimeHasNoClock) {
  for (const char* call :
       {"datetime.datetime.now()", "datetime.datetime.now(datetime.UTC)", "datetime.date.today()",
        "datetime.datetime.utcnow()", "datetime.datetime.today()"}) {
    std::string out = run(std::string("import datetime\n") + call + "\n");
    EXPECT_EQ(out.rfind("NotImplementedError: ", 0), 0u) << call << ": " << out;
    EXPECT_NE(out.find("the sandbox has no clock"), std::string::npos) << out;
  }
  // Local time is UTC: naive timestamps convert as UTC.
  EXPECT_EQ(run("import datetime\nprint(datetime.datetime.fromtimestamp(0), "
                "datetime.datetime(1970, 1, 2).timestamp(), datetime.datetime(2024, 1, 1)"
                ".astimezone())\n"),
            "1970-01-01 00:00:00 86400.0 2024-01-01 00:00:00+00:00\n");
}

// random.Random keeps its Mersenne Twister words in a hidden bytearray:
// anything else there is a TypeError, not a read past its end.
TEST(NativeClasses, RandomStateIsCheckedOnEveryUse) {
  const std::string setup = "import random\nr = random.Random(5)\n";
  for (const char* corrupt :
       {"setattr(r, ' mt', bytearray(10))", "setattr(r, ' mt', b'x' * 2500)",
        "setattr(r, ' mt', bytearray(b'\\xff' * 2500))", "delattr(r, ' mt')"}) {
    EXPECT_EQ(run(setup + corrupt + "\nr.random()\n"), "TypeError: random.Random state is corrupt")
        << corrupt;
  }
  EXPECT_EQ(
      run("import random\nrandom.Random.random(5)\n"),
      "TypeError: descriptor 'random' requires a 'random.Random' object but received a 'int'");
  // Unseeded generators start as random.seed(0) does: there is no entropy.
  EXPECT_EQ(run("import random\na = random.random()\nrandom.seed(0)\nprint(a == random.random(), "
                "random.Random().random() == a)\n"),
            "True True\n");
}

namespace {

const char* const kAsyncSetup =
    "import asyncio\n"
    "async def nap():\n"
    "    await asyncio.sleep(1)\n"
    "    return 'slept'\n";

}  // namespace

// asyncio's loop, futures and tasks keep their state in hidden attributes
// and a hidden module attribute: a program that rewrites them gets a
// RuntimeError naming the damage, never a crash or a hang.
TEST(NativeClasses, AsyncioStateIsCheckedOnEveryUse) {
  const std::string damaged = "RuntimeError: asyncio: the event loop's state is damaged";
  for (const char* corrupt : {"setattr(t, ' state', 7)", "setattr(t, ' cbs', None)",
                              "setattr(t, ' coro', 5)", "delattr(t, ' cbs')", "delattr(t, ' coro')",
                              "setattr(t, ' exc', 3)\n    setattr(t, ' state', 1)"}) {
    std::string code = std::string(kAsyncSetup) +
                       "async def main():\n    t = asyncio.create_task(nap())\n    " + corrupt +
                       "\n    return await t\nprint(asyncio.run(main()))\n";
    EXPECT_EQ(run(code).substr(0, damaged.size()), damaged) << corrupt;
  }
  // The loop itself (the module's hidden " loop" list).
  for (const char* corrupt :
       {"loop[0] = 5", "loop[3] = 'now'", "loop.clear()", "loop[2].append(1)"}) {
    std::string code = std::string(kAsyncSetup) +
                       "async def main():\n    loop = getattr(asyncio, ' loop')\n    " + corrupt +
                       "\n    return await nap()\nprint(asyncio.run(main()))\n";
    EXPECT_EQ(run(code).substr(0, damaged.size()), damaged) << corrupt;
  }
  // A consistent rewrite is just another state: the loop stays usable.
  EXPECT_EQ(
      run(std::string(kAsyncSetup) + "print(asyncio.run(nap()))\nprint(asyncio.run(nap()))\n"),
      "slept\nslept\n");
}

// What CPython would do forever, or what this interpreter does not do, is
// an error that says so.
TEST(NativeClasses, AsyncioOwnErrors) {
  EXPECT_EQ(
      run("import asyncio\nasync def main():\n    await asyncio.Future()\nasyncio.run(main())\n"),
      "RuntimeError: asyncio.run(): every task is waiting and nothing is left that could "
      "wake one (CPython would wait forever)");
  EXPECT_EQ(run("async def g():\n    yield 1\n"),
            "SyntaxError: asynchronous generators are not supported");
  EXPECT_EQ(run("async def g(xs):\n    return (await x for x in xs)\n"),
            "SyntaxError: asynchronous generators are not supported");
  EXPECT_EQ(run("async def g(xs):\n    async for x in xs:\n        pass\n"),
            "SyntaxError: 'async for' is not supported");
  EXPECT_EQ(run("async def g(xs):\n    return [x async for x in xs]\n"),
            "SyntaxError: asynchronous comprehensions are not supported");
  EXPECT_EQ(run("import asyncio\nasyncio.create_task(asyncio.sleep(0))\n"),
            "RuntimeError: no running event loop");
}

// Native iterators that advance each other recurse in C++ once per level: a
// chain deeper than the bound is a RecursionError (CPython 3.11 crashes), and
// so is a cycle whose source is itself, which only altered snapshot bytes
// can make (found by fuzz_snapshot_edit).
TEST(NativeClasses, NestedIteratorsAreBounded) {
  EXPECT_EQ(run("x = iter([1])\nfor i in range(200000):\n    x = map(abs, x)\nprint(next(x))\n"),
            "RecursionError: maximum recursion depth exceeded");
  EXPECT_EQ(run("import itertools\nx = iter([1, 2])\nfor i in range(50000):\n"
                "    x = itertools.cycle(x)\nprint(next(x))\n"),
            "RecursionError: maximum recursion depth exceeded");
  EXPECT_EQ(run("x = iter([1])\nfor i in range(500):\n    x = map(abs, x)\nprint(list(x))\n"),
            "[1]\n");
  EXPECT_EQ(run("x = iter([1])\nfor i in range(200000):\n    x = map(abs, x)\ntry:\n    next(x)\n"
                "except RecursionError:\n    print('caught')\nprint(sum(map(abs, [-1, -2])))\n"),
            "caught\n3\n");
}

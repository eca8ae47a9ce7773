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

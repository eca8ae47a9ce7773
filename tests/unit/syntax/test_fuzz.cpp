// Robustness: random bytes and mutations of valid programs must give a module
// or a SyntaxError — never a crash, a hang, or an escaping C++ exception.
// The generator is a fixed-seed LCG so failures reproduce.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "syntax/ast_dump.h"
#include "syntax/parser.h"

namespace monty::syntax {
namespace {

struct Rng {
  uint64_t state;
  uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  }
  size_t below(size_t n) { return n ? next() % n : 0; }
};

const char* const kSeeds[] = {
    "def f(a, /, b=1, *c, d, **e) -> int:\n    return a if b else [x for x in c if x]\n",
    "class A(B, metaclass=M):\n    @dec\n    def m(self): yield from (1, 2)\n",
    "try:\n    x = {1: 2, **y}\nexcept (E, F) as e:\n    pass\nelse:\n    del a[1:2, ::3]\n",
    "match p:\n    case [1, *r] | {'k': v, **kw} | Point(x=0) as q if q:\n        pass\n",
    "s = f'{a!r:>{w}} {b=} {{}}' 'x' rb'\\x00'\nwith (open(f) as g, h):\n    async def z(): await "
    "q\n",
    "x = lambda *a, **k: (yield)\nfor i, *j in k:\n    while not i < 1 <= 2: break\n",
    "import a.b as c\nfrom ..d import (e as f, g)\nglobal h\nassert i, 'j'\nraise K from L\n",
};

const char* const kFragments[] = {
    "(",    ")",      "[",     "]",     "{",    "}",      ":",   ",",   "'",    "\"",
    "'''",  "f'{",    "}",     "\\",    "\n",   "    ",   "\t",  "if ", "else", "lambda",
    "*",    "**",     "=",     ":=",    "@",    "#",      "0x",  "1e",  "_",    "é",
    "\xff", "match ", "case ", "yield", "not ", "is not", "...", ";"};

void check(const std::string& src) {
  ParseResult r;
  ASSERT_NO_THROW(r = parse_module(src));
  ASSERT_TRUE(r.module || r.error);
  if (r.module) {
    (void)dump_ast(*r.module, true);
  } else {
    EXPECT_FALSE(r.error->message.empty());
    EXPECT_GE(r.error->line, 0);
    (void)format_syntax_error(*r.error, "fuzz.py");
  }
}

TEST(Fuzz, RandomBytes) {
  Rng rng{12345};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s;
    size_t n = rng.below(64);
    for (size_t i = 0; i < n; ++i) s += static_cast<char>(rng.below(256));
    check(s);
  }
}

TEST(Fuzz, RandomPythonishText) {
  Rng rng{777};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s;
    size_t n = rng.below(30);
    for (size_t i = 0; i < n; ++i) {
      s += kFragments[rng.below(sizeof kFragments / sizeof kFragments[0])];
      if (rng.below(3) == 0) s += static_cast<char>('a' + rng.below(26));
    }
    check(s);
  }
}

TEST(Fuzz, MutatedPrograms) {
  Rng rng{4242};
  for (const char* seed : kSeeds) {
    check(seed);
    for (int iter = 0; iter < 1500; ++iter) {
      std::string s = seed;
      int edits = 1 + static_cast<int>(rng.below(4));
      for (int e = 0; e < edits && !s.empty(); ++e) {
        size_t at = rng.below(s.size());
        switch (rng.below(4)) {
          case 0:
            s.erase(at, 1 + rng.below(3));
            break;
          case 1:
            s.insert(at, kFragments[rng.below(sizeof kFragments / sizeof kFragments[0])]);
            break;
          case 2:
            s[at] = static_cast<char>(rng.below(128));
            break;
          default:
            s.insert(at, s.substr(rng.below(s.size()), rng.below(8)));
            break;
        }
      }
      check(s);
    }
  }
}

}  // namespace
}  // namespace monty::syntax

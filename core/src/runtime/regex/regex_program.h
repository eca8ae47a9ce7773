// The compiled form of a pattern, shared by the parser/code generator
// (regex_parse.cpp) and the matcher (regex_match.cpp). Not part of the
// engine's interface (regex.h).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "runtime/regex/regex.h"

namespace monty::regex {

enum Op : uint8_t {
  kChar,         // a: the code point
  kCharIgnore,   // a: the code point, b/c: its lower/upper fold; mode: ASCII-only folding
  kAny,          // any character but "\n"
  kAnyAll,       // any character (DOTALL)
  kSet,          // a: index into Program::sets
  kSplit,        // try a, then b
  kJump,         // a
  kSave,         // a: capture slot (2g: start of group g, 2g+1: its end)
  kAssert,       // a: AssertKind; mode: ASCII word characters
  kBackref,      // a: group; b: ignore case; mode: ASCII-only folding
  kRepeatInit,   // a: counter (zero it for a new run of the loop)
  kRepeatCheck,  // a: counter, b: min, c: max, d: exit; mode: kGreedy or kLazy; body follows
  kRepeatNext,   // a: counter; jumps to b (the check) after counting the iteration
  kRepeatOne,    // b: min, c: max, mode: RepeatMode; the next instruction is the item
  kAtomicBegin,
  kAtomicEnd,
  kLookBegin,    // a: lookbehind width; mode: LookMode bits; c: after the kLookEnd
  kLookEnd,      // mode: as its kLookBegin
  kGroupExists,  // a: group; jumps to b if it did not match
  kMatch,
};

enum AssertKind : uint32_t {
  kAtBegin,        // ^
  kAtBeginLine,    // ^ with MULTILINE
  kAtBeginString,  // \A
  kAtEnd,          // $
  kAtEndLine,      // $ with MULTILINE
  kAtEndString,    // \Z
  kAtBoundary,     // \b
  kAtNonBoundary,  // \B
};

enum RepeatMode : uint8_t { kGreedy, kLazy, kPossessive };
enum LookMode : uint8_t { kLookBehind = 1, kLookNegative = 2 };

struct Inst {
  Op op;
  uint8_t mode = 0;
  uint32_t a = 0, b = 0, c = 0, d = 0;
};

enum CategoryBit : uint8_t {
  kCatDigit = 1,
  kCatNotDigit = 2,
  kCatSpace = 4,
  kCatNotSpace = 8,
  kCatWord = 16,
  kCatNotWord = 32,
};

struct CharSet {
  bool negate = false;
  uint8_t categories = 0;                             // CategoryBit
  uint32_t flags = 0;                                 // IGNORECASE, ASCII where the set was written
  std::vector<std::pair<char32_t, char32_t>> ranges;  // sorted by start
};

struct Program {
  std::vector<Inst> code;
  std::vector<CharSet> sets;
  uint32_t groups = 0;
  uint32_t counters = 0;
  uint32_t flags = 0;
  bool bytes = false;       // a bytes pattern: ASCII classes and case
  int64_t first_char = -1;  // every match starts with this character
  bool anchored = false;    // every match starts at 0 (\A, ^ without MULTILINE)
};

// Case folding as sre does it: simple lower/upper case mappings, ASCII-only
// under the ASCII flag and for bytes.
char32_t fold_lower(char32_t c, bool ascii);
char32_t fold_upper(char32_t c, bool ascii);

}  // namespace monty::regex

// The regular-expression engine behind the re module: CPython's pattern
// syntax (Lib/re/_parser.py) compiled to a small instruction set and run by
// a backtracking matcher with an explicit stack.
//
// Hostile patterns are the norm here (model-written, or chosen to hang the
// host), so the engine never recurses on the subject: backtracking state
// lives on a heap stack whose size the caller bounds, every step is charged
// to a WorkMeter (the interpreter's time and instruction limits stop a
// catastrophic backtrack part-way), and the parser's recursion over nested
// groups is bounded. It knows nothing of Python values: subjects are arrays
// of code points (str) or bytes, positions are indices into them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/work_meter.h"

namespace monty::regex {

// The flag values of CPython's re module (re.IGNORECASE == 2, ...).
enum Flag : uint32_t {
  kTemplate = 1,
  kIgnoreCase = 2,
  kLocale = 4,
  kMultiline = 8,
  kDotAll = 16,
  kUnicode = 32,
  kVerbose = 64,
  kDebug = 128,
  kAscii = 256,
};

inline constexpr size_t kNoPosition = static_cast<size_t>(-1);

// A pattern CPython rejects: its message without the position ("nothing to
// repeat"), the position in the pattern (code points; kNoPosition for the
// errors CPython reports without one) and the Python exception type.
struct SyntaxError {
  enum class Kind : uint8_t {
    ReError,    // re.error
    Value,      // ValueError (incompatible flags)
    Overflow,   // OverflowError (a repeat count too large)
    Recursion,  // RecursionError (groups nested too deeply)
    Index,      // IndexError (a template's unknown group name)
  };
  std::string message;
  size_t pos = kNoPosition;
  Kind kind = Kind::ReError;
};

struct Program;  // compiled pattern (regex.cpp)

struct CompiledPattern {
  std::shared_ptr<const Program> program;
  uint32_t flags = 0;   // the given flags, the inline ones, and kUnicode for str patterns
  uint32_t groups = 0;  // capturing groups
  std::vector<std::pair<std::string, uint32_t>> group_names;  // UTF-8 name, group number
};

// Compiles `pattern` (code points; bytes for a bytes pattern). False, with
// `error` set, for an invalid pattern or incompatible flags.
bool compile(const std::u32string& pattern, uint32_t flags, bool bytes, CompiledPattern* out,
             SyntaxError* error);

// A replacement template of sub() and Match.expand(): literal text
// around group references (literals has one more element than groups).
struct Template {
  std::vector<std::u32string> literals;
  std::vector<uint32_t> groups;
};

// Parses `repl` for `pattern` as Lib/re/_parser.py's parse_template does
// (escapes, \1, \g<name>, \g<1>, and its errors). False, with `error` set,
// for an invalid template.
bool parse_template(const std::u32string& repl, const CompiledPattern& pattern, bool bytes,
                    Template* out, SyntaxError* error);

// What is matched: code points of a str (`wide`) or bytes/ASCII (`narrow`).
struct Subject {
  const unsigned char* narrow = nullptr;
  const char32_t* wide = nullptr;
  size_t length = 0;
  char32_t at(size_t i) const { return narrow ? narrow[i] : wide[i]; }
};

// Thrown when the backtracking stack would exceed Matcher's stack budget.
struct StackExhausted {};

enum class Anchor : uint8_t {
  Search,     // first match at or after pos
  Match,      // match starting at pos
  FullMatch,  // match starting at pos and ending at endpos
};

class Matcher {
 public:
  // `subject` is the whole string (lookbehind and ^ see before pos);
  // matches end at or before endpos. Every step is charged to `meter`
  // (may be null); the backtracking stack may hold up to `max_stack_bytes`.
  Matcher(const Program& program, const Subject& subject, size_t endpos, WorkMeter* meter,
          size_t max_stack_bytes);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Finds the next match from `pos`. With must_advance, a match may not be
  // empty at `pos` itself (how findall/sub/split step past an empty match).
  bool run(size_t pos, Anchor anchor, bool must_advance = false);

  // After a successful run: group g's span, or (-1, -1) if it did not
  // participate; lastindex (0 if no group closed).
  std::pair<int64_t, int64_t> span(uint32_t group) const;
  uint32_t lastindex() const { return lastindex_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint32_t lastindex_ = 0;
};

}  // namespace monty::regex

// Pattern parser and code generator of the regex engine (regex.h).
//
// The parser follows CPython 3.11's Lib/re/_parser.py step by step, so that
// what it accepts, what it rejects and the messages and positions of its
// errors are CPython's. It builds a small tree (Node), which the code
// generator turns into the instructions the matcher (regex_match.cpp) runs.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "runtime/regex/regex_program.h"
#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "syntax/lexer.h"

namespace monty::regex {

namespace {

constexpr uint32_t kMaxRepeat = std::numeric_limits<uint32_t>::max();
// Nesting of groups the parser follows (it recurses per level); CPython's
// limit is its recursion limit, about as deep.
constexpr int kMaxNesting = 200;
constexpr uint32_t kTypeFlags = kAscii | kLocale | kUnicode;
constexpr uint32_t kGlobalFlags = kDebug | kTemplate;

using ErrorKind = SyntaxError::Kind;
struct ParseError {
  SyntaxError error;
};

enum class K : uint8_t {
  Empty,
  Char,
  Any,
  Set,
  Cat,
  Alt,
  Group,
  Repeat,
  At,
  Backref,
  Look,
  Atomic,
  Cond
};

struct Node {
  K kind = K::Empty;
  uint32_t a = 0;      // Char: code point; Set: set index; Group: group or 0; Repeat: min;
                       // At: AssertKind; Backref/Cond: group; Look: behind
  uint32_t b = 0;      // Repeat: max; Look: negative
  uint8_t mode = 0;    // Repeat: RepeatMode
  uint32_t flags = 0;  // the flags in effect where the node was parsed
  std::vector<Node> kids;
};

uint32_t flag_of(char32_t c) {
  switch (c) {
    case 'i':
      return kIgnoreCase;
    case 'L':
      return kLocale;
    case 'm':
      return kMultiline;
    case 's':
      return kDotAll;
    case 'x':
      return kVerbose;
    case 'a':
      return kAscii;
    case 't':
      return kTemplate;
    case 'u':
      return kUnicode;
    default:
      return 0;
  }
}

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_octal(char32_t c) { return c >= '0' && c <= '7'; }
bool is_hex(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char32_t c) {
  if (is_digit(c)) return static_cast<int>(c - '0');
  return static_cast<int>((c | 0x20) - 'a' + 10);
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) text::append_utf8(out, c);
  return out;
}

// The text being parsed and the errors about it: CPython's Tokenizer, which
// both patterns and replacement templates are read with.
class Source {
 public:
  Source(const std::u32string& text, bool bytes) : src_(text), bytes_(bytes) {}

 protected:
  const std::u32string& src_;
  size_t index_ = 0;
  bool bytes_;

  [[noreturn]] void fail(std::string message, size_t pos) {
    throw ParseError{{std::move(message), pos}};
  }
  // source.error(msg, offset): the position is `offset` code points before
  // the current one.
  [[noreturn]] void fail_back(std::string message, size_t offset) {
    fail(std::move(message), index_ >= offset ? index_ - offset : 0);
  }

  bool at_end() const { return index_ >= src_.size(); }
  char32_t peek() const { return at_end() ? 0 : src_[index_]; }
  bool match(char32_t c) {
    if (!at_end() && src_[index_] == c) {
      index_++;
      return true;
    }
    return false;
  }
  // The next token as CPython's tokenizer sees it: a backslash and the
  // character after it are one token.
  std::u32string next_token() {
    char32_t c = src_[index_++];
    std::u32string t(1, c);
    if (c == '\\') {
      if (at_end()) fail("bad escape (end of pattern)", src_.size() - 1);
      t += src_[index_++];
    }
    return t;
  }

  std::u32string get_until(char32_t terminator, const char* what) {
    std::u32string result;
    while (true) {
      if (at_end()) {
        if (result.empty()) fail(std::string("missing ") + what, index_);
        fail_back(std::string("missing ") + static_cast<char>(terminator) + ", unterminated name",
                  result.size());
      }
      std::u32string tok = next_token();
      if (tok.size() == 1 && tok[0] == terminator) {
        if (result.empty()) fail_back(std::string("missing ") + what, 1);
        break;
      }
      result += tok;
    }
    return result;
  }

  // checkgroupname: str.isidentifier(), and ASCII in a bytes pattern.
  void check_group_name(const std::u32string& name, size_t offset) {
    bool ok = text::is_identifier(utf8(name));
    if (ok && bytes_)
      for (char32_t c : name) ok = ok && c < 0x80;
    if (!ok) fail_back("bad character in group name " + str_repr(utf8(name)), name.size() + offset);
  }

  // The one-character escapes (ESCAPES): \b is a backspace only inside [...]
  // and in templates.
  static char32_t simple_escape(char32_t c, bool backspace) {
    switch (c) {
      case 'a':
        return 7;
      case 'b':
        return backspace ? 8 : 0;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case '\\':
        return '\\';
      default:
        return 0;
    }
  }
};

class Parser : Source {
 public:
  Parser(const std::u32string& pattern, uint32_t flags, bool bytes, Program* program)
      : Source(pattern, bytes), flags_(flags), program_(program) {}

  Node parse() {
    Node root = parse_sub(flags_ & kVerbose, 0);
    if (index_ < src_.size()) fail("unbalanced parenthesis", index_);
    return root;
  }

  uint32_t flags() const { return flags_; }
  uint32_t groups() const { return groups_ - 1; }
  const std::vector<std::pair<std::u32string, uint32_t>>& names() const { return names_; }

 private:
  uint32_t flags_;
  Program* program_;
  uint32_t groups_ = 1;              // next group number (CPython's state.groups)
  std::vector<bool> closed_{false};  // closed_[g]: group g's ")" was seen
  std::vector<std::pair<std::u32string, uint32_t>> names_;
  int64_t lookbehind_groups_ = -1;  // state.lookbehindgroups (-1: None)

  bool check_group(uint32_t gid) const { return gid < groups_ && closed_[gid]; }

  void check_lookbehind_group(uint32_t gid, size_t pos) {
    if (lookbehind_groups_ < 0) return;
    if (!check_group(gid)) fail("cannot refer to an open group", pos);
    if (gid >= lookbehind_groups_)
      fail("cannot refer to group defined in the same lookbehind subpattern", pos);
  }

  Node leaf(K kind, uint32_t a, uint32_t flags) {
    Node n;
    n.kind = kind;
    n.a = a;
    n.flags = flags;
    return n;
  }

  uint32_t add_set(CharSet set) {
    program_->sets.push_back(std::move(set));
    return static_cast<uint32_t>(program_->sets.size() - 1);
  }

  Node category_node(char32_t letter, uint32_t flags) {
    CharSet s;
    s.categories = category_bit(letter);
    s.flags = flags;
    return leaf(K::Set, add_set(std::move(s)), flags);
  }

  static uint8_t category_bit(char32_t letter) {
    switch (letter) {
      case 'd':
        return kCatDigit;
      case 'D':
        return kCatNotDigit;
      case 's':
        return kCatSpace;
      case 'S':
        return kCatNotSpace;
      case 'w':
        return kCatWord;
      case 'W':
        return kCatNotWord;
      default:
        return 0;
    }
  }

  // \x.., \u...., \U........: the escape so far is `esc` (two characters).
  char32_t hex_escape(std::u32string& esc, size_t digits) {
    while (esc.size() < digits + 2 && !at_end() && is_hex(peek())) esc += src_[index_++];
    if (esc.size() != digits + 2) fail_back("incomplete escape " + utf8(esc), esc.size());
    uint64_t v = 0;
    for (size_t i = 2; i < esc.size(); i++) v = v * 16 + hex_value(esc[i]);
    if (v > 0x10FFFF) fail_back("bad escape " + utf8(esc), esc.size());
    return static_cast<char32_t>(v);
  }

  // \N{NAME}, after the "\N" (str patterns only).
  char32_t named_escape() {
    if (!match('{')) fail("missing {", index_);
    std::u32string name = get_until('}', "character name");
    char32_t cp = 0;
    if (!syntax::lookup_unicode_name(utf8(name), &cp))
      fail_back("undefined character name " + str_repr(utf8(name)), name.size() + 4);
    return cp;
  }

  // A literal or category from an escape inside [...] (CPython's _class_escape).
  // Returns true for a literal in *lit, false for a category in *cat.
  bool class_escape(const std::u32string& tok, char32_t* lit, uint8_t* cat) {
    char32_t c = tok[1];
    if (char32_t e = simple_escape(c, true)) {
      *lit = e;
      return true;
    }
    if (uint8_t bit = category_bit(c)) {
      *cat = bit;
      return false;
    }
    std::u32string esc = tok;
    if (c == 'x') {
      *lit = hex_escape(esc, 2);
      return true;
    }
    if (!bytes_ && (c == 'u' || c == 'U')) {
      *lit = hex_escape(esc, c == 'u' ? 4 : 8);
      return true;
    }
    if (!bytes_ && c == 'N') {
      *lit = named_escape();
      return true;
    }
    if (is_octal(c)) {
      while (esc.size() < 4 && !at_end() && is_octal(peek())) esc += src_[index_++];
      uint32_t v = 0;
      for (size_t i = 1; i < esc.size(); i++) v = v * 8 + (esc[i] - '0');
      if (v > 0377)
        fail_back("octal escape value " + utf8(esc) + " outside of range 0-0o377", esc.size());
      *lit = v;
      return true;
    }
    if (is_digit(c) || is_ascii_letter(c)) fail_back("bad escape " + utf8(esc), esc.size());
    *lit = c;
    return true;
  }

  // An escape outside [...] (CPython's _escape).
  Node escape(const std::u32string& tok, uint32_t flags) {
    char32_t c = tok[1];
    switch (c) {
      case 'A':
        return leaf(K::At, kAtBeginString, flags);
      case 'Z':
        return leaf(K::At, kAtEndString, flags);
      case 'b':
        return leaf(K::At, kAtBoundary, flags);
      case 'B':
        return leaf(K::At, kAtNonBoundary, flags);
      default:
        break;
    }
    if (category_bit(c)) return category_node(c, flags);
    if (char32_t e = simple_escape(c, false)) return leaf(K::Char, e, flags);
    std::u32string esc = tok;
    if (c == 'x') return leaf(K::Char, hex_escape(esc, 2), flags);
    if (!bytes_ && (c == 'u' || c == 'U'))
      return leaf(K::Char, hex_escape(esc, c == 'u' ? 4 : 8), flags);
    if (!bytes_ && c == 'N') return leaf(K::Char, named_escape(), flags);
    if (c == '0') {
      while (esc.size() < 4 && !at_end() && is_octal(peek())) esc += src_[index_++];
      uint32_t v = 0;
      for (size_t i = 1; i < esc.size(); i++) v = v * 8 + (esc[i] - '0');
      return leaf(K::Char, v, flags);
    }
    if (is_digit(c)) {
      if (!at_end() && is_digit(peek())) {
        esc += src_[index_++];
        if (is_octal(esc[1]) && is_octal(esc[2]) && !at_end() && is_octal(peek())) {
          esc += src_[index_++];
          uint32_t v = (esc[1] - '0') * 64 + (esc[2] - '0') * 8 + (esc[3] - '0');
          if (v > 0377)
            fail_back("octal escape value " + utf8(esc) + " outside of range 0-0o377", esc.size());
          return leaf(K::Char, v, flags);
        }
      }
      uint32_t group = 0;
      for (size_t i = 1; i < esc.size(); i++) group = group * 10 + (esc[i] - '0');
      if (group < groups_) {
        if (!check_group(group)) fail_back("cannot refer to an open group", esc.size());
        check_lookbehind_group(group, index_);
        return leaf(K::Backref, group, flags);
      }
      fail_back("invalid group reference " + std::to_string(group), esc.size() - 1);
    }
    if (is_ascii_letter(c)) fail_back("bad escape " + utf8(esc), esc.size());
    return leaf(K::Char, c, flags);
  }

  Node parse_set(uint32_t flags) {
    size_t here = index_ - 1;
    CharSet set;
    set.flags = flags;
    set.negate = match('^');
    bool any = false;
    auto add_item = [&](bool is_lit, char32_t lit, uint8_t cat) {
      if (is_lit) {
        set.ranges.emplace_back(lit, lit);
      } else {
        set.categories |= cat;
      }
      any = true;
    };
    while (true) {
      if (at_end()) fail("unterminated character set", here);
      std::u32string tok = next_token();
      if (tok == U"]" && any) break;
      char32_t lit1 = 0;
      uint8_t cat1 = 0;
      bool is_lit1 = true;
      if (tok[0] == '\\') {
        is_lit1 = class_escape(tok, &lit1, &cat1);
      } else {
        lit1 = tok[0];
      }
      if (match('-')) {
        if (at_end()) fail("unterminated character set", here);
        std::u32string that = next_token();
        if (that == U"]") {
          add_item(is_lit1, lit1, cat1);
          add_item(true, '-', 0);
          break;
        }
        char32_t lit2 = 0;
        uint8_t cat2 = 0;
        bool is_lit2 = true;
        if (that[0] == '\\') {
          is_lit2 = class_escape(that, &lit2, &cat2);
        } else {
          lit2 = that[0];
        }
        if (!is_lit1 || !is_lit2 || lit2 < lit1)
          fail_back("bad character range " + utf8(tok) + "-" + utf8(that),
                    tok.size() + 1 + that.size());
        set.ranges.emplace_back(lit1, lit2);
        any = true;
      } else {
        add_item(is_lit1, lit1, cat1);
      }
    }
    // A one-character set is a literal (CPython's optimization; it matters
    // for the prefix scan of searches).
    if (!set.negate && set.categories == 0 && set.ranges.size() == 1 &&
        set.ranges[0].first == set.ranges[0].second)
      return leaf(K::Char, set.ranges[0].first, flags);
    std::sort(set.ranges.begin(), set.ranges.end());
    return leaf(K::Set, add_set(std::move(set)), flags);
  }

  bool is_repeat_start(const std::u32string& tok) const {
    return tok == U"*" || tok == U"+" || tok == U"?" || tok == U"{";
  }

  // Reads digits of a {m,n} bound; kMaxRepeat+1 (overflow) when too large.
  uint64_t read_number(bool* present) {
    uint64_t v = 0;
    *present = false;
    while (!at_end() && is_digit(peek())) {
      *present = true;
      v = std::min<uint64_t>(v * 10 + (src_[index_++] - '0'), uint64_t{1} << 40);
    }
    return v;
  }

  // _parse_flags: after "(?" and the first flag character `c`. Returns false
  // for global flags "(?i)"; else the scoped flags of "(?i-m:...)".
  bool parse_flags(char32_t c, uint32_t* add, uint32_t* del) {
    *add = 0;
    *del = 0;
    if (c != '-') {
      while (true) {
        uint32_t flag = flag_of(c);
        if (!bytes_ && c == 'L')
          fail("bad inline flags: cannot use 'L' flag with a str pattern", index_);
        if (bytes_ && c == 'u')
          fail("bad inline flags: cannot use 'u' flag with a bytes pattern", index_);
        *add |= flag;
        if ((flag & kTypeFlags) && (*add & kTypeFlags) != flag)
          fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible", index_);
        if (at_end()) fail("missing -, : or )", index_);
        c = src_[index_++];
        if (c == ')' || c == '-' || c == ':') break;
        if (!flag_of(c))
          fail_back(c < 0x80 && is_ascii_letter(c) ? "unknown flag" : "missing -, : or )", 1);
      }
    }
    if (c == ')') {
      flags_ |= *add;
      return false;
    }
    if (*add & kGlobalFlags) fail_back("bad inline flags: cannot turn on global flag", 1);
    if (c == '-') {
      if (at_end()) fail("missing flag", index_);
      c = src_[index_++];
      if (!flag_of(c)) fail_back(is_ascii_letter(c) ? "unknown flag" : "missing flag", 1);
      while (true) {
        uint32_t flag = flag_of(c);
        if (flag & kTypeFlags)
          fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", index_);
        *del |= flag;
        if (at_end()) fail("missing :", index_);
        c = src_[index_++];
        if (c == ':') break;
        if (!flag_of(c)) fail_back(is_ascii_letter(c) ? "unknown flag" : "missing :", 1);
      }
    }
    if (*del & kGlobalFlags) fail_back("bad inline flags: cannot turn off global flag", 1);
    if (*add & *del) fail_back("bad inline flags: flag turned on and off", 1);
    return true;
  }

  // _parse_sub: alternatives separated by "|".
  Node parse_sub(uint32_t verbose, int nested, uint32_t scoped_add = 0, uint32_t scoped_del = 0) {
    if (nested > kMaxNesting)
      throw ParseError{{"maximum recursion depth exceeded", kNoPosition, ErrorKind::Recursion}};
    std::vector<Node> items;
    while (true) {
      items.push_back(
          parse_seq(verbose, nested + 1, nested == 0 && items.empty(), scoped_add, scoped_del));
      if (!match('|')) break;
    }
    if (items.size() == 1) return std::move(items[0]);
    Node alt;
    alt.kind = K::Alt;
    alt.kids = std::move(items);
    return alt;
  }

  uint32_t effective(uint32_t add, uint32_t del) const { return (flags_ | add) & ~del; }

  // _parse: one alternative (a sequence), up to "|" or ")".
  Node parse_seq(uint32_t verbose, int nested, bool first, uint32_t add, uint32_t del) {
    Node seq;
    seq.kind = K::Cat;
    std::vector<Node>& items = seq.kids;
    while (!at_end()) {
      char32_t c = peek();
      if (c == '|' || c == ')') break;
      std::u32string tok = next_token();
      uint32_t flags = effective(add, del);
      if (verbose) {
        if (tok == U" " || tok == U"\t" || tok == U"\n" || tok == U"\r" || tok == U"\v" ||
            tok == U"\f")
          continue;
        if (tok == U"#") {
          while (!at_end() && src_[index_++] != '\n') {
          }
          continue;
        }
      }
      if (tok[0] == '\\') {
        items.push_back(escape(tok, flags));
      } else if (tok == U"[") {
        items.push_back(parse_set(flags));
      } else if (is_repeat_start(tok)) {
        size_t here = index_;
        uint32_t min = 0, max = kMaxRepeat;
        if (tok == U"?") {
          max = 1;
        } else if (tok == U"+") {
          min = 1;
        } else if (tok == U"{") {
          if (peek() == '}' && !at_end()) {
            items.push_back(leaf(K::Char, '{', flags));
            continue;
          }
          bool has_lo = false, has_hi = false;
          uint64_t lo = read_number(&has_lo), hi = 0;
          if (match(',')) {
            hi = read_number(&has_hi);
          } else {
            hi = lo;
            has_hi = has_lo;
          }
          if (!match('}')) {
            items.push_back(leaf(K::Char, '{', flags));
            index_ = here;
            continue;
          }
          if (has_lo) {
            if (lo >= kMaxRepeat)
              throw ParseError{
                  {"the repetition number is too large", kNoPosition, ErrorKind::Overflow}};
            min = static_cast<uint32_t>(lo);
          }
          if (has_hi) {
            if (hi >= kMaxRepeat)
              throw ParseError{
                  {"the repetition number is too large", kNoPosition, ErrorKind::Overflow}};
            max = static_cast<uint32_t>(hi);
            if (max < min) fail_back("min repeat greater than max repeat", index_ - here);
          }
        }
        if (items.empty() || items.back().kind == K::At)
          fail_back("nothing to repeat", index_ - here + tok.size());
        if (items.back().kind == K::Repeat)
          fail_back("multiple repeat", index_ - here + tok.size());
        Node rep;
        rep.kind = K::Repeat;
        rep.a = min;
        rep.b = max;
        rep.mode = match('?') ? kLazy : match('+') ? kPossessive : kGreedy;
        rep.flags = flags;
        rep.kids.push_back(std::move(items.back()));
        items.back() = std::move(rep);
      } else if (tok == U".") {
        items.push_back(leaf(K::Any, 0, flags));
      } else if (tok == U"(") {
        if (auto n = parse_group(verbose, nested, first && items.empty(), add, del)) {
          items.push_back(std::move(*n));
        } else if (flags_ & kVerbose) {
          verbose = 1;  // (?x) at the start
        }
      } else if (tok == U"^") {
        items.push_back(leaf(K::At, flags & kMultiline ? kAtBeginLine : kAtBegin, flags));
      } else if (tok == U"$") {
        items.push_back(leaf(K::At, flags & kMultiline ? kAtEndLine : kAtEnd, flags));
      } else {
        items.push_back(leaf(K::Char, tok[0], flags));
      }
    }
    if (items.size() == 1) {
      Node only = std::move(items[0]);
      return only;
    }
    return seq;
  }

  // After "(": a group, an extension, or nothing (a comment, global flags).
  std::optional<Node> parse_group(uint32_t verbose, int nested, bool first, uint32_t add,
                                  uint32_t del) {
    size_t start = index_ - 1;
    bool capture = true, atomic = false;
    std::u32string name;
    bool named = false;
    uint32_t sub_add = add, sub_del = del;
    if (match('?')) {
      if (at_end()) fail("unexpected end of pattern", index_);
      char32_t c = src_[index_++];
      if (c == 'P') {
        if (match('<')) {
          name = get_until('>', "group name");
          check_group_name(name, 1);
          named = true;
        } else if (match('=')) {
          name = get_until(')', "group name");
          check_group_name(name, 1);
          uint32_t gid = 0;
          for (auto& [n, g] : names_)
            if (n == name) gid = g;
          if (gid == 0) fail_back("unknown group name " + str_repr(utf8(name)), name.size() + 1);
          if (!check_group(gid)) fail_back("cannot refer to an open group", name.size() + 1);
          check_lookbehind_group(gid, index_);
          return leaf(K::Backref, gid, effective(add, del));
        } else {
          if (at_end()) fail("unexpected end of pattern", index_);
          char32_t n = src_[index_++];
          fail_back("unknown extension ?P" + utf8(std::u32string(1, n)), 3);
        }
      } else if (c == ':') {
        capture = false;
      } else if (c == '#') {
        while (true) {
          if (at_end()) fail("missing ), unterminated comment", start);
          if (src_[index_++] == ')') break;
        }
        return std::nullopt;
      } else if (c == '=' || c == '!' || c == '<') {
        bool behind = false;
        if (c == '<') {
          if (at_end()) fail("unexpected end of pattern", index_);
          c = src_[index_++];
          if (c != '=' && c != '!')
            fail_back("unknown extension ?<" + utf8(std::u32string(1, c)), 3);
          behind = true;
        }
        int64_t saved_lookbehind = lookbehind_groups_;
        if (behind && lookbehind_groups_ < 0) lookbehind_groups_ = groups_;
        Node body = parse_sub(verbose, nested + 1, add, del);
        if (behind && saved_lookbehind < 0) lookbehind_groups_ = -1;
        if (!match(')')) fail("missing ), unterminated subpattern", start);
        Node look;
        look.kind = K::Look;
        look.a = behind;
        look.b = c == '!';
        look.kids.push_back(std::move(body));
        return look;
      } else if (c == '(') {
        std::u32string cond = get_until(')', "group name");
        uint32_t gid = 0;
        if (text::is_identifier(utf8(cond))) {
          for (auto& [n, g] : names_)
            if (n == cond) gid = g;
          if (gid == 0) fail_back("unknown group name " + str_repr(utf8(cond)), cond.size() + 1);
        } else {
          uint64_t v = 0;
          bool digits = !cond.empty();
          for (char32_t d : cond) {
            if (!is_digit(d)) digits = false;
            v = std::min<uint64_t>(v * 10 + (d - '0'), uint64_t{1} << 40);
          }
          if (!digits)
            fail_back("bad character in group name " + str_repr(utf8(cond)), cond.size() + 1);
          if (v == 0) fail_back("bad group number", cond.size() + 1);
          if (v >= (uint64_t{1} << 30))
            fail_back("invalid group reference " + std::to_string(v), cond.size() + 1);
          gid = static_cast<uint32_t>(v);
          if (gid >= groups_) pending_refs_.emplace_back(gid, index_ - cond.size() - 1);
        }
        check_lookbehind_group(gid, index_);
        Node yes = parse_seq(verbose, nested + 1, false, add, del);
        Node no;
        bool has_no = false;
        if (match('|')) {
          no = parse_seq(verbose, nested + 1, false, add, del);
          has_no = true;
          if (peek() == '|' && !at_end())
            fail("conditional backref with more than two branches", index_);
        }
        if (!match(')')) fail("missing ), unterminated subpattern", start);
        Node n;
        n.kind = K::Cond;
        n.a = gid;
        n.kids.push_back(std::move(yes));
        if (has_no) n.kids.push_back(std::move(no));
        return n;
      } else if (c == '>') {
        capture = false;
        atomic = true;
      } else if (flag_of(c) || c == '-') {
        uint32_t f_add = 0, f_del = 0;
        if (!parse_flags(c, &f_add, &f_del)) {
          if (!first) fail_back("global flags not at the start of the expression", index_ - start);
          return std::nullopt;
        }
        sub_add = (add | f_add) & ~f_del;
        sub_del = (del | f_del) & ~f_add;
        capture = false;
      } else {
        fail_back("unknown extension ?" + utf8(std::u32string(1, c)), 2);
      }
    }
    uint32_t group = 0;
    if (capture) {
      group = groups_++;
      closed_.push_back(false);
      if (named) {
        for (auto& [n, g] : names_)
          if (n == name)
            fail_back("redefinition of group name " + str_repr(utf8(name)) + " as group " +
                          std::to_string(group) + "; was group " + std::to_string(g),
                      name.size() + 1);
        names_.emplace_back(name, group);
      }
    }
    uint32_t sub_verbose = (verbose || ((sub_add & ~add) & kVerbose)) && !(sub_del & kVerbose);
    // A group is parsed with the flags of its scope: (?i:...) here.
    Node body = parse_sub(sub_verbose, nested + 1, sub_add, sub_del);
    if (!match(')')) fail("missing ), unterminated subpattern", start);
    if (group) closed_[group] = true;
    Node n;
    n.kind = atomic ? K::Atomic : K::Group;
    n.a = group;
    n.kids.push_back(std::move(body));
    return n;
  }

 public:
  std::vector<std::pair<uint32_t, size_t>> pending_refs_;  // (?(5)...) before group 5 exists
};

// ---- replacement templates -------------------------------------------------------

class TemplateParser : Source {
 public:
  TemplateParser(const std::u32string& repl, const CompiledPattern& pattern, bool bytes)
      : Source(repl, bytes), pattern_(pattern) {}

  Template parse() {
    out_.literals.emplace_back();
    while (!at_end()) {
      std::u32string tok = next_token();
      if (tok[0] != '\\') {
        out_.literals.back() += tok;
        continue;
      }
      char32_t c = tok[1];
      if (c == 'g') {
        group_by_name();
      } else if (c == '0') {
        uint32_t v = 0;
        for (int k = 0; k < 2 && is_octal(peek()) && !at_end(); k++)
          v = v * 8 + (src_[index_++] - '0');
        out_.literals.back() += static_cast<char32_t>(v & 0xFF);
      } else if (is_digit(c)) {
        std::u32string esc = tok;
        if (!at_end() && is_digit(peek())) {
          esc += src_[index_++];
          if (is_octal(esc[1]) && is_octal(esc[2]) && !at_end() && is_octal(peek())) {
            esc += src_[index_++];
            uint32_t v = (esc[1] - '0') * 64 + (esc[2] - '0') * 8 + (esc[3] - '0');
            if (v > 0377)
              fail_back("octal escape value " + utf8(esc) + " outside of range 0-0o377",
                        esc.size());
            out_.literals.back() += static_cast<char32_t>(v);
            continue;
          }
        }
        uint32_t group = 0;
        for (size_t i = 1; i < esc.size(); i++) group = group * 10 + (esc[i] - '0');
        add_group(group, esc.size() - 1);
      } else if (char32_t e = simple_escape(c, true)) {
        out_.literals.back() += e;
      } else if (is_ascii_letter(c)) {
        fail_back("bad escape " + utf8(tok), tok.size());
      } else {
        out_.literals.back() += tok;  // "\-" stays two characters
      }
    }
    return std::move(out_);
  }

 private:
  const CompiledPattern& pattern_;
  Template out_;

  void add_group(uint64_t group, size_t offset) {
    if (group > pattern_.groups)
      fail_back("invalid group reference " + std::to_string(group), offset);
    out_.groups.push_back(static_cast<uint32_t>(group));
    out_.literals.emplace_back();
  }

  // \g<name> or \g<number>.
  void group_by_name() {
    if (!match('<')) fail("missing <", index_);
    std::u32string name = get_until('>', "group name");
    std::string name8 = utf8(name);
    if (text::is_identifier(name8)) {
      check_group_name(name, 1);
      for (const auto& [n, g] : pattern_.group_names)
        if (n == name8) return add_group(g, name.size() + 1);
      throw ParseError{{"unknown group name " + str_repr(name8), kNoPosition, ErrorKind::Index}};
    }
    uint64_t group = 0;
    bool digits = true;
    for (char32_t d : name) {
      digits = digits && is_digit(d);
      group = std::min<uint64_t>(group * 10 + (d - '0'), uint64_t{1} << 40);
    }
    if (!digits) fail_back("bad character in group name " + str_repr(name8), name.size() + 1);
    if (group >= (uint64_t{1} << 30))
      fail_back("invalid group reference " + std::to_string(group), name.size() + 1);
    add_group(group, name.size() + 1);
  }
};

// ---- widths, for lookbehinds ----------------------------------------------------

std::pair<uint64_t, uint64_t> width(const Node& n,
                                    const std::vector<std::pair<uint64_t, uint64_t>>& groups) {
  constexpr uint64_t kCap = kMaxRepeat;
  auto add = [](uint64_t a, uint64_t b) { return std::min<uint64_t>(a + b, kMaxRepeat); };
  switch (n.kind) {
    case K::Empty:
    case K::At:
    case K::Look:
      return {0, 0};
    case K::Char:
    case K::Any:
    case K::Set:
      return {1, 1};
    case K::Cat: {
      uint64_t lo = 0, hi = 0;
      for (const Node& k : n.kids) {
        auto [l, h] = width(k, groups);
        lo = add(lo, l);
        hi = add(hi, h);
      }
      return {lo, hi};
    }
    case K::Alt: {
      uint64_t lo = kCap, hi = 0;
      for (const Node& k : n.kids) {
        auto [l, h] = width(k, groups);
        lo = std::min(lo, l);
        hi = std::max(hi, h);
      }
      return {lo, hi};
    }
    case K::Group:
    case K::Atomic:
      return width(n.kids[0], groups);
    case K::Repeat: {
      auto [l, h] = width(n.kids[0], groups);
      return {std::min<uint64_t>(l * n.a, kCap),
              n.b == kMaxRepeat && h > 0 ? kCap : std::min<uint64_t>(h * n.b, kCap)};
    }
    case K::Backref:
      return n.a < groups.size() ? groups[n.a] : std::pair<uint64_t, uint64_t>{0, kCap};
    case K::Cond: {
      auto [l1, h1] = width(n.kids[0], groups);
      uint64_t l2 = 0, h2 = 0;
      if (n.kids.size() > 1) std::tie(l2, h2) = width(n.kids[1], groups);
      return {std::min(l1, l2), std::max(h1, h2)};
    }
  }
  return {0, 0};
}

// ---- code generation -----------------------------------------------------------

class Generator {
 public:
  Generator(Program* p, bool ascii_semantics) : p_(p), ascii_(ascii_semantics) {}

  void emit_all(const Node& root) {
    collect_widths(root);
    emit(root);
    push({kMatch});
  }

  std::vector<std::pair<uint64_t, uint64_t>> group_widths;

 private:
  Program* p_;
  bool ascii_;

  uint32_t here() const { return static_cast<uint32_t>(p_->code.size()); }
  uint32_t push(Inst i) {
    p_->code.push_back(i);
    return here() - 1;
  }

  bool ascii_for(uint32_t flags) const { return ascii_ || (flags & kAscii); }

  // Group widths in group order (a group's width is known when it closes;
  // backreferences only reach closed groups).
  void collect_widths(const Node& n) {
    for (const Node& k : n.kids) collect_widths(k);
    if (n.kind == K::Group && n.a) {
      if (group_widths.size() <= n.a) group_widths.resize(n.a + 1, {0, kMaxRepeat});
      group_widths[n.a] = width(n.kids[0], group_widths);
    }
  }

  Inst single(const Node& n) {
    Inst i{};
    bool ignore = n.flags & kIgnoreCase;
    bool ascii = ascii_for(n.flags);
    switch (n.kind) {
      case K::Char:
        if (ignore && fold_lower(n.a, ascii) != fold_upper(n.a, ascii)) {
          i.op = kCharIgnore;
          i.a = n.a;
          i.b = fold_lower(n.a, ascii);
          i.c = fold_upper(n.a, ascii);
          i.mode = ascii;
        } else {
          i.op = kChar;
          i.a = n.a;
        }
        break;
      case K::Any:
        i.op = n.flags & kDotAll ? kAnyAll : kAny;
        break;
      default:
        i.op = kSet;
        i.a = n.a;
        break;
    }
    return i;
  }

  static bool is_single(const Node& n) {
    return n.kind == K::Char || n.kind == K::Any || n.kind == K::Set;
  }

  void emit(const Node& n) {
    switch (n.kind) {
      case K::Empty:
        return;
      case K::Char:
      case K::Any:
      case K::Set:
        push(single(n));
        return;
      case K::Cat:
        for (const Node& k : n.kids) emit(k);
        return;
      case K::Alt: {
        std::vector<uint32_t> jumps;
        for (size_t i = 0; i < n.kids.size(); i++) {
          if (i + 1 < n.kids.size()) {
            uint32_t split = push({kSplit});
            p_->code[split].a = here();
            emit(n.kids[i]);
            jumps.push_back(push({kJump}));
            p_->code[split].b = here();
          } else {
            emit(n.kids[i]);
          }
        }
        for (uint32_t j : jumps) p_->code[j].a = here();
        return;
      }
      case K::Group:
        if (n.a) push({kSave, 0, 2 * n.a});
        emit(n.kids[0]);
        if (n.a) push({kSave, 0, 2 * n.a + 1});
        return;
      case K::At: {
        Inst i{kAssert};
        i.a = n.a;
        i.mode = ascii_for(n.flags);
        push(i);
        return;
      }
      case K::Backref: {
        Inst i{kBackref};
        i.a = n.a;
        i.b = (n.flags & kIgnoreCase) != 0;
        i.mode = ascii_for(n.flags);
        push(i);
        return;
      }
      case K::Atomic:
        push({kAtomicBegin});
        emit(n.kids[0]);
        push({kAtomicEnd});
        return;
      case K::Look: {
        uint32_t begin = push({kLookBegin});
        if (n.a) {
          auto [lo, hi] = width(n.kids[0], group_widths);
          if (lo != hi) throw ParseError{{"look-behind requires fixed-width pattern", kNoPosition}};
          if (lo > 0xFFFFFF) throw ParseError{{"looks too much behind", kNoPosition}};
          p_->code[begin].a = static_cast<uint32_t>(lo);
        }
        p_->code[begin].mode =
            static_cast<uint8_t>((n.a ? kLookBehind : 0) | (n.b ? kLookNegative : 0));
        emit(n.kids[0]);
        Inst end{kLookEnd};
        end.mode = p_->code[begin].mode;
        push(end);
        p_->code[begin].c = here();
        return;
      }
      case K::Cond: {
        uint32_t test = push({kGroupExists});
        p_->code[test].a = n.a;
        emit(n.kids[0]);
        uint32_t jump = push({kJump});
        p_->code[test].b = here();
        if (n.kids.size() > 1) emit(n.kids[1]);
        p_->code[jump].a = here();
        return;
      }
      case K::Repeat:
        emit_repeat(n);
        return;
    }
  }

  void emit_repeat(const Node& n) {
    const Node& item = n.kids[0];
    uint32_t min = n.a, max = n.b;
    if (max == 0) return;  // x{0}: matches the empty string
    if (is_single(item)) {
      Inst r{kRepeatOne};
      r.mode = n.mode;
      r.b = min;
      r.c = max;
      push(r);
      push(single(item));
      return;
    }
    if (min == 1 && max == 1) {
      if (n.mode == kPossessive) push({kAtomicBegin});
      emit(item);
      if (n.mode == kPossessive) push({kAtomicEnd});
      return;
    }
    if (n.mode == kPossessive) push({kAtomicBegin});
    uint32_t counter = p_->counters++;
    push({kRepeatInit, 0, counter});
    Inst check{kRepeatCheck};
    check.mode = n.mode == kLazy ? kLazy : kGreedy;
    check.a = counter;
    check.b = min;
    check.c = max;
    uint32_t at = push(check);
    emit(item);
    Inst next{kRepeatNext};
    next.a = counter;
    next.b = at;
    push(next);
    p_->code[at].d = here();
    if (n.mode == kPossessive) push({kAtomicEnd});
  }
};

}  // namespace

bool parse_template(const std::u32string& repl, const CompiledPattern& pattern, bool bytes,
                    Template* out, SyntaxError* error) {
  try {
    *out = TemplateParser(repl, pattern, bytes).parse();
    return true;
  } catch (ParseError& e) {
    *error = std::move(e.error);
    return false;
  }
}

char32_t fold_lower(char32_t c, bool ascii) {
  if (ascii || c < 0x80) return c < 0x80 && c >= 'A' && c <= 'Z' ? c + 32 : c;
  return text::simple_lower(c);
}
char32_t fold_upper(char32_t c, bool ascii) {
  if (ascii || c < 0x80) return c < 0x80 && c >= 'a' && c <= 'z' ? c - 32 : c;
  return text::simple_upper(c);
}

bool compile(const std::u32string& pattern, uint32_t flags, bool bytes, CompiledPattern* out,
             SyntaxError* error) {
  auto program = std::make_shared<Program>();
  try {
    Parser parser(pattern, flags, bytes, program.get());
    Node root = parser.parse();
    uint32_t final_flags = parser.flags();
    // fix_flags: the type flags of str and bytes patterns.
    if (!bytes) {
      if (final_flags & kLocale)
        throw ParseError{
            {"cannot use LOCALE flag with a str pattern", kNoPosition, ErrorKind::Value}};
      if (!(final_flags & kAscii)) {
        final_flags |= kUnicode;
      } else if (final_flags & kUnicode) {
        throw ParseError{
            {"ASCII and UNICODE flags are incompatible", kNoPosition, ErrorKind::Value}};
      }
    } else {
      if (final_flags & kUnicode)
        throw ParseError{
            {"cannot use UNICODE flag with a bytes pattern", kNoPosition, ErrorKind::Value}};
      if ((final_flags & kLocale) && (final_flags & kAscii))
        throw ParseError{
            {"ASCII and LOCALE flags are incompatible", kNoPosition, ErrorKind::Value}};
    }
    for (auto [gid, pos] : parser.pending_refs_)
      if (gid > parser.groups())
        throw ParseError{{"invalid group reference " + std::to_string(gid), pos}};
    // Global inline flags apply to the whole pattern: nodes parsed before
    // them (none can be: they must come first) and after carry them.
    program->bytes = bytes;
    Generator gen(program.get(), bytes);
    gen.emit_all(root);
    program->groups = parser.groups();
    program->flags = final_flags;
    // Search accelerators: a literal first character, or an anchor at \A / ^.
    size_t i = 0;
    while (i < program->code.size() && program->code[i].op == kSave) i++;
    if (i < program->code.size()) {
      const Inst& first = program->code[i];
      if (first.op == kChar) program->first_char = first.a;
      if (first.op == kAssert && (first.a == kAtBeginString || first.a == kAtBegin))
        program->anchored = true;
    }
    out->program = program;
    out->flags = final_flags;
    out->groups = parser.groups();
    out->group_names.clear();
    for (auto& [name, g] : parser.names()) out->group_names.emplace_back(utf8(name), g);
    return true;
  } catch (ParseError& e) {
    *error = std::move(e.error);
    return false;
  }
}

}  // namespace monty::regex

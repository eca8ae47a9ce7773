// The tokenizer. Structure and error positions follow CPython 3.11's
// Parser/tokenizer.c (tok_get), so that "offset" values in SyntaxErrors match.
#include "syntax/lexer.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <utility>

namespace monty::syntax {
namespace {

// CPython's MAXLEVEL: more open brackets is "too many nested parentheses".
constexpr size_t kMaxBracketLevels = 200;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_ascii_id_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
// CPython's is_potential_identifier_char: any non-ASCII byte counts.
bool is_potential_id_char(char c) {
  return is_ascii_id_start(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}

// Decodes one UTF-8 sequence at s[i] (already validated). Returns the code
// point and sets `len`.
uint32_t decode_utf8_at(std::string_view s, size_t i, int& len) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  uint32_t cp = b & (0x3F >> (n - 1));
  for (int k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  len = n;
  return cp;
}

// Python's str.isprintable() is false for these (separators and format
// characters); CPython reports them as "invalid non-printable character".
bool is_non_printable(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
         (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE000 && cp <= 0xF8FF);
}

// Without a Unicode database we approximate XID_Continue: every non-ASCII
// code point may appear in an identifier except the common punctuation and
// symbol blocks, which CPython reports as "invalid character".
bool is_symbol_cp(uint32_t cp) {
  if (cp >= 0x80 && cp <= 0xBF) return cp != 0xAA && cp != 0xB5 && cp != 0xBA && cp != 0xB7;
  return cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) ||
         (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20CF) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3001 && cp <= 0x3004) ||
         (cp >= 0x3008 && cp <= 0x3020) || (cp >= 0xFE10 && cp <= 0xFE19) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFFFC && cp <= 0xFFFF) ||
         (cp >= 0x1F000 && cp <= 0x1FAFF);
}

struct Keyword {
  std::string_view text;
  Tok tok;
};
constexpr Keyword kKeywords[] = {
    {"False", Tok::KwFalse},
    {"None", Tok::KwNone},
    {"True", Tok::KwTrue},
    {"and", Tok::KwAnd},
    {"as", Tok::KwAs},
    {"assert", Tok::KwAssert},
    {"async", Tok::KwAsync},
    {"await", Tok::KwAwait},
    {"break", Tok::KwBreak},
    {"class", Tok::KwClass},
    {"continue", Tok::KwContinue},
    {"def", Tok::KwDef},
    {"del", Tok::KwDel},
    {"elif", Tok::KwElif},
    {"else", Tok::KwElse},
    {"except", Tok::KwExcept},
    {"finally", Tok::KwFinally},
    {"for", Tok::KwFor},
    {"from", Tok::KwFrom},
    {"global", Tok::KwGlobal},
    {"if", Tok::KwIf},
    {"import", Tok::KwImport},
    {"in", Tok::KwIn},
    {"is", Tok::KwIs},
    {"lambda", Tok::KwLambda},
    {"nonlocal", Tok::KwNonlocal},
    {"not", Tok::KwNot},
    {"or", Tok::KwOr},
    {"pass", Tok::KwPass},
    {"raise", Tok::KwRaise},
    {"return", Tok::KwReturn},
    {"try", Tok::KwTry},
    {"while", Tok::KwWhile},
    {"with", Tok::KwWith},
    {"yield", Tok::KwYield},
};

Tok keyword_or_name(std::string_view text) {
  if (text.size() < 2 || text.size() > 8) return Tok::Name;
  for (const auto& k : kKeywords) {
    if (k.text == text) return k.tok;
  }
  return Tok::Name;
}

// Checks that `s` is well-formed UTF-8 (no overlongs, no surrogates). Returns
// the offset of the first bad byte and why, or npos.
size_t find_bad_utf8(std::string_view s, const char*& why) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    int n;
    uint32_t min;
    if (b >= 0xC2 && b <= 0xDF) {
      n = 2, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 3, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 4, min = 0x10000;
    } else {
      why = "invalid start byte";
      return i;
    }
    uint32_t cp = b & (0x3F >> (n - 1));
    for (int k = 1; k < n; ++k) {
      if (i + k >= s.size()) {
        why = "unexpected end of data";
        return i;
      }
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) {
        why = "invalid continuation byte";
        return i;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      why = "invalid continuation byte";
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

// ---- \N{NAME} escapes -----------------------------------------------------------
#include "syntax/unicode_names.inc"

// Hangul syllables are named algorithmically from their jamo (Unicode 3.12):
// U+AC00 + (L * 21 + V) * 28 + T.
constexpr const char* kJamoL[] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                  "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
constexpr const char* kJamoV[] = {"A",   "AE", "YA", "YAE", "EO", "E",  "YEO",
                                  "YE",  "O",  "WA", "WAE", "OE", "YO", "U",
                                  "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
constexpr const char* kJamoT[] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
                                  "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
                                  "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H"};

}  // namespace

// The code point named `name`: the generated table (a curated subset of the
// names, see gen_unicode_names.py; case-insensitive as in CPython), then the
// algorithmic CJK and Hangul names (exact uppercase only, as in CPython).
bool lookup_unicode_name(std::string_view name, char32_t* cp) {
  std::string upper(name);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  // A linear scan: \N{...} is rare, and the table is kept small (see the .inc).
  const char* line = kUnicodeNameText;
  for (const UnicodeNameRun& run : kUnicodeNameRuns) {
    for (uint32_t k = 0; k < run.count; ++k) {
      const char* end = std::strchr(line, '\n');
      if (std::string_view(line, static_cast<size_t>(end - line)) == upper) {
        *cp = run.first + k;
        return true;
      }
      line = end + 1;
    }
  }
  constexpr std::string_view kCjk = "CJK UNIFIED IDEOGRAPH-";
  if (name.size() > kCjk.size() && name.substr(0, kCjk.size()) == kCjk) {
    std::string_view hex = name.substr(kCjk.size());
    if (hex.size() != 4 && hex.size() != 5) return false;
    char32_t v = 0;
    for (char h : hex) {
      if (!is_digit(h) && !(h >= 'A' && h <= 'F')) return false;
      v = v * 16 + static_cast<char32_t>(is_digit(h) ? h - '0' : h - 'A' + 10);
    }
    // The CJK Unified Ideographs blocks of Unicode 14 (CPython 3.11).
    static constexpr char32_t kRanges[][2] = {
        {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0x20000, 0x2A6DF}, {0x2A700, 0x2B738},
        {0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x30000, 0x3134A}};
    for (const auto& r : kRanges) {
      if (v >= r[0] && v <= r[1]) {
        *cp = v;
        return true;
      }
    }
    return false;
  }
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (name.size() > kHangul.size() && name.substr(0, kHangul.size()) == kHangul) {
    std::string_view jamo = name.substr(kHangul.size());
    // Rare enough to try every syllable rather than parse the jamo.
    std::string candidate;
    for (char32_t s = 0; s < 19 * 21 * 28; s++) {
      candidate.assign(kJamoL[s / (21 * 28)]);
      candidate += kJamoV[(s / 28) % 21];
      candidate += kJamoT[s % 28];
      if (candidate == jamo) {
        *cp = 0xAC00 + s;
        return true;
      }
    }
  }
  return false;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int count_code_points(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Lexer::Lexer(std::string_view source) : src_(source), end_(source.size()) {
  // A UTF-8 byte order mark is not part of the program.
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = col_cache_pos_ = 3;
}

Lexer::Lexer(std::string_view source, size_t begin, size_t end, int line, size_t line_start)
    : src_(source),
      pos_(begin),
      end_(end),
      line_(line),
      line_start_(line_start),
      col_cache_pos_(line_start),
      fstring_mode_(true),
      at_line_start_(false) {}

void Lexer::fail(LexError::Kind kind, std::string type, std::string message, int line, int col,
                 int end_line, int end_col) {
  LexError e;
  e.kind = kind;
  e.type = std::move(type);
  e.message = std::move(message);
  e.line = line;
  e.col = col;
  e.end_line = end_line;
  e.end_col = end_col;
  error_ = std::move(e);
}

void Lexer::fail_here(std::string message, size_t pos) {
  int c = col_of(pos) + 1;
  fail(LexError::Kind::Plain, "SyntaxError", std::move(message), line_, c, line_, c);
}

void Lexer::newline_at(size_t pos) {
  ++line_;
  line_start_ = pos;
}

int Lexer::col_of(size_t pos) {
  if (pos < col_cache_pos_ || col_cache_pos_ < line_start_) {
    col_cache_pos_ = line_start_;
    col_cache_col_ = 0;
  }
  for (size_t i = col_cache_pos_; i < pos; ++i) {
    col_cache_col_ += (static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80;
  }
  col_cache_pos_ = pos;
  return col_cache_col_;
}

int Lexer::line_length_cp() {
  size_t e = line_start_;
  while (e < end_ && src_[e] != '\n' && src_[e] != '\r') ++e;
  return count_code_points(src_.substr(line_start_, e - line_start_));
}

void Lexer::tokenize(std::vector<Token>& out) {
  if (!fstring_mode_) {
    const char* why = "";
    size_t bad = find_bad_utf8(src_, why);
    if (bad != std::string_view::npos) {
      // Locate the line for the message, counting newlines before `bad`.
      int line = 1;
      size_t ls = 0;
      for (size_t i = 0; i < bad; ++i) {
        if (src_[i] == '\n') ++line, ls = i + 1;
      }
      char msg[160];
      std::snprintf(msg, sizeof msg,
                    "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                    static_cast<unsigned char>(src_[bad]), bad - ls, why);
      fail(LexError::Kind::Plain, "SyntaxError", msg, line, 1, line, 1);
      Token t;
      t.kind = Tok::Error;
      t.line = t.end_line = line;
      out.push_back(t);
      return;
    }
  }
  // Typical Python has a token per 3-5 bytes: one allocation instead of the
  // vector doubling its way up (4 allocations for `x + 1`).
  out.reserve(out.size() + (end_ - pos_) / 4 + 8);
  while (lex_one(out)) {
  }
}

// Measures the indentation of a new logical line and emits INDENT or queues
// DEDENTs. Blank and comment-only lines are skipped without touching the
// indentation stack, as in CPython.
void Lexer::lex_line_start(std::vector<Token>& out) {
  for (;;) {
    int col = 0, altcol = 0;
    size_t p = pos_;
    while (p < end_) {
      char c = src_[p];
      if (c == ' ') {
        ++col, ++altcol;
      } else if (c == '\t') {
        col = (col / 8 + 1) * 8;
        ++altcol;
      } else if (c == '\f') {
        col = altcol = 0;
      } else {
        break;
      }
      ++p;
    }
    if (p >= end_) {
      pos_ = p;
      return;  // EOF: handled by lex_one
    }
    char c = src_[p];
    if (c == '#' || c == '\n' || c == '\r') {
      // Blank line: skip it entirely, including its newline.
      while (p < end_ && src_[p] != '\n' && src_[p] != '\r') ++p;
      if (p < end_) {
        if (src_[p] == '\r' && p + 1 < end_ && src_[p + 1] == '\n') ++p;
        ++p;
        newline_at(p);
      }
      pos_ = p;
      continue;
    }
    pos_ = p;
    at_line_start_ = false;
    int width = static_cast<int>(p - line_start_);
    if (col == indents_.back()) {
      if (altcol != alt_indents_.back()) {
        fail(LexError::Kind::Indentation, "TabError",
             "inconsistent use of tabs and spaces in indentation", line_, 1, line_, 0);
      }
    } else if (col > indents_.back()) {
      if (static_cast<int>(indents_.size()) >= kMaxIndentLevels) {
        fail(LexError::Kind::Indentation, "IndentationError", "too many levels of indentation",
             line_, 1, line_, 0);
        return;
      }
      if (altcol <= alt_indents_.back()) {
        fail(LexError::Kind::Indentation, "TabError",
             "inconsistent use of tabs and spaces in indentation", line_, 1, line_, 0);
        return;
      }
      indents_.push_back(col);
      alt_indents_.push_back(altcol);
      Token t;
      t.kind = Tok::Indent;
      t.start = static_cast<uint32_t>(line_start_);
      t.end = static_cast<uint32_t>(p);
      t.line = t.end_line = line_;
      t.col = 0;
      t.end_col = width;  // CPython reports "unexpected indent" at this width
      out.push_back(t);
    } else {
      while (indents_.size() > 1 && col < indents_.back()) {
        indents_.pop_back();
        alt_indents_.pop_back();
        ++pending_dedents_;
      }
      if (col != indents_.back()) {
        int len = line_length_cp() + 1;
        fail(LexError::Kind::Indentation, "IndentationError",
             "unindent does not match any outer indentation level", line_, len, line_, 0);
        return;
      }
      if (altcol != alt_indents_.back()) {
        fail(LexError::Kind::Indentation, "TabError",
             "inconsistent use of tabs and spaces in indentation", line_, 1, line_, 0);
      }
    }
    return;
  }
}

bool Lexer::lex_one(std::vector<Token>& out) {
  auto emit_error = [&]() {
    Token t;
    t.kind = Tok::Error;
    // Placed where the lexer stopped (the error's own position is in error_).
    size_t at = pos_ < end_ ? pos_ : end_;
    t.start = t.end = static_cast<uint32_t>(at);
    t.line = t.end_line = line_;
    t.col = t.end_col = col_of(at);
    out.push_back(t);
    return false;
  };
  if (error_) return emit_error();
  if (at_line_start_ && brackets_.empty() && !fstring_mode_) {
    size_t before = out.size();
    lex_line_start(out);
    if (error_) return emit_error();
    if (out.size() != before) return true;  // emitted an INDENT
  }
  if (pending_dedents_ > 0) {
    --pending_dedents_;
    Token t;
    t.kind = Tok::Dedent;
    t.start = t.end = static_cast<uint32_t>(pos_);
    t.line = t.end_line = line_;
    t.col = t.end_col = col_of(pos_);
    out.push_back(t);
    return true;
  }
  // Skip whitespace, comments and (inside brackets) newlines and continuations.
  for (;;) {
    while (pos_ < end_ && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\f')) ++pos_;
    if (pos_ >= end_) break;
    char c = src_[pos_];
    if (c == '#') {
      while (pos_ < end_ && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
      continue;
    }
    if (c == '\\') {
      size_t p = pos_ + 1;
      if (p >= end_) {
        // CPython: "unexpected EOF while parsing" just after the backslash.
        int col = col_of(pos_) + 2;
        fail(LexError::Kind::Plain, "SyntaxError", "unexpected EOF while parsing", line_, col,
             line_, 0);
        return emit_error();
      }
      if (src_[p] == '\n' || src_[p] == '\r') {
        if (src_[p] == '\r' && p + 1 < end_ && src_[p + 1] == '\n') ++p;
        pos_ = p + 1;
        newline_at(pos_);
        if (pos_ >= end_ && !fstring_mode_) {
          fail(LexError::Kind::Plain, "SyntaxError", "unexpected EOF while parsing", line_, 1,
               line_, 0);
          return emit_error();
        }
        continue;
      }
      int col = col_of(p) + 1;
      fail(LexError::Kind::Plain, "SyntaxError",
           "unexpected character after line continuation character", line_, col, line_, 0);
      return emit_error();
    }
    if ((c == '\n' || c == '\r') && (!brackets_.empty() || fstring_mode_ || !line_has_tokens_)) {
      size_t p = pos_;
      if (c == '\r' && p + 1 < end_ && src_[p + 1] == '\n') ++p;
      pos_ = p + 1;
      newline_at(pos_);
      if (brackets_.empty() && !fstring_mode_) {
        // A line that held only a continuation: a new logical line starts.
        at_line_start_ = true;
        return true;
      }
      continue;
    }
    break;
  }

  Token t;
  t.start = static_cast<uint32_t>(pos_);
  t.line = line_;
  t.col = col_of(pos_);
  auto finish = [&](Tok kind) {
    t.kind = kind;
    t.end = static_cast<uint32_t>(pos_);
    t.end_line = line_;
    t.end_col = col_of(pos_);
    size_t level = brackets_.size() + (fstring_mode_ ? 1 : 0);
    t.level = static_cast<uint8_t>(level > 255 ? 255 : level);
    out.push_back(t);
    line_has_tokens_ = true;
    return true;
  };

  if (pos_ >= end_) {
    if (fstring_mode_) {
      finish(Tok::EndMarker);
      return false;
    }
    if (!brackets_.empty()) {
      const Bracket& b = brackets_.back();
      std::string msg = "'";
      msg += b.ch;
      msg += "' was never closed";
      fail(LexError::Kind::Unclosed, "SyntaxError", msg, b.line, b.col + 1, b.line, 0);
      return emit_error();
    }
    if (line_has_tokens_) {
      finish(Tok::Newline);
      line_has_tokens_ = false;
      return true;
    }
    // DEDENT and ENDMARKER at end of input sit where the last NEWLINE was,
    // which is where CPython reports errors found there.
    if (!out.empty() && out.back().kind == Tok::Newline && out.back().end == end_) {
      t.line = out.back().line;
      t.col = out.back().col;
    } else if (!out.empty() &&
               (out.back().kind == Tok::Dedent || out.back().kind == Tok::Newline)) {
      t.line = out.back().line;
      t.col = out.back().col;
    }
    t.start = static_cast<uint32_t>(end_);
    if (indents_.size() > 1) {
      indents_.pop_back();
      alt_indents_.pop_back();
      t.end_line = t.line;
      t.end_col = t.col;
      t.kind = Tok::Dedent;
      t.end = t.start;
      out.push_back(t);
      return true;
    }
    t.kind = Tok::EndMarker;
    t.end = t.start;
    t.end_line = t.line;
    t.end_col = t.col;
    out.push_back(t);
    return false;
  }

  char c = src_[pos_];
  if (c == '\n' || c == '\r') {
    // End of a logical line (outside brackets, with tokens on it).
    size_t p = pos_;
    if (c == '\r' && p + 1 < end_ && src_[p + 1] == '\n') ++p;
    pos_ = p + 1;
    t.kind = Tok::Newline;
    t.end = static_cast<uint32_t>(pos_);
    t.end_line = line_;
    t.end_col = t.col;  // CPython leaves the newline character out of the token
    out.push_back(t);
    newline_at(pos_);
    at_line_start_ = true;
    line_has_tokens_ = false;
    return true;
  }
  if (is_digit(c) || (c == '.' && pos_ + 1 < end_ && is_digit(src_[pos_ + 1]))) {
    lex_number(t);
    if (error_) return emit_error();
    return finish(Tok::Number);
  }
  if (is_potential_id_char(c)) {
    lex_name_or_string(t);
    if (error_) return emit_error();
    if (t.kind == Tok::String) return finish(Tok::String);
    return finish(keyword_or_name(src_.substr(t.start, pos_ - t.start)));
  }
  if (c == '\'' || c == '"') {
    lex_string(t, pos_);
    if (error_) return emit_error();
    return finish(Tok::String);
  }
  if (lex_operator(t)) {
    if (error_) return emit_error();
    return finish(t.kind);
  }
  if (c == '\0') {
    fail_here("source code cannot contain null bytes", pos_);
    return emit_error();
  }
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
    char msg[64];
    std::snprintf(msg, sizeof msg, "invalid non-printable character U+%04X",
                  static_cast<unsigned>(static_cast<unsigned char>(c)));
    fail_here(msg, pos_);
    return emit_error();
  }
  // `$`, `?`, a backtick, a lone `!`: a token the grammar has no use for.
  ++pos_;
  return finish(Tok::Unknown);
}

void Lexer::lex_name_or_string(Token& t) {
  // String prefixes: the legal combinations of b, r, u, f (any case).
  size_t p = pos_;
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
  for (;;) {
    char c = p < end_ ? src_[p] : '\0';
    char l = static_cast<char>(c | 0x20);
    if (!(saw_b || saw_u || saw_f) && l == 'b') {
      saw_b = true;
    } else if (!(saw_b || saw_u || saw_r || saw_f) && l == 'u') {
      saw_u = true;
    } else if (!(saw_r || saw_u) && l == 'r') {
      saw_r = true;
    } else if (!(saw_f || saw_b || saw_u) && l == 'f') {
      saw_f = true;
    } else {
      break;
    }
    ++p;
    if (p < end_ && (src_[p] == '\'' || src_[p] == '"')) {
      t.str_flags = static_cast<uint8_t>((saw_r ? kStrRaw : 0) | (saw_b ? kStrBytes : 0) |
                                         (saw_f ? kStrFormat : 0));
      t.prefix_len = static_cast<uint8_t>(p - pos_);
      lex_string(t, p);
      return;
    }
  }
  while (pos_ < end_ && is_potential_id_char(src_[pos_])) {
    auto b = static_cast<unsigned char>(src_[pos_]);
    if (b < 0x80) {
      ++pos_;
      continue;
    }
    int len = 1;
    uint32_t cp = decode_utf8_at(src_, pos_, len);
    if (is_non_printable(cp)) {
      char msg[64];
      std::snprintf(msg, sizeof msg, "invalid non-printable character U+%04X", cp);
      fail_here(msg, pos_);
      return;
    }
    if (is_symbol_cp(cp)) {
      std::string msg = "invalid character '";
      msg.append(src_.substr(pos_, len));
      char buf[32];
      std::snprintf(buf, sizeof buf, "' (U+%04X)", cp);
      msg += buf;
      fail_here(msg, pos_);
      return;
    }
    pos_ += len;
  }
  t.kind = Tok::Name;
}

void Lexer::lex_string(Token& t, size_t quote_pos) {
  char quote = src_[quote_pos];
  size_t p = quote_pos + 1;
  int quote_size = 1;
  if (p + 1 < end_ && src_[p] == quote && src_[p + 1] == quote) {
    quote_size = 3;
    p += 2;
  }
  t.quote_len = static_cast<uint8_t>(quote_size);
  int start_line = t.line;
  int end_quotes = 0;
  while (end_quotes != quote_size) {
    if (p >= end_ || (quote_size == 1 && (src_[p] == '\n' || src_[p] == '\r'))) {
      // Reported at the start of the literal, naming the line where the
      // end of input (or of the line) was detected.
      int detected = line_;
      // CPython counts the input's last line as the one holding its final
      // newline: a trailing newline does not start a new (empty) line.
      if (p >= end_ && end_ > 0 && (src_[end_ - 1] == '\n' || src_[end_ - 1] == '\r') &&
          detected > start_line) {
        detected--;
      }
      char msg[96];
      if (quote_size == 3) {
        std::snprintf(msg, sizeof msg,
                      "unterminated triple-quoted string literal (detected at line %d)", detected);
      } else {
        std::snprintf(msg, sizeof msg, "unterminated string literal (detected at line %d)",
                      detected);
      }
      fail(LexError::Kind::Plain, "SyntaxError", msg, start_line, t.col + 1, start_line, t.col + 1);
      return;
    }
    char c = src_[p++];
    if (c == quote) {
      ++end_quotes;
      continue;
    }
    end_quotes = 0;
    if (c == '\\') {
      if (p < end_) {
        char e = src_[p++];
        if (e == '\r' && p < end_ && src_[p] == '\n') ++p;
        if (e == '\n' || e == '\r') newline_at(p);
      }
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && p < end_ && src_[p] == '\n') ++p;
      newline_at(p);
    }
  }
  pos_ = p;
  t.kind = Tok::String;
}

void Lexer::lex_number(Token& t) {
  size_t p = pos_;
  const size_t start = p;
  const int base_col = t.col;  // numbers are ASCII: column = base_col + (index - start)
  auto at = [&](size_t i) { return i < end_ ? src_[i] : '\0'; };
  auto col1 = [&](size_t i) { return base_col + static_cast<int>(i - start); };
  auto error_at = [&](const std::string& msg, size_t i) {
    fail(LexError::Kind::Plain, "SyntaxError", msg, line_, col1(i), line_, col1(i));
  };
  // CPython's verify_end_of_number: a literal directly followed by a name
  // character is an error, except before the keywords that can follow a
  // number in valid code (`1if x else y`).
  auto verify_end = [&](size_t i, const char* kind) {
    char c = at(i);
    auto rest = [&](std::string_view w) { return src_.substr(i + 1, w.size()) == w; };
    bool kw = (c == 'a' && rest("nd")) || (c == 'e' && rest("lse")) || (c == 'f' && rest("or")) ||
              (c == 'i' && (at(i + 1) == 'f' || at(i + 1) == 'n' || at(i + 1) == 's')) ||
              (c == 'o' && rest("r")) || (c == 'n' && rest("ot"));
    if (!kw && is_potential_id_char(c)) {
      error_at(std::string("invalid ") + kind + " literal", i);
      return false;
    }
    return true;
  };
  // Digits with single underscores between them; returns the index after, or
  // 0 after reporting an error.
  auto decimal_tail = [&](size_t i) -> size_t {
    for (;;) {
      while (is_digit(at(i))) ++i;
      if (at(i) != '_') return i;
      ++i;
      if (!is_digit(at(i))) {
        error_at("invalid decimal literal", i);
        return 0;
      }
    }
  };
  auto exponent = [&](size_t i) -> size_t {  // at(i) is e/E
    size_t e = i;
    ++i;
    if (at(i) == '+' || at(i) == '-') {
      ++i;
      if (!is_digit(at(i))) {
        error_at("invalid decimal literal", i);
        return 0;
      }
    } else if (!is_digit(at(i))) {
      // "1e" alone: the number ends before the e, which must then be valid.
      if (!verify_end(e, "decimal")) return 0;
      return e;
    }
    return decimal_tail(i);
  };
  // After the integer part: fraction, exponent, imaginary suffix.
  auto float_rest = [&](size_t i) -> size_t {
    if (at(i) == '.') {
      ++i;
      if (is_digit(at(i))) {
        i = decimal_tail(i);
        if (!i) return 0;
      }
    }
    if (at(i) == 'e' || at(i) == 'E') {
      size_t j = exponent(i);
      if (!j) return 0;
      if (j == i) return i;  // "1e" handled: the e is not part of the number
      i = j;
    }
    if (at(i) == 'j' || at(i) == 'J') {
      ++i;
      if (!verify_end(i, "imaginary")) return 0;
      return i;
    }
    if (!verify_end(i, "decimal")) return 0;
    return i;
  };

  if (at(p) == '.') {
    p = float_rest(p);
  } else if (at(p) == '0' && (at(p + 1) | 0x20) == 'x') {
    p += 2;
    do {
      if (at(p) == '_') ++p;
      if (!is_hex(at(p))) {
        error_at("invalid hexadecimal literal", p);
        return;
      }
      while (is_hex(at(p))) ++p;
    } while (at(p) == '_');
    if (!verify_end(p, "hexadecimal")) return;
  } else if (at(p) == '0' && ((at(p + 1) | 0x20) == 'o' || (at(p + 1) | 0x20) == 'b')) {
    bool octal = (at(p + 1) | 0x20) == 'o';
    const char* kind = octal ? "octal" : "binary";
    char max = octal ? '7' : '1';
    p += 2;
    auto bad_digit = [&](size_t i) {
      char msg[64];
      std::snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", at(i), kind);
      error_at(msg, i + 1);
    };
    do {
      if (at(p) == '_') ++p;
      if (at(p) < '0' || at(p) > max) {
        if (is_digit(at(p))) {
          bad_digit(p);
        } else {
          error_at(std::string("invalid ") + kind + " literal", p);
        }
        return;
      }
      while (at(p) >= '0' && at(p) <= max) ++p;
    } while (at(p) == '_');
    if (is_digit(at(p))) {
      bad_digit(p);
      return;
    }
    if (!verify_end(p, kind)) return;
  } else if (at(p) == '0') {
    // Zeros, then maybe old-style octal (an error) or a float like 09.5.
    ++p;
    for (;;) {
      if (at(p) == '_') {
        ++p;
        if (!is_digit(at(p))) {
          error_at("invalid decimal literal", p);
          return;
        }
      }
      if (at(p) != '0') break;
      ++p;
    }
    size_t zeros_end = p + 1;
    bool nonzero = false;
    if (is_digit(at(p))) {
      nonzero = true;
      p = decimal_tail(p);
      if (!p) return;
    }
    char c = at(p);
    if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') {
      p = float_rest(p);
    } else if (nonzero) {
      fail(LexError::Kind::Plain, "SyntaxError",
           "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
           "octal integers",
           line_, base_col + 1, line_, col1(zeros_end));
      return;
    } else if (!verify_end(p, "decimal")) {
      return;
    }
  } else {
    p = decimal_tail(p);
    if (!p) return;
    p = float_rest(p);
  }
  if (!p) return;
  pos_ = p;
}

bool Lexer::lex_operator(Token& t) {
  auto at = [&](size_t i) { return pos_ + i < end_ ? src_[pos_ + i] : '\0'; };
  char c0 = at(0), c1 = at(1), c2 = at(2);
  Tok k = Tok::Unknown;
  int n = 1;
  // Longest match first.
  if (c0 == '*' && c1 == '*' && c2 == '=') {
    k = Tok::DoubleStarEqual, n = 3;
  } else if (c0 == '.' && c1 == '.' && c2 == '.') {
    k = Tok::Ellipsis, n = 3;
  } else if (c0 == '/' && c1 == '/' && c2 == '=') {
    k = Tok::DoubleSlashEqual, n = 3;
  } else if (c0 == '<' && c1 == '<' && c2 == '=') {
    k = Tok::LeftShiftEqual, n = 3;
  } else if (c0 == '>' && c1 == '>' && c2 == '=') {
    k = Tok::RightShiftEqual, n = 3;
  } else {
    n = 2;
    switch (c0) {
      case '!':
        k = c1 == '=' ? Tok::NotEqual : Tok::Unknown;
        break;
      case '%':
        k = c1 == '=' ? Tok::PercentEqual : Tok::Unknown;
        break;
      case '&':
        k = c1 == '=' ? Tok::AmperEqual : Tok::Unknown;
        break;
      case '*':
        k = c1 == '*' ? Tok::DoubleStar : c1 == '=' ? Tok::StarEqual : Tok::Unknown;
        break;
      case '+':
        k = c1 == '=' ? Tok::PlusEqual : Tok::Unknown;
        break;
      case '-':
        k = c1 == '=' ? Tok::MinEqual : c1 == '>' ? Tok::RArrow : Tok::Unknown;
        break;
      case '/':
        k = c1 == '/' ? Tok::DoubleSlash : c1 == '=' ? Tok::SlashEqual : Tok::Unknown;
        break;
      case ':':
        k = c1 == '=' ? Tok::ColonEqual : Tok::Unknown;
        break;
      case '<':
        k = c1 == '<' ? Tok::LeftShift : c1 == '=' ? Tok::LessEqual : Tok::Unknown;
        break;
      case '=':
        k = c1 == '=' ? Tok::EqEqual : Tok::Unknown;
        break;
      case '>':
        k = c1 == '>' ? Tok::RightShift : c1 == '=' ? Tok::GreaterEqual : Tok::Unknown;
        break;
      case '@':
        k = c1 == '=' ? Tok::AtEqual : Tok::Unknown;
        break;
      case '^':
        k = c1 == '=' ? Tok::CircumflexEqual : Tok::Unknown;
        break;
      case '|':
        k = c1 == '=' ? Tok::VBarEqual : Tok::Unknown;
        break;
      default:
        break;
    }
    if (k == Tok::Unknown) {
      n = 1;
      switch (c0) {
        case '(':
          k = Tok::LPar;
          break;
        case ')':
          k = Tok::RPar;
          break;
        case '[':
          k = Tok::LSqb;
          break;
        case ']':
          k = Tok::RSqb;
          break;
        case '{':
          k = Tok::LBrace;
          break;
        case '}':
          k = Tok::RBrace;
          break;
        case ':':
          k = Tok::Colon;
          break;
        case ',':
          k = Tok::Comma;
          break;
        case ';':
          k = Tok::Semi;
          break;
        case '+':
          k = Tok::Plus;
          break;
        case '-':
          k = Tok::Minus;
          break;
        case '*':
          k = Tok::Star;
          break;
        case '/':
          k = Tok::Slash;
          break;
        case '|':
          k = Tok::VBar;
          break;
        case '&':
          k = Tok::Amper;
          break;
        case '<':
          k = Tok::Less;
          break;
        case '>':
          k = Tok::Greater;
          break;
        case '=':
          k = Tok::Equal;
          break;
        case '.':
          k = Tok::Dot;
          break;
        case '%':
          k = Tok::Percent;
          break;
        case '~':
          k = Tok::Tilde;
          break;
        case '^':
          k = Tok::Circumflex;
          break;
        case '@':
          k = Tok::At;
          break;
        default:
          return false;
      }
    }
  }
  // Bracket bookkeeping: implicit line joining, and CPython's bracket errors.
  if (k == Tok::LPar || k == Tok::LSqb || k == Tok::LBrace) {
    if (brackets_.size() >= kMaxBracketLevels) {
      fail_here("too many nested parentheses", pos_);
      return true;
    }
    brackets_.push_back({c0, line_, t.col});
  } else if (k == Tok::RPar || k == Tok::RSqb || k == Tok::RBrace) {
    if (brackets_.empty()) {
      fail_here(std::string("unmatched '") + c0 + "'", pos_);
      return true;
    }
    Bracket open = brackets_.back();
    char want = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
    if (c0 != want) {
      std::string msg = std::string("closing parenthesis '") + c0 +
                        "' does not match opening parenthesis '" + open.ch + "'";
      if (open.line != line_) msg += " on line " + std::to_string(open.line);
      fail_here(msg, pos_);
      return true;
    }
    brackets_.pop_back();
  }
  t.kind = k;
  pos_ += n;
  return true;
}

std::optional<std::string> decode_string_body(std::string_view body, bool raw, bool bytes,
                                              std::string& out) {
  out.reserve(out.size() + body.size());
  size_t i = 0;
  const size_t n = body.size();
  auto range_error = [&](size_t from, size_t to, const char* what) {
    char msg[160];
    std::snprintf(msg, sizeof msg,
                  "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: "
                  "%s",
                  from, to, what);
    return std::string(msg);
  };
  while (i < n) {
    char c = body[i];
    if (c == '\r') {
      // Source newlines are normalized to \n, as CPython reads source text.
      out += '\n';
      i += (i + 1 < n && body[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '\\' || raw) {
      out += c;
      ++i;
      continue;
    }
    size_t esc = i;
    if (i + 1 >= n) {  // cannot happen for lexed strings; keep it verbatim
      out += c;
      ++i;
      continue;
    }
    char e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n':
        break;
      case '\r':
        if (i < n && body[i] == '\n') ++i;
        break;
      case '\\':
        out += '\\';
        break;
      case '\'':
        out += '\'';
        break;
      case '"':
        out += '"';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k, ++i) {
          v = v * 8 + static_cast<uint32_t>(body[i] - '0');
        }
        if (bytes) {
          out += static_cast<char>(v & 0xFF);
        } else {
          append_utf8(out, v);
        }
        break;
      }
      case 'x':
      case 'u':
      case 'U': {
        if (bytes && e != 'x') {  // \u and \U are not escapes in bytes
          out += '\\';
          out += e;
          break;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t v = 0;
        int got = 0;
        while (got < digits && i < n && is_hex(body[i])) {
          char h = body[i];
          v = v * 16 + static_cast<uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
          ++got, ++i;
        }
        if (got < digits) {
          if (bytes) {
            char msg[96];
            std::snprintf(msg, sizeof msg, "(value error) invalid \\x escape at position %zu", esc);
            return std::string(msg);
          }
          const char* what = e == 'x'   ? "truncated \\xXX escape"
                             : e == 'u' ? "truncated \\uXXXX escape"
                                        : "truncated \\UXXXXXXXX escape";
          return range_error(esc, esc + 1 + got, what);
        }
        if (bytes) {
          out += static_cast<char>(v);
        } else if (v > 0x10FFFF) {
          return range_error(esc, i - 1, "illegal Unicode character");
        } else {
          append_utf8(out, v);
        }
        break;
      }
      case 'N': {
        if (bytes) {  // not an escape in bytes
          out += '\\';
          out += e;
          break;
        }
        // \N{NAME}. The error positions follow CPython's decoder: from the
        // backslash to where it stopped reading (the '}' of an unknown name).
        size_t s = i;
        const char* what = "malformed \\N character escape";
        if (s < n && body[s] == '{') {
          size_t start = ++s;
          while (s < n && body[s] != '}') ++s;
          if (s < n && s > start) {
            std::string_view name = body.substr(start, s - start);
            ++s;
            char32_t cp;
            if (lookup_unicode_name(name, &cp)) {
              append_utf8(out, cp);
              i = s;
              break;
            }
            what = "unknown Unicode character name";
          }
        }
        return range_error(esc, s - 1, what);
      }
      default:
        // Unknown escapes stay as written (CPython only warns).
        out += '\\';
        i -= 1;  // the character after the backslash is copied normally
        break;
    }
  }
  return std::nullopt;
}

}  // namespace monty::syntax

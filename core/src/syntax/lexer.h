// The tokenizer: UTF-8 source text -> a vector of tokens, following CPython
// 3.11's tokenizer (Parser/tokenizer.c) closely enough that the parser sees the
// same token stream and errors carry the same wording and positions.
//
// What it does:
//   - INDENT/DEDENT from leading whitespace (tabs to multiples of 8, plus a
//     second measure with tab size 1 to detect inconsistent tab use, like
//     CPython), blank and comment-only lines ignored;
//   - implicit line joining inside (), [], {} and backslash continuation;
//   - every literal form; strings are *not* decoded here: the token keeps its
//     prefix flags and the raw body, and the parser decodes (so f-strings can
//     be split into literal and expression parts first).
//
// Errors are values: tokenize() stops at the first error and appends a
// Tok::Error token at the error's place; the error itself is in `error()`.
// The parser raises it when it reaches that token, or earlier (CPython prefers
// tokenizer errors anywhere in the file over a generic parser error).
//
// Positions: 1-based lines, 0-based columns counted in code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace monty::syntax {

enum class Tok : uint8_t {
  EndMarker,
  Newline,
  Indent,
  Dedent,
  Name,
  Number,
  String,
  Unknown,  // a character that starts no token (`$`, `?`, a lone `!`): "invalid syntax"
  Error,    // the lexer stopped here; see Lexer::error()
  // Operators and delimiters.
  LPar,
  RPar,
  LSqb,
  RSqb,
  LBrace,
  RBrace,
  Colon,
  Comma,
  Semi,
  Plus,
  Minus,
  Star,
  Slash,
  VBar,
  Amper,
  Less,
  Greater,
  Equal,
  Dot,
  Percent,
  EqEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Tilde,
  Circumflex,
  LeftShift,
  RightShift,
  DoubleStar,
  PlusEqual,
  MinEqual,
  StarEqual,
  SlashEqual,
  PercentEqual,
  AmperEqual,
  VBarEqual,
  CircumflexEqual,
  LeftShiftEqual,
  RightShiftEqual,
  DoubleStarEqual,
  DoubleSlash,
  DoubleSlashEqual,
  At,
  AtEqual,
  RArrow,
  Ellipsis,
  ColonEqual,
  // Hard keywords (soft keywords `match`, `case`, `_` stay Name).
  KwFalse,
  KwNone,
  KwTrue,
  KwAnd,
  KwAs,
  KwAssert,
  KwAsync,
  KwAwait,
  KwBreak,
  KwClass,
  KwContinue,
  KwDef,
  KwDel,
  KwElif,
  KwElse,
  KwExcept,
  KwFinally,
  KwFor,
  KwFrom,
  KwGlobal,
  KwIf,
  KwImport,
  KwIn,
  KwIs,
  KwLambda,
  KwNonlocal,
  KwNot,
  KwOr,
  KwPass,
  KwRaise,
  KwReturn,
  KwTry,
  KwWhile,
  KwWith,
  KwYield,
};

// Bits of Token::str_flags.
inline constexpr uint8_t kStrRaw = 1;
inline constexpr uint8_t kStrBytes = 2;
inline constexpr uint8_t kStrFormat = 4;

struct Token {
  Tok kind = Tok::EndMarker;
  uint8_t str_flags = 0;   // String: kStr* bits from the prefix
  uint8_t quote_len = 0;   // String: 1 or 3
  uint8_t prefix_len = 0;  // String: bytes of prefix before the opening quote
  uint8_t level = 0;       // open brackets after this token (the parser's comma hints use it)
  uint32_t start = 0;      // byte offsets of the token text in the source
  uint32_t end = 0;
  int line = 0, col = 0;          // start: 1-based line, 0-based code-point column
  int end_line = 0, end_col = 0;  // end (exclusive column)
};

struct LexError {
  enum class Kind : uint8_t {
    Plain,        // a hard tokenizer error: wins over any parser error
    Indentation,  // IndentationError / TabError from the tokenizer
    Unclosed,     // EOF inside brackets: "'(' was never closed"
  };
  Kind kind = Kind::Plain;
  std::string type = "SyntaxError";
  std::string message;
  int line = 0, col = 0;  // 1-based line and 1-based column (CPython's offset)
  int end_line = 0, end_col = 0;
};

// CPython's MAXINDENT: deeper indentation is "too many levels of indentation".
inline constexpr int kMaxIndentLevels = 100;

class Lexer {
 public:
  // Tokenizes the whole module.
  explicit Lexer(std::string_view source);
  // Tokenizes source[begin, end) only, as the inside of an implicit pair of
  // parentheses (newlines ignored, no INDENT/DEDENT): used for the
  // expressions embedded in f-strings. `line`/`line_start` locate `begin`.
  Lexer(std::string_view source, size_t begin, size_t end, int line, size_t line_start);

  // Appends tokens (ending with EndMarker, or Error) to `out`.
  void tokenize(std::vector<Token>& out);
  const std::optional<LexError>& error() const { return error_; }

 private:
  struct Bracket {
    char ch;
    int line, col;
  };

  void lex_line_start(std::vector<Token>& out);
  bool lex_one(std::vector<Token>& out);  // false when finished (EOF or error)
  void lex_number(Token& t);
  void lex_string(Token& t, size_t quote_pos);
  void lex_name_or_string(Token& t);
  bool lex_operator(Token& t);
  void newline_at(size_t pos);  // records that a new line starts at pos
  int col_of(size_t pos);       // code-point column of pos on the current line
  int line_length_cp();         // code points on the current line (sans newline)
  void fail(LexError::Kind kind, std::string type, std::string message, int line, int col,
            int end_line, int end_col);
  void fail_here(std::string message, size_t pos);  // SyntaxError at pos, 1-based col

  std::string_view src_;
  size_t pos_ = 0;
  size_t end_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  size_t col_cache_pos_ = 0;  // columns are computed incrementally along the line
  int col_cache_col_ = 0;
  bool fstring_mode_ = false;
  bool at_line_start_ = true;
  bool line_has_tokens_ = false;
  std::vector<int> indents_{0};
  std::vector<int> alt_indents_{0};
  std::vector<Bracket> brackets_;
  std::optional<LexError> error_;
  int pending_dedents_ = 0;
};

// Decoding of string-literal bodies (after splitting off prefix and quotes).
// Returns an error message in CPython's words, or nothing on success.
//   str:   escapes processed, result is UTF-8 (lone surrogates from \uD800
//          escapes are encoded as 3-byte sequences, like WTF-8);
//   bytes: escapes processed, non-ASCII characters rejected.
std::optional<std::string> decode_string_body(std::string_view body, bool raw, bool bytes,
                                              std::string& out);

// The code point of a \N{NAME} escape (also the re module's); false if unknown.
bool lookup_unicode_name(std::string_view name, char32_t* cp);

// Appends the UTF-8 encoding of code point `cp` to `out`.
void append_utf8(std::string& out, uint32_t cp);

// Number of code points in a UTF-8 string.
int count_code_points(std::string_view s);

}  // namespace monty::syntax

// Tokenizer tests: token streams, indentation, literals, and CPython's
// tokenizer error messages and positions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/lexer.h"

namespace monty::syntax {
namespace {

struct Lexed {
  std::vector<Token> tokens;
  std::optional<LexError> error;
};

Lexed lex(std::string_view src) {
  Lexer lexer(src);
  Lexed out;
  lexer.tokenize(out.tokens);
  out.error = lexer.error();
  return out;
}

std::vector<Tok> kinds(std::string_view src) {
  std::vector<Tok> out;
  for (const Token& t : lex(src).tokens) out.push_back(t.kind);
  return out;
}

using T = Tok;

TEST(Lexer, SimpleStatement) {
  EXPECT_EQ(kinds("x = 1 + 2\n"), (std::vector<Tok>{T::Name, T::Equal, T::Number, T::Plus,
                                                    T::Number, T::Newline, T::EndMarker}));
  // A missing final newline still ends the logical line.
  EXPECT_EQ(kinds("x"), (std::vector<Tok>{T::Name, T::Newline, T::EndMarker}));
  EXPECT_EQ(kinds(""), (std::vector<Tok>{T::EndMarker}));
  EXPECT_EQ(kinds("\n\n  \n# only a comment\n"), (std::vector<Tok>{T::EndMarker}));
}

TEST(Lexer, IndentAndDedent) {
  EXPECT_EQ(kinds("if x:\n    y\n    # comment at another depth\n\n  \nz\n"),
            (std::vector<Tok>{T::KwIf, T::Name, T::Colon, T::Newline, T::Indent, T::Name,
                              T::Newline, T::Dedent, T::Name, T::Newline, T::EndMarker}));
  // Dedents at end of input, several at once.
  EXPECT_EQ(kinds("if a:\n if b:\n  c"),
            (std::vector<Tok>{T::KwIf, T::Name, T::Colon, T::Newline, T::Indent, T::KwIf, T::Name,
                              T::Colon, T::Newline, T::Indent, T::Name, T::Newline, T::Dedent,
                              T::Dedent, T::EndMarker}));
  // Tabs count to the next multiple of 8, consistently.
  EXPECT_FALSE(lex("if x:\n\ty\n\tz\n").error);
  EXPECT_FALSE(lex("if x:\n        y\nz\n").error);
}

TEST(Lexer, IndentationErrors) {
  Lexed r = lex("if x:\n    a\n  b\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->type, "IndentationError");
  EXPECT_EQ(r.error->message, "unindent does not match any outer indentation level");
  EXPECT_EQ(r.error->line, 3);
  EXPECT_EQ(r.error->col, 4);  // CPython points past the end of the line
  EXPECT_EQ(r.tokens.back().kind, Tok::Error);

  r = lex("if x:\n\ta\n        b\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->type, "TabError");
  EXPECT_EQ(r.error->message, "inconsistent use of tabs and spaces in indentation");

  std::string deep;
  for (int i = 0; i <= kMaxIndentLevels; ++i)
    deep += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
  r = lex(deep);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "too many levels of indentation");
}

TEST(Lexer, ImplicitAndExplicitLineJoining) {
  EXPECT_EQ(kinds("(1,\n\n  2)\n"), (std::vector<Tok>{T::LPar, T::Number, T::Comma, T::Number,
                                                      T::RPar, T::Newline, T::EndMarker}));
  EXPECT_EQ(kinds("x = 1 + \\\n    2\n"), (std::vector<Tok>{T::Name, T::Equal, T::Number, T::Plus,
                                                            T::Number, T::Newline, T::EndMarker}));
  Lexed r = lex("x = 1 \\ 2\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "unexpected character after line continuation character");
  EXPECT_EQ(r.error->col, 8);
  r = lex("x = \\");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "unexpected EOF while parsing");
}

TEST(Lexer, Operators) {
  EXPECT_EQ(kinds("**= ** //= // >>= >> <<= << -> := ... != == <= >= @= @ . ."),
            (std::vector<Tok>{T::DoubleStarEqual,
                              T::DoubleStar,
                              T::DoubleSlashEqual,
                              T::DoubleSlash,
                              T::RightShiftEqual,
                              T::RightShift,
                              T::LeftShiftEqual,
                              T::LeftShift,
                              T::RArrow,
                              T::ColonEqual,
                              T::Ellipsis,
                              T::NotEqual,
                              T::EqEqual,
                              T::LessEqual,
                              T::GreaterEqual,
                              T::AtEqual,
                              T::At,
                              T::Dot,
                              T::Dot,
                              T::Newline,
                              T::EndMarker}));
  // Characters the grammar has no use for are tokens the parser rejects.
  EXPECT_EQ(kinds("$ ? ! `")[0], T::Unknown);
}

TEST(Lexer, KeywordsAndSoftKeywords) {
  EXPECT_EQ(kinds("if match case _ lambda None nonlocal"),
            (std::vector<Tok>{T::KwIf, T::Name, T::Name, T::Name, T::KwLambda, T::KwNone,
                              T::KwNonlocal, T::Newline, T::EndMarker}));
}

TEST(Lexer, ColumnsCountCodePoints) {
  Lexed r = lex("é = 'ü' + x\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.tokens[0].col, 0);
  EXPECT_EQ(r.tokens[0].end_col, 1);
  EXPECT_EQ(r.tokens[1].col, 2);  // '='
  EXPECT_EQ(r.tokens[2].col, 4);  // the string
  EXPECT_EQ(r.tokens[2].end_col, 7);
  EXPECT_EQ(r.tokens[4].col, 10);  // x
}

TEST(Lexer, Numbers) {
  for (const char* ok : {"0", "00", "0_0", "1_000", "0x_fF", "0o17", "0B1_0", "1.", ".5", "1.5e-3",
                         "1E+5", "1_0.0_1e1_0", "1j", "1.5J", "09.5", "0e0", "1if"}) {
    Lexed r = lex(ok);
    EXPECT_FALSE(r.error) << ok;
    EXPECT_EQ(r.tokens[0].kind, Tok::Number) << ok;
  }
  struct Bad {
    const char* src;
    const char* message;
    int col;
  };
  const Bad bad[] = {
      {"012",
       "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
       "octal integers",
       1},
      {"1__0", "invalid decimal literal", 2},
      {"1_", "invalid decimal literal", 2},
      {"1e", "invalid decimal literal", 1},
      {"0x", "invalid hexadecimal literal", 2},
      {"0b2", "invalid digit '2' in binary literal", 3},
      {"0o8", "invalid digit '8' in octal literal", 3},
      {"1.__x__", "invalid decimal literal", 2},
      {"1abc", "invalid decimal literal", 1},
  };
  for (const auto& b : bad) {
    Lexed r = lex(b.src);
    ASSERT_TRUE(r.error) << b.src;
    EXPECT_EQ(r.error->message, b.message) << b.src;
    EXPECT_EQ(r.error->col, b.col) << b.src;
  }
}

TEST(Lexer, StringPrefixesAndQuotes) {
  struct Case {
    const char* src;
    uint8_t flags;
    int quotes;
  };
  const Case cases[] = {
      {"'a'", 0, 1},
      {"\"a\"", 0, 1},
      {"'''a'''", 0, 3},
      {"r'a'", kStrRaw, 1},
      {"B'a'", kStrBytes, 1},
      {"Rb'a'", kStrRaw | kStrBytes, 1},
      {"bR'a'", kStrRaw | kStrBytes, 1},
      {"f'a'", kStrFormat, 1},
      {"rF'a'", kStrRaw | kStrFormat, 1},
      {"u'a'", 0, 1},
      {"\"\"\"a\nb\"\"\"", 0, 3},
      {"''", 0, 1},
  };
  for (const auto& c : cases) {
    Lexed r = lex(c.src);
    ASSERT_FALSE(r.error) << c.src;
    EXPECT_EQ(r.tokens[0].kind, Tok::String) << c.src;
    EXPECT_EQ(r.tokens[0].str_flags, c.flags) << c.src;
    EXPECT_EQ(r.tokens[0].quote_len, c.quotes) << c.src;
  }
  // Not prefixes: ur, bu, fb are names followed by a string.
  EXPECT_EQ(kinds("ur'x'")[0], T::Name);
}

TEST(Lexer, UnterminatedStrings) {
  Lexed r = lex("x = 'abc\ny = 1\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "unterminated string literal (detected at line 1)");
  EXPECT_EQ(r.error->col, 5);
  r = lex("x = b'''abc\n\ndef");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "unterminated triple-quoted string literal (detected at line 3)");
  EXPECT_EQ(r.error->line, 1);
  EXPECT_EQ(r.error->col, 5);
}

TEST(Lexer, BracketErrors) {
  Lexed r = lex("x = )");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "unmatched ')'");
  r = lex("x = [1, 2)");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "closing parenthesis ')' does not match opening parenthesis '['");
  EXPECT_EQ(r.error->col, 10);
  r = lex("x = [1,\n 2)");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message,
            "closing parenthesis ')' does not match opening parenthesis '[' on line 1");
  r = lex("foo(\n  1,\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, LexError::Kind::Unclosed);
  EXPECT_EQ(r.error->message, "'(' was never closed");
  EXPECT_EQ(r.error->col, 4);
  r = lex(std::string(300, '('));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "too many nested parentheses");
  EXPECT_EQ(r.error->col, 201);
}

TEST(Lexer, InvalidCharacters) {
  Lexed r = lex("x = \xe2\x82\xac\n");  // €
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "invalid character '\xe2\x82\xac' (U+20AC)");
  EXPECT_EQ(r.error->col, 5);
  r =
      lex("x = a\xc2\xa0"
          "b\n");  // no-break space
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "invalid non-printable character U+00A0");
  r = lex(std::string("x = 1\0", 6));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "source code cannot contain null bytes");
  r = lex("x = '\xff'\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 5: invalid start "
            "byte");
  // Non-ASCII letters make identifiers.
  EXPECT_FALSE(lex("caf\xc3\xa9 = \xce\xbb\n").error);
}

TEST(Lexer, DecodeStringBody) {
  auto dec = [](std::string_view body, bool raw = false, bool bytes = false) {
    std::string out;
    auto err = decode_string_body(body, raw, bytes, out);
    return err ? "ERR " + *err : out;
  };
  EXPECT_EQ(dec("a\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r\\0"),
            "a\n\t\\'\"\a\b\f\v\r" + std::string(1, '\0'));
  EXPECT_EQ(dec("\\101\\x41\\u00e9\\U0001F600"), "AA\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(dec("\\q\\w"), "\\q\\w");   // invalid escapes stay
  EXPECT_EQ(dec("\\n", true), "\\n");   // raw
  EXPECT_EQ(dec("a\\\nb"), "ab");       // escaped newline
  EXPECT_EQ(dec("\\777"), "\xc7\xbf");  // U+01FF
  EXPECT_EQ(dec("\\777", false, true), "\xff");
  EXPECT_EQ(dec("\\u00e9", false, true), "\\u00e9");  // not an escape in bytes
  EXPECT_EQ(dec("\\x4"),
            "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: "
            "truncated \\xXX escape");
  EXPECT_EQ(dec("\\x4", false, true), "ERR (value error) invalid \\x escape at position 0");
  EXPECT_EQ(dec("\\U00110000"),
            "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: "
            "illegal Unicode character");
  EXPECT_EQ(dec("\\N{BULLET}"), "\xE2\x80\xA2");
  EXPECT_EQ(dec("\\N{bullet}\\N{LF}"), "\xE2\x80\xA2\n");  // case-insensitive; aliases
  EXPECT_EQ(dec("ab\\N{NO SUCH NAME}"),
            "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 2-17: "
            "unknown Unicode character name");
  EXPECT_EQ(dec("\\N{}"),
            "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: "
            "malformed \\N character escape");
}

}  // namespace
}  // namespace monty::syntax

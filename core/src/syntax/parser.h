// Source text -> AST. The lexer (lexer.h) and a hand-written recursive-descent
// parser that follows CPython 3.11's grammar for the supported subset.
//
// Errors are values: parse_module never throws; it returns either a module or
// a SyntaxErrorInfo carrying CPython's wording and position, so the CLI can
// print exactly what `python3 file.py` prints.
//
// Recursion is bounded: every nested construct (parentheses, brackets, unary
// operators, nested blocks, ...) counts against kMaxNestingDepth; going deeper
// is a SyntaxError ("too many nested parentheses" like CPython's tokenizer for
// brackets, or "too many statically nested blocks"), never a native stack
// overflow. The compiler relies on this bound for its own recursive walks.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "syntax/ast.h"

namespace monty::syntax {

// Deep enough for any real program, shallow enough for a 64 KiB wasm stack
// share per recursion level of parser + compiler.
inline constexpr int kMaxNestingDepth = 200;

// Added (additive): the tallest AST the parser produces. Long operator chains
// (`a + b + ...`, real code has polynomials of hundreds of terms), attribute
// and call chains, and elif chains build tall trees without nesting brackets;
// they are built iteratively by the parser but bounded here: no expression
// subtree is taller than this (ast::Expr::height) and statements nest at most
// this deep (blocks plus elif chains). A walk recursing once per level needs
// at most 2 * kMaxAstDepth frames; CPython's compiler allows about 3000.
inline constexpr int kMaxAstDepth = 1000;

struct SyntaxErrorInfo {
  std::string type = "SyntaxError";  // or "IndentationError", "TabError"
  std::string message;               // e.g. "invalid syntax", "'(' was never closed"
  int line = 0;                      // 1-based
  int col = 0;                       // 1-based column (CPython's `offset`), in code points
  int end_line = 0;
  int end_col = 0;               // 1-based, exclusive; 0 if unknown
  std::string source_line;       // the offending line without its newline
  bool has_source_line = false;  // the line exists (it may be empty, and is then shown empty)
};

struct ParseResult {
  std::unique_ptr<ast::Module> module;   // set on success
  std::optional<SyntaxErrorInfo> error;  // set on failure
};

ParseResult parse_module(std::string_view source);

// Formats the error as CPython prints it for an uncaught SyntaxError:
//   File "<filename>", line N
//     <source line, leading whitespace stripped>
//     <spaces>^^^
//   SyntaxError: message
std::string format_syntax_error(const SyntaxErrorInfo& err, std::string_view filename);

}  // namespace monty::syntax

#include "syntax/caret_anchors.h"

#include <string>

#include "syntax/parser.h"

namespace monty::syntax {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// CPython walks the segment by UTF-8 byte offsets (its AST columns are
// bytes); these convert the parser's code point columns to bytes and back.
int byte_offset(std::string_view s, int code_points) {
  size_t i = 0;
  for (int n = 0; n < code_points && i < s.size(); n++) {
    i++;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) i++;
  }
  return static_cast<int>(i);
}

// Like CPython's _PyPegen_byte_offset_to_character_offset: a prefix that ends
// inside a character counts that character.
int code_point_offset(std::string_view s, int bytes) {
  int n = 0;
  for (int i = 0; i < bytes && i < static_cast<int>(s.size()); i++)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n++;
  return n;
}

}  // namespace

std::optional<CaretAnchors> find_caret_anchors(std::string_view segment) {
  ParseResult parsed = parse_module(segment);
  if (!parsed.module || parsed.module->body.size() != 1) return std::nullopt;
  const ast::Stmt& stmt = *parsed.module->body[0];
  if (stmt.kind != ast::StmtKind::Expr) return std::nullopt;
  const ast::Expr& e = *stmt.a;
  const int len = static_cast<int>(segment.size());
  int left = -1, right = -1;
  if (e.kind == ast::ExprKind::BinOp) {
    // The operator: the first non-blank character between the operands that
    // is not a closing parenthesis of the left one; two characters if the
    // next one is not blank either (//, **, <<).
    const int from = byte_offset(segment, e.a->span.end_col);
    const int to = byte_offset(segment, e.b->span.col);
    for (int i = from; i < to; i++) {
      if (is_blank(segment[i])) continue;
      left = i;
      right = i + 1;
      if (i + 1 < to && !is_blank(segment[i + 1])) right++;
      if (i + 1 < to && segment[i] == ')') continue;
      break;
    }
    if (left < 0) return std::nullopt;
  } else if (e.kind == ast::ExprKind::Subscript) {
    // From the '[' after the value to just past the ']' after the index.
    left = byte_offset(segment, e.a->span.end_col);
    right = byte_offset(segment, e.b->span.end_col) + 1;
    while (left < len && segment[left] != '[') left++;
    while (right < len && segment[right] != ']') right++;
    if (right < len) right++;
  } else {
    return std::nullopt;
  }
  return CaretAnchors{code_point_offset(segment, left), code_point_offset(segment, right)};
}

}  // namespace monty::syntax

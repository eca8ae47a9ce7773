// Recursive-descent parser for the Python 3.11 grammar (Grammar/python.gram),
// written by hand. Where CPython's PEG parser has "invalid_*" rules that
// produce a specific message, the same checks are made here at the point the
// plain parse fails, with the same wording and positions.
//
// Errors unwind with a private C++ exception (ParseFailure) that never leaves
// parse_module. Native recursion is bounded by DepthGuard (expressions,
// patterns) and by the indentation limit (blocks); tree height is bounded by
// finish() (see kMaxAstDepth in parser.h).
#include "syntax/parser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "support/attributes.h"
#include "syntax/lexer.h"

namespace monty::syntax {
namespace {

using ast::CmpOp;
using ast::ConstKind;
using ast::Expr;
using ast::ExprContext;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Operator;
using ast::Pattern;
using ast::PatternKind;
using ast::PatternPtr;
using ast::SourceSpan;
using ast::Stmt;
using ast::StmtKind;
using ast::StmtList;
using ast::StmtPtr;

// Functions on the recursive path (brackets, operators) are kept lean: their
// rarely taken branches live in separate non-inlined functions so that each
// level of nesting costs little native stack (which matters under wasm).
// The parser of each statement kind is not inlined either, so that a program
// pays wasm start-up time only for the constructs it uses (attributes.h).

// Native recursion the parser itself allows (ternary and lambda chains, `**`
// chains, patterns), on top of at most 200 bracket levels.
constexpr int kMaxRecursion = kMaxNestingDepth + kMaxNestingDepth / 4;

constexpr const char* kTooComplex = "Parser stack overflowed - Python source too complex to parse";

struct ParseFailure {
  SyntaxErrorInfo info;
  bool from_lexer = false;  // raised because the parser reached a tokenizer error
  bool overridable = true;  // a tokenizer error later in the file takes precedence
  int furthest_line = 0;    // line of the furthest token the parser looked at
};

enum class TargetKind { Star, Del, For };

bool starts_expression(Tok k) {
  switch (k) {
    case Tok::Name:
    case Tok::Number:
    case Tok::String:
    case Tok::LPar:
    case Tok::LSqb:
    case Tok::LBrace:
    case Tok::Minus:
    case Tok::Plus:
    case Tok::Tilde:
    case Tok::KwNot:
    case Tok::KwLambda:
    case Tok::KwAwait:
    case Tok::KwTrue:
    case Tok::KwFalse:
    case Tok::KwNone:
    case Tok::Ellipsis:
      return true;
    default:
      return false;
  }
}

// Binary operators handled by the operator-precedence loop, tightest last.
bool binary_op(Tok k, Operator& op, int& prec) {
  switch (k) {
    case Tok::VBar:
      op = Operator::BitOr, prec = 1;
      return true;
    case Tok::Circumflex:
      op = Operator::BitXor, prec = 2;
      return true;
    case Tok::Amper:
      op = Operator::BitAnd, prec = 3;
      return true;
    case Tok::LeftShift:
      op = Operator::LShift, prec = 4;
      return true;
    case Tok::RightShift:
      op = Operator::RShift, prec = 4;
      return true;
    case Tok::Plus:
      op = Operator::Add, prec = 5;
      return true;
    case Tok::Minus:
      op = Operator::Sub, prec = 5;
      return true;
    case Tok::Star:
      op = Operator::Mult, prec = 6;
      return true;
    case Tok::Slash:
      op = Operator::Div, prec = 6;
      return true;
    case Tok::DoubleSlash:
      op = Operator::FloorDiv, prec = 6;
      return true;
    case Tok::Percent:
      op = Operator::Mod, prec = 6;
      return true;
    case Tok::At:
      op = Operator::MatMult, prec = 6;
      return true;
    default:
      return false;
  }
}

bool aug_op(Tok k, Operator& op) {
  switch (k) {
    case Tok::PlusEqual:
      op = Operator::Add;
      return true;
    case Tok::MinEqual:
      op = Operator::Sub;
      return true;
    case Tok::StarEqual:
      op = Operator::Mult;
      return true;
    case Tok::AtEqual:
      op = Operator::MatMult;
      return true;
    case Tok::SlashEqual:
      op = Operator::Div;
      return true;
    case Tok::PercentEqual:
      op = Operator::Mod;
      return true;
    case Tok::AmperEqual:
      op = Operator::BitAnd;
      return true;
    case Tok::VBarEqual:
      op = Operator::BitOr;
      return true;
    case Tok::CircumflexEqual:
      op = Operator::BitXor;
      return true;
    case Tok::LeftShiftEqual:
      op = Operator::LShift;
      return true;
    case Tok::RightShiftEqual:
      op = Operator::RShift;
      return true;
    case Tok::DoubleStarEqual:
      op = Operator::Pow;
      return true;
    case Tok::DoubleSlashEqual:
      op = Operator::FloorDiv;
      return true;
    default:
      return false;
  }
}

// CPython's _PyPegen_get_expr_name: how error messages name an expression.
const char* expr_name(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Attribute:
      return "attribute";
    case ExprKind::Subscript:
      return "subscript";
    case ExprKind::Starred:
      return "starred";
    case ExprKind::Name:
      return "name";
    case ExprKind::List:
      return "list";
    case ExprKind::Tuple:
      return "tuple";
    case ExprKind::Lambda:
      return "lambda";
    case ExprKind::Call:
      return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp:
      return "expression";
    case ExprKind::GeneratorExp:
      return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom:
      return "yield expression";
    case ExprKind::Await:
      return "await expression";
    case ExprKind::ListComp:
      return "list comprehension";
    case ExprKind::SetComp:
      return "set comprehension";
    case ExprKind::DictComp:
      return "dict comprehension";
    case ExprKind::Dict:
      return "dict literal";
    case ExprKind::Set:
      return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue:
      return "f-string expression";
    case ExprKind::Compare:
      return "comparison";
    case ExprKind::IfExp:
      return "conditional expression";
    case ExprKind::NamedExpr:
      return "named expression";
    case ExprKind::Slice:
      return "slice";
    case ExprKind::Constant:
      switch (e.constant.kind) {
        case ConstKind::None:
          return "None";
        case ConstKind::True:
          return "True";
        case ConstKind::False:
          return "False";
        case ConstKind::Ellipsis:
          return "ellipsis";
        default:
          return "literal";
      }
  }
  return "expression";
}

// Converts the text of a NUMBER token (already validated by the lexer).
ast::Constant number_constant(std::string_view text) {
  ast::Constant c;
  std::string s;
  s.reserve(text.size());
  for (char ch : text) {
    if (ch != '_') s += ch;
  }
  char last = static_cast<char>(s.back() | 0x20);
  int base = 10;
  size_t skip = 0;
  if (s.size() > 1 && s[0] == '0') {
    char p = static_cast<char>(s[1] | 0x20);
    if (p == 'x') base = 16, skip = 2;
    if (p == 'o') base = 8, skip = 2;
    if (p == 'b') base = 2, skip = 2;
  }
  if (base == 10 && last == 'j') {
    s.pop_back();
    c.kind = ConstKind::Imaginary;
    c.float_value = std::strtod(s.c_str(), nullptr);
    return c;
  }
  if (base == 10 && s.find_first_of(".eE") != std::string::npos) {
    c.kind = ConstKind::Float;
    c.float_value = std::strtod(s.c_str(), nullptr);
    return c;
  }
  std::string digits = s.substr(skip);
  size_t nz = digits.find_first_not_of('0');
  digits = nz == std::string::npos ? "0" : digits.substr(nz);
  uint64_t v = 0;
  bool overflow = false;
  for (char ch : digits) {
    uint64_t d =
        ch <= '9' ? static_cast<uint64_t>(ch - '0') : static_cast<uint64_t>((ch | 0x20) - 'a' + 10);
    if (v > (static_cast<uint64_t>(INT64_MAX) - d) / static_cast<uint64_t>(base)) {
      overflow = true;
      break;
    }
    v = v * static_cast<uint64_t>(base) + d;
  }
  if (overflow) {
    c.kind = ConstKind::BigInt;
    c.int_base = base;
    c.text = std::move(digits);
  } else {
    c.kind = ConstKind::Int;
    c.int_value = static_cast<int64_t>(v);
  }
  return c;
}

class Parser {
 public:
  explicit Parser(std::string_view src) : src_(src) {}

  ParseResult run() {
    ParseResult result;
    if (src_.size() >= UINT32_MAX) {
      SyntaxErrorInfo e;
      e.message = "source code too large";
      e.line = 1;
      result.error = e;
      return result;
    }
    Lexer lexer(src_);
    lexer.tokenize(toks_);
    module_lex_error_ = lexer.error();
    lex_error_ = module_lex_error_ ? &*module_lex_error_ : nullptr;
    try {
      auto module = std::make_unique<ast::Module>();
      while (!at(Tok::EndMarker)) parse_statement(module->body);
      result.module = std::move(module);
    } catch (ParseFailure& f) {
      // CPython re-tokenizes the rest of the file after a parser error and
      // reports a tokenizer error found there instead (see
      // _PyPegen_tokenize_full_source_to_check_for_errors).
      if (!f.from_lexer && f.overridable && module_lex_error_) {
        const LexError& le = *module_lex_error_;
        if (le.kind == LexError::Kind::Plain ||
            (le.kind == LexError::Kind::Unclosed && f.furthest_line > le.line)) {
          f.info = info_from_lex(le);
        }
      }
      f.info.has_source_line = f.info.line >= 1 && f.info.line <= last_physical_line();
      f.info.source_line = source_line(f.info.line);
      result.error = std::move(f.info);
    }
    return result;
  }

 private:
  // ---------------------------------------------------------------- tokens

  // The line of the module token the parser got furthest to (CPython
  // compares it with an unclosed bracket's to choose which error to report:
  // `def f(:` then more lines is "invalid syntax" at the ':', not "'(' was
  // never closed"). The failing token's own line, not its lookahead's.
  int furthest_line() const {
    if (!msg_prefix_.empty()) return 0;
    return toks_[furthest_ > p_ ? furthest_ : p_].line;
  }

  const Token& cur() {
    const Token& t = toks_[p_];
    if (t.kind == Tok::Error) raise_lex_error();
    return t;
  }
  const Token& peek(size_t n = 1) {
    size_t i = p_ + n < toks_.size() ? p_ + n : toks_.size() - 1;
    // Never look past an error token: it ends the stream.
    for (size_t k = p_; k < i; ++k) {
      if (toks_[k].kind == Tok::Error || toks_[k].kind == Tok::EndMarker) {
        i = k;
        break;
      }
    }
    if (toks_[i].kind == Tok::Error) raise_lex_error();
    return toks_[i];
  }
  Tok kind() { return cur().kind; }
  bool at(Tok k) { return cur().kind == k; }
  const Token& advance() {
    const Token& t = cur();
    if (t.kind != Tok::Newline && t.kind != Tok::Indent && t.kind != Tok::Dedent &&
        t.kind != Tok::EndMarker) {
      last_end_line_ = t.end_line;
      last_end_col_ = t.end_col;
    }
    if (p_ + 1 < toks_.size()) ++p_;
    if (p_ > furthest_ && msg_prefix_.empty()) furthest_ = p_;
    return t;
  }
  bool accept(Tok k) {
    if (!at(k)) return false;
    advance();
    return true;
  }
  const Token& expect(Tok k) {
    if (!at(k)) fail_invalid();
    return advance();
  }
  // CPython's forced tokens (&&':'): "expected ':'" at the offending token.
  const Token& expect_forced(Tok k, const char* text) {
    if (!at(k)) fail_tok(cur(), std::string("expected '") + text + "'");
    return advance();
  }
  // The ':' of if/elif/while/for/with/except/class/match/case, which CPython
  // does not force: its "expected ':'" comes from rules that see the line end
  // there (`if x` then a newline); anything else (`if x y:`) is invalid syntax.
  const Token& expect_block_colon() {
    if (!at(Tok::Colon) && !at(Tok::Newline)) fail_invalid();
    return expect_forced(Tok::Colon, ":");
  }
  std::string_view text(const Token& t) const { return src_.substr(t.start, t.end - t.start); }
  bool at_soft_keyword(std::string_view word) { return at(Tok::Name) && text(cur()) == word; }

  SourceSpan span_of(const Token& t) const { return {t.line, t.col, t.end_line, t.end_col}; }
  // From the start of `s` to the end of the last consumed token.
  SourceSpan span_from(const SourceSpan& s) const {
    return {s.line, s.col, last_end_line_, last_end_col_};
  }
  SourceSpan span_from(const Token& t) const { return span_from(span_of(t)); }
  static SourceSpan join(const SourceSpan& a, const SourceSpan& b) {
    return {a.line, a.col, b.end_line, b.end_col};
  }

  // ---------------------------------------------------------------- errors

  [[noreturn]] MONTY_COLD void fail(std::string msg, int line, int col0, int end_line, int end_col0,
                                    const char* type = "SyntaxError", bool overridable = true) {
    ParseFailure f;
    f.info.type = type;
    f.info.message = msg_prefix_ + msg;
    f.info.line = line;
    f.info.col = col0 + 1;
    f.info.end_line = end_line;
    f.info.end_col = end_col0 + 1;
    f.overridable = overridable;
    f.furthest_line = furthest_line();
    throw f;
  }
  [[noreturn]] MONTY_COLD void fail_tok(const Token& t, std::string msg,
                                        const char* type = "SyntaxError") {
    if (at_end_of_input(t) && msg_prefix_.empty()) {
      // CPython, reading a file, puts the tokens at end of input on the last
      // physical line (trailing blank lines count) with no column: it shows
      // that line and no caret (`def f():` and nothing after it).
      int line = last_physical_line();
      fail(std::move(msg), line, -1, line, -2, type);
    }
    fail(std::move(msg), t.line, t.col, t.end_line, tok_end_col(t), type);
  }
  bool at_end_of_input(const Token& t) const {
    return t.kind == Tok::EndMarker || (t.kind == Tok::Dedent && t.end == src_.size());
  }
  // The number of lines CPython's tokenizer has read at end of input.
  int last_physical_line() const {
    int lines = 0;
    for (size_t i = 0; i < src_.size(); i++) {
      if (src_[i] == '\n' || (src_[i] == '\r' && (i + 1 >= src_.size() || src_[i + 1] != '\n')))
        ++lines;
    }
    if (!src_.empty() && src_.back() != '\n' && src_.back() != '\r') ++lines;
    return lines > 0 ? lines : 1;
  }
  // At end of input the end is unknown.
  int tok_end_col(const Token& t) const {
    return at_end_of_input(t) && msg_prefix_.empty() ? -1 : t.end_col;
  }
  [[noreturn]] MONTY_COLD void fail_span(const SourceSpan& s, std::string msg) {
    fail(std::move(msg), s.line, s.col, s.end_line, s.end_col);
  }
  [[noreturn]] MONTY_COLD void fail_invalid() { fail_tok(cur(), "invalid syntax"); }

  static SyntaxErrorInfo info_from_lex(const LexError& e) {
    SyntaxErrorInfo info;
    info.type = e.type;
    info.message = e.message;
    info.line = e.line;
    info.col = e.col;
    info.end_line = e.end_line;
    info.end_col = e.end_col;
    return info;
  }
  [[noreturn]] MONTY_COLD void raise_lex_error() {
    ParseFailure f;
    if (lex_error_) {
      f.info = info_from_lex(*lex_error_);
    } else {
      f.info.message = "invalid syntax";
    }
    f.from_lexer = true;
    throw f;
  }

  std::string source_line(int line) const {
    int l = 1;
    size_t i = 0;
    while (l < line && i < src_.size()) {
      if (src_[i] == '\n' || (src_[i] == '\r' && (i + 1 >= src_.size() || src_[i + 1] != '\n'))) {
        ++l;
      }
      ++i;
    }
    if (l != line) return "";
    size_t e = i;
    while (e < src_.size() && src_[e] != '\n' && src_[e] != '\r') ++e;
    return std::string(src_.substr(i, e - i));
  }

  // Bounds native recursion: every recursive path through the expression and
  // pattern grammar passes through one of these, except bracket nesting,
  // which the lexer already limits to 200 levels.
  struct DepthGuard {
    Parser& p;
    DepthGuard(Parser& parser, const Token& at) : p(parser) {
      if (++p.depth_ > kMaxRecursion) p.fail_tok(at, kTooComplex);
    }
    ~DepthGuard() { --p.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
  };

  // ---------------------------------------------------------------- nodes

  static ExprPtr make(ExprKind k, SourceSpan s) { return std::make_unique<Expr>(k, s); }

  // Computes the height of a finished node from its children and enforces
  // kMaxAstDepth, so no tree the parser builds is too tall to walk (or free)
  // recursively.
  ExprPtr done(ExprPtr e) {
    int h = 0;
    auto m = [&h](const ExprPtr& c) {
      if (c && c->height > h) h = c->height;
    };
    m(e->a);
    m(e->b);
    m(e->c);
    for (const auto& c : e->items) m(c);
    for (const auto& c : e->values) m(c);
    for (const auto& k : e->keywords) m(k.value);
    for (const auto& g : e->generators) {
      m(g.target);
      m(g.iter);
      for (const auto& c : g.ifs) m(c);
    }
    if (e->args) {
      for (const auto& d : e->args->defaults) m(d);
      for (const auto& d : e->args->kw_defaults) m(d);
    }
    e->height = h + 1;
    if (e->height > kMaxAstDepth) fail_span(e->span, kTooComplex);
    return e;
  }

  ExprPtr make_name(const Token& t) {
    auto e = make(ExprKind::Name, span_of(t));
    e->id = std::string(text(t));
    return e;
  }

  // ---------------------------------------------------------------- statements

  void parse_statement(StmtList& out) {
    switch (kind()) {
      case Tok::Indent: {
        const Token& t = cur();
        fail("unexpected indent", t.line, t.end_col > 0 ? t.end_col - 1 : 0, t.line, -1,
             "IndentationError", false);
      }
      case Tok::Dedent:
        fail("unexpected unindent", cur().line, 0, cur().line, -1, "IndentationError", false);
      case Tok::KwIf:
        return parse_if(out);
      case Tok::KwWhile:
        return parse_while(out);
      case Tok::KwFor:
        return parse_for(out, cur(), false);
      case Tok::KwTry:
        return parse_try(out);
      case Tok::KwWith:
        return parse_with(out, cur(), false);
      case Tok::KwDef:
        return parse_funcdef(out, {}, cur(), false);
      case Tok::KwClass:
        return parse_classdef(out, {});
      case Tok::At:
        return parse_decorated(out);
      case Tok::KwAsync: {
        const Token& start = cur();
        Tok next = peek().kind;
        if (next == Tok::KwDef) {
          advance();
          return parse_funcdef(out, {}, start, true);
        }
        if (next == Tok::KwFor) {
          advance();
          return parse_for(out, start, true);
        }
        if (next == Tok::KwWith) {
          advance();
          return parse_with(out, start, true);
        }
        fail_tok(peek(), "invalid syntax");
      }
      case Tok::Name:
        if (at_soft_keyword("match") && looks_like_match()) return parse_match(out);
        break;
      default:
        break;
    }
    parse_simple_stmts(out);
  }

  // simple_stmts: small statements separated by ';' on one logical line.
  void parse_simple_stmts(StmtList& out) {
    for (;;) {
      out.push_back(parse_small_stmt());
      if (accept(Tok::Semi)) {
        if (accept(Tok::Newline)) return;
        continue;
      }
      if (at(Tok::Newline)) {
        advance();
        return;
      }
      if (at(Tok::EndMarker)) return;
      fail_invalid();
    }
  }

  StmtPtr new_stmt(StmtKind k, const Token& start) {
    return std::make_unique<Stmt>(k, span_of(start));
  }
  void end_stmt(Stmt& s) {
    s.span.end_line = last_end_line_;
    s.span.end_col = last_end_col_;
  }

  StmtPtr parse_small_stmt() {
    const Token& start = cur();
    StmtPtr s;
    switch (start.kind) {
      case Tok::KwPass:
        advance();
        s = new_stmt(StmtKind::Pass, start);
        break;
      case Tok::KwBreak:
        advance();
        s = new_stmt(StmtKind::Break, start);
        break;
      case Tok::KwContinue:
        advance();
        s = new_stmt(StmtKind::Continue, start);
        break;
      case Tok::KwReturn:
        advance();
        s = new_stmt(StmtKind::Return, start);
        if (starts_expression(kind()) || at(Tok::Star)) s->a = parse_star_expressions();
        break;
      case Tok::KwRaise:
        advance();
        s = new_stmt(StmtKind::Raise, start);
        if (starts_expression(kind())) {
          s->a = parse_expression();
          if (accept(Tok::KwFrom)) s->b = parse_expression();
        }
        break;
      case Tok::KwGlobal:
      case Tok::KwNonlocal:
        advance();
        s = new_stmt(start.kind == Tok::KwGlobal ? StmtKind::Global : StmtKind::Nonlocal, start);
        do {
          s->names.emplace_back(text(expect(Tok::Name)));
        } while (accept(Tok::Comma));
        break;
      case Tok::KwDel:
        s = parse_del();
        break;
      case Tok::KwAssert:
        advance();
        s = new_stmt(StmtKind::Assert, start);
        s->a = parse_expression();
        if (accept(Tok::Comma)) s->b = parse_expression();
        break;
      case Tok::KwImport:
        s = parse_import();
        break;
      case Tok::KwFrom:
        s = parse_from_import();
        break;
      default:
        return parse_expr_stmt();
    }
    end_stmt(*s);
    return s;
  }

  MONTY_NOINLINE StmtPtr parse_del() {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::Delete, start);
    for (;;) {
      ExprPtr t = parse_star_expression();
      check_target(*t, TargetKind::Del);
      set_ctx(*t, ExprContext::Del);
      s->items.push_back(std::move(t));
      if (!accept(Tok::Comma)) break;
      if (!starts_expression(kind()) && !at(Tok::Star)) break;
    }
    return s;
  }

  std::string parse_dotted_name() {
    std::string name(text(expect(Tok::Name)));
    while (at(Tok::Dot)) {
      advance();
      name += '.';
      name += text(expect(Tok::Name));
    }
    return name;
  }

  MONTY_NOINLINE StmtPtr parse_import() {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::Import, start);
    do {
      const Token& first = cur();
      ast::Alias a;
      a.name = parse_dotted_name();
      if (accept(Tok::KwAs)) a.asname = std::string(text(expect(Tok::Name)));
      a.span = span_from(first);
      s->aliases.push_back(std::move(a));
    } while (accept(Tok::Comma));
    return s;
  }

  MONTY_NOINLINE StmtPtr parse_from_import() {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::ImportFrom, start);
    for (;;) {
      if (accept(Tok::Dot)) {
        s->level += 1;
      } else if (accept(Tok::Ellipsis)) {
        s->level += 3;
      } else {
        break;
      }
    }
    if (!at(Tok::KwImport) || s->level == 0) s->module = parse_dotted_name();
    expect(Tok::KwImport);
    if (at(Tok::Star)) {
      const Token& star = advance();
      ast::Alias a;
      a.name = "*";
      a.span = span_of(star);
      s->aliases.push_back(std::move(a));
      return s;
    }
    bool paren = accept(Tok::LPar);
    for (;;) {
      const Token& first = cur();
      ast::Alias a;
      a.name = std::string(text(expect(Tok::Name)));
      if (accept(Tok::KwAs)) a.asname = std::string(text(expect(Tok::Name)));
      a.span = span_from(first);
      s->aliases.push_back(std::move(a));
      if (!accept(Tok::Comma)) break;
      if (paren && at(Tok::RPar)) break;
      if (!paren && !at(Tok::Name)) {
        if (at(Tok::Newline) || at(Tok::Semi) || at(Tok::EndMarker)) {
          fail_tok(cur(), "trailing comma not allowed without surrounding parentheses");
        }
        fail_invalid();
      }
    }
    if (paren) expect(Tok::RPar);
    return s;
  }

  // Whether `e` is the tuple most recently built by parse_star_expressions
  // without parentheses (checked right after that call returns).
  bool is_unparenthesized_tuple(const Expr& e) const { return &e == bare_tuple_; }

  // The targets of CPython's "cannot assign to X here. Maybe you meant '=='
  // instead of '='?" (invalid_named_expression): bitwise_or-level expressions
  // other than list/tuple/genexp/True/None/False.
  static bool here_hint_applies(const Expr& e) {
    switch (e.kind) {
      case ExprKind::List:
      case ExprKind::Tuple:
      case ExprKind::GeneratorExp:
      case ExprKind::Compare:
      case ExprKind::BoolOp:
      case ExprKind::IfExp:
      case ExprKind::Lambda:
      case ExprKind::Starred:
      case ExprKind::NamedExpr:
      case ExprKind::Yield:
      case ExprKind::YieldFrom:
        return false;
      case ExprKind::UnaryOp:
        return e.op != Operator::Not;
      case ExprKind::Constant:
        return e.constant.kind != ConstKind::True && e.constant.kind != ConstKind::False &&
               e.constant.kind != ConstKind::None;
      default:
        return true;
    }
  }

  StmtPtr parse_expr_stmt() {
    const Token& start = cur();
    bool starts_with_paren = start.kind == Tok::LPar;
    ExprPtr first = at(Tok::KwYield) ? parse_yield() : parse_star_expressions();
    bool first_bare_tuple = is_unparenthesized_tuple(*first);
    if (first->kind == ExprKind::Name && (first->id == "print" || first->id == "exec") &&
        starts_expression(kind())) {
      legacy_call_hint(*first);
    }
    Operator op;
    if (at(Tok::Equal)) {
      std::vector<ExprPtr> targets;
      targets.push_back(std::move(first));
      ExprPtr value;
      while (accept(Tok::Equal)) {
        ExprPtr rhs = at(Tok::KwYield) ? parse_yield() : parse_star_expressions();
        if (at(Tok::Equal)) {
          targets.push_back(std::move(rhs));
        } else {
          value = std::move(rhs);
        }
      }
      for (auto& t : targets) {
        if (starts_with_paren && targets.size() == 1 &&
            (t->kind == ExprKind::Yield || t->kind == ExprKind::YieldFrom)) {
          fail_span(t->span,
                    "cannot assign to yield expression here. Maybe you meant '==' instead of '='?");
        }
        if (t->kind == ExprKind::Yield || t->kind == ExprKind::YieldFrom) {
          fail_span(t->span, "assignment to yield expression not possible");
        }
        const Expr* bad = invalid_target(*t, TargetKind::Star);
        if (bad) {
          bool here = targets.size() == 1 &&
                      (bad == t.get() || (first_bare_tuple && bad == t->items.back().get())) &&
                      here_hint_applies(*bad);
          std::string msg = std::string("cannot assign to ") + expr_name(*bad);
          if (here) msg += " here. Maybe you meant '==' instead of '='?";
          fail_span(bad->span, msg);
        }
        if (t->kind == ExprKind::Starred) {
          fail_span(t->span, "starred assignment target must be in a list or tuple");
        }
        set_ctx(*t, ExprContext::Store);
      }
      if (value->kind == ExprKind::Starred) {
        fail_span(value->span, "can't use starred expression here");
      }
      auto s = new_stmt(StmtKind::Assign, start);
      s->items = std::move(targets);
      s->a = std::move(value);
      end_stmt(*s);
      return s;
    }
    if (aug_op(kind(), op)) {
      if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute &&
          first->kind != ExprKind::Subscript) {
        fail_span(first->span, std::string("'") + expr_name(*first) +
                                   "' is an illegal expression for augmented assignment");
      }
      advance();
      set_ctx(*first, ExprContext::Store);
      auto s = new_stmt(StmtKind::AugAssign, start);
      s->op = op;
      s->b = std::move(first);
      s->a = at(Tok::KwYield) ? parse_yield() : parse_star_expressions();
      end_stmt(*s);
      return s;
    }
    if (at(Tok::Colon)) {
      switch (first->kind) {
        case ExprKind::Name:
        case ExprKind::Attribute:
        case ExprKind::Subscript:
          break;
        case ExprKind::Tuple:
          fail_span(first->span, "only single target (not tuple) can be annotated");
        case ExprKind::List:
          fail_span(first->span, "only single target (not list) can be annotated");
        default:
          fail_span(first->span, "illegal target for annotation");
      }
      advance();
      set_ctx(*first, ExprContext::Store);
      auto s = new_stmt(StmtKind::AnnAssign, start);
      s->simple = first->kind == ExprKind::Name && !starts_with_paren;
      s->b = std::move(first);
      s->c = parse_expression();
      if (accept(Tok::Equal)) s->a = at(Tok::KwYield) ? parse_yield() : parse_star_expressions();
      end_stmt(*s);
      return s;
    }
    auto s = new_stmt(StmtKind::Expr, start);
    s->a = std::move(first);
    end_stmt(*s);
    return s;
  }

  // CPython's invalid_legacy_expression: `print "x"`.
  MONTY_COLD void legacy_call_hint(const Expr& name) {
    size_t save = p_;
    SourceSpan value;
    try {
      value = parse_star_expressions()->span;
    } catch (ParseFailure&) {
      p_ = save;
      return;
    }
    fail("Missing parentheses in call to '" + name.id + "'. Did you mean " + name.id + "(...)?",
         name.span.line, name.span.col, value.end_line, value.end_col);
  }

  // A block after ':' — an indented suite or simple statements on the same line.
  void parse_block(StmtList& body, const char* what, int line) {
    if (at(Tok::Newline)) {
      advance();
      if (!at(Tok::Indent)) {
        fail_tok(cur(),
                 std::string("expected an indented block after ") + what + " on line " +
                     std::to_string(line),
                 "IndentationError");
      }
      advance();
      StmtDepth guard(*this, 1);
      while (!at(Tok::Dedent) && !at(Tok::EndMarker)) parse_statement(body);
      accept(Tok::Dedent);
    } else {
      parse_simple_stmts(body);
    }
  }

  // Statement nesting (blocks and elif chains) is bounded like expressions.
  struct StmtDepth {
    Parser& p;
    int n;
    StmtDepth(Parser& parser, int levels) : p(parser), n(levels) {
      p.stmt_depth_ += n;
      if (p.stmt_depth_ > kMaxAstDepth) p.fail_tok(p.cur(), "too many statically nested blocks");
    }
    ~StmtDepth() { p.stmt_depth_ -= n; }
    StmtDepth(const StmtDepth&) = delete;
    StmtDepth& operator=(const StmtDepth&) = delete;
  };

  MONTY_NOINLINE void parse_if(StmtList& out) {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::If, start);
    s->a = parse_named_expression();
    expect_block_colon();
    parse_block(s->body, "'if' statement", start.line);
    // elif chains nest If nodes in orelse; built iteratively, then every
    // node's span is extended to the end of the whole chain.
    std::vector<Stmt*> chain{s.get()};
    Stmt* tail = s.get();
    int levels = 0;
    while (at(Tok::KwElif)) {
      const Token& e = advance();
      StmtDepth guard(*this, 1);
      ++levels;
      auto inner = new_stmt(StmtKind::If, e);
      inner->a = parse_named_expression();
      expect_block_colon();
      parse_block(inner->body, "'elif' statement", e.line);
      Stmt* raw = inner.get();
      tail->orelse.push_back(std::move(inner));
      tail = raw;
      chain.push_back(raw);
      stmt_depth_ += 1;  // kept until the chain ends (released below)
    }
    stmt_depth_ -= levels;
    if (at(Tok::KwElse)) {
      const Token& e = advance();
      expect_forced(Tok::Colon, ":");
      parse_block(tail->orelse, "'else' statement", e.line);
    }
    for (Stmt* c : chain) end_stmt(*c);
    out.push_back(std::move(s));
  }

  MONTY_NOINLINE void parse_while(StmtList& out) {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::While, start);
    s->a = parse_named_expression();
    expect_block_colon();
    parse_block(s->body, "'while' statement", start.line);
    if (at(Tok::KwElse)) {
      const Token& e = advance();
      expect_forced(Tok::Colon, ":");
      parse_block(s->orelse, "'else' statement", e.line);
    }
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  MONTY_NOINLINE void parse_for(StmtList& out, const Token& start, bool is_async) {
    const Token& kw = advance();  // 'for'
    auto s = new_stmt(StmtKind::For, start);
    s->is_async = is_async;
    s->b = parse_target_list(TargetKind::For);
    expect(Tok::KwIn);
    s->a = parse_star_expressions();
    expect_block_colon();
    parse_block(s->body, "'for' statement", kw.line);
    if (at(Tok::KwElse)) {
      const Token& e = advance();
      expect_forced(Tok::Colon, ":");
      parse_block(s->orelse, "'else' statement", e.line);
    }
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  MONTY_NOINLINE void parse_try(StmtList& out) {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::Try, start);
    expect_forced(Tok::Colon, ":");
    parse_block(s->body, "'try' statement", start.line);
    bool saw_plain = false, saw_star = false;
    while (at(Tok::KwExcept)) {
      const Token& ex = advance();
      ast::ExceptHandler h;
      bool star = accept(Tok::Star);
      (star ? saw_star : saw_plain) = true;
      if (saw_star && saw_plain) {
        fail_tok(ex, "cannot have both 'except' and 'except*' on the same 'try'");
      }
      if (!at(Tok::Colon) || star) {
        if (star && at(Tok::Colon)) fail_tok(cur(), "expected one or more exception types");
        h.type = parse_expression();
        if (at(Tok::Comma)) {
          // `except A, B:` (Python 2 syntax)
          SourceSpan first = h.type->span;
          while (accept(Tok::Comma)) {
            if (!starts_expression(kind())) break;
            ExprPtr more = parse_expression();
            first = join(first, more->span);
          }
          fail_span(first, "multiple exception types must be parenthesized");
        }
        if (accept(Tok::KwAs)) h.name = std::string(text(expect(Tok::Name)));
      }
      expect_block_colon();
      parse_block(h.body, star ? "'except*' statement" : "'except' statement", ex.line);
      h.span = span_from(ex);
      s->handlers.push_back(std::move(h));
    }
    s->is_star = saw_star;
    if (at(Tok::KwElse)) {
      if (s->handlers.empty()) fail_invalid();
      const Token& e = advance();
      expect_forced(Tok::Colon, ":");
      parse_block(s->orelse, "'else' statement", e.line);
    }
    if (at(Tok::KwFinally)) {
      const Token& f = advance();
      expect_forced(Tok::Colon, ":");
      parse_block(s->finalbody, "'finally' statement", f.line);
    }
    if (s->handlers.empty() && s->finalbody.empty()) {
      fail_tok(cur(), "expected 'except' or 'finally' block");
    }
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  // `with (a, b):` is two items when the parenthesized group is directly
  // followed by ':' (CPython tries that alternative first); otherwise the
  // parentheses belong to the first expression, as in `with (a) as b:`.
  bool parenthesized_with_items() {
    if (!at(Tok::LPar)) return false;
    int level = toks_[p_].level;
    for (size_t i = p_ + 1; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.kind == Tok::Error || t.kind == Tok::EndMarker) return false;
      if (t.kind == Tok::RPar && t.level == level - 1) {
        return i + 1 < toks_.size() && toks_[i + 1].kind == Tok::Colon;
      }
    }
    return false;
  }

  ast::WithItem parse_with_item() {
    ast::WithItem item;
    item.context_expr = parse_expression();
    if (accept(Tok::KwAs)) {
      ExprPtr target = parse_target_elem();
      check_target(*target, TargetKind::Star);
      set_ctx(*target, ExprContext::Store);
      item.optional_vars = std::move(target);
    }
    return item;
  }

  MONTY_NOINLINE void parse_with(StmtList& out, const Token& start, bool is_async) {
    const Token& kw = advance();  // 'with'
    auto s = new_stmt(StmtKind::With, start);
    s->is_async = is_async;
    if (parenthesized_with_items()) {
      advance();
      do {
        if (at(Tok::RPar)) break;
        s->withitems.push_back(parse_with_item());
      } while (accept(Tok::Comma));
      expect(Tok::RPar);
    } else {
      do {
        s->withitems.push_back(parse_with_item());
      } while (accept(Tok::Comma));
    }
    expect_block_colon();
    parse_block(s->body, "'with' statement", kw.line);
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  MONTY_NOINLINE void parse_decorated(StmtList& out) {
    std::vector<ExprPtr> decorators;
    while (accept(Tok::At)) {
      decorators.push_back(parse_named_expression());
      expect(Tok::Newline);
    }
    if (at(Tok::KwDef)) return parse_funcdef(out, std::move(decorators), cur(), false);
    if (at(Tok::KwClass)) return parse_classdef(out, std::move(decorators));
    if (at(Tok::KwAsync) && peek().kind == Tok::KwDef) {
      const Token& start = advance();
      return parse_funcdef(out, std::move(decorators), start, true);
    }
    fail_invalid();
  }

  MONTY_NOINLINE void parse_funcdef(StmtList& out, std::vector<ExprPtr> decorators,
                                    const Token& start, bool is_async) {
    const Token& kw = expect(Tok::KwDef);
    auto s = new_stmt(StmtKind::FunctionDef, start);
    s->is_async = is_async;
    s->decorators = std::move(decorators);
    s->name = std::string(text(expect(Tok::Name)));
    expect_forced(Tok::LPar, "(");
    s->args = parse_parameters(Tok::RPar, true);
    expect(Tok::RPar);
    if (accept(Tok::RArrow)) s->c = parse_expression();
    expect_forced(Tok::Colon, ":");
    parse_block(s->body, "function definition", kw.line);
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  MONTY_NOINLINE void parse_classdef(StmtList& out, std::vector<ExprPtr> decorators) {
    const Token& kw = advance();
    auto s = new_stmt(StmtKind::ClassDef, kw);
    s->decorators = std::move(decorators);
    s->name = std::string(text(expect(Tok::Name)));
    if (at(Tok::LPar)) {
      const Token& open = advance();
      parse_call_arguments(s->items, s->keywords, open, nullptr);
      expect(Tok::RPar);
    }
    expect_block_colon();
    parse_block(s->body, "class definition", kw.line);
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  // Parameters of def (annotations allowed) or lambda, up to `close`.
  std::unique_ptr<ast::Arguments> parse_parameters(Tok close, bool annotations) {
    auto args = std::make_unique<ast::Arguments>();
    bool seen_slash = false, seen_star = false, seen_default = false;
    const Token* bare_star = nullptr;
    auto parse_arg = [&](bool star_annotation = false) {
      const Token& name = expect(Tok::Name);
      ast::Arg a;
      a.name = std::string(text(name));
      if (annotations && accept(Tok::Colon)) {
        // `*args: *Ts` (PEP 646) is allowed on the var-positional parameter.
        a.annotation =
            star_annotation && at(Tok::Star) ? parse_star_expression() : parse_expression();
      }
      a.span = span_from(name);
      return a;
    };
    while (!at(close)) {
      const Token& t = cur();
      if (args->kwarg) fail_tok(t, "arguments cannot follow var-keyword argument");
      if (t.kind == Tok::Slash) {
        if (seen_slash) fail_tok(t, "/ may appear only once");
        if (seen_star) fail_tok(t, "/ must be ahead of *");
        if (args->args.empty()) fail_tok(t, "at least one argument must precede /");
        advance();
        seen_slash = true;
        args->posonlyargs = std::move(args->args);
        args->args.clear();
      } else if (t.kind == Tok::Star) {
        if (seen_star) fail_tok(t, "* argument may appear only once");
        advance();
        seen_star = true;
        if (at(Tok::Comma) || at(close)) {
          bare_star = &t;
        } else {
          args->vararg = std::make_unique<ast::Arg>(parse_arg(true));
          if (at(Tok::Equal)) fail_tok(cur(), "var-positional argument cannot have default value");
        }
      } else if (t.kind == Tok::DoubleStar) {
        advance();
        args->kwarg = std::make_unique<ast::Arg>(parse_arg());
        if (at(Tok::Equal)) fail_tok(cur(), "var-keyword argument cannot have default value");
      } else {
        ast::Arg a = parse_arg();
        ExprPtr def;
        if (accept(Tok::Equal)) def = parse_expression();
        if (seen_star) {
          args->kwonlyargs.push_back(std::move(a));
          args->kw_defaults.push_back(std::move(def));
        } else {
          if (def) {
            seen_default = true;
            args->defaults.push_back(std::move(def));
          } else if (seen_default) {
            fail_span(a.span, "non-default argument follows default argument");
          }
          args->args.push_back(std::move(a));
        }
      }
      if (!accept(Tok::Comma)) break;
    }
    if (bare_star && args->kwonlyargs.empty()) {
      fail_tok(*bare_star, "named arguments must follow bare *");
    }
    return args;
  }

  // ---------------------------------------------------------------- match

  // `match` is a keyword only when the line reads `match <subject>:` NEWLINE.
  bool looks_like_match() {
    Tok next = peek().kind;
    if (!starts_expression(next) && next != Tok::Star) return false;
    for (size_t i = p_ + 1; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.kind == Tok::Newline || t.kind == Tok::EndMarker || t.kind == Tok::Error) return false;
      if (t.kind == Tok::Colon && t.level == 0) {
        return i + 1 < toks_.size() && toks_[i + 1].kind == Tok::Newline;
      }
    }
    return false;
  }

  MONTY_NOINLINE void parse_match(StmtList& out) {
    const Token& start = advance();
    auto s = new_stmt(StmtKind::Match, start);
    // subject: star_named_expression ',' ... | named_expression
    SourceSpan subject_start = span_of(cur());
    ExprPtr first = parse_star_named_expression();
    if (at(Tok::Comma)) {
      auto tup = make(ExprKind::Tuple, subject_start);
      tup->items.push_back(std::move(first));
      while (accept(Tok::Comma)) {
        if (at(Tok::Colon)) break;
        tup->items.push_back(parse_star_named_expression());
      }
      tup->span = span_from(tup->span);
      first = done(std::move(tup));
    } else if (first->kind == ExprKind::Starred) {
      fail_invalid();
    }
    s->a = std::move(first);
    expect_block_colon();
    expect(Tok::Newline);
    if (!at(Tok::Indent)) {
      fail_tok(cur(),
               "expected an indented block after 'match' statement on line " +
                   std::to_string(start.line),
               "IndentationError");
    }
    advance();
    StmtDepth guard(*this, 1);
    while (!at(Tok::Dedent) && !at(Tok::EndMarker)) {
      if (!at_soft_keyword("case")) fail_invalid();
      const Token& c = advance();
      ast::MatchCase mc;
      mc.pattern = parse_patterns();
      if (accept(Tok::KwIf)) mc.guard = parse_named_expression();
      expect_block_colon();
      parse_block(mc.body, "'case' statement", c.line);
      s->cases.push_back(std::move(mc));
    }
    accept(Tok::Dedent);
    end_stmt(*s);
    out.push_back(std::move(s));
  }

  PatternPtr new_pattern(PatternKind k, const Token& start) {
    return std::make_unique<Pattern>(k, span_of(start));
  }
  void end_pattern(Pattern& p) {
    p.span.end_line = last_end_line_;
    p.span.end_col = last_end_col_;
  }

  // patterns: open_sequence_pattern | pattern
  PatternPtr parse_patterns() {
    const Token& start = cur();
    PatternPtr first = parse_maybe_star_pattern();
    if (!at(Tok::Comma)) {
      if (first->kind == PatternKind::MatchStar) fail_invalid();
      return first;
    }
    auto seq = new_pattern(PatternKind::MatchSequence, start);
    seq->patterns.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (at(Tok::Colon) || at(Tok::KwIf)) break;
      seq->patterns.push_back(parse_maybe_star_pattern());
    }
    end_pattern(*seq);
    return seq;
  }

  std::string parse_capture_name() {
    const Token& t = expect(Tok::Name);
    return std::string(text(t));
  }

  PatternPtr parse_maybe_star_pattern() {
    if (at(Tok::Star)) {
      const Token& star = advance();
      auto p = new_pattern(PatternKind::MatchStar, star);
      std::string name = parse_capture_name();
      if (name != "_") p->name = std::move(name);
      end_pattern(*p);
      return p;
    }
    return parse_pattern();
  }

  // pattern: or_pattern ['as' NAME]
  PatternPtr parse_pattern() {
    DepthGuard guard(*this, cur());
    const Token& start = cur();
    PatternPtr p = parse_or_pattern();
    if (at(Tok::KwAs)) {
      advance();
      if (!at(Tok::Name)) fail_tok(cur(), "invalid pattern target");
      const Token& n = advance();
      if (text(n) == "_") fail_tok(n, "cannot use '_' as a target");
      auto as = new_pattern(PatternKind::MatchAs, start);
      as->pattern = std::move(p);
      as->name = std::string(text(n));
      end_pattern(*as);
      return as;
    }
    return p;
  }

  PatternPtr parse_or_pattern() {
    const Token& start = cur();
    PatternPtr first = parse_closed_pattern();
    if (!at(Tok::VBar)) return first;
    auto p = new_pattern(PatternKind::MatchOr, start);
    p->patterns.push_back(std::move(first));
    while (accept(Tok::VBar)) p->patterns.push_back(parse_closed_pattern());
    end_pattern(*p);
    return p;
  }

  // signed_number ['+'|'-' NUMBER]: the value of a literal or complex pattern.
  ExprPtr parse_pattern_number() {
    const Token& start = cur();
    auto signed_number = [&]() {
      const Token& s = cur();
      bool neg = accept(Tok::Minus);
      const Token& n = expect(Tok::Number);
      auto c = make(ExprKind::Constant, span_of(n));
      c->constant = number_constant(text(n));
      if (!neg) return c;
      auto u = make(ExprKind::UnaryOp, span_from(s));
      u->op = Operator::USub;
      u->a = std::move(c);
      return done(std::move(u));
    };
    ExprPtr left = signed_number();
    if (!at(Tok::Plus) && !at(Tok::Minus)) return left;
    Operator op = at(Tok::Plus) ? Operator::Add : Operator::Sub;
    advance();
    const Token& n = expect(Tok::Number);
    auto right = make(ExprKind::Constant, span_of(n));
    right->constant = number_constant(text(n));
    const Expr& real = left->kind == ExprKind::UnaryOp ? *left->a : *left;
    if (real.constant.kind == ConstKind::Imaginary) {
      fail_span(left->span, "real number required in complex literal");
    }
    if (right->constant.kind != ConstKind::Imaginary) {
      fail_span(right->span, "imaginary number required in complex literal");
    }
    auto b = make(ExprKind::BinOp, span_from(start));
    b->op = op;
    b->a = std::move(left);
    b->b = std::move(right);
    return done(std::move(b));
  }

  // A key of a mapping pattern or the value of a literal pattern.
  ExprPtr parse_literal_expr() {
    switch (kind()) {
      case Tok::Number:
      case Tok::Minus:
        return parse_pattern_number();
      case Tok::String: {
        ExprPtr s = parse_strings();
        if (s->kind == ExprKind::JoinedStr) {
          fail_span(s->span, "patterns may only match literals and attribute lookups");
        }
        return s;
      }
      case Tok::KwNone:
      case Tok::KwTrue:
      case Tok::KwFalse:
        return parse_atom();
      case Tok::Name: {
        ExprPtr e = parse_dotted_value();
        if (e->kind == ExprKind::Name) fail_invalid();
        return e;
      }
      default:
        fail_invalid();
    }
  }

  // NAME ('.' NAME)* as a Name or Attribute chain.
  ExprPtr parse_dotted_value() {
    const Token& first = cur();
    ExprPtr e = make_name(expect(Tok::Name));
    while (at(Tok::Dot)) {
      advance();
      const Token& attr = expect(Tok::Name);
      auto a = make(ExprKind::Attribute, span_from(first));
      a->id = std::string(text(attr));
      a->a = std::move(e);
      e = done(std::move(a));
    }
    return e;
  }

  PatternPtr parse_closed_pattern() {
    const Token& start = cur();
    switch (start.kind) {
      case Tok::Number:
      case Tok::Minus:
      case Tok::String: {
        auto p = new_pattern(PatternKind::MatchValue, start);
        p->value = parse_literal_expr();
        end_pattern(*p);
        return p;
      }
      case Tok::KwNone:
      case Tok::KwTrue:
      case Tok::KwFalse: {
        advance();
        auto p = new_pattern(PatternKind::MatchSingleton, start);
        p->constant.kind = start.kind == Tok::KwNone   ? ConstKind::None
                           : start.kind == Tok::KwTrue ? ConstKind::True
                                                       : ConstKind::False;
        end_pattern(*p);
        return p;
      }
      case Tok::Name: {
        Tok next = peek().kind;
        if (next != Tok::Dot && next != Tok::LPar) {
          advance();
          auto p = new_pattern(PatternKind::MatchAs, start);
          if (text(start) != "_") p->name = std::string(text(start));
          end_pattern(*p);
          return p;
        }
        ExprPtr value = parse_dotted_value();
        if (at(Tok::LPar)) return parse_class_pattern(start, std::move(value));
        auto p = new_pattern(PatternKind::MatchValue, start);
        p->value = std::move(value);
        end_pattern(*p);
        return p;
      }
      case Tok::LPar: {
        advance();
        if (accept(Tok::RPar)) {
          auto p = new_pattern(PatternKind::MatchSequence, start);
          end_pattern(*p);
          return p;
        }
        PatternPtr first = parse_maybe_star_pattern();
        if (accept(Tok::RPar)) {
          if (first->kind == PatternKind::MatchStar) {
            auto p = new_pattern(PatternKind::MatchSequence, start);
            p->patterns.push_back(std::move(first));
            end_pattern(*p);
            return p;
          }
          return first;  // a group: (pattern)
        }
        auto p = new_pattern(PatternKind::MatchSequence, start);
        p->patterns.push_back(std::move(first));
        expect(Tok::Comma);
        while (!at(Tok::RPar)) {
          p->patterns.push_back(parse_maybe_star_pattern());
          if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RPar);
        end_pattern(*p);
        return p;
      }
      case Tok::LSqb: {
        advance();
        auto p = new_pattern(PatternKind::MatchSequence, start);
        while (!at(Tok::RSqb)) {
          p->patterns.push_back(parse_maybe_star_pattern());
          if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RSqb);
        end_pattern(*p);
        return p;
      }
      case Tok::LBrace: {
        advance();
        auto p = new_pattern(PatternKind::MatchMapping, start);
        while (!at(Tok::RBrace)) {
          if (accept(Tok::DoubleStar)) {
            p->name = parse_capture_name();
            accept(Tok::Comma);
            if (!at(Tok::RBrace)) fail_invalid();
            break;
          }
          p->keys.push_back(parse_literal_expr());
          expect(Tok::Colon);
          p->patterns.push_back(parse_pattern());
          if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RBrace);
        end_pattern(*p);
        return p;
      }
      default:
        fail_invalid();
    }
  }

  PatternPtr parse_class_pattern(const Token& start, ExprPtr cls) {
    advance();  // '('
    auto p = new_pattern(PatternKind::MatchClass, start);
    p->value = std::move(cls);
    while (!at(Tok::RPar)) {
      if (at(Tok::Name) && peek().kind == Tok::Equal) {
        p->kwd_attrs.emplace_back(text(advance()));
        advance();
        p->kwd_patterns.push_back(parse_pattern());
      } else {
        PatternPtr pos = parse_pattern();
        if (!p->kwd_attrs.empty()) {
          fail_span(pos->span, "positional patterns follow keyword patterns");
        }
        p->patterns.push_back(std::move(pos));
      }
      if (!accept(Tok::Comma)) break;
    }
    expect(Tok::RPar);
    end_pattern(*p);
    return p;
  }

  // ---------------------------------------------------------------- targets

  // CPython's _PyPegen_get_invalid_target: the first sub-expression that
  // cannot be assigned (or deleted), or null when `e` is a valid target.
  static const Expr* invalid_target(const Expr& e, TargetKind k) {
    switch (e.kind) {
      case ExprKind::Name:
      case ExprKind::Attribute:
      case ExprKind::Subscript:
        return nullptr;
      case ExprKind::Starred:
        if (k == TargetKind::Del) return &e;
        return invalid_target(*e.a, k);
      case ExprKind::Tuple:
      case ExprKind::List:
        for (const auto& item : e.items) {
          if (const Expr* bad = invalid_target(*item, k)) return bad;
        }
        return nullptr;
      case ExprKind::Compare:
        // `for x in y` parsed as a comparison: look at the left side.
        if (k == TargetKind::For && e.cmp_ops[0] == CmpOp::In) return invalid_target(*e.a, k);
        return &e;
      default:
        return &e;
    }
  }

  void check_target(const Expr& e, TargetKind k) {
    if (const Expr* bad = invalid_target(e, k)) {
      fail_span(bad->span,
                std::string(k == TargetKind::Del ? "cannot delete " : "cannot assign to ") +
                    expr_name(*bad));
    }
  }

  static void set_ctx(Expr& e, ExprContext ctx) {
    e.ctx = ctx;
    if (e.kind == ExprKind::Starred) set_ctx(*e.a, ctx);
    if (e.kind == ExprKind::Tuple || e.kind == ExprKind::List) {
      for (auto& item : e.items) set_ctx(*item, ctx);
    }
  }

  // A single target: ['*'] bitwise_or (validated by the caller).
  ExprPtr parse_target_elem() {
    if (at(Tok::Star)) {
      const Token& star = advance();
      ExprPtr inner = parse_bitwise_or();
      auto s = make(ExprKind::Starred, span_from(star));
      s->a = std::move(inner);
      return done(std::move(s));
    }
    return parse_bitwise_or();
  }

  // star_targets for `for` loops and comprehensions, stored with Store ctx.
  ExprPtr parse_target_list(TargetKind k) {
    SourceSpan start = span_of(cur());
    ExprPtr first = parse_target_elem();
    if (at(Tok::Comma)) {
      auto tup = make(ExprKind::Tuple, start);
      tup->items.push_back(std::move(first));
      while (accept(Tok::Comma)) {
        if (!starts_expression(kind()) && !at(Tok::Star)) break;
        tup->items.push_back(parse_target_elem());
      }
      tup->span = span_from(tup->span);
      first = done(std::move(tup));
    }
    check_target(*first, k);
    set_ctx(*first, ExprContext::Store);
    return first;
  }

  // ---------------------------------------------------------------- expressions

  // star_expressions: a bare tuple when there are commas.
  ExprPtr parse_star_expressions() {
    SourceSpan start = span_of(cur());
    ExprPtr first = parse_star_expression();
    if (!at(Tok::Comma)) return first;
    auto tup = make(ExprKind::Tuple, start);
    tup->items.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (!starts_expression(kind()) && !at(Tok::Star)) break;
      tup->items.push_back(parse_star_expression());
    }
    tup->span = span_from(tup->span);
    ExprPtr result = done(std::move(tup));
    bare_tuple_ = result.get();
    return result;
  }

  ExprPtr parse_star_expression() {
    if (at(Tok::Star)) {
      const Token& star = advance();
      ExprPtr inner = parse_bitwise_or();
      auto s = make(ExprKind::Starred, span_from(star));
      s->a = std::move(inner);
      return done(std::move(s));
    }
    return parse_expression();
  }

  ExprPtr parse_star_named_expression() {
    if (at(Tok::Star)) return parse_star_expression();
    return parse_named_expression();
  }

  // named_expression: NAME ':=' expression | expression
  ExprPtr parse_named_expression(bool assign_hint = true) {
    if (at(Tok::Name) && peek().kind == Tok::ColonEqual) {
      const Token& name = advance();
      advance();
      ExprPtr target = make_name(name);
      target->ctx = ExprContext::Store;
      ExprPtr value = parse_expression();
      auto e = make(ExprKind::NamedExpr, span_from(name));
      e->a = std::move(target);
      e->b = std::move(value);
      return done(std::move(e));
    }
    ExprPtr e = parse_expression();
    if (at(Tok::ColonEqual)) {
      fail_span(e->span, std::string("cannot use assignment expressions with ") + expr_name(*e));
    }
    if (assign_hint && at(Tok::Equal)) equals_hint(*e);
    return e;
  }

  // CPython's invalid_named_expression: `if x = 1:` and the like, where a
  // single '=' most likely means '=='.
  MONTY_COLD void equals_hint(const Expr& target) {
    size_t save = p_;
    int save_line = last_end_line_, save_col = last_end_col_;
    SourceSpan value;
    try {
      advance();  // '='
      ExprPtr rhs = parse_bitwise_or();
      value = rhs->span;
    } catch (ParseFailure&) {
      p_ = save;
      last_end_line_ = save_line;
      last_end_col_ = save_col;
      return;
    }
    bool chained = at(Tok::Equal) || at(Tok::ColonEqual);
    p_ = save;
    last_end_line_ = save_line;
    last_end_col_ = save_col;
    if (chained) return;
    if (target.kind == ExprKind::Name) {
      fail(std::string("invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
           target.span.line, target.span.col, value.end_line, value.end_col);
    }
    if (here_hint_applies(target)) {
      fail_span(target.span, std::string("cannot assign to ") + expr_name(target) +
                                 " here. Maybe you meant '==' instead of '='?");
    }
  }

  // expression: disjunction ['if' disjunction 'else' expression] | lambdef
  ExprPtr parse_expression() {
    ExprPtr e = parse_expression_no_hint();
    comma_hint(*e);
    return e;
  }

  ExprPtr parse_expression_no_hint() {
    DepthGuard guard(*this, cur());
    if (at(Tok::KwLambda)) return parse_lambda();
    SourceSpan start = span_of(cur());
    ExprPtr body = parse_disjunction();
    if (!at(Tok::KwIf)) return body;
    return parse_ternary_tail(start, std::move(body));
  }

  MONTY_NOINLINE ExprPtr parse_ternary_tail(SourceSpan start, ExprPtr body) {
    advance();
    ExprPtr test = parse_disjunction();
    if (!at(Tok::KwElse)) {
      fail(std::string("expected 'else' after 'if' expression"), body->span.line, body->span.col,
           test->span.end_line, test->span.end_col);
    }
    advance();
    ExprPtr orelse = parse_expression();
    auto e = make(ExprKind::IfExp, span_from(start));
    e->a = std::move(test);
    e->b = std::move(body);
    e->c = std::move(orelse);
    return done(std::move(e));
  }

  // CPython's invalid_expression: inside brackets, two expressions in a row
  // are most likely a missing comma.
  void comma_hint(const Expr& a) {
    if (!starts_expression(toks_[p_].kind) || p_ == 0 || toks_[p_ - 1].level == 0) return;
    comma_hint_slow(a);
  }
  MONTY_COLD void comma_hint_slow(const Expr& a) {
    if (a.kind == ExprKind::Name &&
        (toks_[p_].kind == Tok::String || a.id == "match" || a.id == "case" || a.id == "_")) {
      return;
    }
    size_t save = p_;
    int save_line = last_end_line_, save_col = last_end_col_;
    SourceSpan b;
    try {
      ExprPtr next = parse_expression_no_hint();
      b = next->span;
    } catch (ParseFailure& f) {
      // CPython's parser reading to the end of input inside brackets stops
      // at the tokenizer's error ("'(' was never closed"), which wins.
      if (f.from_lexer) throw;
      p_ = save;
      last_end_line_ = save_line;
      last_end_col_ = save_col;
      return;
    }
    // Its rule then looks at the token after the second expression.
    if (toks_[p_].kind == Tok::Error) raise_lex_error();
    fail(std::string("invalid syntax. Perhaps you forgot a comma?"), a.span.line, a.span.col,
         b.end_line, b.end_col);
  }

  MONTY_NOINLINE ExprPtr parse_lambda() {
    const Token& kw = advance();
    auto args = parse_parameters(Tok::Colon, false);
    expect(Tok::Colon);
    ExprPtr body = parse_expression();
    auto e = make(ExprKind::Lambda, span_from(kw));
    e->args = std::move(args);
    e->a = std::move(body);
    return done(std::move(e));
  }

  ExprPtr parse_disjunction() {
    SourceSpan start = span_of(cur());
    ExprPtr first = parse_conjunction();
    if (!at(Tok::KwOr)) return first;
    auto e = make(ExprKind::BoolOp, start);
    e->op = Operator::Or;
    e->items.push_back(std::move(first));
    while (accept(Tok::KwOr)) e->items.push_back(parse_conjunction());
    e->span = span_from(start);
    return done(std::move(e));
  }

  ExprPtr parse_conjunction() {
    SourceSpan start = span_of(cur());
    ExprPtr first = parse_inversion();
    if (!at(Tok::KwAnd)) return first;
    auto e = make(ExprKind::BoolOp, start);
    e->op = Operator::And;
    e->items.push_back(std::move(first));
    while (accept(Tok::KwAnd)) e->items.push_back(parse_inversion());
    e->span = span_from(start);
    return done(std::move(e));
  }

  // 'not'* comparison, without recursion for long chains of `not`.
  ExprPtr parse_inversion() {
    if (!at(Tok::KwNot)) return parse_comparison();
    return parse_nots();
  }

  MONTY_NOINLINE ExprPtr parse_nots() {
    std::vector<SourceSpan> nots;
    while (at(Tok::KwNot)) {
      nots.push_back(span_of(advance()));
      if (static_cast<int>(nots.size()) > kMaxAstDepth) fail_span(nots.back(), kTooComplex);
    }
    ExprPtr e = parse_comparison();
    for (size_t i = nots.size(); i-- > 0;) {
      auto u = make(ExprKind::UnaryOp, span_from(nots[i]));
      u->op = Operator::Not;
      u->a = std::move(e);
      e = done(std::move(u));
    }
    return e;
  }

  bool comparison_op(CmpOp& op) {
    switch (kind()) {
      case Tok::EqEqual:
        op = CmpOp::Eq;
        break;
      case Tok::NotEqual:
        op = CmpOp::NotEq;
        break;
      case Tok::Less:
        op = CmpOp::Lt;
        break;
      case Tok::LessEqual:
        op = CmpOp::LtE;
        break;
      case Tok::Greater:
        op = CmpOp::Gt;
        break;
      case Tok::GreaterEqual:
        op = CmpOp::GtE;
        break;
      case Tok::KwIn:
        op = CmpOp::In;
        break;
      case Tok::KwIs:
        advance();
        op = accept(Tok::KwNot) ? CmpOp::IsNot : CmpOp::Is;
        return true;
      case Tok::KwNot:
        if (peek().kind != Tok::KwIn) return false;
        advance();
        op = CmpOp::NotIn;
        break;
      default:
        return false;
    }
    advance();
    return true;
  }

  ExprPtr parse_comparison() {
    SourceSpan start = span_of(cur());
    ExprPtr first = parse_bitwise_or();
    CmpOp op;
    if (!comparison_op(op)) return first;
    auto e = make(ExprKind::Compare, start);
    e->a = std::move(first);
    do {
      e->cmp_ops.push_back(op);
      e->items.push_back(parse_bitwise_or());
    } while (comparison_op(op));
    e->span = span_from(start);
    return done(std::move(e));
  }

  // All binary operators from `|` to `*`, by operator precedence with an
  // explicit stack: one native frame however many levels are involved.
  ExprPtr parse_bitwise_or() {
    SourceSpan first_start = span_of(cur());
    ExprPtr first = parse_factor();
    Operator op;
    int prec;
    if (!binary_op(kind(), op, prec)) return first;
    return parse_binary_tail(first_start, std::move(first));
  }

  MONTY_NOINLINE ExprPtr parse_binary_tail(SourceSpan first_start, ExprPtr first) {
    Operator op;
    int prec;
    // Precedences on the stack strictly increase, so 6 levels bound its size.
    constexpr int kLevels = 7;
    // Spans run from the first token of the left operand (which may be a
    // parenthesis) to the last token of the right one, as in CPython.
    ExprPtr operands[kLevels + 1];
    SourceSpan spans[kLevels + 1];
    Operator ops[kLevels];
    int precs[kLevels];
    int n_ops = 0;
    operands[0] = std::move(first);
    spans[0] = span_from(first_start);
    auto reduce = [&]() {
      --n_ops;
      ExprPtr right = std::move(operands[n_ops + 1]);
      ExprPtr left = std::move(operands[n_ops]);
      spans[n_ops] = join(spans[n_ops], spans[n_ops + 1]);
      auto e = make(ExprKind::BinOp, spans[n_ops]);
      e->op = ops[n_ops];
      e->a = std::move(left);
      e->b = std::move(right);
      operands[n_ops] = done(std::move(e));
    };
    while (binary_op(kind(), op, prec)) {
      while (n_ops > 0 && precs[n_ops - 1] >= prec) reduce();
      advance();
      ops[n_ops] = op;
      precs[n_ops] = prec;
      ++n_ops;
      SourceSpan start = span_of(cur());
      operands[n_ops] = parse_factor();
      spans[n_ops] = span_from(start);
    }
    while (n_ops > 0) reduce();
    return std::move(operands[0]);
  }

  // factor: ('+'|'-'|'~')* power, iteratively.
  ExprPtr parse_factor() {
    if (!at(Tok::Plus) && !at(Tok::Minus) && !at(Tok::Tilde)) return parse_power();
    return parse_unary_ops();
  }

  MONTY_NOINLINE ExprPtr parse_unary_ops() {
    std::vector<const Token*> prefix;
    while (at(Tok::Plus) || at(Tok::Minus) || at(Tok::Tilde)) {
      prefix.push_back(&advance());
      if (static_cast<int>(prefix.size()) > kMaxAstDepth) fail_tok(*prefix.back(), kTooComplex);
    }
    ExprPtr e = parse_power();
    for (size_t i = prefix.size(); i-- > 0;) {
      const Token& t = *prefix[i];
      auto u = make(ExprKind::UnaryOp, span_from(t));
      u->op = t.kind == Tok::Plus    ? Operator::UAdd
              : t.kind == Tok::Minus ? Operator::USub
                                     : Operator::Invert;
      u->a = std::move(e);
      e = done(std::move(u));
    }
    return e;
  }

  // power: ['await'] primary ['**' factor]
  ExprPtr parse_power() {
    SourceSpan start = span_of(cur());
    ExprPtr base;
    if (at(Tok::KwAwait)) {
      const Token& aw = advance();
      ExprPtr inner = parse_primary();
      auto e = make(ExprKind::Await, span_from(aw));
      e->a = std::move(inner);
      base = done(std::move(e));
    } else {
      base = parse_primary();
    }
    if (!at(Tok::DoubleStar)) return base;
    return parse_power_tail(start, std::move(base));
  }

  MONTY_NOINLINE ExprPtr parse_power_tail(SourceSpan start, ExprPtr base) {
    DepthGuard guard(*this, advance());
    ExprPtr exponent = parse_factor();
    auto e = make(ExprKind::BinOp, span_from(start));
    e->op = Operator::Pow;
    e->a = std::move(base);
    e->b = std::move(exponent);
    return done(std::move(e));
  }

  ExprPtr parse_primary() {
    const Token& start = cur();
    ExprPtr e = parse_atom();
    for (;;) {
      switch (kind()) {
        case Tok::Dot: {
          advance();
          const Token& name = expect(Tok::Name);
          auto a = make(ExprKind::Attribute, span_from(start));
          a->id = std::string(text(name));
          a->a = std::move(e);
          e = done(std::move(a));
          break;
        }
        case Tok::LPar: {
          const Token& open = advance();
          auto call = make(ExprKind::Call, span_of(start));
          parse_call_arguments(call->items, call->keywords, open, &call);
          expect(Tok::RPar);
          call->span = span_from(start);
          call->a = std::move(e);
          e = done(std::move(call));
          break;
        }
        case Tok::LSqb: {
          advance();
          ExprPtr slice = parse_slices();
          expect(Tok::RSqb);
          auto s = make(ExprKind::Subscript, span_from(start));
          s->a = std::move(e);
          s->b = std::move(slice);
          e = done(std::move(s));
          break;
        }
        default:
          return e;
      }
    }
  }

  // Arguments of a call or class definition, up to (not including) ')'.
  // `call` is set for calls, where a lone generator expression is allowed.
  MONTY_NOINLINE void parse_call_arguments(std::vector<ExprPtr>& args,
                                           std::vector<ast::Keyword>& keywords, const Token& open,
                                           ExprPtr* call) {
    bool seen_keyword = false, seen_kwunpack = false;
    while (!at(Tok::RPar)) {
      const Token& start = cur();
      if (at(Tok::Star)) {
        // In calls `*` takes a whole expression: f(*a or b).
        const Token& star = advance();
        ExprPtr value = parse_expression();
        auto s = make(ExprKind::Starred, span_from(star));
        s->a = std::move(value);
        s = done(std::move(s));
        if (seen_kwunpack) {
          fail(std::string("iterable argument unpacking follows keyword argument unpacking"),
               s->span.line, s->span.col, s->span.line, s->span.col + 1);
        }
        args.push_back(std::move(s));
      } else if (at(Tok::DoubleStar)) {
        advance();
        ast::Keyword k;
        k.value = parse_expression();
        k.span = span_from(start);
        keywords.push_back(std::move(k));
        seen_kwunpack = true;
      } else if (at(Tok::Name) && peek().kind == Tok::Equal) {
        const Token& name = advance();
        advance();
        ast::Keyword k;
        k.arg = std::string(text(name));
        k.value = parse_expression();
        k.span = span_from(start);
        for (const auto& other : keywords) {
          if (other.arg == k.arg) fail_span(k.span, "keyword argument repeated: " + k.arg);
        }
        keywords.push_back(std::move(k));
        seen_keyword = true;
      } else {
        ExprPtr e = parse_named_expression(false);
        if (at(Tok::Equal)) {
          if (e->kind == ExprKind::Constant &&
              (e->constant.kind == ConstKind::True || e->constant.kind == ConstKind::False ||
               e->constant.kind == ConstKind::None)) {
            fail_span(join(e->span, span_of(cur())),
                      std::string("cannot assign to ") + expr_name(*e));
          }
          fail_span(join(e->span, span_of(cur())),
                    "expression cannot contain assignment, perhaps you meant \"==\"?");
        }
        if (at(Tok::KwFor) || at(Tok::KwAsync)) {
          if (!call) fail_invalid();
          auto gen = make(ExprKind::GeneratorExp, e->span);
          gen->a = std::move(e);
          parse_comprehension_clauses(gen->generators);
          gen->span = span_from(gen->span);
          if (!args.empty() || !keywords.empty() || at(Tok::Comma)) {
            fail_span(gen->span, "Generator expression must be parenthesized");
          }
          // A lone generator argument spans the call's parentheses.
          gen->span = {open.line, open.col, cur().end_line, cur().end_col};
          args.push_back(done(std::move(gen)));
          return;
        }
        // CPython reports these where its parser stood: the next token.
        if (seen_kwunpack) {
          fail_tok(cur(), "positional argument follows keyword argument unpacking");
        }
        if (seen_keyword) fail_tok(cur(), "positional argument follows keyword argument");
        args.push_back(std::move(e));
      }
      if (!accept(Tok::Comma)) break;
    }
  }

  // slices: slice | (slice | starred)+ as a Tuple
  MONTY_NOINLINE ExprPtr parse_slices() {
    const Token& start = cur();
    ExprPtr first = parse_slice();
    if (!at(Tok::Comma) && first->kind != ExprKind::Starred) return first;
    auto tup = make(ExprKind::Tuple, span_of(start));
    tup->items.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (at(Tok::RSqb)) break;
      tup->items.push_back(parse_slice());
    }
    tup->span = span_from(start);
    return done(std::move(tup));
  }

  ExprPtr parse_slice() {
    const Token& start = cur();
    if (at(Tok::Star)) return parse_star_expression();
    ExprPtr lower;
    if (!at(Tok::Colon)) {
      lower = parse_named_expression();
      if (!at(Tok::Colon)) return lower;
    }
    advance();  // ':'
    auto s = make(ExprKind::Slice, span_of(start));
    s->a = std::move(lower);
    if (!at(Tok::Colon) && !at(Tok::Comma) && !at(Tok::RSqb)) s->b = parse_expression();
    if (accept(Tok::Colon)) {
      if (!at(Tok::Comma) && !at(Tok::RSqb)) s->c = parse_expression();
    }
    s->span = span_from(start);
    return done(std::move(s));
  }

  // ('async'? 'for' targets 'in' disjunction ('if' disjunction)*)+
  void parse_comprehension_clauses(std::vector<ast::Comprehension>& gens) {
    while (at(Tok::KwFor) || (at(Tok::KwAsync) && peek().kind == Tok::KwFor)) {
      ast::Comprehension c;
      c.is_async = accept(Tok::KwAsync);
      advance();  // 'for'
      c.target = parse_target_list(TargetKind::For);
      // CPython's invalid_for_target reparses the target as an expression,
      // so `[x for v i]` gets invalid_expression's missing-comma hint.
      if (!at(Tok::KwIn)) comma_hint(*c.target);
      expect(Tok::KwIn);
      c.iter = parse_disjunction();
      while (accept(Tok::KwIf)) c.ifs.push_back(parse_disjunction());
      gens.push_back(std::move(c));
    }
  }

  MONTY_NOINLINE ExprPtr parse_yield() {
    const Token& kw = advance();
    if (accept(Tok::KwFrom)) {
      ExprPtr v = parse_expression();
      auto e = make(ExprKind::YieldFrom, span_from(kw));
      e->a = std::move(v);
      return done(std::move(e));
    }
    auto e = make(ExprKind::Yield, span_of(kw));
    if (starts_expression(kind()) || at(Tok::Star)) e->a = parse_star_expressions();
    e->span = span_from(kw);
    return done(std::move(e));
  }

  ExprPtr constant(const Token& t, ConstKind k) {
    auto e = make(ExprKind::Constant, span_of(t));
    e->constant.kind = k;
    return e;
  }

  ExprPtr parse_atom() {
    const Token& t = cur();
    switch (t.kind) {
      case Tok::Name:
        advance();
        return make_name(t);
      case Tok::KwTrue:
        advance();
        return constant(t, ConstKind::True);
      case Tok::KwFalse:
        advance();
        return constant(t, ConstKind::False);
      case Tok::KwNone:
        advance();
        return constant(t, ConstKind::None);
      case Tok::Ellipsis:
        advance();
        return constant(t, ConstKind::Ellipsis);
      case Tok::Number: {
        advance();
        auto e = make(ExprKind::Constant, span_of(t));
        e->constant = number_constant(text(t));
        return e;
      }
      case Tok::String:
        return parse_strings();
      case Tok::LPar:
        return parse_paren();
      case Tok::LSqb:
        return parse_list();
      case Tok::LBrace:
        return parse_brace();
      default:
        fail_invalid();
    }
  }

  // Closing bracket of a display: anything else is a syntax error.
  void expect_close(Tok close) {
    if (!at(close)) fail_invalid();
    advance();
  }

  MONTY_NOINLINE ExprPtr parse_paren() {
    const Token& open = advance();
    if (at(Tok::RPar)) {
      advance();
      return make(ExprKind::Tuple, span_from(open));
    }
    if (at(Tok::KwYield)) {
      ExprPtr y = parse_yield();
      expect_close(Tok::RPar);
      return y;
    }
    ExprPtr first = parse_star_named_expression();
    if (at(Tok::KwFor) || at(Tok::KwAsync)) {
      if (first->kind == ExprKind::Starred) {
        fail_span(first->span, "iterable unpacking cannot be used in comprehension");
      }
      auto gen = make(ExprKind::GeneratorExp, span_of(open));
      gen->a = std::move(first);
      parse_comprehension_clauses(gen->generators);
      expect_close(Tok::RPar);
      gen->span = span_from(open);
      return done(std::move(gen));
    }
    if (!at(Tok::Comma)) {
      expect_close(Tok::RPar);
      if (first->kind == ExprKind::Starred) {
        fail_span(first->span, "cannot use starred expression here");
      }
      return first;  // a parenthesized expression keeps its own span
    }
    auto tup = make(ExprKind::Tuple, span_of(open));
    tup->items.push_back(std::move(first));
    while (accept(Tok::Comma)) {
      if (at(Tok::RPar)) break;
      tup->items.push_back(parse_star_named_expression());
    }
    expect_close(Tok::RPar);
    tup->span = span_from(open);
    return done(std::move(tup));
  }

  MONTY_NOINLINE ExprPtr parse_list() {
    const Token& open = advance();
    auto list = make(ExprKind::List, span_of(open));
    if (!at(Tok::RSqb)) {
      ExprPtr first = parse_star_named_expression();
      if (at(Tok::KwFor) || at(Tok::KwAsync)) {
        if (first->kind == ExprKind::Starred) {
          fail_span(first->span, "iterable unpacking cannot be used in comprehension");
        }
        auto comp = make(ExprKind::ListComp, span_of(open));
        comp->a = std::move(first);
        parse_comprehension_clauses(comp->generators);
        expect_close(Tok::RSqb);
        comp->span = span_from(open);
        return done(std::move(comp));
      }
      list->items.push_back(std::move(first));
      while (accept(Tok::Comma)) {
        if (at(Tok::RSqb)) break;
        list->items.push_back(parse_star_named_expression());
      }
    }
    expect_close(Tok::RSqb);
    list->span = span_from(open);
    return done(std::move(list));
  }

  MONTY_NOINLINE ExprPtr parse_brace() {
    const Token& open = advance();
    if (at(Tok::RBrace)) {
      advance();
      return make(ExprKind::Dict, span_from(open));
    }
    // A dict starts with `**x` or `key:`; a set with anything else.
    bool is_dict = false;
    ExprPtr first_key, first_value;
    const Token& first_tok = cur();
    if (at(Tok::DoubleStar)) {
      advance();
      first_value = parse_bitwise_or();
      is_dict = true;
    } else {
      first_key = parse_star_named_expression();
      if (at(Tok::Colon) && first_key->kind != ExprKind::Starred) {
        advance();
        first_value = parse_expression();
        is_dict = true;
      }
    }
    if (is_dict) {
      if (at(Tok::KwFor) || at(Tok::KwAsync)) {
        if (!first_key) {
          fail(std::string("dict unpacking cannot be used in dict comprehension"), first_tok.line,
               first_tok.col, first_value->span.end_line, first_value->span.end_col);
        }
        auto comp = make(ExprKind::DictComp, span_of(open));
        comp->a = std::move(first_key);
        comp->b = std::move(first_value);
        parse_comprehension_clauses(comp->generators);
        expect_close(Tok::RBrace);
        comp->span = span_from(open);
        return done(std::move(comp));
      }
      auto dict = make(ExprKind::Dict, span_of(open));
      dict->items.push_back(std::move(first_key));
      dict->values.push_back(std::move(first_value));
      while (accept(Tok::Comma)) {
        if (at(Tok::RBrace)) break;
        if (accept(Tok::DoubleStar)) {
          dict->items.push_back(nullptr);
          dict->values.push_back(parse_bitwise_or());
          continue;
        }
        ExprPtr key = parse_expression();
        if (!at(Tok::Colon)) {
          if (at(Tok::Comma) || at(Tok::RBrace)) {
            fail(std::string("':' expected after dictionary key"), key->span.line, key->span.col,
                 key->span.line, -1);
          }
          fail_invalid();
        }
        advance();
        dict->items.push_back(std::move(key));
        dict->values.push_back(parse_expression());
      }
      expect_close(Tok::RBrace);
      dict->span = span_from(open);
      return done(std::move(dict));
    }
    if (at(Tok::KwFor) || at(Tok::KwAsync)) {
      if (first_key->kind == ExprKind::Starred) {
        fail_span(first_key->span, "iterable unpacking cannot be used in comprehension");
      }
      auto comp = make(ExprKind::SetComp, span_of(open));
      comp->a = std::move(first_key);
      parse_comprehension_clauses(comp->generators);
      expect_close(Tok::RBrace);
      comp->span = span_from(open);
      return done(std::move(comp));
    }
    auto set = make(ExprKind::Set, span_of(open));
    set->items.push_back(std::move(first_key));
    while (accept(Tok::Comma)) {
      if (at(Tok::RBrace)) break;
      set->items.push_back(parse_star_named_expression());
    }
    expect_close(Tok::RBrace);
    set->span = span_from(open);
    return done(std::move(set));
  }

  // ---------------------------------------------------------------- strings

  std::string_view string_body(const Token& t) const {
    size_t b = t.start + t.prefix_len + t.quote_len;
    size_t e = t.end - t.quote_len;
    return src_.substr(b, e - b);
  }

  // Adjacent string literals, concatenated; f-strings make a JoinedStr.
  MONTY_NOINLINE ExprPtr parse_strings() {
    const Token& first = cur();
    std::vector<const Token*> parts;
    while (at(Tok::String)) parts.push_back(&advance());
    // Errors about the literal's contents are reported where CPython's parser
    // stood: at the token after the strings.
    err_tok_ = cur();
    bool any_bytes = false, any_text = false, any_f = false;
    for (const Token* t : parts) {
      ((t->str_flags & kStrBytes) ? any_bytes : any_text) = true;
      any_f |= (t->str_flags & kStrFormat) != 0;
    }
    if (any_bytes && any_text) fail_tok(err_tok_, "cannot mix bytes and nonbytes literals");
    SourceSpan span = span_from(first);
    if (!any_f) {
      auto e = make(ExprKind::Constant, span);
      e->constant.kind = any_bytes ? ConstKind::Bytes : ConstKind::Str;
      for (const Token* t : parts) decode_plain(*t, e->constant.text);
      return e;
    }
    auto joined = make(ExprKind::JoinedStr, span);
    std::string lit;
    for (const Token* t : parts) {
      if (t->str_flags & kStrFormat) {
        parse_fstring(*t, lit, joined->items, span);
      } else {
        decode_plain(*t, lit);
      }
    }
    flush_literal(lit, joined->items, span);
    return done(std::move(joined));
  }

  void decode_plain(const Token& t, std::string& out) {
    std::string_view body = string_body(t);
    bool bytes = (t.str_flags & kStrBytes) != 0;
    if (bytes) {
      for (char c : body) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          fail_tok(t, "bytes can only contain ASCII literal characters");
        }
      }
    }
    if (auto err = decode_string_body(body, (t.str_flags & kStrRaw) != 0, bytes, out)) {
      fail_tok(err_tok_, *err);
    }
  }

  void flush_literal(std::string& lit, std::vector<ExprPtr>& parts, const SourceSpan& span) {
    if (lit.empty()) return;
    auto c = make(ExprKind::Constant, span);
    c->constant.kind = ConstKind::Str;
    c->constant.text = std::move(lit);
    lit.clear();
    parts.push_back(std::move(c));
  }

  // Tracks line numbers while scanning an f-string body, for the positions
  // of the embedded expressions.
  struct LineCursor {
    size_t pos;
    int line;
    size_t line_start;
  };
  void advance_cursor(LineCursor& lc, size_t to) const {
    for (; lc.pos < to; ++lc.pos) {
      char c = src_[lc.pos];
      if (c == '\n' || (c == '\r' && (lc.pos + 1 >= src_.size() || src_[lc.pos + 1] != '\n'))) {
        ++lc.line;
        lc.line_start = lc.pos + 1;
      }
    }
  }

  int col_at(size_t line_start, size_t pos) const {
    return count_code_points(src_.substr(line_start, pos - line_start));
  }

  [[noreturn]] void fstring_error(const std::string& msg) { fail_tok(err_tok_, msg); }

  void parse_fstring(const Token& t, std::string& lit, std::vector<ExprPtr>& parts,
                     const SourceSpan& span) {
    size_t b = t.start + t.prefix_len + t.quote_len;
    size_t e = t.end - t.quote_len;
    size_t ls = t.start;
    while (ls > 0 && src_[ls - 1] != '\n' && src_[ls - 1] != '\r') --ls;
    LineCursor lc{t.start, t.line, ls};
    token_span_ = span_of(t);
    size_t s = b;
    fstring_parts(s, e, (t.str_flags & kStrRaw) != 0, 0, lit, parts, span, lc);
  }

  // CPython's fstring_find_literal + fstring_find_expr loop. `lvl` is 0 for
  // the string itself and 1 inside a format spec (where '}' ends the spec).
  void fstring_parts(size_t& s, size_t end, bool raw, int lvl, std::string& lit,
                     std::vector<ExprPtr>& parts, const SourceSpan& span, LineCursor& lc) {
    while (s < end) {
      std::string chunk;
      while (s < end) {
        char ch = src_[s];
        if (!raw && ch == '\\' && s + 1 < end) {
          chunk += ch;
          ch = src_[++s];
          if (ch == 'N' && s + 1 < end && src_[s + 1] == '{') {
            fstring_error("(unicode error) \\N escapes are not supported");
          }
          if (ch != '{' && ch != '}') {
            chunk += ch;
            ++s;
            continue;
          }
        }
        if (ch == '{' || ch == '}') {
          if (lvl == 0 && s + 1 < end && src_[s + 1] == ch) {
            chunk += ch;
            s += 2;
            continue;
          }
          if (lvl == 0 && ch == '}') fstring_error("f-string: single '}' is not allowed");
          break;
        }
        chunk += ch;
        ++s;
      }
      if (auto err = decode_string_body(chunk, raw, false, lit)) fstring_error(*err);
      if (s >= end) return;
      if (src_[s] == '}') return;  // end of a format spec (lvl 1)
      ++s;                         // '{'
      fstring_field(s, end, raw, lvl, lit, parts, span, lc);
    }
  }

  void fstring_field(size_t& s, size_t end, bool raw, int lvl, std::string& lit,
                     std::vector<ExprPtr>& parts, const SourceSpan& span, LineCursor& lc) {
    if (lvl >= 2) fstring_error("f-string: expressions nested too deeply");
    size_t expr_start = s;
    // Find the end of the expression: track nested strings and brackets.
    char quote = 0;
    int quote_size = 0, end_quotes = 0;
    std::string brackets;
    for (; s < end; ++s) {
      char ch = src_[s];
      if (ch == '\\') fstring_error("f-string expression part cannot include a backslash");
      if (quote) {
        if (ch == quote) {
          if (quote_size == 3) {
            if (++end_quotes == 3) quote = 0;
          } else {
            quote = 0;
          }
        } else {
          end_quotes = 0;
        }
        continue;
      }
      if (ch == '\'' || ch == '"') {
        if (s + 2 < end && src_[s + 1] == ch && src_[s + 2] == ch) {
          quote_size = 3;
          s += 2;
        } else {
          quote_size = 1;
        }
        quote = ch;
        end_quotes = 0;
        continue;
      }
      if (ch == '[' || ch == '{' || ch == '(') {
        if (brackets.size() >= 200) fstring_error("f-string: too many nested parenthesis");
        brackets += ch;
        continue;
      }
      if (ch == '#') fstring_error("f-string expression part cannot include '#'");
      if (brackets.empty() &&
          (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
        // `!=`, `==`, `<=`, `>=` are operators, not the end of the expression.
        if (s + 1 < end && src_[s + 1] == '=' && ch != ':' && ch != '}') {
          ++s;
          continue;
        }
        if (ch == '>' || ch == '<') continue;
        break;
      }
      if (ch == ']' || ch == '}' || ch == ')') {
        if (brackets.empty()) fstring_error(std::string("f-string: unmatched '") + ch + "'");
        char open = brackets.back();
        brackets.pop_back();
        if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') ||
              (open == '{' && ch == '}'))) {
          fstring_error(std::string("f-string: closing parenthesis '") + ch +
                        "' does not match opening parenthesis '" + open + "'");
        }
      }
    }
    size_t expr_end = s;
    if (quote) fstring_error("f-string: unterminated string");
    if (!brackets.empty()) {
      fstring_error(std::string("f-string: unmatched '") + brackets.back() + "'");
    }
    if (s >= end) fstring_error("f-string: expecting '}'");
    bool blank = true;
    for (size_t i = expr_start; i < expr_end; ++i) {
      char c = src_[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') blank = false;
    }
    if (blank) fstring_error("f-string: empty expression not allowed");
    advance_cursor(lc, expr_start);
    ExprPtr value = parse_fstring_expression(expr_start, expr_end, lc.line, lc.line_start);

    auto fv = make(ExprKind::FormattedValue, span);
    if (src_[s] == '=') {
      // Self-documenting `{expr=}`: the source text (with the whitespace
      // around '=') becomes a literal before the value.
      ++s;
      while (s < end && (src_[s] == ' ' || src_[s] == '\t' || src_[s] == '\n' || src_[s] == '\r' ||
                         src_[s] == '\f' || src_[s] == '\v')) {
        ++s;
      }
      if (s >= end) fstring_error("f-string: expecting '}'");
      lit.append(src_.substr(expr_start, s - expr_start));
      fv->conversion = -2;  // marker: debug form, resolved below
    }
    if (src_[s] == '!') {
      ++s;
      if (s >= end) fstring_error("f-string: expecting '}'");
      char conv = src_[s++];
      if (conv != 's' && conv != 'r' && conv != 'a') {
        fstring_error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      fv->conversion = conv;
    }
    if (s >= end) fstring_error("f-string: expecting '}'");
    if (src_[s] == ':') {
      ++s;
      // CPython gives a format spec the span of its own string token, not
      // of the whole implicit concatenation.
      auto spec = make(ExprKind::JoinedStr, token_span_);
      std::string spec_lit;
      fstring_parts(s, end, raw, lvl + 1, spec_lit, spec->items, token_span_, lc);
      flush_literal(spec_lit, spec->items, token_span_);
      fv->b = done(std::move(spec));
    }
    if (s >= end || src_[s] != '}') fstring_error("f-string: expecting '}'");
    ++s;
    if (fv->conversion == -2) fv->conversion = fv->b ? -1 : 'r';
    flush_literal(lit, parts, span);
    fv->a = std::move(value);
    parts.push_back(done(std::move(fv)));
  }

  // Parses source[b, e) — the expression inside `{...}` — with its own token
  // stream, positions in the real file, and "f-string: " on error messages.
  ExprPtr parse_fstring_expression(size_t b, size_t e, int line, size_t line_start) {
    Lexer lexer(src_, b, e, line, line_start);
    std::vector<Token> sub;
    lexer.tokenize(sub);
    std::optional<LexError> sub_error = lexer.error();
    struct Swap {
      Parser& p;
      std::vector<Token> toks;
      size_t pos;
      const LexError* err;
      std::string prefix;
      Token err_tok;
      int end_line, end_col;
      ~Swap() {
        p.toks_ = std::move(toks);
        p.p_ = pos;
        p.lex_error_ = err;
        p.msg_prefix_ = std::move(prefix);
        p.err_tok_ = err_tok;
        p.last_end_line_ = end_line;
        p.last_end_col_ = end_col;
      }
    } swap{*this,    std::move(toks_), p_,           lex_error_, msg_prefix_,
           err_tok_, last_end_line_,   last_end_col_};
    toks_ = std::move(sub);
    p_ = 0;
    lex_error_ = sub_error ? &*sub_error : nullptr;
    msg_prefix_ = "f-string: ";
    ExprPtr value = at(Tok::KwYield) ? parse_yield() : parse_star_expressions();
    if (!at(Tok::EndMarker)) fail_invalid();
    if (is_unparenthesized_tuple(*value)) {
      // CPython parses the text as "(expr)", so a bare tuple spans from the
      // '{' to the character after the expression.
      value->span.line = line;
      value->span.col = col_at(line_start, b) - 1;
      value->span.end_line = last_end_line_;
      value->span.end_col = last_end_col_ + 1;
    }
    return value;
  }

  std::string_view src_;
  std::vector<Token> toks_;
  size_t p_ = 0;
  size_t furthest_ = 0;
  std::optional<LexError> module_lex_error_;
  const LexError* lex_error_ = nullptr;  // error of the token stream being parsed
  std::string msg_prefix_;
  Token err_tok_;
  int last_end_line_ = 1, last_end_col_ = 0;
  int depth_ = 0;
  int stmt_depth_ = 0;
  const Expr* bare_tuple_ = nullptr;
  SourceSpan token_span_;  // the f-string token being parsed
};

}  // namespace

ParseResult parse_module(std::string_view source) {
  try {
    Parser parser(source);
    return parser.run();
  } catch (const std::bad_alloc&) {
    ParseResult r;
    SyntaxErrorInfo e;
    e.type = "MemoryError";
    e.message = "out of memory while parsing";
    r.error = e;
    return r;
  }
}

std::string format_syntax_error(const SyntaxErrorInfo& err, std::string_view filename) {
  std::string out = "  File \"";
  out += filename;
  out += "\", line ";
  out += std::to_string(err.line);
  out += '\n';
  std::string_view text = err.source_line;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  size_t strip = 0;
  while (strip < text.size() &&
         (text[strip] == ' ' || text[strip] == '\t' || text[strip] == '\f')) {
    ++strip;
  }
  std::string_view shown = text.substr(strip);
  if (!shown.empty() || err.has_source_line) {
    out += "    ";
    out += shown;
    out += '\n';
    // Like Python's traceback module: carets from offset to end_offset (one
    // caret when the end is unknown), in code points.
    int spaces = count_code_points(text.substr(0, strip));
    int offset = err.col;
    int end = err.end_col;
    // A range that goes on to later lines is underlined to the end of this
    // one (CPython's printer); a single caret for indentation errors.
    if (err.end_line > err.line) end = count_code_points(text) + 1;
    if (end <= offset || err.type != "SyntaxError") end = offset + 1;
    int colno = offset - 1 - spaces;
    int end_colno = end - 1 - spaces;
    int len = count_code_points(shown);
    if (colno >= 0) {
      if (colno > len) colno = len;
      if (end_colno > len + 1) end_colno = len + 1;
      if (end_colno <= colno) end_colno = colno + 1;
      out += "    ";
      // Keep tabs so the caret lines up with the shown text.
      int cp = 0;
      for (size_t i = 0; i < shown.size() && cp < colno; ++i) {
        unsigned char c = static_cast<unsigned char>(shown[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += (c == '\t' || c == '\f') ? static_cast<char>(c) : ' ';
        ++cp;
      }
      out.append(static_cast<size_t>(end_colno - colno), '^');
      out += '\n';
    }
  }
  out += err.type;
  out += ": ";
  out += err.message;
  out += '\n';
  return out;
}

}  // namespace monty::syntax

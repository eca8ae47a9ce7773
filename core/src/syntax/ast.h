// The abstract syntax tree produced by the parser and consumed by the compiler.
//
// The shape follows CPython's `ast` module closely (same node names, same
// fields), so that CPython's documentation is the reference for what each node
// means. Nodes own their children through unique_ptr; the tree is built once,
// compiled once, and dropped. Every node carries the source span it came from,
// which the compiler turns into the line table used by tracebacks.
//
// Invariant: the parser bounds nesting depth (see kMaxNestingDepth in
// parser.h), so recursive walks over this tree (compiler, symbol table) cannot
// overflow the native stack.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace monty::ast {

struct SourceSpan {
  int line = 0;      // 1-based
  int col = 0;       // 0-based, in code points
  int end_line = 0;  // 1-based
  int end_col = 0;   // 0-based, exclusive
};

enum class ExprKind : uint8_t {
  Name,            // id
  Constant,        // constant
  JoinedStr,       // f-string: items = parts (Constant str or FormattedValue)
  FormattedValue,  // a = value, conversion, b = format_spec (JoinedStr) or null
  BinOp,           // a op b
  UnaryOp,         // op a
  BoolOp,          // op(and/or) items (>= 2 values)
  Compare,         // a, cmp_ops[i] items[i]
  Call,            // a = func, items = positional args (may hold Starred), keywords
  Attribute,       // a . id
  Subscript,       // a [ b ]
  Slice,           // a : b : c (each may be null); only inside Subscript
  Starred,         // * a
  List,            // items
  Tuple,           // items
  Set,             // items
  Dict,            // items = keys (null key means `**value`), values
  ListComp,        // a = element, generators
  SetComp,         // a = element, generators
  DictComp,        // a = key, b = value, generators
  GeneratorExp,    // a = element, generators
  Lambda,          // args, a = body
  IfExp,           // a = test, b = body, c = orelse   (b if a else c)
  NamedExpr,       // a = target (Name), b = value   (a := b)
  Yield,           // a = value or null
  YieldFrom,       // a = value
  Await,           // a = value (parsed so the error can name it; not supported)
};

enum class ExprContext : uint8_t { Load, Store, Del };

enum class Operator : uint8_t {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd,
  FloorDiv,
  // unary
  Invert,
  Not,
  UAdd,
  USub,
  // boolean
  And,
  Or,
};

enum class CmpOp : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

enum class ConstKind : uint8_t {
  None,
  True,
  False,
  Ellipsis,
  Int,
  BigInt,
  Float,
  Imaginary,
  Str,
  Bytes
};

struct Constant {
  ConstKind kind = ConstKind::None;
  int64_t int_value = 0;   // Int: fits in int64
  double float_value = 0;  // Float / Imaginary
  int int_base = 10;       // BigInt: base of the digits in `text` (2, 8, 10, 16)
  // BigInt: digits (no sign, no underscores, no 0x/0o/0b prefix) of an
  // integer literal that does not fit in int64, in base `int_base`.
  // Str: UTF-8 text with escapes processed. Bytes: raw bytes.
  std::string text;
};

struct Expr;
struct Stmt;
struct Pattern;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using PatternPtr = std::unique_ptr<Pattern>;
using StmtList = std::vector<StmtPtr>;

struct Keyword {
  std::string arg;  // empty for `**value`
  ExprPtr value;
  SourceSpan span;
};

struct Arg {
  std::string name;
  ExprPtr annotation;  // may be null; evaluated? no: annotations are parsed and ignored
  SourceSpan span;
};

// Parameters of a def or lambda, as in CPython's ast.arguments.
struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  std::unique_ptr<Arg> vararg;  // *args, may be null
  std::vector<Arg> kwonlyargs;
  std::vector<ExprPtr> kw_defaults;  // same length as kwonlyargs; null = no default
  std::unique_ptr<Arg> kwarg;        // **kwargs, may be null
  std::vector<ExprPtr> defaults;     // defaults of the last N of posonlyargs+args
};

struct Comprehension {
  ExprPtr target;  // Store context
  ExprPtr iter;
  std::vector<ExprPtr> ifs;
  bool is_async = false;
};

struct Expr {
  ExprKind kind;
  SourceSpan span;
  ExprContext ctx = ExprContext::Load;    // Name, Attribute, Subscript, Starred, List, Tuple
  Operator op = Operator::Add;            // BinOp, UnaryOp, BoolOp
  int conversion = -1;                    // FormattedValue: -1, 's', 'r', 'a'
  std::string id;                         // Name: identifier; Attribute: attribute name
  Constant constant;                      // Constant
  ExprPtr a, b, c;                        // see ExprKind comments
  std::vector<ExprPtr> items;             // see ExprKind comments
  std::vector<ExprPtr> values;            // Dict values
  std::vector<CmpOp> cmp_ops;             // Compare
  std::vector<Keyword> keywords;          // Call
  std::vector<Comprehension> generators;  // comprehensions
  std::unique_ptr<Arguments> args;        // Lambda
  // Added by the parser (additive): height of this subtree (a leaf is 1). The
  // parser rejects trees taller than syntax::kMaxAstDepth, which bounds the
  // recursion of every walk over expressions, including their destructors.
  int height = 1;

  Expr(ExprKind k, SourceSpan s) : kind(k), span(s) {}
};

enum class StmtKind : uint8_t {
  Expr,       // value (a)
  Assign,     // targets (items, >= 1, chained a = b = c), value (a)
  AugAssign,  // target (b), op, value (a)
  AnnAssign,  // target (b), annotation (c), value (a) or null, simple
  Delete,     // targets (items)
  Pass,
  Break,
  Continue,
  Return,       // value (a) or null
  Raise,        // exc (a) or null, cause (b) or null
  Global,       // names
  Nonlocal,     // names
  If,           // test (a), body, orelse
  While,        // test (a), body, orelse
  For,          // target (b), iter (a), body, orelse
  Try,          // body, handlers, orelse, finalbody
  With,         // withitems, body
  FunctionDef,  // name, args, body, decorators, returns (c) or null
  ClassDef,     // name, bases (items), keywords, body, decorators
  Import,       // aliases
  ImportFrom,   // module, aliases, level
  Assert,       // test (a), msg (b) or null
  Match,        // subject (a), cases
};

struct Alias {
  std::string name;    // dotted name for Import; plain name (or "*") for ImportFrom
  std::string asname;  // empty if none
  SourceSpan span;
};

struct ExceptHandler {
  ExprPtr type;      // null for bare `except:`
  std::string name;  // empty if no `as`
  StmtList body;
  SourceSpan span;
};

struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // null if no `as`
};

enum class PatternKind : uint8_t {
  MatchValue,      // value (Constant, or dotted Attribute/Name lookup, or negative/complex number)
  MatchSingleton,  // constant: None/True/False
  MatchSequence,   // patterns (one may be MatchStar)
  MatchMapping,    // keys (exprs), patterns, rest (name or empty)
  MatchClass,      // cls (expr), patterns, kwd_attrs, kwd_patterns
  MatchStar,       // name (empty for `*_`)
  MatchAs,         // pattern (may be null), name (empty = wildcard `_`)
  MatchOr,         // patterns
};

struct Pattern {
  PatternKind kind;
  SourceSpan span;
  ExprPtr value;                         // MatchValue: the value expression; MatchClass: cls
  Constant constant;                     // MatchSingleton
  std::vector<PatternPtr> patterns;      // Sequence, Mapping values, Class positional, Or
  std::vector<ExprPtr> keys;             // MatchMapping keys
  std::vector<std::string> kwd_attrs;    // MatchClass
  std::vector<PatternPtr> kwd_patterns;  // MatchClass
  std::string name;                      // MatchAs / MatchStar capture name, MatchMapping rest
  PatternPtr pattern;                    // MatchAs sub-pattern (null for plain capture / wildcard)

  Pattern(PatternKind k, SourceSpan s) : kind(k), span(s) {}
};

struct MatchCase {
  PatternPtr pattern;
  ExprPtr guard;  // may be null
  StmtList body;
};

struct Stmt {
  StmtKind kind;
  SourceSpan span;
  ExprPtr a, b, c;                 // see StmtKind comments
  Operator op = Operator::Add;     // AugAssign
  bool simple = false;             // AnnAssign: target is a plain name
  bool is_async = false;           // async def/for/with (rejected by the compiler)
  std::vector<ExprPtr> items;      // Assign targets, Delete targets, ClassDef bases
  std::vector<Keyword> keywords;   // ClassDef keywords
  std::vector<std::string> names;  // Global / Nonlocal
  std::string name;                // FunctionDef / ClassDef name (__name__, __qualname__)
  // FunctionDef / ClassDef: the name bound in the enclosing scope: `name`, or
  // its private mangling (_C__name) inside class C (compiler/mangle.h).
  std::string bind_name;
  std::string module;               // ImportFrom module (may be empty with level > 0)
  int level = 0;                    // ImportFrom relative level
  std::vector<Alias> aliases;       // Import / ImportFrom
  std::unique_ptr<Arguments> args;  // FunctionDef
  std::vector<ExprPtr> decorators;  // FunctionDef / ClassDef
  StmtList body, orelse, finalbody;
  std::vector<ExceptHandler> handlers;  // Try
  bool is_star = false;                 // Try: `except*` (rejected by the compiler)
  std::vector<WithItem> withitems;      // With
  std::vector<MatchCase> cases;         // Match

  Stmt(StmtKind k, SourceSpan s) : kind(k), span(s) {}
};

struct Module {
  StmtList body;
};

}  // namespace monty::ast

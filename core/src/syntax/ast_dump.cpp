// Field names and order follow CPython 3.11's Parser/Python.asdl; optional
// fields that are None are omitted and lists are always shown, as ast.dump
// does. Recursion depth is bounded by the parser's kMaxAstDepth.
#include "syntax/ast_dump.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace monty::syntax {
namespace {

using namespace ast;

// Shortest repr of a double that round-trips, formatted like Python's repr.
std::string float_repr(double d) {
  if (d != d) return "nan";
  if (d > 1.7976931348623157e308) return "inf";
  if (d < -1.7976931348623157e308) return "-inf";
  char buf[64];
  int prec = 1;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  // buf = [-]d[.ddd]e[+-]XX
  std::string s(buf);
  bool neg = s[0] == '-';
  if (neg) s.erase(0, 1);
  size_t epos = s.find('e');
  int exp = std::atoi(s.c_str() + epos + 1);
  std::string digits;
  for (size_t i = 0; i < epos; ++i) {
    if (s[i] != '.') digits += s[i];
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  if (exp >= -5 + 1 && exp < 16) {
    if (exp < 0) {
      out += "0.";
      out.append(static_cast<size_t>(-exp - 1), '0');
      out += digits;
    } else if (static_cast<int>(digits.size()) <= exp + 1) {
      out += digits;
      out.append(static_cast<size_t>(exp + 1 - static_cast<int>(digits.size())), '0');
      out += ".0";
    } else {
      out += digits.substr(0, static_cast<size_t>(exp + 1));
      out += '.';
      out += digits.substr(static_cast<size_t>(exp + 1));
    }
    return out;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out += digits.substr(1);
  }
  std::snprintf(buf, sizeof buf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  out += buf;
  return out;
}

// Digits in `base` to decimal text (schoolbook; only for dumps).
std::string to_decimal(const std::string& digits, int base) {
  std::vector<uint32_t> limbs{0};  // little-endian, base 1e9
  for (char c : digits) {
    uint32_t d =
        c <= '9' ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>((c | 0x20) - 'a' + 10);
    uint64_t carry = d;
    for (auto& l : limbs) {
      uint64_t v = static_cast<uint64_t>(l) * static_cast<uint64_t>(base) + carry;
      l = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  char buf[16];
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    out += buf;
  }
  return out;
}

bool non_printable(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xE000 && cp <= 0xF8FF) ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF || cp >= 0xF0000 ||
         (cp >= 0xE0000 && cp <= 0xE007F);
}

std::string str_repr(std::string_view s, bool bytes) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char q = (has_single && !has_double) ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += q;
  char buf[16];
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp = b;
    size_t len = 1;
    if (!bytes && b >= 0x80) {
      len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      cp = b & (0x3F >> (len - 1));
      for (size_t k = 1; k < len && i + k < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      }
    }
    if (cp == '\\') {
      out += "\\\\";
    } else if (cp == static_cast<uint32_t>(q)) {
      out += '\\';
      out += q;
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if ((bytes && cp >= 0x7F) || non_printable(cp)) {
      if (cp <= 0xFF) {
        std::snprintf(buf, sizeof buf, "\\x%02x", cp);
      } else if (cp <= 0xFFFF) {
        std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      } else {
        std::snprintf(buf, sizeof buf, "\\U%08x", cp);
      }
      out += buf;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  out += q;
  return out;
}

std::string constant_repr(const Constant& c) {
  switch (c.kind) {
    case ConstKind::None:
      return "None";
    case ConstKind::True:
      return "True";
    case ConstKind::False:
      return "False";
    case ConstKind::Ellipsis:
      return "Ellipsis";
    case ConstKind::Int:
      return std::to_string(c.int_value);
    case ConstKind::BigInt:
      return to_decimal(c.text, c.int_base);
    case ConstKind::Float:
      return float_repr(c.float_value);
    case ConstKind::Imaginary: {
      std::string r = float_repr(c.float_value);
      if (r.size() > 2 && r.compare(r.size() - 2, 2, ".0") == 0) r.resize(r.size() - 2);
      return r + "j";
    }
    case ConstKind::Str:
      return str_repr(c.text, false);
    case ConstKind::Bytes:
      return str_repr(c.text, true);
  }
  return "?";
}

const char* op_name(Operator op) {
  switch (op) {
    case Operator::Add:
      return "Add()";
    case Operator::Sub:
      return "Sub()";
    case Operator::Mult:
      return "Mult()";
    case Operator::MatMult:
      return "MatMult()";
    case Operator::Div:
      return "Div()";
    case Operator::Mod:
      return "Mod()";
    case Operator::Pow:
      return "Pow()";
    case Operator::LShift:
      return "LShift()";
    case Operator::RShift:
      return "RShift()";
    case Operator::BitOr:
      return "BitOr()";
    case Operator::BitXor:
      return "BitXor()";
    case Operator::BitAnd:
      return "BitAnd()";
    case Operator::FloorDiv:
      return "FloorDiv()";
    case Operator::Invert:
      return "Invert()";
    case Operator::Not:
      return "Not()";
    case Operator::UAdd:
      return "UAdd()";
    case Operator::USub:
      return "USub()";
    case Operator::And:
      return "And()";
    case Operator::Or:
      return "Or()";
  }
  return "?";
}

const char* cmp_name(CmpOp op) {
  switch (op) {
    case CmpOp::Eq:
      return "Eq()";
    case CmpOp::NotEq:
      return "NotEq()";
    case CmpOp::Lt:
      return "Lt()";
    case CmpOp::LtE:
      return "LtE()";
    case CmpOp::Gt:
      return "Gt()";
    case CmpOp::GtE:
      return "GtE()";
    case CmpOp::Is:
      return "Is()";
    case CmpOp::IsNot:
      return "IsNot()";
    case CmpOp::In:
      return "In()";
    case CmpOp::NotIn:
      return "NotIn()";
  }
  return "?";
}

const char* ctx_name(ExprContext c) {
  switch (c) {
    case ExprContext::Load:
      return "Load()";
    case ExprContext::Store:
      return "Store()";
    case ExprContext::Del:
      return "Del()";
  }
  return "?";
}

// Builds "Name(field=value, ...)" incrementally.
class Dumper {
 public:
  explicit Dumper(bool positions) : positions_(positions) {}
  std::string out;

  void module(const Module& m) {
    out += "Module(body=";
    stmts(m.body);
    out += ", type_ignores=[])";
  }

 private:
  bool positions_;

  void open(const char* name) {
    out += name;
    out += '(';
    first_ = true;
  }
  void field(const char* name) {
    if (!first_) out += ", ";
    first_ = false;
    out += name;
    out += '=';
  }
  void close(const SourceSpan* span) {
    if (span && positions_) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
                    first_ ? "" : ", ", span->line, span->col, span->end_line, span->end_col);
      out += buf;
    }
    out += ')';
    first_ = false;
  }
  void raw(const std::string& s) { out += s; }
  void str(const std::string& s) { out += str_repr(s, false); }

  void stmts(const StmtList& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      stmt(*list[i]);
    }
    out += ']';
  }
  void exprs(const std::vector<ExprPtr>& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      if (list[i]) {
        expr(*list[i]);
      } else {
        out += "None";
      }
    }
    out += ']';
  }
  void names(const std::vector<std::string>& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      str(list[i]);
    }
    out += ']';
  }
  void opt_expr(const char* name, const ExprPtr& e) {
    if (!e) return;
    field(name);
    expr(*e);
  }
  void expr_field(const char* name, const ExprPtr& e) {
    field(name);
    if (e) {
      expr(*e);
    } else {
      out += "None";
    }
  }
  void stmts_field(const char* name, const StmtList& list) {
    field(name);
    stmts(list);
  }
  void exprs_field(const char* name, const std::vector<ExprPtr>& list) {
    field(name);
    exprs(list);
  }

  void arg(const Arg& a) {
    open("arg");
    field("arg");
    str(a.name);
    opt_expr("annotation", a.annotation);
    close(&a.span);
  }
  void args_list(const std::vector<Arg>& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      arg(list[i]);
    }
    out += ']';
  }
  void arguments(const Arguments& a) {
    open("arguments");
    field("posonlyargs");
    args_list(a.posonlyargs);
    field("args");
    args_list(a.args);
    if (a.vararg) {
      field("vararg");
      arg(*a.vararg);
    }
    field("kwonlyargs");
    args_list(a.kwonlyargs);
    exprs_field("kw_defaults", a.kw_defaults);
    if (a.kwarg) {
      field("kwarg");
      arg(*a.kwarg);
    }
    exprs_field("defaults", a.defaults);
    close(nullptr);
  }
  void keywords(const std::vector<Keyword>& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      open("keyword");
      if (!list[i].arg.empty()) {
        field("arg");
        str(list[i].arg);
      }
      expr_field("value", list[i].value);
      close(&list[i].span);
    }
    out += ']';
  }
  void generators(const std::vector<Comprehension>& gens) {
    field("generators");
    out += '[';
    for (size_t i = 0; i < gens.size(); ++i) {
      if (i) out += ", ";
      open("comprehension");
      expr_field("target", gens[i].target);
      expr_field("iter", gens[i].iter);
      exprs_field("ifs", gens[i].ifs);
      field("is_async");
      raw(gens[i].is_async ? "1" : "0");
      close(nullptr);
    }
    out += ']';
  }
  void ctx(const Expr& e) {
    field("ctx");
    raw(ctx_name(e.ctx));
  }

  void expr(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Name:
        open("Name");
        field("id");
        str(e.id);
        ctx(e);
        break;
      case ExprKind::Constant:
        open("Constant");
        field("value");
        raw(constant_repr(e.constant));
        break;
      case ExprKind::JoinedStr:
        open("JoinedStr");
        exprs_field("values", e.items);
        break;
      case ExprKind::FormattedValue:
        open("FormattedValue");
        expr_field("value", e.a);
        field("conversion");
        raw(std::to_string(e.conversion));
        opt_expr("format_spec", e.b);
        break;
      case ExprKind::BinOp:
        open("BinOp");
        expr_field("left", e.a);
        field("op");
        raw(op_name(e.op));
        expr_field("right", e.b);
        break;
      case ExprKind::UnaryOp:
        open("UnaryOp");
        field("op");
        raw(op_name(e.op));
        expr_field("operand", e.a);
        break;
      case ExprKind::BoolOp:
        open("BoolOp");
        field("op");
        raw(op_name(e.op));
        exprs_field("values", e.items);
        break;
      case ExprKind::Compare:
        open("Compare");
        expr_field("left", e.a);
        field("ops");
        out += '[';
        for (size_t i = 0; i < e.cmp_ops.size(); ++i) {
          if (i) out += ", ";
          out += cmp_name(e.cmp_ops[i]);
        }
        out += ']';
        exprs_field("comparators", e.items);
        break;
      case ExprKind::Call:
        open("Call");
        expr_field("func", e.a);
        exprs_field("args", e.items);
        field("keywords");
        keywords(e.keywords);
        break;
      case ExprKind::Attribute:
        open("Attribute");
        expr_field("value", e.a);
        field("attr");
        str(e.id);
        ctx(e);
        break;
      case ExprKind::Subscript:
        open("Subscript");
        expr_field("value", e.a);
        expr_field("slice", e.b);
        ctx(e);
        break;
      case ExprKind::Slice:
        open("Slice");
        opt_expr("lower", e.a);
        opt_expr("upper", e.b);
        opt_expr("step", e.c);
        break;
      case ExprKind::Starred:
        open("Starred");
        expr_field("value", e.a);
        ctx(e);
        break;
      case ExprKind::List:
      case ExprKind::Tuple:
        open(e.kind == ExprKind::List ? "List" : "Tuple");
        exprs_field("elts", e.items);
        ctx(e);
        break;
      case ExprKind::Set:
        open("Set");
        exprs_field("elts", e.items);
        break;
      case ExprKind::Dict:
        open("Dict");
        exprs_field("keys", e.items);
        exprs_field("values", e.values);
        break;
      case ExprKind::ListComp:
      case ExprKind::SetComp:
      case ExprKind::GeneratorExp:
        open(e.kind == ExprKind::ListComp  ? "ListComp"
             : e.kind == ExprKind::SetComp ? "SetComp"
                                           : "GeneratorExp");
        expr_field("elt", e.a);
        generators(e.generators);
        break;
      case ExprKind::DictComp:
        open("DictComp");
        expr_field("key", e.a);
        expr_field("value", e.b);
        generators(e.generators);
        break;
      case ExprKind::Lambda:
        open("Lambda");
        field("args");
        arguments(*e.args);
        expr_field("body", e.a);
        break;
      case ExprKind::IfExp:
        open("IfExp");
        expr_field("test", e.a);
        expr_field("body", e.b);
        expr_field("orelse", e.c);
        break;
      case ExprKind::NamedExpr:
        open("NamedExpr");
        expr_field("target", e.a);
        expr_field("value", e.b);
        break;
      case ExprKind::Yield:
        open("Yield");
        opt_expr("value", e.a);
        break;
      case ExprKind::YieldFrom:
        open("YieldFrom");
        expr_field("value", e.a);
        break;
      case ExprKind::Await:
        open("Await");
        expr_field("value", e.a);
        break;
    }
    close(&e.span);
  }

  void pattern(const Pattern& p) {
    switch (p.kind) {
      case PatternKind::MatchValue:
        open("MatchValue");
        expr_field("value", p.value);
        break;
      case PatternKind::MatchSingleton:
        open("MatchSingleton");
        field("value");
        raw(constant_repr(p.constant));
        break;
      case PatternKind::MatchSequence:
        open("MatchSequence");
        patterns("patterns", p.patterns);
        break;
      case PatternKind::MatchMapping:
        open("MatchMapping");
        exprs_field("keys", p.keys);
        patterns("patterns", p.patterns);
        if (!p.name.empty()) {
          field("rest");
          str(p.name);
        }
        break;
      case PatternKind::MatchClass:
        open("MatchClass");
        expr_field("cls", p.value);
        patterns("patterns", p.patterns);
        field("kwd_attrs");
        names(p.kwd_attrs);
        patterns("kwd_patterns", p.kwd_patterns);
        break;
      case PatternKind::MatchStar:
        open("MatchStar");
        if (!p.name.empty()) {
          field("name");
          str(p.name);
        }
        break;
      case PatternKind::MatchAs:
        open("MatchAs");
        if (p.pattern) {
          field("pattern");
          pattern(*p.pattern);
        }
        if (!p.name.empty()) {
          field("name");
          str(p.name);
        }
        break;
      case PatternKind::MatchOr:
        open("MatchOr");
        patterns("patterns", p.patterns);
        break;
    }
    close(&p.span);
  }
  void patterns(const char* name, const std::vector<PatternPtr>& list) {
    field(name);
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      pattern(*list[i]);
    }
    out += ']';
  }

  void aliases(const std::vector<Alias>& list) {
    field("names");
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      open("alias");
      field("name");
      str(list[i].name);
      if (!list[i].asname.empty()) {
        field("asname");
        str(list[i].asname);
      }
      close(&list[i].span);
    }
    out += ']';
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::Expr:
        open("Expr");
        expr_field("value", s.a);
        break;
      case StmtKind::Assign:
        open("Assign");
        exprs_field("targets", s.items);
        expr_field("value", s.a);
        break;
      case StmtKind::AugAssign:
        open("AugAssign");
        expr_field("target", s.b);
        field("op");
        raw(op_name(s.op));
        expr_field("value", s.a);
        break;
      case StmtKind::AnnAssign:
        open("AnnAssign");
        expr_field("target", s.b);
        expr_field("annotation", s.c);
        opt_expr("value", s.a);
        field("simple");
        raw(s.simple ? "1" : "0");
        break;
      case StmtKind::Delete:
        open("Delete");
        exprs_field("targets", s.items);
        break;
      case StmtKind::Pass:
        open("Pass");
        break;
      case StmtKind::Break:
        open("Break");
        break;
      case StmtKind::Continue:
        open("Continue");
        break;
      case StmtKind::Return:
        open("Return");
        opt_expr("value", s.a);
        break;
      case StmtKind::Raise:
        open("Raise");
        opt_expr("exc", s.a);
        opt_expr("cause", s.b);
        break;
      case StmtKind::Global:
      case StmtKind::Nonlocal:
        open(s.kind == StmtKind::Global ? "Global" : "Nonlocal");
        field("names");
        names(s.names);
        break;
      case StmtKind::If:
      case StmtKind::While:
        open(s.kind == StmtKind::If ? "If" : "While");
        expr_field("test", s.a);
        stmts_field("body", s.body);
        stmts_field("orelse", s.orelse);
        break;
      case StmtKind::For:
        open(s.is_async ? "AsyncFor" : "For");
        expr_field("target", s.b);
        expr_field("iter", s.a);
        stmts_field("body", s.body);
        stmts_field("orelse", s.orelse);
        break;
      case StmtKind::Try:
        open(s.is_star ? "TryStar" : "Try");
        stmts_field("body", s.body);
        field("handlers");
        out += '[';
        for (size_t i = 0; i < s.handlers.size(); ++i) {
          const ExceptHandler& h = s.handlers[i];
          if (i) out += ", ";
          open("ExceptHandler");
          opt_expr("type", h.type);
          if (!h.name.empty()) {
            field("name");
            str(h.name);
          }
          stmts_field("body", h.body);
          close(&h.span);
        }
        out += ']';
        stmts_field("orelse", s.orelse);
        stmts_field("finalbody", s.finalbody);
        break;
      case StmtKind::With:
        open(s.is_async ? "AsyncWith" : "With");
        field("items");
        out += '[';
        for (size_t i = 0; i < s.withitems.size(); ++i) {
          if (i) out += ", ";
          open("withitem");
          expr_field("context_expr", s.withitems[i].context_expr);
          opt_expr("optional_vars", s.withitems[i].optional_vars);
          close(nullptr);
        }
        out += ']';
        stmts_field("body", s.body);
        break;
      case StmtKind::FunctionDef:
        open(s.is_async ? "AsyncFunctionDef" : "FunctionDef");
        field("name");
        str(s.name);
        field("args");
        arguments(*s.args);
        stmts_field("body", s.body);
        exprs_field("decorator_list", s.decorators);
        opt_expr("returns", s.c);
        break;
      case StmtKind::ClassDef:
        open("ClassDef");
        field("name");
        str(s.name);
        exprs_field("bases", s.items);
        field("keywords");
        keywords(s.keywords);
        stmts_field("body", s.body);
        exprs_field("decorator_list", s.decorators);
        break;
      case StmtKind::Import:
        open("Import");
        aliases(s.aliases);
        break;
      case StmtKind::ImportFrom:
        open("ImportFrom");
        if (!s.module.empty()) {
          field("module");
          str(s.module);
        }
        aliases(s.aliases);
        field("level");
        raw(std::to_string(s.level));
        break;
      case StmtKind::Assert:
        open("Assert");
        expr_field("test", s.a);
        opt_expr("msg", s.b);
        break;
      case StmtKind::Match:
        open("Match");
        expr_field("subject", s.a);
        field("cases");
        out += '[';
        for (size_t i = 0; i < s.cases.size(); ++i) {
          const MatchCase& c = s.cases[i];
          if (i) out += ", ";
          open("match_case");
          field("pattern");
          pattern(*c.pattern);
          opt_expr("guard", c.guard);
          stmts_field("body", c.body);
          close(nullptr);
        }
        out += ']';
        break;
    }
    close(&s.span);
  }

  bool first_ = true;
};

}  // namespace

std::string dump_ast(const ast::Module& module) { return dump_ast(module, false); }

std::string dump_ast(const ast::Module& module, bool include_positions) {
  Dumper d(include_positions);
  d.module(module);
  return d.out;
}

}  // namespace monty::syntax

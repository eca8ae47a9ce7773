// AST -> bytecode.
//
// Two passes. ScopeBuilder walks the tree once and records, per scope
// (module, function, lambda, comprehension, class), how each name is bound;
// resolve() then decides for every name whether it is a fast local, a cell,
// a free variable, a global slot or a class-namespace name. CodeGen walks
// the tree again and emits instructions, finding each nested scope through
// the node that created it.
//
// Control flow that leaves a protected region (return/break/continue out of
// try, with, except or for) is compiled by unwinding a compile-time stack of
// "fblocks", as CPython does, so the VM needs no special cases for it.

#include "compiler/compiler.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "compiler/mangle.h"
#include "support/attributes.h"

namespace monty {

bool operator==(const Constant& a, const Constant& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Constant::Kind::Int:
    case Constant::Kind::Code:
      return a.int_value == b.int_value;
    case Constant::Kind::Float:
      return std::memcmp(&a.float_value, &b.float_value, sizeof(double)) == 0;
    case Constant::Kind::BigInt:
    case Constant::Kind::Str:
    case Constant::Kind::Bytes:
      return a.text == b.text;
    case Constant::Kind::Tuple:
      return a.items == b.items;
    default:
      return true;
  }
}

namespace {

// A hash consistent with operator== above.
uint64_t constant_hash(const Constant& c) {
  uint64_t h = (static_cast<uint64_t>(c.kind) + 1) * 0x9E3779B97F4A7C15ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 0x100000001B3ull + (h >> 29); };
  switch (c.kind) {
    case Constant::Kind::Int:
    case Constant::Kind::Code:
      mix(static_cast<uint64_t>(c.int_value));
      break;
    case Constant::Kind::Float: {
      uint64_t bits;
      std::memcpy(&bits, &c.float_value, sizeof bits);
      mix(bits);
      break;
    }
    case Constant::Kind::BigInt:
    case Constant::Kind::Str:
    case Constant::Kind::Bytes:
      mix(std::hash<std::string_view>{}(c.text));
      break;
    case Constant::Kind::Tuple:
      for (const Constant& item : c.items) mix(constant_hash(item));
      break;
    default:
      break;
  }
  return h;
}

using namespace monty::ast;
// Bytecode constants (not ast::Constant, the literal node payload).
using Constant = ::monty::Constant;

// Thrown inside the compiler only, caught by compile_program.
struct CompileError {
  std::string message;
  SourceSpan span;
};

[[noreturn]] void fail(const std::string& msg, const SourceSpan& span) {
  throw CompileError{msg, span};
}

// The name a def or class statement binds (mangled inside a class).
const std::string& bound_name(const Stmt& s) { return s.bind_name.empty() ? s.name : s.bind_name; }

enum class ScopeKind : uint8_t { Module, Function, Lambda, Comprehension, Class };

enum SymFlags : uint32_t {
  kAssigned = 1,
  kParam = 2,
  kDeclGlobal = 4,
  kDeclNonlocal = 8,
  kUsed = 16,
  kCompWalrus = 32,  // bound by := inside a comprehension: lives in the enclosing function
};

enum class Where : uint8_t { Fast, Cell, Free, Global, Name };

struct Scope {
  ScopeKind kind;
  std::string name;
  std::string qualname;
  Scope* parent = nullptr;
  std::vector<std::unique_ptr<Scope>> children;
  std::unordered_map<std::string, uint32_t> flags;
  std::vector<std::string> order;  // names in first-seen order (deterministic output)
  std::vector<std::string> params;
  bool generator = false;
  bool coroutine = false;         // async def (its code is a generator's, flagged kCodeCoroutine)
  bool needs_class_cell = false;  // class body whose methods use super()/__class__
  bool uses_super = false;        // function calling super() with no arguments
  // Resolution results.
  std::unordered_map<std::string, Where> where;
  std::vector<std::string> cellvars, freevars;
  // Where each `nonlocal` name was declared (its error points there).
  std::unordered_map<std::string, SourceSpan> nonlocal_spans;

  bool is_function_like() const {
    return kind == ScopeKind::Function || kind == ScopeKind::Lambda ||
           kind == ScopeKind::Comprehension;
  }
  void add(const std::string& n, uint32_t f) {
    auto [it, inserted] = flags.try_emplace(n, 0);
    if (inserted) order.push_back(n);
    it->second |= f;
  }
};

// ---------------------------------------------------------------------------
// Pass 1: scopes
// ---------------------------------------------------------------------------
class ScopeBuilder {
 public:
  std::unordered_map<const void*, Scope*> scope_of;  // def/lambda/comprehension/class node -> scope

  std::unique_ptr<Scope> build(const Module& m) {
    auto root = std::make_unique<Scope>();
    root->kind = ScopeKind::Module;
    root->name = "<module>";
    cur_ = root.get();
    for (const auto& s : m.body) stmt(*s);
    return root;
  }

 private:
  Scope* cur_ = nullptr;

  Scope* push(ScopeKind kind, const std::string& name, const void* node) {
    auto s = std::make_unique<Scope>();
    s->kind = kind;
    s->name = name;
    s->parent = cur_;
    // __qualname__: functions nest as "f.<locals>.g", classes as "C.m".
    std::string prefix;
    if (cur_->kind != ScopeKind::Module) {
      prefix = cur_->qualname + (cur_->kind == ScopeKind::Class ? "." : ".<locals>.");
    }
    s->qualname = prefix + name;
    Scope* raw = s.get();
    cur_->children.push_back(std::move(s));
    scope_of[node] = raw;
    cur_ = raw;
    return raw;
  }
  void pop() { cur_ = cur_->parent; }

  void bind(const std::string& n) {
    if (cur_->kind == ScopeKind::Comprehension) {
      cur_->add(n, kAssigned);
      return;
    }
    cur_->add(n, kAssigned);
  }
  void use(const std::string& n) { cur_->add(n, kUsed); }

  void args(const Arguments& a) {
    for (const auto& d : a.defaults) expr(*d);
    for (const auto& d : a.kw_defaults)
      if (d) expr(*d);
    auto ann = [&](const Arg& arg) {
      if (arg.annotation) expr(*arg.annotation);
    };
    for (const auto& x : a.posonlyargs) ann(x);
    for (const auto& x : a.args) ann(x);
    for (const auto& x : a.kwonlyargs) ann(x);
    if (a.vararg) ann(*a.vararg);
    if (a.kwarg) ann(*a.kwarg);
  }
  void params(const Arguments& a) {
    auto p = [&](const Arg& arg) {
      if (cur_->flags.count(arg.name) && (cur_->flags[arg.name] & kParam)) {
        fail("duplicate argument '" + arg.name + "' in function definition", arg.span);
      }
      cur_->add(arg.name, kParam | kAssigned);
      cur_->params.push_back(arg.name);
    };
    for (const auto& x : a.posonlyargs) p(x);
    for (const auto& x : a.args) p(x);
    for (const auto& x : a.kwonlyargs) p(x);
    if (a.vararg) p(*a.vararg);
    if (a.kwarg) p(*a.kwarg);
  }

  void body(const StmtList& b) {
    for (const auto& s : b) stmt(*s);
  }

  void target(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Name:
        bind(e.id);
        break;
      case ExprKind::Tuple:
      case ExprKind::List:
        for (const auto& x : e.items) target(*x);
        break;
      case ExprKind::Starred:
        target(*e.a);
        break;
      default:
        expr(e);
    }
  }

  void pattern(const Pattern& p) {
    switch (p.kind) {
      case PatternKind::MatchValue:
        expr(*p.value);
        break;
      case PatternKind::MatchSingleton:
        break;
      case PatternKind::MatchSequence:
      case PatternKind::MatchOr:
        for (const auto& x : p.patterns) pattern(*x);
        break;
      case PatternKind::MatchMapping:
        for (const auto& k : p.keys) expr(*k);
        for (const auto& x : p.patterns) pattern(*x);
        if (!p.name.empty()) bind(p.name);
        break;
      case PatternKind::MatchClass:
        expr(*p.value);
        for (const auto& x : p.patterns) pattern(*x);
        for (const auto& x : p.kwd_patterns) pattern(*x);
        break;
      case PatternKind::MatchStar:
        if (!p.name.empty()) bind(p.name);
        break;
      case PatternKind::MatchAs:
        if (p.pattern) pattern(*p.pattern);
        if (!p.name.empty()) bind(p.name);
        break;
    }
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::Expr:
        expr(*s.a);
        break;
      case StmtKind::Assign:
        expr(*s.a);
        for (const auto& t : s.items) target(*t);
        break;
      case StmtKind::AugAssign:
        expr(*s.a);
        if (s.b->kind == ExprKind::Name) {
          use(s.b->id);
          bind(s.b->id);
        } else {
          expr(*s.b);
        }
        break;
      case StmtKind::AnnAssign:
        if (s.a) expr(*s.a);
        if (s.c) expr(*s.c);
        if (s.b->kind == ExprKind::Name) {
          if (s.a) bind(s.b->id);
        } else {
          expr(*s.b);
        }
        break;
      case StmtKind::Delete:
        for (const auto& t : s.items) target(*t);
        break;
      case StmtKind::Return:
      case StmtKind::Raise:
      case StmtKind::Assert:
        if (s.a) expr(*s.a);
        if (s.b) expr(*s.b);
        break;
      case StmtKind::Global:
      case StmtKind::Nonlocal:
        for (const auto& n : s.names) {
          auto it = cur_->flags.find(n);
          if (it != cur_->flags.end() && (it->second & (kAssigned | kUsed | kParam))) {
            const char* what = (it->second & kParam)      ? "is parameter and"
                               : (it->second & kAssigned) ? "is assigned to before"
                                                          : "is used prior to";
            std::string decl = s.kind == StmtKind::Global ? "global" : "nonlocal";
            if (it->second & kParam) {
              fail("name '" + n + "' is parameter and " + decl, s.span);
            }
            fail("name '" + n + "' " + what + " " + decl + " declaration", s.span);
          }
          if (s.kind == StmtKind::Nonlocal && cur_->kind == ScopeKind::Module) {
            fail("nonlocal declaration not allowed at module level", s.span);
          }
          cur_->add(n, s.kind == StmtKind::Global ? kDeclGlobal : kDeclNonlocal);
          if (s.kind == StmtKind::Nonlocal) cur_->nonlocal_spans.try_emplace(n, s.span);
        }
        break;
      case StmtKind::If:
      case StmtKind::While:
        expr(*s.a);
        body(s.body);
        body(s.orelse);
        break;
      case StmtKind::For:
        expr(*s.a);
        target(*s.b);
        body(s.body);
        body(s.orelse);
        break;
      case StmtKind::Try:
        body(s.body);
        for (const auto& h : s.handlers) {
          if (h.type) expr(*h.type);
          if (!h.name.empty()) bind(h.name);
          body(h.body);
        }
        body(s.orelse);
        body(s.finalbody);
        break;
      case StmtKind::With:
        for (const auto& w : s.withitems) {
          expr(*w.context_expr);
          if (w.optional_vars) target(*w.optional_vars);
        }
        body(s.body);
        break;
      case StmtKind::FunctionDef: {
        for (const auto& d : s.decorators) expr(*d);
        args(*s.args);
        if (s.c) expr(*s.c);
        bind(bound_name(s));
        push(ScopeKind::Function, s.name, &s);
        if (s.is_async) cur_->coroutine = cur_->generator = true;
        params(*s.args);
        body(s.body);
        pop();
        break;
      }
      case StmtKind::ClassDef: {
        for (const auto& d : s.decorators) expr(*d);
        for (const auto& b : s.items) expr(*b);
        for (const auto& k : s.keywords) expr(*k.value);
        bind(bound_name(s));
        push(ScopeKind::Class, s.name, &s);
        body(s.body);
        pop();
        break;
      }
      case StmtKind::Import:
        for (const auto& a : s.aliases) {
          std::string n = a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname;
          bind(n);
        }
        break;
      case StmtKind::ImportFrom:
        for (const auto& a : s.aliases) {
          if (a.name == "*") fail("'import *' is not supported", s.span);
          bind(a.asname.empty() ? a.name : a.asname);
        }
        break;
      case StmtKind::Match:
        expr(*s.a);
        for (const auto& c : s.cases) {
          pattern(*c.pattern);
          if (c.guard) expr(*c.guard);
          body(c.body);
        }
        break;
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        break;
    }
  }

  void comprehension(const Expr& e, const std::string& name) {
    // The first iterable is evaluated in the enclosing scope.
    expr(*e.generators[0].iter);
    push(ScopeKind::Comprehension, name, &e);
    cur_->add(".0", kParam | kAssigned);
    cur_->params.push_back(".0");
    for (size_t i = 0; i < e.generators.size(); i++) {
      const auto& g = e.generators[i];
      if (i > 0) expr(*g.iter);
      target(*g.target);
      for (const auto& c : g.ifs) expr(*c);
    }
    if (e.kind == ExprKind::GeneratorExp) cur_->generator = true;
    if (e.a) expr(*e.a);
    if (e.b) expr(*e.b);
    pop();
  }

  void expr(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Name:
        if (e.ctx == ExprContext::Load) {
          use(e.id);
          if (e.id == "super" || e.id == "__class__") mark_super();
        } else {
          bind(e.id);
        }
        return;
      case ExprKind::Lambda:
        args(*e.args);
        push(ScopeKind::Lambda, "<lambda>", &e);
        params(*e.args);
        expr(*e.a);
        pop();
        return;
      case ExprKind::ListComp:
        comprehension(e, "<listcomp>");
        return;
      case ExprKind::SetComp:
        comprehension(e, "<setcomp>");
        return;
      case ExprKind::DictComp:
        comprehension(e, "<dictcomp>");
        return;
      case ExprKind::GeneratorExp:
        comprehension(e, "<genexpr>");
        return;
      case ExprKind::NamedExpr: {
        expr(*e.b);
        // PEP 572: the target binds in the nearest enclosing non-comprehension scope.
        Scope* s = cur_;
        while (s->kind == ScopeKind::Comprehension) {
          s->add(e.a->id, kCompWalrus);
          s = s->parent;
        }
        if (s->kind == ScopeKind::Class && s != cur_) {
          fail("assignment expression within a comprehension cannot be used in a class body",
               e.span);
        }
        s->add(e.a->id, kAssigned);
        return;
      }
      case ExprKind::Yield:
      case ExprKind::YieldFrom:
        if (cur_->kind == ScopeKind::Module || cur_->kind == ScopeKind::Class) {
          fail("'yield' outside function", e.span);
        }
        if (cur_->kind == ScopeKind::Comprehension) {
          fail("'yield' inside " + std::string(cur_->name == "<genexpr>" ? "generator expression"
                                                                         : "list comprehension"),
               e.span);
        }
        if (cur_->coroutine) fail("asynchronous generators are not supported", e.span);
        cur_->generator = true;
        if (e.a) expr(*e.a);
        return;
      case ExprKind::Await: {
        // CPython's checks, by the scope the await is in (a comprehension
        // inside an async function would be an asynchronous comprehension).
        Scope* s = cur_;
        while (s->kind == ScopeKind::Comprehension) s = s->parent;
        if (s->kind == ScopeKind::Module || s->kind == ScopeKind::Class)
          fail("'await' outside function", e.span);
        if (!s->coroutine) fail("'await' outside async function", e.span);
        // A list, set or dict comprehension that awaits is a coroutine
        // itself, awaited where it is built (CPython 3.11's asynchronous
        // comprehension); a generator expression would be an asynchronous
        // generator.
        for (Scope* c = cur_; c != s; c = c->parent) {
          if (c->name == "<genexpr>") fail("asynchronous generators are not supported", e.span);
          c->coroutine = c->generator = true;
        }
        break;
      }
      default:
        break;
    }
    if (e.a) expr(*e.a);
    if (e.b) expr(*e.b);
    if (e.c) expr(*e.c);
    for (const auto& x : e.items)
      if (x) expr(*x);
    for (const auto& x : e.values)
      if (x) expr(*x);
    for (const auto& k : e.keywords) expr(*k.value);
  }

  void mark_super() {
    // super() needs the __class__ cell of the innermost enclosing class.
    Scope* s = cur_;
    if (!s->is_function_like()) return;
    s->uses_super = true;
    for (Scope* p = s->parent; p; p = p->parent) {
      if (p->kind == ScopeKind::Class) {
        p->needs_class_cell = true;
        return;
      }
    }
  }
};

// Decides where each name of each scope lives.
void resolve(Scope* s) {
  // A function that uses super() captures __class__ from its class.
  if (s->kind == ScopeKind::Class && s->needs_class_cell) {
    s->cellvars.push_back("__class__");
    s->where["__class__"] = Where::Cell;
  }
  if (s->is_function_like() && s->uses_super) {
    bool in_class = false;
    for (Scope* p = s->parent; p; p = p->parent)
      if (p->kind == ScopeKind::Class) in_class = true;
    if (in_class) s->add("__class__", kUsed);
  }
  for (const std::string& n : s->order) {
    uint32_t f = s->flags[n];
    if (s->kind == ScopeKind::Module) {
      s->where[n] = Where::Global;
      continue;
    }
    if (f & kDeclGlobal) {
      s->where[n] = Where::Global;
      continue;
    }
    if (s->kind == ScopeKind::Class) {
      if (n == "__class__" && s->needs_class_cell) continue;
      if (f & kDeclNonlocal) {
        s->where[n] = Where::Free;
      } else if (f & kAssigned) {
        s->where[n] = Where::Name;
      } else {
        // Used only: an enclosing function's local is visible here.
        Where w = Where::Name;
        for (Scope* p = s->parent; p; p = p->parent) {
          if (p->is_function_like() && (p->flags.count(n) && (p->flags[n] & (kAssigned | kParam)) &&
                                        !(p->flags[n] & kDeclGlobal))) {
            w = Where::Free;
            break;
          }
        }
        s->where[n] = w;
      }
      continue;
    }
    if (f & kDeclNonlocal) {
      s->where[n] = Where::Free;  // checked below
      continue;
    }
    if (f & kCompWalrus) {
      // Bound in the nearest enclosing non-comprehension scope.
      Scope* p = s->parent;
      while (p->kind == ScopeKind::Comprehension) p = p->parent;
      bool global =
          p->kind == ScopeKind::Module || (p->flags.count(n) && (p->flags[n] & kDeclGlobal));
      s->where[n] = global ? Where::Global : Where::Free;
      continue;
    }
    if (f & (kAssigned | kParam)) {
      s->where[n] = Where::Fast;
      continue;
    }
    // Free if some enclosing function binds it; else global.
    Where w = Where::Global;
    for (Scope* p = s->parent; p; p = p->parent) {
      if (p->kind == ScopeKind::Class) {
        if (n == "__class__" && p->needs_class_cell) {
          w = Where::Free;
          break;
        }
        continue;
      }
      if (p->kind == ScopeKind::Module) break;
      auto it = p->flags.find(n);
      if (it != p->flags.end()) {
        if (it->second & kDeclGlobal) break;
        if (it->second & (kAssigned | kParam | kDeclNonlocal | kCompWalrus)) {
          w = Where::Free;
          break;
        }
      }
    }
    s->where[n] = w;
  }
  for (auto& c : s->children) resolve(c.get());
}

// Walks free variables upward: each scope between the user and the binder
// gets the name as free; the binder turns its local into a cell.
void link_free(Scope* s, const std::string& n, const SourceSpan& span) {
  Scope* p = s->parent;
  while (p) {
    if (p->kind == ScopeKind::Class) {
      if (n == "__class__" && p->needs_class_cell) return;
      // A method's free variable passes through its class body, whose own
      // closure carries the cell to where the method is made (as in
      // CPython, where it is among the class code's co_freevars). The name
      // in the class body itself stays what resolve() made it.
      if (std::find(p->freevars.begin(), p->freevars.end(), n) == p->freevars.end())
        p->freevars.push_back(n);
      p = p->parent;
      continue;
    }
    if (p->kind == ScopeKind::Module) break;
    auto it = p->where.find(n);
    if (it != p->where.end()) {
      if (it->second == Where::Fast) {
        it->second = Where::Cell;
        p->cellvars.push_back(n);
        return;
      }
      if (it->second == Where::Cell) return;
      if (it->second == Where::Free) {
        // Already free here; make sure it continues upward.
        if (std::find(p->freevars.begin(), p->freevars.end(), n) == p->freevars.end()) {
          p->freevars.push_back(n);
          link_free(p, n, span);
        }
        return;
      }
    } else {
      p->where[n] = Where::Free;
      p->freevars.push_back(n);
    }
    p = p->parent;
  }
  fail("no binding for nonlocal '" + n + "' found", span);
}

void link_all(Scope* s) {
  if (s->kind != ScopeKind::Module) {
    for (const std::string& n : s->order) {
      auto it = s->where.find(n);
      if (it == s->where.end() || it->second != Where::Free) continue;
      if (std::find(s->freevars.begin(), s->freevars.end(), n) != s->freevars.end()) continue;
      s->freevars.push_back(n);
      auto declared = s->nonlocal_spans.find(n);
      link_free(s, n, declared == s->nonlocal_spans.end() ? SourceSpan{} : declared->second);
    }
  }
  for (auto& c : s->children) link_all(c.get());
}

// ---------------------------------------------------------------------------
// Pass 2: code generation
// ---------------------------------------------------------------------------
enum class FBlockKind : uint8_t {
  WhileLoop,
  ForLoop,
  TryExcept,
  FinallyTry,
  FinallyEnd,
  HandlerCleanup,
  With,
  AsyncWith
};

struct FBlock {
  FBlockKind kind;
  int continue_label = -1;
  int break_label = -1;
  const StmtList* finalbody = nullptr;  // FinallyTry
};

class CodeGen {
 public:
  CodeGen(Program& prog, ScopeBuilder& scopes) : prog_(prog), scopes_(scopes) {}

  void compile_module(const Module& m, Scope* root) {
    uint32_t idx = new_code(root, "<module>");
    cur_ = Unit{&prog_.codes[idx], root, idx, {}, {}, 0};
    prog_.codes[idx].flags |= kCodeModule;
    const StmtList& body = m.body;
    future_imports(body);
    for (size_t i = 0; i < body.size(); i++) {
      const Stmt& s = *body[i];
      if (i + 1 == body.size() && s.kind == StmtKind::Expr) {
        loc_ = s.span;
        expr(*s.a);
        emit(Op::RETURN_VALUE);
        prog_.returns_last_expression = true;
        finish();
        return;
      }
      stmt(s);
    }
    emit(Op::LOAD_CONST, const_none());
    emit(Op::RETURN_VALUE);
    finish();
  }

 private:
  struct Unit {
    Code* code;
    Scope* scope;
    uint32_t index;
    std::vector<int> label_pos;
    std::vector<FBlock> fblocks;
    int temp_counter = 0;
    // add_const's index: constants by hash (a linear search made a program
    // of 20,000 functions take a second to compile).
    std::unordered_map<uint64_t, std::vector<uint32_t>> const_index{};
  };
  Program& prog_;
  ScopeBuilder& scopes_;
  Unit cur_{};
  // The source range of the node being compiled: every emitted instruction
  // takes it (its line for `lines`, its columns for `columns`), like
  // CPython's compiler, whose per-instruction positions tracebacks underline.
  SourceSpan loc_{1, 0, 1, 0};
  // `from __future__ import annotations`: function annotations are kept as
  // their source text instead of being evaluated (PEP 563).
  bool future_annotations_ = false;
  std::vector<const Stmt*> future_statements_;  // the module's leading future imports

  // Future imports must open the module (after its docstring). Their
  // features are compile-time switches; only `annotations` changes anything.
  void future_imports(const StmtList& body) {
    size_t i = 0;
    if (!body.empty() && body[0]->kind == StmtKind::Expr &&
        body[0]->a->kind == ExprKind::Constant && body[0]->a->constant.kind == ConstKind::Str)
      i = 1;
    for (; i < body.size(); i++) {
      const Stmt& s = *body[i];
      if (s.kind != StmtKind::ImportFrom || s.module != "__future__" || s.level != 0) break;
      future_statements_.push_back(&s);
      for (const Alias& a : s.aliases) {
        static constexpr std::string_view kAccepted[] = {
            "nested_scopes",  "generators",     "division",         "absolute_import",
            "with_statement", "print_function", "unicode_literals", "generator_stop"};
        // CPython reports these at the statement's first column, one caret.
        const SourceSpan at_statement{s.span.line, s.span.col, s.span.line, s.span.col};
        if (a.name == "annotations") {
          future_annotations_ = true;
        } else if (a.name == "braces") {
          fail("not a chance", at_statement);
        } else if (std::find(std::begin(kAccepted), std::end(kAccepted), a.name) ==
                   std::end(kAccepted)) {
          fail("future feature " + a.name + " is not defined", at_statement);
        }
      }
    }
  }

  // The source text of an expression (what PEP 563 keeps of an annotation).
  std::string source_text(const SourceSpan& span) const {
    auto byte_offset = [](std::string_view line, int code_points) {
      size_t i = 0;
      for (int n = 0; n < code_points && i < line.size(); n++) {
        i++;
        while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) i++;
      }
      return i;
    };
    std::string text;
    for (int l = span.line; l <= span.end_line; l++) {
      if (l < 1 || static_cast<size_t>(l) > prog_.source_lines.size()) break;
      std::string_view line = prog_.source_lines[l - 1];
      size_t from = l == span.line ? byte_offset(line, span.col) : 0;
      size_t to = l == span.end_line ? byte_offset(line, span.end_col) : line.size();
      if (from > to) from = to;
      std::string_view piece = line.substr(from, to - from);
      if (l != span.line) {
        piece.remove_prefix(std::min(piece.size(), piece.find_first_not_of(" \t")));
        text += ' ';
      }
      text += piece;
    }
    return text;
  }
  std::unordered_map<std::string, uint32_t> name_index_;
  std::unordered_map<std::string, uint32_t> global_index_;

  // ---- tables ----
  uint32_t name_id(const std::string& n) {
    auto it = name_index_.find(n);
    if (it != name_index_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(prog_.names.size());
    prog_.names.push_back(n);
    name_index_[n] = id;
    return id;
  }

 public:
  uint32_t global_id(const std::string& n) {
    auto it = global_index_.find(n);
    if (it != global_index_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(prog_.globals.size());
    prog_.globals.push_back(name_id(n));
    global_index_[n] = id;
    return id;
  }
  // REPL snippets extend an existing Program: its names and global slots
  // must keep their indices, so code compiled earlier stays valid.
  void seed_tables() {
    for (size_t i = 0; i < prog_.names.size(); i++)
      name_index_.emplace(prog_.names[i], static_cast<uint32_t>(i));
    for (size_t g = 0; g < prog_.globals.size(); g++) {
      global_index_.emplace(prog_.names[prog_.globals[g]], static_cast<uint32_t>(g));
    }
  }
  // Index the next compile_module() gives its code.
  uint32_t next_code_index() const { return static_cast<uint32_t>(prog_.codes.size()); }

 private:
  uint32_t code_name(const std::string& n) {
    uint32_t id = name_id(n);
    auto& names = cur_.code->names;
    for (size_t i = 0; i < names.size(); i++)
      if (names[i] == id) return static_cast<uint32_t>(i);
    names.push_back(id);
    return static_cast<uint32_t>(names.size() - 1);
  }
  uint32_t add_const(Constant c) {
    auto& cs = cur_.code->constants;
    std::vector<uint32_t>& same_hash = cur_.const_index[constant_hash(c)];
    for (uint32_t i : same_hash)
      if (cs[i] == c) return i;
    cs.push_back(std::move(c));
    if (cs.size() > kMaxInstrArg)
      fail("too many constants", SourceSpan{loc_.line, 0, loc_.line, 0});
    same_hash.push_back(static_cast<uint32_t>(cs.size() - 1));
    return static_cast<uint32_t>(cs.size() - 1);
  }
  uint32_t const_none() { return add_const(Constant{}); }
  uint32_t const_int(int64_t v) {
    Constant c;
    c.kind = Constant::Kind::Int;
    c.int_value = v;
    return add_const(c);
  }
  uint32_t const_str(const std::string& s) {
    Constant c;
    c.kind = Constant::Kind::Str;
    c.text = s;
    return add_const(c);
  }
  uint32_t const_str_tuple(const std::vector<std::string>& v) {
    Constant c;
    c.kind = Constant::Kind::Tuple;
    for (const auto& s : v) {
      Constant x;
      x.kind = Constant::Kind::Str;
      x.text = s;
      c.items.push_back(x);
    }
    return add_const(c);
  }

  uint32_t new_code(Scope* s, const std::string& name) {
    uint32_t idx = static_cast<uint32_t>(prog_.codes.size());
    prog_.codes.emplace_back();
    Code& c = prog_.codes.back();
    c.name = name;
    c.qualname = s->qualname.empty() ? name : s->qualname;
    return idx;
  }

  // ---- emission ----
  // CPython 3.11's update_start_location_to_match_attr: when `loc` starts on
  // another line than the one where `attr` (an Attribute) ends, the
  // instruction is located from the attribute's name on that line, so a
  // traceback of a chained call spread over lines shows the line of the
  // failing link (`.m(1)`), not the chain's first line.
  static SourceSpan at_attribute_name(SourceSpan loc, const Expr& attr) {
    if (attr.span.end_line <= 0 || loc.line == attr.span.end_line) return loc;
    loc.line = attr.span.end_line;
    const int len = code_point_length(attr.id);
    if (len <= attr.span.end_col) {
      loc.col = attr.span.end_col - len;
    } else {
      loc.col = loc.end_col = -1;
    }
    loc.end_line = std::max(loc.line, loc.end_line);
    if (loc.line == loc.end_line) loc.end_col = std::max(loc.col, loc.end_col);
    return loc;
  }
  static int code_point_length(std::string_view s) {
    int n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }
  static ColumnSpan column_span(const SourceSpan& s) {
    ColumnSpan c;
    c.end_line = static_cast<uint32_t>(s.end_line);
    if (s.col >= 0 && s.end_col >= 0 && s.col < ColumnSpan::kUnknownColumn &&
        s.end_col < ColumnSpan::kUnknownColumn) {
      c.col = static_cast<uint16_t>(s.col);
      c.end_col = static_cast<uint16_t>(s.end_col);
    }
    return c;
  }
  void emit(Op op, uint32_t arg = 0) {
    if (arg > kMaxInstrArg) fail("code too complex", SourceSpan{loc_.line, 0, loc_.line, 0});
    if (cur_.code->code.empty()) {
      // One allocation per table for typical small code objects instead of
      // a growth sequence each (compiling is on the path of every new run).
      constexpr size_t kInitialCapacity = 16;
      cur_.code->code.reserve(kInitialCapacity);
      cur_.code->lines.reserve(kInitialCapacity);
      cur_.code->columns.reserve(kInitialCapacity);
    }
    cur_.code->code.push_back(make_instr(op, arg));
    cur_.code->lines.push_back(static_cast<uint32_t>(loc_.line));
    cur_.code->columns.push_back(column_span(loc_));
  }
  int new_label() {
    cur_.label_pos.push_back(-1);
    return static_cast<int>(cur_.label_pos.size() - 1);
  }
  void bind_label(int l) { cur_.label_pos[l] = static_cast<int>(cur_.code->code.size()); }
  void emit_jump(Op op, int label) { emit(op, static_cast<uint32_t>(label)); }

  static bool is_jump(Op op) { return opcode_is_jump(op); }

  void finish() {
    Code& c = *cur_.code;
    for (Instr& in : c.code) {
      Op op = instr_op(in);
      if (is_jump(op)) {
        int target = cur_.label_pos[instr_arg(in)];
        in = make_instr(op, static_cast<uint32_t>(target));
      }
    }
    fuse_instructions(c);
    c.max_stack = compute_max_stack(c);
  }

  // Superinstructions: LOAD_FAST followed by LOAD_CONST or LOAD_FAST becomes
  // one dispatch. Only the first instruction is rewritten; it executes the
  // second one too and skips it. The second stays a valid instruction, so a
  // jump landing on it, the stack-effect walk and the snapshot verifier all
  // see an ordinary instruction stream.
  static void fuse_instructions(Code& c) {
    for (size_t i = 0; i + 1 < c.code.size(); i++) {
      Op op = instr_op(c.code[i]);
      if (op != Op::LOAD_FAST) continue;
      Op next = instr_op(c.code[i + 1]);
      if (next == Op::LOAD_CONST) {
        c.code[i] = make_instr(Op::LOAD_FAST_LOAD_CONST, instr_arg(c.code[i]));
      } else if (next == Op::LOAD_FAST || next == Op::LOAD_FAST_LOAD_CONST ||
                 next == Op::LOAD_FAST_LOAD_FAST) {
        c.code[i] = make_instr(Op::LOAD_FAST_LOAD_FAST, instr_arg(c.code[i]));
      }
    }
  }

  // Stack depth by abstract interpretation over the control-flow graph.
  static uint32_t compute_max_stack(const Code& c) {
    std::vector<int> depth(c.code.size() + 1, -1);
    std::vector<uint32_t> work;
    int maxd = 0;
    auto push_work = [&](uint32_t pc, int d) {
      if (pc >= c.code.size()) return;
      if (depth[pc] >= d) return;
      depth[pc] = d;
      work.push_back(pc);
    };
    push_work(0, 0);
    while (!work.empty()) {
      uint32_t pc = work.back();
      work.pop_back();
      int d = depth[pc];
      for (;;) {
        Instr in = c.code[pc];
        Op op = instr_op(in);
        uint32_t arg = instr_arg(in);
        int fall = 0, jump = 0;
        bool has_fall = true, has_jump = is_jump(op);
        switch (op) {
          case Op::CALL_METHOD:
            fall = -static_cast<int>(arg) - 1;
            break;
          case Op::BUILD_SLICE:
          case Op::BUILD_TUPLE:
          case Op::BUILD_LIST:
          case Op::BUILD_SET:
          case Op::BUILD_STRING:
            fall = 1 - static_cast<int>(arg);
            break;
          case Op::BUILD_MAP:
            fall = 1 - 2 * static_cast<int>(arg);
            break;
          case Op::FORMAT_VALUE:
            fall = (arg & 4) ? -1 : 0;
            break;
          case Op::UNPACK_SEQUENCE:
            fall = static_cast<int>(arg) - 1;
            break;
          case Op::UNPACK_EX:
            fall = static_cast<int>((arg & 0xff) + (arg >> 8));
            break;
          case Op::JUMP_IF_FALSE_OR_POP:
          case Op::JUMP_IF_TRUE_OR_POP:
            fall = -1;
            jump = 0;
            break;
          case Op::FOR_ITER:
            fall = 1;
            jump = -1;
            break;
          case Op::CALL:
            fall = -static_cast<int>(arg);
            break;
          case Op::CALL_KW:
            fall = -static_cast<int>(arg) - 1;
            break;
          case Op::CALL_EX:
            fall = (arg & 1) ? -2 : -1;
            break;
          case Op::MAKE_FUNCTION:
            fall = -std::popcount(arg);
            break;
          case Op::MAKE_CLASS:
            fall = -static_cast<int>(arg) - 1;
            break;
          case Op::YIELD_FROM:
            fall = -1;
            break;
          case Op::RAISE_VARARGS:
            fall = -static_cast<int>(arg);
            has_fall = false;
            break;
          case Op::SETUP_FINALLY:
            fall = 0;
            jump = 1;
            break;
          case Op::RETURN_VALUE:
          case Op::RERAISE:
            has_fall = false;
            break;
          case Op::JUMP:
            has_fall = false;
            jump = 0;
            break;
          case Op::POP_JUMP_IF_FALSE:
          case Op::POP_JUMP_IF_TRUE:
            fall = -1;
            jump = -1;
            break;
          case Op::JUMP_IF_NOT_UNDEF:
            fall = 0;
            jump = 0;
            break;
          default:
            fall = opcode_stack_effect(op);
            break;
        }
        if (has_jump) {
          int jd = d + jump;
          maxd = std::max(maxd, jd);
          push_work(arg, jd);
        }
        if (!has_fall) break;
        d += fall;
        if (d < 0) d = 0;
        maxd = std::max(maxd, d);
        pc++;
        if (pc >= c.code.size()) break;
        if (depth[pc] >= d) break;
        depth[pc] = d;
      }
    }
    return static_cast<uint32_t>(maxd) + 2;
  }

  // ---- names ----
  uint32_t local_slot(const std::string& n) {
    auto& names = cur_.code->local_names;
    for (size_t i = 0; i < names.size(); i++)
      if (names[i] == n) return static_cast<uint32_t>(i);
    names.push_back(n);
    return static_cast<uint32_t>(names.size() - 1);
  }
  uint32_t cell_slot(const std::string& n) {
    const Code& c = *cur_.code;
    for (size_t i = 0; i < c.cellvars.size(); i++)
      if (c.cellvars[i] == n) return static_cast<uint32_t>(i);
    for (size_t i = 0; i < c.freevars.size(); i++)
      if (c.freevars[i] == n) return static_cast<uint32_t>(c.cellvars.size() + i);
    fail("internal error: no cell for '" + n + "'", SourceSpan{loc_.line, 0, loc_.line, 0});
  }
  Where where(const std::string& n) {
    auto it = cur_.scope->where.find(n);
    if (it != cur_.scope->where.end()) return it->second;
    // Names the scope builder never saw (compiler temporaries).
    if (cur_.scope->kind == ScopeKind::Module) return Where::Global;
    if (cur_.scope->kind == ScopeKind::Class) return Where::Name;
    return Where::Fast;
  }
  void load_name(const std::string& n) {
    switch (where(n)) {
      case Where::Fast:
        emit(Op::LOAD_FAST, local_slot(n));
        break;
      case Where::Cell:
      case Where::Free:
        emit(Op::LOAD_DEREF, cell_slot(n));
        break;
      case Where::Global:
        emit(Op::LOAD_GLOBAL, global_id(n));
        break;
      case Where::Name:
        emit(Op::LOAD_NAME, global_id(n));
        break;
    }
  }
  void store_name(const std::string& n) {
    switch (where(n)) {
      case Where::Fast:
        emit(Op::STORE_FAST, local_slot(n));
        break;
      case Where::Cell:
      case Where::Free:
        emit(Op::STORE_DEREF, cell_slot(n));
        break;
      case Where::Global:
        emit(Op::STORE_GLOBAL, global_id(n));
        break;
      case Where::Name:
        emit(Op::STORE_NAME, global_id(n));
        break;
    }
  }
  void delete_name(const std::string& n) {
    switch (where(n)) {
      case Where::Fast:
        emit(Op::DELETE_FAST, local_slot(n));
        break;
      case Where::Cell:
      case Where::Free:
        emit(Op::DELETE_DEREF, cell_slot(n));
        break;
      case Where::Global:
        emit(Op::DELETE_GLOBAL, global_id(n));
        break;
      case Where::Name:
        emit(Op::DELETE_NAME, global_id(n));
        break;
    }
  }
  std::string new_temp() { return ".t" + std::to_string(cur_.temp_counter++); }

  // ---- statements ----
  void body(const StmtList& b) {
    for (const auto& s : b) stmt(*s);
  }

  void stmt(const Stmt& s) {
    loc_ = s.span;
    switch (s.kind) {
      case StmtKind::Expr:
        expr(*s.a);
        emit(Op::POP_TOP);
        break;
      case StmtKind::Assign:
        expr(*s.a);
        for (size_t i = 0; i < s.items.size(); i++) {
          if (i + 1 < s.items.size()) emit(Op::DUP_TOP);
          assign_to(*s.items[i]);
        }
        break;
      case StmtKind::AugAssign:
        aug_assign(s);
        break;
      case StmtKind::AnnAssign:
        if (s.a) {
          expr(*s.a);
          assign_to(*s.b);
        } else if (s.b->kind != ExprKind::Name) {
          // `x.y: int` evaluates x; nothing else happens.
          if (s.b->kind == ExprKind::Attribute) {
            expr(*s.b->a);
            emit(Op::POP_TOP);
          }
        }
        if (cur_.scope->kind == ScopeKind::Class && s.simple && s.b->kind == ExprKind::Name) {
          // [annotations] In a class body, __annotations__[name] = annotation
          // (what dataclasses read), after the assignment as in CPython.
          annotation_value(*s.c);
          load_name("__annotations__");
          emit(Op::LOAD_CONST, const_str(s.b->id));
          emit(Op::STORE_SUBSCR);
        }
        break;
      case StmtKind::Delete:
        for (const auto& t : s.items) delete_target(*t);
        break;
      case StmtKind::Pass:
        break;
      case StmtKind::Break:
        break_continue(s, true);
        break;
      case StmtKind::Continue:
        break_continue(s, false);
        break;
      case StmtKind::Return:
        if (!cur_.scope->is_function_like() || cur_.scope->kind == ScopeKind::Comprehension) {
          fail("'return' outside function", s.span);
        }
        if (s.a) {
          expr(*s.a);
        } else {
          emit(Op::LOAD_CONST, const_none());
        }
        unwind_fblocks(true, -1);
        loc_ = s.span;
        emit(Op::RETURN_VALUE);
        break;
      case StmtKind::Raise:
        if (s.a) expr(*s.a);
        if (s.b) expr(*s.b);
        emit(Op::RAISE_VARARGS, s.a ? (s.b ? 2 : 1) : 0);
        break;
      case StmtKind::Global:
      case StmtKind::Nonlocal:
        break;
      case StmtKind::If: {
        int else_l = new_label(), end = new_label();
        jump_if(*s.a, false, else_l);
        body(s.body);
        if (!s.orelse.empty()) emit_jump(Op::JUMP, end);
        bind_label(else_l);
        body(s.orelse);
        bind_label(end);
        break;
      }
      case StmtKind::While: {
        int top = new_label(), else_l = new_label(), end = new_label();
        bind_label(top);
        jump_if(*s.a, false, else_l);
        cur_.fblocks.push_back({FBlockKind::WhileLoop, top, end});
        body(s.body);
        cur_.fblocks.pop_back();
        loc_ = s.span;
        emit_jump(Op::JUMP, top);
        bind_label(else_l);
        body(s.orelse);
        bind_label(end);
        break;
      }
      case StmtKind::For: {
        if (s.is_async) fail("'async for' is not supported", s.span);
        int top = new_label(), else_l = new_label(), end = new_label();
        expr(*s.a);
        emit(Op::GET_ITER);
        bind_label(top);
        loc_ = s.span;
        emit_jump(Op::FOR_ITER, else_l);
        assign_to(*s.b);
        cur_.fblocks.push_back({FBlockKind::ForLoop, top, end});
        body(s.body);
        cur_.fblocks.pop_back();
        loc_ = s.span;
        emit_jump(Op::JUMP, top);
        bind_label(else_l);
        body(s.orelse);
        bind_label(end);
        break;
      }
      case StmtKind::Try:
        if (s.is_star) fail("'except*' is not supported", s.span);
        if (!s.finalbody.empty()) {
          try_finally(s);
        } else {
          try_except(s);
        }
        break;
      case StmtKind::With:
        if (s.is_async && !cur_.scope->coroutine)
          fail("'async with' outside async function", s.span);
        with_stmt(s, 0);
        break;
      case StmtKind::FunctionDef:
        function_def(s);
        break;
      case StmtKind::ClassDef:
        class_def(s);
        break;
      case StmtKind::Import:
        for (const auto& a : s.aliases) {
          // IMPORT_NAME of a dotted name imports its parents and gives
          // the submodule: `import a.b as c` binds it, `import a.b` then
          // binds the top-level package.
          emit(Op::IMPORT_NAME, code_name(a.name));
          if (!a.asname.empty()) {
            store_name(a.asname);
          } else if (a.name.find('.') != std::string::npos) {
            std::string top = a.name.substr(0, a.name.find('.'));
            emit(Op::POP_TOP);
            emit(Op::IMPORT_NAME, code_name(top));
            store_name(top);
          } else {
            store_name(a.name);
          }
        }
        break;
      case StmtKind::ImportFrom:
        if (s.module == "__future__" && s.level == 0) {
          if (std::find(future_statements_.begin(), future_statements_.end(), &s) ==
              future_statements_.end()) {
            fail("from __future__ imports must occur at the beginning of the file", s.span);
          }
          break;  // a compile-time switch (future_imports)
        }
        if (s.level > 0) fail("relative imports are not supported", s.span);
        emit(Op::IMPORT_NAME, code_name(s.module));
        for (const auto& a : s.aliases) {
          emit(Op::IMPORT_FROM, code_name(a.name));
          store_name(a.asname.empty() ? a.name : a.asname);
        }
        emit(Op::POP_TOP);
        break;
      case StmtKind::Assert: {
        int ok = new_label();
        jump_if(*s.a, true, ok);
        emit(Op::LOAD_ASSERTION_ERROR);
        if (s.b) {
          expr(*s.b);
          emit(Op::CALL, 1);
        }
        emit(Op::RAISE_VARARGS, 1);
        bind_label(ok);
        break;
      }
      case StmtKind::Match:
        match_stmt(s);
        break;
    }
  }

  MONTY_NOINLINE void break_continue(const Stmt& s, bool is_break) {
    // Find the innermost loop, unwinding what lies between.
    int loop = -1;
    for (int i = static_cast<int>(cur_.fblocks.size()) - 1; i >= 0; i--) {
      auto k = cur_.fblocks[i].kind;
      if (k == FBlockKind::WhileLoop || k == FBlockKind::ForLoop) {
        loop = i;
        break;
      }
    }
    if (loop < 0)
      fail(is_break ? "'break' outside loop" : "'continue' not properly in loop", s.span);
    unwind_fblocks(false, loop);
    FBlock& fb = cur_.fblocks[loop];
    if (is_break) {
      if (fb.kind == FBlockKind::ForLoop) emit(Op::POP_TOP);  // the iterator
      emit_jump(Op::JUMP, fb.break_label);
    } else {
      emit_jump(Op::JUMP, fb.continue_label);
    }
  }

  // Emits the exit code of every fblock above `stop` (exclusive; -1 = all).
  // With preserve_tos, the value on top of the stack (a return value) is kept.
  void unwind_fblocks(bool preserve_tos, int stop) {
    std::vector<FBlock> saved = cur_.fblocks;
    for (int i = static_cast<int>(cur_.fblocks.size()) - 1; i > stop; i--) {
      FBlock fb = cur_.fblocks[i];
      switch (fb.kind) {
        case FBlockKind::WhileLoop:
          break;
        case FBlockKind::ForLoop:
          if (preserve_tos) emit(Op::ROT_TWO);
          emit(Op::POP_TOP);
          break;
        case FBlockKind::TryExcept:
          emit(Op::POP_BLOCK);
          break;
        case FBlockKind::FinallyTry:
          emit(Op::POP_BLOCK);
          // The finally body runs outside its own protection.
          cur_.fblocks.resize(i);
          body(*fb.finalbody);
          cur_.fblocks = saved;
          break;
        case FBlockKind::FinallyEnd:
          // Inside the exceptional path of a finally: drop the pending exception.
          if (preserve_tos) emit(Op::ROT_TWO);
          emit(Op::POP_TOP);
          emit(Op::POP_EXCEPT);
          break;
        case FBlockKind::HandlerCleanup:
          emit(Op::POP_EXCEPT);
          break;
        case FBlockKind::With:
        case FBlockKind::AsyncWith:
          emit(Op::POP_BLOCK);
          if (preserve_tos) emit(Op::ROT_TWO);
          // stack: exit
          emit(Op::LOAD_CONST, const_none());
          emit(Op::DUP_TOP);
          emit(Op::DUP_TOP);
          emit(Op::CALL, 3);
          if (fb.kind == FBlockKind::AsyncWith) emit_await();
          emit(Op::POP_TOP);
          break;
      }
    }
  }

  MONTY_NOINLINE void try_except(const Stmt& s) {
    int handler = new_label(), end = new_label(), else_l = new_label();
    emit_jump(Op::SETUP_FINALLY, handler);
    cur_.fblocks.push_back({FBlockKind::TryExcept});
    body(s.body);
    cur_.fblocks.pop_back();
    emit(Op::POP_BLOCK);
    emit_jump(Op::JUMP, else_l);
    bind_label(handler);
    // stack: exc (also pushed on the VM's handled-exception stack)
    for (size_t i = 0; i < s.handlers.size(); i++) {
      const ExceptHandler& h = s.handlers[i];
      loc_ = h.span;
      int next = new_label();
      if (h.type) {
        expr(*h.type);
        emit(Op::CHECK_EXC_MATCH);
        emit_jump(Op::POP_JUMP_IF_FALSE, next);
      } else if (i + 1 != s.handlers.size()) {
        fail("default 'except:' must be last", h.span);
      }
      if (!h.name.empty()) {
        store_name(h.name);
      } else {
        emit(Op::POP_TOP);
      }
      cur_.fblocks.push_back({FBlockKind::HandlerCleanup});
      body(h.body);
      cur_.fblocks.pop_back();
      if (!h.name.empty()) {
        emit(Op::LOAD_CONST, const_none());
        store_name(h.name);
        delete_name(h.name);
      }
      emit(Op::POP_EXCEPT);
      emit_jump(Op::JUMP, end);
      bind_label(next);
    }
    emit(Op::RERAISE);
    bind_label(else_l);
    body(s.orelse);
    bind_label(end);
  }

  MONTY_NOINLINE void try_finally(const Stmt& s) {
    int handler = new_label(), end = new_label();
    emit_jump(Op::SETUP_FINALLY, handler);
    cur_.fblocks.push_back({FBlockKind::FinallyTry, -1, -1, &s.finalbody});
    if (!s.handlers.empty()) {
      try_except(s);
    } else {
      body(s.body);
    }
    cur_.fblocks.pop_back();
    emit(Op::POP_BLOCK);
    body(s.finalbody);
    emit_jump(Op::JUMP, end);
    bind_label(handler);
    cur_.fblocks.push_back({FBlockKind::FinallyEnd});
    body(s.finalbody);
    cur_.fblocks.pop_back();
    emit(Op::RERAISE);
    bind_label(end);
  }

  // await TOS: its awaitable (a coroutine, an asyncio future, what
  // __await__ returns), delegated to like yield from.
  void emit_await() {
    emit(Op::GET_AWAITABLE);
    emit(Op::LOAD_CONST, const_none());
    emit(Op::YIELD_FROM);
  }

  MONTY_NOINLINE void with_stmt(const Stmt& s, size_t item) {
    const WithItem& w = s.withitems[item];
    int handler = new_label(), end = new_label();
    expr(*w.context_expr);
    // [mgr] -> [exit, enter_result]; `async with` awaits what __aenter__
    // and __aexit__ return.
    emit(Op::DUP_TOP);
    emit(Op::LOAD_ATTR, code_name(s.is_async ? "__aexit__" : "__exit__"));
    emit(Op::ROT_TWO);
    emit(Op::LOAD_METHOD, code_name(s.is_async ? "__aenter__" : "__enter__"));
    emit(Op::CALL_METHOD, 0);
    if (s.is_async) emit_await();
    if (w.optional_vars) {
      assign_to(*w.optional_vars);
    } else {
      emit(Op::POP_TOP);
    }
    // The handler's stack depth is [exit]: protection starts after the
    // __enter__ result is bound.
    emit_jump(Op::SETUP_FINALLY, handler);
    cur_.fblocks.push_back({s.is_async ? FBlockKind::AsyncWith : FBlockKind::With});
    if (item + 1 < s.withitems.size()) {
      with_stmt(s, item + 1);
    } else {
      body(s.body);
    }
    cur_.fblocks.pop_back();
    loc_ = s.span;
    emit(Op::POP_BLOCK);
    emit(Op::LOAD_CONST, const_none());
    emit(Op::DUP_TOP);
    emit(Op::DUP_TOP);
    emit(Op::CALL, 3);
    if (s.is_async) emit_await();
    emit(Op::POP_TOP);
    emit_jump(Op::JUMP, end);
    bind_label(handler);
    // [exit, exc]
    int reraise = new_label();
    emit(Op::WITH_EXIT_CALL, s.is_async ? 1 : 0);
    if (s.is_async) emit_await();
    emit_jump(Op::POP_JUMP_IF_FALSE, reraise);
    emit(Op::POP_TOP);
    emit(Op::POP_TOP);
    emit(Op::POP_EXCEPT);
    emit_jump(Op::JUMP, end);
    bind_label(reraise);
    emit(Op::RERAISE);
    bind_label(end);
  }

  // Located like CPython 3.11: loading and storing the target at the target,
  // the operation at the statement.
  MONTY_NOINLINE void aug_assign(const Stmt& s) {
    const Expr& t = *s.b;
    uint32_t op = binop_arg(s.op) + kInplace;
    const SourceSpan stmt_loc = loc_;
    const SourceSpan target_loc =
        t.kind == ExprKind::Attribute ? at_attribute_name(t.span, t) : t.span;
    switch (t.kind) {
      case ExprKind::Name:
        // `name += x` on a fast local or a module global gets its own
        // instruction: the VM can then grow a str only that name holds in
        // place, which keeps string building in a loop linear.
        if (s.op == Operator::Add && where(t.id) == Where::Fast) {
          expr(*s.a);
          emit(Op::INPLACE_ADD_FAST, local_slot(t.id));
          break;
        }
        if (s.op == Operator::Add && where(t.id) == Where::Global) {
          expr(*s.a);
          emit(Op::INPLACE_ADD_GLOBAL, global_id(t.id));
          break;
        }
        loc_ = target_loc;
        load_name(t.id);
        loc_ = stmt_loc;
        expr(*s.a);
        emit(Op::BINARY_OP, op);
        loc_ = target_loc;
        store_name(t.id);
        break;
      case ExprKind::Attribute:
        loc_ = t.span;
        expr(*t.a);
        emit(Op::DUP_TOP);
        loc_ = target_loc;
        emit(Op::LOAD_ATTR, code_name(t.id));
        loc_ = stmt_loc;
        expr(*s.a);
        emit(Op::BINARY_OP, op);
        loc_ = target_loc;
        emit(Op::ROT_TWO);
        emit(Op::STORE_ATTR, code_name(t.id));
        break;
      case ExprKind::Subscript:
        loc_ = target_loc;
        expr(*t.a);
        expr(*t.b);
        emit(Op::DUP_TOP_TWO);
        emit(Op::BINARY_SUBSCR);
        loc_ = stmt_loc;
        expr(*s.a);
        emit(Op::BINARY_OP, op);
        loc_ = target_loc;
        emit(Op::ROT_THREE);
        emit(Op::STORE_SUBSCR);
        break;
      default:
        fail("'" + expr_description(t) + "' is an illegal expression for augmented assignment",
             t.span);
    }
    loc_ = stmt_loc;
  }

  // Stores (and deletes) are located at their target, as in CPython.
  void assign_to(const Expr& t) {
    const SourceSpan saved = loc_;
    if (t.span.line > 0) loc_ = t.span;
    assign_to_target(t);
    loc_ = saved;
  }

  void assign_to_target(const Expr& t) {
    switch (t.kind) {
      case ExprKind::Name:
        store_name(t.id);
        break;
      case ExprKind::Attribute:
        expr(*t.a);
        loc_ = at_attribute_name(loc_, t);
        emit(Op::STORE_ATTR, code_name(t.id));
        break;
      case ExprKind::Subscript:
        expr(*t.a);
        expr(*t.b);
        emit(Op::STORE_SUBSCR);
        break;
      case ExprKind::Tuple:
      case ExprKind::List: {
        size_t star = t.items.size();
        for (size_t i = 0; i < t.items.size(); i++) {
          if (t.items[i]->kind == ExprKind::Starred) {
            if (star != t.items.size())
              fail("multiple starred expressions in assignment", t.span);  // the whole target
            star = i;
          }
        }
        if (star == t.items.size()) {
          emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(t.items.size()));
        } else {
          size_t after = t.items.size() - star - 1;
          if (star > 255 || after > 65535)
            fail("too many expressions in star-unpacking assignment", t.span);
          emit(Op::UNPACK_EX, static_cast<uint32_t>(star | (after << 8)));
        }
        for (const auto& x : t.items) assign_to(x->kind == ExprKind::Starred ? *x->a : *x);
        break;
      }
      case ExprKind::Starred:
        fail("starred assignment target must be in a list or tuple", t.span);
      default:
        fail("cannot assign to " + expr_description(t), t.span);
    }
  }

  MONTY_NOINLINE void delete_target(const Expr& t) {
    const SourceSpan saved = loc_;
    if (t.span.line > 0) loc_ = t.span;
    delete_one(t);
    loc_ = saved;
  }

  void delete_one(const Expr& t) {
    switch (t.kind) {
      case ExprKind::Name:
        delete_name(t.id);
        break;
      case ExprKind::Attribute:
        expr(*t.a);
        loc_ = at_attribute_name(loc_, t);
        emit(Op::DELETE_ATTR, code_name(t.id));
        break;
      case ExprKind::Subscript:
        expr(*t.a);
        expr(*t.b);
        emit(Op::DELETE_SUBSCR);
        break;
      case ExprKind::Tuple:
      case ExprKind::List:
        for (const auto& x : t.items) delete_target(*x);
        break;
      default:
        fail("cannot delete " + expr_description(t), t.span);
    }
  }

  static std::string expr_description(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Call:
        return "function call";
      case ExprKind::Constant:
        if (e.constant.kind == ConstKind::None || e.constant.kind == ConstKind::True ||
            e.constant.kind == ConstKind::False) {
          return e.constant.kind == ConstKind::None
                     ? "None"
                     : (e.constant.kind == ConstKind::True ? "True" : "False");
        }
        if (e.constant.kind == ConstKind::Ellipsis) return "ellipsis";
        return "literal";
      case ExprKind::BinOp:
      case ExprKind::UnaryOp:
        return "expression";
      case ExprKind::BoolOp:
        return "expression";
      case ExprKind::Compare:
        return "comparison";
      case ExprKind::Lambda:
        return "lambda";
      case ExprKind::IfExp:
        return "conditional expression";
      case ExprKind::NamedExpr:
        return "named expression";
      case ExprKind::Dict:
        return "dict literal";
      case ExprKind::Set:
        return "set display";
      case ExprKind::ListComp:
        return "list comprehension";
      case ExprKind::SetComp:
        return "set comprehension";
      case ExprKind::DictComp:
        return "dict comprehension";
      case ExprKind::GeneratorExp:
        return "generator expression";
      case ExprKind::JoinedStr:
      case ExprKind::FormattedValue:
        return "f-string expression";
      case ExprKind::Yield:
      case ExprKind::YieldFrom:
        return "yield expression";
      case ExprKind::Await:
        return "await expression";
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
      default:
        return "expression";
    }
  }

  // ---- functions and classes ----
  // Emits the code object for a function-like scope and returns its index.
  uint32_t function_code(Scope* scope, const std::string& name, const Arguments* args,
                         const StmtList* body_stmts, const Expr* lambda_body, bool is_lambda) {
    Unit saved = std::move(cur_);
    SourceSpan saved_loc = loc_;
    uint32_t idx = new_code(scope, name);
    cur_ = Unit{&prog_.codes[idx], scope, idx, {}, {}, 0};
    Code& c = *cur_.code;
    c.first_line = static_cast<uint32_t>(loc_.line);
    if (scope->generator) c.flags |= kCodeGenerator;
    if (scope->coroutine) c.flags |= kCodeCoroutine;
    if (is_lambda) c.flags |= kCodeLambda;
    c.cellvars = scope->cellvars;
    c.freevars = scope->freevars;
    // Parameters occupy the first local slots, in CPython's order.
    if (args) {
      for (const auto& a : args->posonlyargs) local_slot(a.name);
      for (const auto& a : args->args) local_slot(a.name);
      for (const auto& a : args->kwonlyargs) local_slot(a.name);
      c.posonly_count = static_cast<uint32_t>(args->posonlyargs.size());
      c.arg_count = static_cast<uint32_t>(args->posonlyargs.size() + args->args.size());
      c.kwonly_count = static_cast<uint32_t>(args->kwonlyargs.size());
      if (args->vararg) {
        local_slot(args->vararg->name);
        c.flags |= kCodeVarArgs;
      }
      if (args->kwarg) {
        local_slot(args->kwarg->name);
        c.flags |= kCodeVarKeywords;
      }
    }
    for (size_t i = 0; i < c.cellvars.size(); i++) {
      for (size_t p = 0; p < c.local_names.size(); p++) {
        if (c.local_names[p] == c.cellvars[i]) {
          c.cell_params.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(p));
        }
      }
    }
    if (lambda_body) {
      loc_ = lambda_body->span;
      expr(*lambda_body);
      emit(Op::RETURN_VALUE);
    } else {
      size_t start = 0;
      if (!body_stmts->empty()) {
        const Stmt& first = *(*body_stmts)[0];
        if (first.kind == StmtKind::Expr && first.a->kind == ExprKind::Constant &&
            first.a->constant.kind == ConstKind::Str) {
          c.docstring = first.a->constant.text;
          c.has_docstring = true;
          start = 1;
        }
      }
      for (size_t i = start; i < body_stmts->size(); i++) stmt(*(*body_stmts)[i]);
      emit(Op::LOAD_CONST, const_none());
      emit(Op::RETURN_VALUE);
    }
    // Keep local_names (finish() must not clear them for functions).
    std::vector<std::string> locals = c.local_names;
    finish();
    prog_.codes[idx].local_names = std::move(locals);
    cur_ = std::move(saved);
    loc_ = saved_loc;
    return idx;
  }

  // Pushes the closure tuple for `scope`'s free variables; returns whether any.
  bool emit_closure(Scope* child) {
    if (child->freevars.empty()) return false;
    for (const auto& n : child->freevars) {
      if (n == "__class__" && cur_.scope->kind == ScopeKind::Class) {
        emit(Op::LOAD_CLOSURE, cell_slot("__class__"));
        continue;
      }
      emit(Op::LOAD_CLOSURE, cell_slot(n));
    }
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(child->freevars.size()));
    return true;
  }

  // [annotations] Pushes an annotation's value: the expression, or under
  // `from __future__ import annotations` its source text.
  void annotation_value(const Expr& e) {
    if (!future_annotations_) {
      expr(e);
      return;
    }
    Constant text;
    text.kind = Constant::Kind::Str;
    text.text = source_text(e.span);
    // A string annotation unparses as its repr ('Tree', not "Tree").
    const std::string& v = e.constant.text;
    if (e.kind == ExprKind::Constant && e.constant.kind == ConstKind::Str &&
        v.find_first_of("'\\\n\r\t") == std::string::npos) {
      text.text = "'" + v + "'";
    }
    emit(Op::LOAD_CONST, add_const(text));
  }
  // Whether a class body has `name: annotation` statements (then it starts
  // with __annotations__ = {}, CPython's SETUP_ANNOTATIONS), also inside its
  // compound statements but not in nested defs and classes.
  static bool has_simple_annotations(const ast::StmtList& body) {
    for (const auto& st : body) {
      if (st->kind == StmtKind::AnnAssign && st->simple && st->b->kind == ExprKind::Name)
        return true;
      if (st->kind == StmtKind::FunctionDef || st->kind == StmtKind::ClassDef) continue;
      if (has_simple_annotations(st->body) || has_simple_annotations(st->orelse) ||
          has_simple_annotations(st->finalbody))
        return true;
      for (const auto& h : st->handlers)
        if (has_simple_annotations(h.body)) return true;
      for (const auto& mc : st->cases)
        if (has_simple_annotations(mc.body)) return true;
    }
    return false;
  }
  // [annotations] Pushes the dict of a def's parameter and return
  // annotations, in CPython 3.11's order (args before posonlyargs); false
  // when there are none.
  bool emit_annotations(const Arguments* args, const Expr* returns) {
    uint32_t n = 0;
    auto one = [&](const std::string& name, const Expr* e) {
      if (!e) return;
      Constant k;
      k.kind = Constant::Kind::Str;
      k.text = name;
      emit(Op::LOAD_CONST, add_const(k));
      annotation_value(*e);
      n++;
    };
    if (args) {
      for (const Arg& a : args->args) one(a.name, a.annotation.get());
      for (const Arg& a : args->posonlyargs) one(a.name, a.annotation.get());
      if (args->vararg) one(args->vararg->name, args->vararg->annotation.get());
      for (const Arg& a : args->kwonlyargs) one(a.name, a.annotation.get());
      if (args->kwarg) one(args->kwarg->name, args->kwarg->annotation.get());
    }
    one("return", returns);
    if (n == 0) return false;
    emit(Op::BUILD_MAP, n);
    return true;
  }

  void make_function(Scope* child, uint32_t code_idx, const Arguments* args,
                     const Expr* returns = nullptr) {
    uint32_t flags = 0;
    if (args) {
      if (!args->defaults.empty()) {
        for (const auto& d : args->defaults) expr(*d);
        emit(Op::BUILD_TUPLE, static_cast<uint32_t>(args->defaults.size()));
        flags |= kFnDefaults;
      }
      bool any_kw = false;
      for (const auto& d : args->kw_defaults) any_kw |= d != nullptr;
      if (any_kw) {
        for (const auto& d : args->kw_defaults) {
          if (d) {
            expr(*d);
          } else {
            Constant u;
            u.kind = Constant::Kind::Undef;
            emit(Op::LOAD_CONST, add_const(u));
          }
        }
        emit(Op::BUILD_TUPLE, static_cast<uint32_t>(args->kw_defaults.size()));
        flags |= kFnKwDefaults;
      }
    }
    if (emit_annotations(args, returns)) flags |= kFnAnnotations;
    if (emit_closure(child)) flags |= kFnClosure;
    Constant c;
    c.kind = Constant::Kind::Code;
    c.int_value = code_idx;
    emit(Op::LOAD_CONST, add_const(c));
    emit(Op::MAKE_FUNCTION, flags);
  }

  // Decorators apply innermost (last) first, each call located at its
  // decorator, as in CPython 3.11.
  void apply_decorators(const Stmt& s) {
    const SourceSpan saved = loc_;
    for (size_t i = s.decorators.size(); i-- > 0;) {
      if (s.decorators[i]->span.line > 0) loc_ = s.decorators[i]->span;
      emit(Op::CALL, 1);
    }
    loc_ = saved;
  }

  MONTY_NOINLINE void function_def(const Stmt& s) {
    for (const auto& d : s.decorators) expr(*d);
    Scope* child = scopes_.scope_of.at(&s);
    SourceSpan def_loc = loc_;
    uint32_t idx = function_code(child, s.name, s.args.get(), &s.body, nullptr, false);
    loc_ = def_loc;
    make_function(child, idx, s.args.get(), s.c.get());
    apply_decorators(s);
    store_name(bound_name(s));
  }

  MONTY_NOINLINE void class_def(const Stmt& s) {
    for (const auto& k : s.keywords) {
      fail(k.arg.empty() ? "class keyword arguments are not supported"
                         : "class keyword argument '" + k.arg + "' is not supported",
           k.span);
    }
    for (const auto& d : s.decorators) expr(*d);
    Scope* child = scopes_.scope_of.at(&s);
    SourceSpan def_loc = loc_;
    // The class body is code run once with a fresh namespace.
    Unit saved = std::move(cur_);
    uint32_t idx = new_code(child, s.name);
    cur_ = Unit{&prog_.codes[idx], child, idx, {}, {}, 0};
    Code& c = *cur_.code;
    c.flags |= kCodeClassBody;
    c.first_line = static_cast<uint32_t>(loc_.line);
    c.cellvars = child->cellvars;
    c.freevars = child->freevars;
    size_t start = 0;
    if (!s.body.empty()) {
      const Stmt& first = *s.body[0];
      if (first.kind == StmtKind::Expr && first.a->kind == ExprKind::Constant &&
          first.a->constant.kind == ConstKind::Str) {
        c.docstring = first.a->constant.text;
        c.has_docstring = true;
        start = 1;
      }
    }
    if (has_simple_annotations(s.body)) {
      emit(Op::BUILD_MAP, 0);
      store_name("__annotations__");
    }
    for (size_t i = start; i < s.body.size(); i++) stmt(*s.body[i]);
    emit(Op::LOAD_CONST, const_none());
    emit(Op::RETURN_VALUE);
    std::vector<std::string> locals = c.local_names;
    finish();
    prog_.codes[idx].local_names = std::move(locals);
    cur_ = std::move(saved);
    loc_ = def_loc;
    make_function(child, idx, nullptr);
    emit(Op::LOAD_CONST, const_str(s.name));
    for (const auto& b : s.items) {
      if (b->kind == ExprKind::Starred) fail("starred base classes are not supported", b->span);
      expr(*b);
    }
    emit(Op::MAKE_CLASS, static_cast<uint32_t>(s.items.size()));
    apply_decorators(s);
    store_name(bound_name(s));
  }

  // ---- match ----
  MONTY_NOINLINE void match_stmt(const Stmt& s) {
    int end = new_label();
    std::string subject = new_temp();
    expr(*s.a);
    store_name(subject);
    for (size_t i = 0; i < s.cases.size(); i++) {
      const MatchCase& mc = s.cases[i];
      loc_ = mc.pattern->span;
      bool irrefutable =
          mc.pattern->kind == PatternKind::MatchAs && !mc.pattern->pattern && !mc.guard;
      if (irrefutable && i + 1 != s.cases.size()) {
        if (mc.pattern->name.empty()) {
          fail("wildcard makes remaining patterns unreachable", mc.pattern->span);
        }
        fail("name capture '" + mc.pattern->name + "' makes remaining patterns unreachable",
             mc.pattern->span);
      }
      int next = new_label();
      pattern(*mc.pattern, subject, next);
      if (mc.guard) jump_if(*mc.guard, false, next);
      body(mc.body);
      emit_jump(Op::JUMP, end);
      bind_label(next);
    }
    bind_label(end);
  }

  // Falls through when the value in `subj` matches; jumps to `fail_l` if not.
  void pattern(const Pattern& p, const std::string& subj, int fail_l) {
    loc_ = p.span;
    switch (p.kind) {
      case PatternKind::MatchValue:
        load_name(subj);
        expr(*p.value);
        emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::Eq));
        emit_jump(Op::POP_JUMP_IF_FALSE, fail_l);
        break;
      case PatternKind::MatchSingleton:
        load_name(subj);
        emit(Op::LOAD_CONST, add_const(constant_of(p.constant)));
        emit(Op::IS_OP, 0);
        emit_jump(Op::POP_JUMP_IF_FALSE, fail_l);
        break;
      case PatternKind::MatchAs:
        if (p.pattern) pattern(*p.pattern, subj, fail_l);
        if (!p.name.empty()) {
          load_name(subj);
          store_name(p.name);
        }
        break;
      case PatternKind::MatchStar:
        break;
      case PatternKind::MatchOr: {
        int ok = new_label();
        for (size_t i = 0; i < p.patterns.size(); i++) {
          bool last = i + 1 == p.patterns.size();
          int next = last ? fail_l : new_label();
          pattern(*p.patterns[i], subj, next);
          emit_jump(Op::JUMP, ok);
          if (!last) bind_label(next);
        }
        bind_label(ok);
        break;
      }
      case PatternKind::MatchSequence: {
        load_name(subj);
        emit(Op::MATCH_SEQUENCE);
        emit_jump(Op::POP_JUMP_IF_FALSE, fail_l);
        size_t n = p.patterns.size();
        size_t star = n;
        for (size_t i = 0; i < n; i++)
          if (p.patterns[i]->kind == PatternKind::MatchStar) star = i;
        load_name(subj);
        emit(Op::GET_LEN);
        if (star == n) {
          emit(Op::LOAD_CONST, const_int(static_cast<int64_t>(n)));
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::Eq));
        } else {
          emit(Op::LOAD_CONST, const_int(static_cast<int64_t>(n - 1)));
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::GtE));
        }
        emit_jump(Op::POP_JUMP_IF_FALSE, fail_l);
        for (size_t i = 0; i < n; i++) {
          const Pattern& sub = *p.patterns[i];
          if (sub.kind == PatternKind::MatchAs && !sub.pattern && sub.name.empty()) continue;
          std::string t = new_temp();
          if (i == star) {
            if (sub.name.empty()) continue;
            size_t after = n - star - 1;
            emit(Op::BUILD_LIST, 0);
            load_name(subj);
            emit(Op::LOAD_CONST, const_int(static_cast<int64_t>(star)));
            if (after == 0) {
              emit(Op::LOAD_CONST, const_none());
            } else {
              emit(Op::LOAD_CONST, const_int(-static_cast<int64_t>(after)));
            }
            emit(Op::BUILD_SLICE, 2);
            emit(Op::BINARY_SUBSCR);
            emit(Op::LIST_EXTEND, 1);
            store_name(sub.name);
            continue;
          }
          load_name(subj);
          int64_t index = i < star ? static_cast<int64_t>(i) : -static_cast<int64_t>(n - i);
          emit(Op::LOAD_CONST, const_int(index));
          emit(Op::BINARY_SUBSCR);
          store_name(t);
          pattern(sub, t, fail_l);
        }
        break;
      }
      case PatternKind::MatchMapping: {
        load_name(subj);
        emit(Op::MATCH_MAPPING);
        emit_jump(Op::POP_JUMP_IF_FALSE, fail_l);
        for (size_t i = 0; i < p.keys.size(); i++) {
          expr(*p.keys[i]);
          load_name(subj);
          emit(Op::CONTAINS_OP, 0);
          emit_jump(Op::POP_JUMP_IF_FALSE, fail_l);
          std::string t = new_temp();
          load_name(subj);
          expr(*p.keys[i]);
          emit(Op::BINARY_SUBSCR);
          store_name(t);
          pattern(*p.patterns[i], t, fail_l);
        }
        if (!p.name.empty()) {
          load_name(subj);
          for (const auto& k : p.keys) expr(*k);
          emit(Op::BUILD_TUPLE, static_cast<uint32_t>(p.keys.size()));
          emit(Op::COPY_DICT_WITHOUT_KEYS);
          store_name(p.name);
        }
        break;
      }
      case PatternKind::MatchClass: {
        load_name(subj);
        expr(*p.value);
        emit(Op::LOAD_CONST, const_str_tuple(p.kwd_attrs));
        emit(Op::MATCH_CLASS, static_cast<uint32_t>(p.patterns.size()));
        std::string attrs = new_temp();
        store_name(attrs);
        load_name(attrs);
        emit(Op::LOAD_CONST, const_none());
        emit(Op::IS_OP, 0);
        emit_jump(Op::POP_JUMP_IF_TRUE, fail_l);
        size_t total = p.patterns.size() + p.kwd_patterns.size();
        for (size_t i = 0; i < total; i++) {
          const Pattern& sub =
              i < p.patterns.size() ? *p.patterns[i] : *p.kwd_patterns[i - p.patterns.size()];
          if (sub.kind == PatternKind::MatchAs && !sub.pattern && sub.name.empty()) continue;
          std::string t = new_temp();
          load_name(attrs);
          emit(Op::LOAD_CONST, const_int(static_cast<int64_t>(i)));
          emit(Op::BINARY_SUBSCR);
          store_name(t);
          pattern(sub, t, fail_l);
        }
        break;
      }
    }
  }

  // ---- expressions ----
  static uint32_t binop_arg(Operator op) {
    switch (op) {
      case Operator::Add:
        return static_cast<uint32_t>(BinOp::Add);
      case Operator::Sub:
        return static_cast<uint32_t>(BinOp::Sub);
      case Operator::Mult:
        return static_cast<uint32_t>(BinOp::Mul);
      case Operator::MatMult:
        return static_cast<uint32_t>(BinOp::MatMul);
      case Operator::Div:
        return static_cast<uint32_t>(BinOp::TrueDiv);
      case Operator::Mod:
        return static_cast<uint32_t>(BinOp::Mod);
      case Operator::Pow:
        return static_cast<uint32_t>(BinOp::Pow);
      case Operator::LShift:
        return static_cast<uint32_t>(BinOp::LShift);
      case Operator::RShift:
        return static_cast<uint32_t>(BinOp::RShift);
      case Operator::BitOr:
        return static_cast<uint32_t>(BinOp::Or);
      case Operator::BitXor:
        return static_cast<uint32_t>(BinOp::Xor);
      case Operator::BitAnd:
        return static_cast<uint32_t>(BinOp::And);
      case Operator::FloorDiv:
        return static_cast<uint32_t>(BinOp::FloorDiv);
      default:
        return 0;
    }
  }

  Constant constant_of(const ast::Constant& k) {
    Constant c;
    switch (k.kind) {
      case ConstKind::None:
        c.kind = Constant::Kind::None;
        break;
      case ConstKind::True:
        c.kind = Constant::Kind::True;
        break;
      case ConstKind::False:
        c.kind = Constant::Kind::False;
        break;
      case ConstKind::Ellipsis:
        c.kind = Constant::Kind::Ellipsis;
        break;
      case ConstKind::Int:
        c.kind = Constant::Kind::Int;
        c.int_value = k.int_value;
        break;
      case ConstKind::BigInt:
        c.kind = Constant::Kind::BigInt;
        c.text = k.text;
        c.int_value = k.int_base;
        break;
      case ConstKind::Float:
        c.kind = Constant::Kind::Float;
        c.float_value = k.float_value;
        break;
      case ConstKind::Imaginary:
        fail("complex numbers are not supported", SourceSpan{loc_.line, 0, loc_.line, 0});
      case ConstKind::Str:
        c.kind = Constant::Kind::Str;
        c.text = k.text;
        break;
      case ConstKind::Bytes:
        c.kind = Constant::Kind::Bytes;
        c.text = k.text;
        break;
    }
    return c;
  }

  // Jumps to `label` when truth(e) == cond; otherwise falls through.
  void jump_if(const Expr& e, bool cond, int label) {
    if (e.kind == ExprKind::UnaryOp && e.op == Operator::Not) {
      jump_if(*e.a, !cond, label);
      return;
    }
    if (e.kind == ExprKind::BoolOp) {
      bool is_and = e.op == Operator::And;
      if (is_and != cond) {
        // (and, jump if false) / (or, jump if true): any operand decides.
        for (const auto& v : e.items) jump_if(*v, cond, label);
      } else {
        int skip = new_label();
        for (size_t i = 0; i + 1 < e.items.size(); i++) jump_if(*e.items[i], !cond, skip);
        jump_if(*e.items.back(), cond, label);
        bind_label(skip);
      }
      return;
    }
    // CPython 3.11 leaves a tested comparison's location in place for the
    // rest of the statement: `assert x == 2` raises at `x == 2`.
    if (e.kind == ExprKind::Compare && e.span.line > 0) loc_ = e.span;
    expr(e);
    emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
  }

  void expr(const Expr& e) {
    SourceSpan saved = loc_;
    if (e.span.line > 0) loc_ = e.span;
    expr_inner(e);
    loc_ = saved;
  }

  void expr_inner(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Name:
        load_name(e.id);
        break;
      case ExprKind::Constant:
        emit(Op::LOAD_CONST, add_const(constant_of(e.constant)));
        break;
      case ExprKind::JoinedStr: {
        if (e.items.empty()) {
          emit(Op::LOAD_CONST, const_str(""));
          break;
        }
        for (const auto& part : e.items) expr(*part);
        if (e.items.size() != 1 || e.items[0]->kind != ExprKind::Constant) {
          emit(Op::BUILD_STRING, static_cast<uint32_t>(e.items.size()));
        }
        break;
      }
      case ExprKind::FormattedValue: {
        expr(*e.a);
        uint32_t conv = e.conversion == 's'   ? 1
                        : e.conversion == 'r' ? 2
                        : e.conversion == 'a' ? 3
                                              : 0;
        if (e.b) {
          expr(*e.b);
          conv |= 4;
        }
        emit(Op::FORMAT_VALUE, conv);
        break;
      }
      case ExprKind::BinOp:
        expr(*e.a);
        expr(*e.b);
        emit(Op::BINARY_OP, binop_arg(e.op));
        break;
      case ExprKind::UnaryOp:
        expr(*e.a);
        emit(Op::UNARY_OP, static_cast<uint32_t>(e.op == Operator::USub   ? UnaryOp::Neg
                                                 : e.op == Operator::UAdd ? UnaryOp::Pos
                                                 : e.op == Operator::Not  ? UnaryOp::Not
                                                                          : UnaryOp::Invert));
        break;
      case ExprKind::BoolOp: {
        int end = new_label();
        Op jop = e.op == Operator::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
        for (size_t i = 0; i < e.items.size(); i++) {
          expr(*e.items[i]);
          if (i + 1 < e.items.size()) emit_jump(jop, end);
        }
        bind_label(end);
        break;
      }
      case ExprKind::Compare:
        compare(e);
        break;
      case ExprKind::Call:
        call(e);
        break;
      case ExprKind::Attribute:
        expr(*e.a);
        loc_ = at_attribute_name(loc_, e);
        emit(Op::LOAD_ATTR, code_name(e.id));
        break;
      case ExprKind::Subscript:
        expr(*e.a);
        expr(*e.b);
        emit(Op::BINARY_SUBSCR);
        break;
      case ExprKind::Slice: {
        auto part = [&](const ExprPtr& p) {
          if (p) {
            expr(*p);
          } else {
            emit(Op::LOAD_CONST, const_none());
          }
        };
        part(e.a);
        part(e.b);
        if (e.c) {
          part(e.c);
          emit(Op::BUILD_SLICE, 3);
        } else {
          emit(Op::BUILD_SLICE, 2);
        }
        break;
      }
      case ExprKind::Starred:
        fail("can't use starred expression here", e.span);
      case ExprKind::List:
      case ExprKind::Tuple:
      case ExprKind::Set:
        display(e);
        break;
      case ExprKind::Dict: {
        bool has_unpack = false;
        for (const auto& k : e.items) has_unpack |= k == nullptr;
        if (!has_unpack && e.items.size() < 1000) {
          for (size_t i = 0; i < e.items.size(); i++) {
            expr(*e.items[i]);
            expr(*e.values[i]);
          }
          emit(Op::BUILD_MAP, static_cast<uint32_t>(e.items.size()));
          break;
        }
        emit(Op::BUILD_MAP, 0);
        for (size_t i = 0; i < e.items.size(); i++) {
          if (e.items[i]) {
            expr(*e.items[i]);
            expr(*e.values[i]);
            emit(Op::MAP_ADD, 1);
          } else {
            expr(*e.values[i]);
            emit(Op::DICT_UPDATE, 1);
          }
        }
        break;
      }
      case ExprKind::ListComp:
      case ExprKind::SetComp:
      case ExprKind::DictComp:
      case ExprKind::GeneratorExp:
        comprehension(e);
        break;
      case ExprKind::Lambda: {
        Scope* child = scopes_.scope_of.at(&e);
        uint32_t idx = function_code(child, "<lambda>", e.args.get(), nullptr, e.a.get(), true);
        make_function(child, idx, e.args.get());
        break;
      }
      case ExprKind::IfExp: {
        int else_l = new_label(), end = new_label();
        jump_if(*e.a, false, else_l);
        expr(*e.b);
        emit_jump(Op::JUMP, end);
        bind_label(else_l);
        expr(*e.c);
        bind_label(end);
        break;
      }
      case ExprKind::NamedExpr:
        expr(*e.b);
        emit(Op::DUP_TOP);
        store_name(e.a->id);
        break;
      case ExprKind::Yield:
        if (e.a) {
          expr(*e.a);
        } else {
          emit(Op::LOAD_CONST, const_none());
        }
        emit(Op::YIELD_VALUE);
        break;
      case ExprKind::YieldFrom:
        expr(*e.a);
        emit(Op::GET_ITER);
        emit(Op::LOAD_CONST, const_none());
        emit(Op::YIELD_FROM);
        break;
      case ExprKind::Await:
        expr(*e.a);
        emit_await();
        break;
    }
  }

  void compare(const Expr& e) {
    auto emit_cmp = [&](CmpOp op) {
      switch (op) {
        case CmpOp::Eq:
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::Eq));
          break;
        case CmpOp::NotEq:
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::NotEq));
          break;
        case CmpOp::Lt:
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::Lt));
          break;
        case CmpOp::LtE:
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::LtE));
          break;
        case CmpOp::Gt:
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::Gt));
          break;
        case CmpOp::GtE:
          emit(Op::COMPARE_OP, static_cast<uint32_t>(CmpArg::GtE));
          break;
        case CmpOp::Is:
          emit(Op::IS_OP, 0);
          break;
        case CmpOp::IsNot:
          emit(Op::IS_OP, 1);
          break;
        case CmpOp::In:
          emit(Op::CONTAINS_OP, 0);
          break;
        case CmpOp::NotIn:
          emit(Op::CONTAINS_OP, 1);
          break;
      }
    };
    expr(*e.a);
    if (e.cmp_ops.size() == 1) {
      expr(*e.items[0]);
      emit_cmp(e.cmp_ops[0]);
      return;
    }
    int cleanup = new_label(), end = new_label();
    for (size_t i = 0; i < e.cmp_ops.size(); i++) {
      expr(*e.items[i]);
      if (i + 1 < e.cmp_ops.size()) {
        emit(Op::DUP_TOP);
        emit(Op::ROT_THREE);
        emit_cmp(e.cmp_ops[i]);
        emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
      } else {
        emit_cmp(e.cmp_ops[i]);
      }
    }
    emit_jump(Op::JUMP, end);
    bind_label(cleanup);
    emit(Op::ROT_TWO);
    emit(Op::POP_TOP);
    bind_label(end);
  }

  void display(const Expr& e) {
    bool has_star = false;
    for (const auto& x : e.items) has_star |= x->kind == ExprKind::Starred;
    Op build = e.kind == ExprKind::Set    ? Op::BUILD_SET
               : e.kind == ExprKind::List ? Op::BUILD_LIST
                                          : Op::BUILD_TUPLE;
    if (!has_star) {
      if (e.kind == ExprKind::Tuple && all_constant(e)) {
        emit(Op::LOAD_CONST, add_const(tuple_constant(e)));
        return;
      }
      for (const auto& x : e.items) expr(*x);
      emit(build, static_cast<uint32_t>(e.items.size()));
      return;
    }
    Op extend = e.kind == ExprKind::Set ? Op::SET_UPDATE : Op::LIST_EXTEND;
    emit(e.kind == ExprKind::Set ? Op::BUILD_SET : Op::BUILD_LIST, 0);
    for (const auto& x : e.items) {
      if (x->kind == ExprKind::Starred) {
        expr(*x->a);
        emit(extend, 1);
      } else {
        expr(*x);
        emit(e.kind == ExprKind::Set ? Op::SET_ADD : Op::LIST_APPEND, 1);
      }
    }
    if (e.kind == ExprKind::Tuple) emit(Op::LIST_TO_TUPLE);
  }

  static bool all_constant(const Expr& e) {
    for (const auto& x : e.items) {
      if (x->kind == ExprKind::Constant) {
        if (x->constant.kind == ConstKind::Imaginary) return false;
        continue;
      }
      if (x->kind == ExprKind::Tuple && all_constant(*x)) continue;
      return false;
    }
    return true;
  }
  Constant tuple_constant(const Expr& e) {
    Constant c;
    c.kind = Constant::Kind::Tuple;
    for (const auto& x : e.items) {
      c.items.push_back(x->kind == ExprKind::Tuple ? tuple_constant(*x) : constant_of(x->constant));
    }
    return c;
  }

  void call(const Expr& e) {
    bool has_star = false, has_dstar = false;
    for (const auto& a : e.items) has_star |= a->kind == ExprKind::Starred;
    for (const auto& k : e.keywords) has_dstar |= k.arg.empty();
    // Zero-argument super() becomes super(__class__, <first argument>).
    if (e.a->kind == ExprKind::Name && e.a->id == "super" && e.items.empty() &&
        e.keywords.empty() && cur_.scope->is_function_like() && where("__class__") == Where::Free) {
      load_name("super");
      emit(Op::LOAD_DEREF, cell_slot("__class__"));
      if (cur_.code->local_names.empty() && cur_.scope->params.empty()) {
        fail("super(): no arguments", e.span);
      }
      const std::string& first =
          cur_.scope->params.empty() ? cur_.code->local_names[0] : cur_.scope->params[0];
      load_name(first);
      emit(Op::CALL, 2);
      return;
    }
    if (has_star || has_dstar) {
      expr(*e.a);
      emit(Op::BUILD_LIST, 0);
      for (const auto& a : e.items) {
        if (a->kind == ExprKind::Starred) {
          expr(*a->a);
          emit(Op::LIST_EXTEND, 1);
        } else {
          expr(*a);
          emit(Op::LIST_APPEND, 1);
        }
      }
      emit(Op::LIST_TO_TUPLE);
      if (!e.keywords.empty()) {
        emit(Op::BUILD_MAP, 0);
        for (const auto& k : e.keywords) {
          if (k.arg.empty()) {
            expr(*k.value);
            emit(Op::DICT_MERGE, 1);
          } else {
            emit(Op::LOAD_CONST, const_str(k.arg));
            expr(*k.value);
            emit(Op::MAP_ADD, 1);
          }
        }
        emit(Op::CALL_EX, 1);
      } else {
        emit(Op::CALL_EX, 0);
      }
      return;
    }
    if (!e.keywords.empty()) {
      std::vector<std::string> names;
      for (const auto& k : e.keywords) {
        if (std::find(names.begin(), names.end(), k.arg) != names.end()) {
          fail("keyword argument repeated: " + k.arg, k.span);
        }
        names.push_back(k.arg);
      }
      expr(*e.a);
      for (const auto& a : e.items) expr(*a);
      for (const auto& k : e.keywords) expr(*k.value);
      SourceSpan saved = loc_;
      if (e.a->kind == ExprKind::Attribute) loc_ = at_attribute_name(e.span, *e.a);
      emit(Op::LOAD_CONST, const_str_tuple(names));
      emit(Op::CALL_KW, static_cast<uint32_t>(e.items.size() + e.keywords.size()));
      loc_ = saved;
      return;
    }
    if (e.a->kind == ExprKind::Attribute) {
      expr(*e.a->a);
      // As in CPython 3.11, the method lookup is located at the attribute and
      // the call at the call, both starting at the method's name when the
      // attribute ends on a later line.
      SourceSpan saved = loc_;
      loc_ = at_attribute_name(e.a->span, *e.a);
      emit(Op::LOAD_METHOD, code_name(e.a->id));
      loc_ = saved;
      for (const auto& a : e.items) expr(*a);
      loc_ = at_attribute_name(e.span, *e.a);
      emit(Op::CALL_METHOD, static_cast<uint32_t>(e.items.size()));
      loc_ = saved;
      return;
    }
    expr(*e.a);
    for (const auto& a : e.items) expr(*a);
    emit(Op::CALL, static_cast<uint32_t>(e.items.size()));
  }

  MONTY_NOINLINE void comprehension(const Expr& e) {
    Scope* child = scopes_.scope_of.at(&e);
    const char* name = e.kind == ExprKind::ListComp   ? "<listcomp>"
                       : e.kind == ExprKind::SetComp  ? "<setcomp>"
                       : e.kind == ExprKind::DictComp ? "<dictcomp>"
                                                      : "<genexpr>";
    Unit saved = std::move(cur_);
    SourceSpan saved_loc = loc_;
    uint32_t idx = new_code(child, name);
    cur_ = Unit{&prog_.codes[idx], child, idx, {}, {}, 0};
    Code& c = *cur_.code;
    c.flags |= kCodeComprehension;
    if (child->generator) c.flags |= kCodeGenerator;
    if (child->coroutine) c.flags |= kCodeCoroutine;
    c.cellvars = child->cellvars;
    c.freevars = child->freevars;
    c.arg_count = 1;
    local_slot(".0");
    for (size_t i = 0; i < c.cellvars.size(); i++)
      if (c.cellvars[i] == ".0") c.cell_params.emplace_back(static_cast<uint32_t>(i), 0);
    if (e.kind == ExprKind::ListComp) emit(Op::BUILD_LIST, 0);
    if (e.kind == ExprKind::SetComp) emit(Op::BUILD_SET, 0);
    if (e.kind == ExprKind::DictComp) emit(Op::BUILD_MAP, 0);
    comp_loop(e, 0);
    if (e.kind == ExprKind::GeneratorExp) emit(Op::LOAD_CONST, const_none());
    emit(Op::RETURN_VALUE);
    std::vector<std::string> locals = c.local_names;
    finish();
    prog_.codes[idx].local_names = std::move(locals);
    cur_ = std::move(saved);
    loc_ = saved_loc;
    make_function(child, idx, nullptr);
    expr(*e.generators[0].iter);
    emit(Op::GET_ITER);
    emit(Op::CALL, 1);
    if (child->coroutine) emit_await();
  }

  void comp_loop(const Expr& e, size_t depth) {
    const Comprehension& g = e.generators[depth];
    if (g.is_async) fail("asynchronous comprehensions are not supported", e.span);
    int top = new_label(), end = new_label();
    if (depth == 0) {
      emit(Op::LOAD_FAST, local_slot(".0"));
    } else {
      expr(*g.iter);
      emit(Op::GET_ITER);
    }
    bind_label(top);
    emit_jump(Op::FOR_ITER, end);
    assign_to(*g.target);
    for (const auto& cond : g.ifs) jump_if(*cond, false, top);
    if (depth + 1 < e.generators.size()) {
      comp_loop(e, depth + 1);
    } else {
      uint32_t loops = static_cast<uint32_t>(e.generators.size());
      switch (e.kind) {
        case ExprKind::ListComp:
          expr(*e.a);
          emit(Op::LIST_APPEND, loops + 1);
          break;
        case ExprKind::SetComp:
          expr(*e.a);
          emit(Op::SET_ADD, loops + 1);
          break;
        case ExprKind::DictComp:
          expr(*e.a);
          expr(*e.b);
          emit(Op::MAP_ADD, loops + 1);
          break;
        default:
          expr(*e.a);
          emit(Op::YIELD_VALUE);
          emit(Op::POP_TOP);
          break;
      }
    }
    emit_jump(Op::JUMP, top);
    bind_label(end);
  }
};

}  // namespace

CompileResult compile_program(std::string_view source, std::string_view script_name,
                              const std::vector<std::string>& input_names,
                              const std::vector<std::string>& external_functions) {
  CompileResult result;
  syntax::ParseResult parsed = syntax::parse_module(source);
  if (!parsed.module) {
    result.error = parsed.error;
    return result;
  }
  auto program = std::make_shared<Program>();
  program->script_name = std::string(script_name);
  program->input_names = input_names;
  program->external_functions = external_functions;
  // Source lines, for tracebacks.
  size_t start = 0;
  while (start <= source.size()) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) nl = source.size();
    std::string_view line = source.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    program->source_lines.emplace_back(line);
    start = nl + 1;
  }
  try {
    mangle_private_names(*parsed.module);
    ScopeBuilder builder;
    std::unique_ptr<Scope> root = builder.build(*parsed.module);
    resolve(root.get());
    link_all(root.get());
    CodeGen gen(*program, builder);
    // Inputs and externals are globals the run assigns before the module starts.
    for (const auto& n : input_names) gen.global_id(n);
    for (const auto& n : external_functions) gen.global_id(n);
    gen.compile_module(*parsed.module, root.get());
  } catch (const CompileError& e) {
    syntax::SyntaxErrorInfo info;
    info.message = e.message;
    info.line = e.span.line;
    info.col = e.span.col + 1;
    info.end_line = e.span.end_line;
    info.end_col = e.span.end_col + 1;
    if (e.span.line >= 1 && static_cast<size_t>(e.span.line) <= program->source_lines.size()) {
      info.source_line = program->source_lines[e.span.line - 1];
      info.has_source_line = true;
    }
    result.error = info;
    return result;
  }
  result.program = std::move(program);
  return result;
}

std::shared_ptr<Program> new_session_program(std::string_view script_name) {
  // The empty module always compiles.
  std::shared_ptr<Program> program = compile_program("", script_name, {}, {}).program;
  program->source_lines.clear();
  return program;
}

SnippetResult compile_snippet(Program& program, std::string_view source) {
  SnippetResult result;
  syntax::ParseResult parsed = syntax::parse_module(source);
  if (!parsed.module) {
    result.error = parsed.error;
    return result;
  }
  // A failed snippet must leave the program exactly as it was: code already
  // running (functions of earlier snippets) indexes these tables.
  const size_t codes_before = program.codes.size();
  const size_t names_before = program.names.size();
  const size_t globals_before = program.globals.size();
  const bool returns_before = program.returns_last_expression;
  try {
    mangle_private_names(*parsed.module);
    ScopeBuilder builder;
    std::unique_ptr<Scope> root = builder.build(*parsed.module);
    resolve(root.get());
    link_all(root.get());
    CodeGen gen(program, builder);
    gen.seed_tables();
    result.code_index = gen.next_code_index();
    gen.compile_module(*parsed.module, root.get());
    program.snippets.emplace_back(source);
  } catch (const CompileError& e) {
    program.codes.resize(codes_before);
    program.names.resize(names_before);
    program.globals.resize(globals_before);
    program.returns_last_expression = returns_before;
    syntax::SyntaxErrorInfo info;
    info.message = e.message;
    info.line = e.span.line;
    info.col = e.span.col + 1;
    info.end_line = e.span.end_line;
    info.end_col = e.span.end_col + 1;
    size_t start = 0;
    for (int line = 1; line < e.span.line && start <= source.size(); line++) {
      size_t nl = source.find('\n', start);
      start = nl == std::string_view::npos ? source.size() + 1 : nl + 1;
    }
    if (e.span.line >= 1 && start <= source.size()) {
      size_t nl = source.find('\n', start);
      std::string_view text =
          source.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      info.source_line = std::string(text);
      info.has_source_line = true;
    }
    result.error = info;
  }
  return result;
}

}  // namespace monty

// Private name mangling: see mangle.h. CPython's rules (Python/compile.c,
// _Py_Mangle): only names starting with two underscores, not ending with two,
// and without a dot are mangled; the class name loses its leading
// underscores, and a class named only with underscores mangles nothing. A
// nested class mangles its own body with its own name.
#include "compiler/mangle.h"

#include <utility>

namespace monty {

std::string mangle_private_name(const std::string& class_name, const std::string& name) {
  if (class_name.empty() || name.size() < 3 || name[0] != '_' || name[1] != '_') return name;
  if (name.size() >= 4 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_') return name;
  if (name.find('.') != std::string::npos) return name;
  size_t start = class_name.find_first_not_of('_');
  if (start == std::string::npos) return name;
  return "_" + class_name.substr(start) + name;
}

namespace {

using namespace ast;

class Mangler {
 public:
  void module(Module& m) { body(m.body); }

 private:
  std::string private_;  // the innermost enclosing class's name, or empty

  void fix(std::string& name) {
    if (!private_.empty()) name = mangle_private_name(private_, name);
  }

  void body(StmtList& list) {
    for (auto& s : list) stmt(*s);
  }

  void opt(ExprPtr& e) {
    if (e) expr(*e);
  }

  void arguments(Arguments& a, bool names) {
    for (auto& d : a.defaults) opt(d);
    for (auto& d : a.kw_defaults) opt(d);
    auto arg = [&](Arg& x) {
      opt(x.annotation);
      if (names) fix(x.name);
    };
    for (auto& x : a.posonlyargs) arg(x);
    for (auto& x : a.args) arg(x);
    for (auto& x : a.kwonlyargs) arg(x);
    if (a.vararg) arg(*a.vararg);
    if (a.kwarg) arg(*a.kwarg);
  }

  void stmt(Stmt& s) {
    opt(s.a);
    opt(s.b);
    opt(s.c);
    for (auto& e : s.items) opt(e);
    for (auto& k : s.keywords) opt(k.value);
    for (auto& d : s.decorators) opt(d);
    for (auto& n : s.names) fix(n);
    switch (s.kind) {
      case StmtKind::FunctionDef:
        s.bind_name = s.name;
        fix(s.bind_name);
        // Defaults and annotations belong to the enclosing scope; the
        // parameters are names of the function, inside the same class.
        arguments(*s.args, true);
        break;
      case StmtKind::ClassDef: {
        s.bind_name = s.name;
        fix(s.bind_name);
        std::string outer = std::exchange(private_, s.name);
        body(s.body);
        private_ = std::move(outer);
        return;
      }
      case StmtKind::Import:
        for (auto& a : s.aliases) fix(a.asname);
        break;
      case StmtKind::ImportFrom:
        for (auto& a : s.aliases) {
          if (a.asname.empty() && a.name != "*" && mangle_private_name(private_, a.name) != a.name)
            a.asname = a.name;
          fix(a.asname);
        }
        break;
      default:
        break;
    }
    body(s.body);
    body(s.orelse);
    body(s.finalbody);
    for (auto& h : s.handlers) {
      opt(h.type);
      fix(h.name);
      body(h.body);
    }
    for (auto& w : s.withitems) {
      opt(w.context_expr);
      opt(w.optional_vars);
    }
    for (auto& c : s.cases) {
      pattern(*c.pattern);
      opt(c.guard);
      body(c.body);
    }
  }

  void pattern(Pattern& p) {
    opt(p.value);
    for (auto& x : p.patterns) pattern(*x);
    for (auto& k : p.keys) opt(k);
    for (auto& x : p.kwd_patterns) pattern(*x);
    fix(p.name);
    if (p.pattern) pattern(*p.pattern);
  }

  void expr(Expr& e) {
    if (e.kind == ExprKind::Name || e.kind == ExprKind::Attribute) fix(e.id);
    opt(e.a);
    opt(e.b);
    opt(e.c);
    for (auto& x : e.items) opt(x);
    for (auto& x : e.values) opt(x);
    // Keyword argument names are not mangled (CPython neither): f(__p=1)
    // inside a class does not match a parameter __p, which is.
    for (auto& k : e.keywords) opt(k.value);
    for (auto& g : e.generators) {
      opt(g.target);
      opt(g.iter);
      for (auto& c : g.ifs) opt(c);
    }
    if (e.args) arguments(*e.args, true);
  }
};

}  // namespace

void mangle_private_names(ast::Module& module) { Mangler().module(module); }

}  // namespace monty

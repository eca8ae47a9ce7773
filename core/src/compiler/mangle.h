// Private name mangling, as CPython does it before compiling: inside a class
// body (and the functions, lambdas and comprehensions nested in it), an
// identifier `__x` that does not end in `__` becomes `_Class__x`, so
// `self.__balance` in class Account is stored as `_Account__balance` and a
// subclass's own `__balance` does not collide with it.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace monty {

// `name` as written inside class `class_name` (empty: outside any class).
std::string mangle_private_name(const std::string& class_name, const std::string& name);

// Rewrites every identifier of the module that CPython mangles: names,
// attribute names, parameters (not keyword arguments), global/nonlocal names,
// except/match/import targets; sets Stmt::bind_name of every def and class.
// Function and class __name__/__qualname__ keep the name as written.
void mangle_private_names(ast::Module& module);

}  // namespace monty

// A deterministic text form of the AST for golden tests: the same text as
// CPython 3.11's `ast.dump(tree)` (and, with positions, as
// `ast.dump(tree, include_attributes=True)`), so expected outputs can be
// produced by CPython itself. Known differences: Constant never shows
// `kind='u'`, and columns count code points where CPython counts UTF-8 bytes.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace monty::syntax {

std::string dump_ast(const ast::Module& module);

// With lineno/col_offset/end_lineno/end_col_offset on every node that has them.
std::string dump_ast(const ast::Module& module, bool include_positions);

}  // namespace monty::syntax

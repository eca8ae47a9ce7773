// AST -> bytecode. One pass of scope analysis (which names are local, cell,
// free or global in each scope), then code generation into a Program.
//
// Unsupported constructs are rejected here with a SyntaxError that names
// them ("async functions are not supported"), as are CPython's compile-time
// errors ("'return' outside function", "no binding for nonlocal 'x' found").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/code.h"
#include "syntax/ast.h"
#include "syntax/parser.h"

namespace monty {

struct CompileResult {
  std::shared_ptr<Program> program;                  // set on success
  std::optional<syntax::SyntaxErrorInfo> error;      // set on failure
};

// Parses and compiles a whole module. `input_names` become globals assigned
// before the module runs; `external_functions` are names the host provides.
CompileResult compile_program(std::string_view source, std::string_view script_name,
                              const std::vector<std::string>& input_names,
                              const std::vector<std::string>& external_functions);

}  // namespace monty

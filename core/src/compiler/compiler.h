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
  std::shared_ptr<Program> program;              // set on success
  std::optional<syntax::SyntaxErrorInfo> error;  // set on failure
};

// Parses and compiles a whole module. `input_names` become globals assigned
// before the module runs; `external_functions` are names the host provides.
CompileResult compile_program(std::string_view source, std::string_view script_name,
                              const std::vector<std::string>& input_names,
                              const std::vector<std::string>& external_functions);

struct SnippetResult {
  uint32_t code_index = 0;                       // the snippet's module code
  std::optional<syntax::SyntaxErrorInfo> error;  // set on failure
};

// REPL: the program a session starts from, an empty module named
// `script_name`. It keeps no source lines: tracebacks of snippets number
// lines within the snippet and, like CPython's interactive prompt, show no
// source text.
std::shared_ptr<Program> new_session_program(std::string_view script_name);

// REPL: compiles `source` as one more module-level code appended to
// `program`. Names and global slots of earlier snippets keep their indices
// (a name assigned in one snippet is the same global in the next), so code
// and frames of earlier snippets stay valid. On success `source` is appended
// to Program::snippets; on a SyntaxError the program is left unchanged.
SnippetResult compile_snippet(Program& program, std::string_view source);

}  // namespace monty

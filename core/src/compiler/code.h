// Compiled code: what the compiler produces and the VM runs.
//
// A Program is immutable once compiled and may be shared by any number of
// runs. It holds every Code object of a module in one table (functions refer
// to each other by index), the module's global-name table (LOAD_GLOBAL's
// argument indexes it, so globals are slots, not dict lookups) and the source
// lines, for tracebacks.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "compiler/opcodes.h"

namespace monty {

// A compile-time constant. Runtime values are materialized from these once
// per run.
struct Constant {
  enum class Kind : uint8_t { None, True, False, Ellipsis, Int, BigInt, Float, Str, Bytes, Tuple, Code, Undef };
  Kind kind = Kind::None;
  int64_t int_value = 0;        // Int; Code: code index
  double float_value = 0;       // Float
  std::string text;             // BigInt (decimal digits, optional '-'), Str (UTF-8), Bytes
  std::vector<Constant> items;  // Tuple

  friend bool operator==(const Constant& a, const Constant& b);
};

enum CodeFlags : uint32_t {
  kCodeVarArgs = 1,      // has *args
  kCodeVarKeywords = 2,  // has **kwargs
  kCodeGenerator = 4,    // contains yield
  kCodeClassBody = 8,    // class body: names go to the namespace dict
  kCodeModule = 16,      // module top level
  kCodeLambda = 32,
  kCodeComprehension = 64,
};

struct Code {
  std::string name;      // "<module>", "f", "<lambda>", "<listcomp>", ...
  std::string qualname;  // "C.f", "f.<locals>.g"
  uint32_t flags = 0;
  // Parameters are the first locals: posonly, then positional-or-keyword,
  // then keyword-only, then *args, then **kwargs.
  uint32_t posonly_count = 0;
  uint32_t arg_count = 0;     // positional parameters including posonly
  uint32_t kwonly_count = 0;
  std::vector<std::string> local_names;  // fast locals
  // Cells: variables of this code captured by inner functions (cellvars)
  // followed by variables it captures from outer ones (freevars). Slot i of
  // LOAD_DEREF indexes this combined list.
  std::vector<std::string> cellvars;
  std::vector<std::string> freevars;
  // For each cellvar that is also a parameter: (cell index, local index), so
  // calls move the argument into its cell.
  std::vector<std::pair<uint32_t, uint32_t>> cell_params;
  std::vector<Instr> code;
  std::vector<uint32_t> lines;  // source line of each instruction
  std::vector<Constant> constants;
  std::vector<uint32_t> names;  // attribute/import names: indexes into Program::names
  uint32_t max_stack = 0;
  uint32_t first_line = 0;
  std::string docstring;
  bool has_docstring = false;

  uint32_t nlocals() const { return static_cast<uint32_t>(local_names.size()); }
  uint32_t ncells() const { return static_cast<uint32_t>(cellvars.size() + freevars.size()); }
};

struct Program {
  std::string script_name;
  std::vector<std::string> source_lines;  // for tracebacks
  // codes[0] is the module. A deque: the compiler appends nested code while
  // holding references to the code it is emitting.
  std::deque<Code> codes;
  std::vector<std::string> names;         // interned identifiers (globals, attributes, ...)
  // Global slot g holds the module global named names[globals[g]]; LOAD_GLOBAL
  // etc. take g.
  std::vector<uint32_t> globals;
  std::vector<std::string> input_names;
  std::vector<std::string> external_functions;
  // Whether the module ends with an expression statement whose value run()
  // returns (compiled as PRINT_EXPR... then RETURN).
  bool returns_last_expression = false;
  // REPL sessions only: the source of every snippet compile_snippet() added,
  // in order. The program is what new_session_program() plus these snippets
  // compile to, which is how a session dump's bytecode is verified on load.
  std::vector<std::string> snippets;
};

// Human-readable listing of a code object, for golden tests and debugging.
std::string disassemble(const Program& program, uint32_t code_index);

}  // namespace monty

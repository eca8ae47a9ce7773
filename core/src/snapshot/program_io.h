// Writing and reading the program section (shared by both dump kinds).
#pragma once

#include <memory>

#include "compiler/code.h"
#include "snapshot/wire.h"

namespace monty::snapshot {

void write_program(Packer& p, const Program& program);
// Reads, validates and re-derives the program: the result is this build's
// compilation of the embedded source, after checking that it is exactly the
// program the dump holds. Throws LoadError. `version` is the dump's format
// version: before 3 the line table is not compared (version 3's compiler
// locates some instructions on other lines, like CPython: decorator calls,
// multi-line method calls, stores), since lines only label tracebacks.
std::shared_ptr<Program> read_program(const msgpack::object& o, uint32_t version);
// The same for a REPL session's program: the reference it must equal is
// this build's compilation of `snippets` (an array of str, in order) on top
// of an empty session (compile_snippet). Throws LoadError.
std::shared_ptr<Program> read_session_program(const msgpack::object& o,
                                              const msgpack::object& snippets, uint32_t version);

}  // namespace monty::snapshot

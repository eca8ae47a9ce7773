// Snapshots: MessagePack dumps of compiled programs, paused executions and
// REPL sessions, and their loading from untrusted bytes
// (docs/snapshot-format.md).
//
// Loading validates everything before the VM sees it: structure, every index
// and id, the kinds of objects each field refers to, and (for paused frames)
// the value stack against a kind analysis of the bytecode, so that a loaded
// execution can be resumed by a VM that trusts ids and indices. The bytecode
// itself is trusted only after recompiling the embedded source with this
// build's compiler and finding the identical program.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "compiler/code.h"

namespace monty {
class VM;
}

namespace monty::snapshot {

std::vector<uint8_t> dump_program(const Program& program);
// Null with *error set ("snapshot: ...") when the bytes are not a valid dump.
std::shared_ptr<const Program> load_program(std::span<const uint8_t> bytes, std::string* error);

// The VM must be paused (VM::is_paused()).
std::vector<uint8_t> dump_execution(const VM& vm);
std::unique_ptr<VM> load_execution(std::span<const uint8_t> bytes, std::string* error);

// A REPL session between snippets: its program (with the snippets' sources)
// and its VM's state. The VM must not be running a snippet.
std::vector<uint8_t> dump_repl(const VM& vm);
struct LoadedRepl {
  std::shared_ptr<Program> program;  // the session's program; the VM runs it
  std::unique_ptr<VM> vm;            // null with *error set on failure
};
LoadedRepl load_repl(std::span<const uint8_t> bytes, std::string* error);

}  // namespace monty::snapshot

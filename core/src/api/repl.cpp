// The public REPL session: one VM, one growing Program (see vm_repl.cpp),
// and its dumps (core/src/snapshot, docs/snapshot-format.md "REPL session").

#include "api/syntax_exception.h"
#include "compiler/compiler.h"
#include "monty/monty.h"
#include "runtime/vm.h"
#include "snapshot/snapshot.h"

namespace monty {

namespace {

Exception repl_misuse(std::string message) {
  Exception ex;
  ex.type = "RuntimeError";
  ex.message = std::move(message);
  ex.formatted = "RuntimeError: " + ex.message + "\n";
  return ex;
}

}  // namespace

Repl::Repl(std::shared_ptr<Program> program, std::unique_ptr<VM> vm)
    : program_(std::move(program)), vm_(std::move(vm)) {}
Repl::Repl(Repl&&) noexcept = default;
Repl& Repl::operator=(Repl&&) noexcept = default;
Repl::~Repl() = default;

Outcome<Repl> Repl::create(std::string_view script_name, const Limits& limits, Host host) {
  std::shared_ptr<Program> program = new_session_program(script_name);
  Limits session_limits = limits;
  session_limits.pause_every_instructions.reset();  // a REPL never pauses
  auto vm = std::make_unique<VM>(program, session_limits, nullptr);
  vm->set_host(std::move(host.print), std::move(host.clock));
  return Repl(std::move(program), std::move(vm));
}

void Repl::set_host(Host host) {
  if (vm_) vm_->set_host(std::move(host.print), std::move(host.clock));
}

Outcome<Object> Repl::feed(std::string_view code) {
  if (!vm_) return repl_misuse("this REPL session was moved from");
  SnippetResult compiled = compile_snippet(*program_, code);
  if (compiled.error) return syntax_exception(*compiled.error, program_->script_name);
  Value result = vm_->run_snippet(compiled.code_index);
  if (result.is_undef()) {
    Value exc = vm_->uncaught();
    if (exc.is_undef()) return repl_misuse("the snippet paused, which a REPL cannot do");
    return vm_->describe_exception(exc);
  }
  try {
    return vm_->export_value(result);
  } catch (PyError&) {
    // Too deep or cyclic to copy out ([a] where a contains itself): its
    // repr() still says what it is, as the interactive prompt would print.
    try {
      return Object::repr_only(vm_->repr_str(result));
    } catch (PyError& e) {
      return vm_->describe_exception(e.exc);
    }
  }
}

// Between feed() calls no snippet runs: the VM holds no frames, and what
// the last snippet left for itself only is reset by the next one. A host
// callback may call dump() in the middle of a snippet: that state is not a
// session at rest, so there is nothing to write.
std::vector<uint8_t> Repl::dump() const {
  if (!vm_ || !vm_->frames.empty()) return {};
  return snapshot::dump_repl(*vm_);
}

Outcome<Repl> Repl::load(std::span<const uint8_t> bytes, Host host) {
  std::string error;
  snapshot::LoadedRepl loaded = snapshot::load_repl(bytes, &error);
  if (!loaded.vm) {
    Exception ex;
    ex.type = "ValueError";
    ex.message = std::move(error);
    ex.formatted = "ValueError: " + ex.message + "\n";
    return ex;
  }
  loaded.vm->set_host(std::move(host.print), std::move(host.clock));
  return Repl(std::move(loaded.program), std::move(loaded.vm));
}

}  // namespace monty

// Runner::dump/load and Snapshot::dump/load: the public face of
// core/src/snapshot (format: docs/snapshot-format.md).
#include "monty/monty.h"
#include "runtime/vm.h"
#include "snapshot/snapshot.h"

namespace monty {

static Exception load_error(std::string message) {
  Exception ex;
  ex.type = "ValueError";
  ex.message = std::move(message);
  ex.formatted = "ValueError: " + ex.message + "\n";
  return ex;
}

std::vector<uint8_t> Runner::dump() const { return snapshot::dump_program(*program_); }

Outcome<Runner> Runner::load(std::span<const uint8_t> bytes) {
  std::string error;
  std::shared_ptr<const Program> program = snapshot::load_program(bytes, &error);
  if (!program) return load_error(std::move(error));
  return Runner(std::move(program));
}

std::vector<uint8_t> Snapshot::dump() const {
  // A resumed snapshot no longer owns the execution: nothing to write.
  if (!vm_) return {};
  return snapshot::dump_execution(*vm_);
}

Outcome<std::unique_ptr<Snapshot>> Snapshot::load(std::span<const uint8_t> bytes, Host host) {
  std::string error;
  std::unique_ptr<VM> vm = snapshot::load_execution(bytes, &error);
  if (!vm) return load_error(std::move(error));
  auto s = std::make_unique<Snapshot>(std::move(vm));
  s->set_host(std::move(host));
  return s;
}

}  // namespace monty

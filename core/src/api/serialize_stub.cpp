// Placeholder until the snapshot module lands: dump/load report that they
// are unavailable instead of producing bytes nobody can read.
#include "monty/monty.h"

namespace monty {

static Exception unavailable() {
  Exception ex;
  ex.type = "NotImplementedError";
  ex.message = "snapshots are not available in this build";
  ex.formatted = "NotImplementedError: " + ex.message + "\n";
  return ex;
}

std::vector<uint8_t> Runner::dump() const { return {}; }
Outcome<Runner> Runner::load(std::span<const uint8_t>) { return unavailable(); }
std::vector<uint8_t> Snapshot::dump() const { return {}; }
Outcome<std::unique_ptr<Snapshot>> Snapshot::load(std::span<const uint8_t>, Host) { return unavailable(); }
std::vector<uint8_t> Repl::dump() const { return {}; }
Outcome<Repl> Repl::load(std::span<const uint8_t>, Host) { return unavailable(); }

}  // namespace monty

#!/usr/bin/env bash
# THE test command: installs what is missing, builds natively, runs every test
# (unit, language cases, CLI, no-OS check), then proves core compiles for wasm.
#
#   bash scripts/test.sh [ctest arguments, e.g. -R case/ or -L cli]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

# ctest's own closing line ("100% tests passed, 0 tests failed out of N") is
# what CI looks for, so its output is not filtered.
ctest --test-dir "${MONTY_BUILD_DIR:-build}" --output-on-failure -j2 "$@"

bash scripts/build_wasm.sh
echo "test.sh: all tests passed and core builds for wasm"

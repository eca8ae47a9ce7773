#!/usr/bin/env bash
# Configures and builds the native Release build (library, CLI, tests) into build/.
#
#   bash scripts/build.sh [extra cmake -D options, e.g. -DMONTY_WERROR=ON]
#
# Env: MONTY_BUILD_DIR (default build), MONTY_BUILD_TYPE (default Release).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${MONTY_BUILD_DIR:-build}"
generator=()
# Keep the generator an existing build dir was made with (CMake refuses to switch).
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]] && command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi

cmake -S . -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE="${MONTY_BUILD_TYPE:-Release}" "$@"
cmake --build "$BUILD_DIR"

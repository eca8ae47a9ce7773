#!/usr/bin/env bash
# Configures and builds core for WebAssembly (Emscripten) into build-wasm/.
# For now this proves core compiles for wasm (a CI requirement); the wasm/
# bindings and the npm package build on top of the same configuration.
#
#   bash scripts/build_wasm.sh [extra cmake -D options]
#
# Debian's emcc needs Debian's acorn module (TOOLCHAIN.md), hence NODE_PATH.
# -fwasm-exceptions is set by CMakeLists.txt for every Emscripten build.
set -euo pipefail
cd "$(dirname "$0")/.."

export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
BUILD_DIR="${MONTY_WASM_BUILD_DIR:-build-wasm}"

if ! command -v emcmake >/dev/null; then
  echo "build_wasm.sh: emcmake not found (run scripts/setup.sh)" >&2
  exit 1
fi

generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi

emcmake cmake -S . -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "$@"
# The core stage libraries (not `all`, which will grow wasm/ targets that need
# more than a compiler).
cmake --build "$BUILD_DIR" --target monty_support monty_syntax monty_compiler monty_runtime monty
echo "build_wasm.sh: core compiled for wasm in $BUILD_DIR/core"

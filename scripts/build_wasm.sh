#!/usr/bin/env bash
# Configures and builds the WebAssembly module (core + wasm/ embind bindings)
# with Emscripten into build-wasm/ (wasm/monty_core.js + monty_core.wasm).
# scripts/build_npm.sh turns those into the npm package.
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
cmake --build "$BUILD_DIR" --target monty_wasm
echo "build_wasm.sh: wasm module built in $BUILD_DIR/wasm"

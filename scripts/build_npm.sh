#!/usr/bin/env bash
# Builds the npm package into npm-package/: the wasm module (scripts/build_wasm.sh),
# then the JS bundles, declarations and CLI (js/build.mjs, with the dev tools
# installed from the committed package-lock.json).
#
#   bash scripts/build_npm.sh
#
# Env: MONTY_WASM_BUILD_DIR (default build-wasm).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build_wasm.sh
# npm ci is exact and reproducible; skip it when node_modules matches the lock.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
node js/build.mjs
wasm="${MONTY_WASM_BUILD_DIR:-build-wasm}/wasm/monty_core.wasm"
echo "build_npm.sh: npm-package/ built; monty.wasm $(stat -c %s "$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) gzipped"

#!/usr/bin/env bash
# Benchmarks monty-wasm against the interpreters installable from npm (@pydantic/monty,
# pyodide, MicroPython, QuickJS), the native monty CLI and CPython, in one run:
# installs the pinned peers from bench/peers/package-lock.json, then runs
# bench/js_bench.mjs with the given options. Not part of the tests or CI.
#
#   bash scripts/bench_peers.sh --rounds 5 --native build/cli/monty [--json]
#
# Needs npm-package/dist (built here by scripts/build_npm.sh when missing) and, for the
# native column, a monty CLI (bash scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -f npm-package/dist/index.mjs ]] || bash scripts/build_npm.sh
# npm ci is exact and reproducible; skip it when node_modules already matches the lock.
if [[ ! -f bench/peers/node_modules/.package-lock.json ||
      bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ]]; then
  # npm 11's ci refuses this lock ("Missing: @pydantic/monty-darwin-arm64@"):
  # the registry here serves only the linux-x64 build of @pydantic/monty's
  # platform packages, so no lock can list the others. npm install takes the
  # same pinned versions from the lock (and leaves it unchanged).
  npm ci --prefix bench/peers --no-audit --no-fund ||
    npm install --prefix bench/peers --no-audit --no-fund
fi
exec node bench/js_bench.mjs "$@"

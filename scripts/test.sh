#!/usr/bin/env bash
# THE test command: installs what is missing, builds natively, runs every test
# (unit, language cases, CLI, no-OS check), then builds the wasm module and the
# npm package and tests those (Jest API tests, the language cases through the
# package's CLI).
#
#   bash scripts/test.sh [ctest arguments, e.g. -R case/ or -L cli]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

# ctest's own closing line ("100% tests passed, 0 tests failed out of N") is
# what CI looks for, so its output is not filtered.
ctest --test-dir "${MONTY_BUILD_DIR:-build}" --output-on-failure -j2 "$@"

# Snapshot loading takes hostile bytes: a short fuzzing run (libFuzzer, ASan,
# UBSan; clang from setup.sh) on every test run. Longer: bash scripts/fuzz.sh 600.
bash scripts/fuzz.sh 20

# The npm package: wasm build, bundles, then its API tests (Jest) and every
# language case run through the package's CLI (tests/js/README.md).
bash scripts/build_npm.sh
npx jest --config tests/js/jest.config.cjs
python3 tests/run_cases.py --cmd "node $PWD/npm-package/bin/monty-wasm.js" -j 2
node tests/js/pack_smoke.mjs  # npm pack -> fresh projects: ESM, CJS, npx, TypeScript, Vite
bash tests/js/node18/check.sh  # the oldest supported Node: ESM, CJS, CLI
# The browser playground (demo/): Vite build, served locally, driven in
# headless Chromium (playwright-core); screenshots in tests/browser/artifacts/.
node --test --test-reporter=spec tests/browser/playground.test.mjs
# The package without a bundler: a plain <script type="module"> page.
node --test --test-reporter=spec tests/browser/plain_module.test.mjs
echo "test.sh: all tests passed, natively and through the npm package"

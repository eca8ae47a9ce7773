#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian 12 machine.
# Idempotent: when every package is already installed it does nothing (no
# `apt-get update`, which is the slow part). Run as root, or with sudo available.
set -euo pipefail

packages=(
  cmake ninja-build g++          # native build
  libgtest-dev libgmock-dev      # unit tests
  libbenchmark-dev               # C++ micro-benchmarks
  libmsgpack-cxx-dev libfmt-dev  # header-only libraries (see cmake/third_party_headers.cmake)
  emscripten                     # wasm build (emcc 3.1.6; brings clang-14, lld, binaryen, nodejs)
  clang-format                   # scripts/format.sh
  clang libclang-rt-14-dev       # scripts/fuzz.sh: clang++ with libFuzzer, ASan, UBSan
  python3                        # tests (CPython is the oracle) and bench/run.py
  chromium                       # browser tests of the playground (driven by playwright-core)
)

missing=()
for p in "${packages[@]}"; do
  # `dpkg -s` also succeeds for removed-but-configured packages; require "install ok installed".
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup.sh: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "setup.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
# No recommends: emscripten would pull in python3-numpy and d3, which nothing here uses.
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Builds the fuzzers (libFuzzer + ASan + UBSan, clang) into build-fuzz/ and
# runs them with seed corpora (real snapshots; the language cases):
#   fuzz_snapshot_load  arbitrary bytes into Runner::load / Snapshot::load / Repl::load
#   fuzz_snapshot_edit  structure-aware edits of real paused executions and REPL sessions
#   fuzz_program        arbitrary bytes as a Python program, run under small limits
# The time is split between the three.
#
#   bash scripts/fuzz.sh [seconds]      (default 30)
#
# Findings (crashes, sanitizer reports, leaks, timeouts) make it exit non-zero;
# the input is written to build-fuzz/ as crash-* / leak-* / timeout-*.
# The corpora the fuzzers grow are kept in build-fuzz/corpus* between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
BUILD_DIR="${MONTY_FUZZ_BUILD_DIR:-build-fuzz}"
CXX_FOR_FUZZ="${MONTY_FUZZ_CXX:-clang++}"
if ! command -v "$CXX_FOR_FUZZ" >/dev/null; then
  echo "fuzz.sh: $CXX_FOR_FUZZ not found (scripts/setup.sh installs clang)" >&2
  exit 1
fi

generator=()
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]] && command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
cmake -S . -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$CXX_FOR_FUZZ" -DMONTY_FUZZ=ON -DMONTY_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" --target fuzz_snapshot_load fuzz_snapshot_edit fuzz_program make_fuzz_seeds

seeds="$BUILD_DIR/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$BUILD_DIR/corpus" "$BUILD_DIR/corpus-edit" "$BUILD_DIR/corpus-program"
"$BUILD_DIR/tests/fuzz/make_fuzz_seeds" "$seeds"
program_seeds="$BUILD_DIR/program-seeds"
rm -rf "$program_seeds"
mkdir -p "$program_seeds"
n=0
while IFS= read -r -d '' case_file; do
  n=$((n + 1))
  cp "$case_file" "$program_seeds/case$n.py"
done < <(find tests/cases -name '*.py' -print0 | sort -z)

third=$(( seconds / 3 > 0 ? seconds / 3 : 1 ))
# -timeout: one input taking this long is a finding (loading is linear; resuming
# runs within the limits bounded() in each target insists on).
# -rss_limit_mb: a load that allocates this much is a finding too.
cd "$BUILD_DIR"
common=(-timeout=20 -rss_limit_mb=2048 -print_final_stats=1)
./tests/fuzz/fuzz_snapshot_load -max_total_time="$third" -max_len=65536 "${common[@]}" corpus seeds
./tests/fuzz/fuzz_snapshot_edit -max_total_time="$third" -max_len=256 "${common[@]}" corpus-edit
./tests/fuzz/fuzz_program -max_total_time="$third" -max_len=4096 "${common[@]}" corpus-program program-seeds
echo "fuzz.sh: no findings in ${seconds}s"

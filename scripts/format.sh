#!/usr/bin/env bash
# Formats the C++ sources with the repository's .clang-format.
#
#   bash scripts/format.sh          rewrite files in place
#   bash scripts/format.sh --check  change nothing; list unformatted files, exit 1 if any
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(find core cli tests wasm bench -type f \
  \( -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) 2>/dev/null | sort)
[[ ${#files[@]} -eq 0 ]] && exit 0

if [[ "${1:-}" == "--check" ]]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
      echo "needs clang-format: $f"
      bad=1
    fi
  done
  exit $bad
fi
clang-format -i "${files[@]}"

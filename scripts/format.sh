#!/usr/bin/env bash
# Formats the C++ sources with the repository's .clang-format.
#
#   bash scripts/format.sh          rewrite files in place
#   bash scripts/format.sh --check  change nothing; list unformatted files, exit 1 if any
set -euo pipefail
cd "$(dirname "$0")/.."

# The sources git knows (tracked, or new and not ignored): not the headers of
# installed packages (tests/js/node18/node_modules has thousands).
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- core cli tests wasm bench |
  grep -E '\.(cpp|h|hpp)$' | sort)
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

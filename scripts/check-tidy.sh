#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on the .cc files under src/ changed since the base; fails on
# any warning. Only changed files are checked: older code is not all clang-tidy-clean.
#
#   scripts/check-tidy.sh [BASE]
#
# BASE as for scripts/check-format.sh (merge-base with origin/main, else HEAD~$CHECK_COMMITS).
# Needs $BUILD/compile_commands.json (BUILD defaults to build; `make configure` writes it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/check-base.sh
base=$(check_base "${1:-}")
build="${BUILD:-build}"

if [ ! -f "$build/compile_commands.json" ]; then
  echo "check-tidy: $build/compile_commands.json is missing; run: make configure" >&2
  exit 2
fi
# Tests (*_test.cc) are left out: gtest macros are noisy, and clang 14 rejects C++20 that GCC
# accepts (lambdas capturing structured bindings), which tests use.
mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- 'src/*.cc' |
  grep -v '_test\.cc$' || true)
if [ ${#files[@]} -eq 0 ]; then
  echo "check-tidy: OK (no .cc changed under src/ since $(git rev-parse --short "$base"))"
  exit 0
fi
# Generated sources (embedded migrations, OpenAPI) must exist for the includes to resolve.
out=$(clang-tidy -p "$build" --quiet "${files[@]}" 2>/dev/null) || true
if printf '%s\n' "$out" | grep -q 'warning:\|error:'; then
  printf '%s\n' "$out"
  echo "check-tidy: warnings in ${files[*]}" >&2
  exit 1
fi
echo "check-tidy: OK (${#files[@]} files changed since $(git rev-parse --short "$base"))"

#!/usr/bin/env bash
# Fails when a line changed since the base is not formatted as .clang-format says.
# Only changed lines are checked: older code is not all clang-format-clean.
#
#   scripts/check-format.sh [BASE]
#
# BASE is a revision; without it, the merge-base with origin/main when that exists, else
# HEAD~N with N = $CHECK_COMMITS (default 2, fewer when the history is shorter).
# Uncommitted changes in the work tree are checked too. Fix with `git clang-format BASE`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/check-base.sh
base=$(check_base "${1:-}")

if ! command -v git-clang-format >/dev/null 2>&1 && ! git clang-format -h >/dev/null 2>&1; then
  echo "check-format: git-clang-format is missing (Debian package clang-format)" >&2
  exit 2
fi

# --diff prints the changes it would make, or one of these when there are none.
out=$(git clang-format --style=file --diff --extensions=h,cc,cpp,hpp "$base" -- src tests bench 2>&1) || true
case "$out" in
  "" | "no modified files to format" | "clang-format did not modify any files")
    echo "check-format: OK (changed lines since $(git rev-parse --short "$base"))"
    ;;
  *)
    printf '%s\n' "$out"
    echo "check-format: changed lines are not formatted; run: git clang-format $base" >&2
    exit 1
    ;;
esac

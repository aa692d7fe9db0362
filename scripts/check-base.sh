# Sourced by scripts/check-format.sh and scripts/check-tidy.sh: the revision whose
# changes are checked.
#   check_base [REV]: REV when given; else the merge-base with origin/main when that exists
#   (and differs from HEAD); else HEAD~N with N = $CHECK_COMMITS (default 2), capped at the
#   length of the history.
check_base() {
  local rev="${1:-}"
  if [ -n "$rev" ]; then
    git rev-parse --verify --quiet "$rev^{commit}" || {
      echo "check: unknown base revision '$rev'" >&2
      return 2
    }
    return 0
  fi
  if git rev-parse --verify --quiet origin/main >/dev/null; then
    local mb
    mb=$(git merge-base HEAD origin/main)
    if [ "$mb" != "$(git rev-parse HEAD)" ]; then
      echo "$mb"
      return 0
    fi
  fi
  local n="${CHECK_COMMITS:-2}"
  local depth
  depth=$(($(git rev-list --count HEAD) - 1))
  if [ "$n" -gt "$depth" ]; then n=$depth; fi
  git rev-parse "HEAD~$n"
}

#!/usr/bin/env bash
# Runs every fuzz target of a PTDV_FUZZ build for a set time, each from its seed corpus
# fuzz/corpus/<name>/, and prints executions and CPU time per target. New inputs go to
# <build>/fuzz/work/<name>/ (the committed seeds stay as they are); a crashing input is saved
# as <build>/fuzz/artifacts/<name>-crash-… and fails the run.
#
#   fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]   (default: every fuzz/corpus/*/)
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?build dir}
seconds=${2:-60}
shift 2 || shift $#
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for seeds in fuzz/corpus/*/; do targets+=("$(basename "$seeds")"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Stack traces with file and line (Debian's llvm-symbolizer of any version reads clang-16's).
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for symbolizer in llvm-symbolizer-16 llvm-symbolizer; do
    if command -v "$symbolizer" >/dev/null; then
      export ASAN_SYMBOLIZER_PATH=$(command -v "$symbolizer")
      break
    fi
  done
fi

failed=()
total_execs=0
total_cpu=0
printf '%-16s %12s %10s %8s %6s\n' target executions exec/s cpu_s status
for name in "${targets[@]}"; do
  seeds="fuzz/corpus/$name"
  binary="$build/fuzz/${name}_fuzz"
  if [ ! -x "$binary" ]; then
    echo "fuzz: $binary is missing (cmake --build $build --target ptdv_fuzz)" >&2
    failed+=("$name")
    continue
  fi
  work="$build/fuzz/work/$name"
  artifacts="$build/fuzz/artifacts"
  log="$build/fuzz/$name.log"
  mkdir -p "$work" "$artifacts"
  TIMEFORMAT='%U %S'
  { time "$binary" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$name-" "$work" "$seeds" >"$log" 2>&1; } 2>"$log.time"
  rc=$?
  read -r user sys <"$log.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=${execs:-0}
  status=ok
  if [ "$rc" -ne 0 ]; then
    status=FAILED
    failed+=("$name")
  fi
  printf '%-16s %12d %10d %8s %6s\n' "$name" "$execs" "$((execs / (seconds > 0 ? seconds : 1)))" \
    "$cpu" "$status"
  total_execs=$((total_execs + execs))
  total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { printf "%.1f", a + b }')
done
printf '%-16s %12d %10s %8s\n' total "$total_execs" "" "$total_cpu"

if [ ${#failed[@]} -gt 0 ]; then
  for name in "${failed[@]}"; do
    [ -f "$build/fuzz/$name.log" ] || continue
    echo "fuzz: $name failed; its log: $build/fuzz/$name.log" >&2
    grep -E 'ERROR|fuzz property failed|SUMMARY|Test unit written' "$build/fuzz/$name.log" >&2 || true
  done
  exit 1
fi

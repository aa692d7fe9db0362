#!/usr/bin/env bash
# Dashboard benchmark: DashboardService::Get for the city (HUE) and a ward
# (HUE-TAYLOC) and the plain SQL GROUP BY of the same counts, on a city-scale demo database and
# on a nation-scale one, in one run (bench/dashboard/dashboard_bench.cc): median and p99 per row
# and the nation/city ratio. Goal: nation ≤ 1.5 × city, p99 ≤ 50 ms.
#
# Usage: bench/dashboard/run.sh [BUILD_DIR]          (`make bench-dashboard`)
# Environment:
#   PTDV_BENCH_DB     the nation-scale demo database; default ${XDG_CACHE_HOME:-~/.cache}/ptdv/
#                     nation.db (generated when missing, as bench/http/run.sh does: ~20 min,
#                     ~5 GB). Never written: it is copied once into BUILD_DIR/bench-dashboard/
#                     and the copy is migrated and reused by later runs (delete it to refresh).
#   PTDV_BENCH_RUNS   dashboards per row, default 200
set -euo pipefail

build=${1:-build}
ptdv=$(realpath "$build/ptdv")
bench=$(realpath "$build/dashboard_bench")
out="$(realpath "$build")/bench-dashboard"
db=${PTDV_BENCH_DB:-${XDG_CACHE_HOME:-$HOME/.cache}/ptdv/nation.db}
runs=${PTDV_BENCH_RUNS:-200}
today=2023-11-15  # the demo's reference day

[ -x "$bench" ] || { echo "bench-dashboard: $bench missing (build it first)" >&2; exit 1; }
if [ ! -f "$db" ]; then
  echo "bench-dashboard: generating the nation-scale demo into $db (~20 min, ~5 GB)"
  mkdir -p "$(dirname "$db")"
  rm -f "$db.partial" "$db.partial-wal" "$db.partial-shm"
  # The audit key is named after the final database, which it follows everywhere.
  "$ptdv" --db "$db.partial" --audit-key "$db.audit-key" --today "$today" demo --nation
  mv "$db.partial" "$db"
fi
mkdir -p "$out"
if [ ! -f "$out/nation.db" ]; then
  echo "bench-dashboard: copying $db ($(du -h "$db" | cut -f1)) into $out"
  cp "$db" "$out/nation.db.partial"
  [ ! -f "$db.audit-key" ] || cp -p "$db.audit-key" "$out/nation.db.audit-key"
  mv "$out/nation.db.partial" "$out/nation.db"
fi
"$bench" --city "$out/city.db" --nation "$out/nation.db" --runs "$runs" --on "$today" \
  | tee "$out/result.txt"

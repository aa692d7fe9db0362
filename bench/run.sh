#!/usr/bin/env bash
# Runs the benchmarks. Usage: bench/run.sh BUILD_DIR [--nation]
# Without --nation the demo benchmark runs at province scale (~10^5 members, a minute);
# with it, at nation scale (~5·10^6 members, ~10^6 open cases: tens of minutes, several GB).
set -euo pipefail
build=${1:-build}
shift || true
db=$(mktemp -d)/bench.db
if [ "${1:-}" = "--nation" ]; then
  "$build/demo_bench" --nation --today 2023-11-15 --db "$db"
else
  "$build/demo_bench" --scale 20 --today 2023-11-15 --db "$db"
fi
rm -rf "$(dirname "$db")"

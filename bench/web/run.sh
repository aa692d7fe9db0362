#!/usr/bin/env bash
# bench/web: bundle sizes and the first render of "Việc cần làm" in headless Chromium
# (web/bench/web.ts; results in build/bench-web.json). Usage: bench/web/run.sh [BUILD_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
cd web
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
[ -f dist/index.html ] || npm run --silent build
PTDV_BIN="$(cd .. && pwd)/$build/ptdv" npx tsx bench/web.ts "${2:-7}"

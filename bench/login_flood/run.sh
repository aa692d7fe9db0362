#!/usr/bin/env bash
# Login flood benchmark: does a flood of logins starve the other routes?
#
# Starts `ptdv serve` (default options: 2 hashing threads, a hashing queue of 16) on a copy of
# the city-scale Huế demo and measures the case list (GET /api/v1/cases?org=HUE-TAYLOC, as
# `taylocdu`, "Cache-Control: no-cache" so that every answer is computed) with wrk:
#   idle     nothing else running
#   wrong    while a second wrk floods POST /api/v1/auth/login with 64 connections and a wrong
#            password (the address is throttled after 20 failures: 429 without hashing)
#   right    the same flood with the right password of another account (`lanhdao`): every
#            login hashes, so the hashing pool and its queue bound are what protects the list
# and prints p50/p99 of each, the flood's answers by status, and the ratio of each flood's p99
# to the idle p99 (goal: under 2).
#
# Usage: bench/login_flood/run.sh [BUILD_DIR]     (`make bench-login-flood`; needs wrk, curl)
# Environment: PTDV_BENCH_DURATION seconds per phase (default 10), PTDV_BENCH_CONNECTIONS the
# case list's connections (default 4), PTDV_BENCH_SERVE_ARGS extra `ptdv serve` options.
# Raw wrk output and the server's log stay in BUILD_DIR/bench-login-flood/. Loopback only.
set -euo pipefail

build=${1:-build}
ptdv=$(realpath "$build/ptdv")
here=$(cd "$(dirname "$0")" && pwd)
http_dir=$(cd "$here/../http" && pwd)
out="$(realpath "$build")/bench-login-flood"
duration=${PTDV_BENCH_DURATION:-10}
connections=${PTDV_BENCH_CONNECTIONS:-4}
today=2023-11-15
password='Hue@2023demo'

for tool in wrk curl; do
  command -v "$tool" >/dev/null || {
    echo "bench-login-flood: $tool missing (PTDV_WITH_EXTRA=\"wrk curl\" bash scripts/install-deps.sh)" >&2
    exit 1
  }
done
[ -x "$ptdv" ] || { echo "bench-login-flood: $ptdv missing (build it first)" >&2; exit 1; }

mkdir -p "$out"
rm -f "$out"/*.txt "$out"/server.log
demo="$out/demo.db"
work="$out/work.db"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -f "$work" "$work-wal" "$work-shm" "$work.audit-key" "$work.audit-key.checkpoint"
}
trap cleanup EXIT
if [ ! -f "$demo" ]; then
  echo "bench-login-flood: loading the Huế demo into $demo"
  rm -f "$demo.partial"*
  rm -f "$demo.audit-key"
  "$ptdv" --db "$demo.partial" --today "$today" demo >/dev/null
  mv "$demo.partial" "$demo"
  # The audit key was made beside the new file; it belongs to the database wherever it goes.
  mv "$demo.partial.audit-key" "$demo.audit-key"
  rm -f "$demo.partial-wal" "$demo.partial-shm" "$demo.partial.audit-key.checkpoint"
fi

start_server() {
  cp "$demo" "$work"
  rm -f "$work-wal" "$work-shm" "$work.audit-key.checkpoint"
  cp -p "$demo.audit-key" "$work.audit-key"
  # shellcheck disable=SC2086
  "$ptdv" --db "$work" --today "$today" serve --listen 127.0.0.1:0 --static-dir "" \
    ${PTDV_BENCH_SERVE_ARGS:-} 2>"$out/server.log" &
  server_pid=$!
  port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/server.log" | head -1)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench-login-flood: the server did not start" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  local headers body
  headers=$(mktemp)
  body=$(curl -sS -D "$headers" -H 'Content-Type: application/json' \
    -d "{\"login\":\"taylocdu\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  cookie=$(tr -d '\r' <"$headers" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(\(__Host-\)\{0,1\}ptdv_session=[^;]*\).*/\1/p')
  rm -f "$headers"
  [ -n "$cookie" ] || { echo "bench-login-flood: login failed: $body" >&2; exit 1; }
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

list_path="/api/v1/cases?org=HUE-TAYLOC&page_size=50"
measure_list() {  # name
  env PTDV_BENCH_HTTP_DIR="$http_dir" PTDV_BENCH_COOKIE="$cookie" PTDV_BENCH_NO_CACHE=1 \
    wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$http_dir/get.lua" \
    "$base$list_path" >"$out/list-$1.txt" 2>&1
  grep '^PTDV_RESULT' "$out/list-$1.txt" || { cat "$out/list-$1.txt" >&2; exit 1; }
}
flood() {  # name [env...]: 64 connections of logins, started before and stopped after the list
  local name=$1
  shift
  env "$@" wrk -t1 -c64 -d"$((duration + 2))s" --timeout 10s -s "$here/login.lua" \
    "$base/api/v1/auth/login" >"$out/flood-$name.txt" 2>&1 &
  flood_pid=$!
  sleep 1
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

results=()
for phase in idle wrong right; do
  start_server
  # Warm the page cache and the statements.
  curl -sS -o /dev/null -H "Cookie: $cookie" -H 'Cache-Control: no-cache' "$base$list_path"
  case $phase in
    idle) ;;
    wrong) flood wrong ;;
    right) flood right PTDV_FLOOD_LOGIN=lanhdao PTDV_FLOOD_PASSWORD="$password" ;;
  esac
  echo "bench-login-flood: $phase, ${duration}s"
  line=$(measure_list "$phase")
  flood_line=""
  if [ "$phase" != idle ]; then
    wait "$flood_pid" || true
    flood_line=$(grep '^PTDV_FLOOD' "$out/flood-$phase.txt" || cat "$out/flood-$phase.txt")
  fi
  stop_server
  results+=("$phase|$line|$flood_line")
done

echo
printf '%-6s %9s %9s %9s %8s %7s   %s\n' phase "list rps" "p50 ms" "p99 ms" "p99/idle" "non-2xx" \
  "login flood"
idle_p99=""
for r in "${results[@]}"; do
  IFS='|' read -r phase line flood_line <<<"$r"
  p99=$(field p99_ms "$line")
  [ -n "$idle_p99" ] || idle_p99=$p99
  ratio=$(awk -v a="$p99" -v b="$idle_p99" 'BEGIN { printf "%.2f", a / b }')
  flood_summary="-"
  [ -z "$flood_line" ] || flood_summary="$(field rps "$flood_line") req/s, $(field statuses "$flood_line")"
  printf '%-6s %9s %9s %9s %8s %7s   %s\n' "$phase" "$(field rps "$line")" \
    "$(field p50_ms "$line")" "$p99" "${ratio}x" "$(field non2xx "$line")" "$flood_summary"
done

#!/usr/bin/env bash
# HTTP benchmark of `ptdv serve` with wrk over loopback, on nation-scale demo data:
#   healthz     GET /healthz (answered on the network thread: the server's ceiling)
#   case_list   GET /api/v1/cases?org=WARD&page_size=50 (one ward's first page, with the counts
#               per step), as the ward's grassroots staff: repeated with no write in between,
#               so answered from the server's response cache (http/response_cache.h)
#   list_nocache the same with "Cache-Control: no-cache": computed by every request
#   case_detail GET /api/v1/cases/{id}, the ward's cases in turn
#   transition  POST /api/v1/cases/{id}/events, one valid step on a fresh case per request
#               (mark_sympathiser on source-stage cases, assign_helper on the other open ones,
#               with If-Match: "<version>"), by the grassroots staff of the wards with the most
#               open cases
# and prints, per endpoint and connection count, req/s, p50, p99 and the non-2xx count, then the
# ratio of case-list to healthz throughput in the same run.
#
# Usage: bench/http/run.sh [BUILD_DIR]        (`make bench-http`; needs wrk, sqlite3, curl)
# Environment:
#   PTDV_BENCH_DB           the nation-scale demo database; default
#                           ${XDG_CACHE_HOME:-~/.cache}/ptdv/nation.db. Generated when missing
#                           (`ptdv demo --nation --today 2023-11-15`: ~20 min, ~5 GB). Never
#                           written: the benchmark runs on a copy in BUILD_DIR/bench-http.
#   PTDV_BENCH_CONNECTIONS  connection counts, default "1 16 64"
#   PTDV_BENCH_DURATION     seconds per measurement, default 10
#   PTDV_BENCH_WARD         the ward of the case list and details, default HUE-TAYLOC (its
#                           account is `taylocdu`, created in the copy when missing)
#   PTDV_BENCH_STEP_CASES   open cases to prepare for the transitions, default 60000 (~1,000
#                           wards, one account and login each: about six minutes); each
#                           connection count's run takes the cases the runs before left, and
#                           stops with an error when fewer than 2,000 are left
# Raw wrk output, the transition lists and the server's non-200 log lines stay in
# BUILD_DIR/bench-http/.
set -euo pipefail

build=${1:-build}
ptdv=$(realpath "$build/ptdv")
here=$(cd "$(dirname "$0")" && pwd)
out="$(realpath "$build")/bench-http"
db=${PTDV_BENCH_DB:-${XDG_CACHE_HOME:-$HOME/.cache}/ptdv/nation.db}
connections=${PTDV_BENCH_CONNECTIONS:-"1 16 64"}
duration=${PTDV_BENCH_DURATION:-10}
ward=${PTDV_BENCH_WARD:-HUE-TAYLOC}
step_cases=${PTDV_BENCH_STEP_CASES:-60000}
today=2023-11-15             # the demo's reference day, also the server's --today
password='Hue@2023demo'      # the demo accounts' password
closed="'official','withdrawn','not_admitted','removed','cancelled'"  # IsClosed (domain/model.cc)

for tool in wrk sqlite3 curl; do
  command -v "$tool" >/dev/null || {
    echo "bench-http: $tool missing (apt-get install wrk sqlite3 curl)" >&2
    exit 1
  }
done
[ -x "$ptdv" ] || { echo "bench-http: $ptdv missing (build it first)" >&2; exit 1; }

# --- the data -----------------------------------------------------------------------------------
if [ ! -f "$db" ]; then
  echo "bench-http: generating the nation-scale demo into $db (~20 min, ~5 GB)"
  mkdir -p "$(dirname "$db")"
  rm -f "$db.partial" "$db.partial-wal" "$db.partial-shm" "$db.partial.audit-key"
  # A new database gets its audit key beside it; the key follows the database when it is moved.
  "$ptdv" --db "$db.partial" --today "$today" demo --nation
  [ ! -e "$db.partial-wal" ] || sqlite3 "$db.partial" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  rm -f "$db.partial.audit-key.checkpoint"
  mv "$db.partial.audit-key" "$db.audit-key"
  mv "$db.partial" "$db"
fi

mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.tsv "$out"/server*.log
work="$out/work.db"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -f "$work" "$work-wal" "$work-shm" "$work.audit-key" "$work.audit-key.checkpoint"
}
trap cleanup EXIT
echo "bench-http: copying $db ($(du -h "$db" | cut -f1))"
cp "$db" "$work"
# The copy's audit chain needs its key (a database generated before keyed audit has none yet).
[ ! -f "$db.audit-key" ] || cp -p "$db.audit-key" "$work.audit-key"
q() { sqlite3 -batch -noheader "$work" "$@"; }

# Accounts: the ward's staff for the reads, one grassroots staff account per ward for the steps.
add_user() {  # login org
  if [ -z "$(q "SELECT 1 FROM user_account WHERE login = '$1'")" ]; then
    "$ptdv" --db "$work" --today "$today" user add --login "$1" --name "Bench $2" \
      --role grassroots_staff --org "$2" --password "$password" >/dev/null
  fi
}
reader=taylocdu
[ "$ward" = HUE-TAYLOC ] || reader="bench.$(echo "$ward" | tr 'A-Z' 'a-z')"
add_user "$reader" "$ward"
# Wards by open cases in their direct cells, largest first, until step_cases are covered.
mapfile -t step_wards < <(q "
  WITH per_ward AS (
    SELECT w.code AS code, COUNT(*) AS n FROM organisation w
    JOIN organisation cell ON cell.parent_id = w.id
    JOIN admission_case c ON c.cell_id = cell.id
    WHERE w.kind = 'grassroots_committee' AND c.stage NOT IN ($closed)
    GROUP BY w.id),
  running AS (SELECT code, SUM(n) OVER (ORDER BY n DESC, code) - n AS before FROM per_ward)
  SELECT code FROM running WHERE before < $step_cases ORDER BY before;")
for w in "${step_wards[@]}"; do add_user "bench.$(echo "$w" | tr 'A-Z' 'a-z')" "$w"; done

# --- the server ---------------------------------------------------------------------------------
# Every client here shares 127.0.0.1: the per-address login limit would refuse the accounts'
# logins after 60 a minute.
"$ptdv" --db "$work" --today "$today" serve --listen 127.0.0.1:0 --static-dir "" \
  --logins-per-minute 100000 2>"$out/server.raw.log" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/server.raw.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.raw.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench-http: the server did not start" >&2; exit 1; }
base="http://127.0.0.1:$port"

login() {  # login → "cookie csrf"
  local headers body
  headers=$(mktemp)
  body=$(curl -sS -D "$headers" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  local cookie csrf
  # __Host-ptdv_session by default; ptdv_session when served with --insecure-cookie.
  cookie=$(tr -d '\r' <"$headers" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(\(__Host-\)\{0,1\}ptdv_session=[^;]*\).*/\1/p')
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$body")
  rm -f "$headers"
  [ -n "$cookie" ] && [ -n "$csrf" ] || { echo "bench-http: login $1 failed: $body" >&2; exit 1; }
  echo "$cookie $csrf"
}
reader_session=$(login "$reader")
reader_cookie=${reader_session%% *}
: >"$out/sessions.tsv"
for w in "${step_wards[@]}"; do
  session=$(login "bench.$(echo "$w" | tr 'A-Z' 'a-z')")
  echo "$w $session" >>"$out/sessions.tsv"
done

list_path="/api/v1/cases?org=$ward&page_size=50"
list_body=$(curl -sS -H "Cookie: $reader_cookie" "$base$list_path")
total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' <<<"$list_body")
rows=$(grep -o '"person_name"' <<<"$list_body" | wc -l)
echo "bench-http: $ward holds $total cases; the list returns $rows rows" \
  "(${#step_wards[@]} wards for the steps)"
if [ "${rows:-0}" -lt 50 ]; then
  echo "bench-http: $ward has fewer than 50 cases; choose a bigger ward (PTDV_BENCH_WARD)" >&2
  exit 1
fi
q "SELECT '/api/v1/cases/' || c.id FROM organisation w
   JOIN organisation cell ON cell.parent_id = w.id
   JOIN admission_case c ON c.cell_id = cell.id
   WHERE w.code = '$ward' ORDER BY c.id LIMIT 500" >"$out/detail-paths.txt"

# One fresh step per line for each open case of the step wards not yet touched by a benchmark
# account: "case_id version member action cookie csrf", in a fixed shuffled order.
write_steps() {  # file
  q "SELECT c.id, c.version,
       (SELECT m.person_id FROM membership m
        WHERE m.org_id = c.cell_id AND m.kind = 'official' AND m.valid_from <= '$today'
          AND (m.valid_to IS NULL OR m.valid_to >= '$today') AND m.person_id <> c.person_id
        ORDER BY m.person_id LIMIT 1),
       CASE c.stage WHEN 'source' THEN 'mark_sympathiser' ELSE 'assign_helper' END, w.code
     FROM organisation w
     JOIN organisation cell ON cell.parent_id = w.id
     JOIN admission_case c ON c.cell_id = cell.id
     WHERE w.code IN ($(printf "'%s'," "${step_wards[@]}" | sed 's/,$//'))
       AND c.stage NOT IN ($closed)
       AND NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.actor LIKE 'bench.%')" |
    awk -F'|' 'NR == FNR { session[$1] = $2 " " $3; next }
               $3 != "" { print $1, $2, $3, $4, session[$5] }' \
      <(tr ' ' '|' <"$out/sessions.tsv") - |
    shuf --random-source=<(yes) >"$1"
}

# --- the runs -----------------------------------------------------------------------------------
results="$out/results.tsv"
: >"$results"
run_wrk() {  # name connections seconds script [env...]
  local name=$1 c=$2 seconds=$3 script=$4
  shift 4
  local threads=$((c < 2 ? 1 : 2))
  env PTDV_BENCH_HTTP_DIR="$here" PTDV_BENCH_THREADS="$threads" PTDV_BENCH_DATE="$today" "$@" \
    wrk -t"$threads" -c"$c" -d"${seconds}s" --timeout 10s --latency -s "$here/$script" \
    "$base${url_path:-/}" >"$out/$name-c$c.txt" 2>&1
  local line
  line=$(grep '^PTDV_RESULT' "$out/$name-c$c.txt" || true)
  [ -n "$line" ] || { cat "$out/$name-c$c.txt" >&2; exit 1; }
  echo "$name $c $line" >>"$results"
}
measure_reads() {  # connections seconds suffix
  url_path=/healthz run_wrk "healthz$3" "$1" "$2" get.lua
  url_path=$list_path run_wrk "case_list$3" "$1" "$2" get.lua PTDV_BENCH_COOKIE="$reader_cookie"
  url_path=$list_path run_wrk "list_nocache$3" "$1" "$2" get.lua \
    PTDV_BENCH_COOKIE="$reader_cookie" PTDV_BENCH_NO_CACHE=1
  url_path=/ run_wrk "case_detail$3" "$1" "$2" get.lua PTDV_BENCH_COOKIE="$reader_cookie" \
    PTDV_BENCH_PATHS="$out/detail-paths.txt"
}

echo "bench-http: warming up (the copy starts with a cold page cache)"
measure_reads 16 3 -warmup
: >"$results"
for c in $connections; do
  echo "bench-http: $c connection(s), ${duration}s per endpoint"
  measure_reads "$c" "$duration" ""
  write_steps "$out/steps-c$c.txt"
  left=$(wc -l <"$out/steps-c$c.txt")
  if [ "$left" -lt 2000 ]; then
    echo "bench-http: only $left untouched open cases left for the transitions at $c" \
      "connection(s); raise PTDV_BENCH_STEP_CASES (now $step_cases)" >&2
    exit 1
  fi
  url_path=/ run_wrk transition "$c" "$duration" transition.lua \
    PTDV_BENCH_TRANSITIONS="$out/steps-c$c.txt"
done
grep -v '"status":200' "$out/server.raw.log" >"$out/server.log" || true
rm -f "$out/server.raw.log"

# --- the summary --------------------------------------------------------------------------------
{
  echo "PTĐV HTTP benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk over loopback," \
    "${duration}s per row, $(basename "$db") ($ward: $total cases)"
  awk '{
    for (i = 3; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-13s %5s %10s %9s %9s %8s %s\n", $1, $2, v["rps"], v["p50_ms"], v["p99_ms"],
           v["non2xx"], (v["statuses"] == "-" ? "" : v["statuses"])
    if ($1 == "healthz") healthz[$2] = v["rps"]
    if ($1 == "case_list") { list[$2] = v["rps"]; list_p99[$2] = v["p99_ms"]; order[++n] = $2 }
    if ($1 == "list_nocache") nocache[$2] = v["rps"]
  }
  BEGIN { printf "%-13s %5s %10s %9s %9s %8s\n", "endpoint", "conns", "req/s", "p50 ms",
          "p99 ms", "non-2xx" }
  END {
    for (k = 1; k <= n; ++k) {
      c = order[k]
      printf "case_list / healthz at %s connection(s): %.1f %%%s\n", c,
             100 * list[c] / healthz[c],
             (c == 64 ? sprintf(" (goal >= 25 %%; case_list p99 %s ms, goal <= 10 ms)", list_p99[c]) : "")
      printf "list_nocache / healthz at %s connection(s): %.1f %%\n", c, 100 * nocache[c] / healthz[c]
    }
  }' "$results"
} | tee "$out/summary.txt"

#!/usr/bin/env bash
# Mixed-load HTTP benchmark of `ptdv serve` with wrk over loopback: what the staff of many
# grassroots units read, all at once, while cases are written and users log in.
#
# Readers: the grassroots staff of the PTDV_MIX_UNITS units (grassroots committees and cells)
# with the most cases, one account and session each. Each kind of read is its own wrk instance,
# with its own share of the connections, each request a random URL of that kind as the staff of
# its unit (no Cache-Control: the server's response cache answers what it can):
#   list       GET /api/v1/cases?org=UNIT&page_size=50 — 8 variants per unit: first and second
#              page, sorted by deadline and by name, one stage, one category of open cases, one of
#              due=overdue|due_soon|blocked, a family name in q     (3/8 of the connections)
#   detail     GET /api/v1/cases/{id}, 8 cases per unit                              (2/8)
#   deadlines  GET /api/v1/deadlines?org=UNIT                                        (1/8)
#   dashboard  GET /api/v1/dashboard?org=UNIT, this year and last                    (1/8)
#   search     GET /api/v1/people?q=…&limit=20|200 — 6 per unit, from the unit's people: exact
#              full names, 3–5 letter prefixes of family and given names, names without
#              diacritics                                                            (1/8)
# Writers: POST /api/v1/cases/{id}/events at each rate of PTDV_MIX_WRITE_RATES (paced by wrk's
# delay() over max(4, rate/5) connections), one valid step on a fresh open case of the units per
# request, with If-Match: "<version>", as the staff of its unit (as bench/http). Logins: 2 per
# second (POST /api/v1/auth/login with the right password, paced the same way) in every
# measurement. Only completed requests count: a login still being hashed when the measurement
# ends is not in the table.
#
# Prints how long the server took to be ready (it computes the top units' dashboards first,
# service/warm_start.h) and the time of the first dashboards after that, of leaders of the units
# above the first unit (its city and province), computed and then cached. Then, before the
# mixed runs, /healthz alone (the server's ceiling) and the case list alone
# with "Cache-Control: no-cache" (the computed path: every list URL at random), both at 64
# connections; then per write rate a markdown table (req/s, p50, p99, non-2xx per kind, all
# reads together, writes, logins), the ratio of all reads to /healthz, the response cache's hit
# rate (from the ptdv_response_cache_{hits,misses}_total counters of /metrics; n/a when the
# server has none) and the server's resident memory: VmRSS read about three times a second
# during the measurement (median and maximum; a login adds argon2id's 64 MiB work area while it
# hashes), after it, and the process's peak VmHWM.
#
# Usage: bench/mixed/run.sh [BUILD_DIR]       (`make bench-mixed`; needs wrk, sqlite3, curl;
#                                             psql with PTDV_MIX_PG_URL, nginx with PTDV_MIX_NGINX)
# Environment:
#   PTDV_BENCH_DB          the demo database; default ${XDG_CACHE_HOME:-~/.cache}/ptdv/nation.db,
#                          generated when missing (`ptdv demo --nation`: ~20 min, ~5 GB). The
#                          city demo (`ptdv --db FILE --today 2023-11-15 demo`) works too. Never
#                          written: the benchmark runs on a copy in BUILD_DIR/bench-mixed.
#   PTDV_MIX_UNITS         units whose staff read and write, default 200 (fewer when the
#                          database has fewer units with cases)
#   PTDV_MIX_CONNECTIONS   readers' connections, shared out among the kinds, default 64
#   PTDV_MIX_WRITE_RATES   case steps per second, one measurement each, default "0 2 10 50"
#   PTDV_MIX_DURATION      seconds per measurement, default 20
#   PTDV_MIX_LOGIN_SPREAD  seconds over which the units' accounts log in before the runs,
#                          default 0 (at once)
#   PTDV_MIX_SERVE_ARGS    extra `ptdv serve` options
#   PTDV_MIX_PERF          1: profile the server with perf during the cache-off list and each
#                          mixed measurement (BUILD_DIR/bench-mixed/perf-*.txt)
#   PTDV_MIX_ALONE         0: no /healthz and no-cache list measurements, only the mixed ones
#   PTDV_MIX_OUT           the folder of the raw output, default BUILD_DIR/bench-mixed (emptied)
# The deployment of docs/deploy.md (`make bench-pg`, bench/pg/run.sh):
#   PTDV_MIX_PG_URL        serve this PostgreSQL database instead of a copy of PTDV_BENCH_DB. It
#                          must be a `ptdv db copy` of PTDV_BENCH_DB not yet written by a
#                          benchmark: the units, URLs and steps are read from the SQLite file
#                          (ids and versions are the same), the accounts are added with psql.
#   PTDV_MIX_AUDIT_KEY     the audit key file of that database (needed with PTDV_MIX_PG_URL)
#   PTDV_MIX_APP_SERVERS   `ptdv serve` processes on the database, default 1 (SQLite: 1 only)
#   PTDV_MIX_NGINX         1: the clients go through nginx (scripts/nginx-front.sh) on
#                          127.0.0.1:PTDV_MIX_NGINX_PORT (default 18080) in front of the app
#                          servers; always so with more than one app server
#   PTDV_MIX_KILL_AFTER    seconds: kill -9 the last app server this long into the last
#                          measurement (needs two app servers or more)
# After the runs, every write that was acknowledged (2xx: the case and its new version, from
# the answer) is looked up in the database (the case at that version or later, with the
# benchmark's step among its events), and `ptdv audit verify` checks the audit chain; both are
# in the summary, and BUILD_DIR/bench-mixed/results-RATE.txt holds each mixed measurement's
# figures for bench/pg/run.sh.
# The server runs with --logins-per-minute 100000: every client here shares 127.0.0.1.
# Besides the case steps, the server writes too: each login opens a session, and each session's
# last use is written at most once a minute (about PTDV_MIX_UNITS/60 writes per second here);
# neither changes a remembered answer (service/change_tracker.h).
# Raw wrk output, the URL lists, the steps and the server's non-2xx log lines stay in
# BUILD_DIR/bench-mixed/.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
db=${PTDV_BENCH_DB:-${XDG_CACHE_HOME:-$HOME/.cache}/ptdv/nation.db}
unit_limit=${PTDV_MIX_UNITS:-200}
reader_connections=${PTDV_MIX_CONNECTIONS:-64}
write_rates=${PTDV_MIX_WRITE_RATES:-"0 2 10 50"}
duration=${PTDV_MIX_DURATION:-20}
login_spread=${PTDV_MIX_LOGIN_SPREAD:-0}
run_alone=${PTDV_MIX_ALONE:-1}
pg_url=${PTDV_MIX_PG_URL:-}
app_servers=${PTDV_MIX_APP_SERVERS:-1}
use_nginx=${PTDV_MIX_NGINX:-0}
[ "$app_servers" -le 1 ] || use_nginx=1
nginx_port=${PTDV_MIX_NGINX_PORT:-18080}
kill_after=${PTDV_MIX_KILL_AFTER:-}
today=2023-11-15             # the demo's reference day, also the server's --today
password='Hue@2023demo'      # the demo accounts' password, also the benchmark accounts'
closed="'official','withdrawn','not_admitted','removed','cancelled'"  # IsClosed (domain/model.cc)
login_rate=2
login_connections=4
ceiling_connections=64

fail() { echo "bench-mixed: $*" >&2; exit 1; }
tools=(wrk sqlite3 curl)
[ -z "$pg_url" ] || tools+=(psql)
[ "$use_nginx" = 0 ] || tools+=(nginx)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null ||
    fail "$tool missing (PTDV_WITH_EXTRA=\"wrk curl nginx-light\" bash scripts/install-deps.sh)"
done
[ -x "$build/ptdv" ] || fail "$build/ptdv missing (build it first: make ptdv)"
ptdv=$(realpath "$build/ptdv")
for n in "$unit_limit" "$reader_connections" "$duration" "$login_spread" "$app_servers" \
  "$nginx_port" $kill_after $write_rates; do
  [[ $n =~ ^[0-9]+$ ]] || fail "not a whole number: $n"
done
[ "$reader_connections" -ge 5 ] || fail "PTDV_MIX_CONNECTIONS must be at least 5 (one per kind)"
[ "$app_servers" -ge 1 ] || fail "PTDV_MIX_APP_SERVERS must be at least 1"
[ -n "$pg_url" ] || [ "$app_servers" -eq 1 ] ||
  fail "several app servers need PostgreSQL (PTDV_MIX_PG_URL): SQLite is served by one process"
[ -z "$kill_after" ] || [ "$app_servers" -ge 2 ] ||
  fail "PTDV_MIX_KILL_AFTER needs two app servers or more (one must stay)"
[ -z "$pg_url" ] || [ -f "${PTDV_MIX_AUDIT_KEY:-}" ] ||
  fail "PTDV_MIX_PG_URL needs PTDV_MIX_AUDIT_KEY, the database's audit key file"

# --- the data -----------------------------------------------------------------------------------
bash "$here/../nation-db.sh" "$db" "$ptdv"

out=${PTDV_MIX_OUT:-"$(realpath "$build")/bench-mixed"}
mkdir -p "$out"
out=$(realpath "$out")
rm -rf "${out:?}"/*
work="$out/work.db"
scratch="$out/units.db"
server_pids=()
killed_pid=""  # the app server killed on purpose (PTDV_MIX_KILL_AFTER)
nginx_pid=""
wrk_pids=()
cleanup() {
  local pid
  for pid in "${wrk_pids[@]}" "${server_pids[@]}" $nginx_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${server_pids[@]}" $nginx_pid; do wait "$pid" 2>/dev/null || true; done
  rm -f "$work" "$work-wal" "$work-shm" "$work.audit-key" "$work.audit-key.checkpoint" "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# q: SQL on the demo data (SQLite) with the scratch tables as s.*; store: SQL on the database
# that is served.
if [ -n "$pg_url" ]; then
  backend="PostgreSQL"
  # A copy of the key: the servers keep their checkpoint of the chain beside it, and that of
  # this database must not replace the one of the database the key came with.
  cp -p "$PTDV_MIX_AUDIT_KEY" "$out/audit-key"
  db_args=(--db "$pg_url" --audit-key "$out/audit-key")
  store() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$pg_url" -c "$1"; }
  store "SELECT 1 FROM admission_case LIMIT 1" >/dev/null || fail "$pg_url: no PTĐV database"
  data="file:$db?mode=ro"
else
  backend="SQLite"
  echo "bench-mixed: copying $db ($(du -h "$db" | cut -f1))"
  cp "$db" "$work"
  [ ! -f "$db-wal" ] || cp "$db-wal" "$work-wal"
  # The copy's audit chain needs its key.
  [ ! -f "$db.audit-key" ] || cp -p "$db.audit-key" "$work.audit-key"
  db_args=(--db "$work")
  store() { sqlite3 -batch -noheader "$work" "$1"; }
  data=$work
fi
q() { sqlite3 -batch -noheader "$data" "ATTACH '$scratch' AS s;" "$@"; }
login_of() { echo "bench.${1,,}"; }  # as the SQL below: 'bench.' || lower(code)

# Units: grassroots committees and cells valid today, with every unit below them as of today
# (organisation_version), ranked by their cases.
q "CREATE TABLE s.unit_org AS
   WITH RECURSIVE
     current(org_id, parent_id) AS (
       SELECT org_id, parent_id FROM organisation_version
       WHERE valid_from <= '$today' AND (valid_to IS NULL OR valid_to >= '$today')),
     tree(org_id, unit_id) AS (
       SELECT o.id, o.id FROM organisation o JOIN current c ON c.org_id = o.id
       WHERE o.kind IN ('grassroots_committee', 'grassroots_cell')
       UNION ALL
       SELECT c.org_id, t.unit_id FROM current c JOIN tree t ON c.parent_id = t.org_id
       JOIN organisation o ON o.id = c.org_id
       WHERE o.kind NOT IN ('grassroots_committee', 'grassroots_cell'))
   SELECT org_id, unit_id FROM tree;
   CREATE INDEX s.unit_org_org ON unit_org (org_id);
   CREATE INDEX s.unit_org_unit ON unit_org (unit_id);
   CREATE TABLE s.unit AS
   SELECT u.unit_id AS id, o.code AS code, COUNT(*) AS cases,
          ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, o.code) AS rank
   FROM s.unit_org u JOIN admission_case c ON c.cell_id = u.org_id
   JOIN organisation o ON o.id = u.unit_id
   GROUP BY u.unit_id ORDER BY cases DESC, o.code LIMIT $unit_limit;
   DELETE FROM s.unit_org WHERE unit_id NOT IN (SELECT id FROM s.unit);"
mapfile -t units < <(q "SELECT code FROM s.unit ORDER BY rank")
[ "${#units[@]}" -gt 0 ] || fail "no grassroots unit with cases in $db"
read -r case_total open_total < <(q "SELECT COUNT(*), SUM(c.stage NOT IN ($closed))
  FROM s.unit_org u JOIN admission_case c ON c.cell_id = u.org_id" | tr '|' ' ')

# Accounts: one grassroots staff per unit, and one that only logs in. The first is made by
# `ptdv user add`, the others copy its row (and password hash) with another unit and login.
# Leaders of the units above the first unit (its city, its province), for the first dashboards
# after the start: bench.top.<code>.
echo "bench-mixed: ${#units[@]} units ($case_total cases, $open_total open): their accounts"
template=$(login_of "${units[0]}")
if [ -z "$(store "SELECT 1 FROM user_account WHERE login = '$template'")" ]; then
  "$ptdv" "${db_args[@]}" --today "$today" user add --login "$template" \
    --name "Bench ${units[0]}" --role grassroots_staff --org "${units[0]}" \
    --password "$password" >/dev/null
fi
mapfile -t tops < <(q "WITH RECURSIVE up (id) AS (
     SELECT parent_id FROM organisation WHERE code = '${units[0]}'
     UNION ALL SELECT o.parent_id FROM organisation o JOIN up ON o.id = up.id
     WHERE o.parent_id IS NOT NULL)
   SELECT code FROM organisation WHERE id IN (SELECT id FROM up) ORDER BY id")
# The rows as a VALUES list (login, full name, role, unit id), which both databases read.
accounts=$(q "SELECT group_concat(printf('(%Q, %Q, %Q, %d)', login, name, role, org), ', ')
   FROM (SELECT 'bench.' || lower(code) AS login, 'Bench ' || code AS name,
                'grassroots_staff' AS role, id AS org FROM s.unit
         UNION ALL SELECT 'bench.login', 'Bench login', 'grassroots_staff', id
         FROM s.unit WHERE rank = 1
         UNION ALL SELECT 'bench.top.' || lower(code), 'Bench ' || code, 'leader', id
         FROM organisation WHERE code IN ($(printf "'%s'," "${tops[@]}")''))")
store "INSERT INTO user_account (login, full_name, role, org_id, password_hash, created_at,
                                 password_changed_at)
   SELECT a.column1, a.column2, a.column3, a.column4, t.password_hash, t.created_at,
          t.password_changed_at
   FROM (VALUES $accounts) a, user_account t
   WHERE t.login = '$template' AND a.column1 NOT IN (SELECT login FROM user_account);"

# --- the servers --------------------------------------------------------------------------------
# Each app server's log keeps only the non-2xx lines of the access log (one line per request
# otherwise). With nginx the app servers trust its X-Forwarded-For.
proxy_args=()
[ "$use_nginx" = 0 ] || proxy_args=(--trusted-proxy 127.0.0.1/32)
serve_started=$EPOCHREALTIME
app_bases=()
for i in $(seq 1 "$app_servers"); do
  log="$out/server-$i.log"
  : >"$log"
  # shellcheck disable=SC2086
  "$ptdv" "${db_args[@]}" --today "$today" serve --listen 127.0.0.1:0 --static-dir "" \
    --logins-per-minute 100000 "${proxy_args[@]}" ${PTDV_MIX_SERVE_ARGS:-} \
    2> >(grep --line-buffered -v '"status":2[0-9][0-9],' >"$log") &
  server_pids+=($!)
  port=""
  for _ in $(seq 1 3000); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)
    [ -n "$port" ] && break
    if ! kill -0 "${server_pids[-1]}" 2>/dev/null; then
      cat "$log" >&2
      fail "app server $i did not start"
    fi
    sleep 0.1
  done
  [ -n "$port" ] || fail "app server $i did not start within 5 minutes ($log)"
  app_bases+=("http://127.0.0.1:$port")
done
server_pid=${server_pids[0]}  # the one profiled
for i in "${!app_bases[@]}"; do
  ready=""
  for _ in $(seq 1 1200); do
    ready=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "${app_bases[$i]}/readyz" || true)
    [ "$ready" = 200 ] && break
    if ! kill -0 "${server_pids[$i]}" 2>/dev/null; then
      cat "$out/server-$((i + 1)).log" >&2
      fail "app server $((i + 1)) stopped"
    fi
    sleep 0.5
  done
  [ "$ready" = 200 ] || fail "app server $((i + 1)) is not ready after 10 minutes:" \
    "$(curl -s -m 10 "${app_bases[$i]}/readyz")"
done
ready_after=$(awk -v a="$serve_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
if [ "$use_nginx" = 0 ]; then
  base=${app_bases[0]}
else
  bash "$here/../../scripts/nginx-front.sh" "$out/nginx" "$nginx_port" "$out/nginx/web" off \
    "${app_bases[@]##*:}"
  nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" -g 'daemon off;' 2>"$out/nginx/logs/start.log" &
  nginx_pid=$!
  base="http://127.0.0.1:$nginx_port"
  for _ in $(seq 1 100); do
    curl -fsS -m 2 -o /dev/null "$base/healthz" 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || fail "nginx did not start: $(cat "$out/nginx/logs/"*)"
    sleep 0.1
  done
  curl -fsS -m 2 -o /dev/null "$base/healthz" || fail "nginx does not answer on $base"
fi
alive() { kill -0 "$1" 2>/dev/null; }
live_servers() {  # the pids of the app servers still running
  local pid
  for pid in "${server_pids[@]}"; do alive "$pid" && echo "$pid"; done
  true
}

login() {  # login → "cookie csrf"
  local headers body cookie csrf
  headers=$(mktemp)
  body=$(curl -sS -D "$headers" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  # __Host-ptdv_session by default; ptdv_session when served with --insecure-cookie.
  cookie=$(tr -d '\r' <"$headers" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(\(__Host-\)\{0,1\}ptdv_session=[^;]*\).*/\1/p')
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$body")
  rm -f "$headers"
  if [ -z "$cookie" ] || [ -z "$csrf" ]; then fail "login $1 failed: $body"; fi
  echo "$cookie $csrf"
}
# The server writes a session's last use at most once a minute (touch_interval,
# service/auth_service.h), and a write can make cached answers stale: the logins are spread over
# that minute so that the sessions' writes come evenly, as from staff who came at different
# times, instead of in a burst every minute.
# The first dashboards after the start, before anything else is read: each leader's own, twice
# (computed from what the warm start remembered, then from the response cache).
: >"$out/first-dashboards.txt"
for top in "${tops[@]}"; do
  read -r cookie _ <<<"$(login "bench.top.${top,,}")"
  for pass in first again; do
    curl -s -o /dev/null -H "Cookie: $cookie" -w "$top $pass %{http_code} %{time_total}\n" \
      "$base/api/v1/dashboard" >>"$out/first-dashboards.txt"
  done
done
echo "bench-mixed: logging in ${#units[@]} accounts over ${login_spread}s"
: >"$out/sessions.txt"
started=$EPOCHREALTIME
i=0
for unit in "${units[@]}"; do
  session=$(login "$(login_of "$unit")")
  echo "$unit $session" >>"$out/sessions.txt"
  i=$((i + 1))
  sleep "$(awk -v t0="$started" -v now="$EPOCHREALTIME" -v i="$i" -v n="${#units[@]}" \
    -v spread="$login_spread" 'BEGIN { w = t0 + spread * i / n - now; print (w > 0 ? w : 0) }')"
done

# --- the URLs -----------------------------------------------------------------------------------
# Each list: "unit|path" rows from the database, percent-encoded, joined with the unit's cookie.
with_cookies() {  # → "path cookie"
  LC_ALL=C awk -F'|' '
    BEGIN { for (i = 0; i < 256; ++i) byte[sprintf("%c", i)] = i }
    NR == FNR { split($0, f, " "); cookie[f[1]] = f[2]; next }
    {
      path = ""
      for (i = 1; i <= length($2); ++i) {
        c = substr($2, i, 1)
        if (c ~ /[A-Za-z0-9_.~\/?=&,:-]/) path = path c
        else path = path sprintf("%%%02X", byte[c])
      }
      print path, cookie[$1]
    }' "$out/sessions.txt" -
}
q "SELECT u.code, '/api/v1/cases?org=' || u.code || '&page_size=50' || v.query
   FROM s.unit u,
        (SELECT '' AS query UNION ALL SELECT '&page=2' UNION ALL SELECT '&sort=next_deadline'
         UNION ALL SELECT '&sort=person_name&order=desc') v;
   WITH per_unit AS (
     SELECT u.unit_id AS unit_id, c.stage AS stage, c.category AS category,
            c.stage NOT IN ($closed) AS open, p.full_name AS full_name
     FROM s.unit_org u JOIN admission_case c ON c.cell_id = u.org_id
     JOIN person p ON p.id = c.person_id)
   SELECT u.code, '/api/v1/cases?org=' || u.code || '&page_size=50' || CASE v.k
       WHEN 1 THEN '&stage=' || (SELECT stage FROM per_unit WHERE unit_id = u.id AND open
                                 GROUP BY stage ORDER BY COUNT(*) DESC, stage LIMIT 1)
       WHEN 2 THEN '&open=true&category=' || (SELECT category FROM per_unit WHERE unit_id = u.id
                                 GROUP BY category ORDER BY COUNT(*) DESC, category LIMIT 1)
       WHEN 3 THEN '&due=' || CASE u.rank % 3 WHEN 0 THEN 'overdue' WHEN 1 THEN 'due_soon'
                                              ELSE 'blocked' END
       ELSE '&q=' || (SELECT substr(full_name, 1, instr(full_name || ' ', ' ') - 1)
                      FROM per_unit WHERE unit_id = u.id
                      GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1) END
   FROM s.unit u, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) v
   WHERE EXISTS (SELECT 1 FROM per_unit WHERE unit_id = u.id AND open) OR v.k > 1;" |
  with_cookies >"$out/urls-list.txt"
q "SELECT code, path FROM (
     SELECT u.code AS code, '/api/v1/cases/' || c.id AS path,
            ROW_NUMBER() OVER (PARTITION BY u.id ORDER BY (c.id * 2654435761) % 4294967291) AS n
     FROM s.unit u JOIN s.unit_org o ON o.unit_id = u.id
     JOIN admission_case c ON c.cell_id = o.org_id)
   WHERE n <= 8;" | with_cookies >"$out/urls-detail.txt"
q "SELECT code, '/api/v1/deadlines?org=' || code FROM s.unit;" |
  with_cookies >"$out/urls-deadlines.txt"
q "SELECT code, '/api/v1/dashboard?org=' || code || v.query FROM s.unit,
     (SELECT '' AS query UNION ALL SELECT '&year=$((${today%%-*} - 1))') v;" |
  with_cookies >"$out/urls-dashboard.txt"
# Six people per unit, each searched one way; "given" is the last word of the name.
q "WITH people AS (
     SELECT u.code AS code, p.full_name AS name, p.search_key AS plain,
            replace(p.full_name, rtrim(p.full_name, replace(p.full_name, ' ', '')), '') AS given,
            replace(p.search_key, rtrim(p.search_key, replace(p.search_key, ' ', '')), '')
              AS plain_given,
            3 + p.id % 3 AS k,
            ROW_NUMBER() OVER (PARTITION BY u.id ORDER BY (p.id * 2654435761) % 4294967291) AS n
     FROM s.unit u JOIN s.unit_org o ON o.unit_id = u.id JOIN person p ON p.org_id = o.org_id)
   SELECT code, '/api/v1/people?limit=' || CASE n % 2 WHEN 0 THEN 200 ELSE 20 END || '&q=' ||
     CASE n WHEN 1 THEN name
            WHEN 2 THEN name
            WHEN 3 THEN rtrim(substr(name, 1, k))
            WHEN 4 THEN substr(given, 1, k)
            WHEN 5 THEN plain
            ELSE substr(plain_given, 1, k) END
   FROM people WHERE n <= 6;" | with_cookies >"$out/urls-search.txt"
echo /healthz >"$out/urls-healthz.txt"
kinds=(list detail deadlines dashboard search)
for kind in "${kinds[@]}"; do
  [ -s "$out/urls-$kind.txt" ] || fail "no URLs for $kind"
done

# Connections of each kind: list 3/8, detail 2/8, the others 1/8 (the rest to the list).
declare -A share=([list]=3 [detail]=2 [deadlines]=1 [dashboard]=1 [search]=1)
declare -A conns
given=0
for kind in "${kinds[@]}"; do
  conns[$kind]=$((reader_connections * share[$kind] / 8))
  [ "${conns[$kind]}" -ge 1 ] || conns[$kind]=1
  given=$((given + conns[$kind]))
done
conns[list]=$((conns[list] + reader_connections - given))

# One fresh step per line for open cases of the units not yet touched by a benchmark account:
# "case_id version member action cookie csrf", in a fixed shuffled order.
write_steps() {  # count file
  q "SELECT c.id, c.version,
       (SELECT m.person_id FROM membership m
        WHERE m.org_id = c.cell_id AND m.kind = 'official' AND m.valid_from <= '$today'
          AND (m.valid_to IS NULL OR m.valid_to >= '$today') AND m.person_id <> c.person_id
        ORDER BY m.person_id LIMIT 1),
       CASE c.stage WHEN 'source' THEN 'mark_sympathiser' ELSE 'assign_helper' END, u.code
     FROM s.unit u JOIN s.unit_org o ON o.unit_id = u.id
     JOIN admission_case c ON c.cell_id = o.org_id
     WHERE c.stage NOT IN ($closed)
       AND NOT EXISTS (SELECT 1 FROM case_event e
                       WHERE e.case_id = c.id AND e.actor LIKE 'bench.%')" |
    awk -F'|' 'NR == FNR { split($0, f, " "); session[f[1]] = f[2] " " f[3]; next }
               $3 != "" { print $1, $2, $3, $4, session[$5] }' "$out/sessions.txt" - |
    shuf -n "$1" --random-source=<(yes) >"$2"
  local have
  have=$(wc -l <"$2")
  [ "$have" -ge "$1" ] ||
    echo "bench-mixed: only $have fresh open cases for $1 steps; the repeats will fail with 409" >&2
  [ "$have" -gt 0 ] || fail "no open case to step in the units"
}

# --- the runs -----------------------------------------------------------------------------------
# Starts one wrk in the background: name connections threads seconds script url [env...]
start_wrk() {
  local name=$1 c=$2 t=$3 seconds=$4 script=$5 url=$6
  shift 6
  env PTDV_MIX_DIR="$here" PTDV_MIX_DATE="$today" PTDV_MIX_THREADS="$t" \
    PTDV_MIX_CONNECTIONS="$c" PTDV_MIX_HIST="$run_dir/$name.hist" "$@" \
    wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 10s --latency -s "$here/$script" "$base$url" \
    >"$run_dir/$name.txt" 2>&1 &
  wrk_pids+=($!)
}
# With PTDV_MIX_PERF=1, samples the server's stacks (perf record -g) for most of a measurement
# and writes the hottest functions, self and with callees, to $out/perf-NAME.txt.
profile() {
  [ "${PTDV_MIX_PERF:-0}" = 1 ] || return 0
  local name=$1 seconds=$(( duration > 4 ? duration - 2 : duration ))
  sleep 1
  perf record -q -F 499 --call-graph dwarf,32768 -p "$server_pid" -o "$out/perf-$name.data" -- sleep "$seconds" \
    >/dev/null 2>&1 || { echo "bench-mixed: perf record failed" >&2; return 0; }
  {
    echo "# self"
    perf report -i "$out/perf-$name.data" --no-children --stdio --percent-limit 1.5 \
      --sort symbol -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 40' | sed 's/[ -]*$//'
    echo "# with callees"
    perf report -i "$out/perf-$name.data" --children --stdio --percent-limit 2 \
      --sort symbol -g none 2>/dev/null | awk '!/^#/ && NF && n++ < 80' | sed 's/[ -]*$//'
  } >"$out/perf-$name.txt" || true
}
# Waits for the wrk instances started since the last call; fails on one without its result.
wait_wrk() {
  local pid
  for pid in "${wrk_pids[@]}"; do wait "$pid" || true; done
  wrk_pids=()
  local i
  for i in "${!server_pids[@]}"; do
    [ "${server_pids[$i]}" = "$killed_pid" ] || alive "${server_pids[$i]}" ||
      fail "app server $((i + 1)) stopped ($out/server-$((i + 1)).log)"
  done
  local f
  for f in "$run_dir"/*.txt; do
    grep -q '^PTDV_RESULT' "$f" || { cat "$f" >&2; fail "wrk gave no result: $f"; }
  done
}
start_readers() {  # seconds
  local kind
  for kind in "${kinds[@]}"; do
    start_wrk "$kind" "${conns[$kind]}" 1 "$1" read.lua / PTDV_MIX_URLS="$out/urls-$kind.txt"
  done
}
# /metrics of each app server still running (they are not behind nginx), one after the other.
all_metrics() {
  local b
  for b in "${app_bases[@]}"; do
    { curl -s -m 10 "$b/metrics" || true; } | sed "s|^|$b |"
  done
}
cache_size() {  # "MB entries" of the response caches together, or "- -"
  all_metrics | awk '
    $2 == "ptdv_response_cache_bytes" { b += $NF; h = 1 }
    $2 == "ptdv_response_cache_entries" { e += $NF }
    END { if (h) printf "%.1f %d\n", b / 1048576, e; else print "- -" }'
}
# "server hits misses" lines of the response caches, none when /metrics has no such counters.
cache_counters() {
  all_metrics | awk '
    $2 ~ /^ptdv_response_cache_hits_total(\{|$)/ { hits[$1] += $NF }
    $2 ~ /^ptdv_response_cache_misses_total(\{|$)/ { misses[$1] += $NF }
    END { for (b in hits) if (b in misses) print b, hits[b], misses[b] }'
}
# "hits misses" between two cache_counters files, over the servers that answered both times.
cache_delta() {  # before after
  awk 'NR == FNR { h[$1] = $2; m[$1] = $3; next }
       $1 in h { dh += $2 - h[$1]; dm += $3 - m[$1]; n++ }
       END { if (n) print dh, dm; else print "-" }' "$1" "$2"
}
sample_rss() {  # FILE: appends the app servers' VmRSS together in kB about three times a second
  local pids pid
  while pids=$(live_servers) && [ -n "$pids" ]; do
    for pid in $pids; do cat "/proc/$pid/status" 2>/dev/null; done |
      awk '$1 == "VmRSS:" { s += $2 } END { if (s) print s }' >>"$1" || true
    sleep 0.37  # not a divisor of the logins' half second, so the samples fall across it
  done
}
rss_summary() {  # FILE: "median max" of the samples, MB
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- -"; exit }
    printf "%.0f %.0f\n", v[int((NR + 1) / 2)] / 1024, v[NR] / 1024 }'
}
memory() {  # VmRSS and VmHWM of the app servers still running, together, MB
  local pid
  for pid in $(live_servers); do cat "/proc/$pid/status"; done |
    awk '$1 == "VmRSS:" { rss += $2 } $1 == "VmHWM:" { hwm += $2 }
         END { printf "%.0f %.0f\n", rss / 1024, hwm / 1024 }'
}

echo "bench-mixed: warming up (the copy starts with a cold page cache)"
run_dir="$out/warmup"
mkdir -p "$run_dir"
start_readers "$(( duration < 5 ? duration : 5 ))"
wait_wrk

if [ "$run_alone" != 0 ]; then
  echo "bench-mixed: /healthz, then the case list with no cache, alone" \
    "($ceiling_connections connections, ${duration}s each)"
  run_dir="$out/alone"
  mkdir -p "$run_dir"
  start_wrk healthz "$ceiling_connections" 2 "$duration" read.lua /healthz
  wait_wrk
  start_wrk list_nocache "$ceiling_connections" 2 "$duration" read.lua / \
    PTDV_MIX_URLS="$out/urls-list.txt" PTDV_MIX_NO_CACHE=1
  profile list_nocache
  wait_wrk
fi

# The steps of all the measurements, drawn at once so that no case is stepped twice.
steps_for() { echo $(($1 > 0 ? $1 * duration * 5 / 4 + 20 : 0)); }
step_total=0
for rate in $write_rates; do step_total=$((step_total + $(steps_for "$rate"))); done
[ "$step_total" -eq 0 ] || write_steps "$step_total" "$out/steps.all"
steps_taken=0
read -ra rates <<<"$write_rates"
killer_pid=""
for rate in "${rates[@]}"; do
  echo "bench-mixed: $rate writes/s, ${duration}s"
  run_dir="$out/writes-$rate"
  mkdir -p "$run_dir"
  if [ "$rate" -gt 0 ]; then
    count=$(steps_for "$rate")
    sed -n "$((steps_taken + 1)),$((steps_taken + count))p" "$out/steps.all" >"$run_dir/steps.list"
    steps_taken=$((steps_taken + count))
    # Too few fresh cases: the lines again (the repeats fail with 409).
    [ -s "$run_dir/steps.list" ] || cp "$out/steps.all" "$run_dir/steps.list"
  fi
  cache_counters >"$run_dir/cache-before"
  start_readers "$duration"
  if [ "$rate" -gt 0 ]; then
    # Enough connections to hold the rate up to 200 ms per write.
    start_wrk writes $((rate / 5 > 4 ? rate / 5 : 4)) 1 "$duration" write.lua / \
      PTDV_MIX_STEPS="$run_dir/steps.list" PTDV_MIX_RATE="$rate" \
      PTDV_MIX_ACKED="$run_dir/acked.list"
  fi
  if [ -n "$kill_after" ] && [ "$rate" = "${rates[-1]}" ]; then
    killed_pid=${server_pids[-1]}
    (sleep "$kill_after" && kill -9 "$killed_pid" &&
      echo "kill -9 of app server ${#server_pids[@]} after ${kill_after}s" >"$run_dir/killed") &
    killer_pid=$!
  fi
  start_wrk logins "$login_connections" 1 "$duration" login.lua /api/v1/auth/login \
    PTDV_MIX_LOGIN=bench.login PTDV_MIX_PASSWORD="$password" PTDV_MIX_RATE="$login_rate"
  profile "mixed-$rate"
  : >"$run_dir/rss.samples"
  sample_rss "$run_dir/rss.samples" &
  sampler_pid=$!
  wait_wrk
  [ -z "$killer_pid" ] || wait "$killer_pid" || fail "the app server to kill was not running"
  killer_pid=""
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  cache_counters >"$run_dir/cache-after"
  cache_size >"$run_dir/cache-size"
  memory >"$run_dir/memory"
done

# --- the summary --------------------------------------------------------------------------------
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$2"; }
result() { grep '^PTDV_RESULT' "$1"; }
row() {  # label file → one table row
  local -A r
  local kv non2xx p50=– p99=–
  for kv in $(result "$2"); do r[${kv%%=*}]=${kv#*=}; done
  non2xx=${r[non2xx]}
  [ "${r[statuses]}" = - ] || non2xx="$non2xx (${r[statuses]%,})"
  [ "${r[socket_errors]}" = 0 ] || non2xx="$non2xx, ${r[socket_errors]} socket errors"
  if [ "${r[requests]}" -gt 0 ]; then
    p50=$(printf '%.2f' "${r[p50_ms]}")
    p99=$(printf '%.2f' "${r[p99_ms]}")
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$1" "${r[rps]}" "$p50" "$p99" "$non2xx"
}
# p50 and p99 of several wrk instances together, from their quantile files.
merged_percentiles() {  # hist files…
  cat "$@" | sort -n | awk '
    { v[NR] = $1; w[NR] = $2; total += $2 }
    END {
      for (i = 1; i <= NR; ++i) {
        sum += w[i]
        if (p50 == "" && sum >= 0.50 * total) p50 = v[i]
        if (p99 == "" && sum >= 0.99 * total) p99 = v[i]
      }
      printf "%.2f %.2f\n", p50 / 1000, p99 / 1000
    }'
}
# Every acknowledged write in the database: "acknowledged missing".
acked_check() {
  local values
  values=$(sort -u "$out"/writes-*/acked.list 2>/dev/null |
    awk '{ printf "%s(%d, %d)", (NR > 1 ? ", " : ""), $1, $2 }')
  if [ -z "$values" ]; then
    echo "0 0"
    return
  fi
  store "SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (
             SELECT 1 FROM admission_case c WHERE c.id = a.column1 AND c.version >= a.column2)
           AND EXISTS (SELECT 1 FROM case_event e
                       WHERE e.case_id = a.column1 AND e.actor LIKE 'bench.%')
         THEN 0 ELSE 1 END), 0)
         FROM (VALUES $values) a" | tr '|' ' '
}
read -r acked missing < <(acked_check)
if "$ptdv" "${db_args[@]}" --today "$today" audit verify >"$out/audit-verify.txt" 2>&1; then
  chain="verified"
else
  chain="NOT verified ($out/audit-verify.txt)"
fi
setup="$backend, $app_servers app server$([ "$app_servers" -eq 1 ] || echo s)"
[ "$use_nginx" = 0 ] || setup="$setup behind nginx"
healthz_rps=""
if [ "$run_alone" != 0 ]; then
  healthz_rps=$(field rps <(result "$out/alone/healthz.txt"))
  nocache_rps=$(field rps <(result "$out/alone/list_nocache.txt"))
fi
{
  echo
  echo "PTĐV mixed-load benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk over loopback," \
    "$setup," \
    "${duration}s per measurement, $(basename "$db"): ${#units[@]} units ($case_total cases," \
    "$open_total open), readers' connections: list ${conns[list]}, detail ${conns[detail]}," \
    "deadlines ${conns[deadlines]}, dashboard ${conns[dashboard]}, search ${conns[search]}" \
    "($(wc -l <"$out/urls-list.txt") list URLs, $(wc -l <"$out/urls-detail.txt") cases," \
    "$(wc -l <"$out/urls-search.txt") searches); besides the case steps and the logins, the" \
    "server writes each of the ${#units[@]} sessions' last use once a minute"
  echo
  echo "Ready (/readyz 200) ${ready_after}s after the start. The first dashboards then, of the" \
    "units above ${units[0]} (ms; computed, then again from the cache):"
  echo
  awk '{ t[$1] = t[$1] (t[$1] == "" ? "" : " / ") sprintf("%.1f", $4 * 1000) ($3 == 200 ? "" : " (" $3 ")") }
       !seen[$1]++ { order[++n] = $1 }
       END { for (i = 1; i <= n; ++i) print "- " order[i] ": " t[order[i]] }' \
    "$out/first-dashboards.txt"
  if [ "$run_alone" != 0 ]; then
    echo
    echo "Alone, $ceiling_connections connections:"
    echo
    echo "| endpoint | req/s | p50 ms | p99 ms | non-2xx |"
    echo "|---|---:|---:|---:|---:|"
    row "healthz" "$out/alone/healthz.txt"
    row "list, Cache-Control: no-cache" "$out/alone/list_nocache.txt"
    echo
    awk -v a="$nocache_rps" -v b="$healthz_rps" \
      'BEGIN { printf "list (no cache) / healthz: %.1f %%\n", 100 * a / b }'
  fi
  for rate in "${rates[@]}"; do
    run_dir="$out/writes-$rate"
    echo
    echo "$rate writes/s, $login_rate logins/s:"
    echo
    echo "| kind | req/s | p50 ms | p99 ms | non-2xx |"
    echo "|---|---:|---:|---:|---:|"
    reads_rps=0
    reads_non2xx=0
    hists=()
    for kind in "${kinds[@]}"; do
      row "$kind" "$run_dir/$kind.txt"
      reads_rps=$(awk -v a="$reads_rps" -v b="$(field rps <(result "$run_dir/$kind.txt"))" \
        'BEGIN { printf "%.1f", a + b }')
      reads_non2xx=$((reads_non2xx + $(field non2xx <(result "$run_dir/$kind.txt"))))
      hists+=("$run_dir/$kind.hist")
    done
    read -r p50 p99 < <(merged_percentiles "${hists[@]}")
    printf '| all reads | %s | %s | %s | %s |\n' "$reads_rps" "$p50" "$p99" "$reads_non2xx"
    if [ "$rate" -gt 0 ]; then
      writes_row=$(row "writes" "$run_dir/writes.txt")
    else
      writes_row="| writes | 0 | – | – | – |"
    fi
    echo "$writes_row"
    row "logins" "$run_dir/logins.txt"
    # For bench/pg/run.sh: reads req/s, p50, p99, non-2xx | writes' row.
    echo "$reads_rps|$p50|$p99|$reads_non2xx|$writes_row" >"$out/results-$rate.txt"
    echo
    [ -z "$healthz_rps" ] || awk -v a="$reads_rps" -v b="$healthz_rps" \
      'BEGIN { printf "all reads / healthz: %.1f %%\n", 100 * a / b }'
    [ ! -f "$run_dir/killed" ] || echo "$(cat "$run_dir/killed") (of ${duration}s)"
    read -r hits misses < <(cache_delta "$run_dir/cache-before" "$run_dir/cache-after") || true
    if [ "$hits" = - ]; then
      echo "cache hit rate: n/a"
    else
      awk -v h="$hits" -v m="$misses" 'BEGIN {
        if (h + m == 0) print "cache hit rate: n/a (no lookups)"
        else printf "cache hit rate: %.1f %% (%d hits, %d misses)\n", 100 * h / (h + m), h, m }'
    fi
    read -r cache_mb cache_entries <"$run_dir/cache-size" || true
    echo "response cache: $cache_mb MB in $cache_entries answers"
    read -r rss hwm <"$run_dir/memory"
    read -r rss_median rss_max < <(rss_summary "$run_dir/rss.samples")
    [ "$app_servers" -eq 1 ] || echo -n "The app servers together: "
    echo "RSS during the run: median $rss_median MB, max $rss_max MB; after it $rss MB" \
      "(peak VmHWM $hwm MB)"
  done
  echo
  echo "Acknowledged writes (2xx): $acked, found in the database afterwards: $((acked - missing));" \
    "audit chain: $chain"
} | tee "$out/summary.md"
echo "$acked $missing $chain" >"$out/checks.txt"
[ "$missing" -eq 0 ] || fail "$missing acknowledged writes are missing from the database"
[ "$chain" = verified ] || fail "the audit chain does not verify ($out/audit-verify.txt)"

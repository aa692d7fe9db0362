#!/usr/bin/env bash
# `make bench-pg`: the mixed load of bench/mixed (the staff of 200 units reading, cases written,
# logins) on the nation demo, served from SQLite and from PostgreSQL, in one table:
#   sqlite        SQLite, one app server, the clients straight to it (bench-mixed as it is)
#   sqlite-nginx  SQLite, one app server behind nginx
#   pg-1          PostgreSQL, one app server behind nginx
#   pg-2          PostgreSQL, two app servers behind nginx (the deployment of docs/deploy.md)
#   pg-2-kill     as pg-2, and one app server is killed with kill -9 halfway through
# Each setup starts from the same data (a fresh copy of the SQLite file, or of the PostgreSQL
# database), runs one measurement at PTDV_PG_WRITE_RATE case steps per second, then looks up
# every acknowledged write in the database and verifies the audit chain (bench/mixed/run.sh).
#
# The PostgreSQL cluster (PostgreSQL 15, scripts/pg-cluster.sh, made durable for the
# measurement: fsync, synchronous_commit and full_page_writes on) lives in PTDV_BENCH_PG_DIR and
# is kept between runs: the first run copies the nation demo into it with `ptdv db copy` (~10
# min) into the database ptdv, which each setup then clones (CREATE DATABASE … TEMPLATE).
#
# Usage: bench/pg/run.sh [BUILD_DIR]        (`make bench-pg`; needs wrk, sqlite3, curl, psql, nginx)
# Environment:
#   PTDV_BENCH_DB       the nation demo (SQLite), as for bench-mixed; generated when missing
#   PTDV_BENCH_PG_DIR   the cluster's folder, default /var/tmp/ptdv-bench-pg (outside /root: the
#                       server runs as postgres when we are root)
#   PTDV_PG_SETUPS      the setups to run, default "sqlite sqlite-nginx pg-1 pg-2 pg-2-kill"
#   PTDV_PG_WRITE_RATE  case steps per second, default 10
#   PTDV_MIX_DURATION   seconds of the measurement, default 30 (the kill comes at half of it)
#   PTDV_MIX_UNITS, PTDV_MIX_CONNECTIONS and the other settings of bench/mixed/run.sh
# The table is printed and kept in BUILD_DIR/bench-pg/summary.md, each setup's own summary in
# BUILD_DIR/bench-pg/SETUP/summary.md.
set -euo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
db=${PTDV_BENCH_DB:-${XDG_CACHE_HOME:-$HOME/.cache}/ptdv/nation.db}
cluster=${PTDV_BENCH_PG_DIR:-/var/tmp/ptdv-bench-pg}
setups=${PTDV_PG_SETUPS:-"sqlite sqlite-nginx pg-1 pg-2 pg-2-kill"}
rate=${PTDV_PG_WRITE_RATE:-10}
duration=${PTDV_MIX_DURATION:-30}
pg_bin=/usr/lib/postgresql/15/bin

fail() { echo "bench-pg: $*" >&2; exit 1; }
for tool in wrk sqlite3 curl psql nginx; do
  command -v "$tool" >/dev/null ||
    fail "$tool missing (PTDV_WITH_EXTRA=\"wrk curl nginx-light\" bash scripts/install-deps.sh)"
done
[ -x "$build/ptdv" ] || fail "$build/ptdv missing (build it first: make ptdv)"
ptdv=$(realpath "$build/ptdv")
for n in "$rate" "$duration"; do [[ $n =~ ^[0-9]+$ ]] || fail "not a whole number: $n"; done
for setup in $setups; do
  case "$setup" in
    sqlite | sqlite-nginx | pg-1 | pg-2 | pg-2-kill) ;;
    *) fail "unknown setup: $setup" ;;
  esac
done
out="$(realpath "$build")/bench-pg"
mkdir -p "$out"
rm -rf "${out:?}"/*

bash "$here/../nation-db.sh" "$db" "$ptdv"
key="$db.audit-key"  # the copy's chain is the original's, under the same key

# --- the PostgreSQL cluster ---------------------------------------------------------------------
as_owner() {  # runs a PostgreSQL tool as the cluster's owner (postgres when we are root)
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$(stat -c %U "$cluster/data")" -- "$@")
  else
    "$@"
  fi
}
running() { as_owner "$pg_bin/pg_ctl" -D "$cluster/data" status >/dev/null 2>&1; }
stop_cluster() {
  ! running || as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null
}
case " $setups " in *" pg-"*) with_pg=1 ;; *) with_pg=0 ;; esac
if [ "$with_pg" = 1 ]; then
  if [ -f "$cluster/copied" ]; then
    running || as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -w -l "$cluster/postgresql.log" \
      start >/dev/null
    url=$(bash "$root/scripts/pg-cluster.sh" url "$cluster")
  else
    # A copy that did not finish is started again from nothing.
    [ ! -f "$cluster/data/PG_VERSION" ] || bash "$root/scripts/pg-cluster.sh" stop "$cluster"
    rm -rf "$cluster"
    url=$(bash "$root/scripts/pg-cluster.sh" start "$cluster")
    echo "bench-pg: copying $db into PostgreSQL ($cluster, ~10 min)"
    "$ptdv" db copy --from "$db" --to "$url" | tee "$out/db-copy.txt"
    # The measurement is made as a deployment runs: every commit durable. The 4 GB of shared
    # buffers are a sixth of this machine's memory.
    for setting in "fsync = on" "synchronous_commit = on" "full_page_writes = on" \
      "shared_buffers = '4GB'" "effective_cache_size = '12GB'" "max_connections = 200"; do
      psql -X -q -d "$url" -c "ALTER SYSTEM SET $setting"
    done
    stop_cluster
    sync
    as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -w -l "$cluster/postgresql.log" start >/dev/null
    touch "$cluster/copied"
  fi
  trap stop_cluster EXIT
  admin_url=${url/\/\/\/ptdv\?/\/\/\/postgres?}
  bench_url=${url/\/\/\/ptdv\?/\/\/\/bench?}
fi

# --- the setups ---------------------------------------------------------------------------------
for setup in $setups; do
  echo "bench-pg: $setup"
  settings=(PTDV_BENCH_DB="$db" PTDV_MIX_OUT="$out/$setup" PTDV_MIX_ALONE=0
    PTDV_MIX_WRITE_RATES="$rate" PTDV_MIX_DURATION="$duration")
  case "$setup" in
    sqlite) ;;
    sqlite-nginx) settings+=(PTDV_MIX_NGINX=1) ;;
    pg-*)
      # A fresh clone of the copied database: every setup steps the same cases.
      psql -X -q -v ON_ERROR_STOP=1 -d "$admin_url" -c "DROP DATABASE IF EXISTS bench" \
        -c "CREATE DATABASE bench TEMPLATE ptdv STRATEGY FILE_COPY"
      settings+=(PTDV_MIX_PG_URL="$bench_url" PTDV_MIX_AUDIT_KEY="$key" PTDV_MIX_NGINX=1)
      ;;
  esac
  case "$setup" in
    pg-2) settings+=(PTDV_MIX_APP_SERVERS=2) ;;
    pg-2-kill) settings+=(PTDV_MIX_APP_SERVERS=2 PTDV_MIX_KILL_AFTER=$((duration / 2))) ;;
  esac
  env "${settings[@]}" bash "$here/../mixed/run.sh" "$build" >"$out/$setup.log" 2>&1 || {
    tail -n 30 "$out/$setup.log" >&2
    fail "$setup failed ($out/$setup.log)"
  }
done

# --- the table ----------------------------------------------------------------------------------
label() {
  case "$1" in
    sqlite) echo "SQLite, 1 app server" ;;
    sqlite-nginx) echo "SQLite, 1 app server, nginx" ;;
    pg-1) echo "PostgreSQL, 1 app server, nginx" ;;
    pg-2) echo "PostgreSQL, 2 app servers, nginx" ;;
    pg-2-kill) echo "PostgreSQL, 2 app servers, nginx, one killed at $((duration / 2)) s" ;;
  esac
}
{
  echo
  echo "PTĐV on SQLite and PostgreSQL — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
    "$(free -g | awk '/^Mem:/ { print $2 }') GiB, $(basename "$db"), the mixed" \
    "load of bench/mixed for ${duration}s: $(sed -n 's/.*(\([0-9]* list URLs\).*/\1/p' \
      "$out/${setups%% *}/summary.md" | head -1), $rate case steps/s, 2 logins/s;" \
    "every commit durable (SQLite: synchronous FULL; PostgreSQL 15: fsync, synchronous_commit)"
  echo
  echo "| setup | reads/s | reads p50 ms | reads p99 ms | reads non-2xx | writes/s |" \
    "writes p50 ms | writes p99 ms | writes non-2xx | acknowledged writes found | audit chain |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for setup in $setups; do
    IFS='|' read -r reads p50 p99 non2xx _ _ wrps wp50 wp99 wnon2xx _ \
      <"$out/$setup/results-$rate.txt"
    read -r acked missing chain <"$out/$setup/checks.txt"
    printf '| %s | %s | %s | %s | %s |%s|%s|%s|%s| %s of %s | %s |\n' "$(label "$setup")" \
      "$reads" "$p50" "$p99" "$non2xx" "$wrps" "$wp50" "$wp99" "$wnon2xx" \
      "$((acked - missing))" "$acked" "$chain"
  done
  if [ -f "$out/pg-2-kill/writes-$rate/killed" ]; then
    echo
    echo "pg-2-kill: $(cat "$out/pg-2-kill/writes-$rate/killed"); nginx sent the rest to the" \
      "other app server."
  fi
} | tee "$out/summary.md"

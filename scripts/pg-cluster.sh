#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: no TCP, a private Unix socket, trust auth.
#   pg-cluster.sh start DIR   creates the cluster in DIR (new or empty), starts it, creates the
#                             database ptdv and prints its libpq URL
#   pg-cluster.sh url DIR     prints the URL again
#   pg-cluster.sh stop DIR    stops the cluster and removes DIR
# The cluster lives in DIR/data, its socket and log (postgresql.log) in DIR. Locale C, UTF8:
# text compares byte by byte and lower() folds ASCII only, as in SQLite (the PostgreSQL
# migrations refuse any other collation). Run as root, the server runs as the system user
# postgres (it refuses to run as root), which then owns DIR. Trust is safe only because DIR is
# 0700: nobody but its owner (and root) reaches the socket.
set -euo pipefail

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=5432  # the socket is private to DIR, so the default port clashes with nothing
db=ptdv

usage() {
  echo "usage: $0 start|url|stop DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$2
case "$dir" in
  /*) ;;
  *) dir="$PWD/$dir" ;;
esac
# The path goes into postgresql.conf and into the URL unquoted: keep it plain.
if [[ ! "$dir" =~ ^[A-Za-z0-9._/-]+$ ]]; then
  echo "pg-cluster: DIR must be a plain path ([A-Za-z0-9._/-]): $dir" >&2
  exit 2
fi
dir=${dir%/}

# Runs a command as the cluster's owner: postgres when we are root, else ourselves. From /, so
# that the owner need not be able to read our working directory.
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner() { (cd / && runuser -u "$owner" -- "$@"); }
else
  owner=$(id -un)
  as_owner() { (cd / && "$@"); }
fi

# Environment variables that would point the tools at another server or options.
unset PGDATA PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGOPTIONS PGSERVICE

url() {
  # The owner of the data directory is the bootstrap superuser (initdb names it after itself).
  echo "postgresql:///$db?host=$dir&port=$port&user=$(stat -c %U "$dir/data")"
}

# Only a directory this script made is stopped or removed.
require_cluster() {
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    echo "pg-cluster: no cluster made by this script in $dir" >&2
    exit 1
  fi
}

start() {
  mkdir -p "$dir"
  if [ -n "$(ls -A "$dir")" ]; then
    echo "pg-cluster: $dir is not empty" >&2
    exit 1
  fi
  chmod 700 "$dir"
  [ "$owner" = "$(id -un)" ] || chown "$owner:" "$dir"

  as_owner "$pg_bin/initdb" --pgdata="$dir/data" --username="$owner" --encoding=UTF8 \
    --locale=C --auth-local=trust --auth-host=reject --no-sync >/dev/null
  # Throwaway data: durability is not wanted, speed is.
  cat >>"$dir/data/postgresql.conf" <<EOF

# pg-cluster.sh: a private socket, no TCP, no durability.
listen_addresses = ''
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if ! as_owner "$pg_bin/pg_ctl" start --pgdata="$dir/data" --log="$dir/postgresql.log" \
    --wait --timeout=60 >/dev/null; then
    tail -n 20 "$dir/postgresql.log" >&2 || true
    exit 1
  fi
  as_owner "$pg_bin/createdb" --host="$dir" --port="$port" --username="$owner" "$db"
  url
}

stop() {
  require_cluster
  # A cluster that is not running (no postmaster.pid) is only removed.
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$pg_bin/pg_ctl" stop --pgdata="$dir/data" --mode=fast --wait >/dev/null
  fi
  rm -rf -- "$dir"
}

case "$cmd" in
  start) start ;;
  url)
    require_cluster
    url
    ;;
  stop) stop ;;
  *) usage ;;
esac

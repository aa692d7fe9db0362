#!/usr/bin/env bash
# Applies migrations/postgresql/ with psql to a new database on the cluster whose URL is in
# URL_FILE (scripts/pg-cluster.sh start), runs scripts/pg-schema-smoke.sql on it, and drops it.
# Run by ctest (postgres_schema_smoke) with the throwaway cluster of the `postgres` fixture.
#
#   scripts/pg-schema-smoke.sh URL_FILE
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 URL_FILE" >&2; exit 2; }
url=$(cat "$1")
db="smoke_$$"
# The cluster's URL names the database ptdv: the same URL with this one instead.
db_url=${url/\/ptdv\?/\/$db\?}
psql -X -q -v ON_ERROR_STOP=1 "$url" \
  -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
trap 'psql -X -q "$url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null' EXIT
for f in migrations/postgresql/*.sql; do
  psql -X -q -v ON_ERROR_STOP=1 -f "$f" "$db_url" >/dev/null
done
psql -X -v ON_ERROR_STOP=1 -f scripts/pg-schema-smoke.sql "$db_url"

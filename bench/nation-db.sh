#!/usr/bin/env bash
# Makes the nation-scale demo database DB when it is missing (`ptdv demo --nation`: ~20 min,
# ~5 GB), with its audit key beside it (DB.audit-key); a half-made one is never left as DB.
# Used by the benchmarks that share it (bench/mixed, bench/pg).
# Usage: nation-db.sh DB PTDV_BIN
set -euo pipefail
db=$1
ptdv=$2
today=2023-11-15  # the demo's reference day
if [ ! -f "$db" ]; then
  echo "bench: generating the nation-scale demo into $db (~20 min, ~5 GB)"
  mkdir -p "$(dirname "$db")"
  rm -f "$db.partial" "$db.partial-wal" "$db.partial-shm" "$db.partial.audit-key"
  # The audit key is made beside the new file; it belongs to the database wherever it goes.
  "$ptdv" --db "$db.partial" --today "$today" demo --nation >/dev/null
  [ ! -e "$db.partial-wal" ] || sqlite3 "$db.partial" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  rm -f "$db.partial-wal" "$db.partial-shm" "$db.partial.audit-key.checkpoint"
  mv "$db.partial.audit-key" "$db.audit-key"
  mv "$db.partial" "$db"
fi
sqlite3 -readonly "$db" 'SELECT COUNT(*) FROM admission_case' >/dev/null 2>&1 || {
  echo "bench: $db is not a PTĐV database (empty or unfinished?); remove it to generate it again" >&2
  exit 1
}

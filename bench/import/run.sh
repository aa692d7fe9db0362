#!/usr/bin/env bash
# Import benchmark: `ptdv import --kind members --commit` of a CSV list of 100,000 members of one
# cell into the Huế demo database, then the same file again (nothing changes), each timed with
# GNU time (elapsed seconds, peak RSS). Goal: a 100,000-row list loads in under 30 s with memory
# bounded by the list, not by the database.
#
# Usage: bench/import/run.sh [BUILD_DIR] [ROWS]          (`make bench-import`)
set -euo pipefail
build=${1:-build}
rows=${2:-100000}
ptdv=$(realpath "$build/ptdv")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$ptdv" --db "$db" --today 2023-11-15 demo >/dev/null 2>&1
cell=$(sqlite3 "$db" "SELECT code FROM organisation WHERE kind = 'cell' AND code LIKE 'HUE-TAYLOC-%' ORDER BY code LIMIT 1")
python3 - "$dir/members.csv" "$rows" "$cell" <<'PY'
import sys
path, rows, cell = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w", encoding="utf-8") as f:
    f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Chi bộ;Ngày vào Đảng;Ngày chính thức\n")
    for i in range(rows):
        year = 1950 + i % 47  # official by 2022, before the demo's day
        f.write(f"{i + 1};Nguyễn Văn Thử {i + 1};{1 + i % 28:02}/{1 + i % 12:02}/{year};"
                f"{'Nam' if i % 2 == 0 else 'Nữ'};079{i:09};{cell};"
                f"{1 + i % 28:02}/03/{year + 25};{1 + i % 28:02}/03/{year + 26}\n")
PY
echo "import bench: $rows members of $cell ($(du -h "$dir/members.csv" | cut -f1) CSV)"
for run in "first load" "same file again"; do
  /usr/bin/time -f "$run: %e s elapsed, %M KiB peak RSS" \
    "$ptdv" --db "$db" --today 2023-11-15 import --kind members --file "$dir/members.csv" --commit \
    | tail -2
done
echo "official members of $cell on 15/11/2023: $(sqlite3 "$db" "SELECT COUNT(*) FROM membership m JOIN organisation o ON o.id = m.org_id WHERE o.code = '$cell' AND m.kind = 'official' AND m.valid_from <= '2023-11-15' AND (m.valid_to IS NULL OR m.valid_to >= '2023-11-15')")"

#!/usr/bin/env bash
# Import benchmark: `ptdv import --kind members --commit` of a CSV list of 100,000 members of one
# cell into the Huế demo database, then the same file again (nothing changes); then a list of
# 100,000 cases under way (a quarter each at the dossier, the cell's vote, the decision and
# probation) of a cell under its ward, then that file again; each timed with GNU time (elapsed
# seconds, peak RSS). Goal: a 100,000-row list loads in under 30 s with memory bounded by the
# list, not by the database.
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

# Cases under way: their events and projected deadlines are written with them.
ward_cell=$(sqlite3 "$db" "SELECT c.code FROM organisation c JOIN organisation p ON p.id = c.parent_id WHERE c.kind = 'cell' AND p.kind = 'grassroots_committee' AND c.code LIKE 'HUE-TAYLOC-%' ORDER BY c.code LIMIT 1")
python3 - "$dir/cases.csv" "$rows" "$ward_cell" <<'PY'
import sys
path, rows, cell = sys.argv[1], int(sys.argv[2]), sys.argv[3]
steps = [  # certificate, application, cell vote, ward vote, decision number, decision, ceremony
    ["10/01/2023", "02/02/2023", "", "", "", "", ""],
    ["10/01/2023", "02/02/2023", "01/11/2023", "", "", "", ""],
    ["10/01/2023", "02/02/2023", "01/08/2023", "15/08/2023", "QĐ", "02/10/2023", ""],
    ["10/03/2022", "01/04/2022", "15/09/2022", "25/09/2022", "QĐ", "20/11/2022", "25/12/2022"],
]
with open(path, "w", encoding="utf-8") as f:
    f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Chi bộ;Nguồn;Ngày cấp giấy chứng nhận;"
            "Ngày nộp đơn;Ngày chi bộ xét;Ngày đảng ủy xét;Số quyết định;"
            "Ngày quyết định kết nạp;Ngày kết nạp\n")
    for i in range(rows):
        s = list(steps[i % 4])
        if s[4]:
            s[4] = f"{1000 + i}-QĐ/TU"
        f.write(f"{i + 1};Trần Thị Đang {i + 1};{1 + i % 28:02}/{1 + i % 12:02}/{1990 + i % 10};"
                f"{'Nữ' if i % 2 == 0 else 'Nam'};080{i:09};{cell};Giáo viên;" + ";".join(s) + "\n")
PY
echo "import bench: $rows cases under way in $ward_cell ($(du -h "$dir/cases.csv" | cut -f1) CSV)"
for run in "first load" "same file again"; do
  /usr/bin/time -f "$run: %e s elapsed, %M KiB peak RSS" \
    "$ptdv" --db "$db" --today 2023-11-15 import --kind cases --file "$dir/cases.csv" --commit \
    | tail -2
done
echo "cases of $ward_cell by stage, with a next deadline: $(sqlite3 "$db" "SELECT group_concat(stage || ' ' || n || '/' || d, ', ') FROM (SELECT k.stage, COUNT(*) AS n, COUNT(k.next_deadline) AS d FROM admission_case k JOIN organisation o ON o.id = k.cell_id WHERE o.code = '$ward_cell' GROUP BY k.stage)")"

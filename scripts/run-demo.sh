#!/usr/bin/env bash
# Loads the Huế demo (once) and shows the city's to-do list. Usage: run-demo.sh PTDV_BIN DB
set -euo pipefail
bin=$1
db=$2
if [ ! -f "$db" ]; then
  "$bin" --db "$db" demo
fi
echo
echo "== Việc cần làm của Thành ủy Huế (quá hạn) =="
"$bin" --db "$db" deadlines --org HUE --status overdue | tail -n 15
cat <<EOT

PTĐV đã sẵn sàng trên SQLite: $db
Thử các lệnh:
  $bin --db $db org tree --root HUE
  $bin --db $db deadlines --org HUE-TAYLOC
  $bin --db $db case list --org HUE-TAYLOC --open
  $bin --db $db case show <mã hồ sơ>
  $bin --db $db person search "nguyen van"
  $bin --db $db calendar 2024
  $bin --db $db audit verify
Tài khoản dùng thử ở trên (mật khẩu Hue@2023demo) dùng cho API và giao diện web.
EOT

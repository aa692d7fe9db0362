#!/usr/bin/env bash
# What `make run` runs: loads the Huế demo into $DB (once: an existing database is kept), prints
# the address and the demo accounts, then becomes `ptdv serve` (exec, so that Ctrl+C reaches
# the server, which finishes its requests and exits).
# Usage: [DB=ptdv-demo.db] [PORT=8080] run-demo.sh PTDV_BIN (serves on 127.0.0.1 only)
set -euo pipefail
bin=$1
db=${DB:-ptdv-demo.db}
port=${PORT:-8080}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ ! -f "$db" ]; then
  echo "Đang nạp dữ liệu mẫu Thành ủy Huế vào $db (chỉ lần đầu)…"
  # An interrupted or failed load leaves no database, so the next run starts it over; the
  # audit checkpoint of an earlier, deleted database would not match the new one.
  trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
  rm -f "$db.audit-key.checkpoint" "$db.links"
  # The personal links' tokens are shown only when they are issued: keep the demo's for later runs.
  "$bin" --db "$db" demo >"$db.links"
  grep -F '/hanh-trinh/' "$db.links" >"$db.links.tmp" || true
  mv "$db.links.tmp" "$db.links"
  trap - EXIT
fi

cat <<EOT

PTĐV — dữ liệu mẫu Thành ủy Huế trên SQLite ($db)
Mở trình duyệt: http://127.0.0.1:$port/
Đăng nhập bằng một tài khoản dưới đây, mật khẩu các tài khoản mẫu: Hue@2023demo
EOT
"$bin" --db "$db" user list | sed -e '$d' -e 's/^/  /'
if [ -s "$db.links" ]; then
  echo "Trang theo dõi hồ sơ của một số người được phát triển (không cần đăng nhập):"
  sed -e "s#: /hanh-trinh/#: http://127.0.0.1:$port/hanh-trinh/#" "$db.links"
fi
echo
exec "$bin" --db "$db" serve --listen "127.0.0.1:$port" --static-dir "$root/web/dist"

#!/usr/bin/env bash
# What `make run-cluster` runs: the deployment of docs/deploy.md on this machine. A PostgreSQL
# cluster of its own (scripts/pg-cluster.sh, in $CLUSTER_DIR), the Huế demo loaded into it once,
# two `ptdv serve` app servers on it (ports 8081, 8082) and nginx in front of them
# (deploy/nginx/ptdv-locations.conf) on http://127.0.0.1:$PORT/. Ctrl+C stops them all and the
# cluster; its data stay for the next run (remove $CLUSTER_DIR to start over). As root, like
# `make run` (the cluster's server then runs as the user postgres).
# Usage: [PORT=8080] [CLUSTER_DIR=…] run-cluster.sh PTDV_BIN
set -euo pipefail
bin=$1
port=${PORT:-8080}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${CLUSTER_DIR:-/tmp/ptdv-cluster}
cluster=$dir/pg
key=$dir/audit.key
mkdir -p "$dir"

# pg_ctl as the cluster's owner (postgres when we are root, as pg-cluster.sh does).
pg_ctl() {
  local bin=/usr/lib/postgresql/15/bin/pg_ctl
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$(stat -c %U "$cluster/data")" -- "$bin" "$@")
  else
    "$bin" "$@"
  fi
}
if [ -f "$cluster/data/PG_VERSION" ]; then
  # pg-cluster.sh start wants a new directory; an existing cluster is started as it is.
  if ! pg_ctl -D "$cluster/data" status >/dev/null; then
    pg_ctl -D "$cluster/data" -w -l "$cluster/postgresql.log" start >/dev/null
  fi
  url=$("$root/scripts/pg-cluster.sh" url "$cluster")
else
  url=$("$root/scripts/pg-cluster.sh" start "$cluster")
fi
[ -f "$key" ] || head -c 32 /dev/urandom > "$key"
export PTDV_AUDIT_KEY_FILE=$key
if [ ! -f "$dir/demo-loaded" ]; then
  echo "Đang nạp dữ liệu mẫu Thành ủy Huế vào PostgreSQL (chỉ lần đầu)…"
  "$bin" --db "$url" demo >/dev/null
  touch "$dir/demo-loaded"
fi

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_ctl -D "$cluster/data" -m fast stop >/dev/null 2>&1 || true  # the data stays
}
trap stop EXIT INT TERM
for app in 8081 8082; do
  "$bin" --db "$url" serve --listen "127.0.0.1:$app" --trusted-proxy 127.0.0.1/32 \
    --static-dir "$root/web/dist" 2>>"$dir/app-$app.log" &
  pids+=($!)
done

# nginx with this machine's paths: the site of deploy/nginx, served from web/dist.
bash "$root/scripts/nginx-front.sh" "$dir/nginx" "$port" "$root/web/dist" \
  "$dir/nginx/logs/access.log" 8081 8082
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
pids+=("$nginx_pid")

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
cat <<EOT

PTĐV — dữ liệu mẫu Thành ủy Huế trên PostgreSQL, hai máy chủ ứng dụng sau nginx
Mở trình duyệt: http://127.0.0.1:$port/
Đăng nhập bằng một tài khoản dưới đây, mật khẩu các tài khoản mẫu: Hue@2023demo
EOT
"$bin" --db "$url" user list | sed -e '$d' -e 's/^/  /'
echo "(Ctrl+C để dừng; dữ liệu giữ trong $dir)"
# Until Ctrl+C or nginx ends: an app server that dies leaves the other one serving.
wait "$nginx_pid" || true

#!/usr/bin/env bash
# Writes an nginx configuration that serves PTĐV on this machine as deploy/nginx does: the
# locations of deploy/nginx/ptdv-locations.conf (the UI from WEB_ROOT, the API and /healthz
# proxied) in front of the app servers on 127.0.0.1:APP_PORT…, on http://127.0.0.1:PORT/.
# Used by `make run-cluster` (scripts/run-cluster.sh) and the load benchmarks (bench/mixed).
# Usage: nginx-front.sh DIR PORT WEB_ROOT ACCESS_LOG APP_PORT...
#   DIR         the prefix: DIR/nginx.conf, DIR/ptdv-locations.conf, DIR/nginx.pid, DIR/logs/
#   ACCESS_LOG  a file, or "off"
# Then: nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: $0 DIR PORT WEB_ROOT ACCESS_LOG APP_PORT..." >&2; exit 2; }
dir=$1 port=$2 web_root=$3 access_log=$4
shift 4
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

mkdir -p "$dir/logs"
sed -e "s#^root .*#root $web_root;#" "$root/deploy/nginx/ptdv-locations.conf" \
  >"$dir/ptdv-locations.conf"
servers=""
for app in "$@"; do
  servers+="    server 127.0.0.1:$app max_fails=1 fail_timeout=10s;"$'\n'
done
cat >"$dir/nginx.conf" <<EOT
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log $access_log;
  upstream ptdv {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    include $dir/ptdv-locations.conf;
  }
}
EOT

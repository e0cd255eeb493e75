#!/usr/bin/env bash
# Against a real nginx (Debian's): `ringbench -n 20000 -c 50` must report exactly 20000
# responses, and nginx's access log must hold exactly 20000 requests.
set -euo pipefail
bin=$1
nginx=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
[ -n "$nginx" ] || { echo "nginx not installed: skipped"; exit 77; }

dir=$(mktemp -d)
chmod 755 "$dir"
pid=""
cleanup() { [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null; sleep 0.2; rm -rf "$dir"; }
trap cleanup EXIT

start_nginx() {  # port
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 4096; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server { listen 127.0.0.1:$1; location / { return 200 "ok"; } }
}
CONF
  "$nginx" -p "$dir" -c "$dir/nginx.conf" 2>>"$dir/error.log" &
  pid=$!
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

port=""
for _ in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 20000))
  if start_nginx "$candidate"; then port=$candidate; break; fi
  pid=""
done
[ -n "$port" ] || { echo "could not start nginx:"; cat "$dir/error.log"; exit 1; }
: >"$dir/access.log"  # drop the readiness probe's line, if it logged one

out=$("$bin" -n 20000 -c 50 -o json "http://127.0.0.1:$port/")
kill -QUIT "$pid"; wait "$pid" 2>/dev/null || true; pid=""

responses=$(grep -o '"responses": [0-9]*' <<<"$out" | head -1 | grep -o '[0-9]*$')
logged=$(wc -l <"$dir/access.log")
echo "ringbench responses: $responses, nginx access log lines: $logged"
[ "$responses" = 20000 ] && [ "$logged" -eq 20000 ]

#!/usr/bin/env bash
# ringbench and wrk against the same servers, side by side: `ringbench serve` and nginx
# (one worker, access_log off, `return 200 "ok"`), server pinned to CPU 0 and client to CPU 1,
# at c = 100, 1000, 10000. Prints requests/s, client CPU microseconds per request
# (user+sys from /usr/bin/time / requests), peak RSS and errors.
# Usage: scripts/bench-peers.sh [seconds per run, default 5] [concurrency levels...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(100 1000 10000)

scripts/install-deps.sh nginx-light wrk time >/dev/null
if [ -d build-release ]; then meson setup --reconfigure build-release >/dev/null
else meson setup build-release --buildtype=release -Dtests=false -Dmicrobench=false >/dev/null; fi
ninja -C build-release >/dev/null
bin=$PWD/build-release/src/cli/ringbench
[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs (server on one, client on the other)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
chmod 755 "$work"
server_pid=""
stop_server() { [ -n "$server_pid" ] && kill -INT "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; server_pid=""; }
trap 'stop_server; rm -rf "$work"' EXIT

wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

start_ringbench_serve() {
  taskset -c 0 "$bin" serve --port 0 --threads 1 >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q 'http://' "$work/serve.log" && break; sleep 0.05; done
  url=$(grep -o 'http://[^ ]*' "$work/serve.log")
}

start_nginx() {
  local port=$((20000 + RANDOM % 12000))  # below the ephemeral range: no clash with client ports
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
worker_rlimit_nofile 20000;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 19000; }
http {
  access_log off;
  keepalive_requests 100000000;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server { listen 127.0.0.1:$port backlog=4096; location / { return 200 "ok"; } }
}
CONF
  taskset -c 0 nginx -p "$work" -c "$work/nginx.conf" &
  server_pid=$!
  wait_port "$port"
  url="http://127.0.0.1:$port/"
}

# Prints: rps cpu_us_per_request peak_rss_mb errors
measure_ringbench() {
  local c=$1
  taskset -c 1 /usr/bin/time -f "%U %S %M" -o "$work/time" "$bin" -z "${seconds}s" -c "$c" --threads 1 \
    -o json "$url" >"$work/out.json" 2>"$work/err" || true
  local responses rps errors
  responses=$(grep -o '"responses": [0-9]*' "$work/out.json" | grep -o '[0-9]*$' || echo 0)
  rps=$(grep -o '"rps": [0-9.e+]*' "$work/out.json" | grep -o '[0-9.e+]*$' || echo 0)
  errors=$(grep -o '"errors": [0-9]*' "$work/out.json" | grep -o '[0-9]*$' || echo "?")
  read -r user sys rss <"$work/time"
  awk -v r="$rps" -v n="$responses" -v u="$user" -v s="$sys" -v m="$rss" -v e="$errors" \
    'BEGIN { printf "%10.0f %10.2f %8.1f %8s\n", r, (n > 0 ? (u + s) * 1e6 / n : 0), m / 1024, e }'
}

measure_wrk() {
  local c=$1
  taskset -c 1 /usr/bin/time -f "%U %S %M" -o "$work/time" wrk -t1 -c "$c" -d "${seconds}s" "$url" >"$work/wrk.out" 2>&1 || true
  local requests rps errors
  requests=$(awk '/requests in/ { print $1 }' "$work/wrk.out")
  rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.out")
  errors=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 } /Non-2xx/ { n += $NF } END { }' "$work/wrk.out")
  read -r user sys rss <"$work/time"
  awk -v r="${rps:-0}" -v n="${requests:-0}" -v u="$user" -v s="$sys" -v m="$rss" -v e="${errors:-0}" \
    'BEGIN { printf "%10.0f %10.2f %8.1f %8s\n", r, (n > 0 ? (u + s) * 1e6 / n : 0), m / 1024, e }'
}

printf "%-16s %-10s %6s %10s %10s %8s %8s\n" server client c "req/s" "cpu_us/req" "rss_MB" errors
for server in ringbench-serve nginx; do
  for c in "${levels[@]}"; do
    for client in ringbench wrk; do
      if [ "$server" = nginx ]; then start_nginx; else start_ringbench_serve; fi
      printf "%-16s %-10s %6s " "$server" "$client" "$c"
      "measure_$client" "$c"
      stop_server
    done
  done
done

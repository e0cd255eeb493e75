#!/usr/bin/env bash
# Installs dependencies, builds a release ringbench, starts `ringbench serve` on a free
# loopback port and runs a 5-second benchmark against it, then stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
if [ -d build-release ]; then meson setup --reconfigure build-release >/dev/null
else meson setup build-release --buildtype=release -Dtests=false -Dmicrobench=false >/dev/null; fi
ninja -C build-release >/dev/null
bin=build-release/src/cli/ringbench

# Server and client on different CPUs when there are two or more, as a real benchmark would.
server_cpu=() client_cpu=()
if [ "$(nproc)" -ge 2 ]; then server_cpu=(taskset -c 0); client_cpu=(taskset -c 1-$(($(nproc) - 1))); fi

log=$(mktemp)
"${server_cpu[@]}" "$bin" serve --port 0 --threads 1 >"$log" 2>&1 &
server=$!
trap 'kill -INT $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log"' EXIT

url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://[^ ]*' "$log" || true)
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { echo "ringbench serve did not start:" >&2; cat "$log" >&2; exit 1; }

echo "ringbench serve is listening on $url"
echo "\$ ringbench -z 5s -c 100 $url"
"${client_cpu[@]}" "$bin" -z 5s -c 100 "$url"
kill -INT $server
wait $server || true
cat "$log"
trap - EXIT
rm -f "$log"

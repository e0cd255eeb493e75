#!/usr/bin/env bash
# Against a real nginx (Debian's): `ringbench -n 20000 -c 50` must report exactly 20000
# responses, and nginx's access log must hold exactly 20000 requests; the same with
# --pipeline 8. nginx ends each connection after 100 requests (keepalive_requests) with
# Connection: close, so the requests pipelined behind that answer must be sent again,
# never lost or doubled.
set -euo pipefail
bin=$1
. "$(dirname "$0")/nginx_on_loopback.sh"
server_block() { echo "  server { listen 127.0.0.1:$1; keepalive_requests 100; location / { return 200 \"ok\"; } }"; }
launch_nginx

check() {  # label, flags...
  local label=$1
  shift
  : >"$dir/access.log"
  local out responses errors reconnects logged
  out=$("$bin" -n 20000 -c 50 "$@" -o json "http://127.0.0.1:$port/")
  # nginx writes a request's log line after its response: wait (bounded) for the last ones.
  for _ in $(seq 50); do
    [ "$(wc -l <"$dir/access.log")" -ge 20000 ] && break
    sleep 0.1
  done
  responses=$(grep -o '"responses": [0-9]*' <<<"$out" | head -1 | grep -o '[0-9]*$')
  errors=$(grep -o '"errors": [0-9]*' <<<"$out" | head -1 | grep -o '[0-9]*$')
  reconnects=$(grep -o '"reconnects": [0-9]*' <<<"$out" | head -1 | grep -o '[0-9]*$')
  logged=$(wc -l <"$dir/access.log")
  echo "$label: ringbench responses $responses, errors $errors, reconnects $reconnects, nginx access log lines $logged"
  [ "$responses" = 20000 ] && [ "$errors" = 0 ] && [ "$logged" -eq 20000 ] && [ "$reconnects" -ge 150 ]
}

check "one in flight"
check "--pipeline 8" --pipeline 8
stop_nginx

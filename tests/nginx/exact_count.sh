#!/usr/bin/env bash
# Against a real nginx (Debian's): `ringbench -n 20000 -c 50` must report exactly 20000
# responses, and nginx's access log must hold exactly 20000 requests.
set -euo pipefail
bin=$1
. "$(dirname "$0")/nginx_on_loopback.sh"
server_block() { echo "  server { listen 127.0.0.1:$1; location / { return 200 \"ok\"; } }"; }
launch_nginx

out=$("$bin" -n 20000 -c 50 -o json "http://127.0.0.1:$port/")
stop_nginx

responses=$(grep -o '"responses": [0-9]*' <<<"$out" | head -1 | grep -o '[0-9]*$')
logged=$(wc -l <"$dir/access.log")
echo "ringbench responses: $responses, nginx access log lines: $logged"
[ "$responses" = 20000 ] && [ "$logged" -eq 20000 ]

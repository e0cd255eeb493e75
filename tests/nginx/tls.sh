#!/usr/bin/env bash
# HTTPS against a real peer: Debian's nginx with a certificate made here by openssl.
#   --cacert the right CA      -n 2000 -c 20: 2000 responses, nginx logs 2000 requests
#   --cacert another CA        no connection opens: exit 3, the reason on stderr and in the report
#   --disable-keepalive        reconnects resume their TLS session (resumed handshakes > 0)
#   --tls-max 1.2              the run negotiates TLSv1.2
# nginx that cannot start fails the test with its error log (no silent pass).
set -euo pipefail
bin=$1
. "$(dirname "$0")/nginx_on_loopback.sh"
command -v openssl >/dev/null || { echo "openssl not installed: skipped"; exit 77; }

make_ca() {  # name
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$1" \
    -keyout "$dir/$1.key" -out "$dir/$1.pem" 2>/dev/null
}
make_ca test-ca
make_ca other-ca
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/test-ca.pem" -CAkey "$dir/test-ca.key" -CAcreateserial \
  -days 2 -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null

server_block() {
  cat <<BLOCK
  ssl_session_cache shared:tls:1m;
  server {
    listen 127.0.0.1:$1 ssl;
    ssl_certificate $dir/server.pem;
    ssl_certificate_key $dir/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / { return 200 "ok"; }
  }
BLOCK
}
launch_nginx
url="https://127.0.0.1:$port/"

field() {  # json-file python-expression-on-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
failed=0
check() {  # description actual expected
  if [ "$2" = "$3" ]; then echo "ok: $1 = $2"; else echo "FAIL: $1 = $2, expected $3"; failed=1; fi
}

"$bin" -n 2000 -c 20 --cacert "$dir/test-ca.pem" -o json "$url" >"$dir/good.json"
check "responses with the right CA" "$(field "$dir/good.json" "d['summary']['responses']")" 2000
check "errors with the right CA" "$(field "$dir/good.json" "d['summary']['errors']")" 0
check "nginx access log lines" "$(wc -l <"$dir/access.log" | tr -d ' ')" 2000
check "TLS version" "$(field "$dir/good.json" "d['summary']['tls']['version']")" TLSv1.3

wrong_exit=0
"$bin" -n 2000 -c 20 --cacert "$dir/other-ca.pem" -o json "$url" >"$dir/wrong.json" 2>"$dir/wrong.err" || wrong_exit=$?
check "exit code with the wrong CA (could not run)" "$wrong_exit" 3
check "connections that failed to open with the wrong CA" "$(field "$dir/wrong.json" "d['summary']['connect_failures']")" 20
check "responses with the wrong CA" "$(field "$dir/wrong.json" "d['summary']['responses']")" 0
case "$(cat "$dir/wrong.err")" in "ringbench: no connection could be established: certificate verify failed"*)
  echo "ok: stderr says why in one line" ;;
  *) echo "FAIL: stderr: $(cat "$dir/wrong.err")"; failed=1 ;; esac
reason=$(field "$dir/wrong.json" "d['error_messages']['tls']")
echo "reason: $reason"
case "$reason" in *"certificate verify failed"*) echo "ok: the reason names the verification failure" ;;
  *) echo "FAIL: unclear reason"; failed=1 ;; esac

"$bin" -n 300 -c 4 --disable-keepalive --cacert "$dir/test-ca.pem" -o json "$url" >"$dir/resume.json"
check "responses without keep-alive" "$(field "$dir/resume.json" "d['summary']['responses']")" 300
resumed=$(field "$dir/resume.json" "d['summary']['tls']['handshakes_resumed']")
full=$(field "$dir/resume.json" "d['summary']['tls']['handshakes_full']")
echo "handshakes: $full full, $resumed resumed"
[ "$resumed" -gt 250 ] || { echo "FAIL: reconnects did not resume"; failed=1; }

"$bin" -n 200 -c 4 --tls-max 1.2 --cacert "$dir/test-ca.pem" -o json "$url" >"$dir/tls12.json"
check "TLS version with --tls-max 1.2" "$(field "$dir/tls12.json" "d['summary']['tls']['version']")" TLSv1.2
check "responses over TLS 1.2" "$(field "$dir/tls12.json" "d['summary']['responses']")" 200
exit $failed

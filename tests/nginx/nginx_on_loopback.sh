# Sourced by the nginx tests: Debian's nginx on a random loopback port, in a temporary
# directory removed at exit. The caller defines `server_block PORT`, which prints the
# server { } block (and any http-level lines before it), then calls launch_nginx, which sets
# $port and $pid or fails visibly with nginx's error log.
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
$(server_block "$1")
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

launch_nginx() {
  port=""
  for _ in 1 2 3 4 5; do
    local candidate=$((20000 + RANDOM % 20000))
    if start_nginx "$candidate"; then port=$candidate; break; fi
    pid=""
  done
  [ -n "$port" ] || { echo "FAIL: could not start nginx:"; cat "$dir/error.log"; exit 1; }
  : >"$dir/access.log"  # drop the readiness probe's line, if it logged one
}

stop_nginx() {
  kill -QUIT "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

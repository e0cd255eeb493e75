#!/usr/bin/env bash
# Opening many connections (10,000 … 100,000: seconds to open, errors, peak RSS) and opening
# one per request (--disable-keepalive -c 100 beside wrk -H 'Connection: close' and ab):
# installs wrk and ab (Debian packages), builds a release ringbench, raises the soft fd limit,
# then runs scripts/bench_connections.py (its docstring has the method). Prints markdown tables.
# Usage: scripts/bench-connections.sh [bench_connections.py options], e.g.
#   scripts/bench-connections.sh                              # 3 rounds of each
#   scripts/bench-connections.sh --levels 50000 --rounds 1 --parts open
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh wrk apache2-utils python3 time iproute2 >/dev/null
if [ -d build-release ]; then meson setup --reconfigure build-release >/dev/null
else meson setup build-release --buildtype=release -Dtests=false -Dmicrobench=false >/dev/null; fi
ninja -C build-release >/dev/null
ulimit -n "$(ulimit -Hn)"
sysctl -qw net.core.somaxconn=65535 2>/dev/null || true
exec python3 scripts/bench_connections.py --ringbench "$PWD/build-release/src/cli/ringbench" "$@"

#!/usr/bin/env bash
# ringbench side by side with wrk, h2load, hey and ab against `ringbench serve` and nginx:
# installs the tools (Debian packages), builds a release ringbench, raises the limits a
# 10,000-connection run needs, then runs scripts/bench_peers.py (see its docstring for the
# method). Writes bench-results/peers.md and bench-results/peers.json; with --tls, the HTTPS
# grid (scripts/bench_tls.py) into bench-results/tls.md and tls.json. What both grids share
# (pinning, tool command lines and parsers, one measured run, medians) is scripts/peer_measure.py.
# Usage: scripts/bench-peers.sh [bench_peers.py options], e.g.
#   scripts/bench-peers.sh                                   # the full grid, 3 rounds of 5 s
#   scripts/bench-peers.sh --levels 100,1000 --bodies 2 --tools ringbench,wrk --rounds 1
#   scripts/bench-peers.sh --tls                             # HTTPS: keep-alive, resumed, full at c=100
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh nginx-light wrk nghttp2-client hey apache2-utils python3 time openssl >/dev/null
if [ -d build-release ]; then meson setup --reconfigure build-release >/dev/null
else meson setup build-release --buildtype=release -Dtests=false -Dmicrobench=false >/dev/null; fi
ninja -C build-release >/dev/null
[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs (server on one, client on the other)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
# A deeper accept queue for the 10,000-connection cells, where the sysctl may be written.
sysctl -qw net.core.somaxconn=65535 2>/dev/null || true
exec python3 scripts/bench_peers.py --ringbench "$PWD/build-release/src/cli/ringbench" "$@"

#!/usr/bin/env bash
# Open loop measured (scripts/bench_rate.py): ringbench --rate keeping its schedule, its CPU
# cost against closed loop at the same throughput, and what ringbench (and wrk2, given its
# binary with --wrk2 PATH) report for a server that stalls. Builds a release ringbench first.
# Usage: scripts/bench-rate.sh [--rate 100000] [--seconds 10] [--rounds 3] [--wrk2 PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh python3 time >/dev/null
if [ -d build-release ]; then meson setup --reconfigure build-release >/dev/null
else meson setup build-release --buildtype=release -Dtests=false -Dmicrobench=false >/dev/null; fi
ninja -C build-release >/dev/null
[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs (server on one, client on the other)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
exec python3 scripts/bench_rate.py --ringbench "$PWD/build-release/src/cli/ringbench" "$@"

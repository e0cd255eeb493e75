#!/usr/bin/env bash
# How well `ringbench sweep` finds a known knee (scripts/sweep_accuracy.py): the default sweep
# against `ringbench serve --capacity K --delay D` in both shapes (FIFO queue and --sharing),
# K in {2, 8, 32, 128}, D in {2ms, 10ms}, R repeats each, printing a table of picks and wall
# times; then the wall time of a fixed 11-level list at 1 s per point; with --study, one fine
# fixed sweep per case judged by three criteria (power, knee ratio 0.95, USL fit).
# Builds a release ringbench first.
# Usage: scripts/sweep-accuracy.sh [--repeats 5] [--study] [--ks 2,8,32,128] [--delays 2ms,10ms]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh python3 >/dev/null
if [ -d build-release ]; then meson setup --reconfigure build-release >/dev/null
else meson setup build-release --buildtype=release -Dtests=false -Dmicrobench=false >/dev/null; fi
ninja -C build-release >/dev/null
ulimit -n "$(ulimit -Hn)"
exec python3 scripts/sweep_accuracy.py --ringbench "$PWD/build-release/src/cli/ringbench" "$@"

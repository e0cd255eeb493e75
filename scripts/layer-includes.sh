#!/bin/sh
# Builds the private include tree of one module: DIR/ringbench/<m> -> include/ringbench/<m>
# for each module the module may use (including itself). Called by meson at configure time.
set -eu
dir=$1; include_root=$2; shift 2
rm -rf "$dir/ringbench"
mkdir -p "$dir/ringbench"
for m in "$@"; do
  ln -s "$include_root/$m" "$dir/ringbench/$m"
done

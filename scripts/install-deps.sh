#!/usr/bin/env bash
# Installs what ringbench needs to build and test on Debian 12 (idempotent: only missing
# packages are installed). Extra package names may be given as arguments.
set -euo pipefail

packages=(g++ meson ninja-build pkg-config liburing-dev libcli11-dev libfmt-dev
          nlohmann-json3-dev libgtest-dev libbenchmark-dev libwolfssl-dev "$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Runs k8s_flow_check.py with a Python that has PyYAML (Debian's python3-yaml, installed by
# scripts/test.sh, is in /usr/bin/python3's path; another python3 first on PATH may lack it).
# Usage: k8s_flow.sh RINGBENCH
set -euo pipefail
for python in python3 /usr/bin/python3; do
  if command -v "$python" >/dev/null && "$python" -c 'import yaml' 2>/dev/null; then
    exec "$python" "$(dirname "$0")/k8s_flow_check.py" "$@"
  fi
done
echo "no python3 with PyYAML (apt-get install python3-yaml): skipped"
exit 77

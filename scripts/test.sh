#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite three times: a normal build (its
# suites four at a time, to shake out ordering and timing dependencies on a loaded machine),
# one with AddressSanitizer + UndefinedBehaviorSanitizer, and one without wolfSSL (the stub
# that refuses https:// and the tests that skip without TLS); then every fuzzer briefly.
set -euo pipefail
cd "$(dirname "$0")/.."

# nginx-light: the real-server tests; openssl: certificates the TLS tests generate; chromium and
# python3: the HTML reports checked in a browser; python3-yaml: the Kubernetes manifests checked.
scripts/install-deps.sh nginx-light openssl chromium python3 python3-yaml

passed=0 failed=0
run_suite() {  # build-dir, parallel test processes, meson options...
  local dir=$1 jobs=$2; shift 2
  if [ -d "$dir" ]; then meson setup --reconfigure "$dir" "$@" >/dev/null; else meson setup "$dir" "$@" >/dev/null; fi
  # Called under `||`, so set -e is off in here: every failure is checked by hand. A build that
  # fails counts as a failed suite, never as zero tests quietly passing.
  if ! ninja -C "$dir"; then
    echo "BUILD FAILED in $dir"
    failed=$((failed + 1))
    return 1
  fi
  local log="$dir/suite.log" status=0
  meson test -C "$dir" --print-errorlogs --num-processes "$jobs" 2>&1 | tee "$log" || status=1
  passed=$((passed + $(awk '/^Ok:/ { n = $2 } END { print n + 0 }' "$log")))
  failed=$((failed + $(awk '/^Fail:|^Timeout:|^Unexpected Pass:/ { n += $NF } END { print n + 0 }' "$log")))
  return $status
}

status=0
echo "== tests (debugoptimized) =="
# Unity builds and line-table-only debug info (-g1: sanitizer traces keep file:line) halve the
# build, which is most of the suite's time: nlohmann-json and CLI11 are header-only and their
# instantiations were compiled once per file. Microbenchmarks are built and smoke-run once.
run_suite build-test 4 --buildtype=debugoptimized -Dcpp_args=-g1 -Dunity=on -Dmicrobench=true || status=1
echo "== tests (address,undefined sanitizers) =="
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run_suite build-asan 2 --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Dcpp_args=-g1 -Dunity=on -Dmicrobench=false || status=1
echo "== tests (without wolfSSL) =="
run_suite build-notls 2 --buildtype=debugoptimized -Dcpp_args=-g1 -Dunity=on -Dmicrobench=false -Dtls=disabled || status=1
echo "== fuzz smoke (each libFuzzer target 20 s on its corpus) =="
# clang-16 and its libFuzzer runtime are installed by the script; the corpus is not changed.
if scripts/fuzz.sh all 20 --no-merge; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
echo "$passed passed, $failed failed"
exit $status

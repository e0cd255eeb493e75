#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-16, AddressSanitizer + UndefinedBehaviorSanitizer) and runs
# them: all by default, or the one named, each for SECONDS (default 60) on one process. New
# inputs that add coverage are merged into tests/fuzz/corpus/<target> (commit them); a crash
# leaves its input in build-fuzz/crashes/ and makes the script exit 1.
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS] [--no-merge]
#   TARGET: response_parser request_scanner url_request grammars json_readers tls_records
#   (tls_records needs libwolfssl-dev at setup and makes its certificate with the openssl CLI)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
seconds=${2:-60}
merge=1
[ "${3:-}" = "--no-merge" ] && merge=0
targets=(response_parser request_scanner url_request grammars json_readers tls_records)
[ "$which" = all ] || targets=("$which")

scripts/install-deps.sh clang-16 libclang-rt-16-dev openssl >/dev/null
if [ ! -d build-fuzz ]; then
  # -Dwerror=false: the tree is kept warning-free under GCC (scripts/test.sh); clang-16 has
  # warnings of its own that must not stop a fuzzing build.
  CXX=clang++-16 meson setup build-fuzz -Dfuzz=true -Dtests=false -Dmicrobench=false -Dunity=on \
    -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=false --buildtype=debugoptimized >/dev/null
fi
# tls_records is only built when wolfSSL was found at setup (libwolfssl-dev).
if ! ninja -C build-fuzz -t query tests/fuzz/fuzz_tls_records >/dev/null 2>&1; then
  if [ "$which" = tls_records ]; then
    echo "fuzz.sh: tls_records needs wolfSSL: install libwolfssl-dev, then rm -rf build-fuzz" >&2
    exit 1
  fi
  if [ "$which" = all ]; then
    echo "fuzz.sh: this build has no wolfSSL: tls_records skipped" >&2
    kept=()
    for t in "${targets[@]}"; do [ "$t" = tls_records ] || kept+=("$t"); done
    targets=("${kept[@]}")
  fi
fi
ninja -C build-fuzz "${targets[@]/#/tests/fuzz/fuzz_}" >build-fuzz/build.log 2>&1 || { tail -40 build-fuzz/build.log; exit 1; }

mkdir -p build-fuzz/crashes
status=0
printf '%-16s %12s %8s %8s %s\n' target executions cov features result
for t in "${targets[@]}"; do
  corpus=tests/fuzz/corpus/$t
  work=$(mktemp -d)
  dict=()
  case $t in response_parser|request_scanner) dict=(-dict=tests/fuzz/http.dict) ;; esac
  result=ok
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    "build-fuzz/tests/fuzz/fuzz_$t" "$work" "$corpus" "${dict[@]}" -max_total_time="$seconds" -jobs=1 -workers=1 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t-" >"build-fuzz/$t.log" 2>&1 || result=CRASH
  [ "$result" = ok ] || status=1
  runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "build-fuzz/$t.log")
  line=$(grep -E '(DONE|INITED|NEW).*cov:' "build-fuzz/$t.log" | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$line")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$line")
  printf '%-16s %12s %8s %8s %s\n' "$t" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$result"
  if [ "$result" != ok ]; then
    grep -E 'invariant|let through|ERROR:|SUMMARY|runtime error' "build-fuzz/$t.log" | head -5 | sed 's/^/    /'
    ls build-fuzz/crashes/"$t"-* 2>/dev/null | sed 's/^/    input: /'
  fi
  if [ "$merge" = 1 ]; then
    "build-fuzz/tests/fuzz/fuzz_$t" -merge=1 "$corpus" "$work" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
done
exit $status

#!/usr/bin/env bash
# The HTML reports in a real browser (Debian's headless Chromium, started once for all pages by
# browser_check.py): a run, a sweep, a capacity search (sweep --rate), a comparison, a saved
# report and a merge each load with no console message and no request leaving the page, have
# every expected plot with the right number of points, keep the golden document structure, and
# render to a screenshot that is not blank.
# Usage: browser_check.sh RINGBENCH
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not installed: skipped (scripts/test.sh installs it)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 not installed: skipped"; exit 77; }

dir=$(mktemp -d)
serve_pid=""
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

# ringbench serve on a free port; its first line names the URL (the readiness signal).
"$bin" serve --port 0 --threads 1 >"$dir/serve.log" 2>&1 &
serve_pid=$!
url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://[^ ]*' "$dir/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$dir/serve.log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "FAIL: serve did not start"; exit 1; }

"$bin" -z 3s -c 4 --threads 1 --slo p99=50ms --threshold 'p99 < 10s' --no-progress -o json \
  --json-path "$dir/run.json" --html-path "$dir/run.html" "$url" >/dev/null
"$bin" -n 3000 -c 4 --threads 1 --no-progress --json-path "$dir/run2.json" "$url" >/dev/null
"$bin" sweep --conc 1,2,4 -z 300ms --warmup 100ms --threads 1 --json-path "$dir/sweep.json" \
  --html-path "$dir/sweep.html" "$url" >/dev/null || true  # exit 5 when no level qualifies: still drawn
# A capacity search the idle server passes up to HI (exit 0; drawn whatever the verdict).
"$bin" sweep --rate 200..800 --slo p99=50ms -z 300ms --warmup 100ms --max-levels 3 --threads 1 \
  --json-path "$dir/rate-sweep.json" --html-path "$dir/rate-sweep.html" "$url" >/dev/null 2>&1 || true
"$bin" compare --force "$dir/run.json" "$dir/run2.json" --html-path "$dir/compare.html" >/dev/null || true
"$bin" report "$dir/run.json" --html-path "$dir/report.html"
# A timed and a counted run, one after the other: another test and windows apart, merged anyway.
"$bin" merge "$dir/run.json" "$dir/run2.json" --force --json-path "$dir/merge.json" --html-path "$dir/merge.html" \
  >/dev/null 2>&1

status=0
for page in run sweep rate-sweep compare report merge; do
  # Nothing in the file may point outside it (the SVG namespace is a name, not a request).
  if grep -Eq '(src|href)="|url\(' "$dir/$page.html"; then
    echo "FAIL $page: the page refers to an outside resource"; status=1
  fi
done
timeout 120 python3 "$here/browser_check.py" "$browser" "$dir" || status=1
exit $status

#!/usr/bin/env bash
# N ringbench clients on a Kubernetes cluster, started together, merged into one exact report.
#
#   scripts/k8s-run.sh [-n CLIENTS] [--lead D] [--namespace NS] [--image IMG] [--cpu N]
#                      [--out DIR] URL [RINGBENCH FLAGS...]
#   scripts/k8s-run.sh merge-logs DIR LOG...
#
# The first form writes the ConfigMap (URL, flags, and START_AT = now + --lead, one instant for
# every client), applies deploy/kubernetes/job.yaml with CLIENTS completions, waits for the Job,
# saves each pod's log to DIR/client-I.log and merges them (the second form). The merged report
# is printed and saved as DIR/merged.json and DIR/merged.html.
#
# merge-logs takes the report of each client log (its last line starting {"schema_version"),
# saves it as DIR/client-I.json and runs `ringbench merge` on them: the tests collect local runs
# of deploy/kubernetes/ringbench-client with it, exactly as from pods.
#
# Needs kubectl (its current context) and, on this machine, ringbench ($RINGBENCH or on PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ringbench=${RINGBENCH:-ringbench}

die() { echo "k8s-run: $*" >&2; exit 2; }

merge_logs() {  # DIR LOG...
  local dir=$1; shift
  [ $# -ge 1 ] || die "merge-logs: no logs given"
  mkdir -p "$dir"
  local reports=() i=0 log report
  for log in "$@"; do
    report="$dir/client-$i.json"
    grep '^{"schema_version"' "$log" | tail -n 1 >"$report" || true
    [ -s "$report" ] || die "$log has no report (the client failed before its end; see the log)"
    reports+=("$report")
    i=$((i + 1))
  done
  "$ringbench" merge "${reports[@]}" --json-path "$dir/merged.json" --html-path "$dir/merged.html"
}

if [ "${1:-}" = merge-logs ]; then
  shift
  [ $# -ge 2 ] || die "usage: k8s-run.sh merge-logs DIR LOG..."
  merge_logs "$@"
  exit $?
fi

clients=10 lead=60 namespace=default image=ringbench:latest cpu=4 out=k8s-results
while [ $# -gt 0 ]; do
  case $1 in
    -n) clients=$2; shift 2 ;;
    --lead) lead=${2%s}; shift 2 ;;
    --namespace) namespace=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || die "missing URL (scripts/k8s-run.sh --help)"
url=$1; shift
[[ $clients =~ ^[1-9][0-9]*$ ]] || die "-n: expected a positive number of clients, got '$clients'"
[[ $lead =~ ^[1-9][0-9]*$ ]] || die "--lead: expected whole seconds such as 60s, got '$lead'"
command -v kubectl >/dev/null || die "kubectl not found"
flags=$(printf '%q ' "$@")
start_at=$(date -u -d "+$lead seconds" +%Y-%m-%dT%H:%M:%SZ)
kube=(kubectl --namespace "$namespace")

echo "k8s-run: $clients clients, clocks start at $start_at" >&2
"${kube[@]}" create configmap ringbench --from-literal=TARGET_URL="$url" \
  --from-literal=RINGBENCH_FLAGS="$flags" --from-literal=START_AT="$start_at" \
  --dry-run=client -o yaml | "${kube[@]}" apply -f -
"${kube[@]}" delete job ringbench --ignore-not-found --wait=true
patch=$(printf '{"spec":{"completions":%d,"parallelism":%d,"template":{"spec":{"containers":[{"name":"ringbench","image":"%s","resources":{"requests":{"cpu":"%s"},"limits":{"cpu":"%s"}}}]}}}}' \
  "$clients" "$clients" "$image" "$cpu" "$cpu")
kubectl patch --local -f "$here/deploy/kubernetes/job.yaml" --type strategic -p "$patch" -o yaml |
  "${kube[@]}" apply -f -

# The Job ends Complete (every client succeeded) or Failed (backoffLimit 0: any client failed,
# e.g. started after START_AT). Bounded: the lead plus an hour for the run itself.
deadline=$((SECONDS + lead + 3600))
while :; do
  state=$("${kube[@]}" get job ringbench -o jsonpath='{.status.succeeded}/{.status.failed}')
  [ "${state%/*}" = "$clients" ] && break
  [ -n "${state#*/}" ] && [ "${state#*/}" != 0 ] && { echo "k8s-run: a client failed (kubectl logs job/ringbench)" >&2; status=1; break; }
  [ $SECONDS -lt $deadline ] || die "the Job did not finish within an hour of its start"
  sleep 5
done

mkdir -p "$out"
logs=()
for ((i = 0; i < clients; i++)); do
  pod=$("${kube[@]}" get pods -l "job-name=ringbench,batch.kubernetes.io/job-completion-index=$i" -o name | head -n 1)
  [ -n "$pod" ] || die "no pod for client $i"
  "${kube[@]}" logs "$pod" >"$out/client-$i.log"
  logs+=("$out/client-$i.log")
done
[ "${status:-0}" = 0 ] || exit 1
merge_logs "$out" "${logs[@]}"

"""The Kubernetes flow without a cluster (deploy/kubernetes, scripts/k8s-run.sh).

1. The manifests hold what the flow relies on: an Indexed Job whose pods run ringbench-client
   with the ConfigMap's URL, flags and start, one pod per node, --threads from the CPU limit.
2. The pod's exact command (deploy/kubernetes/ringbench-client) runs N times at once against
   `ringbench serve` with JOB_COMPLETION_INDEX set, as N pods would; their logs are collected and
   merged by `scripts/k8s-run.sh merge-logs`, as from pods. The merge must count exactly what
   the server served, and the clients' clocks must start together.

Usage: k8s_flow_check.py RINGBENCH  (SOURCE_ROOT: the source tree)
"""
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

RINGBENCH = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY = os.path.join(ROOT, "deploy", "kubernetes")
CLIENTS = 3
REQUESTS = 2000  # per client


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}")
        sys.exit(1)


def load(name):
    with open(os.path.join(DEPLOY, name)) as f:
        return yaml.safe_load(f)


def check_manifests():
    job, config = load("job.yaml"), load("configmap.yaml")
    check(job["kind"] == "Job" and job["apiVersion"] == "batch/v1", "job.yaml is a batch/v1 Job")
    spec = job["spec"]
    check(spec["completionMode"] == "Indexed", "Indexed: each pod gets JOB_COMPLETION_INDEX")
    check(spec["completions"] == spec["parallelism"], "every client runs at once")
    check(spec["backoffLimit"] == 0, "no retries (a retry would start after START_AT)")
    pod = spec["template"]["spec"]
    check(pod["restartPolicy"] == "Never", "restartPolicy Never")
    labels = spec["template"]["metadata"]["labels"]
    anti = pod["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    check(any(t["topologyKey"] == "kubernetes.io/hostname" and t["labelSelector"]["matchLabels"].items() <= labels.items()
              for t in anti), "one client pod per node (anti-affinity on the pods' own labels)")
    check(pod["securityContext"]["seccompProfile"]["type"] in ("Unconfined", "Localhost"), "io_uring allowed by seccomp")
    [container] = pod["containers"]
    check(container["command"] == ["ringbench-client"], "the pod runs ringbench-client")
    check({"configMapRef": {"name": config["metadata"]["name"]}} in container["envFrom"], "the env comes from the ConfigMap")
    threads = {e["name"]: e for e in container["env"]}["THREADS"]["valueFrom"]["resourceFieldRef"]
    check(threads["resource"] == "limits.cpu", "THREADS from the pod's CPU limit")
    check("cpu" in container["resources"]["limits"], "a CPU limit to take THREADS from")
    check({"TARGET_URL", "RINGBENCH_FLAGS", "START_AT"} <= config["data"].keys(), "the ConfigMap's keys")
    client = open(os.path.join(DEPLOY, "ringbench-client")).read()
    for name in ("TARGET_URL", "START_AT", "RINGBENCH_FLAGS", "JOB_COMPLETION_INDEX", "THREADS"):
        check(name in client, f"ringbench-client reads {name}")
    # kubectl is optional: rendering the kustomization and the patch k8s-run.sh applies need no cluster.
    if shutil.which("kubectl"):
        subprocess.run(["kubectl", "kustomize", DEPLOY], check=True, capture_output=True)
        patched = subprocess.run(["kubectl", "patch", "--local", "-f", os.path.join(DEPLOY, "job.yaml"), "--type",
                                  "strategic", "-p", '{"spec":{"completions":3,"parallelism":3}}', "-o", "json"],
                                 check=True, capture_output=True, text=True)
        check(json.loads(patched.stdout)["spec"]["completions"] == 3, "kubectl patch --local sets completions")


def check_image_libraries():
    """The Dockerfile's runtime stage installs the package of every library the binary links."""
    if not shutil.which("dpkg"):
        return
    dockerfile = open(os.path.join(ROOT, "Dockerfile")).read()
    runtime = dockerfile.split("\nFROM ")[-1]  # the last stage is the image
    installed = set(re.search(r"apt-get install[^\n]*(?:\\\n[^\n]*)*", runtime).group(0).split())
    in_slim_base = {"libc6", "libgcc-s1", "libstdc++6"}
    for path in re.findall(r"=> (/\S+)", subprocess.run(["ldd", RINGBENCH], capture_output=True, text=True).stdout):
        if re.search(r"lib(asan|ubsan)", path):  # the sanitizer build's runtime, not the image's
            continue
        owner = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True).stdout
        owner = owner.split(":")[0] if owner else ""
        if not owner:  # the merged /usr: the package may list /lib rather than /usr/lib
            owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True).stdout.split(":")[0]
        check(owner in installed | in_slim_base, f"the image lacks {owner or path} for {path}")


def start_server(workdir):
    log = open(os.path.join(workdir, "serve.log"), "w+")
    server = subprocess.Popen([RINGBENCH, "serve", "--port", "0", "--threads", "1"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(200):  # its first line names the URL: the readiness signal
        log.seek(0)
        match = re.search(r"http://\S+", log.read())
        if match:
            return server, log, match.group(0)
        check(server.poll() is None, "serve exited before listening")
        time.sleep(0.05)
    check(False, "serve did not print its address")


def run_clients(workdir, url):
    # Whole seconds, as k8s-run.sh computes it; 3 s leaves time to start three processes and open
    # their connections on a loaded CI machine.
    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=3)).replace(microsecond=0)
    start_at = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    env = dict(os.environ, RINGBENCH=RINGBENCH, TARGET_URL=url, START_AT=start_at, THREADS="1",
               RINGBENCH_FLAGS=f"-n {REQUESTS} -c 4 -H 'X-Client-Test: quoted value'")
    logs, procs = [], []
    for index in range(CLIENTS):
        path = os.path.join(workdir, f"pod-{index}.log")
        logs.append(path)
        procs.append(subprocess.Popen([os.path.join(DEPLOY, "ringbench-client")], env=dict(env, JOB_COMPLETION_INDEX=str(index)),
                                      stdout=open(path, "w"), stderr=subprocess.STDOUT))
    for p in procs:
        check(p.wait(timeout=60) == 0, f"a client failed: {open(logs[procs.index(p)]).read()}")
    return logs, start


def parse_utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)


def main():
    check_manifests()
    check_image_libraries()
    workdir = tempfile.mkdtemp()
    server, serve_log, url = start_server(workdir)
    try:
        logs, start = run_clients(workdir, url)
        out = os.path.join(workdir, "results")
        merged = subprocess.run([os.path.join(ROOT, "scripts", "k8s-run.sh"), "merge-logs", out, *logs],
                                env=dict(os.environ, RINGBENCH=RINGBENCH), capture_output=True, text=True)
        check(merged.returncode == 0, f"merge-logs failed: {merged.stderr}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    serve_log.seek(0)
    served = re.search(r"served (\d+) requests", serve_log.read())
    check(served is not None, "serve printed its count on exit")
    doc = json.load(open(os.path.join(out, "merged.json")))
    check(doc["summary"]["responses"] == CLIENTS * REQUESTS, f"merged responses {doc['summary']['responses']}")
    check(int(served.group(1)) == CLIENTS * REQUESTS, f"served {served.group(1)}, merged {CLIENTS * REQUESTS}")
    check(os.path.getsize(os.path.join(out, "merged.html")) > 0, "merged.html written")
    reports = [json.load(open(os.path.join(out, f"client-{i}.json"))) for i in range(CLIENTS)]
    check([r["label"] for r in reports] == [f"client-{i}" for i in range(CLIENTS)], "labels from JOB_COMPLETION_INDEX")
    for r in reports:
        # Within 50 ms of the asked start (under a millisecond when idle; generous for CI).
        late = (parse_utc(r["started_at"]) - start).total_seconds()
        check(-0.001 < late < 0.05, f"{r['label']} started {late * 1e3:.1f} ms after START_AT")
    print(f"ok: {CLIENTS} clients, {CLIENTS * REQUESTS} responses merged = {served.group(1)} served")
    shutil.rmtree(workdir)


main()

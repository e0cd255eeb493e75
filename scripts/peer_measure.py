"""What the peer benchmarks share (bench_peers.py, the plain grid, and bench_tls.py, the HTTPS
grid): the CPUs server and client are pinned to, the machine's idle and steal readings, each
client tool's command line and output parser, one measured client run, medians over rounds and
the Markdown rows of the results.
"""
import json
import re
import statistics
import subprocess
import time
from pathlib import Path

CLIENT_CPU, SERVER_CPU = "1", "0"

# ---- machine state ---------------------------------------------------------------------

def cpu_times():
    """Per-CPU (busy, steal, total) jiffies from /proc/stat."""
    out = {}
    for line in Path("/proc/stat").read_text().splitlines():
        if re.match(r"cpu\d+ ", line):
            name, *v = line.split()
            v = [int(x) for x in v]
            idle = v[3] + v[4]
            steal = v[7] if len(v) > 7 else 0
            out[name] = (sum(v[:8]) - idle, steal, sum(v[:8]))
    return out


def wait_for_idle(limit_s=10.0, busy_max=0.15):
    """Waits until every CPU is less than busy_max busy over half a second."""
    deadline = time.time() + limit_s
    while True:
        a = cpu_times()
        time.sleep(0.5)
        b = cpu_times()
        busy = max((b[c][0] - a[c][0]) / max(1, b[c][2] - a[c][2]) for c in a)
        if busy < busy_max or time.time() > deadline:
            return busy


def steal_percent(a, b):
    steal = sum(b[c][1] - a[c][1] for c in a)
    total = sum(b[c][2] - a[c][2] for c in a)
    return 100.0 * steal / total if total else 0.0


# ---- clients ---------------------------------------------------------------------------

def ms(value, unit):
    return float(value) * {"us": 1e-3, "µs": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def cmd_ringbench(a, url, c, pipeline):
    depth = ["--pipeline", "16"] if pipeline else []
    return [a.ringbench, "-z", f"{a.seconds}s", "-c", str(c), "--threads", "1", *depth, "-o", "json", url]


def parse_ringbench(out):
    d = json.loads(out)
    s = d["summary"]
    return dict(rps=s["rps"], requests=s["responses"], errors=s["errors"],
                p50=d["latency_us"]["p50"] / 1e3, p99=d["latency_us"]["p99"] / 1e3)


def cmd_wrk(a, url, c, pipeline):
    cmd = ["wrk", "-t1", "-c", str(c), "-d", f"{a.seconds}s", "--latency", url]
    if pipeline:
        cmd[1:1] = ["-s", str(a.work / "pipeline.lua")]
    return cmd


def parse_wrk(out):
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\b", out, re.M)}
    return dict(rps=rps, requests=requests, errors=errors, p50=lat.get("50"), p99=lat.get("99"))


def cmd_h2load(a, url, c, pipeline):
    return ["h2load", "--h1", "-t1", "-c", str(c), "-D", str(a.seconds), "-m", "16" if pipeline else "1", url]


def parse_h2load(out):
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored", out)
    rps = float(re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", out).group(1))
    return dict(rps=rps, requests=int(m.group(4)), errors=int(m.group(5)) + int(m.group(6)), p50=None, p99=None)


def cmd_hey(a, url, c, pipeline):
    return None if pipeline else ["hey", "-z", f"{a.seconds}s", "-c", str(c), url]


def parse_hey(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    statuses = sum(int(n) for n in re.findall(r"\[\d+\]\s+(\d+) responses", out))
    errors = sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s+(?:Get|dial|read)", out, re.M))
    lat = {p: float(v) * 1e3 for p, v in re.findall(r"(50|99)% in ([\d.]+) secs", out)}
    return dict(rps=rps, requests=statuses, errors=errors, p50=lat.get("50"), p99=lat.get("99"))


def cmd_ab(a, url, c, pipeline):
    if pipeline or c > 20000:
        return None
    return ["ab", "-k", "-q", "-c", str(c), "-t", str(a.seconds), "-n", "100000000", url]


def parse_ab(out):
    requests = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    lat = {p: float(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\d+)", out, re.M)}
    return dict(rps=rps, requests=requests, errors=failed, p50=lat.get("50"), p99=lat.get("99"))


TOOLS = {"ringbench": (cmd_ringbench, parse_ringbench), "wrk": (cmd_wrk, parse_wrk),
         "h2load": (cmd_h2load, parse_h2load), "hey": (cmd_hey, parse_hey), "ab": (cmd_ab, parse_ab)}


def run_client(a, tool, url, c, pipeline):
    build, parse = TOOLS[tool]
    cmd = build(a, url, c, pipeline)
    return None if cmd is None else measure(a, cmd, parse)


def measure(a, cmd, parse):
    """Runs one client command pinned to the client CPU; its figures, or a failure record."""
    wait_for_idle()
    before = cpu_times()
    # /usr/bin/time, not this process's wait4: a child forked from Python inherits Python's
    # RSS as the floor of its peak RSS across exec; time's own is about 2 MB.
    times = a.work / "time"
    times.unlink(missing_ok=True)
    proc = subprocess.Popen(["taskset", "-c", CLIENT_CPU, "/usr/bin/time", "-f", "%U %S %M", "-o", str(times)] + cmd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    timer = time.time() + a.seconds + 60
    out = b""
    try:
        out, _ = proc.communicate(timeout=max(1, timer - time.time()))
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    try:
        user, sys_, rss_kb = (float(x) for x in times.read_text().split()[-3:])
        cpu_s, rss_mb = user + sys_, rss_kb / 1024
    except (OSError, ValueError):
        cpu_s = rss_mb = None
    after = cpu_times()
    text = out.decode(errors="replace")
    try:
        r = parse(text)
    except (AttributeError, ValueError, KeyError, json.JSONDecodeError):
        return dict(failed=True, output=text[-400:])
    r.update(cpu_us_per_req=cpu_s * 1e6 / r["requests"] if r["requests"] and cpu_s is not None else None,
             rss_mb=rss_mb, steal_pct=steal_percent(before, after))
    return r


# ---- results --------------------------------------------------------------------------

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(runs):
    ok = [r for r in runs if r and not r.get("failed")]
    if not ok:
        return None
    keys = ("rps", "cpu_us_per_req", "rss_mb", "p50", "p99", "errors", "steal_pct")
    s = {k: median([r.get(k) for r in ok]) for k in keys}
    s["rounds"] = len(ok)
    s["steal_max"] = max(r["steal_pct"] for r in ok)
    return s


def fmt(v, spec):
    return "—" if v is None else format(v, spec)


def markdown_rows(results, tools):
    rows = []
    for cell in results:
        rb = cell["tools"].get("ringbench")
        for t in tools:
            s = cell["tools"].get(t)
            if not s:
                continue
            ratio_rps = rb["rps"] / s["rps"] if rb and t != "ringbench" and s["rps"] else None
            ratio_cpu = (rb["cpu_us_per_req"] / s["cpu_us_per_req"]
                         if rb and t != "ringbench" and s["cpu_us_per_req"] and rb["cpu_us_per_req"] else None)
            rows.append("| {} | {} | {}{} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                cell["server"], cell["body"], cell["c"], " ×16 pipelined" if cell["pipelined"] else "", t,
                fmt(s["rps"], ",.0f"), fmt(s["cpu_us_per_req"], ".2f"), fmt(s["rss_mb"], ".1f"),
                fmt(s["p50"], ".3f"), fmt(s["p99"], ".3f"), fmt(s["errors"], ".0f"),
                fmt(ratio_rps, ".2f") + " / " + fmt(ratio_cpu, ".2f"), fmt(s["steal_max"], ".1f")))
    return "\n".join(rows)


HEADER = ("| server | body | c | client | req/s | CPU µs/req | peak RSS MB | p50 ms | p99 ms | errors "
          "| ringbench/peer rps / CPU | max steal % |\n|---|---|---|---|---|---|---|---|---|---|---|---|")

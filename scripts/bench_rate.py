#!/usr/bin/env python3
"""Open loop (--rate) measured: does ringbench keep its schedule, at what CPU cost, and what do
ringbench and wrk2 report for a server that stalls?

`ringbench serve` is pinned to CPU 0, every client to CPU 1 (scripts/peer_measure.py). Three
parts, each client run once per round, figures are medians over the rounds:
  1. schedule: `ringbench --rate R` against serve: achieved rate / R, send lag p99 (the
     client's own lateness), client CPU per request; wrk2 `-R R` beside it when --wrk2 gives
     its binary.
  2. cost: closed loop against `serve --delay 1ms` (-c 50: at most 50k/s, bound by the delay,
     not by the server's CPU), then open loop at
     the rate closed loop achieved, on the same server: CPU per request of each and the ratio.
  3. stall: against `serve --stall 3s:1s` (answers held for 1 s, 3 s in), closed loop,
     ringbench --rate and wrk2 -R at a rate the server can take: p50, p99, p99.9, max.

Usage: scripts/bench-rate.sh [--rate 100000] [--seconds 10] [--rounds 3] [--wrk2 PATH]
Writes bench-results/rate.md and rate.json.
"""
import argparse
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_measure import SERVER_CPU, measure, median, ms  # noqa: E402


class Serve:
    """`ringbench serve` pinned to the server CPU, with extra flags, for a `with` block."""

    def __init__(self, ringbench, work, *flags):
        self.cmd = ["taskset", "-c", SERVER_CPU, ringbench, "serve", "--port", "0", "--threads", "1", *flags]
        self.log = work / "serve.log"
        self.proc, self.url = None, None

    def __enter__(self):
        self.proc = subprocess.Popen(self.cmd, stdout=open(self.log, "w+"), stderr=subprocess.STDOUT)
        for _ in range(200):
            m = re.search(r"http://\S+", self.log.read_text())
            if m:
                self.url = m.group(0)
                return self
            time.sleep(0.05)
        raise RuntimeError("ringbench serve did not start: " + self.log.read_text()[-300:])

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def parse_ringbench_rate(out):
    d = json.loads(out)
    s, lat = d["summary"], d["latency_us"]
    client = d.get("client") or {}
    lag = client.get("send_lag_us") or {}
    return dict(rps=s["rps"], requests=s["responses"] + s["errors"], errors=s["errors"],
                p50=lat["p50"] / 1e3, p99=lat["p99"] / 1e3, p999=lat.get("p99_9", 0) / 1e3,
                max=lat["max"] / 1e3, lag_p99_us=lag.get("p99"), scheduled=client.get("scheduled"),
                behind=client.get("behind_schedule"), duration=s.get("duration_s"))


def parse_wrk2(out):
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50\.000|99\.000|99\.900|100\.000)%\s+([\d.]+)(us|ms|s)\b",
                                                  out, re.M)}
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return dict(rps=rps, requests=requests, errors=errors, p50=lat.get("50.000"), p99=lat.get("99.000"),
                p999=lat.get("99.900"), max=lat.get("100.000"))


def ringbench_cmd(a, url, *flags):
    return [a.ringbench, "-z", f"{a.seconds}s", "--threads", "1", "-o", "json", *flags, url]


def wrk2_cmd(a, url, rate, c):
    return [a.wrk2, "-t1", "-c", str(c), "-d", f"{a.seconds}s", "-R", str(int(rate)), "--latency", url]


def rounds(a, cmd, parse):
    runs = [measure(a, cmd, parse) for _ in range(a.rounds)]
    ok = [r for r in runs if r and not r.get("failed")]
    if not ok:
        return dict(failed=True, output=runs[-1].get("output", "") if runs else "")
    keys = set().union(*ok) - {"failed", "output"}
    return {k: median([r.get(k) for r in ok if isinstance(r.get(k), (int, float))]) for k in keys} | \
        {"behind_any": any(r.get("behind") for r in ok)}


def part_schedule(a, out):
    with Serve(a.ringbench, a.work) as s:
        out["schedule"] = {"ringbench": rounds(a, ringbench_cmd(a, s.url, "--rate", str(a.rate), "-c", "200"),
                                               parse_ringbench_rate)}
        if a.wrk2:
            out["schedule"]["wrk2"] = rounds(a, wrk2_cmd(a, s.url, a.rate, 200), parse_wrk2)


def part_cost(a, out):
    with Serve(a.ringbench, a.work, "--delay", "1ms") as s:
        closed = rounds(a, ringbench_cmd(a, s.url, "-c", "50"), parse_ringbench_rate)
        rate = int(closed["rps"])
        opened = rounds(a, ringbench_cmd(a, s.url, "--rate", str(rate), "-c", "200"), parse_ringbench_rate)
    out["cost"] = {"closed": closed, "open": opened, "rate": rate,
                   "cpu_ratio": opened["cpu_us_per_req"] / closed["cpu_us_per_req"]}


def part_stall(a, out):
    stall = {}
    rate = a.stall_rate
    for name, cmd, parse in [
        ("ringbench closed loop", lambda u: ringbench_cmd(a, u, "-c", "100"), parse_ringbench_rate),
        (f"ringbench --rate {rate}", lambda u: ringbench_cmd(a, u, "--rate", str(rate), "-c", "100"),
         parse_ringbench_rate),
    ] + ([(f"wrk2 -R {rate}", lambda u: wrk2_cmd(a, u, rate, 100), parse_wrk2)] if a.wrk2 else []):
        runs = []
        for _ in range(a.rounds):  # a fresh server per run: the stall is timed from its first request
            with Serve(a.ringbench, a.work, "--stall", "3s:1s") as s:
                runs.append(measure(a, cmd(s.url), parse))
        ok = [r for r in runs if r and not r.get("failed")]
        stall[name] = {k: median([r.get(k) for r in ok]) for k in ("rps", "p50", "p99", "p999", "max")} if ok else None
    out["stall"] = stall


def fmt(v, spec=",.0f"):
    return "—" if v is None else format(v, spec)


def markdown(a, out):
    lines = [f"## Open loop: schedule, cost, stall ({a.seconds} s runs, median of {a.rounds})", ""]
    lines += ["| client | target/s | achieved/s | achieved % | send lag p99 µs | CPU µs/req | behind |",
              "|---|---|---|---|---|---|---|"]
    for name, r in out["schedule"].items():
        if r.get("failed"):
            lines.append(f"| {name} | failed | | | | | |")
            continue
        lines.append(f"| {name} | {a.rate:,} | {fmt(r['rps'])} | {fmt(100 * r['rps'] / a.rate, '.2f')} | "
                     f"{fmt(r.get('lag_p99_us'), '.0f')} | {fmt(r['cpu_us_per_req'], '.2f')} | "
                     f"{'yes' if r.get('behind_any') else 'no'} |")
    c = out["cost"]
    lines += ["", f"Cost against `serve --delay 1ms`: closed loop (-c 50) {fmt(c['closed']['rps'])}/s at "
              f"{c['closed']['cpu_us_per_req']:.2f} µs/req; open loop at {c['rate']:,}/s: "
              f"{fmt(c['open']['rps'])}/s at {c['open']['cpu_us_per_req']:.2f} µs/req; ratio {c['cpu_ratio']:.2f}.", ""]
    lines += ["| against `serve --stall 3s:1s` | req/s | p50 ms | p99 ms | p99.9 ms | max ms |", "|---|---|---|---|---|---|"]
    for name, r in out["stall"].items():
        if r is None:
            lines.append(f"| {name} | failed | | | | |")
            continue
        lines.append(f"| {name} | {fmt(r['rps'])} | {fmt(r['p50'], '.2f')} | {fmt(r['p99'], '.2f')} | "
                     f"{fmt(r['p999'], '.2f')} | {fmt(r['max'], '.1f')} |")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ringbench", required=True)
    p.add_argument("--wrk2", help="a wrk2 binary (built from its public source); omitted: no wrk2 rows")
    p.add_argument("--rate", type=int, default=100000)
    p.add_argument("--stall-rate", type=int, default=20000)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--parts", default="schedule,cost,stall")
    a = p.parse_args()
    results = Path("bench-results")
    results.mkdir(exist_ok=True)
    a.work = results / "rate-work"
    a.work.mkdir(exist_ok=True)
    out = {"schedule": {}, "cost": None, "stall": {}}
    parts = a.parts.split(",")
    if "schedule" in parts:
        part_schedule(a, out)
    if "cost" in parts:
        part_cost(a, out)
    if "stall" in parts:
        part_stall(a, out)
    (results / "rate.json").write_text(json.dumps(out, indent=2))
    if out["cost"] is not None:
        text = markdown(a, out)
        (results / "rate.md").write_text(text)
        print(text)
    else:
        print(json.dumps(out, indent=2))
    print("written: bench-results/rate.md, bench-results/rate.json")


if __name__ == "__main__":
    main()

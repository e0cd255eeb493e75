#!/usr/bin/env python3
"""Opening many connections, and opening them one per request (BENCHMARK.md, "Opening many
connections").

Against one `ringbench serve` (enough threads for 100,000 connections; see README, serve):
  1. open: `ringbench -c C -n C` for each C; reports summary.open_s (the time to open the
     initial connections), errors, connect failures and the client's peak RSS
     (/usr/bin/time -v). Between runs it waits until the server has closed the last run's
     connections (no CLOSE_WAIT left), or a new SYN can meet a socket still closing.
  2. rate: --disable-keepalive -c 100 for a few seconds: ringbench, wrk -H 'Connection: close'
     and ab (no -k); requests/s and the client's CPU (user + sys) per request.
Every figure is the median of --rounds runs. Prints a markdown table per part.
"""
import argparse
import json
import re
import statistics
import sys
import subprocess
import time


def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (stdout, stderr without time's lines, cpu_s, max_rss_kb)."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, timeout=600)
    err = p.stderr
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", err).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", err).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    return p.stdout, err.split("\tCommand being timed")[0], user + system, rss


def count_sockets(state):
    out = subprocess.run(["ss", "-tanH", "state", state], capture_output=True, text=True).stdout
    return len(out.splitlines())


def wait_quiet(limit_s=30):
    """Until the previous run's connections are closed on both sides (polls ss, bounded)."""
    end = time.monotonic() + limit_s
    while time.monotonic() < end and (count_sockets("close-wait") or count_sockets("established") > 50):
        time.sleep(0.2)


def start_server(ringbench, threads):
    p = subprocess.Popen([ringbench, "serve", "--port", "0", "--threads", str(threads)], stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()  # "ringbench serve: listening on http://127.0.0.1:PORT/ (...)"
    return p, re.search(r"(http://\S+)", line).group(1)


def bench_open(ringbench, url, levels, rounds):
    rows = []
    for c in levels:
        runs = []
        for _ in range(rounds):
            wait_quiet()
            out, err, cpu, rss = timed([ringbench, "-c", str(c), "-n", str(c), "--timeout", "20s", "-o", "json", url])
            doc = json.loads(out)
            s = doc["summary"]
            if s["errors"] + s["connect_failures"]:
                print(f"-c {c}: {s['connect_failures']} failed to open, {s['errors']} errors; first: "
                      f"{doc['error_messages']}", file=sys.stderr)
            runs.append((s["open_s"], s["errors"] + s["connect_failures"], rss / 1024, json.loads(out)["config"]["threads"]))
        rows.append((c, statistics.median(r[0] for r in runs), max(r[1] for r in runs),
                     statistics.median(r[2] for r in runs), runs[0][3], [round(r[0], 2) for r in runs]))
    print("| -c | client threads | open_s (median) | runs | errors + connect failures (max) | peak RSS MB (median) |")
    print("|---:|---:|---:|---|---:|---:|")
    for c, open_s, errors, rss, threads, each in rows:
        print(f"| {c:,} | {threads} | {open_s:.2f} | {each} | {errors} | {rss:.0f} |")


def run_ringbench(ringbench, url, conns, secs):
    out, _, cpu, _ = timed([ringbench, "--disable-keepalive", "-c", str(conns), "-z", f"{secs}s", "-o", "json", url])
    s = json.loads(out)["summary"]
    return s["rps"], s["responses"], s["errors"], cpu, s["connections_per_s"]


def run_wrk(url, conns, secs):
    out, _, cpu, _ = timed(["wrk", "-t", "2", "-c", str(conns), "-d", f"{secs}s", "-H", "Connection: close", url])
    done = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, done, (errors.group(1) if errors else "0") + (f", non-2xx {non2xx.group(1)}" if non2xx else ""), cpu, rps


def run_ab(url, conns, secs):
    out, _, cpu, _ = timed(["ab", "-q", "-c", str(conns), "-t", str(secs), "-n", "100000000", url])
    done = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    return rps, done, failed, cpu, rps


def bench_rate(ringbench, url, conns, secs, rounds):
    tools = {"ringbench": lambda: run_ringbench(ringbench, url, conns, secs),
             "wrk": lambda: run_wrk(url, conns, secs), "ab": lambda: run_ab(url, conns, secs)}
    results = {name: [] for name in tools}
    for _ in range(rounds):  # interleaved, so a change in the machine's load touches every tool
        for name, run in tools.items():
            wait_quiet()
            results[name].append(run())
    print(f"| client (--disable-keepalive / Connection: close, -c {conns}, {secs} s) | requests/s (median) | runs | "
          "client CPU µs per request (median) | errors |")
    print("|---|---:|---|---:|---|")
    for name, runs in results.items():
        rps = statistics.median(r[0] for r in runs)
        cpu_us = statistics.median(r[3] / r[1] * 1e6 for r in runs if r[1])
        print(f"| {name} | {rps:,.0f} | {[round(r[0]) for r in runs]} | {cpu_us:.1f} | {[r[2] for r in runs]} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ringbench", required=True)
    ap.add_argument("--levels", default="10000,50000,100000", help="-c values of the open part")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=5, help="length of each rate run")
    ap.add_argument("--server-threads", type=int, default=6, help="serve --threads (each holds the fd hard limit)")
    ap.add_argument("--parts", default="open,rate")
    args = ap.parse_args()
    server, url = start_server(args.ringbench, args.server_threads)
    try:
        if "open" in args.parts:
            bench_open(args.ringbench, url, [int(c) for c in args.levels.split(",")], args.rounds)
            print()
        if "rate" in args.parts:
            bench_rate(args.ringbench, url, 100, args.seconds, args.rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""ringbench side by side with wrk, h2load, hey and ab against the same servers.

Servers: `ringbench serve` and nginx (one worker, access_log off, tcp_nopush off), each
serving a 2-byte body, a 4 KiB and a 100 KiB one. The server is pinned to CPU 0, every client
to CPU 1. For each cell (server, body, concurrency) every tool runs once per round, the order
rotating from round to round (A/B/C.., B/C../A, ...) so no tool always runs on a warmer or
quieter machine; the figures are the medians over the rounds, with ringbench/peer ratios.

Per run: requests/s and p50/p99 as the tool reports them, client CPU µs per request (user +
sys of the client process from wait4, divided by its completed requests), peak RSS of the
client, errors, and the CPU steal seen during the run (a noisy cell shows itself). Before
each run the script waits (up to 10 s) for the machine to be idle.

Started by scripts/bench-peers.sh, which installs the tools and builds ringbench.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peer_measure import HEADER, SERVER_CPU, markdown_rows, run_client, summarize

BODIES = {"2": 2, "4k": 4096, "100k": 102400}

# ---- servers ---------------------------------------------------------------------------

class Server:
    def __init__(self, kind, body, ringbench, work):
        self.kind, self.body, self.ringbench, self.work = kind, body, ringbench, work
        self.proc = None
        self.url = None

    def __enter__(self):
        if self.kind == "ringbench-serve":
            self._start_serve()
        else:
            self._start_nginx()
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT if self.kind == "ringbench-serve" else signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _start_serve(self):
        log = open(self.work / "serve.log", "w+")
        self.proc = subprocess.Popen(["taskset", "-c", SERVER_CPU, self.ringbench, "serve", "--port", "0",
                                      "--threads", "1", "--body-size", str(BODIES[self.body])],
                                     stdout=log, stderr=subprocess.STDOUT)
        for _ in range(200):
            m = re.search(r"http://\S+", (self.work / "serve.log").read_text())
            if m:
                self.url = m.group(0)
                return
            time.sleep(0.05)
        raise RuntimeError("ringbench serve did not start")

    def _start_nginx(self):
        port = 20000 + (os.getpid() + int(time.time())) % 12000  # below the ephemeral range
        root = self.work / "www"
        root.mkdir(exist_ok=True)
        for name, size in BODIES.items():
            (root / name).write_bytes(b"x" * size)
        conf = self.work / "nginx.conf"
        temp = "".join(f"  {t}_temp_path {self.work}/{t};\n" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf.write_text(f"""worker_processes 1;
worker_rlimit_nofile 40000;
daemon off;
pid {self.work}/nginx.pid;
error_log {self.work}/nginx-error.log;
events {{ worker_connections 30000; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush off;
  keepalive_requests 100000000;
{temp}  server {{
    listen 127.0.0.1:{port} backlog=4096;
    root {root};
    location = /2 {{ return 200 "ok"; }}
  }}
}}
""")
        self.proc = subprocess.Popen(["taskset", "-c", SERVER_CPU, "nginx", "-p", str(self.work), "-c", str(conf)])
        self.url = f"http://127.0.0.1:{port}/{self.body}"
        for _ in range(200):
            try:
                import socket
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")


# ---- the grid --------------------------------------------------------------------------

def cells(a):
    for server in a.servers:
        for body in a.bodies:
            for c in [] if a.pipelined_only else a.levels:
                yield server, body, c, False
            if a.pipelined:
                yield server, body, 100, True


def run_grid(a):
    results = []
    for server, body, c, pipeline in cells(a):
        runs = {t: [] for t in a.tools}
        with Server(server, body, a.ringbench, a.work) as s:
            for rnd in range(a.rounds):
                order = a.tools[rnd % len(a.tools):] + a.tools[:rnd % len(a.tools)]
                for tool in order:
                    runs[tool].append(run_client(a, tool, s.url, c, pipeline))
        cell = dict(server=server, body=body, c=c, pipelined=pipeline,
                    tools={t: summarize(r) for t, r in runs.items()},
                    failures={t: [r["output"] for r in rs if r and r.get("failed")] for t, rs in runs.items()})
        results.append(cell)
        print(markdown_rows([cell], a.tools), flush=True)
    return results


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ringbench", required=True)
    p.add_argument("--seconds", type=int, default=5)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--levels", default="10,100,1000,10000")
    p.add_argument("--bodies", default="2,4k,100k")
    p.add_argument("--servers", default="ringbench-serve,nginx")
    p.add_argument("--tools", default="ringbench,wrk,h2load,hey,ab")
    p.add_argument("--no-pipelined", dest="pipelined", action="store_false")
    p.add_argument("--pipelined-only", action="store_true", help="only the pipelined cells (x16, c = 100)")
    p.add_argument("--out", default="bench-results")
    p.add_argument("--tls", action="store_true",
                   help="the HTTPS grid instead (nginx with TLS 1.3; keep-alive, resumed and full handshakes)")
    a = p.parse_args()
    a.levels = [int(x) for x in a.levels.split(",")]
    a.bodies = a.bodies.split(",")
    a.servers = a.servers.split(",")
    a.tools = a.tools.split(",")
    if a.tls:
        import bench_tls
        return bench_tls.main(a)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        a.work = Path(work)
        os.chmod(work, 0o755)
        (a.work / "pipeline.lua").write_text(
            'init = function(args)\n  local r = {}\n  for i = 1, 16 do r[i] = wrk.format(nil) end\n'
            '  req = table.concat(r)\nend\nrequest = function() return req end\n')
        print(HEADER, flush=True)
        results = run_grid(a)
    machine = dict(cpus=os.cpu_count(), kernel=os.uname().release)
    (out / "peers.json").write_text(json.dumps(dict(machine=machine, seconds=a.seconds, rounds=a.rounds,
                                                    results=results), indent=1))
    (out / "peers.md").write_text(HEADER + "\n" + markdown_rows(results, a.tools) + "\n")
    print(f"\nwritten: {out}/peers.md, {out}/peers.json", file=sys.stderr)


if __name__ == "__main__":
    main()

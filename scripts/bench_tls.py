"""The HTTPS grid of bench_peers.py (`--tls`): ringbench, wrk (OpenSSL) and h2load against
nginx with TLS 1.3 (one worker on CPU 0, the client on CPU 1, a P-256 certificate made here
by openssl, session cache and tickets on), three modes per concurrency:

  keep-alive   requests/s and client CPU per request over long-lived connections
  resumed      Connection: close on every request, reconnects resume the TLS session:
               requests/s = resumed handshakes per second (ringbench --disable-keepalive)
  full         the same with full handshakes (ringbench --disable-keepalive --no-resume;
               wrk -H 'Connection: close', which never resumes)

h2load has no reconnecting mode, so it runs only in keep-alive; wrk has no resuming mode.
Rounds rotate the tool order and report medians, as in the plain grid.
"""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import peer_measure as bp

MODES = ("keep-alive", "resumed", "full")


class TlsNginx:
    def __init__(self, work):
        self.work, self.proc, self.url = work, None, None

    def __enter__(self):
        w = self.work
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", str(w / "tls.key"), "-out", str(w / "tls.pem")],
                       check=True, capture_output=True)
        port = 20000 + (os.getpid() + int(time.time())) % 12000
        temp = "".join(f"  {t}_temp_path {w}/{t};\n" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (w / "nginx-tls.conf").write_text(f"""worker_processes 1;
worker_rlimit_nofile 40000;
daemon off;
pid {w}/nginx.pid;
error_log {w}/nginx-error.log;
events {{ worker_connections 30000; }}
http {{
  access_log off;
  keepalive_requests 100000000;
  ssl_protocols TLSv1.3;
  ssl_session_cache shared:tls:20m;
  ssl_session_tickets on;
{temp}  server {{
    listen 127.0.0.1:{port} ssl backlog=4096;
    ssl_certificate {w}/tls.pem;
    ssl_certificate_key {w}/tls.key;
    location = /2 {{ return 200 "ok"; }}
  }}
}}
""")
        self.proc = subprocess.Popen(["taskset", "-c", bp.SERVER_CPU, "nginx", "-p", str(w), "-c", str(w / "nginx-tls.conf")])
        self.url = f"https://127.0.0.1:{port}/2"
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx with TLS did not start")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def command(a, tool, url, c, mode):
    s = f"{a.seconds}"
    if tool == "ringbench":
        extra = {"keep-alive": [], "resumed": ["--disable-keepalive"],
                 "full": ["--disable-keepalive", "--no-resume"]}[mode]
        return [a.ringbench, "-z", f"{s}s", "-c", str(c), "--threads", "1", "-k", "-o", "json"] + extra + [url]
    if tool == "wrk":
        if mode == "resumed":
            return None
        close = ["-H", "Connection: close"] if mode == "full" else []
        return ["wrk", "-t1", "-c", str(c), "-d", f"{s}s", "--latency"] + close + [url]
    if tool == "h2load" and mode == "keep-alive":
        return ["h2load", "--h1", "-t1", "-c", str(c), "-D", s, url]
    return None


def run_grid(a):
    results = []
    tools = [t for t in a.tools if t in ("ringbench", "wrk", "h2load")]
    with TlsNginx(a.work) as server:
        for c in a.levels:
            for mode in MODES:
                runs = {t: [] for t in tools}
                for rnd in range(a.rounds):
                    for tool in tools[rnd % len(tools):] + tools[:rnd % len(tools)]:
                        cmd = command(a, tool, server.url, c, mode)
                        if cmd is not None:
                            runs[tool].append(bp.measure(a, cmd, bp.TOOLS[tool][1]))
                cell = dict(server="nginx-tls1.3", body="2", c=c, mode=mode, pipelined=False,
                            tools={t: bp.summarize(r) for t, r in runs.items()},
                            failures={t: [r["output"] for r in rs if r and r.get("failed")] for t, rs in runs.items()})
                results.append(cell)
                print(rows([cell], tools), flush=True)
    return results, tools


def rows(results, tools):
    # The plain grid's rows, with the mode in place of the body column.
    return "\n".join(bp.markdown_rows([dict(cell, body=cell["mode"])], tools) for cell in results)


def main(a):
    if a.levels == [10, 100, 1000, 10000]:
        a.levels = [100]  # the cell; --levels overrides
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    header = bp.HEADER.replace("| body |", "| mode |")
    with tempfile.TemporaryDirectory() as work:
        a.work = Path(work)
        os.chmod(work, 0o755)
        print(header, flush=True)
        results, tools = run_grid(a)
    machine = dict(cpus=os.cpu_count(), kernel=os.uname().release)
    (out / "tls.json").write_text(json.dumps(dict(machine=machine, seconds=a.seconds, rounds=a.rounds,
                                                  results=results), indent=1))
    (out / "tls.md").write_text(header + "\n" + rows(results, tools) + "\n")
    print(f"\nwritten: {out}/tls.md, {out}/tls.json")

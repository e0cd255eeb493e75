"""Opens the HTML reports in one headless Chromium, driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: fds 3 and 4, NUL-terminated JSON), and checks what a reader would
see: no console message, no request leaving the page, every expected plot with the right number
of points (read from the rendered SVG against the JSON the page was drawn from), a document
structure that matches the golden one, and a screenshot that is not blank.
Usage: browser_check.py CHROMIUM DIR (DIR holds run/sweep/rate-sweep/compare/report/merge .html and the .json);
UPDATE_GOLDEN=1 writes the structure seen as the new golden one (review its diff)."""
import base64
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden_structure.json")
# The page's own outline: section headings, plots and tables, in order (ids only, no numbers).
OUTLINE_JS = """JSON.stringify([...document.querySelectorAll('h2, svg.plot, table[data-table]')]
  .filter(e => !e.closest('details'))
  .map(e => e.tagName === 'H2' ? 'h2:' + e.textContent : e.tagName === 'svg' ? 'plot:' + e.dataset.plot
                                 : 'table:' + e.dataset.table))"""
POINTS_JS = """JSON.stringify(Object.fromEntries([...document.querySelectorAll('svg.plot')].map(p =>
  [p.dataset.plot, Object.fromEntries([...p.querySelectorAll('g.series')].map(s =>
    [s.dataset.series, {declared: +s.dataset.points,
                        drawn: s.querySelectorAll('circle, rect').length,
                        line: s.querySelector('polyline') ? s.querySelector('polyline').points.numberOfItems : 0}]))])))"""


class Browser:
    def __init__(self, chromium):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():  # the child's fds 3 and 4, whatever numbers the pipes got here
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--remote-debugging-pipe", "--proxy-server=127.0.0.1:9", "--window-size=1000,1400", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer, self.next_id, self.events = b"", 0, []

    def _read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_event(self, method, session):
        for i, e in enumerate(self.events):
            if e.get("method") == method and e.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            e = self._read()
            if e.get("method") == method and e.get("sessionId") == session:
                return e
            self.events.append(e)

    def close(self):
        self.proc.kill()
        self.proc.wait()


def open_page(browser, url):
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable", session)
    browser.events.clear()
    browser.call("Page.navigate", session, url=url)
    browser.wait_event("Page.loadEventFired", session)
    return session


def evaluate(browser, session, expression):
    return json.loads(browser.call("Runtime.evaluate", session, expression=expression, returnByValue=True)["result"]["value"])


def non_blank(png):
    """A blank page decompresses to a handful of byte values; a drawn one to many."""
    idat = b"".join(png[m.start() + 4: m.start() + 4 + int.from_bytes(png[m.start() - 4:m.start()], "big")]
                    for m in re.finditer(b"IDAT", png))
    return len(set(zlib.decompress(idat)[:4_000_000])) > 16


def expected_points(kind, work):
    """{plot: {series: points}} the page must show, from the JSON it was drawn from."""
    if kind in ("run", "report", "merge"):
        n = len(json.loads((work / ("merge.json" if kind == "merge" else "run.json")).read_text())["intervals"])
        return {"latency-over-time": {s: n for s in ("latency p50", "latency p90", "latency p99", "latency max", "requests/s")}}
    if kind == "sweep":
        levels = len(json.loads((work / "sweep.json").read_text())["points"])
        return {"sweep-rps": {"*": levels}, "sweep-latency": {"*": 2 * levels}}
    if kind == "rate-sweep":
        n = len(json.loads((work / "rate-sweep.json").read_text())["curve"])
        return {"rate-latency": {s: n for s in ("p50", "p90", "p99", "p99.9")}, "rate-served": {"served requests/s": n}}
    return {"compare-spectrum": {"base": None, "current": None}}


def check(kind, browser, work, golden, failures):
    session = open_page(browser, (work / f"{kind}.html").resolve().as_uri())
    outline = evaluate(browser, session, OUTLINE_JS)
    points = evaluate(browser, session, POINTS_JS)
    shot = base64.b64decode(browser.call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True)["data"])
    page_url = (work / f"{kind}.html").resolve().as_uri()
    for e in browser.events:
        m, p = e.get("method"), e.get("params", {})
        if m in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded"):
            failures.append(f"{kind}: console: {json.dumps(p)[:300]}")
        if m == "Network.requestWillBeSent" and p.get("request", {}).get("url") != page_url:
            failures.append(f"{kind}: a request left the page: {p['request']['url']}")
    if os.environ.get("UPDATE_GOLDEN"):
        golden[kind] = outline
    elif outline != golden.get(kind):
        failures.append(f"{kind}: structure {outline} differs from the golden {golden[kind]} ({GOLDEN.name})")
    for plot, series in expected_points(kind, work).items():
        got = points.get(plot, {})
        if "*" in series:
            total = sum(v["declared"] for v in got.values())
            if total != series["*"]:
                failures.append(f"{kind}: {plot} has {total} points, expected {series['*']}")
            continue
        for name, n in series.items():
            if name not in got or (n is not None and got[name]["declared"] != n):
                failures.append(f"{kind}: {plot} / {name}: {got.get(name)} against {n}")
    for plot, series in points.items():
        for name, s in series.items():
            if s["declared"] and not (s["drawn"] or s["line"]):
                failures.append(f"{kind}: {plot} / {name} declares {s['declared']} points and draws none")
    if not non_blank(shot):
        failures.append(f"{kind}: the screenshot is blank")
    (work / f"{kind}.png").write_bytes(shot)
    print(f"{kind}: {len(outline)} sections/plots/tables, " +
          ", ".join(f"{p}: {sum(v['declared'] for v in s.values())} points" for p, s in points.items()))


def main():
    chromium, work = sys.argv[1], Path(sys.argv[2])
    golden = json.loads(GOLDEN.read_text())
    browser = Browser(chromium)
    failures = []
    try:
        for kind in ("run", "sweep", "rate-sweep", "compare", "report", "merge"):
            check(kind, browser, work, golden, failures)
    finally:
        browser.close()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(golden, indent=1) + "\n")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

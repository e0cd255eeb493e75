"""Accuracy and wall time of `ringbench sweep` against servers with a known knee.

`ringbench serve --capacity K --delay D` serves at most K / D requests a second, so the knee
is at c = K (a little above with the round trip: K (1 + o / D)); --sharing gives the
processor-sharing shape with the same ceiling. For each case the default sweep runs R times;
the table gives each pick, whether it is within 25 % of K, and the wall times. --study runs a
fine fixed list once per case and applies three criteria to the same points: power (rps^2/c,
the default), the knee ratio (smallest c within 95 % of the peak rps) and the USL peak
N* = sqrt((1 - sigma) / kappa) of a least-squares fit of the Universal Scalability Law.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time


def start_server(ringbench, k, delay, sharing):
    args = [ringbench, "serve", "--port", "0", "--capacity", str(k), "--delay", delay]
    if sharing:
        args.append("--sharing")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # "ringbench serve: listening on http://127.0.0.1:PORT/ (...)"
    url = next(word for word in line.split() if word.startswith("http://"))
    return proc, url


def sweep(ringbench, url, extra):
    start = time.monotonic()
    out = subprocess.run([ringbench, "sweep", "-o", "json", *extra, url], capture_output=True, text=True)
    wall = time.monotonic() - start
    if not out.stdout:
        sys.exit(f"sweep failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout), wall


def stop(proc):
    proc.terminate()
    proc.wait()


def usl_peak(points):
    """Least-squares USL fit X(c) = l c / (1 + s (c - 1) + k c (c - 1)) by a grid over s and k
    (l solved in closed form for each); returns N* or inf when the best fit has k = 0."""
    cs = [p["concurrency"] for p in points]
    xs = [p["rps"] for p in points]
    best = (math.inf, 0.0, 0.0)
    sigmas = [i / 200 for i in range(0, 200)]
    kappas = [0.0] + [10 ** (e / 8) for e in range(-64, 1)]
    for s in sigmas:
        for k in kappas:
            shape = [c / (1 + s * (c - 1) + k * c * (c - 1)) for c in cs]
            scale = sum(f * x for f, x in zip(shape, xs)) / sum(f * f for f in shape)
            err = sum((scale * f - x) ** 2 for f, x in zip(shape, xs))
            if err < best[0]:
                best = (err, s, k)
    _, s, k = best
    return math.inf if k == 0 else math.sqrt((1 - s) / k)


def study_picks(doc):
    points = [p for p in doc["points"] if p["disqualified"] is None]
    if not points:
        return None
    peak = max(p["rps"] for p in points)
    knee = min(p["concurrency"] for p in points if p["rps"] >= 0.95 * peak)
    power = max(points, key=lambda p: (p["rps"] ** 2 / p["concurrency"], -p["concurrency"]))["concurrency"]
    return {"power": power, "knee": knee, "usl": usl_peak(doc["points"])}


def within(pick, k):
    return pick is not None and abs(pick - k) <= 0.25 * k


def accuracy(a, ks, delays, shapes):
    print(f"default sweep, {a.repeats} repeats per case; pick within 25 % of K?")
    print(f"{'shape':8} {'K':>4} {'D':>5}  {'picks':28} {'ok':>5}  {'wall s (mean, max)':>18}  levels")
    total_ok = total = 0
    walls = []
    for shape in shapes:
        for k in ks:
            for d in delays:
                picks, times, levels = [], [], []
                for _ in range(a.repeats):
                    proc, url = start_server(a.ringbench, k, d, shape == "sharing")
                    try:
                        doc, wall = sweep(a.ringbench, url, [])
                    finally:
                        stop(proc)
                    picks.append(doc["sweet_spot"]["concurrency"])
                    times.append(wall)
                    levels.append(len(doc["points"]) + 1)
                ok = sum(within(p, k) for p in picks)
                total_ok += ok
                total += len(picks)
                walls += times
                print(f"{shape:8} {k:>4} {d:>5}  {','.join(map(str, picks)):28} {ok:>2}/{len(picks):<2}  "
                      f"{sum(times) / len(times):>8.1f} {max(times):>8.1f}  {min(levels)}-{max(levels)}", flush=True)
    print(f"within 25 %: {total_ok} of {total}; wall time mean {sum(walls) / len(walls):.1f} s, max {max(walls):.1f} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ringbench", required=True)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--ks", default="2,8,32,128")
    ap.add_argument("--delays", default="2ms,10ms")
    ap.add_argument("--shapes", default="fifo,sharing")
    ap.add_argument("--study", action="store_true")
    ap.add_argument("--no-fixed", action="store_true", help="skip the fixed 11-level timing")
    a = ap.parse_args()
    ks = [int(k) for k in a.ks.split(",")]
    delays = a.delays.split(",")
    shapes = a.shapes.split(",")

    print("load average at start: %.1f %.1f %.1f" % os.getloadavg())
    if a.repeats > 0:
        accuracy(a, ks, delays, shapes)
        print("load average: %.1f %.1f %.1f" % os.getloadavg())

    if not a.no_fixed:
        proc, url = start_server(a.ringbench, 8, "5ms", False)
        try:
            fixed = "1,2,4,8,16,32,64,128,256,512,1024"
            doc, wall = sweep(a.ringbench, url, ["--conc", fixed, "-z", "1s", "--drain", "0", "--settle-max", "0"])
            doc2, wall2 = sweep(a.ringbench, url, ["--conc", fixed, "-z", "1s"])
            doc3, wall3 = sweep(a.ringbench, url, [])
        finally:
            stop(proc)
        print(f"\nserve --capacity 8 --delay 5ms: fixed 11 levels -z 1s (warm-up 1s), as before (no drain, no "
              f"settling): {wall:.1f} s, pick c={doc['sweet_spot']['concurrency']}; the same with drain and settling: "
              f"{wall2:.1f} s, pick c={doc2['sweet_spot']['concurrency']}; default auto sweep: {wall3:.1f} s, "
              f"pick c={doc3['sweet_spot']['concurrency']}")

    if a.study:
        print("\nstudy: one fixed sweep per case (19 levels 1..512, -z 1s --warmup 250ms), three criteria")
        print(f"{'shape':8} {'K':>4} {'D':>5}  {'power':>6} {'knee.95':>8} {'USL N*':>8}")
        fine = "1..512:log=19"
        for shape in shapes:
            for k in ks:
                for d in delays:
                    proc, url = start_server(a.ringbench, k, d, shape == "sharing")
                    try:
                        doc, _ = sweep(a.ringbench, url, ["--conc", fine, "-z", "1s", "--warmup", "250ms"])
                    finally:
                        stop(proc)
                    p = study_picks(doc)
                    if p is None:
                        print(f"{shape:8} {k:>4} {d:>5}  no qualified point")
                        continue
                    usl = "inf" if math.isinf(p["usl"]) else f"{p['usl']:.0f}"
                    print(f"{shape:8} {k:>4} {d:>5}  {p['power']:>6} {p['knee']:>8} {usl:>8}", flush=True)
        print("load average at the end: %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    main()

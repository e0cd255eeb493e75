#pragma once
// The footers of the help screens: examples, and what a user scripting ringbench needs without
// opening the README — the exit codes, the --threshold metrics and compare's default limits.
// README "Exit codes", "Thresholds" and "Comparing two runs" say the same at length.

namespace ringbench::cli {

inline constexpr const char* benchmark_help_footer =
    "Durations (-z, -t, --warmup, --slo, --threshold): ns us ms s m h, or compound as 1m30s;\n"
    "-z/-t/--warmup take a bare number as seconds, latencies need a unit.\n"
    "\n"
    "Open loop (--rate R, e.g. 20000 or 50k): requests are sent on a schedule whether or not earlier\n"
    "ones were answered; latency counts from each request's intended start, service time from its\n"
    "send. --arrivals constant|poisson spaces them evenly or at random (--seed N). The report says in\n"
    "one line when the client itself could not keep the schedule (JSON client.behind_schedule).\n"
    "\n"
    "Threshold metrics (--threshold 'METRIC OP VALUE', OP one of < <= > >=):\n"
    "  latency:  p50 p75 p90 p95 p99 p99.9 p99.99 mean max   (e.g. 'p99 < 20ms')\n"
    "  rate:     rps                                         (e.g. 'rps >= 50000')\n"
    "  fraction: error_rate non2xx_rate failed_rate          (e.g. 'error_rate <= 0.1%', or 0.001)\n"
    "            each over all requests: transport errors; non-2xx responses; errors plus\n"
    "            4xx/5xx responses (3xx are no failure)\n"
    "\n"
    "Exit codes:\n"
    "  0    the run completed (failed requests are in the report)\n"
    "  2    usage error: bad flag, URL, duration, header, body file (one line on stderr)\n"
    "  3    could not run: host not resolved, no connection, open-file limit, io_uring,\n"
    "       --json-path could not be written (the report is still printed)\n"
    "  4    a --threshold gate failed (the report is still printed and written)\n"
    "  130  interrupted (Ctrl-C, SIGTERM): the report so far is printed and written\n"
    "\n"
    "Examples:\n"
    "  ringbench -z 10s -c 1000 http://127.0.0.1:8080/\n"
    "  ringbench -n 20000 -c 50 -o json http://127.0.0.1:8080/\n"
    "  ringbench -z 30s -c 100 --slo p99=20ms --threshold 'p99 < 20ms' http://127.0.0.1:8080/\n"
    "  ringbench --rate 20k -z 10s -c 100 http://127.0.0.1:8080/\n"
    "  ringbench --rate 5k --arrivals poisson --seed 7 --warmup 2s -z 30s http://127.0.0.1:8080/\n"
    "  ringbench serve --port 8080\n"
    "  ringbench compare base.json current.json\n"
    "  ringbench sweep --conc 1,2,4,8,16,32,64 http://127.0.0.1:8080/\n";

inline constexpr const char* serve_help_footer =
    "Only loopback addresses (127.0.0.0/8, ::1) unless --allow-remote: the server has no\n"
    "authentication and answers anyone who can reach it.\n"
    "\n"
    "Exit codes:\n"
    "  0  stopped by Ctrl-C or SIGTERM (prints how many requests it served)\n"
    "  2  usage error, including a non-loopback --host without --allow-remote\n"
    "  3  cannot listen (address in use, not an address of this machine, ...)\n"
    "\n"
    "Examples:\n"
    "  ringbench serve --port 8080\n"
    "  taskset -c 0 ringbench serve --port 8080 --threads 1 --body-size 1k\n"
    "  ringbench serve --port 8080 --delay 5ms --jitter 2ms\n"
    "  ringbench serve --port 8080 --capacity 8 --delay 5ms   # saturates at 1,600 rps\n"
    "  ringbench serve --port 8080 --stall 2s:1s   # frozen for 1 s, 2 s after the first request\n"
    "  ringbench serve --port 8443 --tls-cert server.pem --tls-key server.key\n";

inline constexpr const char* compare_help_footer =
    "Default limits (--max-regression overrides the ones it names):\n"
    "  p50 and p99: +10%    rps: -5%    error_rate and non2xx_rate: +0.1 percentage point\n"
    "A change beyond its limit but within the run-to-run noise of the per-second intervals\n"
    "(2 combined standard errors) is shown and not counted as a regression.\n"
    "\n"
    "Exit codes:\n"
    "  0  no regression beyond its limit\n"
    "  2  usage error (unreadable or not a ringbench JSON report)\n"
    "  3  a regression beyond its limit\n"
    "  5  the runs are not comparable (URL, method, mode, concurrency, threads, body, TLS,\n"
    "     rate, arrivals, version or machine differ; --force compares anyway), or one run is\n"
    "     open-loop (--rate) and the other closed-loop (--force cannot override that)\n"
    "\n"
    "Example:\n"
    "  ringbench compare base.json current.json --max-regression p99=10%,rps=5%\n";

inline constexpr const char* merge_help_footer =
    "Adds the clients' counters and histograms exactly (percentiles as if one client had\n"
    "recorded every response); requests/s is over the union of their measured windows, from the\n"
    "earliest start to the latest end. Per-second intervals are aligned by wall-clock time.\n"
    "\n"
    "Exit codes:\n"
    "  0  merged\n"
    "  2  usage error: a file unreadable, not JSON or not a ringbench run report\n"
    "  4  a --threshold gate failed on the merged result (the report is still printed and written)\n"
    "  5  the runs were not the same test (URL, method, -n/-z, pipeline, keep-alive, body, TLS,\n"
    "     rate, arrivals, stages; --force merges anyway), or open loop with closed loop (always)\n"
    "\n"
    "Example:\n"
    "  ringbench merge client-*.json --threshold 'p99 < 20ms' --html-path merged.html\n";

inline constexpr const char* sweep_help_footer =
    "Exit codes:\n"
    "  0    a level qualified; the sweet spot is printed (--rate: a rate met the SLO)\n"
    "  2    usage error (one line on stderr)\n"
    "  3    could not run: host not resolved, the baseline could not connect, open-file limit,\n"
    "       --json-path could not be written (the result is still printed)\n"
    "  5    no level qualified: the pick is a fallback (--rate: even the lowest rate failed)\n"
    "  130  interrupted: the levels measured so far are judged, printed and written\n"
    "\n"
    "Examples:\n"
    "  ringbench sweep http://127.0.0.1:8080/                # adaptive search, power pick\n"
    "  ringbench sweep --conc 1,2,4,8,16,32,64 -z 1s --warmup 200ms -o json http://127.0.0.1:8080/\n"
    "  ringbench sweep --conc 10..1000:log=8 --repeats 3 --refine http://127.0.0.1:8080/\n"
    "  ringbench sweep --pick knee --drain 5s --settle-max 10s http://127.0.0.1:8080/\n"
    "  ringbench sweep --vs http://127.0.0.1:8081/ http://127.0.0.1:8080/\n"
    "  ringbench sweep --rate 500..5k --slo p99=20ms http://127.0.0.1:8080/   # capacity under an SLO\n";

}  // namespace ringbench::cli

#pragma once
// One concurrency level of a sweep: what each engine run measured (Measure) and the level's
// result over its repeats, optionally paired with a reference endpoint (Point).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ringbench/stats/run_result.h"

namespace ringbench::sweep {

struct Measure {              // one engine run at one concurrency
  uint32_t concurrency = 0;
  double rps = 0;
  double p50_ms = 0, p90_ms = 0, p95_ms = 0, p99_ms = 0, p999_ms = 0;
  // stats::OutcomeCounts' rates, each over all requests (0 when there were none).
  double error_rate = 0;      // transport errors / requests
  double non2xx_rate = 0;     // non-2xx responses / requests
  double failed_rate = 0;     // (transport errors + 4xx + 5xx) / requests: --max-errors judges it
  uint64_t samples = 0;       // responses with a latency (histogram count)
  uint64_t requests = 0;      // responses + errors
  uint64_t unfinished = 0;    // sent and still unanswered when the run stopped waiting (after its drain)
};

// The figures of one run. Percentiles come from the run's merged latency histogram.
Measure measure_of(const stats::RunResult& run, uint32_t concurrency);

struct Point {
  uint32_t concurrency = 0;
  Measure chosen;             // the repeat with the median rps: its percentiles come from that same run
  uint32_t repeats = 1;
  double rps_min = 0, rps_max = 0;
  std::optional<Measure> reference;       // paired mode
  std::optional<double> overhead_pct;     // (target p99 − ref p99) / ref p99 × 100
  std::optional<double> rps_deficit_pct;  // (ref rps − target rps) / ref rps × 100
  double score = 0;           // rps / (p99/p50)^2; 0 when p50 or p99 is 0
  double power = 0;           // Kleinrock's power, rps / mean latency (power_of)
  std::optional<std::string> disqualified;  // reason, e.g. "p99/p50 5.2 > max spread 4.0"
  std::vector<std::string> flags;           // e.g. "142 samples: too few for p99.9 (needs 1,000)"
  // Settling before this level (settling.h): the time waited for a probe to show the baseline's
  // latency again after the previous level, and whether it did within --settle-max. A level
  // measured on an unsettled server also carries a flag saying so.
  double settle_s = 0;
  bool settled = true;
};

// rps / (p99/p50)²: throughput weighted by tail consistency; 0 when p50 or p99 is 0.
double score_of(const Measure& m);

// Kleinrock's power, throughput / mean latency, in requests/s per second of latency. In a
// closed loop the mean latency is c / rps (Little's law), so power = rps² / c: it needs no
// percentile, and it peaks where adding connections stops adding throughput and starts adding
// only waiting. 0 without throughput or concurrency.
double power_of(const Measure& m);

// The throughput of the nearest level lighter than `point` among `measured` (the baseline
// included), when it was more than `fell_share` above the point's. Throughput levels off at a
// knee; it falls with more connections only when the server collapses under them, or when the
// machine stalled the run: the sweep measures such a level once more.
inline constexpr double fell_share = 0.9;
std::optional<double> lighter_rps_above(const Point& point, const std::vector<const Point*>& measured);

// The level's result: the run with the median rps (for an even count the lower-middle one, so
// the figures are always one real run's, never an average), min/max rps over the runs, the
// score of the chosen run, and flags: too few samples for p99 (< 100) or p99.9 (< 1000), and
// repeats whose rps differ by more than 10 % of the median. `runs` must not be empty
// (std::invalid_argument otherwise); every run should be at the same concurrency.
Point combine_repeats(const std::vector<Measure>& runs);

// Sets reference, overhead_pct and rps_deficit_pct. Each percentage is left unset when the
// reference figure it divides by is 0 (no reference latency / no reference throughput).
void pair_with(Point& point, const Measure& reference);

}  // namespace ringbench::sweep

#pragma once
// One offered rate of `sweep --rate`: what its open-loop run measured (RatePoint) and whether
// it passes the SLO (judge_rate_point). Pure: the runner (rate_runner.cc) runs the engine.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ringbench/core/config.h"
#include "ringbench/report/slo.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::sweep {

// The served rate must reach this share of the offered one. Below its ceiling a server's count
// in the window misses offered × window only by rate × the latency's drift across the window's
// edges (1,500/s × 1 ms = 1.5 requests); above it the count is the ceiling, and a short window
// hides the queue that builds (a 0.6 % overload of serve --capacity 8 --delay 5ms passed p99 =
// 20 ms at -z 1s, served 99.3 %). 99.5 % catches that; measured healthy rates served 99.8 % or more.
inline constexpr double served_share_required = 0.995;

struct SloValue {
  double percentile = 0;   // 99 for p99
  double limit_ms = 0;
  // The latency at that percentile counting every unanswered request as later than any answer
  // (it waited at least until the run stopped waiting); none when the unanswered requests
  // alone reach into the percentile.
  std::optional<double> measured_ms;
  bool pass = false;
};

struct RatePoint {
  double offered_rps = 0;    // the rate asked for
  double achieved_rps = 0;   // released by the client's schedule per second (the run's client.achieved_rate)
  double served_rps = 0;     // responses completed inside the measured window, per second of it
  double window_s = 0;       // the measured window (-z)
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;  // from the intended start
  double service_p50_ms = 0, service_p99_ms = 0;  // from the actual send: what the server took
  double send_lag_p99_ms = 0;
  double error_rate = 0, non2xx_rate = 0, failed_rate = 0;  // stats::OutcomeCounts' rates
  uint64_t samples = 0, requests = 0, scheduled = 0, unfinished = 0, waited_for_connection = 0, max_client_queue = 0;
  std::vector<SloValue> slo;
  // report::describe of a client that released less than 99 % of the offered rate (it did not
  // offer the load); empty when it released it. Send lag and a saturated client loop are
  // flags instead: the lateness is in the latency, so the verdict only errs on the safe side.
  std::string client_behind;
  bool client_late = false;   // sent late (flagged): a failure may be the client's own
  bool poisson = false;       // --arrivals poisson: the served count has Poisson noise
  // Settling before this rate (settling.h), as for a concurrency level.
  double settle_s = 0;
  bool settled = true;
  std::vector<std::string> flags;
  bool passed = false;
  bool server_behind = false;  // failed the served rule: the server's, whatever the client did
  std::string failure;  // every rule it failed, "; "-separated; empty when it passed
};

// -c of a rate sweep when none is given: twice what Little's law says a passing rate keeps in
// flight at most (HI × the largest SLO limit), at least 8 and at most 10,000. A passing point
// then never waits for a connection, so the default cannot fail it; a failing one may queue
// in the client, where its latency still counts from the intended start.
uint32_t default_rate_connections(double hi, const report::SloSpec& slo);

// The figures of one open-loop run of `config` (its rate, duration and arrivals) against `slo`.
// `window_responses` is the count of responses completed inside the measured window (the
// runner sets the run's interval to the window, so it is the first interval's count).
RatePoint rate_point_of(const stats::RunResult& run, const Config& config, const report::SloSpec& slo,
                        uint64_t window_responses);

// The SLO targets measured on `latency` with `unanswered` requests counted as later than every
// answer: the percentile p of all answered + unanswered is the answered ones' percentile
// p · total / answered, or none when that is above 100.
std::vector<SloValue> slo_values(const stats::Histogram& latency, uint64_t unanswered, const report::SloSpec& slo);

// The responses the served rate may fall short of the offered count N = offered × window:
// 0.5 % of N, plus with Poisson arrivals 3·√N (three standard deviations of the count of a
// Poisson process in the window: fewer arrivals, not a slower server).
double served_allowance(double offered_count, bool poisson);

// Sets passed and failure. A rate passes when it got responses and
//  - every SLO target holds (slo_values; the failure names the unanswered requests it counted),
//  - the server kept up: served × window ≥ offered × window − served_allowance,
//  - the client released the rate (client_behind empty: else the load was not the one asked for),
//  - failed and unfinished requests together are at most `max_errors` of all sent (requests +
//    unfinished): an SLO on p50 alone must not pass a rate that left a third unanswered.
void judge_rate_point(RatePoint& point, double max_errors);

}  // namespace ringbench::sweep

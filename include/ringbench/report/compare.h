#pragma once
// `ringbench compare BASE.json CURRENT.json`: key metrics side by side, change in percent,
// and whether CURRENT regressed beyond the limits.
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <string_view>

#include "ringbench/report/style.h"

namespace ringbench::report {

// How much worse CURRENT may be than BASE, as fractions. Defaults: p99 and p50 +10 %, rps -5 %,
// error_rate and non2xx_rate: any increase above 0.1 percentage points. The rates are those of
// stats::OutcomeCounts (transport errors, non-2xx responses, each over all requests).
struct RegressionLimits {
  double p50 = 0.10;
  double p99 = 0.10;
  double rps = 0.05;
  double error_rate = 0.001;   // absolute increase of the rate
  double non2xx_rate = 0.001;  // absolute increase of the rate, or of one non-2xx class's share
};

// "p99=10%,rps=5%,p50=15%,error_rate=0.5%,non2xx_rate=1%": overrides the named limits.
// Throws Error(usage).
RegressionLimits parse_regression_limits(std::string_view spec, RegressionLimits base = {});

enum class CompareVerdict : uint8_t { ok, regressed, not_comparable };

struct CompareOutcome {
  CompareVerdict verdict = CompareVerdict::ok;
  // not_comparable: every difference ("concurrency 200 vs 100; machine kernel 6.1 vs 6.9");
  // regressed: the metrics beyond their limits ("p99, non2xx_rate").
  std::string reason;
  // not_comparable: whether --force may override it (no for open loop against closed loop).
  bool forceable = true;
};

// Checks that the runs are comparable (compare_context.h: same request, counts, concurrency,
// threads, keep-alive, body size, TLS, rate, arrivals, ringbench version, machine), printing one
// "not comparable:" line per difference; `force` compares them anyway, except an open-loop
// (--rate) run against a closed-loop one, which is always refused. Warns about an
// interrupted run. Then prints the table (metric, base, current, change %, verdict; green
// better, red worse when style.color; "noise" when within the run-to-run noise of the
// per-second intervals, compare_noise.h) and the regressions found. A change beyond its limit
// but within that noise is printed and does not count as a regression. Throws Error(usage)
// when a document is not a ringbench report of schema 1 or 2.
CompareOutcome compare_runs(std::ostream& out, const nlohmann::ordered_json& base,
                            const nlohmann::ordered_json& current, const RegressionLimits& limits,
                            const Style& style, bool force);

}  // namespace ringbench::report

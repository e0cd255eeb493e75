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
// error_rate: any increase above 0.1 percentage points.
struct RegressionLimits {
  double p50 = 0.10;
  double p99 = 0.10;
  double rps = 0.05;
  double error_rate = 0.001;  // absolute increase of the rate
};

// "p99=10%,rps=5%,p50=15%,error_rate=0.5%": overrides the named limits. Throws Error(usage).
RegressionLimits parse_regression_limits(std::string_view spec, RegressionLimits base = {});

enum class CompareVerdict : uint8_t { ok, regressed, not_comparable };

struct CompareOutcome {
  CompareVerdict verdict = CompareVerdict::ok;
  std::string reason;  // not_comparable: what differs (url, method or mode)
};

// Prints the table (metric, base, current, change %; green better, red worse when
// style.color) and the regressions found. `force` compares runs with a different URL, method
// or mode (-n vs -z) anyway. Throws Error(usage) when a document is not a ringbench schema-1 report.
CompareOutcome compare_runs(std::ostream& out, const nlohmann::ordered_json& base,
                            const nlohmann::ordered_json& current, const RegressionLimits& limits,
                            const Style& style, bool force);

}  // namespace ringbench::report

#pragma once
// Plain-language reading of a run's distribution and errors (the "Insight" section).
#include <string>
#include <vector>

#include "ringbench/stats/run_result.h"

namespace ringbench::report {

enum class Severity : uint8_t { good, notice, warning, bad };

struct Insight {
  std::string key;      // "latency_spread", "tail_ratio", "outlier_ratio", "queue_ratio", "failed_rate",
                        // "unfinished_age"
  std::string label;    // "Latency spread (p99/p50)"
  double value = 0;     // the ratio, the failed rate as a fraction, or the oldest unfinished age in ms
  std::string verdict;  // "excellent consistency", "tail latency problem", "critical", ...
  Severity severity = Severity::good;
  std::string detail;   // failed_rate: "top: 503 Service Unavailable 120, timeout 4"; unfinished_age:
                        // how many and the p99.9 they exceed; else empty
};

// Rules (issue 3): spread p99/p50 <= 1.5 excellent consistency, <= 3 good consistency, <= 5
// moderate variance, else high variance; tail p99/p95 > 2 tail latency problem, > 1.5 mild
// tail, else clean tail; outliers p99.9/p99 > 3 severe outliers, > 2 outliers present, else no
// significant outliers; queue p95/p50 only above 2: > 3 queuing or contention, else mild
// queuing; failed rate (stats::OutcomeCounts: (transport errors + 4xx + 5xx) / requests; 3xx
// are not failures) only when > 0: > 50 % critical, > 10 % high, > 1 % elevated, else low;
// its detail names the largest failure causes. No latency insight when there are no responses.
// Unfinished age only when the oldest request in flight at the end of the run (the -z deadline
// or the end of --drain) is older than p99.9 of the answered ones (or nothing was answered):
// "the server may have stalled".
std::vector<Insight> compute_insights(const stats::RunResult& result);

}  // namespace ringbench::report

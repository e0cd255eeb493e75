#include "json_open_loop.h"

#include <cmath>

#include "ringbench/report/schedule_check.h"

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;

double micros_of(uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

// 0 for every key when no request found an idle connection on time (nothing to measure).
json send_lag_json(const stats::Histogram& lag) {
  if (lag.count() == 0) return {{"p50", 0.0}, {"p99", 0.0}, {"max", 0.0}};
  return {{"p50", micros_of(lag.percentile(50))}, {"p99", micros_of(lag.percentile(99))}, {"max", micros_of(lag.max())}};
}

}  // namespace

json client_json(const Config& config, const stats::RunResult& result) {
  const stats::Counters& c = result.totals.counters;
  const ScheduleFigures figures = schedule_figures(config, result).value_or(ScheduleFigures{});
  const ScheduleCheck check = check_schedule(figures);
  // A run that never started has no schedule to have missed.
  const bool behind = result.duration_s > 0 && check.behind();
  const double achieved = figures.achieved_rps;
  return {
      {"target_rate", figures.target_rps},
      {"achieved_rate", std::isfinite(achieved) ? achieved : 0.0},
      {"scheduled", c.scheduled},
      {"waited_for_connection", c.waited_for_connection},
      {"max_client_queue", c.max_client_queue},
      {"send_lag_us", send_lag_json(result.totals.send_lag)},
      {"loop_busy_share", figures.client_busy_share},
      {"behind_schedule", behind},
      {"behind_schedule_reason", behind ? json(describe(check, figures)) : json(nullptr)},
  };
}

}  // namespace ringbench::report

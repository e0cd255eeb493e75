#include "ringbench/report/schedule_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "latency_format.h"
#include "quantity.h"

namespace ringbench::report {

ScheduleCheck check_schedule(const ScheduleFigures& f) noexcept {
  ScheduleCheck check;
  check.lag_limit_ns =
      std::max(send_lag_floor_ns, static_cast<uint64_t>(static_cast<double>(f.latency_p50_ns) * send_lag_share_of_p50));
  check.lag_too_high = f.send_lag_p99_ns > check.lag_limit_ns;
  // A full pool explains a short rate (the server was slow to free connections); with no
  // request ever waiting, the client itself did not send fast enough.
  check.rate_short = f.target_rps > 0 && f.achieved_rps < achieved_share_required * f.target_rps &&
                     f.waited_for_connection == 0;
  return check;
}

double schedule_window_s(const Config& config, const stats::RunResult& result) noexcept {
  const double ran = result.duration_s > 0 ? result.duration_s : 0.0;
  if (!config.duration) return ran;
  return std::min(ran, std::chrono::duration<double>(*config.duration).count());
}

double achieved_rate(const Config& config, const stats::RunResult& result) noexcept {
  const double window = schedule_window_s(config, result);
  return window > 0 ? static_cast<double>(result.totals.counters.scheduled) / window : 0.0;
}

std::optional<ScheduleFigures> schedule_figures(const Config& config, const stats::RunResult& result) {
  if (!config.rate) return std::nullopt;
  const stats::WorkerStats& t = result.totals;
  ScheduleFigures f;
  f.target_rps = *config.rate;
  f.achieved_rps = achieved_rate(config, result);
  f.send_lag_p99_ns = t.send_lag.count() ? t.send_lag.percentile(99) : 0;
  f.latency_p50_ns = t.latency.count() ? t.latency.percentile(50) : 0;
  f.waited_for_connection = t.counters.waited_for_connection;
  return f;
}

std::string describe(const ScheduleCheck& check, const ScheduleFigures& f) {
  if (!check.behind()) return "";
  std::string why;
  if (check.lag_too_high) {
    const double lag = static_cast<double>(f.send_lag_p99_ns), limit = static_cast<double>(check.lag_limit_ns);
    why = fmt::format("send lag p99 {} ms > {} ms allowed (max of 1 ms and 10% of the latency p50)",
                      format_ms_beside(lag, limit), format_ms(limit));
  }
  if (check.rate_short) {
    if (!why.empty()) why += "; ";
    why += fmt::format("achieved {}/s is {:.1f}% of the {}/s target while no request waited for a connection",
                       format_rps_number(f.achieved_rps), 100.0 * f.achieved_rps / f.target_rps,
                       format_rps_number(f.target_rps));
  }
  return "the client could not keep its schedule: " + why;
}

}  // namespace ringbench::report

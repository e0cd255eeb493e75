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
  // Releasing a due request needs no connection (it waits in the client queue if none is
  // free), so a short release rate is the client's own lateness, whatever the server did.
  check.rate_short = f.target_rps > 0 && f.achieved_rps < achieved_share_required * f.target_rps;
  check.saturated = f.waited_for_connection > 0 && f.client_busy_share >= saturated_busy_share;
  return check;
}

double schedule_window_s(const Config& config, const stats::RunResult& result) noexcept {
  const double ran = result.duration_s > 0 ? result.duration_s : 0.0;
  if (config.duration) return std::min(ran, std::chrono::duration<double>(*config.duration).count());
  // -n: up to the last release, plus the one gap that release stands for (N requests on
  // time span (N - 1) gaps).
  const double target = target_rate(config);
  const uint64_t last = result.totals.counters.last_release_ns;
  if (last == 0 || target <= 0) return ran;
  return std::min(ran, static_cast<double>(last) / 1e9 + 1.0 / target);
}

double achieved_rate(const Config& config, const stats::RunResult& result) noexcept {
  const double window = schedule_window_s(config, result);
  return window > 0 ? static_cast<double>(result.totals.counters.scheduled) / window : 0.0;
}

double target_rate(const Config& config) noexcept {
  return stages_mean_level(config.rate.value_or(0), config.stages);
}

std::optional<ScheduleFigures> schedule_figures(const Config& config, const stats::RunResult& result) {
  if (!config.rate) return std::nullopt;
  const stats::WorkerStats& t = result.totals;
  ScheduleFigures f;
  f.target_rps = target_rate(config);
  f.achieved_rps = achieved_rate(config, result);
  f.send_lag_p99_ns = t.send_lag.count() ? t.send_lag.percentile(99) : 0;
  f.latency_p50_ns = t.latency.count() ? t.latency.percentile(50) : 0;
  f.waited_for_connection = t.counters.waited_for_connection;
  const stats::Counters& n = t.counters;
  f.client_busy_share = n.loop_ns ? 1.0 - static_cast<double>(n.loop_wait_ns) / static_cast<double>(n.loop_ns) : 0.0;
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
    why += fmt::format("achieved {}/s is {:.1f}% of the {}/s target (releasing a request needs no connection)",
                       format_rps_number(f.achieved_rps), 100.0 * f.achieved_rps / f.target_rps,
                       format_rps_number(f.target_rps));
  }
  if (check.saturated) {
    if (!why.empty()) why += "; ";
    why += fmt::format("its loop was busy {:.0f}% of the run while {} requests waited for a connection "
                       "(give it more CPU: --threads, or a lower rate)",
                       100.0 * f.client_busy_share, f.waited_for_connection);
  }
  return "the client could not keep its schedule: " + why;
}

}  // namespace ringbench::report

#pragma once
// The client's check on itself in an open-loop (--rate) run: could it keep its schedule? Its
// latency counts from each request's intended start, so a client that sends late inflates the
// latency it reports and blames the server for it. The rule lives here alone; the text
// report, the JSON (`client.behind_schedule`) and their tests all read it from this file.
#include <cstdint>
#include <optional>
#include <string>

#include "ringbench/core/config.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

// What the rule reads from a run.
struct ScheduleFigures {
  double target_rps = 0;    // --rate (with --stages, their mean rate: target_rate())
  double achieved_rps = 0;  // requests released by the schedule / the schedule's window
  uint64_t send_lag_p99_ns = 0;
  uint64_t latency_p50_ns = 0;
  uint64_t waited_for_connection = 0;
  double client_busy_share = 0;  // of the workers' loop time not spent waiting for completions
};

struct ScheduleCheck {
  bool lag_too_high = false;  // send lag p99 above lag_limit_ns
  bool rate_short = false;    // achieved (released) < 99 % of the target
  bool saturated = false;     // requests waited for a connection while the client's loop was saturated
  uint64_t lag_limit_ns = 0;  // max(1 ms, 10 % of the latency p50)

  bool behind() const noexcept { return lag_too_high || rate_short || saturated; }
};

inline constexpr uint64_t send_lag_floor_ns = 1'000'000;  // 1 ms
inline constexpr double send_lag_share_of_p50 = 0.10;
inline constexpr double achieved_share_required = 0.99;
inline constexpr double saturated_busy_share = 0.95;

// behind = send lag p99 > max(1 ms, 10 % of the latency p50), or achieved < 99 % of the
// target (achieved counts releases, which wait for nothing but the client's loop), or requests waited for a connection while the client's loop
// was busy 95 % of the time or more (it could not reap responses and send as fast as they came:
// the queue may be its own).
ScheduleCheck check_schedule(const ScheduleFigures& figures) noexcept;

// The seconds the schedule ran: a -z run's schedule stops at its deadline, so --drain time
// after it (in duration_s) is not part of it; a -n run's at its last release (plus one gap).
double schedule_window_s(const Config& config, const stats::RunResult& result) noexcept;

// scheduled / schedule_window_s; 0 for a run whose clock never started.
double achieved_rate(const Config& config, const stats::RunResult& result) noexcept;

// What the schedule asked for on average: --rate, or with --stages the ramps' mean rate.
double target_rate(const Config& config) noexcept;

// The figures of an open-loop run; none for a closed-loop one.
std::optional<ScheduleFigures> schedule_figures(const Config& config, const stats::RunResult& result);

// One line saying by how much the client missed its schedule, e.g. "the client could not
// keep its schedule: send lag p99 2.40 ms > 1.00 ms allowed"; empty when it kept it.
std::string describe(const ScheduleCheck& check, const ScheduleFigures& figures);

}  // namespace ringbench::report

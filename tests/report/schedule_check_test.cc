// The client's self-check of an open-loop run (schedule_check.h): the rule at its edges, the
// schedule's window and the one line that says by how much the client fell behind.
#include <gtest/gtest.h>

#include "ringbench/report/schedule_check.h"

namespace ringbench::report {
namespace {

constexpr uint64_t check_ms = 1'000'000;

ScheduleFigures on_schedule() {
  ScheduleFigures f;
  f.target_rps = 20'000;
  f.achieved_rps = 20'000;
  f.send_lag_p99_ns = 50'000;       // 50 us
  f.latency_p50_ns = 2 * check_ms;  // 10 % of it is 0.2 ms: the 1 ms floor applies
  return f;
}

TEST(ScheduleCheck, AClientOnScheduleIsNotBehind) {
  const ScheduleCheck check = check_schedule(on_schedule());
  EXPECT_FALSE(check.behind());
  EXPECT_EQ(check.lag_limit_ns, check_ms);
  EXPECT_EQ(describe(check, on_schedule()), "");
}

TEST(ScheduleCheck, SendLagAboveOneMillisecondIsBehind) {
  ScheduleFigures f = on_schedule();
  f.send_lag_p99_ns = check_ms;  // exactly the limit: not above it
  EXPECT_FALSE(check_schedule(f).behind());
  f.send_lag_p99_ns = check_ms + 1;
  const ScheduleCheck check = check_schedule(f);
  EXPECT_TRUE(check.lag_too_high);
  EXPECT_FALSE(check.rate_short);
  EXPECT_EQ(describe(check, f),
            "the client could not keep its schedule: send lag p99 1.000001 ms > 1.00 ms allowed (max of 1 ms and 10% of "
            "the latency p50)");
}

TEST(ScheduleCheck, ASlowServerRaisesTheLagLimitToATenthOfTheMedian) {
  ScheduleFigures f = on_schedule();
  f.latency_p50_ns = 50 * check_ms;  // limit 5 ms
  f.send_lag_p99_ns = 4 * check_ms;
  EXPECT_FALSE(check_schedule(f).behind());
  EXPECT_EQ(check_schedule(f).lag_limit_ns, 5 * check_ms);
  f.send_lag_p99_ns = 6 * check_ms;
  EXPECT_TRUE(check_schedule(f).lag_too_high);
  EXPECT_NE(describe(check_schedule(f), f).find("send lag p99 6.00 ms > 5.00 ms allowed"), std::string::npos);
}

// Achieved counts releases, and releasing a due request needs no connection (it waits in the
// client queue when none is free), so a short release rate is the client's own lateness even
// when the pool was full.
TEST(ScheduleCheck, AShortReleaseRateIsTheClientsFaultEvenWhenRequestsWaited) {
  ScheduleFigures f = on_schedule();
  f.achieved_rps = 19'800;  // exactly 99 %: kept
  EXPECT_FALSE(check_schedule(f).behind());
  f.achieved_rps = 18'000;  // 90 %
  EXPECT_TRUE(check_schedule(f).rate_short);
  EXPECT_EQ(describe(check_schedule(f), f),
            "the client could not keep its schedule: achieved 18000/s is 90.0% of the 20000/s target (releasing a "
            "request needs no connection)");
  f.waited_for_connection = 1;
  EXPECT_TRUE(check_schedule(f).behind());
}

// Requests that waited for a connection are the server's doing, unless the client's loop was
// saturated: then it could not reap and send as fast as responses came, and the queue may be
// its own.
TEST(ScheduleCheck, WaitingWhileTheClientLoopWasSaturatedIsBehind) {
  ScheduleFigures f = on_schedule();
  f.waited_for_connection = 500;
  f.client_busy_share = 0.94;  // a slow server: the client still waited for completions
  EXPECT_FALSE(check_schedule(f).behind());
  f.client_busy_share = 0.97;
  const ScheduleCheck check = check_schedule(f);
  EXPECT_TRUE(check.saturated);
  EXPECT_EQ(describe(check, f), "the client could not keep its schedule: its loop was busy 97% of the run while 500 "
                                "requests waited for a connection (give it more CPU: --threads, or a lower rate)");
  f.waited_for_connection = 0;  // saturated but every request found a connection: on schedule
  EXPECT_FALSE(check_schedule(f).saturated);
}

TEST(ScheduleCheck, BothReasonsShareTheOneLine) {
  ScheduleFigures f = on_schedule();
  f.achieved_rps = 10'000;
  f.send_lag_p99_ns = 3 * check_ms;
  const std::string line = describe(check_schedule(f), f);
  EXPECT_NE(line.find("send lag p99 3.00 ms"), std::string::npos) << line;
  EXPECT_NE(line.find("; achieved 10000/s is 50.0%"), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(ScheduleCheck, AZRunsWindowEndsAtItsDeadlineNotAfterItsDrain) {
  Config config;
  config.rate = 1000;
  config.duration = std::chrono::seconds(2);
  config.drain = std::chrono::seconds(1);
  stats::RunResult result;
  result.duration_s = 2.5;  // 0.5 s of drain
  result.totals.counters.scheduled = 2000;
  EXPECT_DOUBLE_EQ(schedule_window_s(config, result), 2.0);
  EXPECT_DOUBLE_EQ(achieved_rate(config, result), 1000.0);
  result.duration_s = 1.0;  // interrupted: the schedule stopped with it
  EXPECT_DOUBLE_EQ(schedule_window_s(config, result), 1.0);
}

TEST(ScheduleCheck, AnNRunsWindowEndsAtItsLastRelease) {
  Config config;
  config.rate = 2000;
  config.requests = 1000;
  stats::RunResult result;
  result.duration_s = 0.5;
  result.totals.counters.scheduled = 1000;
  EXPECT_DOUBLE_EQ(achieved_rate(config, result), 2000.0);
  // The schedule's window ends at its last release plus one gap, not with the last response:
  // released on time at 0.4995 s, the run's 0.9 s (a slow last response) does not count.
  result.duration_s = 0.9;
  result.totals.counters.last_release_ns = 499'500'000;
  EXPECT_DOUBLE_EQ(achieved_rate(config, result), 2000.0);
  result.duration_s = 0;  // never started
  EXPECT_EQ(achieved_rate(config, result), 0.0);
}

TEST(ScheduleCheck, FiguresOnlyForAnOpenLoopRun) {
  Config config;
  stats::RunResult result;
  EXPECT_FALSE(schedule_figures(config, result).has_value());
  config.rate = 500;
  config.requests = 10;
  result.duration_s = 1;
  result.totals.counters.scheduled = 10;
  result.totals.counters.waited_for_connection = 3;
  result.totals.send_lag.record(2 * check_ms);
  result.totals.latency.record(4 * check_ms);
  const auto f = schedule_figures(config, result);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->target_rps, 500);
  EXPECT_DOUBLE_EQ(f->achieved_rps, 10);
  EXPECT_EQ(f->waited_for_connection, 3u);
  EXPECT_NEAR(double(f->send_lag_p99_ns), 2e6, 2e3);  // the histogram keeps 3 digits
  EXPECT_NEAR(double(f->latency_p50_ns), 4e6, 4e3);
}

}  // namespace
}  // namespace ringbench::report

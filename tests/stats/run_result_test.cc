#include "ringbench/stats/run_result.h"

#include <gtest/gtest.h>

#include <vector>

namespace ringbench::stats {
namespace {

TEST(PhaseStat, RecordAndMerge) {
  PhaseStat a, b, empty;
  a.record(10);
  a.record(30);
  b.record(5);
  a.merge(b);
  a.merge(empty);
  EXPECT_EQ(a.count, 3u);
  EXPECT_EQ(a.sum_ns, 45u);
  EXPECT_EQ(a.min_ns, 5u);
  EXPECT_EQ(a.max_ns, 30u);
  EXPECT_DOUBLE_EQ(a.mean_ns(), 15.0);
}

TEST(PhaseStat, EmptyMergeStaysEmpty) {
  PhaseStat a;
  a.merge(PhaseStat{});
  EXPECT_EQ(a.count, 0u);
  EXPECT_EQ(a.min_or_zero(), 0u);
  EXPECT_EQ(a.mean_ns(), 0.0);
}

TEST(Phases, MergeEachPhase) {
  Phases a, b;
  a.connect.record(1);
  b.tls.record(2);
  b.wait.record(3);
  b.read.record(4);
  b.handshakes.record(50);
  a.merge(b);
  EXPECT_EQ(a.connect.sum_ns, 1u);
  EXPECT_EQ(a.tls.sum_ns, 2u);
  EXPECT_EQ(a.wait.sum_ns, 3u);
  EXPECT_EQ(a.read.sum_ns, 4u);
  EXPECT_EQ(a.handshakes.sum_ns, 50u);
  // Handshakes are not a part of any request's latency.
  EXPECT_EQ(a.request_sum_ns(), 10u);
}

TEST(RunResult, MergeIntoAddsEveryWorker) {
  std::vector<WorkerStats> workers(3);
  for (size_t i = 0; i < workers.size(); ++i) {
    workers[i].latency.record(1000 * (i + 1));
    workers[i].counters.responses = 1;
    workers[i].counters.count_status(200);
    workers[i].phases.read.record(10);
  }
  workers[1].counters.count_error(ErrorClass::reset, "reset by peer");
  RunResult r;
  r.duration_s = 2.0;
  merge_into(r, workers);
  EXPECT_EQ(r.totals.latency.count(), 3u);
  EXPECT_EQ(r.totals.latency.min(), 1000u);
  EXPECT_EQ(r.totals.latency.max(), 3000u);
  EXPECT_EQ(r.totals.counters.responses, 3u);
  EXPECT_EQ(r.totals.counters.status_count(200), 3u);
  EXPECT_EQ(r.totals.counters.first_error[static_cast<size_t>(ErrorClass::reset)], "reset by peer");
  EXPECT_EQ(r.totals.phases.read.count, 3u);
  EXPECT_EQ(r.requests(), 4u);
  EXPECT_DOUBLE_EQ(r.rps(), 1.5);
}

TEST(RunResult, ZeroDurationHasZeroRps) {
  RunResult r;
  r.totals.counters.responses = 10;
  EXPECT_EQ(r.rps(), 0.0);
}

}  // namespace
}  // namespace ringbench::stats

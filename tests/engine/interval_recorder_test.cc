// Interval bookkeeping with chosen times: every response lands in exactly one interval,
// intervals are numbered by time (so all workers agree on the number of a second), a worker
// descheduled past boundaries posts one late snapshot under the last interval it closes, and
// the end of a warm-up restarts the counts.
#include "interval_recorder.h"

#include <gtest/gtest.h>

namespace ringbench::engine {
namespace {

constexpr uint64_t start_ns = 1'000;
constexpr uint64_t length_ns = 100;

stats::Counters with_responses(uint64_t responses) {
  stats::Counters n;
  n.responses = responses;
  return n;
}

TEST(IntervalRecorder, EachCutCarriesTheResponsesSinceTheLastOne) {
  IntervalRecorder r;
  r.start(start_ns, length_ns);
  EXPECT_FALSE(r.due(1'099));
  EXPECT_TRUE(r.due(1'100));
  for (uint64_t latency : {10, 20, 30}) r.record(latency);
  const IntervalSnapshot first = r.cut(1'100, with_responses(3));
  EXPECT_EQ(first.index, 0u);
  EXPECT_EQ(first.end_ns, 1'100u);
  EXPECT_EQ(first.responses, 3u);
  EXPECT_EQ(first.latency.count(), 3u);
  EXPECT_EQ(r.next_boundary_ns(), 1'200u);
  r.record(40);
  const IntervalSnapshot second = r.cut(1'203, with_responses(5));  // woke a little late
  EXPECT_EQ(second.index, 1u);
  EXPECT_EQ(second.responses, 2u);
  EXPECT_EQ(second.latency.count(), 1u);  // only this interval's latencies
  EXPECT_EQ(r.next_boundary_ns(), 1'300u);
}

TEST(IntervalRecorder, ADescheduledWorkerNumbersItsLateCutByTime) {
  IntervalRecorder r;
  r.start(start_ns, length_ns);
  // Asleep past two boundaries: the one snapshot takes the number of the last interval it closes.
  const IntervalSnapshot late = r.cut(1'250, with_responses(7));
  EXPECT_EQ(late.index, 1u);
  EXPECT_EQ(late.responses, 7u);
  EXPECT_EQ(r.next_boundary_ns(), 1'300u);
  EXPECT_EQ(r.cut(1'300, with_responses(8)).index, 2u);
}

TEST(IntervalRecorder, TheCutAtTheEndClosesThePartialInterval) {
  IntervalRecorder r;
  r.start(start_ns, length_ns);
  EXPECT_EQ(r.cut(1'100, with_responses(1)).index, 0u);
  const IntervalSnapshot last = r.cut(1'150, with_responses(4));  // the run ended mid-interval
  EXPECT_EQ(last.index, 1u);
  EXPECT_EQ(last.responses, 3u);
  EXPECT_EQ(r.last_cut_ns(), 1'150u);
}

TEST(IntervalRecorder, ErrorsAreCountedPerIntervalAndRestartWithTheWarmupsEnd) {
  IntervalRecorder r;
  r.start(start_ns, length_ns);
  stats::Counters n;
  n.responses = 9;
  n.errors[size_t(stats::ErrorClass::timeout)] = 2;
  r.record(5);
  // The warm-up ended: the worker's counters start again from zero, and so does the interval.
  r.restart_counts();
  n = stats::Counters();
  n.responses = 1;
  n.errors[size_t(stats::ErrorClass::timeout)] = 1;
  const IntervalSnapshot s = r.cut(1'100, n);
  EXPECT_EQ(s.responses, 1u);
  EXPECT_EQ(s.errors[size_t(stats::ErrorClass::timeout)], 1u);
  EXPECT_EQ(s.latency.count(), 0u);  // the warm-up's latency is forgotten
}

}  // namespace
}  // namespace ringbench::engine

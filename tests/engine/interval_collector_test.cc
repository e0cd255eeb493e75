// Merging the workers' per-second snapshots: an interval that no worker posted (each was
// descheduled across it and numbered its late snapshot by a later one) is skipped, and the
// intervals after it are still merged, at the run's final collection too.
#include "interval_collector.h"

#include <gtest/gtest.h>

#include <atomic>

namespace ringbench::engine {
namespace {

IntervalSnapshot snapshot(uint32_t index, uint64_t responses) {
  IntervalSnapshot s;
  s.index = index;
  s.end_ns = (index + 1) * 1'000'000'000ull;
  s.responses = responses;
  return s;
}

TEST(IntervalCollector, AnIntervalNoWorkerPostedIsSkippedAndTheNextOnesMerged) {
  Plan plan;
  plan.workers.resize(2);
  const std::atomic<bool> stop{false};
  RunShared shared(plan, stop);
  // Both workers slept through second 0 and posted their first snapshot as interval 1.
  shared.mailboxes[0].post(snapshot(1, 10));
  shared.mailboxes[1].post(snapshot(1, 5));
  shared.mailboxes[0].post(snapshot(2, 7));
  shared.mailboxes[0].close();
  shared.mailboxes[1].close();
  IntervalCollector collector(shared);
  collector.collect(nullptr);
  ASSERT_EQ(collector.intervals().size(), 2u);
  EXPECT_EQ(collector.intervals()[0].index, 1u);
  EXPECT_EQ(collector.intervals()[0].responses, 15u);
  EXPECT_EQ(collector.intervals()[1].index, 2u);
  EXPECT_EQ(collector.intervals()[1].responses, 7u);
  collector.collect(nullptr);  // nothing more: no empty intervals appear
  EXPECT_EQ(collector.intervals().size(), 2u);
}

}  // namespace
}  // namespace ringbench::engine

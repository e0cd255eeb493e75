#include "ringbench/stats/counters.h"

#include <gtest/gtest.h>

#include <string>

namespace ringbench::stats {
namespace {

TEST(Counters, NameOfEveryClass) {
  EXPECT_STREQ(name_of(ErrorClass::connect), "connect");
  EXPECT_STREQ(name_of(ErrorClass::timeout), "timeout");
  EXPECT_STREQ(name_of(ErrorClass::reset), "reset");
  EXPECT_STREQ(name_of(ErrorClass::protocol), "protocol");
  EXPECT_STREQ(name_of(ErrorClass::tls), "tls");
}

TEST(Counters, StatusCodesInRangeAreCounted) {
  Counters c;
  c.count_status(200);
  c.count_status(200);
  c.count_status(100);
  c.count_status(599);
  c.count_status(99);   // ignored
  c.count_status(600);  // ignored
  c.count_status(-1);   // ignored
  EXPECT_EQ(c.status_count(200), 2u);
  EXPECT_EQ(c.status_count(100), 1u);
  EXPECT_EQ(c.status_count(599), 1u);
  EXPECT_EQ(c.status_count(404), 0u);
  EXPECT_EQ(c.status_count(99), 0u);
  EXPECT_EQ(c.status_count(600), 0u);
}

TEST(Counters, CountErrorKeepsOnlyTheFirstMessage) {
  Counters c;
  c.count_error(ErrorClass::timeout, "first");
  c.count_error(ErrorClass::timeout, "second");
  c.count_error(ErrorClass::reset, nullptr);
  c.count_error(ErrorClass::reset, "late but first");
  EXPECT_EQ(c.errors[static_cast<size_t>(ErrorClass::timeout)], 2u);
  EXPECT_EQ(c.errors[static_cast<size_t>(ErrorClass::reset)], 2u);
  EXPECT_EQ(c.first_error[static_cast<size_t>(ErrorClass::timeout)], "first");
  EXPECT_EQ(c.first_error[static_cast<size_t>(ErrorClass::reset)], "late but first");
  EXPECT_EQ(c.first_error[static_cast<size_t>(ErrorClass::connect)], "");
  EXPECT_EQ(c.error_total(), 4u);
}

Counters sample(uint64_t k) {
  Counters c;
  c.responses = 1 * k;
  c.unfinished = 2 * k;
  c.bytes_read = 3 * k;
  c.bytes_written = 4 * k;
  c.body_bytes = 5 * k;
  c.connections = 6 * k;
  c.reconnects = 7 * k;
  c.connect_failures = 8 * k;
  for (uint64_t i = 0; i < k; ++i) {
    c.count_status(200);
    c.count_error(ErrorClass::tls, nullptr);
  }
  c.count_status(500);
  return c;
}

TEST(Counters, MergeSumsEverything) {
  Counters a = sample(1);
  a.merge(sample(10));
  EXPECT_EQ(a.responses, 11u);
  EXPECT_EQ(a.unfinished, 22u);
  EXPECT_EQ(a.bytes_read, 33u);
  EXPECT_EQ(a.bytes_written, 44u);
  EXPECT_EQ(a.body_bytes, 55u);
  EXPECT_EQ(a.connections, 66u);
  EXPECT_EQ(a.reconnects, 77u);
  EXPECT_EQ(a.connect_failures, 88u);
  EXPECT_EQ(a.status_count(200), 11u);
  EXPECT_EQ(a.status_count(500), 2u);
  EXPECT_EQ(a.errors[static_cast<size_t>(ErrorClass::tls)], 11u);
  EXPECT_EQ(a.error_total(), 11u);
}

TEST(Counters, MergeKeepsOwnFirstErrorElseTakesOther) {
  Counters a, b;
  a.count_error(ErrorClass::connect, "a connect");
  b.count_error(ErrorClass::connect, "b connect");
  b.count_error(ErrorClass::timeout, "b timeout");
  a.merge(b);
  EXPECT_EQ(a.first_error[static_cast<size_t>(ErrorClass::connect)], "a connect");
  EXPECT_EQ(a.first_error[static_cast<size_t>(ErrorClass::timeout)], "b timeout");
  EXPECT_EQ(a.first_error[static_cast<size_t>(ErrorClass::tls)], "");
  EXPECT_EQ(a.errors[static_cast<size_t>(ErrorClass::connect)], 2u);
}

}  // namespace
}  // namespace ringbench::stats

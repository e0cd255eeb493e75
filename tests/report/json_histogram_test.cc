// The histogram as JSON: written exactly, read back into the same percentiles, and refused
// when it was not written by ringbench's histogram.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ringbench/core/error.h"
#include "ringbench/report/json_report.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;
using stats::RunResult;

Config histogram_config() {
  Config c;
  c.url = "http://127.0.0.1:8080/x";
  c.requests = 3;
  return c;
}

RunResult three_latencies() {
  RunResult r;
  r.duration_s = 2.0;
  for (uint64_t us : {1000, 2000, 3000}) r.totals.latency.record(us * 1000);
  r.totals.counters.responses = 3;
  return r;
}

// The buckets hold each value to 0.1 %: the exact sums written beside them give the mean and
// stdev back as recorded, so a merge of read-back histograms has the union's (issue 18).
TEST(JsonReport, HistogramMeanAndStdevRoundTripExactly) {
  RunResult r;
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> dist(std::log(2'000'000.0), 1.5);
  for (int i = 0; i < 20'000; ++i) r.totals.latency.record(static_cast<uint64_t>(dist(rng)));
  const json written = json::parse(to_json(histogram_config(), r).dump())["histogram"];
  const stats::Histogram rebuilt = histogram_from_json(written);
  EXPECT_EQ(rebuilt.sum_ns(), r.totals.latency.sum_ns());
  EXPECT_TRUE(rebuilt.sum_of_squares() == r.totals.latency.sum_of_squares());
  EXPECT_EQ(rebuilt.mean(), r.totals.latency.mean());
  EXPECT_EQ(rebuilt.stdev(), r.totals.latency.stdev());
  json bad = written;
  bad["sum_squares_ns2"] = "12x";
  EXPECT_THROW(histogram_from_json(bad), Error);
  bad["sum_squares_ns2"] = std::string(40, '9');  // beyond 128 bits
  EXPECT_THROW(histogram_from_json(bad), Error);
}

// The fastest sample shares its bucket (10216..10223 ns) with a slower one: the other sample
// must not come back at the bucket's lowest value, below the written min (a merge of a
// single report then changed its min from 10.219 us to 10.216 us).
TEST(JsonReport, TheMinStaysExactWhenItsBucketHoldsMoreSamples) {
  RunResult r;
  for (uint64_t ns : {10'219, 10'222, 476'213}) r.totals.latency.record(ns);
  const json written = json::parse(to_json(histogram_config(), r).dump())["histogram"];
  ASSERT_EQ(written["buckets"][0], json::array({10'216, 2}));
  const stats::Histogram rebuilt = histogram_from_json(written);
  EXPECT_EQ(rebuilt.min(), 10'219u);
  EXPECT_EQ(rebuilt.max(), 476'213u);
  EXPECT_EQ(rebuilt.count(), 3u);
  for (double p : {0.0, 50.0, 100.0}) EXPECT_EQ(rebuilt.percentile(p), r.totals.latency.percentile(p)) << p;
}

TEST(JsonReport, HistogramRoundTripsThroughText) {
  RunResult r;
  std::mt19937_64 rng(8);
  std::lognormal_distribution<double> dist(std::log(500'000.0), 1.8);
  for (int i = 0; i < 50'000; ++i) r.totals.latency.record(static_cast<uint64_t>(dist(rng)));
  r.totals.latency.record(3 * stats::Histogram::highest_trackable_ns, 2);
  const stats::Histogram& original = r.totals.latency;

  const json parsed = json::parse(to_json(histogram_config(), r).dump());
  const stats::Histogram rebuilt = histogram_from_json(parsed["histogram"]);

  EXPECT_EQ(rebuilt.count(), original.count());
  EXPECT_EQ(rebuilt.overflow(), 2u);
  for (double p : {0.0, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99, 99.999, 100.0}) {
    EXPECT_EQ(rebuilt.percentile(p), original.percentile(p)) << p;
  }
  EXPECT_EQ(to_json(histogram_config(), RunResult{})["histogram"]["buckets"].size(), 0u);
  RunResult again;
  again.totals.latency = rebuilt;
  EXPECT_EQ(to_json(histogram_config(), again)["histogram"], parsed["histogram"]);
}

// A slowest sample inside its bucket (1,234,567 ns in [1,234,432, 1,235,455]): the percentiles
// clamped to it must read back the same, which the buckets alone cannot give.
TEST(JsonReport, HistogramKeepsItsExactMinAndMax) {
  RunResult r;
  for (uint64_t v : {1'000'123, 1'100'000, 1'234'567}) r.totals.latency.record(v);
  const json written = json::parse(to_json(histogram_config(), r).dump())["histogram"];
  EXPECT_EQ(written["min"], 1'000'123);
  EXPECT_EQ(written["max"], 1'234'567);
  const stats::Histogram rebuilt = histogram_from_json(written);
  EXPECT_EQ(rebuilt.min(), 1'000'123u);
  EXPECT_EQ(rebuilt.max(), 1'234'567u);
  EXPECT_EQ(rebuilt.count(), 3u);
  for (double p : {0.0, 50.0, 99.0, 100.0}) {
    EXPECT_EQ(rebuilt.percentile(p), r.totals.latency.percentile(p)) << p;
  }
  json older = written;  // a document written before min and max were kept still reads
  older.erase("min");
  older.erase("max");
  EXPECT_EQ(histogram_from_json(older).count(), 3u);
}

TEST(JsonReport, ForeignHistogramIsRejected) {
  json h = to_json(histogram_config(), three_latencies())["histogram"];
  h["unit"] = "us";
  EXPECT_THROW(histogram_from_json(h), Error);
  h = to_json(histogram_config(), three_latencies())["histogram"];
  h["overflow"] = 5;  // more than the (empty) top bucket holds
  EXPECT_THROW(histogram_from_json(h), Error);
}

}  // namespace
}  // namespace ringbench::report

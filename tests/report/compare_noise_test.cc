// compare tells a real change from run-to-run noise when both runs carry per-second intervals
// (issue 11 item 12): a change beyond its limit but within 2 combined standard errors of the
// per-second values is shown and does not fail the gate.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "compare_fixture.h"

namespace ringbench::report {
namespace {

using namespace compare_test;

// One-second intervals with these rps and p99 (ms) values; p50 and p90 follow p99.
json intervals(const std::vector<double>& rps, const std::vector<double>& p99_ms) {
  json out = json::array();
  for (size_t i = 0; i < rps.size(); ++i) {
    out.push_back({{"type", "interval"},
                   {"index", i},
                   {"start_s", double(i)},
                   {"end_s", double(i + 1)},
                   {"responses", uint64_t(rps[i])},
                   {"rps", rps[i]},
                   {"errors", json::object()},
                   {"latency_ms", {{"p50", p99_ms[i] / 4}, {"p90", p99_ms[i] / 2}, {"p99", p99_ms[i]}, {"max", p99_ms[i] * 2}}}});
  }
  return out;
}

json with_intervals(const RunFigures& figures, const std::vector<double>& rps, const std::vector<double>& p99_ms) {
  json doc = document(figures);
  doc["intervals"] = intervals(rps, p99_ms);
  return doc;
}

const std::vector<double> steady_rps = {10'100, 9'900, 10'100, 9'900};  // sample sd 115.5
const std::vector<double> steady_p99 = {4.0, 4.0, 4.0, 4.0};

TEST(CompareNoise, TheBandIsTwoCombinedStandardErrors) {
  // Each run: sd = sqrt(4 * 100² / 3) = 115.47, se = 57.74; combined sqrt(2) * 57.74 = 81.65;
  // the band 2 × 81.65 = 163.3 requests/s, 1.6 % of 10,000.
  const json base = with_intervals({}, steady_rps, steady_p99);
  const Compared c = compare(base, with_intervals({.rps = 9'900}, steady_rps, steady_p99));
  EXPECT_NE(c.text.find("noise: ±2 combined standard errors of the per-second values (4 and 4 whole "
                        "intervals): requests/s ±1.6%, p50 ±0.0%, p90 ±0.0%, p99 ±0.0%\n"),
            std::string::npos)
      << c.text;
  EXPECT_EQ(table_of(c.text).at("requests/s")[3], "noise");  // -100 < 163.3
  EXPECT_EQ(table_of(c.text).at("p99")[3], "same");
  // -200 is beyond the band: a real change, "worse" (but within the 5 % limit).
  const Compared real = compare(base, with_intervals({.rps = 9'800}, steady_rps, steady_p99));
  EXPECT_EQ(table_of(real.text).at("requests/s")[3], "worse") << real.text;
  EXPECT_EQ(real.outcome.verdict, CompareVerdict::ok);
}

TEST(CompareNoise, BeyondTheLimitButWithinNoiseDoesNotFail) {
  // Per-second rps swinging ±3,000: a 10 % drop cannot be told from the swing.
  const std::vector<double> noisy = {13'000, 7'000, 13'000, 7'000};  // sd 3464, se 1732
  const json base = with_intervals({}, noisy, steady_p99);
  const Compared c = compare(base, with_intervals({.rps = 9'000}, noisy, steady_p99));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::ok) << c.text;
  // band 2 * sqrt(2) * 1732 = 4899 requests/s = 49.0 % of 10,000
  EXPECT_NE(c.text.find("within noise: requests/s 10000 -> 9000 (-10.0%, limit -5%, noise ±49.0%): "
                        "not counted as a regression\n"),
            std::string::npos)
      << c.text;
  EXPECT_NE(c.text.find("no regression beyond both the limits and the run-to-run noise"), std::string::npos)
      << c.text;
  EXPECT_EQ(table_of(c.text).at("requests/s")[3], "noise");
}

TEST(CompareNoise, BeyondTheLimitAndTheNoiseFails) {
  const json base = with_intervals({}, steady_rps, steady_p99);
  const std::vector<double> slow_p99 = {5.0, 5.2, 4.8, 5.0};
  const Compared c = compare(base, with_intervals({.p99_us = 5'000}, steady_rps, slow_p99));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::regressed) << c.text;
  EXPECT_EQ(c.outcome.reason, "p99");
  // current p99s: sd 0.1633 ms, se 0.08165 ms; base se 0 -> band 0.1633 ms = 163.3 us, 4.1 % of 4 ms
  EXPECT_NE(c.text.find("regression: p99 4.00ms -> 5.00ms (+25.0%, limit +10%, beyond noise ±4.1%)\n"),
            std::string::npos)
      << c.text;
}

TEST(CompareNoise, TheShortLastIntervalAndEmptySecondsAreLeftOut) {
  json base = with_intervals({}, {10'000, 10'000, 10'000, 10'000}, {4, 4, 4, 4});
  // A last interval of 0.2 s with a wild rate must not count as a second.
  base["intervals"].push_back({{"type", "interval"}, {"index", 4}, {"start_s", 4.0}, {"end_s", 4.2},
                               {"responses", 100}, {"rps", 500.0}, {"errors", json::object()},
                               {"latency_ms", {{"p50", 90.0}, {"p90", 90.0}, {"p99", 90.0}, {"max", 90.0}}}});
  const Compared c = compare(base, with_intervals({}, {10'000, 10'000, 10'000, 0}, {4, 4, 4, 0}));
  // A second without a response has a rate (0) but no latency.
  EXPECT_NE(c.text.find("(4 and 4 whole intervals)"), std::string::npos) << c.text;
  EXPECT_NE(c.text.find("p99 ±0.0%"), std::string::npos) << c.text;
}

// A busy machine cut the second interval 0.4 s late (the grid stays, so the third is short):
// the ordinary seconds are still whole, measured against the typical length, not the longest.
TEST(CompareNoise, ALateCutLeavesTheOrdinarySecondsWhole) {
  json base = with_intervals({}, steady_rps, steady_p99);
  base["intervals"][1]["end_s"] = 2.4;
  base["intervals"][2]["start_s"] = 2.4;
  const Compared c = compare(base, with_intervals({}, steady_rps, steady_p99));
  EXPECT_NE(c.text.find("(3 and 4 whole intervals)"), std::string::npos) << c.text;
}

TEST(CompareNoise, TooFewIntervalsLeaveTheLimitsAlone) {
  const Compared c = compare(with_intervals({}, {10'000, 10'000}, {4, 4}),
                             with_intervals({.p99_us = 4'800}, steady_rps, steady_p99));
  EXPECT_NE(c.text.find("noise: not assessed (the base run has 2 whole intervals, 3 needed); the "
                        "limits alone decide\n"),
            std::string::npos)
      << c.text;
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::regressed);
  EXPECT_NE(c.text.find("regression: p99 4.00ms -> 4.80ms (+20.0%, limit +10%)\n"), std::string::npos);
  json old = document({});
  old.erase("intervals");
  EXPECT_NE(compare(old, document({})).text.find("noise: not assessed (the base report has no intervals)"),
            std::string::npos);
  json broken = document({});
  broken["intervals"] = json::array({json::object()});
  EXPECT_NE(compare(with_intervals({}, steady_rps, steady_p99), broken)
                .text.find("noise: not assessed (the current report's intervals are malformed)"),
            std::string::npos);
}

}  // namespace
}  // namespace ringbench::report

// The outputs of sweep --rate: its JSON document (structure, a round trip through text), its
// NDJSON events and its text report, from a hand-made capacity search.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "ringbench/sweep/sweep_json.h"
#include "ringbench/sweep/sweep_text.h"
#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using json = nlohmann::ordered_json;
using Keys = std::vector<std::string>;

Keys keys_of(const json& object) {
  Keys keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

RatePoint rate_point(double offered, double served, double p99_ms) {
  RatePoint p;
  p.offered_rps = offered;
  p.achieved_rps = offered;
  p.served_rps = served;
  p.window_s = 1;
  p.p50_ms = 5.2;
  p.p90_ms = 5.6;
  p.p99_ms = p99_ms;
  p.p999_ms = p99_ms * 1.2;
  p.max_ms = p99_ms * 1.5;
  p.service_p99_ms = 5.4;
  p.samples = p.requests = p.scheduled = uint64_t(offered);
  p.slo = {SloValue{.percentile = 99, .limit_ms = 20, .measured_ms = p99_ms, .pass = p99_ms <= 20}};
  judge_rate_point(p, 0.01);
  return p;
}

// LO 500 passes, 1,000 passes, 2,000 fails (served 1,580), 1,414 passes, 1,682 fails: measured
// in that order, the capacity 1,414/s.
SweepResult rate_sweep() {
  SweepResult r;
  r.params.url = "http://127.0.0.1:8080/";
  RateSweepParams rate;
  rate.spec = "500..2k";
  rate.lo = 500;
  rate.hi = 2000;
  rate.slo_spec = "p99=20ms";
  rate.slo = report::SloSpec{{{99, 20'000'000}}};
  rate.connections = 80;
  r.params.rate = rate;
  r.params.conc_spec.clear();
  r.params.duration_s = 1;
  r.params.max_levels = rate_max_levels;
  r.started_at = "2024-05-01T12:00:00Z";
  r.baseline = test::point(1, 190, 5.1, 5.3);
  r.rate_points = {rate_point(500, 500, 5.5), rate_point(1000, 1000, 5.9), rate_point(2000, 1580, 412),
                   rate_point(1414, 1414, 7.5), rate_point(1682, 1590, 96)};
  r.capacity = Capacity{.rate = 1414, .at_least = false, .lowest_fail = 1682,
                        .reason = "level budget (5) spent: 1,414/s passes and 1,682/s fails, 19.0% apart"};
  r.notes = {"rate: 5 rate(s) measured"};
  return r;
}

std::string text_of(const SweepResult& r) {
  std::ostringstream out;
  write_sweep_text(out, r, report::Style{false, false});
  return out.str();
}

TEST(RateSweepJson, TopLevelKeysSayItIsARateSweep) {
  const json doc = json::parse(to_json(rate_sweep()).dump(2));
  EXPECT_EQ(keys_of(doc), (Keys{"schema_version", "mode", "tool", "started_at", "params", "slo", "machine", "baseline",
                                "capacity", "curve", "notes", "interrupted"}));
  EXPECT_EQ(doc["mode"], "rate");
  EXPECT_EQ(doc["slo"], json::parse(R"([{"percentile": 99.0, "limit_ms": 20.0}])"));
  EXPECT_EQ(doc["params"]["rate"], "500..2k");
  EXPECT_EQ(doc["params"]["rate_lo"], 500.0);
  EXPECT_EQ(doc["params"]["rate_hi"], 2000.0);
  EXPECT_EQ(doc["params"]["connections"], 80);
  EXPECT_EQ(doc["params"]["arrivals"], "constant");
  EXPECT_EQ(doc["params"]["tolerance_pct"], 5.0);
  EXPECT_EQ(doc["baseline"]["concurrency"], 1);
}

TEST(RateSweepJson, TheCapacityAndTheCurveInOfferedRateOrder) {
  const json doc = json::parse(to_json(rate_sweep()).dump(2));
  EXPECT_EQ(doc["capacity"]["rate"], 1414.0);
  EXPECT_EQ(doc["capacity"]["at_least"], false);
  EXPECT_EQ(doc["capacity"]["lowest_fail"], 1682.0);
  EXPECT_NE(doc["capacity"]["reason"].get<std::string>().find("budget"), std::string::npos);
  std::vector<double> offered;
  for (const json& p : doc["curve"]) offered.push_back(p["offered_rps"].get<double>());
  EXPECT_EQ(offered, (std::vector<double>{500, 1000, 1414, 1682, 2000}));
  const json& failed = doc["curve"][4];
  EXPECT_EQ(keys_of(failed),
            (Keys{"offered_rps", "achieved_rps", "served_rps", "window_s", "p50_ms", "p90_ms", "p99_ms", "p999_ms",
                  "max_ms", "service_p50_ms", "service_p99_ms", "send_lag_p99_ms", "slo", "error_rate", "non2xx_rate",
                  "failed_rate", "samples", "requests", "scheduled", "unfinished", "waited_for_connection",
                  "max_client_queue", "settle_s", "settled", "passed", "failure", "flags"}));
  EXPECT_EQ(failed["passed"], false);
  EXPECT_EQ(failed["failure"], "p99 412.0 ms > 20 ms; served 1,580/s of the 2,000/s offered");
  EXPECT_EQ(failed["slo"][0]["measured_ms"], 412.0);
  EXPECT_EQ(failed["slo"][0]["pass"], false);
  EXPECT_TRUE(doc["curve"][0]["failure"].is_null());
}

TEST(RateSweepJson, NoCapacityIsNull) {
  SweepResult r = rate_sweep();
  r.capacity = Capacity{.rate = std::nullopt, .at_least = false, .lowest_fail = 500, .reason = "the lowest rate fails"};
  const json doc = json::parse(to_json(r).dump());
  EXPECT_TRUE(doc["capacity"]["rate"].is_null());
  EXPECT_EQ(doc["capacity"]["lowest_fail"], 500.0);
}

TEST(RateSweepJson, NdjsonEvents) {
  const SweepResult r = rate_sweep();
  const json point = json::parse(rate_point_event(r.rate_points[2]).dump());
  EXPECT_EQ(point["event"], "rate_point");
  EXPECT_EQ(point["offered_rps"], 2000.0);
  const json capacity = json::parse(capacity_event(r).dump());
  EXPECT_EQ(keys_of(capacity), (Keys{"event", "rate", "at_least", "lowest_fail", "reason", "interrupted"}));
  EXPECT_EQ(capacity["rate"], 1414.0);
}

// A saved capacity search is no concurrency curve to pair a sweep with.
TEST(RateSweepJson, IsRefusedAsAReferenceCurve) {
  const std::string message = test::usage_error_of([] { reference_from_json_text(to_json(rate_sweep()).dump()); });
  EXPECT_NE(message.find("capacity search (sweep --rate)"), std::string::npos) << message;
}

TEST(RateSweepText, TableCapacityAndChart) {
  const std::string text = text_of(rate_sweep());
  EXPECT_NE(text.find("Capacity search: GET http://127.0.0.1:8080/  (offered 500/s..2,000/s, SLO p99 <= 20 ms, 5 rates)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("80 connections (default)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Capacity under the SLO (p99 <= 20 ms): 1,414 requests/s"), std::string::npos) << text;
  EXPECT_NE(text.find("bracket     1,414/s passes, 1,682/s fails (19.0% apart)"), std::string::npos) << text;
  EXPECT_NE(text.find("FAIL: p99 412.0 ms > 20 ms; served 1,580/s of the 2,000/s offered"), std::string::npos) << text;
  EXPECT_NE(text.find("* capacity"), std::string::npos) << text;
  EXPECT_NE(text.find("<- capacity"), std::string::npos) << text;
  EXPECT_NE(text.find("p99 (| = SLO 20 ms)"), std::string::npos) << text;
  EXPECT_NE(text.find("  - rate: 5 rate(s) measured"), std::string::npos) << text;
  // Rows in offered-rate order: 1,414 before 1,682 before 2,000.
  const size_t a = text.find("    1,414  "), b = text.find("    1,682  "), c = text.find("    2,000  ");
  ASSERT_NE(a, std::string::npos) << text;
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

// The latency bar puts the SLO at its middle: 7.5 ms of 20 ms is 5 of 12 cells before the
// mark, 412 ms runs past twice the limit and is cut with an arrow.
TEST(RateSweepText, TheChartMarksTheSloAndCutsWhatRunsPastIt) {
  const std::string text = text_of(rate_sweep());
  EXPECT_NE(text.find("=====       |             "), std::string::npos) << text;
  EXPECT_NE(text.find("============|============>"), std::string::npos) << text;
}

TEST(RateSweepText, NoCapacityInRangeSaysSo) {
  SweepResult r = rate_sweep();
  r.capacity = Capacity{.rate = std::nullopt, .at_least = false, .lowest_fail = 500,
                        .reason = "the lowest rate, 500/s, already fails"};
  const std::string text = text_of(r);
  EXPECT_NE(text.find("Capacity under the SLO (p99 <= 20 ms): none in 500/s..2,000/s"), std::string::npos) << text;
  EXPECT_NE(text.find("why         the lowest rate, 500/s, already fails"), std::string::npos) << text;
}

TEST(RateSweepText, ProgressLine) {
  const SweepResult r = rate_sweep();
  EXPECT_EQ(rate_progress_line(r.rate_points[1], 1), "[2] 1,000/s  served 1,000/s  p50 5.20 ms  p99 5.90 ms  pass");
}

}  // namespace
}  // namespace ringbench::sweep

#include "ringbench/sweep/sweep_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ringbench/core/version.h"
#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using json = nlohmann::ordered_json;
using test::knee_sweep;
using test::measure;
using test::point;

std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

using Keys = std::vector<std::string>;

const Keys point_keys = {"concurrency", "repeats", "rps", "rps_min", "rps_max", "p50_ms",
                         "p90_ms", "p95_ms", "p99_ms", "p999_ms", "error_rate", "non2xx_rate",
                         "failed_rate", "samples", "unfinished", "settle_s", "settled", "score", "power",
                         "disqualified", "flags"};

Keys with_paired(Keys keys) {
  keys.insert(keys.end(), {"reference", "overhead_pct", "rps_deficit_pct"});
  return keys;
}

// Written, dumped to text and parsed again: what a reader of the file sees.
json written(const SweepResult& r) { return json::parse(to_json(r).dump(2)); }

TEST(SweepJson, TopLevelKeysInSchemaOrder) {
  EXPECT_EQ(keys_of(written(knee_sweep())),
            (Keys{"schema_version", "mode", "tool", "started_at", "params", "machine", "baseline",
                  "points", "sweet_spot", "notes", "interrupted"}));
}

TEST(SweepJson, HeaderParamsAndMachine) {
  SweepResult r = knee_sweep();
  r.params.repeats = 3;
  r.params.selection.knee_ratio = 0.9;
  r.params.selection.pick = PickMethod::score;
  r.notes = {"refine added 23, 33"};
  r.params.drain_s = 2;
  r.params.settle_max_s = 0.5;
  const json j = written(r);
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["tool"]["name"], "ringbench");
  EXPECT_EQ(j["tool"]["version"], std::string(version));
  EXPECT_EQ(j["started_at"], "2024-05-01T12:00:00Z");
  const json& p = j["params"];
  EXPECT_EQ(p["url"], "http://127.0.0.1:8080/");
  EXPECT_EQ(p["method"], "GET");
  EXPECT_EQ(p["conc"], "auto");
  EXPECT_EQ(p["levels"], json({10, 22, 46, 100, 215, 464}));
  EXPECT_EQ(p["baseline_c"], 1);
  EXPECT_EQ(p["repeats"], 3);
  EXPECT_EQ(p["warmup_s"], 1.0);
  EXPECT_EQ(p["duration_s"], 3.0);  // the default, since neither -z nor -n was given
  EXPECT_TRUE(p["requests"].is_null());
  EXPECT_EQ(p["refine"], false);
  EXPECT_EQ(p["drain_s"], 2.0);
  EXPECT_EQ(p["settle_max_s"], 0.5);
  EXPECT_EQ(p["paired"], false);
  EXPECT_TRUE(p["vs_url"].is_null());
  EXPECT_EQ(p["pick"], "score");
  EXPECT_EQ(p["knee_ratio"], 0.9);
  EXPECT_EQ(p["max_errors"], 0.01);
  EXPECT_EQ(p["max_spread"], 4.0);
  EXPECT_EQ(p["max_p999_ratio"], 8.0);
  EXPECT_EQ(p["max_tail_mult"], 3.0);
  EXPECT_EQ(p["max_overhead_pct"], 25.0);
  EXPECT_EQ(p["max_rps_deficit_pct"], 50.0);
  EXPECT_EQ(j["machine"], json({{"cpus", 8}, {"memory_mb", 16000}, {"kernel", "6.1.0-test"}}));
  EXPECT_EQ(j["notes"], json({"refine added 23, 33"}));
  EXPECT_EQ(j["interrupted"], false);
}

TEST(SweepJson, DurationIsNullWhenRequestsWereGiven) {
  SweepResult r = knee_sweep();
  r.params.requests = 5000;
  const json j = written(r);
  EXPECT_TRUE(j["params"]["duration_s"].is_null());
  EXPECT_EQ(j["params"]["requests"], 5000);
  r.params.duration_s = 2.5;
  EXPECT_EQ(written(r)["params"]["duration_s"], 2.5);
}

TEST(SweepJson, PointsFieldByField) {
  SweepResult r = knee_sweep();
  r.points[1] = combine_repeats({measure(22, 19'000.25, 1, 2), measure(22, 20'000.5, 1.1, 2.2),
                                 measure(22, 21'000.75, 1.2, 2.4)});
  r.points[1].chosen.error_rate = 0.004;
  r.points[1].chosen.non2xx_rate = 0.003;
  r.points[1].chosen.failed_rate = 0.005;
  r.points[1].chosen.samples = 142;
  r.points[1].flags = {"142 samples: too few for p99.9 (needs 1,000)"};
  r.points[1].chosen.unfinished = 7;
  r.points[1].settle_s = 0.4567;
  r.points[1].settled = false;
  const json j = written(r);
  ASSERT_EQ(j["points"].size(), r.points.size());
  const json& p = j["points"][1];
  EXPECT_EQ(keys_of(p), point_keys);
  EXPECT_EQ(p["concurrency"], 22);
  EXPECT_EQ(p["repeats"], 3);
  EXPECT_DOUBLE_EQ(p["rps"].get<double>(), 20'000.5);  // the median run's
  EXPECT_DOUBLE_EQ(p["rps_min"].get<double>(), 19'000.25);
  EXPECT_DOUBLE_EQ(p["rps_max"].get<double>(), 21'000.75);
  EXPECT_DOUBLE_EQ(p["p50_ms"].get<double>(), 1.1);
  EXPECT_DOUBLE_EQ(p["p90_ms"].get<double>(), 1.65);
  EXPECT_DOUBLE_EQ(p["p95_ms"].get<double>(), 1.925);
  EXPECT_DOUBLE_EQ(p["p99_ms"].get<double>(), 2.2);
  EXPECT_DOUBLE_EQ(p["p999_ms"].get<double>(), 3.3);
  EXPECT_DOUBLE_EQ(p["error_rate"].get<double>(), 0.004);
  EXPECT_DOUBLE_EQ(p["non2xx_rate"].get<double>(), 0.003);
  EXPECT_DOUBLE_EQ(p["failed_rate"].get<double>(), 0.005);
  EXPECT_EQ(p["samples"], 142);
  EXPECT_NEAR(p["score"].get<double>(), 5000.125, 1e-3);
  EXPECT_NEAR(p["power"].get<double>(), 20'000.5 * 20'000.5 / 22, 1e-3);  // rps² / c
  EXPECT_EQ(p["unfinished"], 7);
  EXPECT_DOUBLE_EQ(p["settle_s"].get<double>(), 0.457);
  EXPECT_FALSE(p["settled"].get<bool>());
  EXPECT_TRUE(j["points"][0]["settled"].get<bool>());
  EXPECT_TRUE(p["disqualified"].is_null());
  EXPECT_EQ(p["flags"], json({"142 samples: too few for p99.9 (needs 1,000)"}));
  EXPECT_EQ(j["points"][5]["disqualified"], "p99/p50 5.2 > max spread 4.0");
  EXPECT_EQ(keys_of(j["baseline"]), point_keys);
  EXPECT_EQ(j["baseline"]["concurrency"], 1);
}

TEST(SweepJson, PointsAreInOrderOfConcurrency) {
  SweepResult r = knee_sweep();
  r.points.push_back(point(33, 30'000, 1, 2));  // a refine level, measured last
  const json j = written(r);
  std::vector<uint32_t> levels;
  for (const json& p : j["points"]) levels.push_back(p["concurrency"].get<uint32_t>());
  EXPECT_EQ(levels, (std::vector<uint32_t>{10, 22, 33, 46, 100, 215, 464}));
}

TEST(SweepJson, PairedPointsCarryTheirReference) {
  SweepResult r = knee_sweep();
  r.params.vs_url = "http://127.0.0.1:9090/";
  pair_with(r.points[0], measure(10, 12'500, 0.9, 1.6));
  r.points[0].reference->samples = 777;
  pair_with(r.points[1], measure(22, 0, 0, 0));  // nothing to divide by: figures are null
  const json j = written(r);
  EXPECT_EQ(j["params"]["paired"], true);
  EXPECT_EQ(j["params"]["vs_url"], "http://127.0.0.1:9090/");
  const json& p = j["points"][0];
  EXPECT_EQ(keys_of(p), with_paired(point_keys));
  EXPECT_EQ(keys_of(p["reference"]),
            (Keys{"rps", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "error_rate",
                  "non2xx_rate", "failed_rate", "samples"}));
  EXPECT_DOUBLE_EQ(p["reference"]["rps"].get<double>(), 12'500);
  EXPECT_DOUBLE_EQ(p["reference"]["p99_ms"].get<double>(), 1.6);
  EXPECT_EQ(p["reference"]["samples"], 777);
  EXPECT_DOUBLE_EQ(p["overhead_pct"].get<double>(), 25.0);      // (2 - 1.6) / 1.6
  EXPECT_DOUBLE_EQ(p["rps_deficit_pct"].get<double>(), 20.0);   // (12,500 - 10,000) / 12,500
  EXPECT_TRUE(j["points"][1]["overhead_pct"].is_null());
  EXPECT_TRUE(j["points"][1]["rps_deficit_pct"].is_null());
  EXPECT_EQ(keys_of(j["points"][2]), point_keys);  // not paired: no reference members
}

TEST(SweepJson, SweetSpot) {
  const json s = written(knee_sweep())["sweet_spot"];
  EXPECT_EQ(keys_of(s), (Keys{"concurrency", "rps", "p50_ms", "p99_ms", "method", "reasoning",
                              "peak_rps", "peak_concurrency"}));
  EXPECT_EQ(s["concurrency"], 46);
  EXPECT_DOUBLE_EQ(s["rps"].get<double>(), 38'000);
  EXPECT_DOUBLE_EQ(s["p50_ms"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(s["p99_ms"].get<double>(), 2.5);
  EXPECT_EQ(s["method"], "knee");
  EXPECT_EQ(s["reasoning"], knee_sweep().sweet_spot.reasoning);
  EXPECT_DOUBLE_EQ(s["peak_rps"].get<double>(), 40'000);
  EXPECT_EQ(s["peak_concurrency"], 100);
}

TEST(SweepJson, NothingMeasuredIsNullsNotZeros) {
  SweepResult r;
  r.sweet_spot = pick({}, {}, false);
  r.interrupted = true;
  const json j = written(r);
  EXPECT_TRUE(j["baseline"].is_null());
  EXPECT_EQ(j["points"], json::array());
  EXPECT_TRUE(j["sweet_spot"]["concurrency"].is_null());
  EXPECT_EQ(j["sweet_spot"]["method"], "none");
  EXPECT_EQ(j["interrupted"], true);
}

TEST(SweepJson, NonFiniteNumbersAreWrittenAsNull) {
  SweepResult r = knee_sweep();
  r.points[0].chosen.rps = std::numeric_limits<double>::quiet_NaN();
  r.points[0].score = std::numeric_limits<double>::infinity();
  r.points[0].overhead_pct = -std::numeric_limits<double>::infinity();
  r.points[0].reference = measure(10, 1, 1, 1);
  const std::string text = to_json(r).dump();
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
  const json j = json::parse(text);
  EXPECT_TRUE(j["points"][0]["rps"].is_null());
  EXPECT_TRUE(j["points"][0]["score"].is_null());
  EXPECT_TRUE(j["points"][0]["overhead_pct"].is_null());
}

TEST(SweepJson, FiguresAreRoundedNotBinaryNoise) {
  SweepResult r = knee_sweep();
  r.points[0].chosen.error_rate = 0.1 + 0.2;  // 0.30000000000000004
  r.points[0].chosen.p99_ms = 1.0 / 3.0;
  const json j = written(r);
  EXPECT_EQ(j["points"][0]["error_rate"].dump(), "0.3");
  EXPECT_EQ(j["points"][0]["p99_ms"].dump(), "0.333333");
}

TEST(SweepNdjson, PointEventIsTheEventThenThePointFields) {
  const SweepResult r = knee_sweep();
  const json e = point_event(r.points[2]);
  Keys expected = {"event"};
  expected.insert(expected.end(), point_keys.begin(), point_keys.end());
  EXPECT_EQ(keys_of(e), expected);
  EXPECT_EQ(e["event"], "point");
  json same = e;
  same.erase("event");
  EXPECT_EQ(same, to_json(r)["points"][2]);
  EXPECT_EQ(e.dump().find('\n'), std::string::npos);  // one line each
}

TEST(SweepNdjson, BaselineAndSweetSpotEvents) {
  SweepResult r = knee_sweep();
  r.interrupted = true;
  const json b = baseline_event(*r.baseline);
  EXPECT_EQ(b["event"], "baseline");
  EXPECT_EQ(b["concurrency"], 1);
  const json s = sweet_spot_event(r);
  EXPECT_EQ(keys_of(s), (Keys{"event", "concurrency", "rps", "p50_ms", "p99_ms", "method",
                              "reasoning", "peak_rps", "peak_concurrency", "interrupted"}));
  EXPECT_EQ(s["event"], "sweet_spot");
  EXPECT_EQ(s["concurrency"], 46);
  EXPECT_EQ(s["method"], "knee");
  EXPECT_EQ(s["interrupted"], true);
}

TEST(SweepJson, ReadsBackAsAReferenceCurve) {
  SweepResult r = knee_sweep();
  r.points[0].chosen.p99_ms = 2.123456;
  r.points[0].chosen.error_rate = 0.05;
  r.points[0].chosen.non2xx_rate = 0.25;
  r.points[0].chosen.failed_rate = 0.2;
  const std::vector<Measure> curve = reference_from_json_text(to_json(r).dump(2));
  // The six points plus the baseline at c=1, ascending.
  ASSERT_EQ(curve.size(), 7u);
  EXPECT_EQ(curve[0].concurrency, 1u);
  for (size_t i = 0; i < r.points.size(); ++i) {
    const Measure& want = r.points[i].chosen;
    const Measure& got = curve[i + 1];
    SCOPED_TRACE("c=" + std::to_string(want.concurrency));
    EXPECT_EQ(got.concurrency, want.concurrency);
    EXPECT_NEAR(got.rps, want.rps, 1e-3);
    EXPECT_NEAR(got.p50_ms, want.p50_ms, 1e-6);
    EXPECT_NEAR(got.p90_ms, want.p90_ms, 1e-6);
    EXPECT_NEAR(got.p95_ms, want.p95_ms, 1e-6);
    EXPECT_NEAR(got.p99_ms, want.p99_ms, 1e-6);
    EXPECT_NEAR(got.p999_ms, want.p999_ms, 1e-6);
    EXPECT_NEAR(got.error_rate, want.error_rate, 1e-6);
    EXPECT_NEAR(got.non2xx_rate, want.non2xx_rate, 1e-6);
    EXPECT_NEAR(got.failed_rate, want.failed_rate, 1e-6);
    EXPECT_EQ(got.samples, want.samples);
  }
}

}  // namespace
}  // namespace ringbench::sweep

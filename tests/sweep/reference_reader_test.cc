#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ringbench/sweep/sweep_json.h"
#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using test::usage_error_of;

// What `vastar sweep -o json` (v0.2.x, src/sweep.rs format_json) writes: schema_version is the
// string "1.0", the points are "sweep_points", figures are rounded as vastar rounds them, and
// paired runs add a per-point "reference" and a top-level "paired" section.
constexpr const char* vastar_document = R"({
  "schema_version": "1.0",
  "params": {
    "url": "http://127.0.0.1:3081/api/gw/trigger",
    "method": "POST",
    "pick": "knee",
    "knee_ratio": 0.95,
    "baseline_c": 1,
    "repeats": 1,
    "requests_per_bench": 2000,
    "refine": false
  },
  "machine": {
    "cpu_cores_logical": 16,
    "ram_mb": 31784
  },
  "baseline": {"concurrency":1,"repeats":1,"rps":4210.55,"p50_ms":0.221,"p95_ms":0.301,"p99_ms":0.402,"p999_ms":0.611,"error_rate":0.0000,"score":1275,"disqualified":null},
  "sweep_points": [
    {"concurrency":10,"repeats":1,"rps":31877.12,"p50_ms":0.287,"p95_ms":0.402,"p99_ms":0.512,"p999_ms":0.934,"error_rate":0.0000,"score":10017,"disqualified":null,"reference":{"rps":35011.40,"p50_ms":0.251,"p95_ms":0.355,"p99_ms":0.461,"p999_ms":0.802,"error_rate":0.0000},"overhead_pct":11.06,"rps_deficit_pct":8.95},
    {"concurrency":22,"repeats":1,"rps":52110.93,"p50_ms":0.398,"p95_ms":0.611,"p99_ms":0.801,"p999_ms":1.402,"error_rate":0.0000,"score":12866,"disqualified":null},
    {"concurrency":46,"repeats":1,"rps":61544.20,"p50_ms":0.702,"p95_ms":1.105,"p99_ms":1.498,"p999_ms":2.731,"error_rate":0.0005,"score":13513,"disqualified":null},
    {"concurrency":100,"repeats":1,"rps":63010.77,"p50_ms":1.522,"p95_ms":3.010,"p99_ms":4.911,"p999_ms":9.870,"error_rate":0.0010,"score":6055,"disqualified":"p999/p50=6.5"},
    {"concurrency":215,"repeats":1,"rps":58720.04,"p50_ms":3.401,"p95_ms":9.822,"p99_ms":16.730,"p999_ms":40.112,"error_rate":0.0210,"score":2427,"disqualified":"errors=2.1%"}
  ],
  "sweet_spot": {
    "concurrency": 46,
    "rps": 61544.20,
    "p50_ms": 0.702,
    "p99_ms": 1.498,
    "method": "knee",
    "reasoning": "smallest c reaching 97.7% of peak rps=63011 @ c=100, p99 at 3.7× baseline",
    "peak_rps": 63010.77,
    "peak_concurrency": 100
  },
  "notes": ["paired=on"],
  "paired": {
    "reference_url": "http://127.0.0.1:4545/echo",
    "reference_method": "POST",
    "reference_source": "live",
    "max_overhead_pct": 25,
    "max_rps_deficit_pct": 50,
    "reference_baseline": {"rps":4901.22,"p50_ms":0.190,"p95_ms":0.260,"p99_ms":0.350,"p999_ms":0.540,"error_rate":0.0000}
  }
})";

TEST(ReferenceFromJson, ReadsAVastarDocument) {
  const std::vector<Measure> curve = reference_from_json_text(vastar_document);
  ASSERT_EQ(curve.size(), 6u);  // the baseline c=1 and five sweep points
  std::vector<uint32_t> levels;
  for (const Measure& m : curve) levels.push_back(m.concurrency);
  EXPECT_EQ(levels, (std::vector<uint32_t>{1, 10, 22, 46, 100, 215}));

  EXPECT_DOUBLE_EQ(curve[0].rps, 4210.55);
  EXPECT_DOUBLE_EQ(curve[0].p99_ms, 0.402);
  // The point's own figures, not its "reference" member's.
  const Measure& c10 = curve[1];
  EXPECT_DOUBLE_EQ(c10.rps, 31877.12);
  EXPECT_DOUBLE_EQ(c10.p50_ms, 0.287);
  EXPECT_DOUBLE_EQ(c10.p95_ms, 0.402);
  EXPECT_DOUBLE_EQ(c10.p99_ms, 0.512);
  EXPECT_DOUBLE_EQ(c10.p999_ms, 0.934);
  EXPECT_EQ(c10.error_rate, 0.0);
  const Measure& c215 = curve[5];
  EXPECT_DOUBLE_EQ(c215.rps, 58720.04);
  EXPECT_DOUBLE_EQ(c215.p99_ms, 16.730);
  EXPECT_DOUBLE_EQ(c215.error_rate, 0.021);
  // vastar writes neither p90 nor a sample count.
  EXPECT_EQ(c215.p90_ms, 0.0);
  EXPECT_EQ(c215.samples, 0u);
}

TEST(ReferenceFromJson, TheParsedDocumentOverloadsAgree) {
  const auto plain = reference_from_json(nlohmann::json::parse(vastar_document));
  const auto ordered = reference_from_json(nlohmann::ordered_json::parse(vastar_document));
  ASSERT_EQ(plain.size(), ordered.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].concurrency, ordered[i].concurrency);
    EXPECT_EQ(plain[i].p99_ms, ordered[i].p99_ms);
  }
}

TEST(ReferenceFromJson, ABaselineAtAMeasuredLevelIsNotDuplicated) {
  const auto curve = reference_from_json_text(R"({"schema_version": 1,
      "baseline": {"concurrency": 10, "rps": 1, "p50_ms": 1, "p99_ms": 1},
      "points": [{"concurrency": 10, "rps": 500, "p50_ms": 1, "p99_ms": 2}]})");
  ASSERT_EQ(curve.size(), 1u);
  EXPECT_EQ(curve[0].rps, 500);
}

TEST(ReferenceFromJson, NullFiguresReadAsZero) {
  const auto curve = reference_from_json_text(R"({"schema_version": 1, "baseline": null,
      "points": [{"concurrency": 4, "rps": 100, "p50_ms": 1, "p99_ms": null}]})");
  ASSERT_EQ(curve.size(), 1u);
  EXPECT_EQ(curve[0].p99_ms, 0.0);
}

TEST(ReferenceFromJson, EveryUnusableDocumentIsAOneLineUsageError) {
  struct Case {
    const char* text;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"[1, 2]", "not a JSON object"},
      {"{\"points\": []}", "no schema_version"},
      {"{\"schema_version\": 2, \"points\": []}", "unsupported schema_version 2"},
      {"{\"schema_version\": \"1.1\", \"sweep_points\": []}", "unsupported schema_version \"1.1\""},
      // A single-run report has schema_version 1 too, but no points.
      {"{\"schema_version\": 1, \"tool\": {}, \"summary\": {}}", "no \"points\" array"},
      {"{\"schema_version\": \"1.0\", \"points\": []}", "no \"sweep_points\" array"},
      // A run's report (config and summary): named, and an open-loop one as such.
      {"{\"schema_version\": 2, \"config\": {\"rate\": null}, \"summary\": {}}", "a single run's report, not a sweep"},
      {"{\"schema_version\": 2, \"config\": {\"rate\": 2000.0}, \"summary\": {}}",
       "an open-loop (--rate) run's report, not a sweep"},
      {"{\"schema_version\": 1, \"points\": []}", "the sweep has no points"},
      {"{\"schema_version\": 1, \"points\": [7]}", "points[0] is not an object"},
      {"{\"schema_version\": 1, \"points\": [{\"concurrency\": 10, \"rps\": 1, \"p50_ms\": 1}]}",
       "points[0].p99_ms is missing"},
      {"{\"schema_version\": 1, \"points\": [{\"concurrency\": 0, \"rps\": 1, \"p50_ms\": 1, \"p99_ms\": 1}]}",
       "points[0].concurrency is 0"},
      {"{\"schema_version\": 1, \"points\": [{\"concurrency\": \"10\", \"rps\": 1, \"p50_ms\": 1, \"p99_ms\": 1}]}",
       "points[0].concurrency is not a whole number"},
      {"{\"schema_version\": 1, \"points\": [{\"concurrency\": 10, \"rps\": -5, \"p50_ms\": 1, \"p99_ms\": 1}]}",
       "points[0].rps is not a non-negative number"},
      {"{\"schema_version\": \"1.0\", \"sweep_points\": [{\"concurrency\": 10, \"rps\": \"fast\", \"p50_ms\": 1, \"p99_ms\": 1}]}",
       "sweep_points[0].rps is not a non-negative number"},
      {"{\"schema_version\": 1, \"baseline\": 3, \"points\": [{\"concurrency\": 10, \"rps\": 1, \"p50_ms\": 1, \"p99_ms\": 1}]}",
       "baseline is not an object"},
      {"{\"schema_version\": 1, ", "not valid JSON"},
      {"", "not valid JSON"},
  };
  for (const Case& c : cases) {
    const std::string message = usage_error_of([&] { reference_from_json_text(c.text); });
    EXPECT_EQ(message.rfind("--ref-from-json: ", 0), 0u) << message;
    EXPECT_NE(message.find(c.says), std::string::npos) << c.text << "\n -> " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(NearestReference, ExactLevelOrTheNearestWithTiesToTheLower) {
  const std::vector<Measure> curve = {test::measure(10, 1, 1, 1), test::measure(46, 2, 1, 1),
                                      test::measure(100, 3, 1, 1)};
  EXPECT_EQ(nearest_reference(curve, 46).concurrency, 46u);
  EXPECT_EQ(nearest_reference(curve, 50).concurrency, 46u);
  EXPECT_EQ(nearest_reference(curve, 28).concurrency, 10u);   // 18 below, 18 above
  EXPECT_EQ(nearest_reference(curve, 73).concurrency, 46u);   // 27 below, 27 above
  EXPECT_EQ(nearest_reference(curve, 74).concurrency, 100u);
  EXPECT_EQ(nearest_reference(curve, 1).concurrency, 10u);
  EXPECT_EQ(nearest_reference(curve, 5000).concurrency, 100u);
  EXPECT_EQ(&nearest_reference(curve, 100), &curve[2]);  // a reference into the curve, no copy
}

TEST(NearestReference, AnEmptyCurveIsAUsageError) {
  const std::string message = usage_error_of([] { nearest_reference({}, 10); });
  EXPECT_EQ(message.rfind("--ref-from-json", 0), 0u) << message;
}

}  // namespace
}  // namespace ringbench::sweep

#include "ringbench/report/json_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>

#include "ringbench/core/error.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;
using stats::ErrorClass;
using stats::RunResult;

Config config_of_test() {
  Config c;
  c.url = "http://127.0.0.1:8080/x";
  c.method = "POST";
  c.concurrency = 3;
  c.requests = 4;
  c.timeout = std::chrono::milliseconds(1500);
  c.keepalive = false;
  return c;
}

RunResult three_responses() {
  RunResult r;
  r.duration_s = 2.0;
  r.threads = 2;
  auto& t = r.totals;
  for (uint64_t us : {1000, 2000, 3000}) t.latency.record(us * 1000);
  t.counters.responses = 3;
  t.counters.unfinished = 5;
  t.counters.count_status(200);
  t.counters.count_status(200);
  t.counters.count_status(404);
  t.counters.body_bytes = 300;
  t.counters.count_error(ErrorClass::timeout, "request timed out after 20s");
  t.phases.wait.record(1500);
  return r;
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

using Keys = std::set<std::string>;

TEST(JsonReport, EveryKeyIsPresent) {
  const json j = to_json(config_of_test(), RunResult{});
  EXPECT_EQ(keys_of(j), (Keys{"schema_version", "tool", "config", "summary", "latency_us",
                              "status_codes", "errors", "error_messages", "phases_us",
                              "histogram"}));
  EXPECT_EQ(keys_of(j["tool"]), (Keys{"name", "version"}));
  EXPECT_EQ(keys_of(j["config"]), (Keys{"url", "method", "concurrency", "threads", "requests",
                                        "duration_s", "timeout_s", "keepalive"}));
  EXPECT_EQ(keys_of(j["summary"]),
            (Keys{"requests", "responses", "errors", "unfinished", "duration_s", "rps",
                  "bytes_read", "bytes_written", "body_bytes", "connections", "reconnects",
                  "connect_failures", "interrupted"}));
  EXPECT_EQ(keys_of(j["latency_us"]), (Keys{"min", "mean", "stdev", "max", "p50", "p75", "p90",
                                            "p95", "p99", "p99_9", "p99_99"}));
  EXPECT_EQ(keys_of(j["errors"]), (Keys{"connect", "timeout", "reset", "protocol", "tls"}));
  EXPECT_EQ(keys_of(j["phases_us"]), (Keys{"connect", "write", "wait", "read"}));
  for (const auto& [name, phase] : j["phases_us"].items()) {
    EXPECT_EQ(keys_of(phase), (Keys{"count", "mean", "min", "max"})) << name;
  }
  EXPECT_EQ(keys_of(j["histogram"]),
            (Keys{"unit", "significant_digits", "highest_trackable", "overflow", "buckets"}));
  EXPECT_TRUE(j["status_codes"].is_object());
  EXPECT_TRUE(j["error_messages"].is_object());
}

TEST(JsonReport, ValuesOfAHandBuiltRun) {
  const json j = to_json(config_of_test(), three_responses());
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["tool"]["name"], "ringbench");
  EXPECT_EQ(j["config"]["method"], "POST");
  EXPECT_EQ(j["config"]["threads"], 2);
  EXPECT_EQ(j["config"]["requests"], 4);
  EXPECT_TRUE(j["config"]["duration_s"].is_null());
  EXPECT_DOUBLE_EQ(j["config"]["timeout_s"].get<double>(), 1.5);
  EXPECT_EQ(j["config"]["keepalive"], false);
  const json& s = j["summary"];
  EXPECT_EQ(s["responses"], 3);
  EXPECT_EQ(s["errors"], 1);
  EXPECT_EQ(s["unfinished"], 5);
  EXPECT_EQ(s["requests"], 4);  // responses + errors, unfinished excluded
  EXPECT_DOUBLE_EQ(s["rps"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(j["latency_us"]["min"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(j["latency_us"]["mean"].get<double>(), 2000.0);
  EXPECT_DOUBLE_EQ(j["latency_us"]["max"].get<double>(), 3000.0);
  EXPECT_NEAR(j["latency_us"]["p50"].get<double>(), 2000.0, 2.0);
  EXPECT_EQ(j["status_codes"], (json{{"200", 2}, {"404", 1}}));
  EXPECT_EQ(j["errors"], (json{{"connect", 0}, {"timeout", 1}, {"reset", 0}, {"protocol", 0},
                               {"tls", 0}}));
  EXPECT_EQ(j["error_messages"], (json{{"timeout", "request timed out after 20s"}}));
  EXPECT_DOUBLE_EQ(j["phases_us"]["wait"]["mean"].get<double>(), 1.5);  // keeps the fraction
  EXPECT_EQ(j["phases_us"]["connect"]["count"], 0);
  EXPECT_EQ(j["histogram"]["buckets"].size(), 3u);
}

TEST(JsonReport, DurationWhenGiven) {
  Config c = config_of_test();
  c.requests.reset();
  c.duration = std::chrono::seconds(10);
  const json j = to_json(c, RunResult{});
  EXPECT_TRUE(j["config"]["requests"].is_null());
  EXPECT_DOUBLE_EQ(j["config"]["duration_s"].get<double>(), 10.0);
}

// Every number finite and no null anywhere outside the two optional config members.
void expect_no_null_or_non_finite(const json& j, const std::string& path) {
  if (j.is_structured()) {
    for (const auto& [key, value] : j.items()) {
      expect_no_null_or_non_finite(value, path + "/" + key);
    }
    return;
  }
  EXPECT_FALSE(j.is_null()) << path;
  if (j.is_number_float()) {
    EXPECT_TRUE(std::isfinite(j.get<double>())) << path;
  }
}

TEST(JsonReport, EmptyResultHasNoNullOrNaN) {
  Config c = config_of_test();
  c.duration = std::chrono::seconds(1);
  RunResult r;
  r.duration_s = std::nan("");
  const json j = to_json(c, r);
  expect_no_null_or_non_finite(j, "");
  EXPECT_EQ(j.dump().find("null"), std::string::npos);
  EXPECT_EQ(j["summary"]["rps"], 0.0);
  EXPECT_EQ(j["latency_us"]["stdev"], 0.0);
  EXPECT_TRUE(j["histogram"]["buckets"].empty());
}

TEST(JsonReport, HistogramRoundTripsThroughText) {
  RunResult r;
  std::mt19937_64 rng(8);
  std::lognormal_distribution<double> dist(std::log(500'000.0), 1.8);
  for (int i = 0; i < 50'000; ++i) r.totals.latency.record(static_cast<uint64_t>(dist(rng)));
  r.totals.latency.record(3 * stats::Histogram::highest_trackable_ns, 2);
  const stats::Histogram& original = r.totals.latency;

  const json parsed = json::parse(to_json(config_of_test(), r).dump());
  const stats::Histogram rebuilt = histogram_from_json(parsed["histogram"]);

  EXPECT_EQ(rebuilt.count(), original.count());
  EXPECT_EQ(rebuilt.overflow(), 2u);
  for (double p : {0.0, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99, 99.999, 100.0}) {
    EXPECT_EQ(rebuilt.percentile(p), original.percentile(p)) << p;
  }
  EXPECT_EQ(to_json(config_of_test(), RunResult{})["histogram"]["buckets"].size(), 0u);
  RunResult again;
  again.totals.latency = rebuilt;
  EXPECT_EQ(to_json(config_of_test(), again)["histogram"], parsed["histogram"]);
}

TEST(JsonReport, ForeignHistogramIsRejected) {
  json h = to_json(config_of_test(), three_responses())["histogram"];
  h["unit"] = "us";
  EXPECT_THROW(histogram_from_json(h), Error);
  h = to_json(config_of_test(), three_responses())["histogram"];
  h["overflow"] = 5;  // more than the (empty) top bucket holds
  EXPECT_THROW(histogram_from_json(h), Error);
}

}  // namespace
}  // namespace ringbench::report

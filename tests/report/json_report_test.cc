#include "ringbench/report/json_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/report/insights.h"

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
  for (uint64_t ms : {40, 10, 30, 20, 50}) t.unfinished_ages.add(ms * 1'000'000);
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

TEST(JsonReport, EveryKeyIsPresentInSchemaOrder) {
  const json j = to_json(config_of_test(), RunResult{});
  std::vector<std::string> order;
  for (const auto& [key, value] : j.items()) order.push_back(key);
  // The issue-3 members come after the core ones, which keep their place.
  EXPECT_EQ(order, (std::vector<std::string>{"schema_version", "tool", "started_at", "label", "config",
                                             "machine", "summary", "latency_us", "status_codes",
                                             "errors", "error_messages", "phases_us", "histogram",
                                             "insights", "slo", "thresholds", "intervals"}));
  EXPECT_EQ(keys_of(j["tool"]), (Keys{"name", "version"}));
  EXPECT_EQ(keys_of(j["config"]), (Keys{"url", "method", "concurrency", "threads", "requests",
                                        "duration_s", "drain_s", "timeout_s", "keepalive",
                                        "warmup_s", "start_at", "request_body_bytes", "pipeline", "tls", "rate", "arrivals",
                                        "seed", "stages"}));
  EXPECT_EQ(keys_of(j["machine"]), (Keys{"cpus", "memory_mb", "kernel"}));
  // A plain http:// run: no tls member (an https:// one has it, see TlsOnlyForHttps).
  EXPECT_EQ(keys_of(j["summary"]),
            (Keys{"requests", "responses", "errors", "non2xx", "error_rate", "non2xx_rate",
                  "failed_rate", "unfinished", "unfinished_age_ms", "duration_s", "rps", "bytes_read",
                  "bytes_written", "body_bytes", "connections", "reconnects", "connections_per_s", "open_s",
                  "connect_failures", "interrupted"}));
  EXPECT_EQ(keys_of(j["latency_us"]), (Keys{"min", "mean", "stdev", "max", "p50", "p75", "p90",
                                            "p95", "p99", "p99_9", "p99_99"}));
  EXPECT_EQ(keys_of(j["errors"]), (Keys{"connect", "timeout", "reset", "protocol", "tls"}));
  EXPECT_EQ(keys_of(j["phases_us"]), (Keys{"connect", "tls", "queue", "wait", "read", "handshakes"}));
  for (const auto& [name, phase] : j["phases_us"].items()) {
    EXPECT_EQ(keys_of(phase), (Keys{"count", "total", "mean", "min", "max"})) << name;
  }
  EXPECT_EQ(j["summary"]["unfinished_age_ms"], (json{{"max", 0.0}, {"p50", 0.0}, {"all_ns", json::array()}}));  // none in flight
  EXPECT_EQ(keys_of(j["histogram"]),
            (Keys{"unit", "significant_digits", "highest_trackable", "overflow", "min", "max",
                  "sum_ns", "sum_squares_ns2", "buckets"}));
  EXPECT_TRUE(j["status_codes"].is_object());
  EXPECT_TRUE(j["error_messages"].is_object());
}

TEST(JsonReport, ValuesOfAHandBuiltRun) {
  const json j = to_json(config_of_test(), three_responses());
  EXPECT_EQ(j["schema_version"], 2);
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
  EXPECT_EQ(s["non2xx"], 1);
  // stats::OutcomeCounts over the 4 requests: 1 timeout; 1 404; failed = timeout + 404.
  EXPECT_DOUBLE_EQ(s["error_rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(s["non2xx_rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(s["failed_rate"].get<double>(), 0.5);
  // Exact, every age kept, and every age written (merge pools them).
  EXPECT_EQ(s["unfinished_age_ms"], (json{{"max", 50.0}, {"p50", 30.0},
                                           {"all_ns", {40'000'000, 10'000'000, 30'000'000, 20'000'000, 50'000'000}}}));
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
  EXPECT_DOUBLE_EQ(j["phases_us"]["wait"]["total"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(j["config"]["drain_s"].get<double>(), 0.0);
  EXPECT_EQ(j["phases_us"]["connect"]["count"], 0);
  EXPECT_EQ(j["histogram"]["buckets"].size(), 3u);
}

TEST(JsonReport, ConnectErrorsFromOnlyWhenAReconnectFailed) {
  RunResult r = three_responses();
  EXPECT_FALSE(to_json(config_of_test(), r)["summary"].contains("connect_errors_from_s"));
  r.connect_errors_from_s = 1.5;
  EXPECT_DOUBLE_EQ(to_json(config_of_test(), r)["summary"]["connect_errors_from_s"].get<double>(), 1.5);
}

TEST(JsonReport, TlsOnlyForHttps) {
  RunResult r = three_responses();
  r.totals.counters.tls_version = "TLSv1.3";
  r.totals.counters.tls_full = 3;
  r.totals.counters.tls_resumed = 1;
  EXPECT_FALSE(to_json(config_of_test(), RunResult{})["summary"].contains("tls"));
  Config https = config_of_test();
  https.url = "HTTPS://127.0.0.1:8443/";  // the scheme is case-insensitive
  const json tls = to_json(https, r)["summary"]["tls"];
  EXPECT_EQ(tls, (json{{"version", "TLSv1.3"}, {"handshakes_full", 3}, {"handshakes_resumed", 1}}));
  // Every handshake failed: the member is still there, saying so.
  EXPECT_EQ(to_json(https, RunResult{})["summary"]["tls"]["handshakes_full"], 0);
}

// --label names the client and --start-at says when its clock was asked to start and how late
// it did; without them the label and start_at are null and start_late_ms is absent.
TEST(JsonReport, LabelAndStartAt) {
  Config c = config_of_test();
  RunResult r;
  ReportOptions options;
  EXPECT_TRUE(to_json(c, r, options)["label"].is_null());
  EXPECT_FALSE(to_json(c, r, options)["summary"].contains("start_late_ms"));
  options.label = "client-7";
  c.start_at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + std::chrono::hours{21} +
               std::chrono::milliseconds{250};
  r.start_late_s = 0.0125;
  const json j = to_json(c, r, options);
  EXPECT_EQ(j["label"], "client-7");
  EXPECT_EQ(j["config"]["start_at"], "2026-11-30T21:00:00.250000Z");
  EXPECT_DOUBLE_EQ(j["summary"]["start_late_ms"].get<double>(), 12.5);
}

TEST(JsonReport, DurationWhenGiven) {
  Config c = config_of_test();
  c.requests.reset();
  c.duration = std::chrono::seconds(10);
  const json j = to_json(c, RunResult{});
  EXPECT_TRUE(j["config"]["requests"].is_null());
  EXPECT_DOUBLE_EQ(j["config"]["duration_s"].get<double>(), 10.0);
}

// Every number finite and no null anywhere outside the documented ones: the violation level's
// open upper bound, and for a plain-http closed-loop run config.tls, config.rate, config.arrivals
// config.seed, without --stages config.stages, without --start-at config.start_at and without
// --label the label.
void expect_no_null_or_non_finite(const json& j, const std::string& path) {
  if (j.is_structured()) {
    for (const auto& [key, value] : j.items()) {
      expect_no_null_or_non_finite(value, path + "/" + key);
    }
    return;
  }
  if (path == "/slo/levels/10/upper_ms" || path == "/config/tls" || path == "/config/rate" ||
      path == "/config/arrivals" || path == "/config/seed" || path == "/config/stages" ||
      path == "/config/start_at" || path == "/label") {
    EXPECT_TRUE(j.is_null());
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
  r.started_at = std::chrono::system_clock::now();
  const json j = to_json(c, r);
  expect_no_null_or_non_finite(j, "");
  EXPECT_EQ(j["summary"]["rps"], 0.0);
  EXPECT_EQ(j["latency_us"]["stdev"], 0.0);
  EXPECT_TRUE(j["histogram"]["buckets"].empty());
}

// ---- issue 3: insights, slo, thresholds, intervals -------------------------------------------

// Written, dumped to text and parsed back, as a consumer reads it.
json round_trip(const RunResult& r, const ReportOptions& options = {}) {
  return json::parse(to_json(config_of_test(), r, options).dump());
}

const char* severity_text(Severity s) {
  switch (s) {
    case Severity::good: return "good";
    case Severity::notice: return "notice";
    case Severity::warning: return "warning";
    case Severity::bad: return "bad";
  }
  return "?";
}

TEST(JsonReport, InsightsMirrorComputeInsights) {
  const RunResult r = three_responses();  // one timeout and a 404: a failed_rate insight too
  const std::vector<Insight> expected = compute_insights(r);
  const json insights = round_trip(r)["insights"];
  ASSERT_TRUE(insights.is_array());
  ASSERT_EQ(insights.size(), expected.size());
  ASSERT_FALSE(expected.empty());
  bool failed_rate_seen = false;
  for (size_t i = 0; i < expected.size(); ++i) {
    const json& got = insights[i];
    EXPECT_EQ(keys_of(got), (Keys{"key", "label", "value", "verdict", "severity", "detail"}));
    EXPECT_EQ(got["key"], expected[i].key);
    EXPECT_EQ(got["label"], expected[i].label);
    EXPECT_DOUBLE_EQ(got["value"].get<double>(), expected[i].value);
    EXPECT_EQ(got["verdict"], expected[i].verdict);
    EXPECT_EQ(got["severity"], severity_text(expected[i].severity));
    EXPECT_EQ(got["detail"], expected[i].detail);
    failed_rate_seen |= got["key"] == "failed_rate";
  }
  EXPECT_TRUE(failed_rate_seen);
}

TEST(JsonReport, SloLevelsAndTargets) {
  const RunResult r = three_responses();  // 1, 2 and 3 ms
  ReportOptions options;
  options.slo.targets = {{50, 1'000'000}, {99, 50'000'000}};
  const json slo = round_trip(r, options)["slo"];
  EXPECT_EQ(keys_of(slo), (Keys{"levels", "targets"}));

  const SloThresholds thresholds = slo_thresholds(r.totals.latency, options.slo);
  const json& levels = slo["levels"];
  ASSERT_EQ(levels.size(), size_t(slo_level_count));
  for (size_t i = 0; i + 1 < levels.size(); ++i) {
    EXPECT_EQ(levels[i]["name"], band_label(static_cast<SloLevel>(i), thresholds)) << i;
    EXPECT_DOUBLE_EQ(levels[i]["upper_ms"].get<double>(), double(thresholds.upper_ns[i]) / 1e6)
        << i;
  }
  // Named by what the bound is, never by a verdict.
  EXPECT_EQ(levels[2], (json{{"name", "SLO p50"}, {"from_slo", true}, {"upper_ms", 1.0}}));
  EXPECT_EQ(levels[5]["name"], "p95");
  EXPECT_EQ(levels[5]["from_slo"], false);
  EXPECT_EQ(levels[10], (json{{"name", "above"}, {"from_slo", false}, {"upper_ms", nullptr}}));

  const json& targets = slo["targets"];
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(keys_of(targets[0]), (Keys{"percentile", "limit_ms", "measured_ms", "pass"}));
  EXPECT_DOUBLE_EQ(targets[0]["percentile"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(targets[0]["limit_ms"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(targets[0]["measured_ms"].get<double>(),
                   double(r.totals.latency.percentile(50)) / 1e6);
  EXPECT_NEAR(targets[0]["measured_ms"].get<double>(), 2.0, 0.01);
  EXPECT_EQ(targets[0]["pass"], false);  // 2 ms > 1 ms
  EXPECT_DOUBLE_EQ(targets[1]["percentile"].get<double>(), 99.0);
  EXPECT_DOUBLE_EQ(targets[1]["limit_ms"].get<double>(), 50.0);
  EXPECT_EQ(targets[1]["pass"], true);  // 3 ms <= 50 ms

  EXPECT_TRUE(round_trip(r)["slo"]["targets"].empty());  // no --slo: run-relative levels only
  EXPECT_EQ(round_trip(r)["slo"]["levels"].size(), size_t(slo_level_count));
}

TEST(JsonReport, ThresholdsInTheMetricsJsonUnit) {
  const RunResult r = three_responses();  // 1.5 req/s, error_rate 1/4
  ReportOptions options;
  options.thresholds = evaluate_thresholds(
      {parse_threshold("p99 < 20ms"), parse_threshold("rps>=2"),
       parse_threshold("error_rate <= 30%")},
      r);
  const json t = round_trip(r, options)["thresholds"];
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(keys_of(t[0]), (Keys{"expression", "metric", "measured", "limit", "pass"}));
  EXPECT_EQ(t[0]["expression"], "p99 < 20ms");
  EXPECT_EQ(t[0]["metric"], "p99");
  EXPECT_NEAR(t[0]["measured"].get<double>(), 3.0, 0.01);  // latency in ms, like slo
  EXPECT_DOUBLE_EQ(t[0]["limit"].get<double>(), 20.0);
  EXPECT_EQ(t[0]["pass"], true);
  EXPECT_EQ(t[1]["expression"], "rps>=2");
  EXPECT_EQ(t[1]["metric"], "rps");
  EXPECT_DOUBLE_EQ(t[1]["measured"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(t[1]["limit"].get<double>(), 2.0);
  EXPECT_EQ(t[1]["pass"], false);
  EXPECT_EQ(t[2]["metric"], "error_rate");
  EXPECT_DOUBLE_EQ(t[2]["measured"].get<double>(), 0.25);  // a fraction, not percent
  EXPECT_DOUBLE_EQ(t[2]["limit"].get<double>(), 0.3);
  EXPECT_EQ(t[2]["pass"], true);
  EXPECT_TRUE(round_trip(r)["thresholds"].empty());
}

stats::IntervalSummary interval_of(uint32_t index, double start_s, double end_s) {
  stats::IntervalSummary i;
  i.index = index;
  i.start_s = start_s;
  i.end_s = end_s;
  i.responses = 1000 + index;
  i.errors[static_cast<size_t>(ErrorClass::timeout)] = index;
  i.errors[static_cast<size_t>(ErrorClass::tls)] = 7;
  i.p50_ns = 1'234'567 + index;  // odd nanoseconds: ms must carry them exactly
  i.p90_ns = 2'000'001;
  i.p99_ns = 9'999'999;
  i.max_ns = stats::Histogram::highest_trackable_ns;
  return i;
}

// Reads an interval back the way an NDJSON consumer would.
stats::IntervalSummary interval_from(const json& j) {
  stats::IntervalSummary i;
  const auto ns = [](const json& ms) { return uint64_t(std::llround(ms.get<double>() * 1e6)); };
  i.index = j.at("index").get<uint32_t>();
  i.start_s = j.at("start_s").get<double>();
  i.end_s = j.at("end_s").get<double>();
  i.responses = j.at("responses").get<uint64_t>();
  for (int c = 0; c < stats::error_class_count; ++c) {
    i.errors[size_t(c)] = j.at("errors").at(stats::name_of(ErrorClass(c))).get<uint64_t>();
  }
  i.p50_ns = ns(j.at("latency_ms").at("p50"));
  i.p90_ns = ns(j.at("latency_ms").at("p90"));
  i.p99_ns = ns(j.at("latency_ms").at("p99"));
  i.max_ns = ns(j.at("latency_ms").at("max"));
  return i;
}

TEST(JsonReport, IntervalJsonShape) {
  const json j = interval_json(interval_of(2, 2.0, 2.5));
  std::vector<std::string> order;
  for (const auto& [key, value] : j.items()) order.push_back(key);
  EXPECT_EQ(order, (std::vector<std::string>{"type", "index", "start_s", "end_s", "responses",
                                             "rps", "errors", "latency_ms"}));
  EXPECT_EQ(j["type"], "interval");
  EXPECT_DOUBLE_EQ(j["rps"].get<double>(), 2004.0);  // 1002 responses in 0.5 s
  EXPECT_EQ(j["errors"], (json{{"connect", 0}, {"timeout", 2}, {"reset", 0}, {"protocol", 0},
                               {"tls", 7}}));
  EXPECT_EQ(keys_of(j["latency_ms"]), (Keys{"p50", "p90", "p99", "max"}));
  EXPECT_DOUBLE_EQ(j["latency_ms"]["p90"].get<double>(), 2.000001);
  EXPECT_EQ(interval_json(interval_of(0, 1.0, 1.0))["rps"], 0.0);  // empty slice: 0, not NaN
}

TEST(JsonReport, IntervalsRoundTripThroughText) {
  RunResult r = three_responses();
  r.intervals = {interval_of(0, 0.0, 1.0), interval_of(1, 1.0, 2.0), interval_of(2, 2.0, 2.25)};
  const json intervals = round_trip(r)["intervals"];
  ASSERT_EQ(intervals.size(), 3u);
  for (size_t k = 0; k < intervals.size(); ++k) {
    EXPECT_EQ(intervals[k], json::parse(interval_json(r.intervals[k]).dump())) << k;
    const stats::IntervalSummary back = interval_from(intervals[k]);
    const stats::IntervalSummary& want = r.intervals[k];
    EXPECT_EQ(back.index, want.index);
    EXPECT_DOUBLE_EQ(back.start_s, want.start_s);
    EXPECT_DOUBLE_EQ(back.end_s, want.end_s);
    EXPECT_EQ(back.responses, want.responses);
    EXPECT_EQ(back.errors, want.errors);
    EXPECT_EQ(back.p50_ns, want.p50_ns) << k;
    EXPECT_EQ(back.p90_ns, want.p90_ns);
    EXPECT_EQ(back.p99_ns, want.p99_ns);
    EXPECT_EQ(back.max_ns, want.max_ns);
    EXPECT_DOUBLE_EQ(intervals[k]["rps"].get<double>(), want.rps());
  }
  EXPECT_TRUE(round_trip(RunResult{})["intervals"].empty());
}

}  // namespace
}  // namespace ringbench::report

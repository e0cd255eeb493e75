// What an open-loop (--rate) run adds to the text report, the JSON, the CSV and compare, from
// hand-built results; a closed-loop run shows none of it (the golden tests pin its text).
#include <gtest/gtest.h>

#include <sstream>

#include "compare_fixture.h"
#include "ringbench/report/csv_report.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/text_report.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;
constexpr uint64_t open_ms = 1'000'000;

Config rate_config(double rate) {
  Config c;
  c.url = "http://127.0.0.1:8080/";
  c.concurrency = 4;
  c.requests = 1000;
  c.rate = rate;
  c.arrivals = Arrivals::poisson;
  c.seed = 7;
  return c;
}

// 1000 requests at 2000/s in 0.5 s: latency 2..3 ms from the intended start, 1 ms of it
// service; 40 waited for a connection, at most 6 at once; send lags of 10 and 20 us.
stats::RunResult rate_run() {
  stats::RunResult r;
  r.duration_s = 0.5;
  r.threads = 1;
  auto& t = r.totals;
  for (int i = 0; i < 1000; ++i) {
    t.latency.record(2 * open_ms + uint64_t(i) * 1000);
    t.service_time.record(open_ms);
    t.counters.count_status(200);
    t.phases.queue.record(uint64_t(i) * 1000);
    t.phases.wait.record(2 * open_ms);
  }
  for (int i = 0; i < 960; ++i) t.send_lag.record(i < 480 ? 10'000 : 20'000);
  t.counters.responses = 1000;
  t.counters.scheduled = 1000;
  t.counters.waited_for_connection = 40;
  t.counters.max_client_queue = 6;
  t.counters.connections = 4;
  return r;
}

std::string rate_text(const Config& c, const stats::RunResult& r) {
  std::ostringstream out;
  write_text(out, c, r);
  return out.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(OpenLoopText, ShowsTheScheduleServiceTimeAndQueue) {
  const std::string text = rate_text(rate_config(2000), rate_run());
  EXPECT_TRUE(has(text, "Open loop (latency counts from each request's intended start):\n")) << text;
  EXPECT_TRUE(has(text, "  Rate:         target 2000/s, achieved 2000/s (100.00%), 1000 scheduled\n")) << text;
  EXPECT_TRUE(has(text, "  Send lag:     p50 0.010 ms, p99 0.020 ms, max 0.020 ms")) << text;
  EXPECT_TRUE(has(text, "  Waited:       40 requests waited for a free connection, largest client queue 6\n")) << text;
  EXPECT_TRUE(has(text, "  service time (actual send to last byte): p50 = 1.00 ms, p90 = 1.00 ms, p99 = 1.00 ms, "
                        "max = 1.00 ms\n"))
      << text;
  EXPECT_TRUE(has(text, "  queue:      ")) << text;
  EXPECT_FALSE(has(text, "Behind schedule")) << text;
}

TEST(OpenLoopText, SaysInOneLineWhenTheClientFellBehind) {
  stats::RunResult r = rate_run();
  r.totals.send_lag.record(5 * open_ms, 100);  // p99 5 ms > 1 ms
  const std::string text = rate_text(rate_config(2000), r);
  const size_t at = text.find("Behind schedule: the client could not keep its schedule: send lag p99 ");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_NE(text.find("ms allowed (max of 1 ms and 10% of the latency p50)\n", at), std::string::npos) << text;
  EXPECT_EQ(text.find("Behind schedule", at + 1), std::string::npos);  // one line only
}

TEST(OpenLoopText, AClosedLoopRunHasNoneOfIt) {
  Config closed = rate_config(2000);
  closed.rate.reset();
  const std::string text = rate_text(closed, rate_run());
  for (const char* part : {"Open loop", "service time", "queue:", "Behind schedule", "Send lag"}) {
    EXPECT_FALSE(has(text, part)) << part << "\n" << text;
  }
}

TEST(OpenLoopJson, ClientServiceTimeAndQueueForARateRun) {
  stats::RunResult r = rate_run();
  const json j = to_json(rate_config(2000), r);
  EXPECT_EQ(j["schema_version"], 2);
  EXPECT_EQ(j["config"]["rate"], 2000.0);
  EXPECT_EQ(j["config"]["arrivals"], "poisson");
  EXPECT_EQ(j["config"]["seed"], 7);
  std::vector<std::string> order;
  for (const auto& [key, value] : j.items()) order.push_back(key);
  EXPECT_EQ(order, (std::vector<std::string>{"schema_version", "tool", "started_at", "label", "config", "machine",
                                             "summary", "client", "latency_us", "service_time_us", "status_codes", "errors",
                                             "error_messages", "phases_us", "histogram", "service_time_histogram",
                                             "send_lag_histogram", "insights", "slo", "thresholds", "intervals"}));
  // Written exactly, like the latency histogram, so merge adds them bucket for bucket.
  EXPECT_EQ(histogram_from_json(j["service_time_histogram"]).percentile(99), r.totals.service_time.percentile(99));
  EXPECT_EQ(histogram_from_json(j["send_lag_histogram"]).count(), r.totals.send_lag.count());
  std::vector<std::string> latency_keys, service_keys;
  for (const auto& [key, value] : j["latency_us"].items()) latency_keys.push_back(key);
  for (const auto& [key, value] : j["service_time_us"].items()) service_keys.push_back(key);
  EXPECT_EQ(service_keys, latency_keys);
  EXPECT_NEAR(j["service_time_us"]["p50"].get<double>(), 1000, 1);
  const json& client = j["client"];
  EXPECT_EQ(client["scheduled"], 1000);
  EXPECT_EQ(client["waited_for_connection"], 40);
  EXPECT_EQ(client["max_client_queue"], 6);
  EXPECT_EQ(client["target_rate"], 2000.0);
  EXPECT_DOUBLE_EQ(client["achieved_rate"].get<double>(), 2000.0);
  EXPECT_NEAR(client["send_lag_us"]["p50"].get<double>(), 10, 0.1);
  EXPECT_NEAR(client["send_lag_us"]["p99"].get<double>(), 20, 0.1);
  EXPECT_EQ(client["behind_schedule"], false);
  EXPECT_TRUE(client["behind_schedule_reason"].is_null());
  EXPECT_EQ(j["phases_us"]["queue"]["count"], 1000);

  r.totals.send_lag.record(5 * open_ms, 100);
  const json behind = to_json(rate_config(2000), r)["client"];
  EXPECT_EQ(behind["behind_schedule"], true);
  EXPECT_NE(behind["behind_schedule_reason"].get<std::string>().find("send lag p99"), std::string::npos);
}

TEST(OpenLoopJson, AClosedLoopRunHasNoClientOrServiceTime) {
  Config closed = rate_config(2000);
  closed.rate.reset();
  const json j = to_json(closed, rate_run());
  EXPECT_FALSE(j.contains("client"));
  EXPECT_FALSE(j.contains("service_time_us"));
  EXPECT_TRUE(j["config"]["rate"].is_null());
  EXPECT_TRUE(j["config"]["arrivals"].is_null());
  EXPECT_TRUE(j["config"]["seed"].is_null());
  EXPECT_EQ(j["phases_us"]["queue"]["count"], 1000);  // whatever the stats hold, written as is
}

// A rate run that never started (nothing reachable): no schedule missed, no nan anywhere.
TEST(OpenLoopJson, ARunThatNeverStartedIsNotBehind) {
  const stats::RunResult empty;
  const json client = to_json(rate_config(2000), empty)["client"];
  EXPECT_EQ(client["achieved_rate"], 0.0);
  EXPECT_EQ(client["scheduled"], 0);
  EXPECT_EQ(client["behind_schedule"], false);
  EXPECT_EQ(client["send_lag_us"], (json{{"p50", 0.0}, {"p99", 0.0}, {"max", 0.0}}));
  const std::string text = rate_text(rate_config(2000), empty);
  EXPECT_FALSE(has(text, "Behind schedule")) << text;
  EXPECT_FALSE(has(text, "nan")) << text;
  EXPECT_TRUE(has(text, "  Send lag:     none measured")) << text;
}

TEST(OpenLoopCsv, AddsTheServiceTimeColumn) {
  std::ostringstream rate, closed;
  write_csv(rate, rate_config(2000), rate_run());
  EXPECT_EQ(rate.str().rfind("percentile,latency_ms,service_time_ms\np10,", 0), 0u) << rate.str();
  EXPECT_TRUE(has(rate.str(), "\nmax,2.999,1\n")) << rate.str();
  Config c = rate_config(2000);
  c.rate.reset();
  write_csv(closed, c, rate_run());
  EXPECT_EQ(closed.str().rfind("percentile,latency_ms\np10,", 0), 0u) << closed.str();
}

json rate_document(std::optional<double> rate, const char* arrivals = "constant") {
  json doc = compare_test::document({});
  doc["config"]["rate"] = rate ? json(*rate) : json(nullptr);
  doc["config"]["arrivals"] = rate ? json(arrivals) : json(nullptr);
  return doc;
}

TEST(OpenLoopCompare, OpenAgainstClosedLoopIsRefusedEvenWithForce) {
  for (bool force : {false, true}) {
    const auto c = compare_test::compare(rate_document(20'000), rate_document(std::nullopt), {}, force);
    EXPECT_EQ(c.outcome.verdict, CompareVerdict::not_comparable) << force;
    EXPECT_FALSE(c.outcome.forceable);
    EXPECT_TRUE(has(c.outcome.reason, "the base run is open-loop (--rate 20000/s) and the current one closed-loop"))
        << c.outcome.reason;
    EXPECT_EQ(c.text.find("requests/s"), std::string::npos) << c.text;  // no table
  }
  json old = rate_document(std::nullopt);
  old["schema_version"] = 1;
  old["config"].erase("arrivals");  // a report from before --rate: closed loop
  EXPECT_EQ(compare_test::compare(old, rate_document(5000)).outcome.verdict, CompareVerdict::not_comparable);
}

TEST(OpenLoopCompare, DifferentRatesOrArrivalsNeedForce) {
  const auto rates = compare_test::compare(rate_document(20'000), rate_document(10'000));
  EXPECT_EQ(rates.outcome.verdict, CompareVerdict::not_comparable);
  EXPECT_TRUE(rates.outcome.forceable);
  EXPECT_TRUE(has(rates.text, "not comparable: rate 20000 vs 10000\n")) << rates.text;
  const auto arrivals = compare_test::compare(rate_document(20'000), rate_document(20'000, "poisson"));
  EXPECT_TRUE(has(arrivals.text, "not comparable: arrivals constant vs poisson\n")) << arrivals.text;
  const auto forced = compare_test::compare(rate_document(20'000), rate_document(10'000), {}, true);
  EXPECT_EQ(forced.outcome.verdict, CompareVerdict::ok) << forced.text;
  EXPECT_EQ(compare_test::compare(rate_document(20'000), rate_document(20'000)).outcome.verdict, CompareVerdict::ok);
}

}  // namespace
}  // namespace ringbench::report

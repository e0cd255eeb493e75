// What every run's JSON records so that two runs can be told comparable or not (issue 11
// item 12): start time, request body size, TLS settings, rate, machine.
#include "ringbench/report/run_context.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cctype>
#include <string>
#include <string_view>

#include "ringbench/report/json_report.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;
using std::chrono::system_clock;

// "2026-11-30T12:00:00.123456Z": digits where the template has 0, the rest verbatim.
bool is_utc_micros(const std::string& text) {
  constexpr std::string_view shape = "0000-00-00T00:00:00.000000Z";
  if (text.size() != shape.size()) return false;
  for (size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (shape[i] == '0' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

// 2026-11-30T12:00:00Z
constexpr int64_t noon_s = 1'796'040'000;

TEST(RunContext, StartTimeIsUtcToTheMicrosecond) {
  const system_clock::time_point at = system_clock::time_point(std::chrono::seconds(noon_s)) +
                                      std::chrono::nanoseconds(123'456'789);
  EXPECT_EQ(utc_timestamp(at), "2026-11-30T12:00:00.123456Z");  // truncated, not rounded
  EXPECT_EQ(utc_timestamp(system_clock::time_point(std::chrono::seconds(noon_s))),
            "2026-11-30T12:00:00.000000Z");
  EXPECT_EQ(utc_timestamp(at + std::chrono::hours(12)), "2026-12-01T00:00:00.123456Z");
  EXPECT_TRUE(started_at_json(system_clock::time_point{}).is_null());  // unknown
  EXPECT_EQ(started_at_json(at), "2026-11-30T12:00:00.123456Z");
}

TEST(RunContext, ARunsJsonRecordsWhatMakesItComparable) {
  Config config;
  config.url = "http://127.0.0.1:8080/";
  config.body = "hello";
  stats::RunResult result;
  result.started_at = system_clock::time_point(std::chrono::seconds(noon_s));
  result.machine = {.cpus = 6, .memory_mb = 32'000, .kernel = "6.1.0-18-amd64"};
  const json j = to_json(config, result);
  EXPECT_EQ(j["started_at"], "2026-11-30T12:00:00.000000Z");
  EXPECT_EQ(j["machine"], (json{{"cpus", 6}, {"memory_mb", 32'000}, {"kernel", "6.1.0-18-amd64"}}));
  EXPECT_EQ(j["config"]["request_body_bytes"], 5);
  EXPECT_TRUE(j["config"]["tls"].is_null());   // plain http
  EXPECT_TRUE(j["config"]["rate"].is_null());  // closed loop: no --rate
  EXPECT_TRUE(j["config"]["arrivals"].is_null());
  EXPECT_TRUE(j["config"]["seed"].is_null());
  EXPECT_EQ(j["config"]["keepalive"], true);
}

TEST(RunContext, HttpsRecordsItsTlsSettings) {
  Config config;
  config.url = "HTTPS://127.0.0.1:8443/";  // the scheme is case-insensitive
  config.tls.min_version = "1.3";
  config.tls.resume = false;
  EXPECT_EQ(comparability_config_json(config)["tls"],
            (json{{"min_version", "1.3"}, {"max_version", "1.3"}, {"resume", false}}));
}

TEST(RunContext, ProbedMachineIsPlausible) {
  const Machine m = probe_machine();
  EXPECT_GE(m.cpus, 1u);
  EXPECT_GT(m.memory_mb, 0u);
  EXPECT_FALSE(m.kernel.empty());
  EXPECT_TRUE(is_utc_micros(utc_timestamp(system_clock::now())));
}

}  // namespace
}  // namespace ringbench::report

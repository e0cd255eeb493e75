// `ringbench compare` on reports written by real runs against `ringbench serve` (issue 11
// items 3 and 12): what a run records, refusal of runs that differ, non-2xx, noise.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>
#include <string_view>

#include "child_process.h"
#include "target.h"

using namespace ringbench::testing;

namespace {

nlohmann::ordered_json read_json(const std::string& path) {
  nlohmann::ordered_json doc;
  std::ifstream(path) >> doc;
  return doc;
}

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

std::string temp_path(const std::string& name) { return ::testing::TempDir() + "/rb-compare-" + name + ".json"; }

size_t lines_in(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST(CliCompare, ARunRecordsWhatMakesItComparable) {
  Target target;
  const std::string path = temp_path("context");
  ASSERT_EQ(run_ringbench({"-n", "200", "-c", "2", "-d", "hello", "--json-path", path, target.url()}).exit_code, 0);
  const nlohmann::ordered_json doc = read_json(path);
  EXPECT_TRUE(is_utc_micros(doc["started_at"].get<std::string>()))
      << doc["started_at"];
  EXPECT_GE(doc["machine"]["cpus"].get<int>(), 1);
  EXPECT_GT(doc["machine"]["memory_mb"].get<int>(), 0);
  EXPECT_FALSE(doc["machine"]["kernel"].get<std::string>().empty());
  EXPECT_EQ(doc["config"]["request_body_bytes"], 5);
  EXPECT_TRUE(doc["config"]["tls"].is_null());
  EXPECT_TRUE(doc["config"]["rate"].is_null());
}

TEST(CliCompare, RunsWithAnotherConcurrencyAreRefused) {
  Target target;
  const std::string c4 = temp_path("c4"), c2 = temp_path("c2");
  ASSERT_EQ(run_ringbench({"-n", "300", "-c", "4", "--json-path", c4, target.url()}).exit_code, 0);
  ASSERT_EQ(run_ringbench({"-n", "300", "-c", "2", "--json-path", c2, target.url()}).exit_code, 0);
  const ChildResult refused = run_ringbench({"compare", c4, c2});
  EXPECT_EQ(refused.exit_code, 5) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("not comparable: concurrency 4 vs 2\n"), std::string::npos) << refused.out;
  EXPECT_EQ(lines_in(refused.err), 1u) << refused.err;
  const ChildResult forced = run_ringbench({"compare", c4, c2, "--force"});
  EXPECT_NE(forced.exit_code, 5) << forced.out;
  EXPECT_NE(forced.out.find("note: compared despite concurrency 4 vs 2 (--force)"), std::string::npos)
      << forced.out;
}

TEST(CliCompare, AllNotFoundIsARegressionWithItsOwnLimit) {
  Target target;
  const std::string base = temp_path("ok"), current = temp_path("404");
  ASSERT_EQ(run_ringbench({"-n", "300", "-c", "2", "--json-path", base, target.url()}).exit_code, 0);
  nlohmann::ordered_json doc = read_json(base);
  const auto responses = doc["summary"]["responses"].get<uint64_t>();
  doc["status_codes"] = {{"404", responses}};  // the same run, had every answer been a 404
  std::ofstream(current) << doc.dump();
  const ChildResult r = run_ringbench({"compare", base, current});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("regression: non-2xx rate 0.00% -> 100.00%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("404 Not Found 0.00% -> 100.00%"), std::string::npos) << r.out;
  EXPECT_EQ(run_ringbench({"compare", base, current, "--max-regression", "non2xx_rate=100%"}).exit_code, 0);
  const ChildResult bad = run_ringbench({"compare", base, current, "--max-regression", "non2xx=1%"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("non2xx_rate"), std::string::npos) << bad.err;  // the known keys are listed
}

TEST(CliCompare, InterruptedRunIsComparedWithAWarning) {
  Target target;
  const std::string path = temp_path("interrupted");
  // SIGINT once the target has answered requests, well before the 30 s deadline: the report
  // is still written (exit 130).
  ASSERT_EQ(run_ringbench({"-z", "30s", "-c", "2", "--json-path", path, target.url()},
                          interrupted_when([&](const ChildResult&) { return target.served() > 100; }))
                .exit_code,
            130);
  const ChildResult r = run_ringbench({"compare", path, path});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("warning: the base run was interrupted: it ran "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("of the planned 30 s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("warning: the current run was interrupted"), std::string::npos) << r.out;
}

TEST(CliCompare, TimedRunsAreJudgedAgainstTheirNoise) {
  Target target;
  const std::string a = temp_path("timed-a"), b = temp_path("timed-b");
  // 4 s: at least three whole one-second intervals per run, the minimum for a spread.
  ASSERT_EQ(run_ringbench({"-z", "4s", "-c", "2", "--json-path", a, target.url()}).exit_code, 0);
  ASSERT_EQ(run_ringbench({"-z", "4s", "-c", "2", "--json-path", b, target.url()}).exit_code, 0);
  const ChildResult r = run_ringbench({"compare", a, b});
  // Two runs of one server may still differ for real on a busy machine: the verdict is not
  // asserted, only that the noise was assessed from the intervals.
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.out << r.err;
  EXPECT_NE(r.out.find("noise: ±2 combined standard errors of the per-second values ("), std::string::npos)
      << r.out;
  // A -n run this short has no three whole seconds: the limits alone decide.
  const std::string n = temp_path("short");
  ASSERT_EQ(run_ringbench({"-n", "100", "-c", "2", "--json-path", n, target.url()}).exit_code, 0);
  EXPECT_NE(run_ringbench({"compare", n, n}).out.find("noise: not assessed"), std::string::npos);
}

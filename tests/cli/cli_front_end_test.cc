// Issue 3's front end as a user meets it: terminal vs pipe, thresholds, SLO, NDJSON, CSV, compare.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "child_process.h"
#include "target.h"

using namespace ringbench::testing;

namespace {

bool has_escape(const std::string& s) { return s.find('\x1b') != std::string::npos; }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(CliFrontEnd, OnATerminalProgressAndColourAppear) {
  Target target;
  const ChildResult r = run_ringbench({"-z", "1s", "-c", "4", target.url()}, on_terminal({"LANG=C.UTF-8", "LC_ALL=C.UTF-8"}));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("req/s (avg"), std::string::npos) << r.out;  // the progress line
  EXPECT_NE(r.out.find("\x1b[38;5;"), std::string::npos) << r.out;  // 256-colour bars
  EXPECT_NE(r.out.find("Insight"), std::string::npos) << r.out;
}

TEST(CliFrontEnd, PipedOutputHasNeitherProgressNorColour) {
  Target target;
  const ChildResult r = run_ringbench({"-z", "1s", "-c", "4", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(has_escape(r.out)) << r.out;
  EXPECT_EQ(r.out.find('\r'), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;  // no progress line on a non-terminal stderr
  EXPECT_NE(r.out.find("Insight"), std::string::npos) << r.out;
}

TEST(CliFrontEnd, NoColorAndFlagsSilenceATerminal) {
  Target target;
  const ChildResult env = run_ringbench({"-n", "200", "-c", "4", target.url()}, on_terminal({"NO_COLOR=1"}));
  EXPECT_EQ(env.exit_code, 0);
  EXPECT_FALSE(has_escape(env.out)) << env.out;
  const ChildResult flags = run_ringbench({"-n", "200", "-c", "4", "--no-color", "--no-progress", target.url()}, on_terminal());
  EXPECT_EQ(flags.exit_code, 0);
  EXPECT_FALSE(has_escape(flags.out)) << flags.out;
  EXPECT_EQ(flags.out.find("req/s (avg"), std::string::npos) << flags.out;
}

TEST(CliFrontEnd, FailedThresholdExitsFourAfterTheReport) {
  Target target;
  const ChildResult fail = run_ringbench({"-n", "200", "-c", "4", "--threshold", "p99 < 1ns", "--threshold", "rps > 1", target.url()});
  EXPECT_EQ(fail.exit_code, 4) << fail.err;
  EXPECT_NE(fail.out.find("FAIL"), std::string::npos) << fail.out;
  EXPECT_NE(fail.out.find("PASS"), std::string::npos) << fail.out;
  const ChildResult pass = run_ringbench({"-n", "200", "-c", "4", "--threshold", "error_rate <= 1%", target.url()});
  EXPECT_EQ(pass.exit_code, 0) << pass.out;
}

TEST(CliFrontEnd, BadSloAndThresholdAreUsageErrors) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--slo", "p99=fast", "http://127.0.0.1:1/"},
           {"--slo", "p99", "http://127.0.0.1:1/"},
           {"--threshold", "p99 << 20ms", "http://127.0.0.1:1/"},
           {"--threshold", "latency < 20ms", "http://127.0.0.1:1/"},
           {"--hist-bins", "0", "http://127.0.0.1:1/"}}) {
    const ChildResult r = run_ringbench(args);
    EXPECT_EQ(r.exit_code, 2) << args[1] << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(CliFrontEnd, NdjsonStreamsIntervalsThenTheDocument) {
  Target target;
  const ChildResult r = run_ringbench({"-z", "2s", "-c", "4", "-o", "ndjson", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 3u) << r.out;
  uint64_t interval_responses = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const nlohmann::json interval = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(interval["type"], "interval");
    EXPECT_EQ(interval["index"], i);
    interval_responses += interval["responses"].get<uint64_t>();
  }
  const nlohmann::json doc = nlohmann::json::parse(lines.back());
  EXPECT_EQ(doc["schema_version"], 2);
  EXPECT_EQ(doc["summary"]["responses"].get<uint64_t>(), interval_responses);
  EXPECT_EQ(doc["intervals"].size(), lines.size() - 1);
}

TEST(CliFrontEnd, CsvHasThePercentileTableAndIntervals) {
  Target target;
  const ChildResult r = run_ringbench({"-z", "1s", "-c", "4", "-o", "csv", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("percentile,latency_ms\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\ninterval,start_s,end_s,responses,rps,errors,p50_ms,p90_ms,p99_ms,max_ms\n"), std::string::npos)
      << r.out;
}

TEST(CliFrontEnd, CompareJudgesRegressionsAndComparability) {
  Target target;
  const std::string dir = ::testing::TempDir();
  const std::string base = dir + "/rb-base.json", same = dir + "/rb-same.json", slower = dir + "/rb-slower.json",
                    other = dir + "/rb-other.json";
  ASSERT_EQ(run_ringbench({"-n", "500", "-c", "4", "--json-path", base, target.url()}).exit_code, 0);
  nlohmann::ordered_json doc;
  std::ifstream(base) >> doc;
  std::ofstream(same) << doc.dump();
  doc["latency_us"]["p99"] = doc["latency_us"]["p99"].get<double>() * 3;
  std::ofstream(slower) << doc.dump();
  doc["config"]["url"] = "http://127.0.0.1:1/elsewhere";
  std::ofstream(other) << doc.dump();

  EXPECT_EQ(run_ringbench({"compare", base, same}).exit_code, 0);
  const ChildResult regressed = run_ringbench({"compare", base, slower});
  EXPECT_EQ(regressed.exit_code, 3) << regressed.out << regressed.err;
  EXPECT_NE(regressed.out.find("p99"), std::string::npos) << regressed.out;
  EXPECT_EQ(run_ringbench({"compare", base, slower, "--max-regression", "p99=500%"}).exit_code, 0);
  EXPECT_EQ(run_ringbench({"compare", base, other}).exit_code, 5);
  EXPECT_EQ(run_ringbench({"compare", base, other, "--force"}).exit_code, 3);
  EXPECT_EQ(run_ringbench({"compare", base, dir + "/missing.json"}).exit_code, 2);
}

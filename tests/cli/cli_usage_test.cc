// One line on stderr per usage error, in ringbench's words; a failure to run is not a usage
// error; the help screens carry what a script needs (issue 11, items 17 and 21).
#include <gtest/gtest.h>

#include <algorithm>

#include "child_process.h"

using namespace ringbench::testing;

// Named, not anonymous: the unity build joins the test files of this directory.
namespace usage_test {

const std::string refused_url = "http://127.0.0.1:1/";

size_t line_count(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

ChildResult expect_one_usage_line(const std::vector<std::string>& args, const std::string& says) {
  const ChildResult r = run_ringbench(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Could not convert"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("required"), std::string::npos) << r.err;  // CLI11's "1 required UINT missing"
  return r;
}


TEST(CliUsage, NumbersOutOfRangeAreNamedInOurWords) {
  expect_one_usage_line({"serve", "--port", "70000"}, "--port: 70000 is not a port (0-65535");
  expect_one_usage_line({"serve", "--port", "-1"}, "--port: -1 is not a port");
  expect_one_usage_line({"serve", "--capacity", "x"}, "--capacity: expected a whole number");
  expect_one_usage_line({"-c", "99999999999", refused_url}, "--concurrency: expected a whole number from 1 to 4294967295");
  expect_one_usage_line({"--threads", "1.5", refused_url}, "--threads: expected a whole number");
  expect_one_usage_line({"sweep", "--knee-ratio", "most", refused_url}, "--knee-ratio: expected a number");
  expect_one_usage_line({"sweep", "--repeats", "99999999999", refused_url}, "--repeats: expected a whole number");
  expect_one_usage_line({"serve", "--port"}, "--port: needs a value");
  expect_one_usage_line({"-c"}, "--concurrency: needs a value");
}

// -c is lowered to -n before the plan is made; its note must not precede the plan's error.
TEST(CliUsage, NoNoteBeforeAnError) {
  expect_one_usage_line({"-n", "5", "-c", "10", "-m", "POST", "-d", "hello", "-H", "Content-Length: 3", refused_url},
                        "Content-Length");
}

TEST(CliUsage, AnUnresolvableHostCouldNotRunItIsNoUsageError) {
  // A 64-byte label: the resolver refuses it locally (no DNS query leaves the machine).
  const std::string host = std::string(64, 'a') + ".invalid";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"-n", "5", "http://" + host + "/"}, {"sweep", "http://" + host + "/"}}) {
    const ChildResult r = run_ringbench(args);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("cannot resolve host '" + host + "'"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("--help"), std::string::npos) << r.err;
  }
}

// The baseline never ran (nothing listens): only the error, no line of zero figures for it.
TEST(CliUsage, SweepPrintsNoBaselineThatNeverRan) {
  const ChildResult r = run_ringbench({"sweep", "--conc", "2", "-z", "100ms", "--warmup", "0", refused_url});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("the baseline run failed"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CliUsage, HelpScreensListExitCodesMetricsAndDefaults) {
  const ChildResult main_help = run_ringbench({"--help"});
  ASSERT_EQ(main_help.exit_code, 0);
  for (const char* text : {"Exit codes:", "  2 ", "  3 ", "  4 ", "  130 ", "p50 p75 p90 p95 p99 p99.9 p99.99 mean max",
                           "rps", "error_rate non2xx_rate failed_rate", "1m30s"}) {
    EXPECT_NE(main_help.out.find(text), std::string::npos) << text;
  }
  const ChildResult compare = run_ringbench({"compare", "--help"});
  ASSERT_EQ(compare.exit_code, 0);
  for (const char* text : {"Exit codes:", "  3 ", "  5 ", "p50 and p99: +10%", "rps: -5%",
                           "error_rate and non2xx_rate: +0.1 percentage point"}) {
    EXPECT_NE(compare.out.find(text), std::string::npos) << text;
  }
  const ChildResult sweep = run_ringbench({"sweep", "--help"});
  ASSERT_EQ(sweep.exit_code, 0);
  for (const char* text : {"Exit codes:", "  3 ", "  5 ", "  130 "}) EXPECT_NE(sweep.out.find(text), std::string::npos) << text;
  const ChildResult serve = run_ringbench({"serve", "--help"});
  ASSERT_EQ(serve.exit_code, 0);
  for (const char* text : {"Exit codes:", "--allow-remote", "  3 "}) EXPECT_NE(serve.out.find(text), std::string::npos) << text;
}

}  // namespace usage_test

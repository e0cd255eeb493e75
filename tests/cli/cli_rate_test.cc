// The open-loop front end as a user meets it: --rate, --arrivals, --seed and --warmup on the
// command line, the report and JSON of a real rate run against `ringbench serve`, and compare
// and sweep refusing what they cannot judge.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "child_process.h"
#include "target.h"

using namespace ringbench::testing;

namespace {

using rate_json = nlohmann::ordered_json;

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

size_t line_count(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

std::vector<std::string> object_keys(const rate_json& j) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  return keys;
}

}  // namespace

TEST(CliRate, BadOpenLoopFlagsAreOneLineUsageErrors) {
  const std::string url = "http://127.0.0.1:1/";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--rate", "0", url}, "--rate: expected requests per second above 0"},
      {{"--rate", "abc", url}, "got 'abc'"},
      {{"--rate", "-5", url}, "--rate: expected requests per second above 0"},
      {{"--rate", "1e3", url}, "--rate: expected"},
      {{"--rate", "5G", url}, "--rate: expected"},
      {{"--rate", "2000M", url}, "--rate: at most 1000M"},
      {{"--arrivals", "poisson", url}, "--arrivals needs --rate"},
      {{"--seed", "3", url}, "--seed needs --rate and --arrivals poisson"},
      {{"--rate", "1k", "--seed", "3", url}, "--seed needs --arrivals poisson"},
      {{"--rate", "1k", "--arrivals", "bursty", url}, "--arrivals: expected constant or poisson, got 'bursty'"},
      {{"--rate", "1k", "--warmup", "soon", url}, "--warmup"},
      {{"sweep", "--rate", "5k", url}, "--rate: sweep searches a range LO..HI"},
  };
  for (const auto& [args, expected] : cases) {
    const ChildResult r = run_ringbench(args);
    EXPECT_EQ(r.exit_code, 2) << args[1] << ": " << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_TRUE(mentions(r.err, expected)) << args[1] << " " << args[2] << ": " << r.err;
  }
}

// The issue's -n N --rate R: exactly N scheduled and served, and the run cannot end before the
// schedule released its last request at (N - 1) / R.
TEST(CliRate, ARateRunSchedulesExactlyNAndWritesTheOpenLoopMembers) {
  Target target;
  const ChildResult r = run_ringbench({"--rate", "2k", "-n", "1000", "-c", "8", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const rate_json doc = rate_json::parse(r.out);
  EXPECT_EQ(doc["schema_version"], 2);
  EXPECT_EQ(doc["config"]["rate"], 2000.0);
  EXPECT_EQ(doc["config"]["arrivals"], "constant");
  EXPECT_EQ(doc["config"]["seed"], 1);
  const rate_json& client = doc["client"];
  EXPECT_EQ(client["scheduled"], 1000);
  EXPECT_EQ(doc["summary"]["responses"], 1000);
  EXPECT_EQ(target.served(), 1000u);
  EXPECT_GE(doc["summary"]["duration_s"].get<double>(), 0.999 / 2);
  EXPECT_GT(client["achieved_rate"].get<double>(), 0);
  EXPECT_LE(client["achieved_rate"].get<double>(), 2000.0 * 1000 / 999 + 1e-6);  // never ahead of schedule
  EXPECT_EQ(object_keys(client),
            (std::vector<std::string>{"target_rate", "achieved_rate", "scheduled", "waited_for_connection",
                                      "max_client_queue", "send_lag_us", "loop_busy_share", "behind_schedule",
                                      "behind_schedule_reason"}));
  EXPECT_EQ(object_keys(client["send_lag_us"]), (std::vector<std::string>{"p50", "p99", "max"}));
  EXPECT_TRUE(client["behind_schedule"].is_boolean());
  EXPECT_EQ(object_keys(doc["service_time_us"]), object_keys(doc["latency_us"]));
  // Latency counts from the intended start, service time from the send: never less.
  EXPECT_GE(doc["latency_us"]["max"].get<double>(), doc["service_time_us"]["max"].get<double>());
  EXPECT_TRUE(doc["phases_us"].contains("queue"));
}

// A rate far above what one client thread can send: the client says it fell behind, in the
// text (one line) and in JSON.
TEST(CliRate, AClientThatCannotKeepUpSaysSo) {
  Target target;
  const ChildResult r = run_ringbench({"--rate", "1000M", "--threads", "1", "-c", "64", "-z", "1s", "-o", "json",
                                       target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const rate_json doc = rate_json::parse(r.out);
  EXPECT_EQ(doc["client"]["behind_schedule"], true) << doc["client"].dump();
  EXPECT_TRUE(mentions(doc["client"]["behind_schedule_reason"].get<std::string>(), "could not keep its schedule"));
}

TEST(CliRate, TheTextReportShowsTheScheduleAndServiceTime) {
  Target target;
  const ChildResult r = run_ringbench({"--rate", "2k", "-n", "400", "-c", "4", "--disable-keepalive", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(mentions(r.out, "Open loop (latency counts from each request's intended start):\n")) << r.out;
  EXPECT_TRUE(mentions(r.out, "  Rate:         target 2000/s, achieved ")) << r.out;
  EXPECT_TRUE(mentions(r.out, ", 400 scheduled\n")) << r.out;
  EXPECT_TRUE(mentions(r.out, "  Send lag:     ")) << r.out;
  EXPECT_TRUE(mentions(r.out, "  Waited:       ")) << r.out;
  EXPECT_TRUE(mentions(r.out, "  service time (actual send to last byte): p50 = ")) << r.out;
  EXPECT_TRUE(mentions(r.out, "\n  queue:      ")) << r.out;
  EXPECT_EQ(target.served(), 400u);
}

TEST(CliRate, PoissonSeedAndWarmupReachTheRun) {
  Target target;
  const ChildResult r = run_ringbench({"--rate", "1k", "--arrivals", "poisson", "--seed", "9", "--warmup", "300ms",
                                       "-n", "200", "-c", "4", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const rate_json doc = rate_json::parse(r.out);
  EXPECT_EQ(doc["config"]["arrivals"], "poisson");
  EXPECT_EQ(doc["config"]["seed"], 9);
  EXPECT_DOUBLE_EQ(doc["config"]["warmup_s"].get<double>(), 0.3);
  EXPECT_EQ(doc["summary"]["responses"], 200);
  EXPECT_GT(target.served(), 200u);  // the warm-up's requests were answered and not counted
}

TEST(CliRate, WarmupOnAClosedLoopRun) {
  Target target;
  const ChildResult r = run_ringbench({"--warmup", "200ms", "-n", "100", "-c", "2", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const rate_json doc = rate_json::parse(r.out);
  EXPECT_EQ(doc["summary"]["responses"], 100);
  EXPECT_TRUE(doc["config"]["rate"].is_null());
  EXPECT_FALSE(doc.contains("client"));
  EXPECT_GT(target.served(), 100u);
}

// A rate run's report against a closed-loop one: compare refuses (exit 5, also with --force),
// and sweep will not pair with it.
TEST(CliRate, CompareAndSweepRefuseARateRunsReport) {
  Target target;
  const std::string dir = ::testing::TempDir();
  const std::string open = dir + "/rb-rate-open.json", closed = dir + "/rb-rate-closed.json";
  ASSERT_EQ(run_ringbench({"--rate", "2k", "-n", "200", "-c", "4", "--json-path", open, target.url()}).exit_code, 0);
  ASSERT_EQ(run_ringbench({"-n", "200", "-c", "4", "--json-path", closed, target.url()}).exit_code, 0);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"compare", open, closed}, {"compare", closed, open, "--force"}}) {
    const ChildResult r = run_ringbench(args);
    EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_TRUE(mentions(r.err, "open-loop (--rate 2000/s)")) << r.err;
    EXPECT_TRUE(mentions(r.err, "--force cannot override this")) << r.err;
  }
  EXPECT_EQ(run_ringbench({"compare", open, open}).exit_code, 0);
  const ChildResult sweep = run_ringbench({"sweep", "--ref-from-json", open, target.url()});
  EXPECT_EQ(sweep.exit_code, 2) << sweep.err;
  EXPECT_EQ(line_count(sweep.err), 1u) << sweep.err;
  EXPECT_TRUE(mentions(sweep.err, "open-loop (--rate) run's report, not a sweep")) << sweep.err;
}

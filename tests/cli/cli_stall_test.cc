// A server that does not answer before a -z deadline: the report names the requests left in
// flight and their ages, and --drain waits for them (runs and sweep points).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "child_process.h"
#include "target.h"

using namespace ringbench::testing;
using namespace std::chrono_literals;
using nlohmann::json;

TEST(CliStall, DrainIsValidatedLikeEveryDuration) {
  const std::string url = "http://127.0.0.1:1/";
  for (const auto& [args, mentions] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--drain", "1s", "-n", "5", url}, "--drain needs -z"},
           {{"--drain", "1s", url}, "--drain needs -z"},  // -n 200 by default
           {{"--drain", "soon", "-z", "1s", url}, "--drain"},
           {{"sweep", "--drain", "1s", "-n", "100", url}, "--drain needs -z"}}) {
    const ChildResult r = run_ringbench(args);
    EXPECT_EQ(r.exit_code, 2) << mentions << ": " << r.err;
    EXPECT_NE(r.err.find(mentions), std::string::npos) << r.err;
  }
}

// Nothing is answered within the run: every request is unfinished, the text says how old the
// oldest is, and the insight says the server may have stalled (no response at all).
TEST(CliStall, UnfinishedRequestsAreReportedWithTheirAge) {
  Target target(delayed(10s));
  const ChildResult text = run_ringbench({"-z", "300ms", "-c", "4", "--no-color", target.url()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Unfinished: 4 in flight at the deadline, oldest 0."), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("the server may have stalled"), std::string::npos) << text.out;

  const ChildResult r = run_ringbench({"-z", "300ms", "-c", "4", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["summary"]["unfinished"], 4);
  const json& age = doc["summary"]["unfinished_age_ms"];
  const double run_ms = doc["summary"]["duration_s"].get<double>() * 1000;
  EXPECT_GT(age["p50"].get<double>(), 0);
  EXPECT_LE(age["p50"].get<double>(), age["max"].get<double>());
  EXPECT_LE(age["max"].get<double>(), run_ms);  // requests start after the clock
  bool stalled = false;
  for (const json& insight : doc["insights"]) stalled |= insight["key"] == "unfinished_age";
  EXPECT_TRUE(stalled) << doc["insights"].dump();
}

TEST(CliStall, DrainCountsTheResponsesThatArriveAfterTheDeadline) {
  Target target(delayed(500ms));
  const ChildResult r = run_ringbench({"-z", "100ms", "-c", "4", "--drain", "20s", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["summary"]["responses"], 4);
  EXPECT_EQ(doc["summary"]["unfinished"], 0);
  EXPECT_DOUBLE_EQ(doc["config"]["drain_s"].get<double>(), 20.0);
  EXPECT_GE(doc["latency_us"]["min"].get<double>(), 500'000);
  // The rate's denominator runs to the last response, so it includes the drain it took.
  EXPECT_GE(doc["summary"]["duration_s"].get<double>(), 0.5);
  EXPECT_LT(doc["summary"]["duration_s"].get<double>(), 15.0);  // ended with the last response
}

// Each sweep point is a -z run: with --drain its slow responses count.
TEST(CliStall, SweepPointsDrainToo) {
  Target target(delayed(300ms));
  const std::vector<std::string> sweep = {"sweep", "--conc", "2", "--baseline-c", "2", "-z", "100ms",
                                          "--warmup", "0", "-o", "json"};
  std::vector<std::string> drained = sweep;
  drained.insert(drained.end(), {"--drain", "20s", target.url()});
  const ChildResult r = run_ringbench(drained);
  const json doc = json::parse(r.out);
  ASSERT_FALSE(doc["points"].empty()) << r.out;
  EXPECT_GE(doc["points"][0]["p50_ms"].get<double>(), 300) << doc["points"][0].dump();
  EXPECT_GT(doc["points"][0]["rps"].get<double>(), 0);
}

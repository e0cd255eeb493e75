// `ringbench sweep --rate LO..HI --slo ...` end to end: the capacity under an SLO of a server
// whose capacity is known, a range with no capacity and one whose top passes, NDJSON, the HTML
// page and its redraw from the saved JSON, Ctrl-C, and the usage errors.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "test_files.h"
#include "target.h"

using namespace ringbench::testing;
using namespace std::chrono_literals;
using json = nlohmann::ordered_json;  // as in cli_merge_test.cc, which the unity build joins to this file

// Named, not anonymous: the unity build joins the test files of this directory.
namespace sweep_rate_cli {

std::string temp_file(const char* name) { return ::testing::TempDir() + name; }

// The acceptance: serve --capacity 8 --delay 5ms serves at most 8 / 5 ms = 1,600
// requests/s, so no rate above 1,600/s can keep up and p99 = 20 ms leaves 15 ms for queueing
// below it. The search (500, 1,000, 2,000, then bisection) brackets the capacity to 5 %: about
// 1,540 on an idle machine. The bounds are the issue's, 1,300..1,600: below 1,300 would need two
// of the rates between 1,300 and 1,600 to fail, which a loaded 2-CPU machine's scheduling
// delays (a few ms on the 5 ms service) do not cause; above 1,600 the server cannot keep up.
// -z 1s and at most 8 rates keep the wall time near 15 s.
TEST(CliSweepRate, TheCapacityOfAFifoServerUnderAnSloIsBelowItsThroughputLimit) {
  const std::string saved = temp_file("rate_sweep.json"), page = temp_file("rate_sweep.html"),
                    redrawn = temp_file("rate_sweep_redrawn.html");
  ChildResult sweep;
  ChildOptions when_listening;
  when_listening.on_output = [&](const ChildResult& so_far) {
    const std::string url = listening_url(so_far.out);
    if (url.empty()) return 0;
    sweep = run_ringbench({"sweep", "--rate", "500..3200", "--slo", "p99=20ms", "-z", "1s", "--warmup", "250ms",
                           "--max-levels", "8", "--json-path", saved, "--html-path", page, "-o", "json", url});
    return SIGINT;
  };
  const ChildResult server =
      run_ringbench({"serve", "--port", "0", "--capacity", "8", "--delay", "5ms"}, when_listening);
  EXPECT_EQ(server.exit_code, 0) << server.err;
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const json doc = json::parse(sweep.out);
  EXPECT_EQ(doc["mode"], "rate");
  const json& capacity = doc["capacity"];
  ASSERT_TRUE(capacity["rate"].is_number()) << capacity.dump();
  const double rate = capacity["rate"].get<double>();
  EXPECT_GE(rate, 1300) << sweep.out;
  EXPECT_LE(rate, 1600) << sweep.out;
  EXPECT_FALSE(capacity["at_least"].get<bool>());
  ASSERT_TRUE(capacity["lowest_fail"].is_number()) << capacity.dump();
  EXPECT_LE(doc["curve"].size(), 8u);

  double previous = 0;
  for (const json& p : doc["curve"]) {
    const double offered = p["offered_rps"].get<double>();
    EXPECT_GT(offered, previous) << "the curve is in offered-rate order";
    previous = offered;
    if (offered == rate) {
      EXPECT_TRUE(p["passed"].get<bool>()) << p.dump();
      EXPECT_LE(p["slo"][0]["measured_ms"].get<double>(), 20) << p.dump();
    }
    if (offered == capacity["lowest_fail"].get<double>()) {
      EXPECT_FALSE(p["failure"].is_null()) << p.dump();
    }
    if (offered > 1700) {
      EXPECT_FALSE(p["passed"].get<bool>()) << "beyond the server's 1,600/s: " << p.dump();
    }
  }
  EXPECT_EQ(json::parse(read_all(saved)), doc);

  // The page draws the curve; `report` draws the saved document byte for byte the same.
  const std::string html = read_all(page);
  EXPECT_NE(html.find("data-plot=\"rate-latency\""), std::string::npos);
  const ChildResult report = run_ringbench({"report", saved, "--html-path", redrawn});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(read_all(redrawn), html);
}

// Every request takes 30 ms: no rate meets p99 = 20 ms, which is said, with the reason, and
// exits 5 like a sweep where no level qualifies.
TEST(CliSweepRate, NoCapacityInRangeIsSaidAndExitsFive) {
  Target target(delayed(30ms));
  const ChildResult r = run_ringbench({"sweep", "--rate", "20..100", "--slo", "p99=20ms", "-z", "300ms", "--warmup",
                                       "0", "--no-color", target.url()});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.out.find("Capacity under the SLO (p99 <= 20 ms): none in 20/s..100/s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the lowest rate, 20/s, already fails: p99 "), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("[1] 20/s"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("[2]"), std::string::npos) << "nothing is measured above a failing LO: " << r.err;
}

// An idle server passes every rate up to HI: the capacity is "at least HI". NDJSON: the
// baseline, one event per rate as it is measured, then the capacity.
TEST(CliSweepRate, AHighestRateThatPassesIsALowerBoundAndNdjsonStreamsTheRates) {
  Target target;
  const ChildResult r = run_ringbench({"sweep", "--rate", "100..400", "--slo", "p99=50ms", "-z", "300ms", "--warmup",
                                       "0", "-o", "ndjson", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> events;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) events.push_back(json::parse(line));
  ASSERT_EQ(events.size(), 5u) << r.out;
  EXPECT_EQ(events[0]["event"], "baseline");
  std::vector<double> rates;
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(events[i]["event"], "rate_point");
    EXPECT_TRUE(events[i]["passed"].get<bool>()) << events[i].dump();
    rates.push_back(events[i]["offered_rps"].get<double>());
  }
  EXPECT_EQ(rates, (std::vector<double>{100, 200, 400}));
  EXPECT_EQ(events[4]["event"], "capacity");
  EXPECT_EQ(events[4]["rate"], 400.0);
  EXPECT_TRUE(events[4]["at_least"].get<bool>());
}

// Ctrl-C once a rate has been measured: the report covers it, the JSON is written, exit 130.
TEST(CliSweepRate, InterruptStillPrintsAndWritesWhatWasMeasured) {
  Target target(delayed(1ms));
  const std::string saved = temp_file("interrupted_rate_sweep.json");
  const ChildResult r = run_ringbench({"sweep", "--rate", "100..100k", "--slo", "p99=50ms", "-z", "1s", "--warmup",
                                       "0", "--json-path", saved, "-o", "json", target.url()},
                                      interrupted_when([](const ChildResult& so_far) {
                                        return so_far.err.find("[1] ") != std::string::npos;
                                      }));
  EXPECT_EQ(r.killed_by, 0) << "killed before the handler was installed";
  EXPECT_EQ(r.exit_code, 130) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_TRUE(doc["interrupted"].get<bool>());
  EXPECT_GE(doc["curve"].size(), 1u);
  EXPECT_NE(doc["capacity"]["reason"].get<std::string>().find("interrupted"), std::string::npos) << doc.dump();
  EXPECT_TRUE(json::parse(read_all(saved))["interrupted"].get<bool>());
}

TEST(CliSweepRate, BadRangesMissingSloAndFlagsOfTheConcurrencySweepAreUsageErrors) {
  const std::string url = "http://127.0.0.1:1/";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--rate", "5k", "--slo", "p99=20ms"}, "--rate: sweep searches a range LO..HI (e.g. 500..5k), got '5k'"},
      {{"--rate", "5k..500", "--slo", "p99=20ms"}, "--rate: LO must be below HI, got '5k..500'"},
      {{"--rate", "500..500", "--slo", "p99=20ms"}, "--rate: LO must be below HI"},
      {{"--rate", "0..500", "--slo", "p99=20ms"}, "--rate: expected requests per second above 0"},
      {{"--rate", "500..", "--slo", "p99=20ms"}, "--rate: expected requests per second above 0"},
      {{"--rate", "a..b", "--slo", "p99=20ms"}, "got 'a'"},
      {{"--rate", "500..5k"}, "sweep --rate needs --slo (e.g. --slo p99=20ms)"},
      {{"--rate", "500..5k", "--slo", "p99=20"}, "--slo: invalid target 'p99=20'"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--conc", "1,2"}, "sweep --rate does not take --conc"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--refine"}, "sweep --rate does not take --refine"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--pick", "knee"}, "sweep --rate does not take --pick"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--vs", url}, "sweep --rate does not take --vs: it has no paired mode"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--ref-from-json", "x.json"}, "sweep --rate does not take --ref-from-json"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "-n", "100"}, "sweep --rate does not take --requests"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--repeats", "3"}, "sweep --rate does not take --repeats"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "--arrivals", "bursty"}, "--arrivals: expected constant or poisson"},
      {{"--rate", "500..5k", "--slo", "p99=20ms", "-c", "0"}, "--concurrency"},
      {{"--slo", "p99=20ms"}, "sweep --slo needs --rate LO..HI"},
      {{"-c", "10"}, "sweep --concurrency needs --rate LO..HI"},
      {{"--arrivals", "poisson"}, "sweep --arrivals needs --rate LO..HI"},
  };
  for (auto [args, expected] : cases) {
    args.insert(args.begin(), "sweep");
    args.push_back(url);
    const ChildResult r = run_ringbench(args);
    std::string shown;
    for (const std::string& a : args) shown += a + " ";
    EXPECT_EQ(r.exit_code, 2) << shown << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << shown << ": " << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << shown << ": " << r.err;
  }
}

}  // namespace sweep_rate_cli

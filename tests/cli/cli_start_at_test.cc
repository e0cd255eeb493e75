// --start-at and --label: several clients told the same start measure the same window, each
// naming itself in its report.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>

#include "child_process.h"
#include "utc_time.h"
#include "target.h"

using namespace ringbench::testing;
using namespace std::chrono;

namespace {

void expect_usage_error(const std::vector<std::string>& args, const std::string& mentions) {
  const ChildResult r = run_ringbench(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(mentions), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace

TEST(StartAt, APastOrMalformedStartIsAUsageError) {
  expect_usage_error({"--start-at", "2020-01-01T00:00:00Z", "http://127.0.0.1:1/"}, "--start-at: '2020-01-01T00:00:00Z' is in the past");
  expect_usage_error({"--start-at", "soon", "http://127.0.0.1:1/"}, "RFC 3339");
  expect_usage_error({"--start-at", "+0s", "http://127.0.0.1:1/"}, "--start-at");
  expect_usage_error({"--label", "two\nlines", "http://127.0.0.1:1/"}, "--label");
}

// Two processes given the same start begin their measured windows together: connections open
// first (at different times here: the second process starts later), then both clocks start at
// the asked instant.
TEST(StartAt, TwoClientsStartTheirClocksTogether) {
  Target target;
  // 3 s ahead: starting a process and opening two loopback connections takes milliseconds;
  // the margin is for a loaded CI machine.
  const auto start = system_clock::now() + seconds(3);
  const std::string at = utc_text(start);
  auto client = [&](const std::string& label) {
    return run_ringbench({"--start-at", at, "--label", label, "-n", "200", "-c", "2", "-o", "json", target.url()});
  };
  auto first = std::async(std::launch::async, client, "client-0");
  auto second = std::async(std::launch::async, client, "client-1");
  const ChildResult a = first.get(), b = second.get();
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const nlohmann::json ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(ja["label"], "client-0");
  EXPECT_EQ(jb["label"], "client-1");
  EXPECT_EQ(ja["config"]["start_at"], at);
  EXPECT_EQ(ja["summary"]["responses"], 200);
  EXPECT_EQ(target.served(), 400u);
  const auto started_a = parse_utc(ja["started_at"]), started_b = parse_utc(jb["started_at"]);
  // The clock starts when a wall-clock sleep ends: within a millisecond of the start on an idle
  // machine. 50 ms is a generous bound for a loaded one, far below the 3 s the clients were
  // apart without --start-at's wait.
  EXPECT_LT(abs(duration_cast<microseconds>(started_a - started_b).count()), 50'000);
  for (const nlohmann::json* doc : {&ja, &jb}) {
    const double late_ms = (*doc)["summary"]["start_late_ms"];
    EXPECT_GE(late_ms, 0);
    EXPECT_LT(late_ms, 50);
    const auto started = parse_utc((*doc)["started_at"]);
    EXPECT_LT(abs(duration_cast<microseconds>(started - start).count()), 50'000);
  }
}

// Ctrl-C while waiting for the start still ends the run at once with its report.
TEST(StartAt, InterruptWhileWaitingPrintsTheReport) {
  Target target;
  const auto asked = steady_clock::now();
  // The progress announcement appears once the interrupt handler is installed.
  ChildOptions options = on_terminal();
  options.interrupt_when = [](const ChildResult& so_far) { return so_far.out.find("Running") != std::string::npos; };
  const ChildResult r = run_ringbench({"--start-at", "+10m", "--label", "waiting", "-n", "100", "-c", "2", target.url()},
                                      options);
  EXPECT_EQ(r.exit_code, 130) << r.out;
  EXPECT_LT(steady_clock::now() - asked, minutes(5));  // not the 10 minutes it was told to wait
  EXPECT_NE(r.out.find("(--start-at), not reached"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Label:        waiting"), std::string::npos) << r.out;
  EXPECT_EQ(target.served(), 0u);
}

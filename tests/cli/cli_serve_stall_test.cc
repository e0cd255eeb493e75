// `ringbench serve --stall AFTER:LENGTH` from the command line: bad values are one usage line,
// the startup line says what was asked, and the flag reaches the server (a client run against
// it waits for the window).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <string>
#include <vector>

#include "child_process.h"

using namespace ringbench::testing;
using nlohmann::json;

// Named, not anonymous: the unity build joins the test files of this directory.
namespace serve_stall_cli {

size_t lines(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

TEST(CliServeStall, BadValuesAreOneUsageLine) {
  for (const auto& [value, says] : std::vector<std::pair<std::string, std::string>>{
           {"2s", "--stall: invalid value '2s' (expected AFTER:LENGTH"},
           {"x:1s", "--stall: AFTER 'x'"},
           {"1s:0", "--stall: LENGTH must be more than 0"},
           {"1s:soon", "--stall: LENGTH 'soon'"}}) {
    // Should it listen after all, it is stopped at once (and the test fails on the exit code).
    const ChildResult r =
        run_ringbench({"serve", "--port", "0", "--stall", value}, signal_when_stdout_has("listening on", SIGINT));
    EXPECT_EQ(r.exit_code, 2) << value << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

// --stall 0:800ms: the client's one request is the server's first, so it opens the window and
// is held to its end: no latency under 800 ms is possible (a lower bound; load only adds).
TEST(CliServeStall, TheFlagReachesTheServerAndItsStartupLine) {
  ChildResult client;
  ChildOptions when_listening;
  when_listening.on_output = [&](const ChildResult& so_far) {
    const std::string url = listening_url(so_far.out);
    if (url.empty()) return 0;
    client = run_ringbench({"-n", "1", "-c", "1", "-o", "json", url});
    return SIGINT;
  };
  const ChildResult server =
      run_ringbench({"serve", "--port", "0", "--threads", "1", "--stall", "0:800ms"}, when_listening);
  EXPECT_EQ(server.exit_code, 0) << server.err;
  EXPECT_NE(server.out.find("(1 thread, 2-byte body, 800ms stall at the first request)"), std::string::npos)
      << server.out;
  ASSERT_EQ(client.exit_code, 0) << client.err;
  const json doc = json::parse(client.out);
  EXPECT_EQ(doc["summary"]["responses"], 1);
  EXPECT_GE(doc["latency_us"]["min"].get<double>(), 800'000) << doc["latency_us"].dump();
}

}  // namespace serve_stall_cli

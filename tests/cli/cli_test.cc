// The ringbench binary as a user meets it: flags, errors, exit codes, outputs, Ctrl-C.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <thread>

#include "child_process.h"
#include "ringbench/tls/availability.h"
#include "target.h"

using namespace ringbench::testing;

namespace {

size_t line_count(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

void expect_usage_error(const std::vector<std::string>& args, const std::string& mentions) {
  const ChildResult r = run_ringbench(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find(mentions), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace

TEST(Cli, BadInputIsOneLineAndExitTwo) {
  expect_usage_error({"--bogus", "http://127.0.0.1:1/"}, "--bogus");
  expect_usage_error({}, "missing URL");
  expect_usage_error({"ftp://127.0.0.1/"}, "ftp");
  expect_usage_error({"127.0.0.1:8080/"}, "scheme");
  expect_usage_error({"http://127.0.0.1:99999/"}, "port");
  expect_usage_error({"-z", "10x", "http://127.0.0.1:1/"}, "--duration");
  expect_usage_error({"-t", "soon", "http://127.0.0.1:1/"}, "--timeout");
  expect_usage_error({"-n", "5", "-z", "1s", "http://127.0.0.1:1/"}, "not both");
  expect_usage_error({"-n", "-3", "http://127.0.0.1:1/"}, "--requests");
  expect_usage_error({"-c", "0", "http://127.0.0.1:1/"}, "concurrency");
  expect_usage_error({"-o", "xml", "http://127.0.0.1:1/"}, "--output");
  expect_usage_error({"-H", "no colon here", "http://127.0.0.1:1/"}, "--header");
  expect_usage_error({"-D", "/nonexistent/body", "http://127.0.0.1:1/"}, "--body-file");
  // A build without wolfSSL refuses any https:// URL first, and that is the one line then.
  const bool tls = ringbench::tls::available();
  expect_usage_error({"--cacert", "/nonexistent/ca.pem", "https://127.0.0.1:1/"}, tls ? "--cacert" : "not built");
  expect_usage_error({"--cert", "/nonexistent/c.pem", "https://127.0.0.1:1/"}, tls ? "--key" : "not built");
  expect_usage_error({"--tls-min", "1.1", "https://127.0.0.1:1/"}, "--tls-min");
  expect_usage_error({"serve", "--body-size", "lots"}, "--body-size");
  expect_usage_error({"serve", "--tls-min", "1.1"}, "--tls-min");
}

TEST(Cli, HelpListsEveryFlagAndVersionPrints) {
  const ChildResult help = run_ringbench({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--requests", "--concurrency", "--duration", "--method", "--header", "--body",
                           "--body-file", "--content-type", "--accept", "--basic-auth", "--timeout",
                           "--disable-keepalive", "--threads", "--output", "--json-path", "--version", "serve", "--tls-min",
                           "--tls-max", "--insecure", "--cacert", "--cert", "--key", "--sni", "--no-resume"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
  const ChildResult version = run_ringbench({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("ringbench ", 0), 0u) << version.out;
}

// Could not run: exit 3 with one line that says why and names the address; the report of
// what was tried (nothing answered, every connection failed to open) still prints.
TEST(Cli, NoServerListeningExitsThreeWithTheReason) {
  const ChildResult r = run_ringbench({"-n", "5", "-c", "2", "http://127.0.0.1:1/"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.err, "ringbench: no connection could be established: connect 127.0.0.1:1: Connection refused\n");
  EXPECT_NE(r.out.find("0 opened (2 asked), 2 failed to open"), std::string::npos) << r.out;
  const ChildResult timed = run_ringbench({"-z", "5s", "-c", "2", "-o", "json", "http://127.0.0.1:1/"});
  EXPECT_EQ(timed.exit_code, 3) << timed.err;
  EXPECT_EQ(nlohmann::json::parse(timed.out)["summary"]["connect_failures"], 2);
}

// One ring holds at most the open-file hard limit's worth of connections: an explicit --threads
// too few for -c is a usage error naming enough; without --threads, enough are chosen.
TEST(Cli, TooFewThreadsForTheFileLimitIsAUsageError) {
  const ChildResult r = run_ringbench({"-z", "1s", "-c", "500", "--threads", "1", "http://127.0.0.1:1/"},
                                      with_nofile_limit(100));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("--threads 5 or more"), std::string::npos) << r.err;
}

TEST(Cli, WithoutThreadsEnoughAreChosenForTheFileLimit) {
  Target target;
  const ChildResult r = run_ringbench({"-n", "300", "-c", "300", "-o", "json", target.url()}, with_nofile_limit(100));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("-c 300 needs 3 threads"), std::string::npos) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["summary"]["connections"], 300);
  EXPECT_EQ(doc["summary"]["errors"], 0);
}

// --disable-keepalive: every request after the first on each connection opens a new one, and
// the report says how many per second (the connection-setup rate a server benchmark wants).
TEST(Cli, JsonReportsConnectionsOpenedPerSecond) {
  Target target;
  const ChildResult r = run_ringbench({"--disable-keepalive", "-n", "200", "-c", "4", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json summary = nlohmann::json::parse(r.out)["summary"];
  EXPECT_EQ(summary["reconnects"], 196);  // 4 opened before the clock, one more per later request
  const double duration = summary["duration_s"];
  const double per_s = summary["connections_per_s"];
  ASSERT_GT(duration, 0);
  EXPECT_NEAR(per_s, 196 / duration, 1e-6 * per_s);
  const double open_s = summary["open_s"];
  EXPECT_GT(open_s, 0);
  EXPECT_LT(open_s, 30);  // generous: 4 loopback connects take milliseconds even on a loaded CI machine
}

TEST(Cli, JsonOutputIsOnlyTheDocumentAndMatchesTheServer) {
  Target target;
  const ChildResult r = run_ringbench({"-n", "300", "-c", "6", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);  // throws if anything else is on stdout
  EXPECT_EQ(doc["schema_version"], 2);
  EXPECT_EQ(doc["summary"]["responses"], 300);
  EXPECT_EQ(doc["summary"]["requests"], 300);
  EXPECT_EQ(doc["status_codes"]["200"], 300);
  EXPECT_EQ(doc["config"]["concurrency"], 6);
  EXPECT_FALSE(doc["summary"].contains("tls"));  // plain http: no empty tls member
  EXPECT_EQ(target.served(), 300u);
}

TEST(Cli, TextReportShowsTheSummary) {
  Target target;
  const ChildResult r = run_ringbench({"-n", "100", "-c", "4", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Summary"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[200]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("100 responses"), std::string::npos) << r.out;
}

TEST(Cli, InterruptPrintsTheReportWritesJsonAndExits130) {
  Target target;
  const std::string path = ::testing::TempDir() + "/ringbench-interrupt.json";
  std::remove(path.c_str());
  // Interrupted once the target has answered requests: the run (and its signal handler) is up.
  const ChildResult r = run_ringbench({"-z", "30s", "-c", "4", "--json-path", path, target.url()},
                                      interrupted_when([&](const ChildResult&) { return target.served() > 100; }));
  EXPECT_EQ(r.killed_by, 0) << "killed before the handler was installed";
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_NE(r.out.find("Summary"), std::string::npos) << r.out;
  std::ifstream in(path);
  ASSERT_TRUE(in.good());
  const nlohmann::json doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["summary"]["interrupted"], true);
  EXPECT_GT(doc["summary"]["responses"].get<uint64_t>(), 0u);
  EXPECT_LT(doc["summary"]["duration_s"].get<double>(), 5.0);
}

// Input that used to be accepted and then did something else than asked (issue 11, items
// 13-16 and 18): broken request framing, a body file that is no file, a server exposed to the
// network, https flags on an http URL, and the one duration grammar.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>

#include "child_process.h"
#include "target.h"

using namespace ringbench::testing;

// Named, not anonymous: the unity build joins the test files of this directory.
namespace input_test {

const std::string refused_url = "http://127.0.0.1:1/";

size_t line_count(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

void expect_usage_error(const std::vector<std::string>& args, const std::string& mentions, ChildOptions options = {}) {
  const ChildResult r = run_ringbench(args, std::move(options));
  EXPECT_EQ(r.exit_code, 2) << mentions << ": " << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find(mentions), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}


TEST(CliInput, FramingThatDisagreesWithTheBodyIsRefused) {
  expect_usage_error({"-m", "POST", "-d", "hello", "-H", "Content-Length: 3", refused_url},
                     "-H 'Content-Length: 3' does not match the 5-byte body");
  expect_usage_error({"-m", "POST", "-d", "hello", "-H", "Transfer-Encoding: chunked", refused_url},
                     "needs a body in chunked encoding");
  expect_usage_error({"-m", "POST", "-d", "0\r\n\r\n", "-H", "Transfer-Encoding: chunked", "-H", "Content-Length: 5",
                      refused_url},
                     "not both");
  expect_usage_error({"sweep", "-m", "POST", "-d", "hello", "-H", "Content-Length: 4", refused_url}, "Content-Length");
}

// A Content-Length equal to the body's size is what ringbench would send anyway: allowed.
TEST(CliInput, AMatchingContentLengthRuns) {
  Target target;
  const ChildResult r =
      run_ringbench({"-n", "20", "-c", "2", "-m", "POST", "-d", "hello", "-H", "content-length: 5", "-o", "json",
                     target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["status_codes"]["200"], 20);
}

TEST(CliInput, ABodyFileThatCannotBeReadIsRefused) {
  expect_usage_error({"-m", "PUT", "-D", ::testing::TempDir(), refused_url}, "is a directory");
  // Opens, but every read fails (EIO): an unreadable file even for root.
  expect_usage_error({"-m", "PUT", "-D", "/proc/self/mem", refused_url}, "--body-file: cannot read '/proc/self/mem'");
  expect_usage_error({"sweep", "-D", ::testing::TempDir(), refused_url}, "is a directory");
}

TEST(CliInput, ServeRefusesAnAddressOtherMachinesCanReach) {
  for (const char* host : {"0.0.0.0", "::", "192.0.2.1", "2001:db8::1", "::ffff:10.0.0.1"}) {
    // Should it listen after all, it is stopped at once rather than left exposed (and the test fails).
    expect_usage_error({"serve", "--port", "0", "--host", host}, "--allow-remote",
                       signal_when_stdout_has("listening on", SIGINT));
  }
  // With --allow-remote the guard lets it through: 192.0.2.1 (TEST-NET-1) is no address of
  // this machine, so binding fails (exit 3) without the server ever being reachable.
  const ChildResult allowed = run_ringbench({"serve", "--port", "0", "--host", "192.0.2.1", "--allow-remote"});
  EXPECT_EQ(allowed.exit_code, 3) << allowed.err;
  EXPECT_NE(allowed.err.find("cannot bind 192.0.2.1"), std::string::npos) << allowed.err;
}

TEST(CliInput, ServeListensOnAnyLoopbackAddress) {
  for (const char* host : {"127.0.0.2", "::1"}) {
    const ChildResult r =
        run_ringbench({"serve", "--port", "0", "--host", host}, signal_when_stdout_has("listening on", SIGINT));
    EXPECT_EQ(r.exit_code, 0) << host << ": " << r.err;
    EXPECT_NE(r.out.find("listening on"), std::string::npos) << r.out;
  }
}

TEST(CliInput, HttpsFlagsOnAnHttpUrlAreWarnedAboutOnce) {
  Target target;
  const ChildResult r = run_ringbench({"-n", "10", "-c", "1", "--cacert", "/nonexistent/ca.pem", "--sni", "api.internal",
                                       "-k", "--no-resume", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("warning: --insecure, --cacert, --sni, --no-resume only apply to https:// URLs"),
            std::string::npos)
      << r.err;
  const ChildResult sweep = run_ringbench(
      {"sweep", "--conc", "2", "-z", "100ms", "--warmup", "0", "--tls-max", "1.2", target.url()});
  EXPECT_TRUE(sweep.exit_code == 0 || sweep.exit_code == 5) << sweep.err;  // 5: no level qualified
  EXPECT_NE(sweep.err.find("warning: --tls-max only applies to https:// URLs"), std::string::npos) << sweep.err;
  const ChildResult plain = run_ringbench({"-n", "10", "-c", "1", target.url()});
  EXPECT_TRUE(plain.err.empty()) << plain.err;
}

TEST(CliInput, AServerNameWithSpacesOrControlBytesIsRefused) {
  for (const char* sni : {"api internal", "api\tinternal", "api\x01internal", "api.internal\x7f"}) {
    expect_usage_error({"--sni", sni, "https://127.0.0.1:1/"}, "--sni");
  }
}

// -z, -t, --threshold and --slo read one grammar, compound forms included.
TEST(CliInput, EveryDurationTakesCompoundForms) {
  Target target;
  const ChildResult r = run_ringbench({"-n", "20", "-c", "2", "-t", "1m30s", "--threshold", "p99 < 1m30s", "--slo",
                                       "p50=1m,p99=1m30s", "-o", "json", target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["config"]["timeout_s"], 90.0);
  EXPECT_EQ(doc["thresholds"][0]["limit"], 90000.0);  // ms
  EXPECT_TRUE(doc["thresholds"][0]["pass"].get<bool>());
  expect_usage_error({"-z", "30s1m", refused_url}, "--duration");
  expect_usage_error({"--threshold", "p99 < 1m30", refused_url}, "--threshold");
}

}  // namespace input_test

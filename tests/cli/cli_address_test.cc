// Which address a name leads to. Each test gives the ringbench child its own /etc/hosts: the
// child runs inside a private mount namespace (`unshare --mount`) with a file of the test's
// bind-mounted over /etc/hosts, so the real resolver (glibc, nsswitch "files") reads it, and
// nothing outside the child sees it. This needs CAP_SYS_ADMIN (CI runs as root); without it
// the tests are skipped with the reason.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "target.h"

using namespace ringbench::testing;

namespace {

// Both loopback addresses, IPv6 first as in Debian's stock /etc/hosts.
constexpr const char* both_families = "::1 localhost\n127.0.0.1 localhost\n";
constexpr const char* ipv4_first = "127.0.0.1 localhost\n::1 localhost\n";

bool can_replace_hosts() {
  return std::system("unshare --mount sh -c 'mount --bind /etc/hosts /etc/hosts' >/dev/null 2>&1") == 0;
}

#define REQUIRE_PRIVATE_HOSTS() \
  if (!can_replace_hosts()) GTEST_SKIP() << "unshare --mount with a bind mount over /etc/hosts is not permitted here"

ChildResult run_with_hosts(const std::string& hosts, const std::vector<std::string>& args) {
  const std::string path = ::testing::TempDir() + "/ringbench-hosts-" + std::to_string(::getpid());
  std::ofstream(path) << hosts;
  ChildOptions options;
  options.launcher = {"unshare", "--mount", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$RINGBENCH\" \"$@\"",
                      path};
  ChildResult r = run_ringbench(args, options);
  std::remove(path.c_str());
  return r;
}

std::string local_url(uint16_t port) { return "http://localhost:" + std::to_string(port) + "/"; }

ringbench::serve::ServerOptions listening_on(const char* host) {
  ringbench::serve::ServerOptions o;
  o.host = host;
  return o;
}

uint16_t port_of(const Target& t) {
  const std::string url = t.url();
  return uint16_t(std::stoi(url.substr(url.rfind(':') + 1)));
}

}  // namespace

// The case: `::1 localhost` first, a server on 127.0.0.1 only.
TEST(CliAddress, NameWithIpv6FirstReachesAnIpv4OnlyServer) {
  REQUIRE_PRIVATE_HOSTS();
  for (const char* hosts : {both_families, ipv4_first}) {
    Target target(listening_on("127.0.0.1"));
    const ChildResult r = run_with_hosts(hosts, {"-n", "50", "-c", "2", "-o", "json", local_url(port_of(target))});
    ASSERT_EQ(r.exit_code, 0) << hosts << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["responses"], 50) << hosts;
    EXPECT_EQ(target.served(), 50u) << hosts;
  }
}

TEST(CliAddress, NameWithBothFamiliesReachesAnIpv6OnlyServer) {
  REQUIRE_PRIVATE_HOSTS();
  for (const char* hosts : {both_families, ipv4_first}) {
    Target target(listening_on("::1"));
    const ChildResult r = run_with_hosts(hosts, {"-n", "50", "-c", "2", "-o", "json", local_url(port_of(target))});
    ASSERT_EQ(r.exit_code, 0) << hosts << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["responses"], 50) << hosts;
    EXPECT_EQ(target.served(), 50u) << hosts;
  }
}

// Nothing listens on port 1: one line that names each address and why, exit 3 (could not run).
TEST(CliAddress, NoAddressAcceptingIsOneLineNamingEachAddress) {
  REQUIRE_PRIVATE_HOSTS();
  const ChildResult r = run_with_hosts(both_families, {"-n", "5", "-c", "1", local_url(1)});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const char* part : {"no connection could be established to localhost:1", "[::1]:1: Connection refused",
                           "127.0.0.1:1: Connection refused"}) {
    EXPECT_NE(r.err.find(part), std::string::npos) << part << " in " << r.err;
  }
}

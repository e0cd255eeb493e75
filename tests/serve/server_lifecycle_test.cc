// Starting, stopping, ports, descriptors and many connections.
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "loopback_client.h"
#include "ringbench/core/error.h"
#include "running_server.h"

using namespace ringbench::serve;
using namespace ringbench::serve::testing;
using namespace std::chrono_literals;

namespace {

size_t open_fds() {
  size_t n = 0;
  DIR* d = opendir("/proc/self/fd");
  while (readdir(d) != nullptr) ++n;
  closedir(d);
  return n;
}

ringbench::ExitCode construct_error(const ServerOptions& o) {
  try {
    Server s(o);
  } catch (const ringbench::Error& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    return e.code();
  }
  return ringbench::ExitCode::ok;
}

}  // namespace

TEST(ServerLifecycle, StopFlagEndsRunPromptly) {
  RunningServer s;
  LoopbackClient idle(s.port());  // a client that connects and never sends
  std::this_thread::sleep_for(20ms);
  EXPECT_LT(s.stop(), 1000ms);  // the stop flag is polled every 25 ms; a loaded CI machine adds its own delay
}

TEST(ServerLifecycle, PortZeroGivesDifferentFreePorts) {
  Server a({});
  Server b({});
  EXPECT_NE(a.port(), 0);
  EXPECT_NE(a.port(), b.port());
  EXPECT_EQ(a.address(), "http://127.0.0.1:" + std::to_string(a.port()) + "/");
}

TEST(ServerLifecycle, PortInUseIsReportedByTheConstructor) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const uint16_t taken = ntohs(addr.sin_port);
  EXPECT_EQ(construct_error({.port = taken}), ringbench::ExitCode::cannot_run);
  close(fd);
  // Another ringbench server on the same port is refused too, despite SO_REUSEPORT.
  Server first({});
  EXPECT_EQ(construct_error({.port = first.port()}), ringbench::ExitCode::cannot_run);
}

TEST(ServerLifecycle, BadOptionsAreUsageErrors) {
  EXPECT_EQ(construct_error({.host = "localhost"}), ringbench::ExitCode::usage);
  EXPECT_EQ(construct_error({.threads = 0}), ringbench::ExitCode::usage);
  EXPECT_EQ(construct_error({.body_size = max_body_size + 1}), ringbench::ExitCode::usage);
}

TEST(ServerLifecycle, Ipv6LoopbackIfAvailable) {
  std::unique_ptr<Server> s;
  try {
    s = std::make_unique<Server>(ServerOptions{.host = "::1"});
  } catch (const ringbench::Error& e) {
    GTEST_SKIP() << "no IPv6 loopback: " << e.what();
  }
  EXPECT_EQ(s->address(), "http://[::1]:" + std::to_string(s->port()) + "/");
}

TEST(ServerLifecycle, ConstructAndDestroyManyTimesWithoutLeakingDescriptors) {
  { RunningServer warm_up; }  // first-use allocations (e.g. gtest, the loader) happen here
  const size_t before = open_fds();
  for (int i = 0; i < 10; ++i) {
    Server unused({.threads = 2});
  }
  for (int i = 0; i < 10; ++i) {
    RunningServer s({.threads = 2});
    LoopbackClient c(s.port());
    c.send(get_request());
    EXPECT_EQ(c.read_response().status, 200);
  }
  EXPECT_EQ(open_fds(), before);
}

TEST(ServerLifecycle, RunTwiceIsALogicError) {
  Server s({});
  std::atomic<bool> stop{true};
  s.run(stop);
  EXPECT_THROW(s.run(stop), std::logic_error);
}

TEST(ServerLifecycle, ThousandConcurrentConnections) {
  RunningServer s;
  std::vector<std::unique_ptr<LoopbackClient>> clients;
  for (int i = 0; i < 1000; ++i) clients.push_back(std::make_unique<LoopbackClient>(s.port()));
  for (auto& c : clients) c->send(get_request());
  for (auto& c : clients) ASSERT_EQ(c->read_response().status, 200);
  EXPECT_EQ(s.server().requests_served(), 1000u);
  EXPECT_EQ(s.server().connections_accepted(), 1000u);
}

TEST(ServerLifecycle, ThreadsShareTheLoadAndTheCountsAreExact) {
  RunningServer s({.threads = 3});
  std::vector<std::unique_ptr<LoopbackClient>> clients;
  for (int i = 0; i < 60; ++i) clients.push_back(std::make_unique<LoopbackClient>(s.port()));
  for (int round = 0; round < 20; ++round) {
    for (auto& c : clients) c->send(get_request());
    for (auto& c : clients) ASSERT_EQ(c->read_response().status, 200);
  }
  EXPECT_EQ(s.server().requests_served(), 1200u);
  EXPECT_EQ(s.server().connections_accepted(), 60u);
}

TEST(ServerLifecycle, ResetsAndChurnDoNotDisturbOtherConnections) {
  RunningServer s;
  LoopbackClient steady(s.port());
  for (int i = 0; i < 200; ++i) {
    LoopbackClient gone(s.port());
    std::string burst;
    for (int j = 0; j < 20; ++j) burst += get_request();
    gone.send(burst);
    const linger abort_on_close{1, 0};  // close() sends RST
    setsockopt(gone.fd(), SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
    if (i % 10 == 0) {
      steady.send(get_request());
      ASSERT_EQ(steady.read_response().status, 200);
    }
  }
  LoopbackClient late(s.port());
  late.send(get_request());
  EXPECT_EQ(late.read_response().status, 200);
  EXPECT_EQ(s.server().connections_accepted(), 202u);
}

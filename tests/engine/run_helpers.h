#pragma once
// Running the engine against a loopback port from a test, and an in-process `ringbench serve`.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

#include "ringbench/engine/engine.h"
#include "ringbench/serve/server.h"

namespace ringbench::testing {

inline Config config_for(uint16_t port, uint64_t requests, uint32_t concurrency, uint32_t threads = 2) {
  Config c;
  c.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  c.requests = requests;
  c.concurrency = concurrency;
  c.threads = threads;
  return c;
}

inline stats::RunResult run_plan(const engine::Plan& plan) {
  static const std::atomic<bool> never{false};
  engine::ensure_fd_limit(plan);
  return engine::run(plan, never);
}

inline stats::RunResult run_engine(const Config& config, const std::atomic<bool>& stop) {
  const engine::Plan plan = engine::make_plan(config);
  engine::ensure_fd_limit(plan);
  return engine::run(plan, stop);
}

inline stats::RunResult run_engine(const Config& config) {
  static const std::atomic<bool> never{false};
  return run_engine(config, never);
}

// `ringbench serve` in this process, on a free port, for the lifetime of the object.
class InProcessServer {
 public:
  explicit InProcessServer(serve::ServerOptions options = {}) : server_(options), thread_([this] { server_.run(stop_); }) {}
  ~InProcessServer() {
    stop_ = true;
    thread_.join();
  }
  uint16_t port() const { return server_.port(); }
  uint64_t served() const { return server_.requests_served(); }
  uint64_t accepted() const { return server_.connections_accepted(); }

 private:
  serve::Server server_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A loopback port that refuses connections for as long as the object lives: bound, never
// listening. A port that was merely free a moment ago can be taken by a parallel test's server.
class RefusingPort {
 public:
  RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      throw std::runtime_error("RefusingPort: cannot bind a loopback port");
    }
    port_ = ntohs(a.sin_port);
  }
  ~RefusingPort() { close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  uint16_t port() const { return port_; }

 private:
  int fd_;
  uint16_t port_ = 0;
};

}  // namespace ringbench::testing

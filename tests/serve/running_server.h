#pragma once
// A Server serving on its own thread for the lifetime of the object, as the tests use it.
#include <atomic>
#include <chrono>
#include <thread>

#include "ringbench/serve/server.h"

namespace ringbench::serve::testing {

class RunningServer {
 public:
  explicit RunningServer(const ServerOptions& options = {})
      : server_(options), thread_([this] { server_.run(stop_); }) {}
  ~RunningServer() { stop(); }

  // Sets the stop flag and waits for run() to return; returns how long that took.
  std::chrono::milliseconds stop() {
    if (!thread_.joinable()) return std::chrono::milliseconds(0);
    const auto start = std::chrono::steady_clock::now();
    stop_ = true;
    thread_.join();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  }

  Server& server() { return server_; }
  uint16_t port() const { return server_.port(); }

 private:
  Server server_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ringbench::serve::testing

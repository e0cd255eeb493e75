#pragma once
// `ringbench serve` in the test process, for the child ringbench to benchmark.
#include <atomic>
#include <string>
#include <thread>

#include "ringbench/serve/server.h"

namespace ringbench::testing {

class Target {
 public:
  explicit Target(const ringbench::serve::ServerOptions& options = {})
      : server_(options), thread_([this] { server_.run(stop_); }) {}
  ~Target() {
    stop_ = true;
    thread_.join();
  }
  std::string url() const { return server_.address(); }
  uint64_t served() const { return server_.requests_served(); }

 private:
  ringbench::serve::Server server_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ringbench::testing

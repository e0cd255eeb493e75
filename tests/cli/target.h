#pragma once
// `ringbench serve` in the test process, for the child ringbench to benchmark.
#include <atomic>
#include <chrono>
#include <cstdint>
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

// A server that waits `delay` before each answer, with `capacity` answering at once (0: any number).
inline ringbench::serve::ServerOptions delayed(std::chrono::nanoseconds delay, uint32_t capacity = 0) {
  ringbench::serve::ServerOptions o;
  o.delay = delay;
  o.capacity = capacity;
  return o;
}

}  // namespace ringbench::testing

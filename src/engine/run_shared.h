#pragma once
// What the workers of one run share. Read-only while the clock runs, except the stop flag.
#include <atomic>
#include <barrier>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "interval_mailbox.h"
#include "ringbench/engine/live_counters.h"
#include "ringbench/engine/plan.h"

namespace ringbench::engine {

struct RunShared;

// Runs once, on one thread, when every worker has opened its connections: gives the -n quota
// (and the --rate) to workers in proportion to the connections they really opened (so a worker
// whose connections all failed takes no share and -n stays exact), then starts the clock.
struct StartClock {
  RunShared* shared;
  void operator()() noexcept;
};

struct RunShared {
  RunShared(const Plan& p, const std::atomic<bool>& s)
      : plan(p), stop(s), opened(p.workers.size(), 0), quotas(p.workers.size()), shares(p.workers.size(), 0.0),
        mailboxes(p.workers.size()), running(uint32_t(p.workers.size())), start_line(std::ptrdiff_t(p.workers.size()), StartClock{this}) {}

  // A worker that ends tells the thread waiting in run().
  void worker_ended() {
    std::lock_guard lock(ended_mutex);
    --running;
    ended.notify_all();
  }

  const Plan& plan;
  const std::atomic<bool>& stop;
  LiveCounters live;
  std::vector<uint32_t> opened;                 // per worker, written before arriving
  std::vector<std::optional<uint64_t>> quotas;  // per worker, written by StartClock
  std::vector<double> shares;                   // per worker, of --rate and --stages; written by StartClock
  uint64_t warmup_start_ns = 0;                 // written by StartClock; = clock start without warm-up
  std::atomic<uint64_t> clock_start_ns{0};      // the measured window starts here
  uint64_t start_warmup_ns = 0;                 // --start-at: the warm-up left when the connections were open
  uint64_t start_late_ns = 0;                   // --start-at: how long after it the clock started
  bool start_reached = false;                   // --start-at: the wait ended at the start, not by Ctrl-C
  std::vector<IntervalMailbox> mailboxes;       // per worker: finished intervals
  std::mutex ended_mutex;
  std::condition_variable ended;
  uint32_t running;                             // workers not yet ended (under ended_mutex)
  std::barrier<StartClock> start_line;
};

}  // namespace ringbench::engine

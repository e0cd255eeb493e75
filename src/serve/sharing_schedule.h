#pragma once
// serve --capacity K --sharing: processor sharing. Every request is in service from the moment
// it arrives, and all of them share K servers: with n in service each progresses at
// min(1, K/n) of full speed, so every request slows down by max(1, n/K). Throughput still
// saturates at K / delay, but past the knee latency grows for everyone at once rather than
// for the requests at the back of a FIFO queue (service_schedule.h): the other shape a knee
// finder must handle.
//
// A finish time depends on the arrivals still to come, so unlike the FIFO schedule it is not
// known on arrival. The schedule keeps a virtual clock V that advances at the common rate
// min(1, K/n); a request arriving at V = v with service S is done when V reaches v + S. With
// one fixed service time those targets grow with arrival, so requests finish in arrival order
// and a FIFO of targets is the whole state. The worker calls finish_until(now) whenever it
// wakes, and asks next_finish_ns() for when to wake next; arrivals only ever push that later,
// so a wake-up that comes early finds nothing done and sets the next one.
#include <algorithm>
#include <cstdint>
#include <deque>

namespace ringbench::serve {

class SharingSchedule {
 public:
  struct Job {
    uint32_t slot = 0;        // the connection waiting for it
    uint32_t generation = 0;  // of that connection, so a closed one is recognised
  };

  // capacity 0: not sharing (the worker uses the FIFO schedule or none).
  SharingSchedule(uint32_t capacity, uint64_t service_ns) : capacity_(capacity), service_ns_(double(service_ns)) {}

  bool enabled() const noexcept { return capacity_ > 0; }
  size_t in_service() const noexcept { return jobs_.size(); }

  // A request arrives at `now_ns` (after finish_until(now_ns) has run).
  void admit(uint64_t now_ns, Job job) {
    advance_to(now_ns);
    jobs_.push_back({virtual_ns_ + service_ns_, job});
  }

  // Calls done(job, finish_ns) for every request finished by `now_ns`, in finishing order.
  template <class Done>
  void finish_until(uint64_t now_ns, Done done) {
    while (!jobs_.empty()) {
      const double finish = wall_ns_ + (jobs_.front().target - virtual_ns_) / rate();
      if (finish > double(now_ns)) break;
      wall_ns_ = finish;
      virtual_ns_ = jobs_.front().target;
      const Job job = jobs_.front().job;
      jobs_.pop_front();
      done(job, uint64_t(finish));
    }
    advance_to(now_ns);
  }

  // When the oldest request finishes if nothing else arrives; 0 when none is in service.
  uint64_t next_finish_ns() const noexcept {
    if (jobs_.empty()) return 0;
    return uint64_t(wall_ns_ + (jobs_.front().target - virtual_ns_) / rate()) + 1;
  }

 private:
  struct Entry {
    double target = 0;  // the virtual time at which it is done
    Job job;
  };

  double rate() const noexcept {
    const double n = double(jobs_.size());
    return n <= capacity_ ? 1.0 : double(capacity_) / n;
  }

  // Virtual time runs at rate() while nothing finishes; with nobody in service it restarts at
  // 0, so the doubles never grow large enough to lose nanoseconds.
  void advance_to(uint64_t now_ns) {
    const double now = double(now_ns);
    if (jobs_.empty()) {
      virtual_ns_ = 0;
    } else if (now > wall_ns_) {
      virtual_ns_ += (now - wall_ns_) * rate();
    }
    wall_ns_ = std::max(wall_ns_, now);
  }

  uint32_t capacity_;
  double service_ns_;
  double virtual_ns_ = 0, wall_ns_ = 0;
  std::deque<Entry> jobs_;
};

}  // namespace ringbench::serve

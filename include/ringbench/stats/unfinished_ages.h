#pragma once
// How long each request still in flight had been waiting when the run stopped waiting for it
// (the -z deadline, or the end of --drain). Such a request is in no latency figure, so a server
// that froze near the end of a run shows here and nowhere else. Exact: one value per request
// (at most one per connection), kept until the report.
#include <cstdint>
#include <vector>

namespace ringbench::stats {

class UnfinishedAges {
 public:
  void add(uint64_t age_ns) { ages_ns_.push_back(age_ns); }
  void merge(const UnfinishedAges& other);

  uint64_t count() const noexcept { return ages_ns_.size(); }
  const std::vector<uint64_t>& ages_ns() const noexcept { return ages_ns_; }  // as added
  uint64_t max_ns() const noexcept;  // 0 when empty
  // The median by the rank rule of Histogram::percentile: the ceil(count / 2)-th smallest.
  uint64_t p50_ns() const;  // 0 when empty

 private:
  std::vector<uint64_t> ages_ns_;
};

}  // namespace ringbench::stats

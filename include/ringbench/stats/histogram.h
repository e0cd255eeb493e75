#pragma once
// HDR-style log-linear latency histogram (like HdrHistogram): one flat counts array sized
// once, O(1) record, 3 significant decimal digits, values in nanoseconds from 1 ns to 1 h.
// Values above 1 h are counted (overflow) and reported as the highest trackable value,
// never dropped. Two histograms merge exactly by adding counts.
#include <cstdint>
#include <vector>

namespace ringbench::stats {

class Histogram {
 public:
  static constexpr uint64_t highest_trackable_ns = 3'600'000'000'000ull;  // 1 h
  static constexpr int significant_digits = 3;

  Histogram();

  void record(uint64_t value_ns) noexcept { record(value_ns, 1); }
  void record(uint64_t value_ns, uint64_t count) noexcept;
  void merge(const Histogram& other) noexcept;
  void reset() noexcept;

  uint64_t count() const noexcept { return total_; }
  uint64_t overflow() const noexcept { return overflow_; }  // values above highest_trackable_ns
  uint64_t min() const noexcept;                           // 0 when empty
  uint64_t max() const noexcept;                           // 0 when empty
  double mean() const noexcept;
  double stdev() const noexcept;
  // Value at percentile p in [0, 100]: the highest value equivalent (within precision) of the
  // bucket holding the ceil(p/100 * count)-th sample. 0 when empty.
  uint64_t percentile(double p) const noexcept;

  // Calls f(lowest_equivalent_ns, highest_equivalent_ns, count) for every non-empty bucket in
  // increasing order. Recording `lowest_equivalent_ns` `count` times into an empty histogram
  // rebuilds this one exactly (that is how the JSON form is read back).
  template <class F>
  void for_each_bucket(F&& f) const {
    for (uint32_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] != 0) f(lowest_equivalent(i), highest_equivalent(i), counts_[i]);
    }
  }

  // Lowest / highest value that lands in the same bucket as `value_ns`.
  uint64_t lowest_equivalent_value(uint64_t value_ns) const noexcept;
  uint64_t highest_equivalent_value(uint64_t value_ns) const noexcept;

 private:
  uint32_t index_of(uint64_t value) const noexcept;
  uint64_t lowest_equivalent(uint32_t index) const noexcept;
  uint64_t highest_equivalent(uint32_t index) const noexcept;

  std::vector<uint64_t> counts_;
  uint64_t total_ = 0;
  uint64_t overflow_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  double sum_ = 0;     // exact values, for mean
  double sum_sq_ = 0;  // for stdev
};

}  // namespace ringbench::stats

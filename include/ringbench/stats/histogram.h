#pragma once
// HDR-style log-linear latency histogram (like HdrHistogram): one flat counts array sized
// once, O(1) record, 3 significant decimal digits, values in nanoseconds from 1 ns to 1 h.
// Values above 1 h are counted (overflow) and reported as the highest trackable value,
// never dropped. Two histograms merge exactly by adding counts.
//
// Layout (HdrHistogram with unit 1 ns, 2048 sub-buckets): values 0..2047 have a bucket
// each; above that every power-of-two range [1024·2^k, 2048·2^k) is cut into 1024 equal
// buckets of width 2^k, so a bucket is never wider than 1/1024 of its values (< 0.1 %).
// 33421 buckets reach 1 h: about 261 KiB of counts per histogram, allocated in the
// constructor and never again.
//
// A value above 1 h is recorded as exactly 1 h everywhere (bucket, min, max, mean, stdev)
// and also counted in overflow(): the report then shows "> 1 h" consistently instead of
// percentiles that disagree with max, and the exact integer sums stay bounded.
#include <cstdint>
#include <vector>

namespace ringbench::stats {

class Histogram {
 public:
  static constexpr uint64_t highest_trackable_ns = 3'600'000'000'000ull;  // 1 h
  static constexpr int significant_digits = 3;

  // Copying copies the counts (261 KiB); a moved-from Histogram has no counts array and may
  // only be assigned to or destroyed.
  Histogram();

  void record(uint64_t value_ns) noexcept { record(value_ns, 1); }
  void record(uint64_t value_ns, uint64_t count) noexcept;
  void merge(const Histogram& other) noexcept;
  void reset() noexcept;

  uint64_t count() const noexcept { return total_; }
  uint64_t overflow() const noexcept { return overflow_; }  // values above highest_trackable_ns
  uint64_t min() const noexcept;                           // 0 when empty
  uint64_t max() const noexcept;                           // 0 when empty
  double mean() const noexcept;                            // 0 when empty
  // Exact sum of the recorded values (each clamped to 1 h as above), saturating at 2^64 - 1 ns
  // (584 years of latency): what the request phases of the same responses add up to.
  uint64_t sum_ns() const noexcept { return sum_ > UINT64_MAX ? UINT64_MAX : uint64_t(sum_); }
  // Exact sum of the squares, ns^2 (for stdev), beyond 64 bits.
  __extension__ using Wide = unsigned __int128;
  Wide sum_of_squares() const noexcept { return sum_sq_; }
  // A histogram rebuilt from its buckets (the JSON form read back) has sums of the buckets'
  // values; this puts back the exact ones the document also holds, so its mean and stdev are
  // the recorded ones again (and a merge of such histograms has the union's).
  void restore_sums(uint64_t sum_ns, Wide sum_of_squares) noexcept {
    sum_ = sum_ns;
    sum_sq_ = sum_of_squares;
  }
  double stdev() const noexcept;                           // population stdev; 0 when empty
  // Value at percentile p in [0, 100]: the highest value equivalent (within precision) of the
  // bucket holding the ceil(p/100 * count)-th sample, clamped to [min(), max()] so that no
  // percentile ever exceeds the slowest sample. 0 when empty.
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

  // Lowest / highest value that lands in the same bucket as `value_ns` (values above
  // highest_trackable_ns land in the top bucket).
  uint64_t lowest_equivalent_value(uint64_t value_ns) const noexcept;
  uint64_t highest_equivalent_value(uint64_t value_ns) const noexcept;

 private:
  // Wide: exact sums of up to 2^44 samples of 1 h squared; __extension__ keeps -Wpedantic quiet.
  uint32_t index_of(uint64_t value) const noexcept;
  uint64_t lowest_equivalent(uint32_t index) const noexcept;
  uint64_t highest_equivalent(uint32_t index) const noexcept;

  std::vector<uint64_t> counts_;
  uint64_t total_ = 0;
  uint64_t overflow_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  Wide sum_ = 0;     // exact, for mean
  Wide sum_sq_ = 0;  // exact, for stdev without cancellation
};

}  // namespace ringbench::stats

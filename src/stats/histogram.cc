#include "ringbench/stats/histogram.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>

namespace ringbench::stats {

namespace {

// 3 significant digits need 2·10^3 distinct sub-buckets per power of two; rounded up to a
// power of two so that the bucket of a value is found with shifts (HdrHistogram's layout).
constexpr uint32_t sub_bucket_count = 2048;
constexpr uint32_t sub_bucket_half_count = sub_bucket_count / 2;
constexpr int sub_bucket_half_count_magnitude = 10;  // log2(sub_bucket_half_count)
constexpr uint64_t sub_bucket_mask = sub_bucket_count - 1;

static_assert(sub_bucket_half_count == 1u << sub_bucket_half_count_magnitude);

// Which power-of-two range `value` is in: 0 for 0..2047, k for [1024·2^k, 2048·2^k).
// OR-ing the mask makes small values share bucket 0 and keeps countl_zero's input non-zero.
constexpr int bucket_of(uint64_t value) noexcept {
  return 64 - std::countl_zero(value | sub_bucket_mask) - (sub_bucket_half_count_magnitude + 1);
}

constexpr uint32_t counts_index(uint64_t value) noexcept {
  const int bucket = bucket_of(value);
  const auto sub_bucket = static_cast<uint32_t>(value >> bucket);
  // Bucket 0 uses all 2048 sub-buckets; every later bucket only its upper half, since its
  // lower half is covered (at double resolution) by the bucket before.
  return (static_cast<uint32_t>(bucket + 1) << sub_bucket_half_count_magnitude) +
         (sub_bucket - sub_bucket_half_count);
}

constexpr uint32_t counts_length = counts_index(Histogram::highest_trackable_ns) + 1;
static_assert(counts_length == 33421, "layout changed: update the memory note in histogram.h");

// A rank `ceil(p/100·n)` from floating point: 99.9/100·1000 evaluates to 999.0000000000001
// and must still mean the 999th sample, so the product is nudged down by a few ulps first.
uint64_t rank_at(double p, uint64_t total) noexcept {
  const double q = p > 0 ? std::min(p, 100.0) : 0.0;  // also maps NaN to 0
  const double exact = q / 100.0 * static_cast<double>(total);
  const auto rank = static_cast<uint64_t>(std::ceil(exact * (1.0 - 4 * DBL_EPSILON)));
  return std::clamp<uint64_t>(rank, 1, total);
}

}  // namespace

Histogram::Histogram() : counts_(counts_length, 0) {}

uint32_t Histogram::index_of(uint64_t value) const noexcept { return counts_index(value); }

uint64_t Histogram::lowest_equivalent(uint32_t index) const noexcept {
  int bucket = static_cast<int>(index >> sub_bucket_half_count_magnitude) - 1;
  uint64_t sub_bucket = (index & (sub_bucket_half_count - 1)) + sub_bucket_half_count;
  if (bucket < 0) {  // the first 1024 indexes are the lower half of bucket 0
    sub_bucket -= sub_bucket_half_count;
    bucket = 0;
  }
  return sub_bucket << bucket;
}

uint64_t Histogram::highest_equivalent(uint32_t index) const noexcept {
  const int bucket = std::max(static_cast<int>(index >> sub_bucket_half_count_magnitude) - 1, 0);
  return lowest_equivalent(index) + (uint64_t{1} << bucket) - 1;
}

uint64_t Histogram::lowest_equivalent_value(uint64_t value_ns) const noexcept {
  return lowest_equivalent(index_of(std::min(value_ns, highest_trackable_ns)));
}

uint64_t Histogram::highest_equivalent_value(uint64_t value_ns) const noexcept {
  return highest_equivalent(index_of(std::min(value_ns, highest_trackable_ns)));
}

void Histogram::record(uint64_t value_ns, uint64_t count) noexcept {
  if (count == 0) return;  // must not move min/max
  uint64_t value = value_ns;
  if (value > highest_trackable_ns) [[unlikely]] {
    value = highest_trackable_ns;
    overflow_ += count;
  }
  counts_[index_of(value)] += count;
  total_ += count;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += Wide{value} * count;
  sum_sq_ += Wide{value} * value * count;
}

void Histogram::merge(const Histogram& other) noexcept {
  // Every histogram has the same layout, so bucket i means the same range in both.
  for (uint32_t i = 0; i < counts_length; ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
  overflow_ += other.overflow_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
  sum_sq_ += other.sum_sq_;
}

void Histogram::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = overflow_ = max_ = 0;
  min_ = UINT64_MAX;
  sum_ = sum_sq_ = 0;
}

uint64_t Histogram::min() const noexcept { return total_ ? min_ : 0; }

uint64_t Histogram::max() const noexcept { return max_; }

double Histogram::mean() const noexcept {
  return total_ ? static_cast<double>(sum_) / static_cast<double>(total_) : 0.0;
}

double Histogram::stdev() const noexcept {
  if (total_ == 0) return 0.0;
  // var = E[x²] − mean². In doubles both terms are ~mean² and their difference drowns in
  // rounding when the spread is small next to the mean (1 s ± 1 µs). Split both into an
  // exact integer part and a fraction below 1: E[x²] = q1 + r1/n, mean = q2 + f2. Then
  // var = (q1 − q2²) + r1/n − 2·q2·f2 − f2², where the big subtraction is exact.
  const Wide n = total_;
  const Wide q1 = sum_sq_ / n, r1 = sum_sq_ % n;
  const Wide q2 = sum_ / n, r2 = sum_ % n;
  const double dn = static_cast<double>(total_);
  const double f2 = static_cast<double>(r2) / dn;
  const double var = static_cast<double>(q1 - q2 * q2) + static_cast<double>(r1) / dn -
                     2.0 * static_cast<double>(q2) * f2 - f2 * f2;
  return var > 0 ? std::sqrt(var) : 0.0;
}

uint64_t Histogram::percentile(double p) const noexcept {
  if (total_ == 0) return 0;
  const uint64_t rank = rank_at(p, total_);
  uint64_t seen = 0;
  uint32_t i = 0;
  while (i + 1 < counts_length && seen + counts_[i] < rank) seen += counts_[i++];
  // A bucket's highest equivalent can lie above the slowest sample (10 samples: p95..p100 all
  // in max's bucket) or, never in practice, below the fastest; min and max are exact, so no
  // reported percentile may leave [min, max].
  return std::clamp(highest_equivalent(i), min_, max_);
}

}  // namespace ringbench::stats

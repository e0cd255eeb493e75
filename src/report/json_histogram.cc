#include "json_histogram.h"

#include <string>
#include <vector>

#include "ringbench/core/error.h"
#include "ringbench/report/json_report.h"

namespace ringbench::report {

using json = nlohmann::ordered_json;
using stats::Histogram;

namespace {

// A 128-bit count as decimal digits: JSON numbers stop being exact above 2^64 in most readers.
std::string decimal(Histogram::Wide value) {
  std::string digits;
  do {
    digits.insert(digits.begin(), char('0' + int(value % 10)));
    value /= 10;
  } while (value != 0);
  return digits;
}

Histogram::Wide wide_of(const std::string& digits) {
  constexpr Histogram::Wide most = ~Histogram::Wide{0};
  Histogram::Wide value = 0;
  for (char d : digits) {
    const auto digit = Histogram::Wide(d - '0');
    if (d < '0' || d > '9' || value > (most - digit) / 10) throw_usage("histogram: sum_squares_ns2 is not a 128-bit decimal count");
    value = value * 10 + digit;
  }
  if (digits.empty()) throw_usage("histogram: sum_squares_ns2 is empty");
  return value;
}

}  // namespace

json histogram_json(const Histogram& h) {
  json buckets = json::array();
  h.for_each_bucket([&](uint64_t lowest, uint64_t, uint64_t count) {
    buckets.push_back(json::array({lowest, count}));
  });
  return {
      {"unit", "ns"},
      {"significant_digits", Histogram::significant_digits},
      {"highest_trackable", Histogram::highest_trackable_ns},
      {"overflow", h.overflow()},  // these samples are also in the top bucket's count
      {"min", h.min()},            // exact, unlike a bucket's value: percentiles never
      {"max", h.max()},            // leave [min, max]
      // The exact sums behind the mean and stdev (the buckets only hold each value to 0.1 %).
      {"sum_ns", h.sum_ns()},
      {"sum_squares_ns2", decimal(h.sum_of_squares())},
      {"buckets", std::move(buckets)},
  };
}

namespace {

// A histogram with another unit or layout cannot be read back into ours bucket for bucket.
void check_layout(const json& histogram) {
  if (histogram.at("unit") != "ns" ||
      histogram.at("significant_digits") != Histogram::significant_digits ||
      histogram.at("highest_trackable") != Histogram::highest_trackable_ns) {
    throw_usage("histogram: not a ringbench histogram (unit, digits or range differ)");
  }
}


Histogram read_histogram(const json& histogram) {
  check_layout(histogram);
  const auto overflow = histogram.at("overflow").get<uint64_t>();
  // The exact fastest and slowest samples, when the document has them (older ones do not):
  // one sample of their bucket is recorded at its true value, so min(), max() and the
  // percentiles clamped to them read back as they were written.
  std::vector<uint64_t> exact;
  for (const char* key : {"min", "max"}) {
    if (histogram.contains(key)) exact.push_back(histogram.at(key).get<uint64_t>());
  }
  if (exact.size() == 2 && exact[0] == exact[1]) exact.pop_back();
  Histogram h;
  const uint64_t top = h.lowest_equivalent_value(Histogram::highest_trackable_ns);
  for (const json& bucket : histogram.at("buckets")) {
    const auto lowest = bucket.at(0).get<uint64_t>();
    auto count = bucket.at(1).get<uint64_t>();
    // Overflowed samples sit in the top bucket; recording them above the range again
    // restores overflow() as well as the bucket.
    if (lowest == top) {
      if (count < overflow) throw_usage("histogram: overflow exceeds the top bucket's count");
      count -= overflow;
      h.record(Histogram::highest_trackable_ns + 1, overflow);
    }
    for (uint64_t value : exact) {
      if (count > 0 && h.lowest_equivalent_value(value) == lowest) {
        h.record(value);
        --count;
      }
    }
    // The rest of the fastest sample's bucket are no faster than it: at the bucket's lowest
    // value they would take min() below the written one (same bucket, same percentiles).
    const bool holds_min = !exact.empty() && histogram.contains("min") && h.lowest_equivalent_value(exact.front()) == lowest;
    h.record(holds_min ? exact.front() : lowest, count);
  }
  if (h.overflow() != overflow) throw_usage("histogram: overflow without a top bucket");
  if (histogram.contains("sum_ns") && histogram.contains("sum_squares_ns2")) {
    h.restore_sums(histogram.at("sum_ns").get<uint64_t>(), wide_of(histogram.at("sum_squares_ns2").get<std::string>()));
  }
  return h;
}

}  // namespace

// A document ringbench did not write may hold anything: a value of the wrong type is the
// same clean error as a missing key, never an exception from the JSON library.
Histogram histogram_from_json(const json& histogram) {
  try {
    return read_histogram(histogram);
  } catch (const nlohmann::json::exception& e) {
    throw_usage(std::string("histogram: not a ringbench histogram (") + e.what() + ")");
  }
}

}  // namespace ringbench::report

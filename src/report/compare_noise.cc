#include "compare_noise.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;

// An interval at least this share of the typical (median) one is whole: the last is shorter (it
// ends with the run) and its rate and percentiles rest on fewer samples. The median, not the
// longest: a cut made late by a busy machine stretches one interval and shortens the next, and
// measured against the stretched one every ordinary second would look partial.
constexpr double whole_share = 0.9;

struct Series {
  std::vector<double> rps, p50_us, p90_us, p99_us;
  std::string problem;  // non-empty: the series cannot be used
};

bool interval_is_readable(const json& i) {
  const auto number = [&](const char* path) {
    const json::json_pointer p(path);
    return i.contains(p) && i.at(p).is_number();
  };
  return i.is_object() && number("/start_s") && number("/end_s") && number("/rps") &&
         number("/responses") && number("/latency_ms/p50") && number("/latency_ms/p90") &&
         number("/latency_ms/p99");
}

double length_of(const json& i) { return i.at("end_s").get<double>() - i.at("start_s").get<double>(); }

Series series_of(const json& doc, const char* which) {
  Series s;
  if (!doc.contains("intervals") || !doc.at("intervals").is_array()) {
    s.problem = fmt::format("the {} report has no intervals", which);
    return s;
  }
  const json& intervals = doc.at("intervals");
  std::vector<double> lengths;
  for (const json& i : intervals) {
    if (!interval_is_readable(i)) {
      s.problem = fmt::format("the {} report's intervals are malformed", which);
      return s;
    }
    lengths.push_back(length_of(i));
  }
  const auto median = lengths.begin() + std::ptrdiff_t(lengths.size() / 2);
  if (!lengths.empty()) std::nth_element(lengths.begin(), median, lengths.end());
  const double typical = lengths.empty() ? 0 : *median;
  for (const json& i : intervals) {
    if (typical <= 0 || length_of(i) < whole_share * typical) continue;
    s.rps.push_back(i.at("rps").get<double>());
    if (i.at("responses").get<double>() <= 0) continue;  // no latency without a response
    const json& ms = i.at("latency_ms");
    s.p50_us.push_back(ms.at("p50").get<double>() * 1000.0);
    s.p90_us.push_back(ms.at("p90").get<double>() * 1000.0);
    s.p99_us.push_back(ms.at("p99").get<double>() * 1000.0);
  }
  if (s.rps.size() < min_noise_intervals) {
    s.problem = fmt::format("the {} run has {} whole interval{}, {} needed", which, s.rps.size(),
                            s.rps.size() == 1 ? "" : "s", min_noise_intervals);
  }
  return s;
}

// Squared standard error of the mean (sample variance / n).
double squared_standard_error(const std::vector<double>& xs) {
  const double n = double(xs.size());
  double mean = 0;
  for (double x : xs) mean += x / n;
  double squares = 0;
  for (double x : xs) squares += (x - mean) * (x - mean);
  return squares / (n - 1) / n;
}

}  // namespace

std::optional<double> noise_band(const std::vector<double>& base, const std::vector<double>& current) {
  if (base.size() < min_noise_intervals || current.size() < min_noise_intervals) return std::nullopt;
  return 2.0 * std::sqrt(squared_standard_error(base) + squared_standard_error(current));
}

Noise noise_of(const json& base, const json& current) {
  const Series b = series_of(base, "base");
  const Series c = series_of(current, "current");
  Noise noise;
  noise.base_intervals = b.rps.size();
  noise.current_intervals = c.rps.size();
  noise.unavailable = !b.problem.empty() ? b.problem : c.problem;
  if (!noise.unavailable.empty()) return noise;
  noise.rps = noise_band(b.rps, c.rps);
  noise.p50_us = noise_band(b.p50_us, c.p50_us);
  noise.p90_us = noise_band(b.p90_us, c.p90_us);
  noise.p99_us = noise_band(b.p99_us, c.p99_us);
  return noise;
}

}  // namespace ringbench::report

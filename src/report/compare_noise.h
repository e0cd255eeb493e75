#pragma once
// Run-to-run noise for `compare`, from the per-second intervals both runs recorded.
//
// Method: for a metric (requests/s, p50, p90, p99), take its value in each whole interval of
// a run (the last, shorter interval is left out; latency only from intervals that had a
// response), and the standard error of their mean, stddev / sqrt(n). The two runs' errors
// combine as sqrt(se_base² + se_current²); a change smaller than twice that (about 95 % if
// the seconds were independent) is within the noise the runs themselves show. At least three
// whole intervals per run are needed for a spread to mean anything.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ringbench::report {

inline constexpr size_t min_noise_intervals = 3;

// 2 × the combined standard error of the two series' means; nullopt when either has fewer
// than min_noise_intervals values.
std::optional<double> noise_band(const std::vector<double>& base, const std::vector<double>& current);

struct Noise {
  // Half-widths in the units of the compare table (requests/s, latency in µs).
  std::optional<double> rps, p50_us, p90_us, p99_us;
  size_t base_intervals = 0, current_intervals = 0;  // whole intervals used
  std::string unavailable;  // why there is no band at all ("" when there is one)
};

// From the "intervals" members; a missing, short or malformed series leaves the band unset
// and says why rather than failing the comparison.
Noise noise_of(const nlohmann::ordered_json& base, const nlohmann::ordered_json& current);

}  // namespace ringbench::report

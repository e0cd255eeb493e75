#pragma once
// How the sweep's JSON documents write figures, shared by the concurrency sweep's
// (sweep_json.cc) and the capacity search's (rate_json.cc). Private to module sweep.
#include <cmath>

#include <nlohmann/json.hpp>

#include "ringbench/sweep/point.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep {

// Rounded to `decimals` so the document reads as figures, not as binary noise
// (0.30000000000000004); JSON has no NaN or infinity, so those become null.
inline nlohmann::ordered_json number(double value, int decimals) {
  if (!std::isfinite(value)) return nullptr;
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(value * scale) / scale;
  return std::isfinite(rounded) ? nlohmann::ordered_json(rounded) : nlohmann::ordered_json(value);
}

inline nlohmann::ordered_json rps(double value) { return number(value, 3); }
inline nlohmann::ordered_json ms(double value) { return number(value, 6); }  // to the nanosecond
inline nlohmann::ordered_json fraction(double value) { return number(value, 6); }
inline nlohmann::ordered_json pct(double value) { return number(value, 3); }

// A concurrency level's members (sweep_json.cc): the baseline of both kinds of sweep.
nlohmann::ordered_json point_json(const Point& point);

// The members every sweep document has, in their order: `settings` (beyond params) follow the
// params, `findings` (what the search found) the baseline.
nlohmann::ordered_json sweep_document(const SweepResult& result, const char* mode, nlohmann::ordered_json params,
                                      nlohmann::ordered_json settings, nlohmann::ordered_json findings);

// The document of sweep --rate (rate_json.cc); to_json hands a rate sweep to it.
nlohmann::ordered_json rate_sweep_json(const SweepResult& result);

}  // namespace ringbench::sweep

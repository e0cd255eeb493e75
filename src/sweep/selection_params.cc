#include <cmath>
#include <string>

#include <fmt/format.h>

#include "ringbench/core/error.h"
#include "ringbench/sweep/selection.h"

namespace ringbench::sweep {

namespace {

void require(bool ok, std::string_view flag, double value, std::string_view rule) {
  if (!ok || !std::isfinite(value)) {
    throw_usage(fmt::format("{}: {} must be {}", flag, value, rule));
  }
}

}  // namespace

std::string_view name_of(PickMethod method) {
  switch (method) {
    case PickMethod::power: return "power";
    case PickMethod::knee: return "knee";
    default: return "score";
  }
}

PickMethod parse_pick_method(std::string_view text) {
  if (text == "power") return PickMethod::power;
  if (text == "knee") return PickMethod::knee;
  if (text == "score") return PickMethod::score;
  throw_usage("--pick: invalid method '" + std::string(text) + "' (expected power, knee or score)");
}

void check_selection_params(const SelectionParams& p) {
  require(p.knee_ratio > 0 && p.knee_ratio <= 1, "--knee-ratio", p.knee_ratio,
          "in (0, 1], e.g. 0.95");
  require(p.max_errors >= 0 && p.max_errors <= 1, "--max-errors", p.max_errors,
          "a fraction in [0, 1], e.g. 0.01");
  require(p.max_spread > 0, "--max-spread", p.max_spread, "above 0, e.g. 4.0");
  require(p.max_p999_ratio > 0, "--max-p999-ratio", p.max_p999_ratio, "above 0, e.g. 8.0");
  require(p.max_tail_mult > 0, "--max-tail-mult", p.max_tail_mult, "above 0, e.g. 3.0");
  require(p.max_overhead_pct >= 0, "--max-overhead-pct", p.max_overhead_pct,
          "a percentage of at least 0, e.g. 25");
  require(p.max_rps_deficit_pct >= 0, "--max-rps-deficit-pct", p.max_rps_deficit_pct,
          "a percentage of at least 0, e.g. 50");
}

}  // namespace ringbench::sweep

// The disqualification rules of a sweep: each returns the reason a point fails it, or nothing.
#include <optional>
#include <string>

#include <fmt/format.h>

#include "figure_format.h"
#include "ringbench/sweep/selection.h"

namespace ringbench::sweep {

namespace {

using Reason = std::optional<std::string>;

Reason zero_rps(const Measure& m) {
  if (m.rps > 0) return std::nullopt;
  return "zero rps: no response completed";
}

// --max-errors: the failed rate (transport errors + 4xx + 5xx over all requests), so a level
// answering 503s is as disqualified as one timing out, while redirects are not failures.
Reason failed_rate(const Measure& m, const SelectionParams& p) {
  if (!(m.failed_rate > p.max_errors)) return std::nullopt;
  return fmt::format("failed rate {}% > max {}%",
                     value_beside(m.failed_rate * 100, p.max_errors * 100, 1),
                     limit_text(p.max_errors * 100, 1));
}

// p99/p50 and p99.9/p50 only mean something with a p50: without latency samples the
// sample-count flags say so instead.
Reason spread(const Measure& m, const SelectionParams& p) {
  if (m.p50_ms <= 0 || !(m.p99_ms / m.p50_ms > p.max_spread)) return std::nullopt;
  return fmt::format("p99/p50 {} > max spread {}", value_beside(m.p99_ms / m.p50_ms, p.max_spread, 1),
                     limit_text(p.max_spread, 1));
}

Reason p999_ratio(const Measure& m, const SelectionParams& p) {
  if (m.p50_ms <= 0 || !(m.p999_ms / m.p50_ms > p.max_p999_ratio)) return std::nullopt;
  return fmt::format("p99.9/p50 {} > max {}",
                     value_beside(m.p999_ms / m.p50_ms, p.max_p999_ratio, 1),
                     limit_text(p.max_p999_ratio, 1));
}

// The baseline's p99 when it has the samples for one (tail_percentile_of), else its p90.
Reason tail_mult(const Measure& m, const Measure& baseline, const SelectionParams& p) {
  const TailPercentile tail = tail_percentile_of(baseline);
  if (tail == TailPercentile::none) return std::nullopt;
  const bool p99 = tail == TailPercentile::p99;
  const double base = p99 ? baseline.p99_ms : baseline.p90_ms, seen = p99 ? m.p99_ms : m.p90_ms;
  if (base <= 0) return std::nullopt;
  const double mult = seen / base;
  if (!(mult > p.max_tail_mult)) return std::nullopt;
  const char* name = p99 ? "p99" : "p90";
  return fmt::format("{} {} ms is {}× baseline {} {} ms > max {}×", name, ms_text(seen),
                     value_beside(mult, p.max_tail_mult, 1), name, ms_text(base), limit_text(p.max_tail_mult, 1));
}

Reason overhead(const Point& point, const SelectionParams& p) {
  if (!point.overhead_pct || !(*point.overhead_pct > p.max_overhead_pct)) return std::nullopt;
  return fmt::format("overhead {}{}% > max {}%", *point.overhead_pct > 0 ? "+" : "",
                     value_beside(*point.overhead_pct, p.max_overhead_pct, 1),
                     limit_text(p.max_overhead_pct, 1));
}

Reason rps_deficit(const Point& point, const SelectionParams& p) {
  if (!point.rps_deficit_pct || !(*point.rps_deficit_pct > p.max_rps_deficit_pct)) {
    return std::nullopt;
  }
  return fmt::format("rps deficit {}% > max {}%",
                     value_beside(*point.rps_deficit_pct, p.max_rps_deficit_pct, 1),
                     limit_text(p.max_rps_deficit_pct, 1));
}

// The first rule the point fails, in the documented order.
Reason first_failure(const Point& point, const Point& baseline, const SelectionParams& p,
                     bool paired) {
  const Measure& m = point.chosen;
  if (Reason r = zero_rps(m)) return r;
  if (Reason r = failed_rate(m, p)) return r;
  if (Reason r = spread(m, p)) return r;
  if (Reason r = p999_ratio(m, p)) return r;
  if (Reason r = tail_mult(m, baseline.chosen, p)) return r;
  if (!paired) return std::nullopt;
  if (Reason r = overhead(point, p)) return r;
  return rps_deficit(point, p);
}

}  // namespace

TailPercentile tail_percentile_of(const Measure& baseline) {
  // A hand-made or saved baseline without a sample count is taken at its word.
  if (baseline.samples == 0 || baseline.samples >= samples_for_p99) return TailPercentile::p99;
  if (baseline.samples >= samples_for_p90) return TailPercentile::p90;
  return TailPercentile::none;
}

void judge(std::vector<Point>& points, const Point& baseline, const SelectionParams& params,
           bool paired) {
  for (Point& point : points) {
    point.score = score_of(point.chosen);
    point.power = power_of(point.chosen);
    point.disqualified = first_failure(point, baseline, params, paired);
  }
}

}  // namespace ringbench::sweep

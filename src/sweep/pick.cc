// The sweet-spot pick among judged points, and the sentence that explains it.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "figure_format.h"
#include "ringbench/sweep/selection.h"

namespace ringbench::sweep {

namespace {

using Points = std::vector<const Point*>;

Points qualified_of(const std::vector<Point>& points) {
  Points qualified;
  for (const Point& p : points) {
    if (!p.disqualified) qualified.push_back(&p);
  }
  return qualified;
}

// The point `better` prefers; ties (neither better) go to the smaller concurrency.
template <class Better>
const Point* best_of(const Points& points, Better better) {
  const Point* best = nullptr;
  for (const Point* p : points) {
    if (!best || better(*p, *best) ||
        (!better(*best, *p) && p->concurrency < best->concurrency)) {
      best = p;
    }
  }
  return best;
}

const Point* peak_of(const Points& points) {
  return best_of(points, [](const Point& a, const Point& b) { return a.chosen.rps > b.chosen.rps; });
}

const Point* knee_of(const Points& qualified, double peak_rps, double knee_ratio) {
  Points reaching;
  for (const Point* p : qualified) {
    if (p->chosen.rps >= knee_ratio * peak_rps) reaching.push_back(p);
  }
  return best_of(reaching, [](const Point& a, const Point& b) { return a.concurrency < b.concurrency; });
}

const Point* top_score_of(const Points& qualified) {
  return best_of(qualified, [](const Point& a, const Point& b) { return a.score > b.score; });
}

const Point* top_power_of(const Points& qualified) {
  return best_of(qualified, [](const Point& a, const Point& b) { return a.power > b.power; });
}

// Paired fallback: the point whose target strays least from the reference; points without an
// overhead figure cannot be compared and are left out.
const Point* least_overhead_of(const std::vector<Point>& points) {
  Points with_overhead;
  for (const Point& p : points) {
    if (p.overhead_pct) with_overhead.push_back(&p);
  }
  return best_of(with_overhead,
                 [](const Point& a, const Point& b) { return *a.overhead_pct < *b.overhead_pct; });
}

Points all_of(const std::vector<Point>& points) {
  Points all;
  for (const Point& p : points) all.push_back(&p);
  return all;
}

std::string of_peak(const Point& chosen, const SweetSpot& spot) {
  const double pct = spot.peak_rps > 0 ? chosen.chosen.rps / spot.peak_rps * 100 : 0;
  return fmt::format("{} of peak {} rps @ c={}", percent_text(pct), rps_text(spot.peak_rps),
                     spot.peak_concurrency);
}

std::string tail_note(const Point& chosen, const std::optional<Point>& baseline) {
  if (!baseline || baseline->chosen.p99_ms <= 0) return "";
  return fmt::format("; p99 {}× baseline", ratio_text(chosen.chosen.p99_ms / baseline->chosen.p99_ms));
}

std::string disqualified_note(size_t disqualified, size_t total) {
  if (disqualified == 0) return "";
  return fmt::format("; {} of {} points disqualified", disqualified, total);
}

std::string knee_reason(const Point& chosen, const SweetSpot& spot, const SelectionParams& p) {
  return fmt::format("smallest c reaching {} (knee ratio {})", of_peak(chosen, spot),
                     limit_text(p.knee_ratio, 2));
}

std::string score_reason(const Point& chosen, const SweetSpot& spot) {
  const Measure& m = chosen.chosen;
  return fmt::format("highest score {} = {} rps / (p99/p50 {})²; {}", grouped(chosen.score),
                     rps_text(m.rps), ratio_text(m.p99_ms / m.p50_ms), of_peak(chosen, spot));
}

std::string power_reason(const Point& chosen, const SweetSpot& spot) {
  const Measure& m = chosen.chosen;
  return fmt::format("highest power {} = {} rps / mean latency {} ms (c / rps); {}", grouped(chosen.power),
                     rps_text(m.rps), ms_text(1e3 * double(chosen.concurrency) / m.rps), of_peak(chosen, spot));
}

std::string chosen_reason(const Point& chosen, const SweetSpot& spot, const SelectionParams& p) {
  switch (p.pick) {
    case PickMethod::power: return power_reason(chosen, spot);
    case PickMethod::knee: return knee_reason(chosen, spot, p);
    default: return score_reason(chosen, spot);
  }
}

std::string fallback_reason(const Point& chosen, size_t total, bool by_overhead, bool paired) {
  std::string how;
  if (by_overhead) {
    how = fmt::format("paired fallback to the smallest overhead {} @ c={}",
                      signed_percent_text(*chosen.overhead_pct), chosen.concurrency);
  } else {
    how = fmt::format("{}fallback to the highest rps {} @ c={}",
                      paired ? "no point has a reference p99; " : "", rps_text(chosen.chosen.rps),
                      chosen.concurrency);
  }
  return fmt::format("no point qualified ({} of {} disqualified); {}, itself disqualified: {}",
                     total, total, how, chosen.disqualified.value_or("-"));
}

void take(SweetSpot& spot, const Point& chosen) {
  spot.concurrency = chosen.concurrency;
  spot.rps = chosen.chosen.rps;
  spot.p50_ms = chosen.chosen.p50_ms;
  spot.p99_ms = chosen.chosen.p99_ms;
}

SweetSpot fallback(const std::vector<Point>& points, SweetSpot spot, bool paired,
                   const std::optional<Point>& baseline) {
  const Point* chosen = paired ? least_overhead_of(points) : nullptr;
  const bool by_overhead = chosen != nullptr;
  if (!chosen) chosen = peak_of(all_of(points));
  take(spot, *chosen);
  spot.method = "fallback";
  spot.reasoning = fallback_reason(*chosen, points.size(), by_overhead, paired) +
                   tail_note(*chosen, baseline);
  return spot;
}

}  // namespace

SweetSpot pick(const std::vector<Point>& points, const SelectionParams& params, bool paired,
               const std::optional<Point>& baseline) {
  SweetSpot spot;
  if (points.empty()) {
    spot.method = "none";
    spot.reasoning = "no point was measured";
    return spot;
  }
  const Points qualified = qualified_of(points);
  const Point* peak = peak_of(qualified.empty() ? all_of(points) : qualified);
  spot.peak_rps = peak->chosen.rps;
  spot.peak_concurrency = peak->concurrency;
  if (qualified.empty()) return fallback(points, spot, paired, baseline);

  const Point* chosen = params.pick == PickMethod::knee    ? knee_of(qualified, spot.peak_rps, params.knee_ratio)
                        : params.pick == PickMethod::power ? top_power_of(qualified)
                                                           : top_score_of(qualified);
  if (!chosen) chosen = peak;  // only with a knee ratio above 1, which check_selection_params refuses
  take(spot, *chosen);
  spot.method = std::string(name_of(params.pick));
  spot.reasoning = chosen_reason(*chosen, spot, params) +
                   tail_note(*chosen, baseline) +
                   disqualified_note(points.size() - qualified.size(), points.size());
  return spot;
}

}  // namespace ringbench::sweep

#include "ringbench/sweep/point.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "figure_format.h"
#include "ringbench/stats/outcome_rates.h"

namespace ringbench::sweep {

namespace {

double ms_at(const stats::Histogram& latency, double percentile) {
  return double(latency.percentile(percentile)) / 1e6;
}

// A percentile p needs at least 1/(1-p) samples before it is more than the maximum.
void flag_sample_count(Point& point) {
  struct Need {
    const char* name;
    uint64_t samples;
  };
  for (const Need need : {Need{"p99", 100}, Need{"p99.9", 1000}}) {
    if (point.chosen.samples < need.samples) {
      point.flags.push_back(fmt::format("{} samples: too few for {} (needs {})",
                                        grouped(double(point.chosen.samples)), need.name,
                                        grouped(double(need.samples))));
    }
  }
}

// Repeats that disagree by more than this share of the median's rps make the level's figure
// uncertain: worth saying, not worth discarding.
constexpr double repeat_spread_limit = 0.10;

void flag_repeat_spread(Point& point) {
  const double median = point.chosen.rps;
  if (point.repeats < 2 || median <= 0) return;
  const double spread = (point.rps_max - point.rps_min) / median;
  if (spread > repeat_spread_limit) {
    point.flags.push_back(fmt::format("rps varied {} across {} repeats ({}..{})",
                                      percent_text(spread * 100), point.repeats,
                                      rps_text(point.rps_min), rps_text(point.rps_max)));
  }
}

}  // namespace

Measure measure_of(const stats::RunResult& run, uint32_t concurrency) {
  const stats::Histogram& latency = run.totals.latency;
  const stats::OutcomeCounts outcomes = stats::outcome_counts_of(run.totals.counters);
  Measure m;
  m.concurrency = concurrency;
  m.rps = run.rps();
  m.p50_ms = ms_at(latency, 50);
  m.p90_ms = ms_at(latency, 90);
  m.p95_ms = ms_at(latency, 95);
  m.p99_ms = ms_at(latency, 99);
  m.p999_ms = ms_at(latency, 99.9);
  m.error_rate = outcomes.error_rate();
  m.non2xx_rate = outcomes.non2xx_rate();
  m.failed_rate = outcomes.failed_rate();
  m.samples = latency.count();
  m.requests = outcomes.requests;
  m.unfinished = run.totals.counters.unfinished;
  return m;
}

double score_of(const Measure& m) {
  if (m.p50_ms <= 0 || m.p99_ms <= 0) return 0;
  const double spread = m.p99_ms / m.p50_ms;
  return m.rps / (spread * spread);
}

double power_of(const Measure& m) {
  if (m.rps <= 0 || m.concurrency == 0) return 0;
  return m.rps * m.rps / double(m.concurrency);
}

std::optional<double> lighter_rps_above(const Point& point, const std::vector<const Point*>& measured) {
  const Point* lighter = nullptr;
  for (const Point* p : measured) {
    if (p->concurrency < point.concurrency && (!lighter || p->concurrency > lighter->concurrency)) lighter = p;
  }
  if (!lighter || point.chosen.rps >= fell_share * lighter->chosen.rps) return std::nullopt;
  return lighter->chosen.rps;
}

Point combine_repeats(const std::vector<Measure>& runs) {
  if (runs.empty()) throw std::invalid_argument("combine_repeats: no runs");
  std::vector<size_t> order(runs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Stable: among equal rps the earlier run wins, so the choice never depends on sort internals.
  std::stable_sort(order.begin(), order.end(),
                   [&runs](size_t a, size_t b) { return runs[a].rps < runs[b].rps; });
  Point point;
  point.chosen = runs[order[(order.size() - 1) / 2]];
  point.concurrency = point.chosen.concurrency;
  point.repeats = static_cast<uint32_t>(runs.size());
  point.rps_min = runs[order.front()].rps;
  point.rps_max = runs[order.back()].rps;
  point.score = score_of(point.chosen);
  point.power = power_of(point.chosen);
  flag_sample_count(point);
  flag_repeat_spread(point);
  return point;
}

void pair_with(Point& point, const Measure& reference) {
  point.reference = reference;
  point.overhead_pct.reset();
  point.rps_deficit_pct.reset();
  if (reference.p99_ms > 0) {
    point.overhead_pct = (point.chosen.p99_ms - reference.p99_ms) / reference.p99_ms * 100;
  }
  if (reference.rps > 0) {
    point.rps_deficit_pct = (reference.rps - point.chosen.rps) / reference.rps * 100;
  }
}

}  // namespace ringbench::sweep

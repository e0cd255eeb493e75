// "Response time distribution": the percentile list. The percentiles people quote (p50, p95,
// p99, p99.9) and any a --slo target names carry their value in ms, coloured by band so the
// list and the histogram read the same; only a percentile with a target gets a verdict
// (meets / misses), since the run's own percentiles cannot say what is good enough. A
// percentile the sample is too small for is marked rather than trusted.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <string>

#include "ringbench/report/ansi.h"
#include "text_sections.h"

namespace ringbench::report {

namespace {

constexpr std::array<double, 9> distribution_percentiles = {10, 25, 50, 75, 90,
                                                            95, 99, 99.9, 99.99};
constexpr std::array<double, 4> annotated_percentiles = {50, 95, 99, 99.9};

// pN needs at least 1/(1 - N/100) samples: with fewer, its rank is the maximum and says
// nothing about the tail (p99.9 of 500 samples is just the slowest one). Compared as
// count * (100 - N) >= 100 with a tolerance, since 100 - 99.9 is not exact in binary.
bool supported(double percentile, uint64_t count) {
  return static_cast<double>(count) * (100.0 - percentile) >= 100.0 - 1e-6;
}

const SloTarget* target_at(double percentile, const TextContext& ctx) {
  for (const SloTarget& t : ctx.options.slo.targets) {
    if (t.percentile == percentile) return &t;
  }
  return nullptr;
}

bool annotated(double percentile, const TextContext& ctx) {
  return target_at(percentile, ctx) != nullptr ||
         std::find(annotated_percentiles.begin(), annotated_percentiles.end(), percentile) !=
             annotated_percentiles.end();
}

// "p99 = 14.93 ms", or with a target "p99 = 14.93 ms [meets SLO 15.00 ms]", in the band's
// colour. The measured value gets the decimals that keep it apart from the limit.
std::string annotation_of(double percentile, uint64_t value_ns, const TextContext& ctx) {
  const SloLevel level = level_of(value_ns, ctx.levels);
  const double value = static_cast<double>(value_ns);
  std::string text;
  if (const SloTarget* target = target_at(percentile, ctx)) {
    const double limit = static_cast<double>(target->limit_ns);
    text = fmt::format("p{:g} = {} ms [{} SLO {} ms]", percentile, format_ms_beside(value, limit),
                       value_ns <= target->limit_ns ? "meets" : "misses", format_ms(limit));
  } else {
    text = fmt::format("p{:g} = {} ms", percentile, format_ms(value));
  }
  return paint(text, ansi256_of(level), ctx.style());
}

}  // namespace

void write_distribution(std::ostream& out, const TextContext& ctx) {
  const stats::Histogram& h = ctx.latency();
  out << "Response time distribution:\n";
  if (h.count() == 0) {
    out << "  (no responses)\n";
    return;
  }
  for (double p : distribution_percentiles) {
    const uint64_t value = h.percentile(p);
    fmt::print(out, "  {:.2f}% in {} secs", p, ctx.secs(static_cast<double>(value)));
    if (annotated(p, ctx)) out << "  " << annotation_of(p, value, ctx);
    if (!supported(p, h.count())) out << "  (insufficient samples)";
    out << "\n";
  }
  write_service_time(out, ctx);  // open loop: beside the latency it is part of
}

}  // namespace ringbench::report

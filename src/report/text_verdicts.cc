// The PASS/FAIL sections: "SLO targets" (--slo) and "Thresholds" (--threshold). Both only
// appear when the user asked for them, and a latency verdict on a run without a single
// response says so instead of showing a measured 0.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ringbench/report/ansi.h"
#include "printable.h"
#include "ringbench/report/threshold.h"
#include "text_sections.h"
#include "threshold_metric.h"

namespace ringbench::report {

namespace {

std::string verdict_word(bool pass, const Style& style) {
  return pass ? paint("PASS", ansi_green, style) : paint("FAIL", ansi_red, style);
}

std::string percentile_name(double p) { return fmt::format("p{:g}", p); }

}  // namespace

void write_slo_targets(std::ostream& out, const TextContext& ctx) {
  const std::vector<SloVerdict> verdicts = evaluate_slo(ctx.latency(), ctx.options.slo);
  if (verdicts.empty()) return;
  size_t name_width = 0, limit_width = 0;
  for (const SloVerdict& v : verdicts) {
    name_width = std::max(name_width, percentile_name(v.target.percentile).size());
    limit_width = std::max(limit_width, format_ms(static_cast<double>(v.target.limit_ns)).size());
  }
  out << "SLO targets:\n";
  for (const SloVerdict& v : verdicts) {
    const double measured_ns = static_cast<double>(v.measured_ns);
    const double limit_ns = static_cast<double>(v.target.limit_ns);
    const std::string measured =
        ctx.latency().count() == 0
            ? "no responses"
            : fmt::format("measured {} ms", format_ms_beside(measured_ns, limit_ns));
    fmt::print(out, "  {} {:<{}} <= {:>{}} ms ({})\n", verdict_word(v.pass, ctx.style()),
               percentile_name(v.target.percentile), name_width,
               format_ms(limit_ns), limit_width, measured);
  }
}

void write_thresholds(std::ostream& out, const TextContext& ctx) {
  if (ctx.options.thresholds.empty()) return;
  out << "Thresholds:\n";
  for (const ThresholdResult& r : ctx.options.thresholds) {
    const bool unmeasured = is_latency(r.threshold.metric) && ctx.latency().count() == 0;
    fmt::print(out, "  {} {} ({})\n", verdict_word(r.pass, ctx.style()),
               printable(r.threshold.text, ctx.style()),
               unmeasured ? "no responses" : "measured " + format_measured(r));
  }
}

}  // namespace ringbench::report

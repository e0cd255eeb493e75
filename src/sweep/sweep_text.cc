#include "ringbench/sweep/sweep_text.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "figure_format.h"
#include "rate_text.h"
#include "sweep_chart.h"
#include "sweep_table.h"
#include "text_style.h"

namespace ringbench::sweep {

namespace {

// Refine levels are measured after the coarse pass; people read a curve left to right.
std::vector<const Point*> by_concurrency(const std::vector<Point>& points) {
  std::vector<const Point*> sorted;
  for (const Point& p : points) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Point* a, const Point* b) { return a->concurrency < b->concurrency; });
  return sorted;
}

void write_heading(std::ostream& out, const SweepResult& r) {
  const SweepParams& p = r.params;
  out << fmt::format("Sweep: {} {}  ({} level{}", p.method, p.url, r.points.size(),
                     r.points.size() == 1 ? "" : "s");
  if (p.repeats > 1) out << fmt::format(", {} repeats each: the median-rps run shown", p.repeats);
  out << ")\n";
  if (!p.vs_url.empty()) out << "Reference: " << p.vs_url << " (measured at every level)\n";
  if (!p.ref_from_json.empty()) out << "Reference: from " << p.ref_from_json << '\n';
  if (r.baseline) {
    const Measure& b = r.baseline->chosen;
    out << fmt::format("Baseline c={}: {} rps, p50 {} ms, p99 {} ms\n", r.baseline->concurrency,
                       rps_text(b.rps), ms_text(b.p50_ms), ms_text(b.p99_ms));
  }
  out << '\n';
}

std::string spot_title(const SweetSpot& s) {
  if (!s.concurrency) return "none";
  if (s.method == "fallback") return fmt::format("c={} (fallback: no point qualified)", *s.concurrency);
  return fmt::format("c={} ({})", *s.concurrency, s.method);
}

void write_overhead(std::ostream& out, const SweepResult& r) {
  for (const Point& p : r.points) {
    if (p.concurrency != r.sweet_spot.concurrency || !p.reference) continue;
    out << fmt::format("  reference   {} rps, p99 {} ms; overhead {}, rps deficit {}\n",
                       rps_text(p.reference->rps), ms_text(p.reference->p99_ms),
                       p.overhead_pct ? signed_percent_text(*p.overhead_pct) : "-",
                       p.rps_deficit_pct ? percent_text(*p.rps_deficit_pct) : "-");
    return;
  }
}

void write_sweet_spot(std::ostream& out, const SweepResult& r, const report::Style& style) {
  const SweetSpot& s = r.sweet_spot;
  const int color = s.method == "fallback" || !s.concurrency ? color_fallback : color_ok;
  out << "\nSweet spot: " << paint(spot_title(s), color, style) << '\n';
  if (s.concurrency) {
    const double pct = s.peak_rps > 0 ? s.rps / s.peak_rps * 100 : 0;
    out << fmt::format("  throughput  {} rps ({} of peak {} rps @ c={})\n", rps_text(s.rps),
                       percent_text(pct), rps_text(s.peak_rps), s.peak_concurrency);
    out << fmt::format("  latency     p50 {} ms, p99 {} ms", ms_text(s.p50_ms), ms_text(s.p99_ms));
    if (r.baseline && r.baseline->chosen.p99_ms > 0) {
      out << printable(fmt::format(" ({}× baseline p99)", ratio_text(s.p99_ms / r.baseline->chosen.p99_ms)),
                       style);
    }
    out << '\n';
    write_overhead(out, r);
  }
  out << "  why         " << printable(s.reasoning, style) << '\n';
}

void write_notes(std::ostream& out, const SweepResult& r, const report::Style& style) {
  if (r.interrupted) {
    out << '\n'
        << paint("Interrupted: the results cover only the levels measured before the stop.",
                 color_fallback, style)
        << '\n';
  }
  if (r.notes.empty()) return;
  out << "\nNotes:\n";
  for (const std::string& note : r.notes) out << "  - " << printable(note, style) << '\n';
}

std::string progress_line(const Point& point, const std::string& position) {
  const Measure& m = point.chosen;
  std::string line = fmt::format("[{}] c={}  {} rps  p50 {} ms  p99 {} ms", position,
                                 point.concurrency, rps_text(m.rps), ms_text(m.p50_ms),
                                 ms_text(m.p99_ms));
  if (point.repeats > 1) {
    line += fmt::format("  (rps {}..{} over {} repeats)", rps_text(point.rps_min),
                        rps_text(point.rps_max), point.repeats);
  }
  if (point.reference) {
    line += fmt::format("  ref {} rps p99 {} ms", rps_text(point.reference->rps),
                        ms_text(point.reference->p99_ms));
    if (point.overhead_pct) line += "  overhead " + signed_percent_text(*point.overhead_pct);
  }
  if (point.disqualified) line += "  DQ: " + *point.disqualified;
  for (const std::string& flag : point.flags) line += "  [" + flag + "]";
  return printable(line, report::Style{});  // stderr may not be UTF-8: ASCII, like the run's progress line
}

}  // namespace

void write_sweep_text(std::ostream& out, const SweepResult& result, const report::Style& style) {
  if (result.params.rate_mode()) {
    write_rate_text(out, result, style);
    write_notes(out, result, style);
    return;
  }
  const std::vector<const Point*> points = by_concurrency(result.points);
  write_heading(out, result);
  write_sweep_table(out, points, result, style);
  write_sweet_spot(out, result, style);
  if (!points.empty()) {
    out << '\n';
    write_sweep_chart(out, points, result.sweet_spot, style);
  }
  write_notes(out, result, style);
}

std::string point_progress_line(const Point& point, size_t index, size_t total) {
  return progress_line(point, total > 0 ? fmt::format("{}/{}", index + 1, total) : fmt::format("{}", index + 1));
}

std::string baseline_progress_line(const Point& baseline) {
  return progress_line(baseline, "baseline");
}

}  // namespace ringbench::sweep

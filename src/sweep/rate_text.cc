#include "rate_text.h"

#include "ringbench/sweep/sweep_text.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "figure_format.h"
#include "sweep_chart.h"
#include "text_style.h"

namespace ringbench::sweep {

namespace {

std::vector<const RatePoint*> by_offered_rate(const std::vector<RatePoint>& points) {
  std::vector<const RatePoint*> sorted;
  for (const RatePoint& p : points) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const RatePoint* a, const RatePoint* b) { return a->offered_rps < b->offered_rps; });
  return sorted;
}

bool is_capacity(const RatePoint& p, const Capacity& c) { return c.rate && *c.rate == p.offered_rps; }

// The target the chart draws: the highest percentile, the tail an SLO is usually about.
const SloValue* charted(const RatePoint& p) {
  const SloValue* tail = nullptr;
  for (const SloValue& v : p.slo) {
    if (!tail || v.percentile > tail->percentile) tail = &v;
  }
  return tail;
}

void write_rate_heading(std::ostream& out, const SweepResult& r) {
  const SweepParams& p = r.params;
  const RateSweepParams& rate = *p.rate;
  out << fmt::format("Capacity search: {} {}  (offered {}..{}, SLO {}, {} rate{})\n", p.method, p.url,
                     per_second_text(rate.lo), per_second_text(rate.hi), slo_text(rate.slo), r.rate_points.size(),
                     r.rate_points.size() == 1 ? "" : "s");
  out << fmt::format("Each rate: {} s open loop ({} arrivals, latency from the intended start), {} connections{}\n",
                     fmt::format("{:g}", p.effective_duration_s().value_or(rate_duration_s)),
                     rate.arrivals == Arrivals::poisson ? "poisson" : "constant", rate.connections,
                     rate.connections_given ? "" : " (default)");
  if (r.baseline) {
    const Measure& b = r.baseline->chosen;
    out << fmt::format("Baseline c={} (closed loop, unloaded): {} rps, p50 {} ms, p99 {} ms\n", r.baseline->concurrency,
                       rps_text(b.rps), ms_text(b.p50_ms), ms_text(b.p99_ms));
  }
  out << '\n';
}

std::string rate_verdict(const RatePoint& p, const Capacity& c, const report::Style& style) {
  if (is_capacity(p, c)) return paint(std::string(style.unicode ? "★" : "*") + " capacity", color_ok, style);
  if (p.passed) return "pass";
  return paint("FAIL: " + printable(p.failure, style), color_bad, style);
}

void write_rate_table(std::ostream& out, const std::vector<const RatePoint*>& points, const SweepResult& r,
                 const report::Style& style) {
  out << fmt::format("{:>9}  {:>9}  {:>9}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>7}  {:>7}  verdict\n",
                     "offered/s", "achieved", "served", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
                     "svc p99", "lag p99", "failed", "unfin");
  for (const RatePoint* p : points) {
    out << fmt::format("{:>9}  {:>9}  {:>9}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>7}  {:>7}  {}\n",
                       rps_text(p->offered_rps), rps_text(p->achieved_rps), rps_text(p->served_rps),
                       ms_text(p->p50_ms), ms_text(p->p90_ms), ms_text(p->p99_ms), ms_text(p->p999_ms),
                       ms_text(p->max_ms), ms_text(p->service_p99_ms), ms_text(p->send_lag_p99_ms),
                       percent_text(p->failed_rate * 100), grouped(double(p->unfinished)),
                       rate_verdict(*p, r.capacity, style));
  }
  bool any = false;
  for (const RatePoint* p : points) {
    for (const std::string& flag : p->flags) {
      if (!any) out << "\nFlags:\n";
      any = true;
      out << "  " << per_second_text(p->offered_rps) << ": " << paint(printable(flag, style), color_flag, style) << '\n';
    }
  }
}

void write_capacity(std::ostream& out, const SweepResult& r, const report::Style& style) {
  const Capacity& c = r.capacity;
  const std::string slo = slo_text(r.params.rate->slo);
  std::string figure;
  if (!c.rate) {
    figure = fmt::format("none in {}..{}", per_second_text(r.params.rate->lo), per_second_text(r.params.rate->hi));
  } else {
    figure = fmt::format("{}{} requests/s", c.at_least ? "at least " : "", rps_text(*c.rate));
  }
  out << "\nCapacity under the SLO (" << slo << "): " << paint(figure, c.rate ? color_ok : color_fallback, style) << '\n';
  if (c.rate && c.lowest_fail) {
    out << fmt::format("  bracket     {} passes, {} fails ({} apart)\n", per_second_text(*c.rate), per_second_text(*c.lowest_fail),
                       percent_text((*c.lowest_fail / *c.rate - 1) * 100));
  }
  if (!c.reason.empty()) out << "  why         " << printable(c.reason, style) << '\n';
}

std::string rate_bar(int length, int width, std::string_view fill) {
  std::string text;
  for (int i = 0; i < length; ++i) text += fill;
  return text + std::string(size_t(width - length), ' ');
}

// The latency bar: the SLO limit sits at its middle, so a pass ends left of the middle mark
// and a latency past twice the limit is cut, with an arrow.
std::string latency_bar(const SloValue& v, const report::Style& style) {
  const int middle = rate_chart_latency_width / 2;
  const double value = v.measured_ms.value_or(1e300);
  const int length = bar_length(std::min(value, 2 * v.limit_ms), 2 * v.limit_ms, rate_chart_latency_width);
  std::string text;
  for (int i = 0; i < rate_chart_latency_width; ++i) {
    if (i == middle) text += "|";
    text += i < length ? (style.unicode ? "▒" : "=") : " ";
  }
  return text + (value > 2 * v.limit_ms ? ">" : " ");
}

void write_rate_chart(std::ostream& out, const std::vector<const RatePoint*>& points, const SweepResult& r,
                 const report::Style& style) {
  const SloValue* first = charted(*points.front());
  if (!first) return;
  double max_offered = 0;
  for (const RatePoint* p : points) max_offered = std::max(max_offered, p->offered_rps);
  const std::string name = fmt::format("p{:g}", first->percentile);
  out << fmt::format("{:>9}  {:<{}} {:>9}   {:<{}} {:>9}\n", "offered/s", "served", rate_chart_served_width, "",
                     name + " (| = SLO " + fmt::format("{:g}", first->limit_ms) + " ms)", rate_chart_latency_width + 2,
                     "ms");
  for (const RatePoint* p : points) {
    const SloValue* v = charted(*p);
    const std::string line = fmt::format(
        "{:>9}  {} {:>9}   {} {:>9}  {}", rps_text(p->offered_rps),
        rate_bar(bar_length(p->served_rps, max_offered, rate_chart_served_width), rate_chart_served_width,
            style.unicode ? "█" : "#"),
        rps_text(p->served_rps), latency_bar(*v, style), v->measured_ms ? ms_text(*v->measured_ms) : "-",
        is_capacity(*p, r.capacity) ? paint(style.unicode ? "◀ capacity" : "<- capacity", color_ok, style)
                                    : p->passed ? "" : paint("FAIL", color_bad, style));
    out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
  }
}

}  // namespace

std::string slo_text(const report::SloSpec& slo) {
  std::string text;
  for (const report::SloTarget& t : slo.targets) {
    text += fmt::format("{}p{:g} <= {:g} ms", text.empty() ? "" : ", ", t.percentile, double(t.limit_ns) / 1e6);
  }
  return text;
}

void write_rate_text(std::ostream& out, const SweepResult& result, const report::Style& style) {
  const std::vector<const RatePoint*> points = by_offered_rate(result.rate_points);
  write_rate_heading(out, result);
  if (!points.empty()) write_rate_table(out, points, result, style);
  write_capacity(out, result, style);
  if (!points.empty()) {
    out << '\n';
    write_rate_chart(out, points, result, style);
  }
}

std::string rate_progress_line(const RatePoint& p, size_t index) {
  std::string line = fmt::format("[{}] {}/s  served {}/s  p50 {} ms  p99 {} ms  {}", index + 1, rps_text(p.offered_rps),
                                 rps_text(p.served_rps), ms_text(p.p50_ms), ms_text(p.p99_ms),
                                 p.passed ? "pass" : "FAIL: " + p.failure);
  for (const std::string& flag : p.flags) line += "  [" + flag + "]";
  return printable(line, report::Style{});
}

}  // namespace ringbench::sweep

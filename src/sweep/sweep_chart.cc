#include "sweep_chart.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "figure_format.h"
#include "text_style.h"

namespace ringbench::sweep {

namespace {

std::string bar(int length, int width, std::string_view fill) {
  std::string text;
  for (int i = 0; i < length; ++i) text += fill;
  return text + std::string(size_t(width - length), ' ');
}

std::string marker(const Point& p, const SweetSpot& spot, const report::Style& style) {
  if (spot.concurrency == p.concurrency) {
    const int color = spot.method == "fallback" ? color_fallback : color_ok;
    return paint(std::string(style.unicode ? "◀ " : "<- ") + spot.method, color, style);
  }
  return p.disqualified ? paint("DQ", color_bad, style) : "";
}

}  // namespace

int bar_length(double value, double max, int width) {
  if (!(value > 0) || !(max > 0)) return 0;
  return std::clamp(static_cast<int>(std::lround(value / max * width)), 1, width);
}

void write_sweep_chart(std::ostream& out, const std::vector<const Point*>& points,
                       const SweetSpot& spot, const report::Style& style) {
  double max_rps = 0, max_p99 = 0;
  for (const Point* p : points) {
    max_rps = std::max(max_rps, p->chosen.rps);
    max_p99 = std::max(max_p99, p->chosen.p99_ms);
  }
  const std::string_view rps_fill = style.unicode ? "█" : "#";
  const std::string_view p99_fill = style.unicode ? "▒" : "=";
  out << fmt::format("{:>7}  {:<{}} {:>10}   {:<{}} {:>9}\n", "c", "rps", chart_rps_width, "",
                     "p99", chart_p99_width, "ms");
  for (const Point* p : points) {
    const std::string line = fmt::format(
        "{:>7}  {} {:>10}   {} {:>9}  {}", p->concurrency,
        bar(bar_length(p->chosen.rps, max_rps, chart_rps_width), chart_rps_width, rps_fill),
        rps_text(p->chosen.rps),
        bar(bar_length(p->chosen.p99_ms, max_p99, chart_p99_width), chart_p99_width, p99_fill),
        ms_text(p->chosen.p99_ms), marker(*p, spot, style));
    out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
  }
}

}  // namespace ringbench::sweep

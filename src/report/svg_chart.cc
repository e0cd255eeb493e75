#include "svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ringbench::report::svg {
namespace {

constexpr double width = 860, height = 340;
constexpr double top = 52, bottom = 52, left = 72;
// A line with more points than this has no per-point marker and tooltip (its numbers are in
// the table under the chart): an hour of per-second intervals stays well under 2 MB.
constexpr size_t max_line_markers = 300;

// The dash of the i-th series: with the colour, and without it, a series can be told apart.
const char* dash_of(size_t i) {
  static const char* dashes[] = {"", "7 4", "2 3", "10 3 2 3", "4 4", "1 2"};
  return dashes[i % std::size(dashes)];
}

struct Scale {
  double lo = 0, hi = 1;
  bool log = false;
  double from = 0, to = 1;  // pixels
  double operator()(double v) const {
    const double t = log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : (v - lo) / (hi - lo);
    return from + t * (to - from);
  }
  bool shows(double v) const { return std::isfinite(v) && (!log || v > 0); }
};

double nice_step(double range) {
  const double raw = range / 5;
  const double p = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= raw) return m * p;
  }
  return 10 * p;
}

Scale scale_for(const Axis& axis, const std::vector<double>& values, bool from_zero, double from, double to) {
  Scale s{.log = axis.log, .from = from, .to = to};
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values) {
    if (!s.shows(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) lo = axis.log ? 1 : 0, hi = axis.log ? 10 : 1;
  if (axis.min) lo = *axis.min;
  if (axis.max) hi = *axis.max;
  if (axis.log) {
    lo = std::pow(10, std::floor(std::log10(lo)));
    hi = std::pow(10, std::ceil(std::log10(hi)));
    if (hi <= lo) hi = lo * 10;
  } else {
    if (from_zero && lo > 0 && !axis.min) lo = 0;
    if (hi <= lo) hi = lo + 1;
    const double step = nice_step(hi - lo);
    lo = std::floor(lo / step) * step;
    hi = std::ceil(hi / step) * step;
  }
  s.lo = lo;
  s.hi = hi;
  return s;
}

std::vector<double> ticks_of(const Scale& s) {
  std::vector<double> ticks;
  if (s.log) {
    const int decades = int(std::lround(std::log10(s.hi / s.lo)));
    for (double d = s.lo; d <= s.hi * 1.0001; d *= 10) {
      ticks.push_back(d);
      if (decades <= 2 && d * 10 <= s.hi * 1.0001) {
        ticks.push_back(2 * d);
        ticks.push_back(5 * d);
      }
    }
    std::sort(ticks.begin(), ticks.end());
    return ticks;
  }
  const double step = nice_step(s.hi - s.lo);
  for (double v = s.lo; v <= s.hi + step / 1000; v += step) ticks.push_back(std::abs(v) < step / 1e6 ? 0 : v);
  return ticks;
}

void axis_x(std::string& out, const Scale& sx, const Axis& axis, double y0) {
  out += fmt::format(R"(<line class="axis" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>)", sx.from, y0, sx.to, y0);
  for (double t : ticks_of(sx)) {
    const double x = sx(t);
    out += fmt::format(R"(<line class="tick" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)", x, y0, y0 + 5);
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)", x, y0 + 18, number(t));
  }
  out += fmt::format(R"(<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)", (sx.from + sx.to) / 2,
                     y0 + 40, escape(axis.label));
}

void axis_y(std::string& out, const Scale& sy, const Axis& axis, double x0, bool right, double grid_to) {
  out += fmt::format(R"(<line class="axis" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)", x0, sy.from, sy.to);
  const double dir = right ? 1 : -1;
  for (double t : ticks_of(sy)) {
    const double y = sy(t);
    if (!right) out += fmt::format(R"(<line class="grid" x1="{0:.1f}" y1="{1:.1f}" x2="{2:.1f}" y2="{1:.1f}"/>)", x0, y, grid_to);
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}">{}</text>)", x0 + dir * 8, y + 4,
                       right ? "start" : "end", number(t));
  }
  const double lx = right ? x0 + 58 : x0 - 58;
  out += fmt::format(R"svg(<text class="label" transform="translate({:.1f},{:.1f}) rotate(-90)" text-anchor="middle">{}</text>)svg",
                     lx, (sy.from + sy.to) / 2, escape(axis.label));
}

std::string tip_of(const Series& s, const Point& p) {
  return escape(s.name + ": " + (p.tip.empty() ? number(p.x) + ", " + number(p.y) : p.tip));
}

void draw_series(std::string& out, const Series& s, size_t index, const Scale& sx, const Scale& sy) {
  const std::string colour = s.muted ? "#999999" : s.colour.empty() ? palette()[index % palette().size()] : s.colour;
  out += fmt::format(R"(<g class="series" data-series="{}" data-points="{}" fill="{}" stroke="{}">)", escape(s.name),
                     s.points.size(), colour, colour);
  if (s.mark == Mark::line) {
    std::string pts;
    for (const Point& p : s.points) {
      if (sx.shows(p.x) && sy.shows(p.y)) pts += fmt::format("{:.1f},{:.1f} ", sx(p.x), sy(p.y));
    }
    out += fmt::format(R"(<polyline fill="none" stroke-width="2" stroke-dasharray="{}" points="{}"/>)", dash_of(index), pts);
  }
  if (s.mark == Mark::line && s.points.size() > max_line_markers) return void(out += "</g>");
  for (const Point& p : s.points) {
    if (!sx.shows(p.x) || !sy.shows(p.y)) continue;
    if (s.mark == Mark::bars) {
      const double x0 = sx(p.x), x1 = p.width > 0 && sx.shows(p.x + p.width) ? sx(p.x + p.width) : x0 + 2;
      out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" stroke="none"><title>{}</title></rect>)",
                         x0, sy(p.y), std::max(1.0, x1 - x0), std::max(0.0, sy.from - sy(p.y)), tip_of(s, p));
    } else {
      const double r = s.mark == Mark::points ? 4 : 2.5;
      out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{}"><title>{}</title></circle>)", sx(p.x), sy(p.y), r,
                         tip_of(s, p));
    }
  }
  out += "</g>";
}

// One row of legend items above the plot, wrapping to a second and third when they run out.
void legend(std::string& out, const Chart& c) {
  double x = left, y = 14;
  for (size_t i = 0; i < c.series.size(); ++i) {
    const Series& s = c.series[i];
    const std::string colour = s.muted ? "#999999" : s.colour.empty() ? palette()[i % palette().size()] : s.colour;
    const std::string name = s.name + (s.right_axis ? " (right axis)" : "");
    const double item = 40 + 6.5 * double(name.size());
    if (x + item > width && x > left) {
      x = left;
      y += 15;
    }
    out += fmt::format(R"(<g class="legend-item"><line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>)",
                       x, y - 4, x + 22, y - 4, colour, s.mark == Mark::line ? dash_of(i) : "");
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}">{}</text></g>)", x + 27, y, escape(name));
    x += item;
  }
}

std::vector<double> values(const Chart& c, bool xs, bool right) {
  std::vector<double> v;
  for (const Series& s : c.series) {
    if (!xs && s.right_axis != right) continue;
    for (const Point& p : s.points) {
      v.push_back(xs ? p.x : p.y);
      if (xs && s.mark == Mark::bars && p.width > 0) v.push_back(p.x + p.width);
    }
  }
  return v;
}

}  // namespace

const std::vector<std::string>& palette() {
  static const std::vector<std::string> colours = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                   "#E69F00", "#56B4E9", "#000000", "#F0E442"};
  return colours;
}

std::string number(double v) {
  if (v == 0) return "0";
  const double a = std::abs(v);
  if (a >= 1e9) return fmt::format("{:.3g}G", v / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.4g}k", v / 1e3);
  if (a < 1e-3) return fmt::format("{:.3g}", v);
  return fmt::format("{:.4g}", v);
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string render(const Chart& c) {
  const double right = c.y2 ? 80 : 24;
  const Scale sx = scale_for(c.x, values(c, true, false), false, left, width - right);
  const Scale sy = scale_for(c.y, values(c, false, false), true, height - bottom, top);
  std::string out = fmt::format(
      R"(<figure class="chart"><svg class="plot" data-plot="{}" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">)",
      escape(c.id), width, height, escape(c.title));
  axis_y(out, sy, c.y, left, false, width - right);
  if (c.y2) axis_y(out, scale_for(*c.y2, values(c, false, true), true, height - bottom, top), *c.y2, width - right, true, 0);
  axis_x(out, sx, c.x, height - bottom);
  const Scale sy2 = c.y2 ? scale_for(*c.y2, values(c, false, true), true, height - bottom, top) : sy;
  for (size_t i = 0; i < c.series.size(); ++i) draw_series(out, c.series[i], i, sx, c.series[i].right_axis ? sy2 : sy);
  if (c.marker_x && sx.shows(*c.marker_x)) {
    const double x = sx(*c.marker_x);
    out += fmt::format(R"(<g class="marker"><line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#000" stroke-dasharray="3 3"/><text x="{3:.1f}" y="{4:.1f}">{5}</text></g>)",
                       x, top, height - bottom, x + 4, top + 12, escape(c.marker_label));
  }
  legend(out, c);
  out += fmt::format("</svg><figcaption>{}</figcaption></figure>\n", escape(c.title));
  return out;
}

}  // namespace ringbench::report::svg

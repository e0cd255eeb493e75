#include "sweep_table.h"

#include <functional>
#include <string>

#include <fmt/format.h>

#include "figure_format.h"
#include "text_style.h"

namespace ringbench::sweep {

namespace {

struct Column {
  const char* header;
  int width;
  std::function<std::string(const Point&)> cell;
};

std::string ref_or_dash(const Point& p, double Measure::*figure, bool is_ms) {
  if (!p.reference) return "-";
  const double value = (*p.reference).*figure;
  return is_ms ? ms_text(value) : rps_text(value);
}

std::vector<Column> columns_for(bool paired) {
  std::vector<Column> columns = {
      {"c", 7, [](const Point& p) { return std::to_string(p.concurrency); }},
      {"rps", 10, [](const Point& p) { return rps_text(p.chosen.rps); }}};
  if (paired) {
    columns.push_back({"ref rps", 10, [](const Point& p) { return ref_or_dash(p, &Measure::rps, false); }});
  }
  columns.push_back({"p50 ms", 9, [](const Point& p) { return ms_text(p.chosen.p50_ms); }});
  columns.push_back({"p95 ms", 9, [](const Point& p) { return ms_text(p.chosen.p95_ms); }});
  columns.push_back({"p99 ms", 9, [](const Point& p) { return ms_text(p.chosen.p99_ms); }});
  if (paired) {
    columns.push_back({"ref p99", 9, [](const Point& p) { return ref_or_dash(p, &Measure::p99_ms, true); }});
  }
  columns.push_back({"p99.9 ms", 9, [](const Point& p) { return ms_text(p.chosen.p999_ms); }});
  if (paired) {
    columns.push_back({"overhead", 9, [](const Point& p) {
                         return p.overhead_pct ? signed_percent_text(*p.overhead_pct) : "-";
                       }});
  }
  columns.push_back({"score", 10, [](const Point& p) { return grouped(p.score); }});
  return columns;
}

std::string verdict(const Point& p, const SweetSpot& spot, const report::Style& style) {
  const bool winner = spot.concurrency == p.concurrency;
  const std::string star = style.unicode ? "★" : "*";
  const std::string reason = p.disqualified ? printable("DQ: " + *p.disqualified, style) : "";
  if (winner && spot.method == "fallback") {
    return paint(star + " fallback; " + reason, color_fallback, style);
  }
  if (winner) return paint(star + " sweet spot (" + spot.method + ")", color_ok, style);
  if (p.disqualified) return paint(reason, color_bad, style);
  return "ok";
}

void write_flags(std::ostream& out, const std::vector<const Point*>& points,
                 const report::Style& style) {
  bool any = false;
  for (const Point* p : points) {
    for (const std::string& flag : p->flags) {
      if (!any) out << "\nFlags:\n";
      any = true;
      out << "  c=" << p->concurrency << ": " << paint(printable(flag, style), color_flag, style)
          << '\n';
    }
  }
}

}  // namespace

void write_sweep_table(std::ostream& out, const std::vector<const Point*>& points,
                       const SweepResult& result, const report::Style& style) {
  const std::vector<Column> columns = columns_for(result.params.paired());
  std::string header;
  for (const Column& c : columns) header += fmt::format("{:>{}}  ", c.header, c.width);
  out << header << "verdict\n";
  for (const Point* p : points) {
    std::string row;
    for (const Column& c : columns) row += fmt::format("{:>{}}  ", c.cell(*p), c.width);
    out << row << verdict(*p, result.sweet_spot, style) << '\n';
  }
  write_flags(out, points, style);
}

}  // namespace ringbench::sweep

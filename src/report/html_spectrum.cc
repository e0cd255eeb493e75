#include <fmt/format.h>

#include "html_parts.h"

namespace ringbench::report::html {

double spectrum_x(double percentile) { return 1.0 / (1.0 - percentile / 100.0); }

// Each bucket's upper end holds the cumulative share of samples up to it; the last (p = 1)
// has no place on a 1/(1 - p) axis, so the maximum is the last point at the total count.
svg::Series spectrum_series(const json& histogram, const std::string& name) {
  svg::Series s{.name = name};
  const json* buckets = histogram.contains("buckets") ? &histogram.at("buckets") : nullptr;
  if (buckets == nullptr || !buckets->is_array()) return s;
  double total = 0;
  for (const json& b : *buckets) total += b.at(1).get<double>();
  if (total <= 0) return s;
  double seen = 0;
  for (const json& b : *buckets) {
    seen += b.at(1).get<double>();
    const double ms = b.at(0).get<double>() / 1e6;
    const double share = seen / total;
    const double x = share < 1 ? 1.0 / (1.0 - share) : total;
    s.points.push_back({.x = x, .y = ms, .tip = fmt::format("p{:.6g}: {} ms", share * 100, svg::number(ms))});
  }
  return s;
}

double number_at(const json& doc, const char* pointer) {
  const json::json_pointer p(pointer);
  if (!doc.contains(p)) return 0;
  const json& v = doc.at(p);
  return v.is_number() ? v.get<double>() : 0;
}

std::string text_at(const json& doc, const char* pointer) {
  const json::json_pointer p(pointer);
  if (!doc.contains(p)) return "";
  const json& v = doc.at(p);
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace ringbench::report::html

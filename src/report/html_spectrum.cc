#include <fmt/format.h>

#include <cmath>

#include "html_parts.h"

namespace ringbench::report::html {

double spectrum_x(double percentile) { return 1.0 / (1.0 - percentile / 100.0); }

// Each bucket's upper end holds the cumulative share of samples up to it; the last (p = 1)
// has no place on a 1/(1 - p) axis, so the maximum is the last point at the total count.
// Buckets that move the curve less than the eye sees (1/200 of a decade along, 1 % up) are
// left out: a run's tens of thousands of buckets become a few hundred points.
svg::Series spectrum_series(const json& histogram, const std::string& name) {
  svg::Series s{.name = name};
  const json* buckets = histogram.contains("buckets") ? &histogram.at("buckets") : nullptr;
  if (buckets == nullptr || !buckets->is_array()) return s;
  double total = 0;
  for (const json& b : *buckets) total += b.at(1).get<double>();
  if (total <= 0) return s;
  double seen = 0, kept_x = 0, kept_y = 0;
  for (size_t i = 0; i < buckets->size(); ++i) {
    const json& b = buckets->at(i);
    seen += b.at(1).get<double>();
    const double ms = b.at(0).get<double>() / 1e6;
    const double share = seen / total;
    const double x = share < 1 ? 1.0 / (1.0 - share) : total;
    const bool last = i + 1 == buckets->size();
    if (!s.points.empty() && !last && std::log10(x) - std::log10(kept_x) < 0.005 && ms <= kept_y * 1.01) continue;
    s.points.push_back({.x = x, .y = ms, .tip = fmt::format("p{:.6g}: {} ms", share * 100, svg::number(ms))});
    kept_x = x;
    kept_y = ms;
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

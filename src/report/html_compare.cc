// The HTML report of `compare`: both runs' percentile spectra on one plot, the metrics side
// by side with their change, and compare's own verdict as it printed it.
#include <fmt/format.h>

#include "html_page.h"
#include "html_parts.h"
#include "ringbench/core/error.h"
#include "ringbench/report/html_report.h"

namespace ringbench::report {
namespace {

using html::json;
using html::number_at;
using html::text_at;

struct Metric {
  const char* label;
  const char* pointer;
  double scale;  // to the unit shown
};

constexpr Metric metrics[] = {
    {"p50 ms", "/latency_us/p50", 1e-3},       {"p90 ms", "/latency_us/p90", 1e-3},
    {"p99 ms", "/latency_us/p99", 1e-3},       {"p99.9 ms", "/latency_us/p99_9", 1e-3},
    {"max ms", "/latency_us/max", 1e-3},       {"requests/s", "/summary/rps", 1},
    {"error rate %", "/summary/error_rate", 100}, {"non-2xx rate %", "/summary/non2xx_rate", 100},
};

std::string change(double base, double current) {
  if (base == 0) return current == 0 ? "0" : "new";
  return fmt::format("{:+.1f} %", (current - base) / base * 100);
}

}  // namespace

std::string compare_html(const nlohmann::ordered_json& base, const nlohmann::ordered_json& current, std::string_view verdict) {
  html::Page page("ringbench compare: " + text_at(current, "/config/url"), "compare");
  page.heading("Runs");
  page.facts({{"base", svg::escape(text_at(base, "/started_at") + " — " + text_at(base, "/config/url"))},
              {"current", svg::escape(text_at(current, "/started_at") + " — " + text_at(current, "/config/url"))}});
  std::vector<std::vector<std::string>> rows;
  for (const Metric& m : metrics) {
    const double b = number_at(base, m.pointer) * m.scale, c = number_at(current, m.pointer) * m.scale;
    rows.push_back({m.label, svg::number(b), svg::number(c), change(b, c)});
  }
  page.heading("Metrics");
  page.table("metrics", {"metric", "base", "current", "change"}, rows);
  svg::Chart spectra{.id = "compare-spectrum", .title = "Latency by percentile, both runs",
                     .x = {.label = "1/(1−p): 10 = p90, 100 = p99, 1000 = p99.9", .log = true}, .y = {.label = "latency (ms)"}};
  spectra.series.push_back(html::spectrum_series(base.at("histogram"), "base"));
  spectra.series.push_back(html::spectrum_series(current.at("histogram"), "current"));
  page.heading("Percentile spectra");
  page.chart(spectra);
  page.heading("Verdict");
  page.raw("<pre>" + svg::escape(verdict) + "</pre>\n");
  return page.finish();
}

// A document that has the keys but not their contents (a value of the wrong type, a missing
// member) is the same clean error, never an exception from the JSON library.
std::string document_html(const nlohmann::ordered_json& doc) {
  if (!doc.is_object()) throw_usage("report: not a ringbench JSON report");
  try {
    if (doc.contains("points") && doc.contains("sweet_spot")) return sweep_html(doc);
    if (doc.contains("curve") && doc.contains("capacity")) return rate_sweep_html(doc);
    if (doc.contains("summary") && doc.contains("histogram") && doc.contains("intervals")) return run_html(doc);
  } catch (const nlohmann::json::exception& e) {
    throw_usage(std::string("report: not a complete ringbench report (") + e.what() + ")");
  }
  throw_usage("report: not a ringbench run or sweep report (no summary/histogram/intervals, no points/sweet_spot, no curve/capacity)");
}

}  // namespace ringbench::report

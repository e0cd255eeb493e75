// The HTML report of a sweep: requests/s and latency against concurrency, the sweet spot
// marked, disqualified levels drawn grey with their reason on hover and in the table.
#include <fmt/format.h>

#include "html_page.h"
#include "html_parts.h"
#include "ringbench/report/html_report.h"

namespace ringbench::report {
namespace {

using html::json;
using html::number_at;
using html::text_at;

std::string level_tip(const json& p, const std::string& what) {
  const std::string reason = p.at("disqualified").is_null() ? "" : " — disqualified: " + p.at("disqualified").get<std::string>();
  return fmt::format("c = {}: {}{}", p.at("concurrency").dump(), what, reason);
}

// Qualified and disqualified levels as two series of one measure (ms or requests/s).
void add_measure(svg::Chart& c, const json& points, const char* key, const std::string& name, const char* unit) {
  svg::Series ok{.name = name, .mark = svg::Mark::line};
  svg::Series out{.name = name + " (disqualified)", .mark = svg::Mark::points, .muted = true};
  for (const json& p : points) {
    const double v = p.at(key).get<double>();
    svg::Point pt{.x = p.at("concurrency").get<double>(), .y = v, .tip = level_tip(p, svg::number(v) + unit)};
    (p.at("disqualified").is_null() ? ok : out).points.push_back(pt);
  }
  c.series.push_back(std::move(ok));
  if (!out.points.empty()) c.series.push_back(std::move(out));
}

void add_reference(svg::Chart& c, const json& points, const char* key, const std::string& name) {
  svg::Series ref{.name = name, .mark = svg::Mark::line};
  for (const json& p : points) {
    if (p.contains("reference") && p.at("reference").is_object()) {
      ref.points.push_back({.x = p.at("concurrency").get<double>(), .y = p.at("reference").at(key).get<double>()});
    }
  }
  if (!ref.points.empty()) c.series.push_back(std::move(ref));
}

void sweep_summary(html::Page& page, const json& doc) {
  const auto esc = [](const std::string& s) { return svg::escape(s); };
  page.heading("Summary");
  page.facts({
      {"URL", esc(text_at(doc, "/params/method") + " " + text_at(doc, "/params/url"))},
      {"levels", esc(text_at(doc, "/params/conc") + " → " + text_at(doc, "/params/levels"))},
      {"started (UTC)", esc(text_at(doc, "/started_at"))},
      {"machine", esc(fmt::format("{} CPUs, {} MB, kernel {}", text_at(doc, "/machine/cpus"),
                                  text_at(doc, "/machine/memory_mb"), text_at(doc, "/machine/kernel")))},
      {"pick", esc(text_at(doc, "/params/pick"))},
      {"sweet spot", esc(fmt::format("c = {}: {} requests/s, p50 {} ms, p99 {} ms", text_at(doc, "/sweet_spot/concurrency"),
                                     svg::number(number_at(doc, "/sweet_spot/rps")), svg::number(number_at(doc, "/sweet_spot/p50_ms")),
                                     svg::number(number_at(doc, "/sweet_spot/p99_ms"))))},
      {"why", esc(text_at(doc, "/sweet_spot/reasoning"))},
  });
  for (const json& note : doc.at("notes")) page.paragraph(note.is_string() ? note.get<std::string>() : note.dump(), "muted");
}

void points_table(html::Page& page, const json& points) {
  std::vector<std::vector<std::string>> rows;
  for (const json& p : points) {
    rows.push_back({p.at("concurrency").dump(), svg::number(p.at("rps").get<double>()), svg::number(p.at("p50_ms").get<double>()),
                    svg::number(p.at("p99_ms").get<double>()), svg::number(p.at("failed_rate").get<double>() * 100),
                    p.at("disqualified").is_null() ? "" : p.at("disqualified").get<std::string>()});
  }
  page.table("levels", {"concurrency", "requests/s", "p50 ms", "p99 ms", "failed %", "disqualified"}, rows);
}

}  // namespace

std::string sweep_html(const nlohmann::ordered_json& doc) {
  if (doc.contains("mode") && doc.at("mode") == "rate") return rate_sweep_html(doc);
  html::Page page("ringbench sweep: " + text_at(doc, "/params/url"), "sweep");
  sweep_summary(page, doc);
  const json& points = doc.at("points");
  const double spot = number_at(doc, "/sweet_spot/concurrency");
  svg::Chart rps{.id = "sweep-rps", .title = "Requests/s against concurrency", .x = {.label = "concurrency (log)", .log = true},
                 .y = {.label = "requests/s"}, .marker_x = spot, .marker_label = "sweet spot"};
  add_measure(rps, points, "rps", "requests/s", "/s");
  add_reference(rps, points, "rps", "reference requests/s");
  svg::Chart latency{.id = "sweep-latency", .title = "Latency against concurrency", .x = {.label = "concurrency (log)", .log = true},
                     .y = {.label = "latency (ms)"}, .marker_x = spot, .marker_label = "sweet spot"};
  add_measure(latency, points, "p50_ms", "p50", " ms");
  add_measure(latency, points, "p99_ms", "p99", " ms");
  add_reference(latency, points, "p99_ms", "reference p99");
  page.heading("Throughput");
  page.chart(rps);
  page.heading("Latency");
  page.chart(latency);
  page.heading("Levels");
  points_table(page, points);
  return page.finish();
}

}  // namespace ringbench::report

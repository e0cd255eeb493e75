// The HTML report of a capacity search (sweep --rate): latency percentiles against the offered
// rate with the SLO's limits as lines and the capacity marked, the served rate against the
// offered one, and every rate's figures and verdict in a table.
#include <fmt/format.h>

#include "html_page.h"
#include "html_parts.h"
#include "ringbench/report/html_report.h"

namespace ringbench::report {
namespace {

using html::json;
using html::number_at;
using html::text_at;

std::string rate_tip(const json& p, const std::string& what) {
  const std::string verdict = p.at("passed").get<bool>() ? "pass" : "FAIL: " + p.at("failure").get<std::string>();
  return fmt::format("{}/s offered: {} ({})", svg::number(p.at("offered_rps").get<double>()), what, verdict);
}

// One line per latency percentile over every rate (a failed rate's tip says why).
void add_percentile(svg::Chart& c, const json& curve, const char* key, const std::string& name) {
  svg::Series s{.name = name, .mark = svg::Mark::line};
  for (const json& p : curve) {
    const double ms = p.at(key).get<double>();
    s.points.push_back({.x = p.at("offered_rps").get<double>(), .y = ms, .tip = rate_tip(p, svg::number(ms) + " ms")});
  }
  c.series.push_back(std::move(s));
}

// Each SLO target as a flat line across the rates measured: a percentile above it fails.
void add_slo_lines(svg::Chart& c, const json& doc, const json& curve) {
  if (curve.empty()) return;
  const double from = curve.front().at("offered_rps").get<double>(), to = curve.back().at("offered_rps").get<double>();
  for (const json& t : doc.at("slo")) {
    const std::string name = fmt::format("SLO p{} ≤ {} ms", svg::number(t.at("percentile").get<double>()),
                                         svg::number(t.at("limit_ms").get<double>()));
    const double limit = t.at("limit_ms").get<double>();
    c.series.push_back({.name = name, .mark = svg::Mark::line, .points = {{.x = from, .y = limit}, {.x = to, .y = limit}},
                        .colour = "#000000"});
  }
}

void add_served(svg::Chart& c, const json& curve) {
  svg::Series served{.name = "served requests/s", .mark = svg::Mark::line};
  svg::Series offered{.name = "offered (keeping up)", .mark = svg::Mark::line, .muted = true};
  for (const json& p : curve) {
    const double x = p.at("offered_rps").get<double>(), y = p.at("served_rps").get<double>();
    served.points.push_back({.x = x, .y = y, .tip = rate_tip(p, svg::number(y) + "/s served")});
    offered.points.push_back({.x = x, .y = x});
  }
  c.series.push_back(std::move(served));
  c.series.push_back(std::move(offered));
}

std::string capacity_text(const json& doc) {
  const json& c = doc.at("capacity");
  if (c.at("rate").is_null()) {
    return fmt::format("none in {}..{} requests/s", svg::number(number_at(doc, "/params/rate_lo")),
                       svg::number(number_at(doc, "/params/rate_hi")));
  }
  std::string text = fmt::format("{}{} requests/s", c.at("at_least").get<bool>() ? "at least " : "",
                                 svg::number(c.at("rate").get<double>()));
  if (!c.at("lowest_fail").is_null()) text += fmt::format(" ({}/s fails)", svg::number(c.at("lowest_fail").get<double>()));
  return text;
}

void rate_summary(html::Page& page, const json& doc) {
  const auto esc = [](const std::string& s) { return svg::escape(s); };
  page.heading("Summary");
  page.facts({
      {"URL", esc(text_at(doc, "/params/method") + " " + text_at(doc, "/params/url"))},
      {"offered rates", esc(text_at(doc, "/params/rate") + fmt::format(" → {} measured", doc.at("curve").size()))},
      {"SLO", esc(text_at(doc, "/params/slo"))},
      {"connections", esc(text_at(doc, "/params/connections") + ", " + text_at(doc, "/params/arrivals") + " arrivals")},
      {"started (UTC)", esc(text_at(doc, "/started_at"))},
      {"machine", esc(fmt::format("{} CPUs, {} MB, kernel {}", text_at(doc, "/machine/cpus"),
                                  text_at(doc, "/machine/memory_mb"), text_at(doc, "/machine/kernel")))},
      {"capacity under the SLO", esc(capacity_text(doc))},
      {"why", esc(text_at(doc, "/capacity/reason"))},
  });
  for (const json& note : doc.at("notes")) page.paragraph(note.is_string() ? note.get<std::string>() : note.dump(), "muted");
}

void rates_table(html::Page& page, const json& curve) {
  std::vector<std::vector<std::string>> rows;
  for (const json& p : curve) {
    const auto n = [&p](const char* key) { return svg::number(p.at(key).get<double>()); };
    rows.push_back({n("offered_rps"), n("achieved_rps"), n("served_rps"), n("p50_ms"), n("p99_ms"), n("p999_ms"),
                    n("max_ms"), svg::number(p.at("failed_rate").get<double>() * 100), p.at("unfinished").dump(),
                    p.at("passed").get<bool>() ? "pass" : "FAIL: " + p.at("failure").get<std::string>()});
  }
  page.table("rates", {"offered/s", "achieved/s", "served/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "failed %",
                       "unfinished", "verdict"},
             rows);
}

}  // namespace

std::string rate_sweep_html(const nlohmann::ordered_json& doc) {
  html::Page page("ringbench capacity search: " + text_at(doc, "/params/url"), "rate-sweep");
  rate_summary(page, doc);
  const json& curve = doc.at("curve");
  std::optional<double> capacity;
  if (!doc.at("capacity").at("rate").is_null()) capacity = doc.at("capacity").at("rate").get<double>();
  svg::Chart latency{.id = "rate-latency", .title = "Latency against offered rate", .x = {.label = "offered requests/s"},
                     .y = {.label = "latency from the intended start (ms, log)", .log = true}, .marker_x = capacity,
                     .marker_label = "capacity"};
  for (const auto& [key, name] : {std::pair{"p50_ms", "p50"}, {"p90_ms", "p90"}, {"p99_ms", "p99"}, {"p999_ms", "p99.9"}}) {
    add_percentile(latency, curve, key, name);
  }
  add_slo_lines(latency, doc, curve);
  svg::Chart served{.id = "rate-served", .title = "Served against offered rate", .x = {.label = "offered requests/s"},
                    .y = {.label = "requests/s"}, .marker_x = capacity, .marker_label = "capacity"};
  add_served(served, curve);
  page.heading("Latency");
  page.chart(latency);
  page.heading("Throughput");
  page.chart(served);
  page.heading("Rates");
  rates_table(page, curve);
  return page.finish();
}

}  // namespace ringbench::report

// The HTML report of one run, drawn from its JSON document (the same a run writes with
// --json-path), so a saved report renders long after it was measured.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "html_page.h"
#include "html_parts.h"
#include "ringbench/report/html_report.h"

namespace ringbench::report {
namespace {

using html::json;
using html::number_at;
using html::text_at;

std::string mode_of(const json& doc) {
  const json& c = doc.at("config");
  std::string mode = c.at("rate").is_null() ? fmt::format("closed loop, {} connections", c.at("concurrency").dump())
                                            : fmt::format("open loop, {} requests/s ({} arrivals), {} connections",
                                                          svg::number(c.at("rate").get<double>()),
                                                          text_at(doc, "/config/arrivals"), c.at("concurrency").dump());
  if (number_at(doc, "/config/pipeline") > 1) mode += fmt::format(", --pipeline {}", text_at(doc, "/config/pipeline"));
  return mode;
}

void run_summary(html::Page& page, const json& doc) {
  const auto esc = [](const std::string& s) { return svg::escape(s); };
  const json& s = doc.at("summary");
  std::vector<std::pair<std::string, std::string>> rows = {
      {"URL", esc(text_at(doc, "/config/method") + " " + text_at(doc, "/config/url"))},
      {"mode", esc(mode_of(doc))},
      {"started (UTC)", esc(text_at(doc, "/started_at"))},
      {"duration", esc(svg::number(number_at(doc, "/summary/duration_s")) + " s")},
      {"machine", esc(fmt::format("{} CPUs, {} MB, kernel {}", text_at(doc, "/machine/cpus"),
                                  text_at(doc, "/machine/memory_mb"), text_at(doc, "/machine/kernel")))},
      {"tool", esc("ringbench " + text_at(doc, "/tool/version") + ", " + text_at(doc, "/config/threads") + " threads")},
      {"requests", esc(fmt::format("{} ({} responses, {} errors, {} non-2xx)", s.at("requests").dump(),
                                   s.at("responses").dump(), s.at("errors").dump(), s.at("non2xx").dump()))},
      {"requests/s", esc(fmt::format("{:.1f}", number_at(doc, "/summary/rps")))},
      {"latency", esc(fmt::format("p50 {} ms, p99 {} ms, max {} ms", svg::number(number_at(doc, "/latency_us/p50") / 1e3),
                                  svg::number(number_at(doc, "/latency_us/p99") / 1e3),
                                  svg::number(number_at(doc, "/latency_us/max") / 1e3)))},
      {"connections", esc(fmt::format("{} opened, {} reconnects", s.at("connections").dump(), s.at("reconnects").dump()))},
  };
  if (doc.contains("client")) {
    rows.push_back({"schedule", esc(fmt::format("target {}/s, achieved {}/s, send lag p99 {} ms{}",
                                                svg::number(number_at(doc, "/client/target_rate")),
                                                svg::number(number_at(doc, "/client/achieved_rate")),
                                                svg::number(number_at(doc, "/client/send_lag_us/p99") / 1e3),
                                                doc.at("client").value("behind_schedule", false)
                                                    ? " — behind schedule: " + text_at(doc, "/client/behind_schedule_reason")
                                                    : ""))});
  }
  page.heading("Summary");
  page.facts(rows);
}

// A merged report (`ringbench merge`): each client's share of it.
void clients(html::Page& page, const json& doc) {
  if (!doc.contains("merge")) return;
  std::vector<std::vector<std::string>> rows;
  for (const json& c : doc.at("merge").at("clients")) {
    rows.push_back({c.at("label").is_string() ? c.at("label").get<std::string>() : c.at("source").get<std::string>(),
                    c.at("started_at").get<std::string>(), fmt::format("{:.3f}", c.at("duration_s").get<double>()),
                    c.at("responses").dump(), fmt::format("{:.2f}%", 100 * c.at("share").get<double>()),
                    fmt::format("{:.1f}", c.at("rps").get<double>())});
  }
  page.heading(fmt::format("Clients ({} merged)", rows.size()));
  page.table("clients", {"client", "started (UTC)", "duration s", "responses", "share", "requests/s"}, rows);
  for (const json& note : doc.at("merge").at("notes")) page.raw("<p>Note: " + svg::escape(note.get<std::string>()) + "</p>\n");
}

double mid(const json& interval) { return (interval.at("start_s").get<double>() + interval.at("end_s").get<double>()) / 2; }

void latency_over_time(html::Page& page, const json& doc) {
  const json& intervals = doc.at("intervals");
  svg::Chart c{.id = "latency-over-time", .title = "Latency and requests/s over time",
               .x = {.label = "time into the run (s)"}, .y = {.label = "latency (ms)"}, .y2 = svg::Axis{.label = "requests/s"}};
  for (const char* key : {"p50", "p90", "p99", "max"}) {
    svg::Series s{.name = std::string("latency ") + key};
    for (const json& i : intervals) s.points.push_back({.x = mid(i), .y = i.at("latency_ms").at(key).get<double>()});
    c.series.push_back(std::move(s));
  }
  svg::Series rps{.name = "requests/s", .right_axis = true};
  svg::Series target{.name = "target requests/s", .right_axis = true};
  for (const json& i : intervals) {
    rps.points.push_back({.x = mid(i), .y = i.at("rps").get<double>()});
    if (i.contains("target_rate")) target.points.push_back({.x = mid(i), .y = i.at("target_rate").get<double>()});
  }
  c.series.push_back(std::move(rps));
  if (!target.points.empty()) c.series.push_back(std::move(target));
  page.heading("Latency over time");
  page.chart(c);
}

// The histogram in bins of 1/20 decade, each bar the shade of its SLO level (darker = slower;
// the level is named in the legend and on each bar, not by colour alone).
void histogram(html::Page& page, const json& doc) {
  const json& levels = doc.at("slo").at("levels");
  static const char* shades[] = {"#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c",
                                 "#08306b", "#fdae6b", "#f16913", "#d94801", "#7f2704"};
  svg::Chart c{.id = "latency-histogram", .title = "Latency histogram (log time axis)",
               .x = {.label = "latency (ms)", .log = true}, .y = {.label = "responses"}};
  std::vector<svg::Series> by_level(levels.size());
  for (size_t l = 0; l < levels.size(); ++l) {
    by_level[l] = {.name = levels[l].at("name").get<std::string>(), .mark = svg::Mark::bars,
                   .colour = shades[std::min<size_t>(l, std::size(shades) - 1)]};
  }
  std::map<long, double> bins;
  for (const json& b : doc.at("histogram").at("buckets")) {
    const double ms = b.at(0).get<double>() / 1e6;
    if (ms > 0) bins[long(std::floor(std::log10(ms) * 20))] += b.at(1).get<double>();
  }
  for (const auto& [bin, count] : bins) {
    const double lo = std::pow(10, double(bin) / 20), hi = std::pow(10, double(bin + 1) / 20);
    size_t l = 0;
    while (l + 1 < levels.size() && !levels[l].at("upper_ms").is_null() && lo > levels[l].at("upper_ms").get<double>()) ++l;
    if (levels.empty()) break;
    by_level[l].points.push_back({.x = lo, .y = count, .tip = fmt::format("{}–{} ms: {}", svg::number(lo), svg::number(hi), count),
                                  .width = hi - lo});
  }
  for (svg::Series& s : by_level) {
    if (!s.points.empty()) c.series.push_back(std::move(s));
  }
  page.heading("Latency histogram");
  page.chart(c);
}

void spectrum(html::Page& page, const json& doc) {
  svg::Chart c{.id = "percentile-spectrum", .title = "Latency by percentile",
               .x = {.label = "1/(1−p): 10 = p90, 100 = p99, 1000 = p99.9", .log = true}, .y = {.label = "latency (ms)"}};
  c.series.push_back(html::spectrum_series(doc.at("histogram"), "latency"));
  if (doc.contains("service_time_us")) {
    svg::Series s{.name = "service time (from the actual send)", .mark = svg::Mark::points};
    for (const auto& [key, p] : std::vector<std::pair<const char*, double>>{
             {"p50", 50}, {"p75", 75}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"p99_9", 99.9}, {"p99_99", 99.99}}) {
      s.points.push_back({.x = html::spectrum_x(p), .y = doc.at("service_time_us").at(key).get<double>() / 1e3});
    }
    c.series.push_back(std::move(s));
  }
  page.heading("Percentile spectrum");
  page.chart(c);
}

void errors_over_time(html::Page& page, const json& doc) {
  svg::Chart c{.id = "errors-over-time", .title = "Errors per second by class", .x = {.label = "time into the run (s)"},
               .y = {.label = "errors/s"}};
  const bool none = doc.at("summary").at("errors").get<double>() == 0;
  for (const auto& [cls, total] : doc.at("errors").items()) {
    if (none ? !c.series.empty() : total.get<double>() == 0) continue;
    svg::Series s{.name = none ? "errors (none in this run)" : cls};
    for (const json& i : doc.at("intervals")) {
      const double seconds = i.at("end_s").get<double>() - i.at("start_s").get<double>();
      s.points.push_back({.x = mid(i), .y = seconds > 0 ? i.at("errors").at(cls).get<double>() / seconds : 0});
    }
    c.series.push_back(std::move(s));
  }
  page.heading("Status codes and errors");
  std::vector<std::vector<std::string>> codes;
  for (const auto& [code, n] : doc.at("status_codes").items()) codes.push_back({code, n.dump()});
  page.table("status-codes", {"status", "responses"}, codes);
  std::vector<std::vector<std::string>> errors;
  for (const auto& [cls, n] : doc.at("errors").items()) errors.push_back({cls, n.dump(), text_at(doc, ("/error_messages/" + cls).c_str())});
  page.table("errors", {"error class", "count", "first message"}, errors);
  page.chart(c);
}

void phases(html::Page& page, const json& doc) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, p] : doc.at("phases_us").items()) {
    rows.push_back({name, p.at("count").dump(), svg::number(p.at("mean").get<double>() / 1e3),
                    svg::number(p.at("min").get<double>() / 1e3), svg::number(p.at("max").get<double>() / 1e3)});
  }
  page.heading("Phases");
  page.table("phases", {"phase", "count", "mean ms", "min ms", "max ms"}, rows);
}

void verdicts(html::Page& page, const json& doc) {
  page.heading("Insights, SLO and thresholds");
  std::vector<std::vector<std::string>> insights;
  for (const json& i : doc.at("insights")) {
    insights.push_back({i.at("label").get<std::string>(), svg::number(i.at("value").get<double>()),
                        i.at("verdict").get<std::string>(), i.at("severity").get<std::string>()});
  }
  page.table("insights", {"insight", "value", "verdict", "severity"}, insights);
  std::string targets = "<table data-table=\"slo\"><tr><th>SLO target</th><th>limit ms</th><th>measured ms</th><th>verdict</th></tr>";
  for (const json& t : doc.at("slo").at("targets")) {
    targets += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", svg::escape(t.at("percentile").dump()),
                           svg::number(t.at("limit_ms").get<double>()), svg::number(t.at("measured_ms").get<double>()),
                           html::verdict(t.at("pass").get<bool>()));
  }
  targets += "</table>\n<table data-table=\"thresholds\"><tr><th>threshold</th><th>measured</th><th>limit</th><th>verdict</th></tr>";
  for (const json& t : doc.at("thresholds")) {
    targets += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", svg::escape(t.at("expression").get<std::string>()),
                           svg::number(t.at("measured").get<double>()), svg::number(t.at("limit").get<double>()),
                           html::verdict(t.at("pass").get<bool>()));
  }
  page.raw(targets + "</table>\n");
}

}  // namespace

std::string run_html(const nlohmann::ordered_json& doc) {
  html::Page page("ringbench: " + text_at(doc, "/config/url"), "run");
  run_summary(page, doc);
  clients(page, doc);
  latency_over_time(page, doc);
  histogram(page, doc);
  spectrum(page, doc);
  errors_over_time(page, doc);
  phases(page, doc);
  verdicts(page, doc);
  return page.finish();
}

}  // namespace ringbench::report

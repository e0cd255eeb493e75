// The HTML reports as documents: self-contained, escaped, small enough for an hour of
// intervals, and refusing what is not a ringbench report. (They are opened in a real browser
// by tests/html/browser_check.sh.)
#include "ringbench/report/html_report.h"

#include <gtest/gtest.h>

#include <random>

#include "ringbench/core/error.h"
#include "ringbench/report/json_report.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;

// A run of `seconds` per-second intervals with latencies spread over four decades.
json run_doc(size_t seconds, const std::string& url = "http://127.0.0.1:8080/") {
  Config config;
  config.url = url;
  config.duration = std::chrono::seconds(seconds);
  stats::RunResult r;
  r.duration_s = double(seconds);
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> latency_us(6, 1.5);
  for (int i = 0; i < 200000; ++i) r.totals.latency.record(uint64_t(latency_us(random) * 1000) + 1000);
  r.totals.counters.responses = 200000;
  r.totals.counters.count_status(200);
  for (size_t i = 0; i < seconds; ++i) {
    stats::IntervalSummary s;
    s.index = uint32_t(i);
    s.start_s = double(i);
    s.end_s = double(i + 1);
    s.responses = 12345 + i;
    s.p50_ns = 1'000'000 + i, s.p90_ns = 2'000'000 + i, s.p99_ns = 9'000'000 + i, s.max_ns = 40'000'000 + i;
    r.intervals.push_back(s);
  }
  return to_json(config, r);
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, ARunPageHasEveryPlotAndNothingFromOutside) {
  const std::string page = run_html(run_doc(30));
  for (const char* plot : {"latency-over-time", "latency-histogram", "percentile-spectrum", "errors-over-time"}) {
    EXPECT_EQ(count(page, std::string("data-plot=\"") + plot + "\""), 1u) << plot;
  }
  // One point per interval: p50, p90, p99, max and requests/s over time, and the errors line.
  EXPECT_EQ(count(page, "data-points=\"30\""), 6u);
  EXPECT_EQ(count(page, "src="), 0u);
  EXPECT_EQ(count(page, "href="), 0u);
  EXPECT_EQ(count(page, "<script"), 0u);
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
}

// Text from the report (a URL, a header an attacker chose) is escaped wherever it lands.
TEST(HtmlReport, TextFromTheRunIsEscaped) {
  const std::string page = run_html(run_doc(2, "http://127.0.0.1:8080/<script>alert(1)</script>\"'"));
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"), std::string::npos);
}

// The bound: an hour of per-second intervals well under 2 MB.
TEST(HtmlReport, AnHourOfIntervalsStaysWellUnderTwoMegabytes) {
  const std::string page = run_html(run_doc(3600));
  EXPECT_EQ(count(page, "data-points=\"3600\""), 6u);
  EXPECT_LT(page.size(), 1'500'000u) << page.size();
}

TEST(HtmlReport, ASavedReportIsDrawnByItsKind) {
  EXPECT_NE(document_html(run_doc(3)).find("data-report=\"run\""), std::string::npos);
  json sweep = {{"params", {{"url", "http://x/"}, {"method", "GET"}, {"conc", "1,2"}, {"levels", {1, 2}}, {"pick", "knee"}}},
                {"points", json::array({{{"concurrency", 1}, {"rps", 10.0}, {"p50_ms", 1.0}, {"p99_ms", 2.0},
                                         {"failed_rate", 0.0}, {"disqualified", nullptr}},
                                        {{"concurrency", 2}, {"rps", 19.0}, {"p50_ms", 1.1}, {"p99_ms", 9.0},
                                         {"failed_rate", 0.0}, {"disqualified", "p99/p50 8.2 > max spread 4.0"}}})},
                {"sweet_spot", {{"concurrency", 1}, {"rps", 10.0}, {"p50_ms", 1.0}, {"p99_ms", 2.0}, {"reasoning", "r"}}},
                {"notes", json::array()}};
  const std::string page = document_html(sweep);
  EXPECT_NE(page.find("data-report=\"sweep\""), std::string::npos);
  EXPECT_NE(page.find("max spread 4.0"), std::string::npos);  // the disqualified level says why
  EXPECT_THROW(document_html(json{{"hello", 1}}), Error);
  EXPECT_THROW(document_html(json::array()), Error);
}

json rate_point_doc(double offered, double served, double p99_ms, const char* failure) {
  return {{"offered_rps", offered}, {"achieved_rps", offered}, {"served_rps", served}, {"p50_ms", 5.2},
          {"p90_ms", 5.6},          {"p99_ms", p99_ms},        {"p999_ms", p99_ms}, {"max_ms", p99_ms},
          {"failed_rate", 0.0},     {"unfinished", 0},          {"passed", failure == nullptr},
          {"failure", failure ? json(failure) : json(nullptr)}};
}

// A capacity search (sweep --rate): latency against the offered rate with the SLO as a line
// and the capacity marked, the served rate against the offered one, the rates in a table.
TEST(HtmlReport, ACapacitySearchDrawsLatencyAgainstTheOfferedRate) {
  const json doc = {
      {"mode", "rate"},
      {"params", {{"url", "http://x/"}, {"method", "GET"}, {"rate", "500..2k"}, {"rate_lo", 500.0}, {"rate_hi", 2000.0},
                  {"slo", "p99=20ms"}, {"connections", 80}, {"arrivals", "constant"}}},
      {"slo", json::array({{{"percentile", 99.0}, {"limit_ms", 20.0}}})},
      {"capacity", {{"rate", 1414.0}, {"at_least", false}, {"lowest_fail", 2000.0}, {"reason", "budget spent"}}},
      {"curve", json::array({rate_point_doc(500, 500, 6, nullptr), rate_point_doc(1414, 1414, 9, nullptr),
                             rate_point_doc(2000, 1600, 330, "p99 330.0 ms > 20 ms")})},
      {"notes", json::array()}};
  const std::string page = document_html(doc);
  EXPECT_NE(page.find("data-report=\"rate-sweep\""), std::string::npos);
  EXPECT_EQ(page, sweep_html(doc));  // the sweep's own writer hands it over too
  EXPECT_NE(page.find("data-plot=\"rate-latency\""), std::string::npos);
  EXPECT_NE(page.find("data-plot=\"rate-served\""), std::string::npos);
  EXPECT_NE(page.find("data-series=\"SLO p99 ≤ 20 ms\" data-points=\"2\""), std::string::npos);
  EXPECT_NE(page.find("data-series=\"p99\" data-points=\"3\""), std::string::npos);
  EXPECT_NE(page.find(">capacity</text>"), std::string::npos);  // the marker at 1,414/s
  EXPECT_NE(page.find("1414 requests/s (2000/s fails)"), std::string::npos);
  EXPECT_NE(page.find("FAIL: p99 330.0 ms &gt; 20 ms"), std::string::npos);
}

}  // namespace
}  // namespace ringbench::report

#include "ringbench/report/text_report.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "ringbench/report/slo.h"
#include "ringbench/report/threshold.h"
#include "text_report_fixture.h"

namespace ringbench::report {
namespace {

using namespace text_test;  // NOLINT: test-local helpers



// --- histogram options, bars and colours -------------------------------------------------

// 1000 responses spread over 1..4 ms: every percentile up to p99.9 is supported.
RunResult thousand_responses() {
  RunResult r;
  r.duration_s = 1;
  for (uint64_t i = 0; i < 1000; ++i) r.totals.latency.record(1'000'000 + i * 3'000);
  r.totals.counters.responses = 1000;
  r.totals.counters.status[200 - stats::min_status] = 1000;
  return r;
}

ReportOptions styled(bool color, bool unicode) {
  ReportOptions o;
  o.style.color = color;
  o.style.unicode = unicode;
  return o;
}

TEST(TextReport, HistBinsSetsTheNumberOfLines) {
  ReportOptions o;
  o.hist_bins = 5;
  EXPECT_EQ(histogram_lines(text_of(three_responses(), o)).size(), 5u);
  o.hist_bins = 0;  // not a histogram, but still a readable report
  EXPECT_EQ(histogram_lines(text_of(three_responses(), o)).size(), 1u);
}

// The lines of the histogram section as printed, colour and all.
std::vector<std::string> raw_histogram_lines(const std::string& text) {
  const std::string heading = "Response time histogram:\n";
  std::istringstream in(text.substr(text.find(heading) + heading.size()));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line) && !line.empty();) lines.push_back(line);
  return lines;
}

// Bar length in eighths of a character: █ is 8, ▏ 1 ... ▉ 7.
size_t eighths_of(const std::string& bar) {
  static const std::vector<std::string> parts = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
  size_t n = 0;
  for (size_t at = 0; at < bar.size();) {
    size_t i = 0;
    while (i < parts.size() && bar.compare(at, parts[i].size(), parts[i]) != 0) ++i;
    if (i == parts.size()) {
      ADD_FAILURE() << "not a block character in " << bar;
      return n;
    }
    n += i + 1;
    at += parts[i].size();
  }
  return n;
}

// Three lines (edges 4.6, 21.5 and 100 ms) holding `a` x 1 ms, `b` x 10 ms, `c` x 100 ms.
RunResult three_lines(uint64_t a, uint64_t b, uint64_t c) {
  RunResult r;
  r.totals.latency.record(1'000'000, a);
  if (b) r.totals.latency.record(10'000'000, b);
  r.totals.latency.record(100'000'000, c);
  return r;
}

std::string bar_of(const std::string& line) { return line.substr(line.find('|') + 1); }

TEST(TextReport, UnicodeBarsUseEighths) {
  ReportOptions o = styled(false, true);
  o.hist_bins = 3;
  const auto lines = raw_histogram_lines(text_of(three_lines(64, 9, 1), o));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(eighths_of(bar_of(lines[0])), 320u);  // 40 characters
  EXPECT_EQ(eighths_of(bar_of(lines[1])), 45u);   // 9/64 of 320
  EXPECT_EQ(bar_of(lines[1]), "█████▋");
  EXPECT_EQ(bar_of(lines[2]), "▋");              // 1/64 of 320 = 5 eighths
}

TEST(TextReport, AsciiBarsUseHashes) {
  ReportOptions o = styled(false, false);
  o.hist_bins = 3;
  const auto lines = histogram_lines(text_of(three_lines(64, 9, 1), o));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].bar, 40u);
  EXPECT_EQ(lines[1].bar, 5u);
  EXPECT_EQ(lines[2].bar, 1u);  // 0.6 of a character still shows
}

// A lone outlier next to many fast responses is visible; an empty line has no bar at all.
TEST(TextReport, NonEmptyLinesAlwaysShowABar) {
  ReportOptions o = styled(true, true);
  o.hist_bins = 3;
  const auto lines = raw_histogram_lines(text_of(three_lines(10000, 0, 1), o));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[1].ends_with("[    0] |")) << lines[1];  // no escape around nothing
  EXPECT_TRUE(lines[2].ends_with("|\x1b[38;5;88m▏\x1b[0m")) << lines[2];  // > 3 x p99: violation
}

// The run-relative levels of three_lines(64, 9, 1) (74 samples): p25 = p50 = p75 = 1 ms,
// p90 = p95 = 10 ms, p99 = 100 ms. Bars are coloured by the level of their upper edge.
TEST(TextReport, BarsAreColouredByTheLevelOfTheirUpperEdge) {
  ReportOptions o = styled(true, false);
  o.hist_bins = 3;
  const auto lines = raw_histogram_lines(text_of(three_lines(64, 9, 1), o));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[0].ends_with("|\x1b[38;5;82m" + std::string(40, '#') + "\x1b[0m"))
      << lines[0];  // 4.6 ms: acceptable (<= p90)
  EXPECT_TRUE(lines[1].ends_with("|\x1b[38;5;226m#####\x1b[0m")) << lines[1];  // 21.5: slow
  EXPECT_TRUE(lines[2].ends_with("|\x1b[38;5;226m#\x1b[0m")) << lines[2];      // 100: slow
}

TEST(TextReport, SloTargetsRecolourTheBars) {
  ReportOptions o = styled(true, false);
  o.hist_bins = 3;
  o.slo = parse_slo("p90=2ms,p99=20ms");
  const auto lines = raw_histogram_lines(text_of(three_lines(64, 9, 1), o));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(contains(lines[0], "\x1b[38;5;154m")) << lines[0];  // 4.6 ms: degraded
  EXPECT_TRUE(contains(lines[1], "\x1b[38;5;214m")) << lines[1];  // 21.5 ms: very slow
  EXPECT_TRUE(contains(lines[2], "\x1b[38;5;88m")) << lines[2];   // 100 ms: violation
}

// --- legend ------------------------------------------------------------------------------

// The legend rows: the lines after the "Legend (...):" heading up to the next blank line.
std::vector<std::string> legend_rows(const std::string& text) {
  const size_t at = text.find("\nLegend (");
  if (at == std::string::npos) return {};
  std::istringstream in(text.substr(text.find('\n', at + 1) + 1));
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line) && !line.empty();) rows.push_back(line);
  return rows;
}

// Each entry names what its bound is (the run's percentile), not a verdict.
TEST(TextReport, LegendHasThreeBandsPerRow) {
  const auto rows = legend_rows(text_of(thousand_responses(), styled(false, false)));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0],
            "  # p25/2    <= 0.874ms   # p25      <= 1.75ms    # p50      <= 2.50ms");
  EXPECT_EQ(rows[3], "  # 3x p99   <= 11.91ms   # above    > 11.91ms");
  const auto unicode = legend_rows(text_of(thousand_responses(), styled(false, true)));
  ASSERT_EQ(unicode.size(), 4u);
  EXPECT_EQ(unicode[0],
            "  ■ p25/2    ≤ 0.874 ms   ■ p25      ≤ 1.75 ms    ■ p50      ≤ 2.50 ms");
}

TEST(TextReport, LegendEntriesAreColoured) {
  const auto rows = legend_rows(text_of(thousand_responses(), styled(true, false)));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_TRUE(rows[0].starts_with("  \x1b[38;5;22m# p25/2    <= 0.874ms\x1b[0m   ")) << rows[0];
  EXPECT_TRUE(rows[3].ends_with("\x1b[38;5;88m# above    > 11.91ms\x1b[0m")) << rows[3];
}

// Issue 11 item 11: without --slo the legend says once that the colours are relative to the
// run, and no verdict word (good, slow, ...) appears in the percentiles or the legend.
TEST(TextReport, WithoutSloNothingIsGraded) {
  const std::string text = text_of(thousand_responses(), styled(false, false));
  const std::string graded = text.substr(0, text.find("Status code distribution:"));
  EXPECT_TRUE(contains(graded, "\nLegend (colours relative to this run, no SLO given):\n"));
  EXPECT_EQ(graded.find("relative to this run"), graded.rfind("relative to this run"));
  for (const char* word : {"elite", "excellent", "good", "normal", "acceptable", "degraded",
                           "slow", "critical", "severe", "violation", "ms ["}) {
    EXPECT_FALSE(contains(graded, word)) << word << " in\n" << graded;
  }
}

// With --slo the bounds the targets set are marked "SLO", and an empty band (a bound equal to
// the one before, here the run's p50 .. p95 all capped at the 2 ms p99 target) is left out.
TEST(TextReport, LegendMarksTheBoundsTheSloSet) {
  ReportOptions o = styled(false, false);
  o.slo = parse_slo("p99=2ms");
  const std::string text = text_of(thousand_responses(), o);
  EXPECT_TRUE(contains(text, "\nLegend (colours relative to this run and the --slo targets):\n"));
  const auto rows = legend_rows(text);
  ASSERT_EQ(rows.size(), 3u) << text;
  EXPECT_EQ(rows[0], "  # p25/2        <= 0.874ms   # p25          <= 1.75ms    "
                     "# SLO p99      <= 2.00ms");
  EXPECT_EQ(rows[1], "  # 1.5x SLO p99 <= 3.00ms    # 2x SLO p99   <= 4.00ms    "
                     "# 3x SLO p99   <= 6.00ms");
  EXPECT_EQ(rows[2], "  # above        > 6.00ms");
}

TEST(TextReport, NoLegendWithoutResponses) {
  EXPECT_TRUE(legend_rows(text_of(RunResult{}, styled(true, true))).empty());
}


// --- percentiles, status codes, verdicts, insights ---------------------------------------

// Without targets a key percentile shows its value in its band's colour, and no verdict.
TEST(TextReport, KeyPercentilesAreColouredNotGraded) {
  const std::string text = text_of(thousand_responses(), styled(false, false));
  EXPECT_TRUE(contains(text, "  50.00% in 0.0025 secs  p50 = 2.50 ms\n")) << text;
  EXPECT_TRUE(contains(text, "  75.00% in 0.0032 secs\n"));  // not annotated
  EXPECT_TRUE(contains(text, "  99.90% in 0.0040 secs  p99.9 = 4.00 ms\n"));
  const std::string colored = text_of(thousand_responses(), styled(true, false));
  EXPECT_TRUE(contains(colored, "secs  \x1b[38;5;34mp50 = 2.50 ms\x1b[0m\n"));
}

// With --slo a percentile that has a target is graded against it (a target percentile outside
// the usual four is annotated too); one without a target is not graded.
TEST(TextReport, PercentilesWithATargetAreGradedAgainstIt) {
  ReportOptions o = styled(false, false);
  o.slo = parse_slo("p50=2.5ms,p90=3ms,p99=4ms");
  const std::string text = text_of(thousand_responses(), o);
  EXPECT_TRUE(contains(text, "  50.00% in 0.0025 secs  p50 = 2.499 ms [meets SLO 2.50 ms]\n"))
      << text;
  EXPECT_TRUE(contains(text, "  90.00% in 0.0037 secs  p90 = 3.70 ms [misses SLO 3.00 ms]\n"));
  EXPECT_TRUE(contains(text, "  95.00% in 0.0038 secs  p95 = 3.85 ms\n"));
  EXPECT_TRUE(contains(text, "  99.00% in 0.0040 secs  p99 = 3.97 ms [meets SLO 4.00 ms]\n"));
}

// pN needs 1/(1 - N/100) samples: p99.9 1000, p99.99 10,000.
TEST(TextReport, PercentilesTheSampleCannotSupportAreMarked) {
  RunResult r = thousand_responses();
  std::string text = text_of(r);
  EXPECT_TRUE(contains(text, "p99.9 = 4.00 ms\n  99.99% in 0.0040 secs  (insufficient samples)\n"));
  r.totals.latency.reset();
  r.totals.latency.record(1'000'000, 999);
  text = text_of(r);
  EXPECT_TRUE(contains(text, "  99.00% in 0.0010 secs  p99 = 1.00 ms\n")) << text;
  EXPECT_TRUE(contains(text, "p99.9 = 1.00 ms  (insufficient samples)\n"));
  r.totals.latency.record(1'000'000, 9001);
  EXPECT_FALSE(contains(text_of(r), "insufficient"));
}

RunResult with_statuses() {
  RunResult r = thousand_responses();
  auto& c = r.totals.counters;
  for (int code : {101, 302, 404, 503, 598}) c.count_status(code);
  return r;
}

TEST(TextReport, StatusCodesHaveReasonPhrases) {
  const std::string text = text_of(with_statuses());
  EXPECT_TRUE(contains(text, "Status code distribution:\n"
                             "  [101] Switching Protocols     1 responses\n"
                             "  [200] OK                   1000 responses\n"
                             "  [302] Found                   1 responses\n"
                             "  [404] Not Found               1 responses\n"
                             "  [503] Service Unavailable     1 responses\n"
                             "  [598]                         1 responses\n"))
      << text;
}

TEST(TextReport, StatusCodesAreColouredByClass) {
  const std::string text = text_of(with_statuses(), styled(true, false));
  EXPECT_TRUE(contains(text, "  [101] Switching Protocols     1"));  // informational: plain
  EXPECT_TRUE(contains(text, "  \x1b[38;5;40m[200] OK\x1b[0m                   1000"));
  EXPECT_TRUE(contains(text, "  \x1b[38;5;226m[302] Found\x1b[0m   "));
  EXPECT_TRUE(contains(text, "  \x1b[38;5;208m[404] Not Found\x1b[0m   "));
  EXPECT_TRUE(contains(text, "  \x1b[38;5;196m[503] Service Unavailable\x1b[0m   "));
  EXPECT_TRUE(contains(text, "  \x1b[38;5;196m[598]\x1b[0m   "));
}

TEST(TextReport, SloTargetsOnlyWhenGiven) {
  EXPECT_FALSE(contains(text_of(thousand_responses()), "SLO targets"));
  ReportOptions o = styled(true, false);
  o.slo = parse_slo("p50=2.5ms,p99=3ms");
  const std::string text = text_of(thousand_responses(), o);
  EXPECT_TRUE(contains(text, "SLO targets:\n"
                             "  \x1b[38;5;40mPASS\x1b[0m p50 <= 2.50 ms (measured 2.499 ms)\n"
                             "  \x1b[38;5;196mFAIL\x1b[0m p99 <= 3.00 ms (measured 3.97 ms)\n"))
      << text;
}

TEST(TextReport, SloTargetsOfAnEmptyRunFail) {
  ReportOptions o;
  o.slo = parse_slo("p99=5ms");
  EXPECT_TRUE(contains(text_of(RunResult{}, o),
                       "SLO targets:\n  FAIL p99 <= 5.00 ms (no responses)\n"));
}

TEST(TextReport, InsightSectionIsAlwaysThere) {
  EXPECT_TRUE(contains(text_of(RunResult{}), "Insight:\n  (no responses)\n"));
  const std::string text = text_of(three_responses(), styled(true, true));
  EXPECT_TRUE(contains(text, "Insight:\n  Latency spread (p99/p50):    1.50x — "
                             "\x1b[38;5;40mexcellent consistency\x1b[0m\n"))
      << text;
  EXPECT_TRUE(contains(text, "  Failed (errors, 4xx, 5xx):  50.00% — \x1b[38;5;196mhigh\x1b[0m "
                             "(top: 404 Not Found 1, timeout 1)\n"));
}

TEST(TextReport, ThresholdsWithTheirMeasuredValue) {
  EXPECT_FALSE(contains(text_of(three_responses()), "Thresholds"));
  ReportOptions o = styled(true, false);
  o.thresholds = evaluate_thresholds(
      {parse_threshold("p99 < 20ms"), parse_threshold("rps >= 100")}, three_responses());
  const std::string text = text_of(three_responses(), o);
  EXPECT_TRUE(contains(text, "Thresholds:\n  \x1b[38;5;40mPASS\x1b[0m p99 < 20ms (measured " +
                                 format_measured(o.thresholds[0]) + ")\n  \x1b[38;5;196mFAIL"
                                 "\x1b[0m rps >= 100 (measured " +
                                 format_measured(o.thresholds[1]) + ")\n"))
      << text;
  o.thresholds = evaluate_thresholds({parse_threshold("p99 < 20ms")}, RunResult{});
  EXPECT_TRUE(contains(text_of(RunResult{}, o), "FAIL\x1b[0m p99 < 20ms (no responses)\n"));
}

// Error messages may echo server bytes: no escape sequence and, in ASCII, no UTF-8 gets out.
TEST(TextReport, ForeignTextIsMadePrintable) {
  RunResult r = three_responses();
  r.totals.counters.count_error(ErrorClass::protocol, "bad header \x1b[2J caf\xc3\xa9");
  EXPECT_TRUE(contains(text_of(r), "first: \"bad header ?[2J caf??\"\n"));
  EXPECT_TRUE(contains(text_of(r, styled(false, true)), "first: \"bad header ?[2J café\"\n"));
}

TEST(TextReport, SectionsInOrder) {
  ReportOptions o;
  o.slo = parse_slo("p99=5ms");
  o.thresholds = evaluate_thresholds({parse_threshold("p99 < 20ms")}, three_responses());
  const std::string text = text_of(three_responses(), o);
  size_t at = 0;
  for (const char* heading :
       {"Summary:\n", "\n\nResponse time distribution:\n", "\n\nResponse time histogram:\n",
        "\n\nLegend (colours relative to this run and the --slo targets):\n", "\n\nSLO targets:\n", "\n\nStatus code distribution:\n",
        "\n\nDetails (average, fastest, slowest):\n", "\n\nErrors:\n", "\n\nInsight:\n",
        "\n\nThresholds:\n"}) {
    const size_t found = text.find(heading, at);
    ASSERT_NE(found, std::string::npos) << heading << " after " << at << " in\n" << text;
    at = found + 1;
  }
  EXPECT_EQ(text.rfind("\n\n"), text.find("\n\nThresholds:\n"));  // no trailing blank line
}

}  // namespace
}  // namespace ringbench::report

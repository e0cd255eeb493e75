#include "ringbench/sweep/sweep_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using test::knee_sweep;
using test::measure;
using test::point;

const report::Style plain_style{false, false};

std::string text_of(const SweepResult& r, report::Style style = plain_style) {
  std::ostringstream out;
  write_sweep_text(out, r, style);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines between `title` (exclusive) and the next blank line.
std::vector<std::string> section(const std::string& text, const std::string& title) {
  const std::vector<std::string> lines = lines_of(text);
  auto it = std::find_if(lines.begin(), lines.end(),
                         [&](const std::string& l) { return l.rfind(title, 0) == 0; });
  EXPECT_NE(it, lines.end()) << "no line starting with '" << title << "' in\n" << text;
  std::vector<std::string> body;
  if (it == lines.end()) return body;
  for (++it; it != lines.end() && !it->empty(); ++it) body.push_back(*it);
  return body;
}

// The row of the table (or chart) whose first field is `c`.
std::string row_of(const std::vector<std::string>& rows, uint32_t c) {
  for (const std::string& row : rows) {
    std::istringstream in(row);
    std::string first;
    in >> first;
    if (first == std::to_string(c)) return row;
  }
  ADD_FAILURE() << "no row for c=" << c;
  return "";
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

TEST(SweepText, HeadingNamesTheTargetAndTheBaseline) {
  const std::string text = text_of(knee_sweep());
  EXPECT_EQ(lines_of(text)[0], "Sweep: GET http://127.0.0.1:8080/  (6 levels)");
  EXPECT_NE(text.find("Baseline c=1: 1,000 rps, p50 0.800 ms, p99 1.00 ms\n"), std::string::npos) << text;
}

TEST(SweepText, TableHasOneRowPerLevelWithVerdicts) {
  const std::string text = text_of(knee_sweep());
  const std::vector<std::string> table = section(text, "      c  ");
  ASSERT_EQ(table.size(), 6u) << text;
  EXPECT_NE(text.find("      c         rps     p50 ms     p95 ms     p99 ms   p99.9 ms       score  verdict"),
            std::string::npos)
      << text;
  EXPECT_EQ(table[0], "     10      10,000       1.00       1.75       2.00       3.00       2,500  ok");
  EXPECT_TRUE(ends_with(row_of(table, 46), "* sweet spot (knee)")) << row_of(table, 46);
  EXPECT_NE(row_of(table, 46).find("38,000"), std::string::npos);
  EXPECT_TRUE(ends_with(row_of(table, 464), "DQ: p99/p50 5.2 > max spread 4.0"));
  EXPECT_TRUE(ends_with(row_of(table, 100), "  ok"));
}

TEST(SweepText, RowsAreSortedByConcurrency) {
  SweepResult r = knee_sweep();
  std::rotate(r.points.begin(), r.points.begin() + 2, r.points.end());  // refine order
  const std::vector<std::string> table = section(text_of(r), "      c  ");
  ASSERT_EQ(table.size(), 6u);
  EXPECT_EQ(table[0].substr(0, 7), "     10");
  EXPECT_EQ(table[5].substr(0, 7), "    464");
}

TEST(SweepText, SweetSpotBlock) {
  const std::string text = text_of(knee_sweep());
  EXPECT_NE(text.find("\nSweet spot: c=46 (knee)\n"
                      "  throughput  38,000 rps (95.0% of peak 40,000 rps @ c=100)\n"
                      "  latency     p50 1.00 ms, p99 2.50 ms (2.5x baseline p99)\n"
                      "  why         smallest c reaching 95.0% of peak 40,000 rps @ c=100 (knee ratio "
                      "0.95); p99 2.5x baseline; 1 of 6 points disqualified\n"),
            std::string::npos)
      << text;
}

TEST(SweepText, ChartScalesBothBarsAndMarksTheKnee) {
  const std::string text = text_of(knee_sweep());
  const std::vector<std::string> chart = section(text, "      c  rps");
  ASSERT_EQ(chart.size(), 6u) << text;
  const std::string knee = row_of(chart, 46);
  EXPECT_TRUE(ends_with(knee, "<- knee")) << knee;
  EXPECT_TRUE(ends_with(row_of(chart, 464), "DQ"));
  EXPECT_TRUE(ends_with(row_of(chart, 10), "2.00"));  // no marker on a plain row
  // rps bars: the 41,000 rps row fills the width, 10,000 rps is a quarter of it.
  const auto hashes = [](const std::string& row) { return std::count(row.begin(), row.end(), '#'); };
  EXPECT_EQ(hashes(row_of(chart, 464)), 30);
  EXPECT_EQ(hashes(row_of(chart, 10)), 7);  // 30 × 10,000 / 41,000 = 7.3
  // p99 bars: 5.2 ms fills the width, 2.0 ms gets 8 of 20.
  const auto equals = [](const std::string& row) { return std::count(row.begin(), row.end(), '='); };
  EXPECT_EQ(equals(row_of(chart, 464)), 20);
  EXPECT_EQ(equals(row_of(chart, 10)), 8);
}

TEST(SweepText, AsciiStyleWritesOnlyAscii) {
  const std::string text = text_of(knee_sweep());
  for (char c : text) ASSERT_GE(static_cast<signed char>(c), 0) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(SweepText, UnicodeAndColourWhenTheStyleAllows) {
  const std::string text = text_of(knee_sweep(), {true, true});
  EXPECT_NE(text.find("★ sweet spot (knee)"), std::string::npos) << text;
  EXPECT_NE(text.find("◀ knee"), std::string::npos) << text;
  EXPECT_NE(text.find("2.5× baseline"), std::string::npos) << text;
  EXPECT_NE(text.find("█"), std::string::npos);
  EXPECT_NE(text.find("\x1b[38;5;40m"), std::string::npos);   // the winner in green
  EXPECT_NE(text.find("\x1b[38;5;196m"), std::string::npos);  // a DQ in red
}

TEST(SweepText, PairedModeAddsReferenceColumns) {
  SweepResult r = knee_sweep();
  r.params.vs_url = "http://127.0.0.1:9090/";
  for (Point& p : r.points) pair_with(p, measure(p.concurrency, p.chosen.rps * 1.25, 1, p.chosen.p99_ms / 1.2));
  const std::string text = text_of(r);
  EXPECT_NE(text.find("Reference: http://127.0.0.1:9090/ (measured at every level)"), std::string::npos);
  const std::vector<std::string> table = section(text, "      c  ");
  ASSERT_EQ(table.size(), 6u) << text;
  EXPECT_NE(text.find("ref rps"), std::string::npos);
  EXPECT_NE(text.find("ref p99"), std::string::npos);
  EXPECT_NE(text.find("overhead"), std::string::npos);
  EXPECT_NE(row_of(table, 10).find("  12,500  "), std::string::npos) << row_of(table, 10);
  EXPECT_NE(row_of(table, 10).find("  +20.0%  "), std::string::npos) << row_of(table, 10);
  EXPECT_NE(text.find("  reference   47,500 rps, p99 2.08 ms; overhead +20.0%, rps deficit 20.0%"),
            std::string::npos)
      << text;
}

TEST(SweepText, FallbackIsMarkedAsSuch) {
  SweepResult r = knee_sweep();
  r.points = {point(10, 5'000, 1, 9), point(22, 9'000, 1, 8)};
  judge(r.points, *r.baseline, {}, false);
  r.sweet_spot = pick(r.points, {}, false, r.baseline);
  const std::string text = text_of(r);
  EXPECT_NE(text.find("Sweet spot: c=22 (fallback: no point qualified)"), std::string::npos) << text;
  const std::vector<std::string> table = section(text, "      c  ");
  EXPECT_TRUE(ends_with(row_of(table, 22), "* fallback; DQ: p99/p50 8.0 > max spread 4.0"));
  EXPECT_TRUE(ends_with(row_of(section(text, "      c  rps"), 22), "<- fallback"));
}

TEST(SweepText, NothingMeasured) {
  SweepResult r;
  r.sweet_spot = pick({}, {}, false);
  r.interrupted = true;
  r.notes = {"interrupted before the first level"};
  const std::string text = text_of(r);
  EXPECT_NE(text.find("Sweet spot: none\n  why         no point was measured\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("      c  rps"), std::string::npos) << text;  // no chart without points
  EXPECT_NE(text.find("Interrupted:"), std::string::npos);
  EXPECT_NE(text.find("Notes:\n  - interrupted before the first level\n"), std::string::npos);
}

TEST(SweepText, FlagsAreListedByLevel) {
  SweepResult r = knee_sweep();
  r.points[0].flags = {"50 samples: too few for p99 (needs 100)"};
  const std::string text = text_of(r);
  EXPECT_NE(text.find("Flags:\n  c=10: 50 samples: too few for p99 (needs 100)\n"), std::string::npos)
      << text;
}

TEST(PointProgressLine, OneLineWithTheLevelsFigures) {
  const SweepResult r = knee_sweep();
  EXPECT_EQ(point_progress_line(r.points[2], 2, 7), "[3/7] c=46  38,000 rps  p50 1.00 ms  p99 2.50 ms");
  // --conc auto does not know how many levels it will measure.
  EXPECT_EQ(point_progress_line(r.points[2], 2, 0), "[3] c=46  38,000 rps  p50 1.00 ms  p99 2.50 ms");
  EXPECT_EQ(point_progress_line(r.points[5], 5, 7),
            "[6/7] c=464  41,000 rps  p50 1.00 ms  p99 5.20 ms  DQ: p99/p50 5.2 > max spread 4.0");
}

TEST(PointProgressLine, BaselineAndAsciiOnly) {
  const SweepResult r = knee_sweep();
  EXPECT_EQ(baseline_progress_line(*r.baseline), "[baseline] c=1  1,000 rps  p50 0.800 ms  p99 1.00 ms");
  Point tail = point(46, 1000, 2, 4, 6);
  std::vector<Point> points = {tail};
  judge(points, *r.baseline, {}, false);
  EXPECT_EQ(point_progress_line(points[0], 0, 1),
            "[1/1] c=46  1,000 rps  p50 2.00 ms  p99 4.00 ms  DQ: p99 4.00 ms is 4.0x baseline p99 "
            "1.00 ms > max 3.0x");
}

TEST(PointProgressLine, RepeatsReferenceAndFlags) {
  Point p = combine_repeats({measure(8, 900, 0.2, 0.5), measure(8, 1000, 0.2, 0.5),
                             measure(8, 1100, 0.2, 0.5)});
  pair_with(p, measure(8, 1200, 0.2, 0.4));
  const std::string line = point_progress_line(p, 0, 1);
  EXPECT_EQ(line,
            "[1/1] c=8  1,000 rps  p50 0.200 ms  p99 0.500 ms  (rps 900..1,100 over 3 repeats)"
            "  ref 1,200 rps p99 0.400 ms  overhead +25.0%  [rps varied 20.0% across 3 repeats (900..1,100)]");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace ringbench::sweep

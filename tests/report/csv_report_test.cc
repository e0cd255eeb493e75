#include "ringbench/report/csv_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace ringbench::report {
namespace {

using stats::IntervalSummary;
using stats::RunResult;
using Table = std::vector<std::vector<std::string>>;

// Splits the output the way a CSV consumer without quoting support would: on '\n' and ','.
// That is enough because no field may need quoting (checked below: no '"' anywhere).
std::vector<Table> parse_csv(const std::string& text) {
  std::vector<Table> tables(1);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) {
      tables.emplace_back();
      continue;
    }
    std::vector<std::string> fields;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) fields.push_back(cell);
    if (line.back() == ',') fields.emplace_back();
    tables.back().push_back(fields);
  }
  return tables;
}

std::vector<Table> csv_of(const RunResult& r) {
  std::ostringstream out;
  write_csv(out, Config{}, r);
  EXPECT_EQ(out.str().find('"'), std::string::npos);
  EXPECT_EQ(out.str().back(), '\n');
  return parse_csv(out.str());
}

double num(const std::string& field) {
  size_t used = 0;
  const double value = std::stod(field, &used);
  EXPECT_EQ(used, field.size()) << field;  // the whole field is the number
  return value;
}

IntervalSummary interval(uint32_t index, double start, double end, uint64_t responses,
                         uint64_t p50_ns, uint64_t max_ns) {
  IntervalSummary i;
  i.index = index;
  i.start_s = start;
  i.end_s = end;
  i.responses = responses;
  i.p50_ns = p50_ns;
  i.p90_ns = p50_ns * 2;
  i.p99_ns = p50_ns * 3;
  i.max_ns = max_ns;
  return i;
}

RunResult two_intervals() {
  RunResult r;
  for (uint64_t us : {100, 200, 300, 400}) r.totals.latency.record(us * 1000);
  r.totals.latency.record(1);  // 1 ns: must print as a plain number, not 1e-06
  IntervalSummary a = interval(0, 0.0, 1.0, 3, 150'000, 300'000);
  a.errors[static_cast<size_t>(stats::ErrorClass::timeout)] = 2;
  a.errors[static_cast<size_t>(stats::ErrorClass::reset)] = 1;
  r.intervals = {a, interval(1, 1.0, 1.25, 2, 1'234'567, 400'000)};
  return r;
}

TEST(CsvReport, TwoTablesSeparatedByABlankLine) {
  const auto tables = csv_of(two_intervals());
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].size(), 1u + 9 + 3);  // header, p10..p99.99, min mean max
  EXPECT_EQ(tables[1].size(), 1u + 2);      // header, two intervals
}

TEST(CsvReport, PercentileTableFieldByField) {
  const RunResult r = two_intervals();
  const stats::Histogram& h = r.totals.latency;
  const Table t = csv_of(r).at(0);
  EXPECT_EQ(t[0], (std::vector<std::string>{"percentile", "latency_ms"}));
  const std::vector<std::pair<std::string, double>> expected = {
      {"p10", 10}, {"p25", 25}, {"p50", 50},     {"p75", 75},      {"p90", 90},
      {"p95", 95}, {"p99", 99}, {"p99.9", 99.9}, {"p99.99", 99.99}};
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(t[i + 1].size(), 2u);
    EXPECT_EQ(t[i + 1][0], expected[i].first);
    // ms with six decimals: exact to the nanosecond.
    EXPECT_EQ(std::llround(num(t[i + 1][1]) * 1e6), h.percentile(expected[i].second))
        << t[i + 1][0];
  }
  EXPECT_EQ(t[10], (std::vector<std::string>{"min", "0.000001"}));
  EXPECT_EQ(t[11][0], "mean");
  EXPECT_NEAR(num(t[11][1]), h.mean() / 1e6, 1e-6);
  EXPECT_EQ(t[12], (std::vector<std::string>{"max", "0.4"}));
}

TEST(CsvReport, IntervalRowsFieldByField) {
  const Table t = csv_of(two_intervals()).at(1);
  EXPECT_EQ(t[0], (std::vector<std::string>{"interval", "start_s", "end_s", "responses", "rps",
                                            "errors", "p50_ms", "p90_ms", "p99_ms", "max_ms"}));
  EXPECT_EQ(t[1],
            (std::vector<std::string>{"0", "0", "1", "3", "3", "3", "0.15", "0.3", "0.45", "0.3"}));
  ASSERT_EQ(t[2].size(), 10u);
  EXPECT_EQ(t[2][0], "1");
  EXPECT_DOUBLE_EQ(num(t[2][1]), 1.0);
  EXPECT_DOUBLE_EQ(num(t[2][2]), 1.25);  // the last interval ends with the run: shorter
  EXPECT_EQ(t[2][3], "2");
  EXPECT_DOUBLE_EQ(num(t[2][4]), 8.0);  // 2 responses in 0.25 s
  EXPECT_EQ(t[2][5], "0");
  EXPECT_EQ(t[2][6], "1.234567");  // every nanosecond survives
  EXPECT_EQ(t[2][7], "2.469134");
  EXPECT_EQ(t[2][8], "3.703701");
  EXPECT_EQ(t[2][9], "0.4");
}

TEST(CsvReport, EmptyRunHasZerosAndNoIntervalRows) {
  RunResult r;
  r.duration_s = std::nan("");
  const auto tables = csv_of(r);
  ASSERT_EQ(tables.size(), 2u);
  for (size_t i = 1; i < tables[0].size(); ++i) EXPECT_EQ(tables[0][i][1], "0") << tables[0][i][0];
  EXPECT_EQ(tables[1].size(), 1u);  // the header alone, so a consumer still finds the columns
}

TEST(CsvReport, ZeroLengthIntervalHasZeroRateNotNaN) {
  RunResult r;
  r.intervals = {interval(0, 3.0, 3.0, 0, 0, 0)};
  const Table t = csv_of(r).at(1);
  EXPECT_EQ(t[1], (std::vector<std::string>{"0", "3", "3", "0", "0", "0", "0", "0", "0", "0"}));
}

}  // namespace
}  // namespace ringbench::report

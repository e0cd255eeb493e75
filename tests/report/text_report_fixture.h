// Shared by the text report tests: sample results and parsers for the plain-text report.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "ringbench/report/text_report.h"

namespace ringbench::report::text_test {

using stats::ErrorClass;
using stats::RunResult;

using stats::ErrorClass;
using stats::RunResult;

inline Config config_for(uint32_t concurrency) {
  Config c;
  c.url = "http://127.0.0.1:8080/";
  c.concurrency = concurrency;
  return c;
}

// 3 responses of 1, 2 and 3 ms in 2 s, two 200s and a 404, one timeout.
inline RunResult three_responses() {
  RunResult r;
  r.duration_s = 2.0;
  r.threads = 2;
  auto& t = r.totals;
  for (uint64_t ms : {1, 2, 3}) t.latency.record(ms * 1'000'000);
  t.counters.responses = 3;
  t.counters.count_status(200);
  t.counters.count_status(200);
  t.counters.count_status(404);
  t.counters.body_bytes = 300;
  t.counters.bytes_read = 900;
  t.counters.bytes_written = 150;
  t.counters.connections = 3;
  t.counters.reconnects = 1;
  t.counters.count_error(ErrorClass::timeout, "request timed out after 20s");
  t.phases.connect.record(100'000);
  t.phases.connect.record(300'000);
  return r;
}

inline std::string text_of(const RunResult& r, uint32_t concurrency = 3) {
  std::ostringstream out;
  write_text(out, config_for(concurrency), r);
  return out.str();
}

inline std::string text_of(const RunResult& r, const ReportOptions& options) {
  std::ostringstream out;
  write_text(out, config_for(3), r, options);
  return out.str();
}

struct HistogramLine {
  std::string upper;
  uint64_t count;
  size_t bar;
};

// Parses "  0.0012 [  42] |####". Hand-rolled: std::regex trips GCC 12's
// -Wmaybe-uninitialized under the sanitizers.
inline HistogramLine parse_histogram_line(const std::string& line) {
  const size_t open = line.find(" ["), close = line.find("] |");
  EXPECT_TRUE(line.rfind("  ", 0) == 0 && open != std::string::npos && close > open) << line;
  const std::string bar = line.substr(close + 3);
  EXPECT_EQ(bar.find_first_not_of('#'), std::string::npos) << line;
  return {line.substr(2, open - 2), std::stoull(line.substr(open + 2, close - open - 2)),
          bar.size()};
}

// The lines between "Response time histogram:" and the next blank line.
inline std::vector<HistogramLine> histogram_lines(const std::string& text) {
  const std::string heading = "Response time histogram:\n";
  const size_t begin = text.find(heading);
  EXPECT_NE(begin, std::string::npos);
  std::istringstream in(text.substr(begin + heading.size()));
  std::vector<HistogramLine> lines;
  for (std::string line; std::getline(in, line) && !line.empty();) {
    lines.push_back(parse_histogram_line(line));
  }
  return lines;
}

// Whether "nan" or "inf" appears as a word, in any case, as printf would spell them.
inline bool has_non_finite_word(const std::string& text) {
  std::string word;
  for (char ch : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (word == "nan" || word == "inf" || word == "infinity") {
      return true;
    } else {
      word.clear();
    }
  }
  return false;
}

inline uint64_t sum_of(const std::vector<HistogramLine>& lines) {
  uint64_t sum = 0;
  for (const auto& l : lines) sum += l.count;
  return sum;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace ringbench::report::text_test

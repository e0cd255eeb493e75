// Golden-output tests of the whole text report: fixed, hand-built RunResults rendered with and
// without colour, in ASCII and Unicode, compared byte for byte with tests/report/golden/*.inc.
// Escapes are compared as a visible "\e" so that the golden files stay readable.
//
// To regenerate after an intended change: RINGBENCH_GOLDEN_DIR=$PWD/tests/report/golden
// build/tests/report/test_report --gtest_filter='TextGolden.*', then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/report/slo.h"
#include "ringbench/report/text_report.h"
#include "ringbench/report/threshold.h"

namespace ringbench::report {
namespace {

using stats::ErrorClass;
using stats::RunResult;

// Each file holds one raw string literal whose text starts after its first newline.
constexpr std::string_view golden_realistic_plain =
#include "golden/realistic_plain.inc"
    ;
constexpr std::string_view golden_realistic_fancy =
#include "golden/realistic_fancy.inc"
    ;
constexpr std::string_view golden_empty_plain =
#include "golden/empty_plain.inc"
    ;
constexpr std::string_view golden_empty_fancy =
#include "golden/empty_fancy.inc"
    ;
constexpr std::string_view golden_all_errors_ascii_color =
#include "golden/all_errors_ascii_color.inc"
    ;
constexpr std::string_view golden_all_errors_unicode_plain =
#include "golden/all_errors_unicode_plain.inc"
    ;
constexpr std::string_view golden_outlier_plain =
#include "golden/outlier_plain.inc"
    ;
constexpr std::string_view golden_outlier_fancy =
#include "golden/outlier_fancy.inc"
    ;

constexpr uint64_t us = 1'000, ms = 1'000'000;

// A fixed pseudo-random sequence (PCG's LCG step): the same numbers on every platform,
// unlike std:: distributions whose algorithms are left to the library.
class Sequence {
 public:
  uint64_t below(uint64_t bound) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return (state_ >> 33) % bound;
  }

 private:
  uint64_t state_ = 42;
};

Config config_for(uint32_t concurrency) {
  Config c;
  c.url = "http://127.0.0.1:8080/";
  c.concurrency = concurrency;
  return c;
}

// 2000 responses in 2.5 s over 50 connections: a bell around 2 ms, one in a hundred slowed by
// 5..25 ms, two stalls of 80 ms; mostly 200 with some 301, 404 and 503; a few errors.
RunResult realistic() {
  RunResult r;
  r.duration_s = 2.5;
  r.threads = 4;
  r.concurrency = 50;
  Sequence seq;
  auto& t = r.totals;
  for (int i = 0; i < 1998; ++i) {
    uint64_t v = 800 * us + seq.below(800 * us) + seq.below(800 * us) + seq.below(800 * us);
    if (i % 100 == 99) v += 5 * ms + seq.below(20 * ms);
    t.latency.record(v);
  }
  t.latency.record(80 * ms, 2);
  auto& c = t.counters;
  c.responses = 2000;
  c.status[200 - stats::min_status] = 1950;
  c.status[301 - stats::min_status] = 5;
  c.status[404 - stats::min_status] = 30;
  c.status[503 - stats::min_status] = 15;
  for (int i = 0; i < 3; ++i) c.count_error(ErrorClass::timeout, "request timed out after 5s");
  c.count_error(ErrorClass::reset, "recv: Connection reset by peer");
  c.body_bytes = 2000 * 1024;
  c.bytes_read = 2000 * 1180;
  c.bytes_written = 2004 * 96;
  c.connections = 52;
  c.reconnects = 2;
  for (uint64_t v : {110 * us, 95 * us, 240 * us}) t.phases.connect.record(v);
  for (uint64_t v : {1900 * us, 2100 * us, 80 * ms}) t.phases.wait.record(v);
  for (uint64_t v : {4 * us, 6 * us, 11 * us}) t.phases.read.record(v);
  return r;
}

// The server was down: every request failed, no response at all.
RunResult all_errors() {
  RunResult r;
  r.duration_s = 1.0;
  r.threads = 2;
  r.concurrency = 20;
  auto& c = r.totals.counters;
  c.connect_failures = 8;
  c.connections = 12;
  for (int i = 0; i < 12; ++i) c.count_error(ErrorClass::connect, "connect: Connection refused");
  for (int i = 0; i < 28; ++i) c.count_error(ErrorClass::timeout, "request timed out after 1s");
  return r;
}

// 10,000 responses between 0.9 and 1.1 ms and one of 5 s.
RunResult outlier() {
  RunResult r;
  r.duration_s = 10;
  r.threads = 1;
  r.concurrency = 10;
  Sequence seq;
  for (int i = 0; i < 10000; ++i) r.totals.latency.record(900 * us + seq.below(200 * us));
  r.totals.latency.record(5'000 * ms);
  r.totals.counters.responses = 10001;
  r.totals.counters.status[200 - stats::min_status] = 10001;
  r.totals.counters.connections = 10;
  return r;
}

struct Fixture {
  const char* name;
  RunResult result;
  uint32_t concurrency;
  ReportOptions options;
};

std::vector<Fixture> fixtures() {
  ReportOptions gated;
  gated.slo = parse_slo("p50=2ms,p99=20ms,p99.9=50ms");
  gated.thresholds = evaluate_thresholds(
      {parse_threshold("p99 < 20ms"), parse_threshold("error_rate < 1%")}, realistic());
  ReportOptions down;
  down.slo = parse_slo("p99=10ms");
  down.thresholds = evaluate_thresholds({parse_threshold("p99 < 20ms")}, all_errors());
  return {{"realistic", realistic(), 50, gated},
          {"empty", RunResult{}, 10, ReportOptions{}},
          {"all_errors", all_errors(), 20, down},
          {"outlier", outlier(), 10, ReportOptions{}}};
}

Fixture fixture(std::string_view name) {
  for (Fixture& f : fixtures()) {
    if (f.name == name) return f;
  }
  ADD_FAILURE() << "no fixture " << name;
  return {};
}

std::string render(const Fixture& f, bool color, bool unicode) {
  ReportOptions options = f.options;
  options.style = Style{color, unicode};
  std::ostringstream out;
  write_text(out, config_for(f.concurrency), f.result, options);
  return out.str();
}

std::string visible(const std::string& text) {
  std::string out;
  for (char ch : text) out += ch == '\x1b' ? std::string("\\e") : std::string(1, ch);
  return out;
}

void expect_golden(std::string_view golden, std::string_view fixture_name, bool color,
                   bool unicode, const char* file) {
  const std::string actual = visible(render(fixture(fixture_name), color, unicode));
  if (const char* dir = std::getenv("RINGBENCH_GOLDEN_DIR")) {
    std::ofstream(std::string(dir) + "/" + file) << "R\"golden(\n" << actual << ")golden\"\n";
  }
  EXPECT_EQ(actual, golden.substr(1)) << "golden file " << file;
}

TEST(TextGolden, Realistic) {
  expect_golden(golden_realistic_plain, "realistic", false, false, "realistic_plain.inc");
  expect_golden(golden_realistic_fancy, "realistic", true, true, "realistic_fancy.inc");
}

TEST(TextGolden, EmptyRun) {
  expect_golden(golden_empty_plain, "empty", false, false, "empty_plain.inc");
  expect_golden(golden_empty_fancy, "empty", true, true, "empty_fancy.inc");
}

TEST(TextGolden, AllErrors) {
  expect_golden(golden_all_errors_ascii_color, "all_errors", true, false,
                "all_errors_ascii_color.inc");
  expect_golden(golden_all_errors_unicode_plain, "all_errors", false, true,
                "all_errors_unicode_plain.inc");
}

TEST(TextGolden, HugeOutlier) {
  expect_golden(golden_outlier_plain, "outlier", false, false, "outlier_plain.inc");
  expect_golden(golden_outlier_fancy, "outlier", true, true, "outlier_fancy.inc");
}

// --- properties every fixture must have in every style ----------------------------------

bool has_byte_at_or_above_0x80(const std::string& text) {
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) return true;
  }
  return false;
}

// Removes "\x1b[38;5;Nm" and "\x1b[0m"; any other escape is a failure.
std::string without_colour(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b') {
      out += text[i];
      continue;
    }
    const size_t end = text.find('m', i);
    const std::string seq = text.substr(i, end == std::string::npos ? 1 : end - i + 1);
    EXPECT_TRUE(seq == "\x1b[0m" || seq.starts_with("\x1b[38;5;")) << visible(seq);
    i = end == std::string::npos ? text.size() : end;
  }
  return out;
}

TEST(TextGolden, NoEscapeWithoutColourNoUtf8WithoutUnicode) {
  for (const Fixture& f : fixtures()) {
    for (bool unicode : {false, true}) {
      EXPECT_EQ(render(f, false, unicode).find('\x1b'), std::string::npos) << f.name;
      EXPECT_EQ(without_colour(render(f, true, unicode)), render(f, false, unicode)) << f.name;
    }
    for (bool color : {false, true}) {
      EXPECT_FALSE(has_byte_at_or_above_0x80(render(f, color, false))) << f.name;
    }
    if (f.result.requests() > 0) {  // an empty run has nothing to colour and no dash
      EXPECT_TRUE(has_byte_at_or_above_0x80(render(f, false, true))) << f.name;
      EXPECT_NE(render(f, true, false).find('\x1b'), std::string::npos) << f.name;
    }
  }
  EXPECT_TRUE(has_byte_at_or_above_0x80("\xe2\x96\x88"));  // the checks themselves can fail
}

// The point of log-spaced lines: a 5 s outlier must leave the 1 ms responses spread out.
TEST(TextGolden, OutlierLeavesTheBodySpreadOverSeveralLines) {
  const std::string text = render(fixture("outlier"), false, false);
  std::istringstream in(text.substr(text.find("Response time histogram:\n")));
  std::string line;
  std::getline(in, line);
  int body_lines = 0;
  while (std::getline(in, line) && !line.empty()) {
    const double upper_s = std::stod(line.substr(2));
    const bool non_empty = line.find("] |#") != std::string::npos;
    if (upper_s <= 0.0011 && non_empty) ++body_lines;
  }
  EXPECT_GE(body_lines, 8);
}

}  // namespace
}  // namespace ringbench::report

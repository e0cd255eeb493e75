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

TEST(TextReport, SummaryHasTheNumbers) {
  const std::string text = text_of(three_responses());
  EXPECT_TRUE(contains(text, "Summary:\n"));
  EXPECT_TRUE(contains(text, "  Total:        2.0000 secs\n"));
  EXPECT_TRUE(contains(text, "  Slowest:      0.0030 secs\n"));
  EXPECT_TRUE(contains(text, "  Fastest:      0.0010 secs\n"));
  EXPECT_TRUE(contains(text, "  Average:      0.0020 secs\n"));
  EXPECT_TRUE(contains(text, "  Requests/sec: 1.50\n"));
  EXPECT_TRUE(contains(text, "  Requests:     4 (3 responses, 1 errors)\n"));
  EXPECT_TRUE(contains(text, "  Non-2xx:      1 responses\n"));
  EXPECT_TRUE(contains(text, "  Total data:   300 bytes\n"));
  EXPECT_TRUE(contains(text, "  Size/request: 100 bytes\n"));
  EXPECT_TRUE(contains(text, "  Bytes:        read 900 bytes, written 150 bytes\n"));
  EXPECT_TRUE(contains(text, "  Transfer/sec: read 450 bytes/s, written 75 bytes/s\n"));
  EXPECT_TRUE(contains(text, "  Connections:  3 opened (3 asked), 1 reconnects (0.50/s)\n"));
}

// Reconnects per second of the run and, when the engine timed it, how long opening took.
TEST(TextReport, ConnectionsSayHowFastTheyOpened) {
  RunResult r = three_responses();
  r.totals.counters.reconnects = 5000;
  r.open_s = 0.25;
  EXPECT_TRUE(contains(text_of(r), "  Connections:  3 opened (3 asked), 5000 reconnects (2500/s); opening took 0.25 s\n"))
      << text_of(r);
}

// Issue 11 item 19: byte counts scaled to KiB / MiB / GiB (the JSON keeps them exact), the
// transfer rate over the run's duration, requests/sec without four decimals.
TEST(TextReport, SummaryScalesBytesAndRates) {
  RunResult r = three_responses();
  r.duration_s = 4.0;
  r.totals.counters.responses = 30'000;
  r.totals.counters.status[200 - stats::min_status] = 29'999;
  r.totals.counters.body_bytes = 30'000 * 1536;         // 43.95 MiB, 1.50 KiB each
  r.totals.counters.bytes_read = 3ull << 30;            // 3.00 GiB: 768 MiB/s
  r.totals.counters.bytes_written = 1023;               // below 1 KiB: exact
  const std::string text = text_of(r);
  EXPECT_TRUE(contains(text, "  Requests/sec: 7500\n")) << text;
  EXPECT_TRUE(contains(text, "  Requests:     30001 (30000 responses, 1 errors)\n"));
  EXPECT_TRUE(contains(text, "  Total data:   43.95 MiB\n"));
  EXPECT_TRUE(contains(text, "  Size/request: 1.50 KiB\n"));
  EXPECT_TRUE(contains(text, "  Bytes:        read 3.00 GiB, written 1023 bytes\n"));
  EXPECT_TRUE(contains(text, "  Transfer/sec: read 768.00 MiB/s, written 256 bytes/s\n"));
  r.totals.counters.bytes_written = 1024 * 1024 - 1;  // 1023.999 KiB rounds to 1.00 MiB
  EXPECT_TRUE(contains(text_of(r), "written 1.00 MiB\n"));
  EXPECT_TRUE(contains(text, "  Non-2xx:      1 responses\n"));  // three_responses' 404
}

// Nothing completed: no "0.0000 secs" that would read as a measurement.
TEST(TextReport, SummaryWithoutResponsesSaysSo) {
  RunResult r;
  r.duration_s = 1.0;
  r.totals.counters.count_error(ErrorClass::connect, "connect: Connection refused");
  const std::string text = text_of(r);
  EXPECT_TRUE(contains(text, "  Total:        1.0000 secs\n  Latency:      no responses\n"
                             "  Requests/sec: 0 (no responses)\n"
                             "  Requests:     1 (0 responses, 1 errors)\n"))
      << text;
  EXPECT_TRUE(contains(text, "  Size/request: no responses\n"));
  EXPECT_FALSE(contains(text, "0.0000 secs")) << text;
  EXPECT_TRUE(contains(text_of(RunResult{}), "  Total:        not started\n"));
}

TEST(TextReport, ConnectFailuresExplainFewerConnections) {
  RunResult r = three_responses();
  r.totals.counters.connect_failures = 2;
  r.totals.counters.first_error[size_t(stats::ErrorClass::connect)] = "connect: Connection refused";
  EXPECT_TRUE(contains(text_of(r, 5), "  Connections:  3 opened (5 asked), 2 failed to open "
                                      "(first: \"connect: Connection refused\"), 1 reconnects (0.50/s)\n"));
}

TEST(TextReport, HandshakeFailuresExplainFewerConnectionsToo) {
  RunResult r = three_responses();
  r.totals.counters.connect_failures = 2;
  r.totals.counters.first_error[size_t(stats::ErrorClass::tls)] = "certificate verify failed";
  EXPECT_TRUE(contains(text_of(r, 5), "2 failed to open (first: \"certificate verify failed\")"));
}

// The server went away: when reconnects started failing, not only how often.
TEST(TextReport, ConnectErrorsDuringTheRunSayWhenTheyStarted) {
  RunResult r = three_responses();
  EXPECT_FALSE(contains(text_of(r), "Connect errors:"));
  r.connect_errors_from_s = 1.25;
  r.totals.counters.errors[size_t(stats::ErrorClass::connect)] = 12;
  r.totals.counters.first_error[size_t(stats::ErrorClass::connect)] = "connect 127.0.0.1:8080: Connection refused";
  EXPECT_TRUE(contains(text_of(r), "Connect errors: from 1.25 s into the run (first: \"connect 127.0.0.1:8080: "
                                   "Connection refused\"): the server went away or stopped accepting connections\n"));
}

// A -n run that ended short (every connection gave up reconnecting) says how many never went.
TEST(TextReport, RequestsOfACountRunThatWereNeverSent) {
  const RunResult r = three_responses();  // 4 requests
  Config c = config_for(3);
  for (uint64_t asked : {4u, 10u}) {
    c.requests = asked;
    std::ostringstream out;
    write_text(out, c, r);
    EXPECT_EQ(contains(out.str(), "Not sent: 6 of the 10 requests: no connection was left to send them on\n"),
              asked == 10) << out.str();
  }
}

TEST(TextReport, DistributionStatusDetailsAndErrors) {
  const std::string text = text_of(three_responses());
  EXPECT_TRUE(contains(text, "  10.00% in 0.0010 secs\n"));
  EXPECT_TRUE(contains(text, "  50.00% in 0.0020 secs  p50 = 2.00 ms\n"));
  EXPECT_TRUE(contains(text, "  99.99% in 0.0030 secs  (insufficient samples)\n"));
  EXPECT_TRUE(contains(text, "  [200] OK         2 responses\n  [404] Not Found  1 responses\n"));
  EXPECT_TRUE(contains(text, "  connect:    0.0002 secs, 0.0001 secs, 0.0003 secs\n"));
  EXPECT_TRUE(contains(text, "  read:       none\n"));  // no response had a read phase
  EXPECT_FALSE(contains(text, "write:"));  // a send's end is never observed: no such phase
  EXPECT_FALSE(contains(text, "tls:"));    // http: no handshake, no tls rows
  EXPECT_TRUE(contains(text, "Errors:\n"));
  EXPECT_TRUE(
      contains(text, "  [timeout] 1 errors - first: \"request timed out after 20s\"\n"));
  EXPECT_FALSE(contains(text, "[connect]"));
}

TEST(TextReport, HistogramLinesSumToTheCount) {
  const auto lines = histogram_lines(text_of(three_responses()));
  ASSERT_EQ(lines.size(), 16u);
  EXPECT_EQ(sum_of(lines), 3u);
  EXPECT_EQ(lines.back().upper, "0.0030");
  EXPECT_EQ(lines.front().count, 1u);   // 1 ms
  EXPECT_EQ(lines.back().count, 1u);    // 3 ms
  EXPECT_EQ(lines.front().bar, 40u);    // every non-empty line is the largest here
}

// Edges are geometric: one 10 s outlier must not push 1000 responses of 1..4 ms into one
// line (linear edges would put them all in the first of 16 lines of 0.6 s each).
TEST(TextReport, OutlierDoesNotSqueezeTheHistogram) {
  RunResult r;
  r.duration_s = 10;
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<uint64_t> dist(1'000'000, 4'000'000);
  for (int i = 0; i < 1000; ++i) r.totals.latency.record(dist(rng));
  r.totals.latency.record(10'000'000'000);
  const auto lines = histogram_lines(text_of(r));
  EXPECT_EQ(sum_of(lines), 1001u);
  size_t non_empty = 0;
  for (const auto& l : lines) non_empty += l.count != 0;
  EXPECT_GE(non_empty, 4u);
  EXPECT_EQ(lines.back().count, 1u);
  EXPECT_EQ(lines.back().upper, "10.0000");
}

TEST(TextReport, SingleValueIsOneLine) {
  RunResult r;
  r.totals.latency.record(5'000'000, 7);
  const auto lines = histogram_lines(text_of(r));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].count, 7u);
  EXPECT_EQ(lines[0].bar, 40u);
}

TEST(TextReport, SubMillisecondLatenciesGetMoreDecimals) {
  RunResult r;
  r.totals.latency.record(50'000);
  r.totals.latency.record(80'000);
  const std::string text = text_of(r);
  EXPECT_TRUE(contains(text, "  Fastest:      0.000050 secs\n"));
  EXPECT_TRUE(contains(text, "  Slowest:      0.000080 secs\n"));
}

TEST(TextReport, CaveatsOnlyWhenTheyApply) {
  RunResult r = three_responses();
  EXPECT_FALSE(contains(text_of(r), "Unfinished"));
  EXPECT_FALSE(contains(text_of(r), "Interrupted"));
  r.totals.counters.unfinished = 2;
  r.totals.unfinished_ages.add(1'500'000'000);
  r.totals.unfinished_ages.add(250'000'000);
  EXPECT_TRUE(contains(text_of(r), "Unfinished: 2 in flight at the deadline, oldest 1.5000 secs (not in any latency figure)\n"))
      << text_of(r);
  r.interrupted = true;
  const std::string text = text_of(r);
  EXPECT_TRUE(contains(text, "Unfinished: 2 in flight when the run was interrupted, oldest 1.5000 secs"));
  EXPECT_TRUE(contains(text, "Interrupted: report covers the run until Ctrl-C\n"));
}

TEST(TextReport, HttpsDetailsShowTheRequestsHandshakesAndEveryHandshake) {
  RunResult r = three_responses();
  r.totals.phases.handshakes.record(2'000'000);
  std::string text = text_of(r);
  EXPECT_TRUE(contains(text, "  tls:        none during the run (no reconnects)\n")) << text;
  EXPECT_TRUE(contains(text, "  handshakes: 0.0020 secs, 0.0020 secs, 0.0020 secs\n")) << text;
  r.totals.phases.tls.record(1'000'000);
  text = text_of(r);
  EXPECT_TRUE(contains(text, "  tls:        0.0010 secs, 0.0010 secs, 0.0010 secs\n")) << text;
}

TEST(TextReport, UnfinishedAfterADrainSaysSo) {
  RunResult r = three_responses();
  r.totals.counters.unfinished = 1;
  r.totals.unfinished_ages.add(2'500'000'000);
  Config config = config_for(3);
  config.requests.reset();
  config.duration = std::chrono::seconds(3);
  config.drain = std::chrono::seconds(2);
  std::ostringstream out;
  write_text(out, config, r);
  EXPECT_TRUE(contains(out.str(), "Unfinished: 1 in flight after the 2s drain, oldest 2.5000 secs")) << out.str();
}

TEST(TextReport, EmptyResultIsReadable) {
  const std::string text = text_of(RunResult{}, 10);
  EXPECT_FALSE(has_non_finite_word(text));
  EXPECT_TRUE(has_non_finite_word("x: -nan secs"));  // the check itself can fail
  EXPECT_TRUE(contains(text, "  Requests/sec: 0 (no responses)\n"));
  EXPECT_TRUE(contains(text, "  Size/request: no responses\n"));
  EXPECT_TRUE(contains(text, "  Latency:      no responses\n"));
  EXPECT_FALSE(contains(text, "0.0000 secs"));
  EXPECT_TRUE(contains(text, "  Connections:  0 opened (10 asked), 0 reconnects\n"));
  EXPECT_TRUE(contains(text, "Response time histogram:\n  (no responses)\n"));
  EXPECT_FALSE(contains(text, "Errors:"));
}

TEST(TextReport, NonFiniteDurationPrintsZero) {
  RunResult r = three_responses();
  r.duration_s = std::numeric_limits<double>::quiet_NaN();
  const std::string text = text_of(r);
  EXPECT_FALSE(has_non_finite_word(text));
  EXPECT_TRUE(contains(text, "  Total:        not started\n"));
  EXPECT_TRUE(contains(text, "  Requests/sec: 0.00\n"));
}
}  // namespace
}  // namespace ringbench::report

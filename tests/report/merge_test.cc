// `merge` on hand-built documents (each written by to_json, so the same shape as a run's):
// exact sums of histograms, ages and counters, rates over the union of the windows, intervals
// on the wall-clock grid, the refusal of other tests, and bad documents.
#include "ringbench/report/merge.h"

#include <gtest/gtest.h>

#include <random>

#include "ringbench/core/error.h"
#include "ringbench/report/json_report.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;
using stats::RunResult;
using namespace std::chrono_literals;

const std::chrono::system_clock::time_point t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 14} + 12h;

Config test_config(uint32_t concurrency = 4) {
  Config c;
  c.url = "http://127.0.0.1:8080/x";
  c.concurrency = concurrency;
  c.threads = 1;
  c.duration = 2s;
  return c;
}

stats::IntervalSummary interval(uint32_t index, double start, double end, uint64_t responses, uint64_t p50_ms) {
  stats::IntervalSummary i;
  i.index = index;
  i.start_s = start;
  i.end_s = end;
  i.responses = responses;
  i.p50_ns = i.p90_ns = i.p99_ns = i.max_ns = p50_ms * 1'000'000;
  return i;
}

// A run starting `offset` after t0, its latencies drawn lognormally from `seed`.
RunResult run_at(std::chrono::microseconds offset, double duration_s, int responses, unsigned seed) {
  RunResult r;
  r.started_at = t0 + offset;
  r.duration_s = duration_s;
  r.threads = 1;
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> dist(std::log(400'000.0 * seed), 1.2);
  for (int i = 0; i < responses; ++i) {
    r.totals.latency.record(uint64_t(dist(rng)));
    r.totals.counters.count_status(i % 10 == 0 ? 503 : 200);
  }
  r.totals.counters.responses = uint64_t(responses);
  r.totals.counters.bytes_read = 100 * uint64_t(responses);
  r.totals.phases.wait.record(1000 * seed);
  r.totals.phases.wait.record(3000 * seed + 7);
  return r;
}

ClientRun client(const Config& config, const RunResult& r, const std::string& source) {
  return read_client_run(json::parse(to_json(config, r).dump()), source);
}

TEST(Merge, HistogramsAgesAndCountersAddUpExactly) {
  RunResult a = run_at(0us, 2.0, 5000, 1), b = run_at(100ms, 2.0, 3000, 3);
  a.totals.counters.unfinished = 3;
  b.totals.counters.unfinished = 2;
  for (uint64_t ms : {10, 40, 50}) a.totals.unfinished_ages.add(ms * 1'000'000);
  for (uint64_t ms : {20, 30}) b.totals.unfinished_ages.add(ms * 1'000'000);
  a.totals.counters.count_error(stats::ErrorClass::timeout, "timeout: request timed out");
  const MergedRun m = merge_runs({client(test_config(), a, "a.json"), client(test_config(), b, "b.json")});

  stats::Histogram all = a.totals.latency;
  all.merge(b.totals.latency);
  for (double p : {0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    EXPECT_EQ(m.result.totals.latency.percentile(p), all.percentile(p)) << "p" << p;
  }
  EXPECT_EQ(m.result.totals.latency.count(), 8000u);
  EXPECT_EQ(m.result.totals.latency.mean(), all.mean());  // from the exact sums the documents hold
  EXPECT_EQ(m.result.totals.latency.stdev(), all.stdev());
  EXPECT_EQ(m.result.totals.counters.responses, 8000u);
  EXPECT_EQ(m.result.totals.counters.status_count(503), 800u);
  EXPECT_EQ(m.result.totals.counters.bytes_read, 800'000u);
  EXPECT_EQ(m.result.totals.counters.errors[size_t(stats::ErrorClass::timeout)], 1u);
  EXPECT_EQ(m.result.totals.counters.first_error[size_t(stats::ErrorClass::timeout)], "timeout: request timed out");
  // Ages 10 20 30 40 50: the p50 of the union is 30 ms, neither client's p50 (a's 40, b's 20).
  EXPECT_EQ(m.result.totals.unfinished_ages.p50_ns(), 30'000'000u);
  EXPECT_EQ(m.result.totals.unfinished_ages.max_ns(), 50'000'000u);
  EXPECT_EQ(m.result.totals.phases.wait.count, 4u);
  EXPECT_EQ(m.result.totals.phases.wait.sum_ns, 1000u + 3007u + 3000u + 9007u);
  EXPECT_EQ(m.result.totals.phases.wait.min_ns, 1000u);
  EXPECT_EQ(m.result.totals.phases.wait.max_ns, 9007u);
  EXPECT_EQ(m.config.concurrency, 8u);
  EXPECT_EQ(m.result.threads, 2u);
}

// An overloaded open-loop run may leave millions of requests queued: beyond
// max_listed_unfinished_ages the report keeps a histogram of their ages, not a list, and the
// merged p50 is then to the histogram's 3 significant digits.
TEST(Merge, ManyUnfinishedAgesTravelAsAHistogram) {
  RunResult a = run_at(0us, 2.0, 100, 1), b = run_at(0us, 2.0, 100, 2);
  const uint64_t many = max_listed_unfinished_ages + 1;
  for (uint64_t i = 0; i < many; ++i) a.totals.unfinished_ages.add(1'000'000 + i * 1000);  // 1 ms .. ~101 ms
  a.totals.counters.unfinished = many;
  b.totals.unfinished_ages.add(5'000'000);
  b.totals.counters.unfinished = 1;
  const json doc = to_json(test_config(), a);
  EXPECT_FALSE(doc["summary"]["unfinished_age_ms"].contains("all_ns"));
  EXPECT_TRUE(doc["summary"]["unfinished_age_ms"].contains("histogram"));
  const MergedRun m = merge_runs({read_client_run(json::parse(doc.dump()), "a.json"), client(test_config(), b, "b.json")});
  EXPECT_EQ(m.result.totals.unfinished_ages.count(), many + 1);
  stats::UnfinishedAges exact = a.totals.unfinished_ages;
  exact.merge(b.totals.unfinished_ages);
  EXPECT_NEAR(double(m.result.totals.unfinished_ages.p50_ns()), double(exact.p50_ns()), 0.001 * double(exact.p50_ns()));
}

TEST(Merge, RatesAreOverTheUnionOfTheWindowsAndEachClientKeepsItsOwn) {
  const RunResult a = run_at(0us, 2.0, 4000, 1), b = run_at(500ms, 2.0, 2000, 2);
  const MergedRun m = merge_runs({client(test_config(), a, "a.json"), client(test_config(), b, "b.json")});
  EXPECT_DOUBLE_EQ(m.result.duration_s, 2.5);  // t0 to t0 + 0.5 s + 2 s
  EXPECT_DOUBLE_EQ(m.result.rps(), 6000 / 2.5);
  EXPECT_TRUE(m.windows_overlap);
  ASSERT_EQ(m.clients.size(), 2u);
  EXPECT_DOUBLE_EQ(m.clients[0].rps, 2000.0);
  EXPECT_DOUBLE_EQ(m.clients[1].rps, 1000.0);
  EXPECT_DOUBLE_EQ(m.clients[1].offset_s, 0.5);
  EXPECT_DOUBLE_EQ(m.clients[0].share, 4000.0 / 6000.0);
  const json doc = merged_json(m, {});
  EXPECT_EQ(doc["merge"]["clients_merged"], 2);
  EXPECT_EQ(doc["merge"]["window"]["started_at"], "2026-03-14T12:00:00.000000Z");
  EXPECT_EQ(doc["merge"]["window"]["ended_at"], "2026-03-14T12:00:02.500000Z");
  EXPECT_DOUBLE_EQ(doc["summary"]["rps"].get<double>(), 2400.0);
}

TEST(Merge, WindowsThatDoNotOverlapAreFlaggedNotRefused) {
  const RunResult a = run_at(0us, 1.0, 100, 1), b = run_at(3s, 1.0, 100, 2);
  const MergedRun m = merge_runs({client(test_config(), a, "a.json"), client(test_config(), b, "b.json")});
  EXPECT_FALSE(m.windows_overlap);
  EXPECT_NE(m.windows_apart.find("a.json ended at 2026-03-14T12:00:01.000000Z, before b.json started at "
                                 "2026-03-14T12:00:03.000000Z"), std::string::npos) << m.windows_apart;
  EXPECT_DOUBLE_EQ(m.result.duration_s, 4.0);
  EXPECT_EQ(merged_json(m, {})["merge"]["windows_overlap"], false);
}

// A client whose clock started 0.4 s after the window's: its interval [0, 1) starts at 0.4 s of
// the window and so belongs to merged second 0; its [0.6, 1.6) would start at 1.0 exactly
// (second 1: the grid is in whole microseconds, no rounding error moves it back).
TEST(Merge, IntervalsAreAlignedByTheirWallClockStartOnTheWindowsSecondGrid) {
  RunResult a = run_at(0us, 2.0, 30, 1), b = run_at(400ms, 2.0, 300, 2), c = run_at(400ms, 1.6, 7, 3);
  a.intervals = {interval(0, 0, 1, 10, 5), interval(1, 1, 2, 20, 6)};
  b.intervals = {interval(0, 0, 1, 100, 7), interval(1, 1, 2, 200, 1)};
  c.intervals = {interval(0, 0, 0.6, 3, 2), interval(1, 0.6, 1.6, 4, 9)};
  const MergedRun m = merge_runs({client(test_config(), a, "a"), client(test_config(), b, "b"), client(test_config(), c, "c")});
  ASSERT_EQ(m.result.intervals.size(), 2u);
  EXPECT_EQ(m.result.intervals[0].responses, 10u + 100u + 3u);
  EXPECT_EQ(m.result.intervals[1].responses, 20u + 200u + 4u);
  EXPECT_DOUBLE_EQ(m.result.intervals[1].start_s, 1.0);
  EXPECT_DOUBLE_EQ(m.result.intervals[1].end_s, 2.0);
  EXPECT_EQ(m.result.intervals[0].max_ns, 7'000'000u);   // exact: the largest of the clients'
  EXPECT_EQ(m.result.intervals[1].max_ns, 9'000'000u);
  EXPECT_EQ(m.result.intervals[0].p50_ns, 7'000'000u);   // an upper bound, and flagged so
  EXPECT_EQ(m.interval_latency_exact, (std::vector<bool>{false, false}));
  EXPECT_EQ(merged_json(m, {})["intervals"][0]["latency_exact"], false);
  ASSERT_FALSE(m.notes.empty());
  EXPECT_NE(m.notes.back().find("upper bound"), std::string::npos);
}

TEST(Merge, OneClientPerSecondKeepsItsIntervalPercentilesExact) {
  RunResult a = run_at(0us, 2.0, 30, 1);
  a.intervals = {interval(0, 0, 1, 10, 5), interval(1, 1, 2, 20, 6)};
  const MergedRun m = merge_runs({client(test_config(), a, "a")});
  EXPECT_EQ(m.interval_latency_exact, (std::vector<bool>{true, true}));
  EXPECT_TRUE(m.notes.empty());
  EXPECT_EQ(m.result.intervals[1].p50_ns, 6'000'000u);
}

TEST(Merge, OpenLoopServiceTimeAndSendLagAddExactlyAndRatesSum) {
  Config config = test_config();
  config.rate = 1000;
  RunResult a = run_at(0us, 2.0, 2000, 1), b = run_at(10ms, 2.0, 2000, 2);
  for (RunResult* r : {&a, &b}) {
    r->totals.service_time = r->totals.latency;
    r->totals.send_lag.record(r == &a ? 50'000 : 900'000);
    r->totals.counters.scheduled = 2000;
  }
  const MergedRun m = merge_runs({client(config, a, "a"), client(config, b, "b")});
  stats::Histogram service = a.totals.service_time;
  service.merge(b.totals.service_time);
  for (double p : {50.0, 99.0, 99.99}) EXPECT_EQ(m.result.totals.service_time.percentile(p), service.percentile(p));
  EXPECT_EQ(m.result.totals.send_lag.count(), 2u);
  EXPECT_EQ(m.result.totals.send_lag.max(), 900'000u);
  EXPECT_EQ(m.config.rate, 2000.0);
  EXPECT_EQ(m.result.totals.counters.scheduled, 4000u);
}

std::vector<json> docs_of(std::initializer_list<Config> configs) {
  std::vector<json> docs;
  for (const Config& c : configs) docs.push_back(json::parse(to_json(c, run_at(0us, 1.0, 10, 1)).dump()));
  return docs;
}

TEST(Merge, RunsOfAnotherTestAreNamedButEachClientsOwnFiguresMayDiffer) {
  Config other_method = test_config(), other_pipeline = test_config(), own = test_config(16);
  other_method.method = "POST";
  other_pipeline.pipeline = 4;
  own.threads = 3;
  own.duration = 5s;
  const TestCheck check = check_same_test(docs_of({test_config(), other_method, other_pipeline, own}),
                                          {"a.json", "b.json", "c.json", "d.json"});
  EXPECT_EQ(check.differences, (std::vector<std::string>{"a.json vs b.json: method GET vs POST",
                                                         "a.json vs c.json: pipeline 1 vs 4"}));
  EXPECT_TRUE(check.loop_mismatch.empty());
}

TEST(Merge, OpenLoopWithClosedLoopIsALoopMismatch) {
  Config open = test_config();
  open.rate = 100;
  const TestCheck check = check_same_test(docs_of({test_config(), open}), {"a.json", "b.json"});
  EXPECT_NE(check.loop_mismatch.find("a.json vs b.json: one is open loop"), std::string::npos) << check.loop_mismatch;
}

std::string read_error(const json& doc) {
  try {
    read_client_run(doc, "x.json");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage);
    return e.what();
  }
  return "no error";
}

TEST(Merge, WhatIsNotARunReportIsAOneLineUsageError) {
  EXPECT_EQ(read_error(json::parse(R"({"points": []})")),
            "merge: 'x.json' is not a ringbench run report (no config, summary and histogram members (a sweep, or "
            "not a ringbench document))");
  EXPECT_NE(read_error(json::parse("[1, 2]")).find("is not a ringbench run report"), std::string::npos);
  json doc = json::parse(to_json(test_config(), run_at(0us, 1.0, 10, 1)).dump());
  json broken = doc;
  broken["histogram"]["buckets"][0][1] = 999;  // one bucket more than there were responses
  EXPECT_NE(read_error(broken).find("the histogram does not hold one latency per response"), std::string::npos);
  broken = doc;
  broken["histogram"]["significant_digits"] = 2;
  EXPECT_NE(read_error(broken).find("histogram: not a ringbench histogram"), std::string::npos);
  broken = doc;
  broken["summary"]["responses"] = "many";
  EXPECT_NE(read_error(broken).find("type must be number"), std::string::npos) << read_error(broken);
  broken = doc;
  broken["started_at"] = "yesterday";
  EXPECT_NE(read_error(broken).find("started_at 'yesterday'"), std::string::npos);
  broken = doc;
  broken["status_codes"] = {{"abc", 1}};
  EXPECT_NE(read_error(broken).find("status code"), std::string::npos);
  broken = doc;
  broken["summary"]["unfinished"] = 2;  // with no ages for them
  EXPECT_NE(read_error(broken).find("one age per unfinished request"), std::string::npos);
}

TEST(Merge, ACommonStartAtIsKeptWithTheLatestClientsLateness) {
  Config config = test_config();
  config.start_at = t0;
  RunResult a = run_at(0us, 1.0, 10, 1), b = run_at(2ms, 1.0, 10, 2);
  a.start_late_s = 0.0001;
  b.start_late_s = 0.002;
  MergedRun m = merge_runs({client(config, a, "a"), client(config, b, "b")});
  EXPECT_EQ(m.config.start_at, t0);
  EXPECT_DOUBLE_EQ(*m.result.start_late_s, 0.002);
  Config later = config;
  later.start_at = t0 + 1s;
  m = merge_runs({client(config, a, "a"), client(later, b, "b")});
  EXPECT_FALSE(m.config.start_at.has_value());  // not started together: no common time to show
}

TEST(Merge, ALabelIsReadWhenTheReportHasOne) {
  json doc = json::parse(to_json(test_config(), run_at(0us, 1.0, 10, 1)).dump());
  doc["label"] = "eu-west-1a";
  EXPECT_EQ(read_client_run(doc, "x.json").label, "eu-west-1a");
  doc["label"] = nullptr;
  EXPECT_FALSE(read_client_run(doc, "x.json").label.has_value());
}

}  // namespace
}  // namespace ringbench::report

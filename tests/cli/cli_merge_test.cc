// `ringbench merge` on reports of real runs against `ringbench serve` (issue 18): three
// concurrent clients merge to the server's own count with the percentiles of the union of
// their histograms; other tests are refused (exit 5) unless --force; windows apart are
// flagged; thresholds gate the merged result; bad files are one-line usage errors.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "child_process.h"
#include "test_files.h"
#include "utc_time.h"
#include "ringbench/report/json_report.h"
#include "target.h"

using namespace ringbench::testing;
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

// Named, not anonymous: the unity build joins the test files of this directory.
namespace merge_cli_test {

json read_json(const fs::path& path) {
  json doc;
  std::ifstream(path) >> doc;
  return doc;
}

size_t lines_in(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

// The latency_us member of a run that recorded every sample of `all`.
json merged_like_latency(const ringbench::stats::Histogram& all) {
  ringbench::stats::RunResult r;
  r.totals.latency = all;
  return ringbench::report::to_json(ringbench::Config{}, r)["latency_us"];
}

// Runs each argument list as its own ringbench process, all at once.
std::vector<ChildResult> run_concurrently(const std::vector<std::vector<std::string>>& runs) {
  std::vector<ChildResult> results(runs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < runs.size(); ++i) threads.emplace_back([&, i] { results[i] = run_ringbench(runs[i]); });
  for (std::thread& t : threads) t.join();
  return results;
}

std::vector<std::string> client_args(const Target& target, const fs::path& json_path, const std::string& requests) {
  return {"-n", requests, "-c", "4", "--threads", "1", "--no-progress", "-o", "json", "--json-path", json_path.string(),
          target.url()};
}

TEST(CliMerge, ThreeConcurrentClientsAddUpExactly) {
  const fs::path dir = fresh_dir("cli_merge_three");
  std::vector<fs::path> paths;
  uint64_t served = 0;
  {
    Target target;
    std::vector<std::vector<std::string>> runs;
    for (const char* name : {"a", "b", "c"}) {
      paths.push_back(dir / (std::string(name) + ".json"));
      runs.push_back(client_args(target, paths.back(), "3000"));
    }
    for (const ChildResult& r : run_concurrently(runs)) ASSERT_EQ(r.exit_code, 0) << r.err;
    served = target.served();
  }
  const ChildResult merge = run_ringbench({"merge", paths[0].string(), paths[1].string(), paths[2].string(), "-o", "json",
                                           "--json-path", (dir / "merged.json").string()});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  const json merged = json::parse(merge.out);
  EXPECT_EQ(merged, read_json(dir / "merged.json"));
  EXPECT_EQ(merged["summary"]["responses"], 9000);
  EXPECT_EQ(served, 9000u);  // the server's own count: nothing lost, nothing counted twice
  EXPECT_EQ(merged["merge"]["clients_merged"], 3);

  // The union of the three histograms, rebuilt here from the clients' documents.
  ringbench::stats::Histogram all;
  std::vector<json> clients;
  for (const fs::path& p : paths) {
    clients.push_back(read_json(p));
    all.merge(ringbench::report::histogram_from_json(clients.back()["histogram"]));
  }
  EXPECT_EQ(merged["latency_us"], merged_like_latency(all));
  const ringbench::stats::Histogram rebuilt = ringbench::report::histogram_from_json(merged["histogram"]);
  for (double p = 0; p <= 100; p += 0.5) EXPECT_EQ(rebuilt.percentile(p), all.percentile(p)) << "p" << p;

  // The rate is over the union of the windows, from the earliest start to the latest end.
  int64_t first = INT64_MAX, last = 0;
  for (const json& c : clients) {
    const int64_t start = utc_micros(c["started_at"].get<std::string>());
    first = std::min(first, start);
    last = std::max(last, start + int64_t(std::llround(c["summary"]["duration_s"].get<double>() * 1e6)));
  }
  EXPECT_NEAR(merged["summary"]["duration_s"].get<double>(), double(last - first) / 1e6, 2e-6);
  EXPECT_NEAR(merged["summary"]["rps"].get<double>(), 9000 / merged["summary"]["duration_s"].get<double>(), 1e-6);

  // Every client interval counted once, in the second of the window in which it started.
  std::map<int64_t, uint64_t> expected;
  for (const json& c : clients) {
    const int64_t offset = utc_micros(c["started_at"].get<std::string>()) - first;
    for (const json& i : c["intervals"]) {
      expected[(offset + std::llround(i["start_s"].get<double>() * 1e6)) / 1'000'000] += i["responses"].get<uint64_t>();
    }
  }
  std::map<int64_t, uint64_t> seen;
  uint64_t in_intervals = 0;
  for (const json& i : merged["intervals"]) {
    seen[i["index"].get<int64_t>()] = i["responses"].get<uint64_t>();
    in_intervals += i["responses"].get<uint64_t>();
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(in_intervals, 9000u);
}

TEST(CliMerge, TheTextReportSaysHowManyClientsAndEachOnesShare) {
  const fs::path dir = fresh_dir("cli_merge_text");
  Target target;
  std::vector<std::string> labelled = client_args(target, dir / "a.json", "300");
  labelled.insert(labelled.begin(), {"--label", "east"});
  ASSERT_EQ(run_ringbench(labelled).exit_code, 0);
  ASSERT_EQ(run_ringbench(client_args(target, dir / "b.json", "100")).exit_code, 0);
  const ChildResult r = run_ringbench({"merge", (dir / "a.json").string(), (dir / "b.json").string(), "--no-color",
                                       "--html-path", (dir / "merged.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Merged 2 clients: requests/s over the union of their measured windows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  east  "), std::string::npos) << r.out;  // a's label names it
  EXPECT_NE(r.out.find("75.00%"), std::string::npos) << r.out;  // a: 300 of 400 responses
  EXPECT_NE(r.out.find("25.00%"), std::string::npos) << r.out;
  // Run one after the other: their windows do not overlap, which is said, not refused.
  EXPECT_NE(r.err.find("warning: the measured windows do not overlap"), std::string::npos) << r.err;
  EXPECT_EQ(lines_in(r.err), 1u) << r.err;
  std::ostringstream page;
  page << std::ifstream(dir / "merged.html").rdbuf();
  EXPECT_NE(page.str().find("data-table=\"clients\""), std::string::npos);
  EXPECT_NE(page.str().find("Clients (2 merged)"), std::string::npos);
}

TEST(CliMerge, OtherTestsAreRefusedUnlessForced) {
  const fs::path dir = fresh_dir("cli_merge_refused");
  Target target;
  const std::string a = (dir / "a.json").string();
  ASSERT_EQ(run_ringbench(client_args(target, a, "100")).exit_code, 0);
  struct Case {
    std::vector<std::string> flags;
    std::string difference;
  };
  const std::vector<Case> cases = {
      {{"-m", "POST"}, "method GET vs POST"},
      {{"--pipeline", "2"}, "pipeline 1 vs 2"},
      {{"-d", "hello"}, "request body bytes 0 vs 5"},
  };
  for (const Case& c : cases) {
    const std::string other = (dir / "other.json").string();
    std::vector<std::string> args = {"-n", "100", "-c", "4", "--threads", "1", "--no-progress", "--json-path", other};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    args.push_back(target.url());
    ASSERT_EQ(run_ringbench(args).exit_code, 0);
    const ChildResult refused = run_ringbench({"merge", a, other});
    EXPECT_EQ(refused.exit_code, 5) << refused.err;
    EXPECT_EQ(refused.err, "ringbench: merge: not the same test: " + a + " vs " + other + ": " + c.difference +
                               " (use --force)\n");
    EXPECT_TRUE(refused.out.empty());
    const ChildResult forced = run_ringbench({"merge", a, other, "--force", "-o", "json"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(json::parse(forced.out)["summary"]["responses"], 200);
  }
  const std::string url_b = (dir / "url.json").string();
  ASSERT_EQ(run_ringbench(client_args(target, url_b, "100")).exit_code, 0);
  json doc = read_json(url_b);
  doc["config"]["url"] = target.url() + "other";
  std::ofstream(url_b) << doc.dump();
  EXPECT_EQ(run_ringbench({"merge", a, url_b}).exit_code, 5);
  // Open loop with closed loop: no --force merges latencies measured from different moments.
  const std::string open = (dir / "open.json").string();
  ASSERT_EQ(run_ringbench({"--rate", "500", "-n", "100", "-c", "4", "--threads", "1", "--no-progress", "--json-path", open,
                           target.url()}).exit_code, 0);
  const ChildResult mixed = run_ringbench({"merge", a, open, "--force"});
  EXPECT_EQ(mixed.exit_code, 5);
  EXPECT_NE(mixed.err.find("one is open loop (--rate), the other closed loop"), std::string::npos) << mixed.err;
  EXPECT_NE(mixed.err.find("(--force cannot override this)"), std::string::npos) << mixed.err;
}

TEST(CliMerge, ThresholdsGateTheMergedResultLikeARun) {
  const fs::path dir = fresh_dir("cli_merge_threshold");
  Target target;
  const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string();
  for (const std::string& p : {a, b}) ASSERT_EQ(run_ringbench(client_args(target, p, "200")).exit_code, 0);
  const ChildResult failed = run_ringbench({"merge", a, b, "--threshold", "p50 < 1ns", "-o", "json"});
  EXPECT_EQ(failed.exit_code, 4);
  const json doc = json::parse(failed.out);
  EXPECT_EQ(doc["thresholds"][0]["pass"], false);
  EXPECT_EQ(doc["thresholds"][0]["metric"], "p50");
  EXPECT_EQ(run_ringbench({"merge", a, b, "--threshold", "rps > 0", "--threshold", "error_rate <= 0%"}).exit_code, 0);
}

TEST(CliMerge, OneReportMergesToItself) {
  const fs::path dir = fresh_dir("cli_merge_one");
  Target target;
  const fs::path a = dir / "a.json";
  ASSERT_EQ(run_ringbench(client_args(target, a, "500")).exit_code, 0);
  const ChildResult r = run_ringbench({"merge", a.string(), "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json merged = json::parse(r.out), original = read_json(a);
  for (const char* key : {"latency_us", "histogram", "status_codes", "errors", "phases_us", "started_at"}) {
    EXPECT_EQ(merged[key], original[key]) << key;
  }
  EXPECT_EQ(merged["summary"]["responses"], original["summary"]["responses"]);
  EXPECT_EQ(merged["summary"]["rps"], original["summary"]["rps"]);
}

TEST(CliMerge, WhatIsNotARunReportIsAOneLineUsageError) {
  const fs::path dir = fresh_dir("cli_merge_bad");
  Target target;
  const std::string good = (dir / "good.json").string();
  ASSERT_EQ(run_ringbench(client_args(target, good, "100")).exit_code, 0);
  std::ofstream(dir / "sweep.json") << R"({"schema_version": 1, "type": "sweep", "points": []})";
  std::ofstream(dir / "broken.json") << "{\"summary\": ";
  json bad_histogram = read_json(good);
  bad_histogram["histogram"]["overflow"] = 5;
  std::ofstream(dir / "histogram.json") << bad_histogram.dump();
  for (const char* input : {"missing.json", "sweep.json", "broken.json", "histogram.json"}) {
    const ChildResult r = run_ringbench({"merge", good, (dir / input).string(), "--json-path", (dir / "out.json").string()});
    EXPECT_EQ(r.exit_code, 2) << input;
    EXPECT_EQ(lines_in(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(input), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.json")) << input;
  }
  const ChildResult none = run_ringbench({"merge"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(lines_in(none.err), 1u) << none.err;
  EXPECT_EQ(run_ringbench({"merge", good, "-o", "csv"}).exit_code, 2);
}

}  // namespace merge_cli_test

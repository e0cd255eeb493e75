// compare refuses runs that measured different things (issue 11 item 12): one line per
// difference, exit 5 unless --force; older reports are compared with a note, interrupted runs
// with a warning.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "compare_fixture.h"

namespace ringbench::report {
namespace {

using namespace compare_test;

// A document as a run on this machine writes it: machine and start time filled in.
json run_document(const RunFigures& figures = {}) {
  json doc = document(figures);
  doc["started_at"] = "2026-11-30T12:00:00.123456Z";
  doc["machine"] = {{"cpus", 8}, {"memory_mb", 16'000}, {"kernel", "6.1.0-18-amd64"}};
  return doc;
}

TEST(CompareContext, EveryDifferenceIsNamedOnItsOwnLine) {
  const json base = run_document();
  const std::vector<std::pair<std::string, std::function<void(json&)>>> changes = {
      {"concurrency 50 vs 200", [](json& d) { d["config"]["concurrency"] = 200; }},
      {"threads 0 vs 4", [](json& d) { d["config"]["threads"] = 4; }},
      {"keep-alive on vs off", [](json& d) { d["config"]["keepalive"] = false; }},
      {"request body bytes 0 vs 512", [](json& d) { d["config"]["request_body_bytes"] = 512; }},
      // A rate against none is refused outright (open_loop_report_test.cc); rates that differ are listed here.
      {"requests (-n) 100000 vs 200000", [](json& d) { d["config"]["requests"] = 200'000; }},
      {"ringbench version " + base["tool"]["version"].get<std::string>() + " vs 9.9.9",
       [](json& d) { d["tool"]["version"] = "9.9.9"; }},
      {"machine cpus 8 vs 2", [](json& d) { d["machine"]["cpus"] = 2; }},
      {"machine memory_mb 16000 vs 4000", [](json& d) { d["machine"]["memory_mb"] = 4'000; }},
      {"machine kernel 6.1.0-18-amd64 vs 6.9.0", [](json& d) { d["machine"]["kernel"] = "6.9.0"; }},
  };
  json all = base;
  for (const auto& [line, change] : changes) {
    json one = base;
    change(one);
    change(all);
    const Compared c = compare(base, one);
    EXPECT_EQ(c.outcome.verdict, CompareVerdict::not_comparable) << line;
    EXPECT_NE(c.text.find("not comparable: " + line), std::string::npos) << c.text;
    EXPECT_EQ(count_of(c.text, "not comparable:"), 1u) << c.text;
    EXPECT_TRUE(table_of(c.text).empty()) << c.text;  // no table for runs that cannot be compared
  }
  const Compared c = compare(base, all);
  EXPECT_EQ(count_of(c.text, "not comparable:"), changes.size()) << c.text;
  EXPECT_EQ(count_of(c.outcome.reason, "; "), changes.size() - 1) << c.outcome.reason;

  const Compared forced = compare(base, all, {}, true);
  EXPECT_EQ(forced.outcome.verdict, CompareVerdict::ok) << forced.text;  // the figures are equal
  EXPECT_EQ(count_of(forced.text, "note: compared despite"), changes.size()) << forced.text;
  EXPECT_EQ(table_of(forced.text).size(), 9u);
}

TEST(CompareContext, TimedRunsMustHaveTheSameDuration) {
  json base = run_document(), current = run_document();
  for (json* d : {&base, &current}) {
    (*d)["config"]["requests"] = nullptr;
    (*d)["config"]["duration_s"] = 30.0;
  }
  EXPECT_EQ(compare(base, current).outcome.verdict, CompareVerdict::ok);
  current["config"]["duration_s"] = 10.0;
  const Compared c = compare(base, current);
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::not_comparable);
  EXPECT_NE(c.text.find("not comparable: duration_s (-z) 30 vs 10\n"), std::string::npos) << c.text;
}

TEST(CompareContext, TlsSettingsAndNegotiatedVersion) {
  json base = run_document(), current = run_document();
  const json tls = {{"min_version", "1.2"}, {"max_version", "1.3"}, {"resume", true}};
  base["config"]["tls"] = tls;
  current["config"]["tls"] = tls;
  base["summary"]["tls"] = {{"version", "TLSv1.3"}};
  current["summary"]["tls"] = {{"version", "TLSv1.3"}};
  EXPECT_EQ(compare(base, current).outcome.verdict, CompareVerdict::ok);

  json no_resume = current;
  no_resume["config"]["tls"]["resume"] = false;
  EXPECT_NE(compare(base, no_resume).text.find("not comparable: tls.resume on vs off\n"), std::string::npos);
  json older = current;
  older["summary"]["tls"]["version"] = "TLSv1.2";
  EXPECT_NE(compare(base, older).text.find("not comparable: negotiated TLS version TLSv1.3 vs TLSv1.2\n"),
            std::string::npos);
  const Compared plain = compare(base, run_document());
  EXPECT_NE(plain.text.find("not comparable: tls on vs off\n"), std::string::npos) << plain.text;
}

TEST(CompareContext, AReportWithoutTheContextIsComparedWithANote) {
  json old = run_document();
  old.erase("machine");
  old.erase("started_at");
  old["config"].erase("request_body_bytes");
  old["config"].erase("tls");
  old["config"].erase("rate");
  const Compared c = compare(old, run_document());
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::ok) << c.text;
  EXPECT_NE(c.text.find("note: not checked (written by an older ringbench?): request body bytes "
                        "(missing in the base report), tls (missing in the base report)"),
            std::string::npos)
      << c.text;
  EXPECT_NE(c.text.find("machine kernel (missing in the base report)"), std::string::npos) << c.text;
  EXPECT_EQ(c.text.find("started"), std::string::npos) << c.text;  // no times to show
}

TEST(CompareContext, InterruptedRunsAreComparedWithAWarning) {
  json base = run_document(), current = run_document({.responses = 40'000});
  current["summary"]["interrupted"] = true;
  current["summary"]["requests"] = 40'000;
  const Compared c = compare(base, current);
  EXPECT_NE(c.outcome.verdict, CompareVerdict::not_comparable);
  EXPECT_NE(c.text.find("warning: the current run was interrupted: it completed 40000 of the planned "
                        "100000 requests; its figures cover only that part\n"),
            std::string::npos)
      << c.text;
  EXPECT_EQ(count_of(c.text, "warning:"), 1u);

  for (json* d : {&base, &current}) {
    (*d)["config"]["requests"] = nullptr;
    (*d)["config"]["duration_s"] = 30.0;
  }
  base["summary"]["interrupted"] = true;
  base["summary"]["duration_s"] = 12.34;
  const Compared timed = compare(base, current);
  EXPECT_NE(timed.text.find("warning: the base run was interrupted: it ran 12.3 s of the planned 30 s"),
            std::string::npos)
      << timed.text;
  EXPECT_EQ(count_of(timed.text, "warning:"), 2u);
}

TEST(CompareContext, StartTimesAreShownAndASwapIsFlagged) {
  json base = run_document(), current = run_document();
  current["started_at"] = "2026-11-30T13:30:00.000001Z";
  const Compared c = compare(base, current);
  EXPECT_NE(c.text.find("base started 2026-11-30T12:00:00.123456Z, current started "
                        "2026-11-30T13:30:00.000001Z\n"),
            std::string::npos)
      << c.text;
  EXPECT_EQ(c.text.find("warning:"), std::string::npos);
  const Compared swapped = compare(current, base);
  EXPECT_NE(swapped.text.find("warning: the base run started after the current one"), std::string::npos)
      << swapped.text;
}

}  // namespace
}  // namespace ringbench::report

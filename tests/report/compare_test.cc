#include "ringbench/report/compare.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compare_fixture.h"
#include "ringbench/core/error.h"

namespace ringbench::report {
namespace {

using namespace compare_test;

TEST(Compare, IdenticalRunsPassWithEveryRow) {
  const Compared c = compare(document({}), document({}));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::ok);
  const auto rows = table_of(c.text);
  EXPECT_EQ(rows.size(), 9u);  // nine metrics (the header has no verdict column); no class rows
  for (const char* label : {"requests/s", "p50", "p90", "p99", "p99.9", "mean latency",
                            "error rate", "non-2xx rate", "responses"}) {
    ASSERT_TRUE(rows.count(label)) << label << "\n" << c.text;
    EXPECT_EQ(rows.at(label)[2], "0.0%") << label;
    EXPECT_EQ(rows.at(label)[3], "same") << label;
  }
  EXPECT_EQ(rows.at("p99"), (std::vector<std::string>{"4.00ms", "4.00ms", "0.0%", "same"}));
  EXPECT_EQ(rows.at("requests/s")[0], "10000");
  EXPECT_EQ(rows.at("error rate")[0], "0.00%");
  EXPECT_EQ(count_of(c.text, "regression:"), 0u);
  EXPECT_EQ(c.text.find('\x1b'), std::string::npos);  // no colour unless asked
}

TEST(Compare, LatencyRegressionBeyondTheDefaultLimit) {
  const Compared c = compare(document({}), document({.p99_us = 4'800}));  // +20 %
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::regressed);
  EXPECT_EQ(c.outcome.reason, "p99");
  EXPECT_EQ(table_of(c.text).at("p99"),
            (std::vector<std::string>{"4.00ms", "4.80ms", "+20.0%", "worse"}));
  EXPECT_EQ(count_of(c.text, "regression:"), 1u);
  EXPECT_NE(c.text.find("regression: p99 4.00ms -> 4.80ms (+20.0%, limit +10%)"), std::string::npos)
      << c.text;
}

TEST(Compare, EveryRuleReportsItsOwnLine) {
  const RunFigures worse{.rps = 9'000,
                         .p50_us = 1'200,
                         .p99_us = 5'000,
                         .responses = 99'000,
                         .errors = 1'000};  // -10 % rps, +20 % p50, +25 % p99, 0 -> 1 % errors
  const Compared c = compare(document({}), document(worse));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::regressed);
  EXPECT_EQ(c.outcome.reason, "p99, p50, rps, error_rate");
  EXPECT_EQ(count_of(c.text, "regression:"), 4u);
  EXPECT_NE(c.text.find("regression: requests/s 10000 -> 9000 (-10.0%, limit -5%)"),
            std::string::npos)
      << c.text;
  EXPECT_NE(c.text.find("regression: error rate 0.00% -> 1.00% (+1.00 points, limit +0.1 points)"),
            std::string::npos)
      << c.text;
  EXPECT_EQ(table_of(c.text).at("error rate"),
            (std::vector<std::string>{"0.00%", "1.00%", "n/a", "worse"}));  // no % of zero
}

TEST(Compare, AtTheLimitIsNotARegression) {
  // Exactly +10 % p99 / p50 and -5 % rps: limits are "more than".
  EXPECT_EQ(compare(document({}), document({.rps = 9'500, .p50_us = 1'100, .p99_us = 4'400}))
                .outcome.verdict,
            CompareVerdict::ok);
  // In doubles, (1357.95 - 1234.5) / 1234.5 is 0.10000000000000003: float noise must not turn
  // a change of exactly +10 % into a regression.
  const Compared c = compare(document({.p50_us = 977.3, .p99_us = 1'234.5}),
                             document({.p50_us = 1'075.03, .p99_us = 1'357.95}));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::ok) << c.text;
  // Just above the limit is one.
  EXPECT_EQ(compare(document({}), document({.p99_us = 4'401})).outcome.verdict,
            CompareVerdict::regressed);
}

TEST(Compare, ImprovementIsBetterAndPasses) {
  const Compared c =
      compare(document({.errors = 500}), document({.rps = 12'000, .p50_us = 800, .p99_us = 3'000}));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::ok);
  const auto rows = table_of(c.text);
  EXPECT_EQ(rows.at("requests/s"),
            (std::vector<std::string>{"10000", "12000", "+20.0%", "better"}));
  EXPECT_EQ(rows.at("p50"), (std::vector<std::string>{"1.00ms", "0.80ms", "-20.0%", "better"}));
  EXPECT_EQ(rows.at("p99")[3], "better");
  EXPECT_EQ(rows.at("error rate"),
            (std::vector<std::string>{"0.50%", "0.00%", "-100.0%", "better"}));
  EXPECT_NE(c.text.find("no regression"), std::string::npos);
}

TEST(Compare, ColoursBetterGreenAndWorseRed) {
  const Compared c =
      compare(document({}), document({.rps = 12'000, .p99_us = 8'000}), {}, false, true);
  EXPECT_NE(c.text.find("\x1b[38;5;34m"), std::string::npos);   // rps better
  EXPECT_NE(c.text.find("\x1b[38;5;196m"), std::string::npos);  // p99 worse
  EXPECT_EQ(count_of(c.text, "\x1b[0m"), 3u);  // rps, p99, p99.9; "same" rows stay plain
}

TEST(Compare, DifferentUrlIsNotComparableUnlessForced) {
  const json base = document({});
  const json other = document({.p99_us = 8'000}, "http://127.0.0.1:9090/");
  const Compared refused = compare(base, other);
  EXPECT_EQ(refused.outcome.verdict, CompareVerdict::not_comparable);
  EXPECT_NE(refused.outcome.reason.find("url"), std::string::npos);
  EXPECT_NE(refused.text.find("not comparable"), std::string::npos);
  EXPECT_TRUE(table_of(refused.text).empty());  // no table for runs that cannot be compared

  const Compared forced = compare(base, other, {}, true);
  EXPECT_EQ(forced.outcome.verdict, CompareVerdict::regressed);  // judged like any other pair
  EXPECT_EQ(table_of(forced.text).size(), 9u);
  EXPECT_NE(forced.text.find("--force"), std::string::npos);
}

TEST(Compare, DifferentMethodOrModeIsNotComparable) {
  json post = document({});
  post["config"]["method"] = "POST";
  EXPECT_EQ(compare(document({}), post).outcome.verdict, CompareVerdict::not_comparable);
  json timed = document({});
  timed["config"]["requests"] = nullptr;
  timed["config"]["duration_s"] = 10.0;
  const Compared c = compare(document({}), timed);
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::not_comparable);
  EXPECT_NE(c.outcome.reason.find("mode -n vs -z"), std::string::npos) << c.outcome.reason;
  // The measured figures may differ however much: only what was asked must match.
  EXPECT_NE(compare(document({}), document({.rps = 1, .responses = 5})).outcome.verdict,
            CompareVerdict::not_comparable);
}

TEST(Compare, CustomLimits) {
  const RegressionLimits limits = parse_regression_limits("p99=25%, rps=0.2");
  EXPECT_DOUBLE_EQ(limits.p99, 0.25);
  EXPECT_DOUBLE_EQ(limits.rps, 0.2);
  EXPECT_DOUBLE_EQ(limits.p50, 0.10);  // untouched: the default
  EXPECT_DOUBLE_EQ(limits.error_rate, 0.001);
  EXPECT_DOUBLE_EQ(limits.non2xx_rate, 0.001);
  const RegressionLimits all = parse_regression_limits("p50=15%,p99=150%,rps=5%,error_rate=0.5%");
  EXPECT_DOUBLE_EQ(all.p50, 0.15);
  EXPECT_DOUBLE_EQ(all.p99, 1.5);  // a percentage may exceed 100 %
  EXPECT_DOUBLE_EQ(all.error_rate, 0.005);
  RegressionLimits start;
  start.p50 = 0.5;
  EXPECT_DOUBLE_EQ(parse_regression_limits("p99=1%", start).p50, 0.5);  // base is kept

  EXPECT_EQ(compare(document({}), document({.p99_us = 4'800}), limits).outcome.verdict,
            CompareVerdict::ok);  // +20 % within 25 %
  EXPECT_EQ(compare(document({}), document({.p99_us = 5'200}), limits).outcome.verdict,
            CompareVerdict::regressed);  // +30 %
  EXPECT_EQ(compare(document({}), document({.rps = 8'500}), limits).outcome.verdict,
            CompareVerdict::ok);  // -15 % within 20 %
  EXPECT_EQ(
      compare(document({}), document({.responses = 99'700, .errors = 300}), all).outcome.verdict,
      CompareVerdict::ok);  // +0.3 points within 0.5
}

TEST(Compare, MalformedLimitsAreUsageErrors) {
  for (const char* spec : {"", "p99", "p99=", "p99=10", "p98=10%", "p99=10%,,rps=5%", "p99=10%,",
                           "p99=10%,p99=5%", "p99=-1%", "rps=5k", "=5%", "error_rate=1ms"}) {
    try {
      parse_regression_limits(spec);
      ADD_FAILURE() << "accepted: '" << spec << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage) << spec;
      EXPECT_NE(std::string(e.what()).find("--max-regression"), std::string::npos) << e.what();
    }
  }
}

void expect_rejected(const json& doc) {
  for (bool as_base : {true, false}) {
    try {
      compare(as_base ? doc : document({}), as_base ? document({}) : doc);
      ADD_FAILURE() << "accepted " << (as_base ? "base " : "current ") << doc.dump().substr(0, 80);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage);
      EXPECT_NE(std::string(e.what()).find(as_base ? "base" : "current"), std::string::npos);
    }
  }
}

TEST(Compare, BadDocumentsAreUsageErrors) {
  json doc = document({});
  doc["schema_version"] = 3;
  expect_rejected(doc);
  doc["schema_version"] = 1;  // a report written before the open-loop members: still read
  EXPECT_EQ(compare(doc, document({})).outcome.verdict, CompareVerdict::ok);
  doc = document({});
  doc["tool"]["name"] = "wrk";
  expect_rejected(doc);
  doc = document({});
  doc.erase("summary");
  expect_rejected(doc);
  doc = document({});
  doc["latency_us"]["p99"] = "4ms";
  expect_rejected(doc);
  doc = document({});
  doc["config"].erase("url");
  expect_rejected(doc);
  expect_rejected(json::array({1, 2}));
  expect_rejected(json::object());
}

}  // namespace
}  // namespace ringbench::report

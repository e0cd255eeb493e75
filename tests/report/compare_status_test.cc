// compare judges what the responses were, not only whether they came: the non-2xx rate and
// shifts between status classes, with its own limit (issue 11 item 3).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compare_fixture.h"
#include "ringbench/core/error.h"

namespace ringbench::report {
namespace {

using namespace compare_test;

TEST(CompareStatus, AllOkToAllNotFoundIsARegression) {
  const Compared c = compare(document({}), document({.codes = {{"404", 100'000}}}));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::regressed) << c.text;
  EXPECT_EQ(c.outcome.reason, "non2xx_rate");
  EXPECT_NE(c.text.find("regression: non-2xx rate 0.00% -> 100.00% (+100.00 points, limit +0.1 "
                        "points): 404 Not Found 0.00% -> 100.00%\n"),
            std::string::npos)
      << c.text;
  const auto rows = table_of(c.text);
  EXPECT_EQ(rows.at("non-2xx rate"), (std::vector<std::string>{"0.00%", "100.00%", "n/a", "worse"}));
  EXPECT_EQ(rows.at("4xx rate"), (std::vector<std::string>{"0.00%", "100.00%", "n/a", "worse"}));
  EXPECT_EQ(rows.count("5xx rate"), 0u);  // a class neither run had gets no row
  // A 404 is an answer, not a transport error: the error rate stays where it was.
  EXPECT_EQ(rows.at("error rate"), (std::vector<std::string>{"0.00%", "0.00%", "0.0%", "same"}));
}

TEST(CompareStatus, RatesAreOverAllRequestsAndNameTheGrownCodes) {
  // 1,000 transport errors + 99,000 responses, of which 2,000 are 503 and 1,000 are 404.
  const Compared c = compare(document({}), document({.responses = 99'000,
                                                     .errors = 1'000,
                                                     .codes = {{"200", 96'000},
                                                               {"404", 1'000},
                                                               {"503", 2'000}}}));
  const auto rows = table_of(c.text);
  EXPECT_EQ(rows.at("error rate")[1], "1.00%");
  EXPECT_EQ(rows.at("non-2xx rate")[1], "3.00%");
  EXPECT_EQ(rows.at("4xx rate")[1], "1.00%");
  EXPECT_EQ(rows.at("5xx rate")[1], "2.00%");
  EXPECT_EQ(c.outcome.reason, "error_rate, non2xx_rate");
  EXPECT_NE(c.text.find("regression: non-2xx rate 0.00% -> 3.00% (+3.00 points, limit +0.1 points): "
                        "503 Service Unavailable 0.00% -> 2.00%, 404 Not Found 0.00% -> 1.00%\n"),
            std::string::npos)
      << c.text;
}

TEST(CompareStatus, ClassShiftAtTheSameTotalIsARegression) {
  // 10 % 404s became 10 % 503s: the non-2xx rate did not move, the server broke.
  const Compared c = compare(document({.codes = {{"200", 90'000}, {"404", 10'000}}}),
                             document({.codes = {{"200", 90'000}, {"503", 10'000}}}));
  EXPECT_EQ(c.outcome.verdict, CompareVerdict::regressed) << c.text;
  EXPECT_EQ(c.outcome.reason, "non2xx_rate");
  EXPECT_NE(c.text.find("regression: 5xx rate 0.00% -> 10.00% (+10.00 points, limit +0.1 points; "
                        "non-2xx rate 10.00% -> 10.00%): 503 Service Unavailable 0.00% -> 10.00%\n"),
            std::string::npos)
      << c.text;
  EXPECT_EQ(count_of(c.text, "regression:"), 1u);  // the 4xx share fell: not a regression
  EXPECT_EQ(table_of(c.text).at("4xx rate")[3], "better");
}

TEST(CompareStatus, RedirectsCountAsNon2xx) {
  const Compared c = compare(document({}), document({.codes = {{"200", 50'000}, {"301", 50'000}}}));
  EXPECT_EQ(c.outcome.reason, "non2xx_rate") << c.text;
  EXPECT_NE(c.text.find("301 Moved Permanently 0.00% -> 50.00%"), std::string::npos) << c.text;
}

TEST(CompareStatus, OwnLimitAndFewerNon2xxPass) {
  const json tenth_404 = document({.codes = {{"200", 90'000}, {"404", 10'000}}});
  const RegressionLimits loose = parse_regression_limits("non2xx_rate=10%");
  EXPECT_DOUBLE_EQ(loose.non2xx_rate, 0.10);
  EXPECT_EQ(compare(document({}), tenth_404, loose).outcome.verdict, CompareVerdict::ok);
  EXPECT_EQ(compare(document({}), tenth_404).outcome.verdict, CompareVerdict::regressed);
  // Exactly +0.1 points (100 of 100,000) is at the limit, not beyond it.
  EXPECT_EQ(compare(document({}), document({.codes = {{"200", 99'900}, {"500", 100}}})).outcome.verdict,
            CompareVerdict::ok);
  EXPECT_EQ(compare(document({}), document({.codes = {{"200", 99'899}, {"500", 101}}})).outcome.verdict,
            CompareVerdict::regressed);
  const Compared better = compare(tenth_404, document({}));
  EXPECT_EQ(better.outcome.verdict, CompareVerdict::ok);
  EXPECT_EQ(table_of(better.text).at("non-2xx rate")[3], "better");
  EXPECT_NE(better.text.find("non-2xx rate +0.1 points"), std::string::npos) << better.text;
}

TEST(CompareStatus, MalformedStatusCodesAreUsageErrors) {
  for (const json& codes : {json("200"), json({{"abc", 1}}), json({{"200", -1}}),
                            json({{"700", 1}}), json({{"200", 200'000}})}) {
    json doc = document({});
    doc["status_codes"] = codes;
    try {
      compare(document({}), doc);
      ADD_FAILURE() << "accepted " << codes.dump();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage) << codes.dump();
      EXPECT_NE(std::string(e.what()).find("current"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace ringbench::report

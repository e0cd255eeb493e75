// --stall's value: AFTER:LENGTH in the duration grammar, refused with one line naming the flag.
#include "ringbench/serve/stall.h"

#include <gtest/gtest.h>

#include <string>

#include "ringbench/core/error.h"

namespace ringbench::serve {
namespace {

using namespace std::chrono_literals;

TEST(StallFlag, ReadsAfterAndLength) {
  const Stall s = parse_stall("2s:1s");
  EXPECT_EQ(s.after, 2s);
  EXPECT_EQ(s.length, 1s);
  const Stall ms = parse_stall("1500ms:500ms");
  EXPECT_EQ(ms.after, 1500ms);
  EXPECT_EQ(ms.length, 500ms);
  const Stall compound = parse_stall("1m30s:1.5s");
  EXPECT_EQ(compound.after, 90s);
  EXPECT_EQ(compound.length, 1500ms);
}

// Bare numbers are seconds, as for --delay; AFTER 0 stalls from the first request itself.
TEST(StallFlag, BareNumbersAreSecondsAndAfterMayBeZero) {
  const Stall s = parse_stall("0:2");
  EXPECT_EQ(s.after, 0s);
  EXPECT_EQ(s.length, 2s);
}

std::string stall_refusal(const std::string& text) {
  try {
    parse_stall(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage) << text;
    return e.what();
  }
  ADD_FAILURE() << "'" << text << "' was accepted";
  return "";
}

TEST(StallFlag, BadValuesAreRefusedNamingTheFlagAndThePart) {
  EXPECT_NE(stall_refusal("2s").find("--stall: invalid value '2s' (expected AFTER:LENGTH"), std::string::npos);
  EXPECT_NE(stall_refusal("1s:1s:1s").find("invalid value"), std::string::npos);
  EXPECT_NE(stall_refusal("x:1s").find("AFTER 'x'"), std::string::npos);
  EXPECT_NE(stall_refusal(":1s").find("AFTER ''"), std::string::npos);
  EXPECT_NE(stall_refusal("-1s:1s").find("AFTER '-1s'"), std::string::npos);
  EXPECT_NE(stall_refusal("1s:soon").find("LENGTH 'soon'"), std::string::npos);
  EXPECT_NE(stall_refusal("1s:0").find("LENGTH must be more than 0"), std::string::npos);
  EXPECT_NE(stall_refusal("1s:0ms").find("LENGTH must be more than 0"), std::string::npos);
  EXPECT_NE(stall_refusal("").find("invalid value"), std::string::npos);
}

TEST(StallFlag, DescribedForTheStartupLine) {
  EXPECT_EQ(describe_stall({.after = 2s, .length = 1s}), "1s stall 2s after the first request");
  EXPECT_EQ(describe_stall({.after = 0s, .length = 500ms}), "500ms stall at the first request");
}

}  // namespace
}  // namespace ringbench::serve

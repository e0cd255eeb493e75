#pragma once
// The UTC timestamps of run reports ("2026-11-30T12:00:00.123456Z": started_at, --start-at),
// written and read back by the tests that check when clients started.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace ringbench::testing {

inline std::string utc_text(std::chrono::system_clock::time_point at) {
  const auto us = std::chrono::floor<std::chrono::microseconds>(at.time_since_epoch()).count();
  const std::time_t whole = std::time_t(us / 1'000'000);
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char text[64];
  const size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%06lldZ", static_cast<long long>(us % 1'000'000));
  return text;
}

// Microseconds since the epoch.
inline int64_t utc_micros(const std::string& text) {
  std::tm utc{};
  long micros = 0;
  EXPECT_EQ(std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6ldZ", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
                        &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &micros), 7) << text;
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return int64_t(timegm(&utc)) * 1'000'000 + micros;
}

inline std::chrono::system_clock::time_point parse_utc(const std::string& text) {
  return std::chrono::system_clock::time_point(std::chrono::microseconds(utc_micros(text)));
}

}  // namespace ringbench::testing

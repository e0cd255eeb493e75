#include "ringbench/report/progress_line.h"

#include <gtest/gtest.h>

using namespace ringbench::report;

TEST(ProgressLine, CountModeShowsDoneOfNWithABar) {
  ProgressSnapshot s;
  s.requests = 1000;
  s.responses = 497;
  s.errors[1] = 3;  // timeout
  s.elapsed_s = 2.0;
  s.current_rps = 260;
  s.open_connections = 50;
  s.in_flight = 49;
  EXPECT_EQ(progress_line(s, 200),
            "[==========>         ] 500/1000 2.0s  260 req/s (avg 248)  errors: timeout 3  open 50  in flight 49");
}

TEST(ProgressLine, DurationModeShowsElapsedOfTotal) {
  ProgressSnapshot s;
  s.duration_s = 10.0;
  s.elapsed_s = 2.5;
  s.responses = 250000;
  s.current_rps = 100000;
  s.open_connections = 100;
  s.in_flight = 100;
  EXPECT_EQ(progress_line(s, 200),
            "[=====>              ] 2.5s/10s  100000 req/s (avg 100000)  errors 0  open 100  in flight 100");
}

TEST(ProgressLine, IsAsciiAndFitsTheWidth) {
  ProgressSnapshot s;
  s.duration_s = 10.0;
  s.elapsed_s = 20.0;  // past the end: the bar is full, never overflows
  for (auto& e : s.errors) e = 123456789;
  const std::string line = progress_line(s, 60);
  EXPECT_EQ(line.size(), 60u);
  EXPECT_EQ(line.substr(0, 22), "[====================]");
  for (char c : line) EXPECT_TRUE(c >= 32 && c < 127) << int(c);
}

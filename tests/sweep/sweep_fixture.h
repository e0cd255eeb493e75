// Shared by the sweep tests: hand-made measures and points with figures that are easy to
// check by eye.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/sweep/point.h"
#include "ringbench/sweep/selection.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep::test {

// p90 and p95 sit between p50 and p99; 10,000 samples so no sample-count flag is raised.
// `failed_rate` is the rate --max-errors judges.
inline Measure measure(uint32_t c, double rps, double p50_ms, double p99_ms, double p999_ms = 0,
                       double failed_rate = 0) {
  Measure m;
  m.concurrency = c;
  m.rps = rps;
  m.p50_ms = p50_ms;
  m.p90_ms = p50_ms + (p99_ms - p50_ms) * 0.5;
  m.p95_ms = p50_ms + (p99_ms - p50_ms) * 0.75;
  m.p99_ms = p99_ms;
  m.p999_ms = p999_ms > 0 ? p999_ms : p99_ms * 1.5;
  m.failed_rate = failed_rate;
  m.samples = 10'000;
  m.requests = 10'000;
  return m;
}

inline Point point(uint32_t c, double rps, double p50_ms, double p99_ms, double p999_ms = 0,
                   double failed_rate = 0) {
  return combine_repeats({measure(c, rps, p50_ms, p99_ms, p999_ms, failed_rate)});
}

// Runs `f` and returns the message of the Error it throws, failing the test unless it throws
// an Error with the usage exit code.
inline std::string usage_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage) << e.what();
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a ringbench::Error: " << e.what();
    return "";
  }
  ADD_FAILURE() << "no error thrown";
  return "";
}

// A knee curve: throughput saturates at c=100, c=464 has a blown tail.
//   c     rps     p50  p99   (baseline c=1: 1,000 rps, p50 0.8 ms, p99 1 ms)
//   10    10,000  1    2
//   22    20,000  1    2
//   46    38,000  1    2.5    <- the knee: 95 % of the 40,000 peak
//   100   40,000  1.5  2.9
//   215   39,000  1.6  2.95
//   464   41,000  1    5.2    <- DQ: p99/p50 5.2 > 4.0
inline SweepResult knee_sweep() {
  SweepResult r;
  r.params.url = "http://127.0.0.1:8080/";
  r.params.conc_spec = "auto";
  r.params.levels = {10, 22, 46, 100, 215, 464};
  r.params.selection.pick = PickMethod::knee;  // the figures the text and JSON tests were written for
  r.machine = {8, 16'000, "6.1.0-test"};
  r.started_at = "2024-05-01T12:00:00Z";
  r.baseline = point(1, 1'000, 0.8, 1.0);
  r.points = {point(10, 10'000, 1, 2),      point(22, 20'000, 1, 2),
              point(46, 38'000, 1, 2.5),    point(100, 40'000, 1.5, 2.9),
              point(215, 39'000, 1.6, 2.95), point(464, 41'000, 1, 5.2)};
  judge(r.points, *r.baseline, r.params.selection, false);
  r.sweet_spot = pick(r.points, r.params.selection, false, r.baseline);
  return r;
}

}  // namespace ringbench::sweep::test

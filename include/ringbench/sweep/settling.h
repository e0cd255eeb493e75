#pragma once
// Settling between the levels of a sweep. A heavy level leaves work behind: requests the
// server still queues after the client stopped waiting, connections it still closes. A level
// measured on top of that measures the leftovers (a c = 5 level measured right after c = 1000
// got 0 responses). So each level ends with a drain (the client waits for its own requests),
// and before the next one a short probe at the baseline's concurrency must show latency back
// near the baseline's, repeated until it does or --settle-max is spent. Pure: the runner does
// the measuring, these decide.
#include <string>

#include "ringbench/sweep/point.h"

namespace ringbench::sweep {

// --drain for every point when none is given: long enough for a queue of a few thousand
// requests at a few thousand per second, bounded so a hung server cannot hold the sweep.
inline constexpr double default_point_drain_s = 2.0;
// --settle-max when none is given: the longest wait for the server to settle before a level.
inline constexpr double default_settle_max_s = 5.0;

// How long one probe measures: enough for about 20 responses at the baseline's latency,
// between 50 ms (a fast server needs no more) and 500 ms (a slow one is not worth more per try).
double probe_duration_s(const Measure& baseline);

// The probe's p50 is within what the baseline itself showed: at most its p99 or twice its
// p50, whichever is larger (a loopback server's p50 of 30 µs varies by more than its p99
// between runs, a 10 ms server's by much less). A probe with fewer than 3 responses has no
// useful p50 and is never settled. A baseline without a p50 accepts any probe that answered.
bool settled_by(const Measure& probe, const Measure& baseline);

// The latency a probe must reach, for the flag of an unsettled level.
double settle_limit_ms(const Measure& baseline);

// "measured on an unsettled server: a probe at c=1 still had p50 41.2 ms (limit 10.6 ms)
// after 5.00 s"
std::string unsettled_flag(const Measure& last_probe, const Measure& baseline, double waited_s);

}  // namespace ringbench::sweep

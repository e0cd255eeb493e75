#pragma once
// The clients' per-second intervals on one wall-clock grid: the merged window's seconds.
#include <vector>

#include "ringbench/report/merge.h"

namespace ringbench::report {

// A client's interval belongs to the merged second in which it starts: its wall-clock start
// (the client's started_at + start_s, to the microsecond) rounded down to the merged window's
// second grid. So with a client that started 0.4 s after the window, its interval [0, 1) is in
// merged second 0 and its [0.6, 1.6) of the window is counted there too: each merged second
// holds whole client intervals, summed (responses, errors by class), never split by guess.
// A merged interval spans [k, k + 1) s of the window (the last ends at the window's end); its
// max is the largest of the clients', exact; its p50, p90 and p99 are exact when one client
// contributed responses and otherwise the largest of the clients' (each percentile of a union
// lies between the smallest and the largest of the parts'), an upper bound flagged in
// merged.interval_latency_exact and in merged.notes. Open loop: target_rate is the sum of the
// clients' (each client's mean over its intervals in that second).
void align_intervals(MergedRun& merged, const std::vector<ClientRun>& runs);

}  // namespace ringbench::report

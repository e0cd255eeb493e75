#pragma once
// Everything one run measured: the merge of every worker's stats plus run-level facts.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "ringbench/core/machine.h"
#include "ringbench/stats/counters.h"
#include "ringbench/stats/histogram.h"
#include "ringbench/stats/interval.h"
#include "ringbench/stats/phases.h"
#include "ringbench/stats/unfinished_ages.h"

namespace ringbench::stats {

// What one worker accumulates while the clock runs.
struct WorkerStats {
  // Every complete response, ns: closed loop, last byte - the start of its send; open loop
  // (--rate), last byte - its intended start (so time spent waiting in the client counts).
  Histogram latency;
  // Open loop only: last byte - the actual send (what the server and network took), and the
  // send lag, actual send - intended start, of the requests that found an idle connection at
  // their intended time (lateness that is the client's own).
  Histogram service_time;
  Histogram send_lag;
  Counters counters;
  Phases phases;
  UnfinishedAges unfinished_ages;  // one per request in counters.unfinished

  void merge(const WorkerStats& other);
};

struct RunResult {
  WorkerStats totals;
  double duration_s = 0;        // clock start (all connections open) to run end
  // Workers starting to all connections open (rings set up, every connect and handshake of
  // the initial -c done or failed); 0 when the run stopped before.
  double open_s = 0;
  uint32_t threads = 0;         // workers that ran
  uint32_t concurrency = 0;     // connections asked for
  bool interrupted = false;     // ended by SIGINT / SIGTERM
  std::vector<IntervalSummary> intervals;  // one per second of the run, in order
  // Seconds into the run of its first connect error (a reconnect refused or timed out: the
  // server went away or stopped accepting); none when there was none.
  std::optional<double> connect_errors_from_s;
  // What makes two runs comparable besides the config: when the clock started (wall time,
  // the epoch when unknown) and the machine it ran on.
  std::chrono::system_clock::time_point started_at{};
  // --start-at only: how long after the asked start the clock started (0 on time; late when
  // opening the connections took longer than there was time for). None without --start-at.
  std::optional<double> start_late_s;
  Machine machine;

  uint64_t requests() const noexcept { return totals.counters.responses + totals.counters.error_total(); }
  double rps() const noexcept { return duration_s > 0 ? double(totals.counters.responses) / duration_s : 0.0; }
  // Connections opened per second of the run (reconnects: with --disable-keepalive, one per
  // request), the rate a server benchmark of connection setup wants.
  double connections_per_s() const noexcept {
    return duration_s > 0 ? double(totals.counters.reconnects) / duration_s : 0.0;
  }
};

// Merges the per-worker stats into one RunResult.totals (exact: counts are added).
void merge_into(RunResult& result, const std::vector<WorkerStats>& workers);

}  // namespace ringbench::stats

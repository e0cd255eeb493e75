#pragma once
// `ringbench merge A.json B.json …`: the run reports of several clients of one test (each the
// JSON document a run writes with -o json or --json-path) as the report of one run, exact
// wherever the documents allow: counters summed, the latency, service time and send lag
// histograms added bucket for bucket, the unfinished requests' ages pooled, the rates taken
// over the union of the clients' measured windows, the per-second intervals aligned by wall
// clock. The merged RunResult goes through the same renderers (text, JSON, HTML) as a run.
#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ringbench/core/config.h"
#include "ringbench/report/report_options.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

// One client's run, read back from its document.
struct ClientRun {
  std::string source;                // the file it came from, for messages
  std::optional<std::string> label;  // the document's top-level "label" (--label), when a string
  Config config;                     // what the document records of it (the body as its size)
  stats::RunResult result;           // figures, intervals, started_at, machine
  double loop_busy_share = 0;        // open loop: client.loop_busy_share
  bool behind_schedule = false;      // open loop: client.behind_schedule
};

// Throws Error(usage) "merge: 'SOURCE' is not a ringbench run report (…)" for a document
// that is not one (a sweep, arbitrary JSON, a broken histogram), or one that lacks what an
// exact merge needs (started_at; for open loop the service time and send lag histograms).
ClientRun read_client_run(const nlohmann::ordered_json& doc, const std::string& source);

// Whether the documents are runs of one test, each compared with the first one.
struct TestCheck {
  // "a.json vs b.json: method GET vs POST" for every way a document's test differs from the
  // first one's (url, method, -n against -z, pipeline, keep-alive, request body size, TLS
  // settings, rate, arrivals, stages, negotiated TLS version); --force merges them anyway.
  // Concurrency, threads, the -n or -z value, version and machine are each client's own.
  std::vector<std::string> differences;
  // "a.json vs b.json: …" when one is open loop and the other closed loop: their latencies
  // start at different moments, no --force merges them.
  std::string loop_mismatch;
};
TestCheck check_same_test(const std::vector<nlohmann::ordered_json>& docs, const std::vector<std::string>& sources);

// One client in the merged report.
struct ClientShare {
  std::string source;
  std::optional<std::string> label;
  std::string started_at;  // as the client wrote it
  double offset_s = 0;     // its start, seconds after the merged window's
  double duration_s = 0;
  uint64_t responses = 0;
  double share = 0;        // of the merged responses, 0..1
  double rps = 0;          // over its own window
  uint32_t concurrency = 0;
  uint32_t threads = 0;
  bool behind_schedule = false;  // open loop: its own schedule check
};

struct MergedRun {
  Config config;            // the shared test; concurrency and -n summed, rate and stages summed
  stats::RunResult result;  // duration_s: the earliest start to the latest end of the clients
  std::vector<ClientShare> clients;
  bool windows_overlap = true;     // some moment when every client was measuring
  std::string windows_apart;       // when they do not: which ended before which started (also a note)
  std::vector<std::string> notes;  // what the merge could not do exactly, windows apart
  // Per merged interval: false when more than one client contributed to it, so its p50, p90
  // and p99 are the largest of the clients' (an upper bound); max is always exact.
  std::vector<bool> interval_latency_exact;
};

// The runs must be non-empty; one run merges to itself (an identity merge).
MergedRun merge_runs(const std::vector<ClientRun>& runs);

// to_json of the merged run plus a "merge" member {clients, window, windows_overlap, notes}
// and a "latency_exact" flag on each interval.
nlohmann::ordered_json merged_json(const MergedRun& merged, const ReportOptions& options);

// "Merged 3 clients …", the clients' shares and the notes, after the run's text report.
void write_merge_text(std::ostream& out, const MergedRun& merged);

}  // namespace ringbench::report

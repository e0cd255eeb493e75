// Adding the clients' runs: what is exact (counts, histograms, ages, phases) is added; what
// belongs to one client (its window, its rate, its schedule check) is kept per client.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "compare_context.h"
#include "merge_intervals.h"
#include "ringbench/report/merge.h"
#include "ringbench/report/run_context.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::system_clock;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

Clock::time_point end_of(const stats::RunResult& r) {
  return r.started_at + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(r.duration_s));
}

// The test they all ran, as one client's config scaled to all of them: connections, -n and
// the rate (or the stages' levels) add up; -z, drain, warm-up and timeout are the longest.
Config merged_config(const std::vector<ClientRun>& runs) {
  Config config = runs.front().config;
  config.concurrency = 0;
  config.threads = 0;
  bool all_counted = true;
  double rate = 0;
  for (const ClientRun& run : runs) {
    const Config& c = run.config;
    config.concurrency += c.concurrency;
    config.threads += c.threads;
    all_counted = all_counted && c.requests.has_value();
    if (c.duration) config.duration = std::max(config.duration.value_or(Nanos{0}), *c.duration);
    config.drain = std::max(config.drain, c.drain);
    config.warmup = std::max(config.warmup, c.warmup);
    config.timeout = std::max(config.timeout, c.timeout);
    rate += c.rate.value_or(0);
  }
  config.requests.reset();
  if (all_counted) {
    uint64_t requests = 0;
    for (const ClientRun& run : runs) requests += *run.config.requests;
    config.requests = requests;
  }
  if (config.rate) config.rate = rate;
  // --start-at: kept when every client was given the same time (else they were not started together).
  for (const ClientRun& run : runs) {
    if (run.config.start_at != config.start_at) config.start_at.reset();
  }
  // Every client ran the same stages (test_differences): together, N times each level.
  for (Stage& s : config.stages) s.target *= double(runs.size());
  return config;
}

// The open-loop loop counters are not in the document, only each client's busy share: weigh
// it by the client's time so the merged share is the clients' mean, weighted by duration.
void add_loop_share(stats::Counters& c, const ClientRun& run) {
  const auto loop_ns = uint64_t(run.result.duration_s * 1e9);
  c.loop_ns += loop_ns;
  c.loop_wait_ns += uint64_t(double(loop_ns) * (1.0 - run.loop_busy_share));
}

ClientShare share_of(const ClientRun& run, Clock::time_point window_start, uint64_t total_responses) {
  const stats::RunResult& r = run.result;
  const uint64_t responses = r.totals.counters.responses;
  return {.source = run.source,
          .label = run.label,
          .started_at = utc_timestamp(r.started_at),
          .offset_s = seconds_between(window_start, r.started_at),
          .duration_s = r.duration_s,
          .responses = responses,
          .share = total_responses ? double(responses) / double(total_responses) : 0.0,
          .rps = r.rps(),
          .concurrency = run.config.concurrency,
          .threads = r.threads,
          .behind_schedule = run.behind_schedule};
}

std::string name_of(const ClientRun& run) { return run.label ? *run.label + " (" + run.source + ")" : run.source; }

// Windows overlap when the latest start comes before the earliest end.
void check_overlap(MergedRun& merged, const std::vector<ClientRun>& runs) {
  auto latest_start = runs.begin(), earliest_end = runs.begin();
  for (auto it = runs.begin(); it != runs.end(); ++it) {
    if (it->result.started_at > latest_start->result.started_at) latest_start = it;
    if (end_of(it->result) < end_of(earliest_end->result)) earliest_end = it;
  }
  if (latest_start->result.started_at < end_of(earliest_end->result)) return;
  merged.windows_overlap = false;
  merged.windows_apart = fmt::format(
      "the measured windows do not overlap: {} ended at {}, before {} started at {}; the merged rates are over {:.3f} s "
      "in which the clients did not all run",
      name_of(*earliest_end), utc_timestamp(end_of(earliest_end->result)), name_of(*latest_start),
      utc_timestamp(latest_start->result.started_at), merged.result.duration_s);
  merged.notes.push_back(merged.windows_apart);
}

}  // namespace

TestCheck check_same_test(const std::vector<json>& docs, const std::vector<std::string>& sources) {
  TestCheck test;
  for (size_t i = 1; i < docs.size(); ++i) {
    const ContextCheck check = check_context(docs.front(), docs[i], ContextScope::same_test);
    const auto named = [&](const std::string& what) { return fmt::format("{} vs {}: {}", sources.front(), sources[i], what); };
    if (!check.loop_mismatch.empty() && test.loop_mismatch.empty()) {
      test.loop_mismatch = named("one is open loop (--rate), the other closed loop: latency from each request's intended "
                                 "start and latency from its send measure different things");
    }
    for (const std::string& d : check.differences) test.differences.push_back(named(d));
  }
  return test;
}

MergedRun merge_runs(const std::vector<ClientRun>& runs) {
  MergedRun merged;
  merged.config = merged_config(runs);
  stats::RunResult& r = merged.result;
  r.started_at = runs.front().result.started_at;
  Clock::time_point end = end_of(runs.front().result);
  for (const ClientRun& run : runs) {
    r.started_at = std::min(r.started_at, run.result.started_at);
    end = std::max(end, end_of(run.result));
  }
  r.duration_s = seconds_between(r.started_at, end);
  r.machine = runs.front().result.machine;
  for (const ClientRun& run : runs) {
    const stats::RunResult& c = run.result;
    r.totals.merge(c.totals);
    if (run.config.rate) add_loop_share(r.totals.counters, run);
    r.threads += c.threads;
    r.concurrency += c.concurrency;
    r.open_s = std::max(r.open_s, c.open_s);  // the slowest client's opening
    r.interrupted = r.interrupted || c.interrupted;
    if (c.connect_errors_from_s) {
      const double from = seconds_between(r.started_at, c.started_at) + *c.connect_errors_from_s;
      r.connect_errors_from_s = std::min(r.connect_errors_from_s.value_or(from), from);
    }
  }
  // The latest client's lateness against the common --start-at; unknown when one never reached it.
  if (merged.config.start_at) {
    r.start_late_s = 0.0;
    for (const ClientRun& run : runs) {
      r.start_late_s = run.result.start_late_s ? std::optional(std::max(*r.start_late_s, *run.result.start_late_s)) : std::nullopt;
      if (!r.start_late_s) break;
    }
  }
  for (const ClientRun& run : runs) merged.clients.push_back(share_of(run, r.started_at, r.totals.counters.responses));
  check_overlap(merged, runs);
  align_intervals(merged, runs);
  return merged;
}

}  // namespace ringbench::report

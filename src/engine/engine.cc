#include "ringbench/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <set>
#include <thread>

#include "ringbench/core/clock.h"
#include "ringbench/core/error.h"
#include "ringbench/core/machine.h"
#include "interval_collector.h"
#include "worker.h"

namespace ringbench::engine {

namespace {

// Each worker's share of --rate and --stages follows its share of the -n quota (so all finish
// together), or without -n its share of the connections opened.
void share_load(RunShared& s) {
  double total = 0;
  for (size_t i = 0; i < s.opened.size(); ++i) total += s.quotas[i] ? double(*s.quotas[i]) : double(s.opened[i]);
  for (size_t i = 0; i < s.opened.size() && total > 0; ++i) {
    s.shares[i] = (s.quotas[i] ? double(*s.quotas[i]) : double(s.opened[i])) / total;
  }
}

uint64_t wall_ns(const timespec& t) { return uint64_t(t.tv_sec) * 1'000'000'000ull + uint64_t(t.tv_nsec); }

// --start-at: with every connection open, sleep on the wall clock until the warm-up must
// begin (in slices, so Ctrl-C still ends the run), then map the start onto the monotonic clock
// the workers use. Returns the monotonic now; sets the warm-up length (cut short when the
// connections took longer to open than there was time for) and how late the start is.
uint64_t wait_for_start_at(RunShared& s) {
  const uint64_t start = uint64_t(std::chrono::duration_cast<Nanos>(s.plan.start_at->time_since_epoch()).count());
  const uint64_t warmup = uint64_t(s.plan.warmup.count());
  const uint64_t warm_from = start > warmup ? start - warmup : 0;
  timespec wall{};
  clock_gettime(CLOCK_REALTIME, &wall);
  while (wall_ns(wall) < warm_from && !s.stop.load(std::memory_order_relaxed)) {
    const uint64_t until = std::min(warm_from, wall_ns(wall) + 100'000'000);  // 100 ms slices
    const timespec at{time_t(until / 1'000'000'000), long(until % 1'000'000'000)};
    clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, nullptr);
    clock_gettime(CLOCK_REALTIME, &wall);
  }
  const uint64_t mono = monotonic_ns();
  if (s.stop.load(std::memory_order_relaxed)) return mono;  // interrupted: the start is never reached
  clock_gettime(CLOCK_REALTIME, &wall);
  const uint64_t now = wall_ns(wall);
  s.start_reached = true;
  s.start_warmup_ns = start > now ? start - now : 0;
  s.start_late_ns = now > start ? now - start : 0;
  return mono;
}

}  // namespace

void StartClock::operator()() noexcept {
  RunShared& s = *shared;
  uint64_t total_quota = 0;
  bool counted = false;
  for (const WorkerPlan& w : s.plan.workers) {
    if (w.quota) {
      total_quota += *w.quota;
      counted = true;
    }
  }
  if (counted) {
    uint64_t opened = 0;
    for (uint32_t o : s.opened) opened += o;
    uint64_t given = 0;
    for (size_t i = 0; i < s.opened.size(); ++i) {
      s.quotas[i] = opened ? total_quota * s.opened[i] / opened : 0;
      given += *s.quotas[i];
    }
    for (size_t i = 0; given < total_quota && opened; i = (i + 1) % s.opened.size()) {
      if (s.opened[i] == 0) continue;
      ++*s.quotas[i];
      ++given;
    }
  }
  share_load(s);
  const uint64_t now = s.plan.start_at ? wait_for_start_at(s) : monotonic_ns();
  const uint64_t clock_start = s.plan.start_at ? now + s.start_warmup_ns : now + uint64_t(s.plan.warmup.count());
  s.warmup_start_ns = now;
  s.clock_start_ns.store(clock_start);
  s.live.clock_start_ns.store(clock_start, std::memory_order_relaxed);
}

namespace {

// Kernel feature fallbacks are printed once per process, not once per worker or per run.
void report_fallbacks(const std::vector<std::unique_ptr<Worker>>& workers) {
  static std::mutex mutex;
  static std::set<std::string> printed;
  std::lock_guard lock(mutex);
  for (const auto& w : workers) {
    for (const std::string& note : w->fallbacks()) {
      if (printed.insert(note).second) std::fprintf(stderr, "ringbench: note: %s\n", note.c_str());
    }
  }
}

}  // namespace

// The calling thread watches while the workers run: ticks for a progress display and merges
// finished intervals as they come, then gathers everything once they have all ended.
void watch(RunShared& shared, IntervalCollector& intervals, RunObserver* observer) {
  constexpr auto tick = std::chrono::milliseconds(100);
  std::unique_lock lock(shared.ended_mutex);
  while (!shared.ended.wait_for(lock, tick, [&] { return shared.running == 0; })) {
    lock.unlock();
    if (observer) observer->on_tick(shared.live);
    intervals.collect(observer);
    lock.lock();
  }
}

stats::RunResult run(const Plan& plan, const std::atomic<bool>& stop, RunObserver* observer) {
  RunShared shared(plan, stop);
  IntervalCollector intervals(shared);
  std::vector<std::unique_ptr<Worker>> workers;
  const uint64_t open_start = monotonic_ns();
  for (uint32_t i = 0; i < plan.workers.size(); ++i) workers.push_back(std::make_unique<Worker>(shared, i));
  {
    std::vector<std::jthread> threads;
    for (auto& w : workers) threads.emplace_back([&w] { w->run(); });
    watch(shared, intervals, observer);
  }
  intervals.collect(observer);
  if (observer) observer->on_tick(shared.live);
  report_fallbacks(workers);
  for (const auto& w : workers) {
    if (w->error()) std::rethrow_exception(w->error());
  }

  stats::RunResult result;
  std::vector<stats::WorkerStats> per_worker;
  uint64_t end = 0, open_failures = 0, first_connect_error = UINT64_MAX;
  for (auto& w : workers) {
    per_worker.push_back(std::move(w->stats()));
    end = std::max(end, w->end_ns());
    open_failures += w->open_failures();
    if (w->first_connect_error_ns() != 0) first_connect_error = std::min(first_connect_error, w->first_connect_error_ns());
  }
  stats::merge_into(result, per_worker);
  result.totals.counters.connect_failures += open_failures;
  const uint64_t start = shared.clock_start_ns.load();
  result.duration_s = end > start ? double(end - start) / 1e9 : 0.0;
  if (first_connect_error != UINT64_MAX) {
    result.connect_errors_from_s = first_connect_error > start ? double(first_connect_error - start) / 1e9 : 0.0;
  }
  // The start line completes when the last worker has opened its connections (or given up).
  if (shared.warmup_start_ns > open_start) result.open_s = double(shared.warmup_start_ns - open_start) / 1e9;
  result.threads = uint32_t(plan.workers.size());
  for (const WorkerPlan& w : plan.workers) result.concurrency += w.connections;
  result.interrupted = stop.load();
  result.intervals = std::move(intervals.intervals());
  // The monotonic clock start as wall time: now, less how long ago the clock started (signed:
  // a run stopped during its warm-up never reached its clock start).
  result.started_at = std::chrono::system_clock::now() - Nanos(int64_t(monotonic_ns()) - int64_t(start));
  result.machine = probe_machine();
  if (shared.start_reached) result.start_late_s = double(shared.start_late_ns) / 1e9;
  return result;
}

std::optional<std::string> unreachable_reason(const stats::RunResult& result) {
  const stats::Counters& c = result.totals.counters;
  const uint64_t connect = c.errors[size_t(stats::ErrorClass::connect)];
  const uint64_t tls = c.errors[size_t(stats::ErrorClass::tls)];
  const bool failed_to_connect = c.connect_failures > 0 || connect + tls > 0;
  // Other errors (timeouts, resets, bad responses) mean a connection did carry a request.
  if (c.responses > 0 || !failed_to_connect || c.error_total() != connect + tls) return std::nullopt;
  const std::string& connect_why = c.first_error[size_t(stats::ErrorClass::connect)];
  const std::string& why = connect_why.empty() ? c.first_error[size_t(stats::ErrorClass::tls)] : connect_why;
  return "no connection could be established" + (why.empty() ? std::string() : ": " + why);
}

}  // namespace ringbench::engine

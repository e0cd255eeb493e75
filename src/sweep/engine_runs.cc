#include "engine_runs.h"

#include <chrono>
#include <cmath>
#include <ctime>

#include "ringbench/core/error.h"
#include "ringbench/engine/engine.h"
#include "ringbench/engine/plan.h"
#include "ringbench/sweep/settling.h"

namespace ringbench::sweep {

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Nanos seconds(double s) { return Nanos(int64_t(std::llround(s * 1e9))); }

std::optional<stats::RunResult> run_engine(const Config& config, double warmup_s, const std::atomic<bool>& stop,
                                           std::optional<Nanos> interval) {
  if (stop.load(std::memory_order_relaxed)) return std::nullopt;
  engine::Plan plan = engine::make_plan(config);
  plan.warmup = seconds(warmup_s);
  if (interval) plan.interval = *interval;
  engine::ensure_fd_limit(plan);
  stats::RunResult run = engine::run(plan, stop);
  if (run.interrupted) return std::nullopt;
  if (const auto why = engine::unreachable_reason(run)) throw_cannot_run(*why);
  return run;
}

Config probe_config(const Config& base, uint32_t probe_c, const Measure& baseline) {
  Config config = base;
  config.concurrency = probe_c;
  config.rate.reset();  // a probe is closed loop, whatever the levels are
  config.requests.reset();
  config.duration = seconds(probe_duration_s(baseline));
  config.drain = Nanos(0);
  return config;
}

std::optional<Settling> settle_with(const std::function<std::optional<Measure>()>& probe, const Measure& baseline,
                                    double settle_max_s) {
  const auto start = std::chrono::steady_clock::now();
  const auto waited_s = [start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  Settling settling;
  for (;;) {
    std::optional<Measure> seen = probe();
    if (!seen) return std::nullopt;
    settling.waited_s = waited_s();
    if (settled_by(*seen, baseline)) return settling;
    if (settling.waited_s >= settle_max_s) {
      settling.last_probe = seen;
      return settling;
    }
  }
}

}  // namespace ringbench::sweep

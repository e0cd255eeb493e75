#include "ringbench/sweep/sweep_runner.h"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "ringbench/core/machine.h"
#include "ringbench/core/error.h"
#include "ringbench/engine/engine.h"
#include "ringbench/engine/plan.h"
#include "ringbench/sweep/concurrency_spec.h"
#include "ringbench/sweep/selection.h"
#include "ringbench/sweep/sweep_json.h"

namespace ringbench::sweep {
namespace {

// With -n per point, every connection must carry enough requests that the warm connections,
// not the ramp, dominate what is measured.
constexpr uint64_t min_requests_per_connection = 20;

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Nanos seconds(double s) { return Nanos(int64_t(std::llround(s * 1e9))); }

class Runner {
 public:
  Runner(const SweepRequest& request, const std::atomic<bool>& stop, SweepObserver* observer)
      : request_(request), params_(request.params), stop_(stop), observer_(observer) {}

  SweepResult run();

 private:
  std::optional<Measure> measure(const Config& base, uint32_t concurrency);
  std::optional<Point> measure_level(uint32_t concurrency, size_t position);
  void measure_levels(const std::vector<uint32_t>& levels, size_t first_index, size_t total);
  std::vector<uint32_t> measured_levels() const;
  bool stopped() const { return stop_.load(std::memory_order_relaxed); }

  const SweepRequest& request_;
  const SweepParams& params_;
  const std::atomic<bool>& stop_;
  SweepObserver* observer_;
  SweepResult result_;
};

// One engine run at one concurrency; none when interrupted. A level whose connections cannot
// be opened at all is a point with zero rps (disqualified by judge), noted once.
std::optional<Measure> Runner::measure(const Config& base, uint32_t concurrency) {
  if (stopped()) return std::nullopt;
  Config config = base;
  config.concurrency = concurrency;
  config.requests.reset();
  config.duration.reset();
  if (params_.requests) {
    config.requests = std::max(*params_.requests, min_requests_per_connection * concurrency);
  } else {
    config.duration = seconds(params_.effective_duration_s().value_or(default_duration_s));
  }
  engine::Plan plan = engine::make_plan(config);
  plan.warmup = seconds(params_.warmup_s);
  try {
    engine::ensure_fd_limit(plan);
    const stats::RunResult run = engine::run(plan, stop_);
    if (run.interrupted) return std::nullopt;
    if (const auto why = engine::unreachable_reason(run)) throw_cannot_run(*why);
    return measure_of(run, concurrency);
  } catch (const Error& e) {
    if (e.code() != ExitCode::cannot_run) throw;
    result_.notes.push_back("c=" + std::to_string(concurrency) + " (" + config.url + "): " + e.what());
    Measure failed;
    failed.concurrency = concurrency;
    return failed;
  }
}

// Repeats the level; in paired mode each repeat measures both endpoints, the order flipping
// from one level to the next (and between repeats) so neither always runs on a warmer machine.
std::optional<Point> Runner::measure_level(uint32_t concurrency, size_t position) {
  std::vector<Measure> target, reference;
  for (uint32_t r = 0; r < params_.repeats; ++r) {
    const bool reference_first = request_.reference && (position + r) % 2 == 1;
    if (reference_first) {
      auto m = measure(*request_.reference, concurrency);
      if (!m) return std::nullopt;
      reference.push_back(*m);
    }
    auto m = measure(request_.target, concurrency);
    if (!m) return std::nullopt;
    target.push_back(*m);
    if (request_.reference && !reference_first) {
      auto ref = measure(*request_.reference, concurrency);
      if (!ref) return std::nullopt;
      reference.push_back(*ref);
    }
  }
  Point point = combine_repeats(target);
  if (!reference.empty()) {
    pair_with(point, combine_repeats(reference).chosen);
  } else if (!request_.reference_file.empty()) {
    pair_with(point, nearest_reference(request_.reference_file, concurrency));
  }
  return point;
}

void Runner::measure_levels(const std::vector<uint32_t>& levels, size_t first_index, size_t total) {
  for (size_t i = 0; i < levels.size(); ++i) {
    std::optional<Point> point = measure_level(levels[i], first_index + i + 1);
    if (!point) {
      result_.interrupted = true;
      return;
    }
    result_.points.push_back(std::move(*point));
    if (observer_) observer_->on_point(result_.points.back(), first_index + i, total);
  }
}

std::vector<uint32_t> Runner::measured_levels() const {
  std::vector<uint32_t> levels;
  for (const Point& p : result_.points) levels.push_back(p.concurrency);
  if (result_.baseline) levels.push_back(result_.baseline->concurrency);
  return levels;
}

SweepResult Runner::run() {
  result_.params = params_;
  result_.machine = probe_machine();
  result_.started_at = utc_now_iso8601();
  const bool paired = params_.paired();
  result_.baseline = measure_level(params_.baseline_c, 0);
  if (!result_.baseline) {
    result_.interrupted = true;
  } else {
    // Before the observer: a baseline that never ran gets no line of figures, only the error.
    if (result_.baseline->chosen.rps == 0 && !result_.notes.empty()) {
      throw_cannot_run("sweep: the baseline run failed: " + result_.notes.back());
    }
    if (observer_) observer_->on_baseline(*result_.baseline);
    measure_levels(params_.levels, 0, params_.levels.size());
  }
  const Point baseline = result_.baseline.value_or(Point{});
  judge(result_.points, baseline, params_.selection, paired);
  result_.sweet_spot = pick(result_.points, params_.selection, paired, result_.baseline);
  if (params_.refine && !result_.interrupted && result_.sweet_spot.concurrency) {
    const std::vector<uint32_t> extra = refine_levels(*result_.sweet_spot.concurrency, measured_levels());
    measure_levels(extra, result_.points.size(), result_.points.size() + extra.size());
    judge(result_.points, baseline, params_.selection, paired);
    result_.sweet_spot = pick(result_.points, params_.selection, paired, result_.baseline);
  }
  return result_;
}

}  // namespace

SweepResult run_sweep(const SweepRequest& request, const std::atomic<bool>& stop, SweepObserver* observer) {
  return Runner(request, stop, observer).run();
}

}  // namespace ringbench::sweep

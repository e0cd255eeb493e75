// sweep --rate: the capacity search's runs. The search itself (which rate next) is
// rate_search.cc, the verdict on a rate rate_point.cc; this file runs the engine for them.
#include <string>

#include <fmt/format.h>

#include "engine_runs.h"
#include "figure_format.h"
#include "ringbench/core/error.h"
#include "ringbench/core/machine.h"
#include "ringbench/sweep/rate_search.h"
#include "ringbench/sweep/settling.h"
#include "ringbench/sweep/sweep_runner.h"

namespace ringbench::sweep {
namespace {

class RateRunner {
 public:
  RateRunner(const SweepRequest& request, const std::atomic<bool>& stop, SweepObserver* observer)
      : request_(request), params_(request.params), rate_(*request.params.rate), stop_(stop), observer_(observer) {}

  SweepResult run();

 private:
  double duration_s() const { return params_.effective_duration_s().value_or(rate_duration_s); }
  bool measure_baseline();
  std::optional<RatePoint> measure_rate(double rate);
  std::optional<RatePoint> settled_rate(double rate, size_t position);
  std::optional<RatePoint> measured_again(double rate, RatePoint first);
  void search();
  void note_search(const RateSearch& search);
  void note_settling();

  const SweepRequest& request_;
  const SweepParams& params_;
  const RateSweepParams& rate_;
  const std::atomic<bool>& stop_;
  SweepObserver* observer_;
  SweepResult result_;
  double settle_total_s_ = 0;
  size_t unsettled_ = 0, remeasured_ = 0;
};

// Closed loop at the baseline's concurrency: the unloaded latency, and the yardstick the
// settling probes compare with. Its failure to reach the target ends the sweep (cannot run).
bool RateRunner::measure_baseline() {
  Config config = request_.target;
  config.rate.reset();
  config.concurrency = params_.baseline_c;
  config.duration = seconds(duration_s());
  std::optional<stats::RunResult> run;
  try {
    run = run_engine(config, params_.warmup_s, stop_);
  } catch (const Error& e) {
    if (e.code() != ExitCode::cannot_run) throw;
    throw_cannot_run(fmt::format("sweep: the baseline run failed: c={} ({}): {}", config.concurrency, config.url, e.what()));
  }
  if (!run) return false;
  result_.baseline = combine_repeats({measure_of(*run, config.concurrency)});
  if (observer_) observer_->on_baseline(*result_.baseline);
  return true;
}

// One open-loop run at `rate`, its time series sliced at the window's end so that the first
// slice counts exactly the responses completed inside the window (the served rate).
std::optional<RatePoint> RateRunner::measure_rate(double rate) {
  Config config = request_.target;
  config.rate = rate;
  config.arrivals = rate_.arrivals;
  config.concurrency = rate_.connections;
  config.requests.reset();
  config.duration = seconds(duration_s());
  try {
    const std::optional<stats::RunResult> run = run_engine(config, params_.warmup_s, stop_, config.duration);
    if (!run) return std::nullopt;
    const uint64_t in_window = run->intervals.empty() ? 0 : run->intervals.front().responses;
    RatePoint point = rate_point_of(*run, config, rate_.slo, in_window);
    judge_rate_point(point, params_.selection.max_errors);
    return point;
  } catch (const Error& e) {
    if (e.code() != ExitCode::cannot_run) throw;
    result_.notes.push_back(fmt::format("{} ({}): {}", per_second_text(rate), config.url, e.what()));
    RatePoint failed;
    failed.offered_rps = rate;
    failed.failure = std::string("could not run: ") + e.what();
    return failed;
  }
}

// The rate measured once the server has worked off what the previous one left (a failed rate
// leaves a backlog); the first rate follows the baseline, the lightest load of all.
std::optional<RatePoint> RateRunner::settled_rate(double rate, size_t position) {
  std::optional<Settling> settling;
  if (position > 0 && params_.settle_max_s > 0 && result_.baseline) {
    const Measure& baseline = result_.baseline->chosen;
    const Config probe = probe_config(request_.target, params_.baseline_c, baseline);
    settling = settle_with(
        [&]() -> std::optional<Measure> {
          try {
            const std::optional<stats::RunResult> run = run_engine(probe, 0, stop_);
            if (!run) return std::nullopt;
            return measure_of(*run, probe.concurrency);
          } catch (const Error& e) {
            if (e.code() != ExitCode::cannot_run) throw;
            Measure unanswered;  // no answers: not settled
            unanswered.concurrency = probe.concurrency;
            return unanswered;
          }
        },
        baseline, params_.settle_max_s);
    if (!settling) return std::nullopt;
  }
  std::optional<RatePoint> point = measure_rate(rate);
  if (!point || !settling) return point;
  point->settle_s = settling->waited_s;
  settle_total_s_ += settling->waited_s;
  if (settling->last_probe) {
    point->settled = false;
    point->flags.push_back(unsettled_flag(*settling->last_probe, result_.baseline->chosen, settling->waited_s));
    ++unsettled_;
  }
  return point;
}

// A rate that failed while the client itself sent late (a loaded machine) is measured once
// more, unless the server fell behind too: its failure may be the client's. The lowest rate is
// measured again even then: a late client also leaves requests unserved, and a failure there
// ends the search with no capacity at all. The second run's verdict counts; both are said.
std::optional<RatePoint> RateRunner::measured_again(double rate, RatePoint first) {
  std::optional<RatePoint> second = settled_rate(rate, result_.rate_points.size() + 1);
  if (!second) return second;
  second->flags.push_back("measured twice: the first run failed (" + first.failure + ") while the client sent late");
  ++remeasured_;
  return second;
}

void RateRunner::search() {
  RateSearch search({.lo = rate_.lo, .hi = rate_.hi, .budget = params_.max_levels, .tolerance = rate_.tolerance});
  while (std::optional<double> rate = search.next()) {
    std::optional<RatePoint> point = settled_rate(*rate, result_.rate_points.size());
    const bool lowest = result_.rate_points.empty();
    if (point && !point->passed && point->client_late && (!point->server_behind || lowest)) {
      point = measured_again(*rate, std::move(*point));
    }
    if (!point) {
      result_.interrupted = true;
      break;
    }
    search.record(*rate, point->passed);
    result_.rate_points.push_back(std::move(*point));
    if (observer_) observer_->on_rate_point(result_.rate_points.back(), result_.rate_points.size() - 1);
  }
  result_.capacity = search.capacity();
  if (!result_.capacity.rate && !result_.rate_points.empty() && !result_.rate_points.front().passed) {
    result_.capacity.reason += ": " + result_.rate_points.front().failure;
  }
  if (result_.interrupted) {
    result_.capacity.reason = fmt::format("interrupted after {} rate(s): the capacity covers only those",
                                          result_.rate_points.size());
  }
  note_search(search);
}

// What the search did, and any pass above a failure: noise near the capacity, which the
// capacity (the highest pass below the lowest failure) does not count.
void RateRunner::note_search(const RateSearch& search) {
  result_.notes.push_back(fmt::format("rate: {} rate(s) measured, doubling from {} until one failed, then bisecting "
                                      "geometrically; stopped: {}",
                                      search.measured(), per_second_text(rate_.lo), result_.capacity.reason));
  if (remeasured_ > 0) {
    result_.notes.push_back(fmt::format("{} rate(s) measured twice: they failed while the client itself sent late "
                                        "(flagged), so the failure may have been the client's",
                                        remeasured_));
  }
  const std::optional<double> fail = result_.capacity.lowest_fail;
  if (!fail) return;
  for (const RatePoint& p : result_.rate_points) {
    if (p.passed && p.offered_rps > *fail) {
      result_.notes.push_back(fmt::format("{} passed above {}, which failed: noise near the capacity; the capacity "
                                          "stays below the lowest failure",
                                          per_second_text(p.offered_rps), per_second_text(*fail)));
    }
  }
}

void RateRunner::note_settling() {
  if (params_.settle_max_s <= 0 || result_.rate_points.size() < 2) return;
  std::string note = fmt::format("settling: probes at c={} before each rate took {:.2f} s in all", params_.baseline_c,
                                 settle_total_s_);
  if (unsettled_ > 0) note += fmt::format("; {} rate(s) measured on an unsettled server (flagged)", unsettled_);
  result_.notes.push_back(note);
}

SweepResult RateRunner::run() {
  result_.params = params_;
  result_.machine = probe_machine();
  result_.started_at = utc_now_iso8601();
  if (!rate_.connections_given) {
    result_.notes.push_back(fmt::format("connections: {} (twice the requests in flight at {} within the SLO's "
                                        "longest limit, Little's law; -c to choose)",
                                        rate_.connections, per_second_text(rate_.hi)));
  }
  if (!measure_baseline()) {
    result_.interrupted = true;
    result_.capacity.reason = "interrupted during the baseline";
    return result_;
  }
  search();
  note_settling();
  return result_;
}

}  // namespace

SweepResult run_rate_sweep(const SweepRequest& request, const std::atomic<bool>& stop, SweepObserver* observer) {
  return RateRunner(request, stop, observer).run();
}

}  // namespace ringbench::sweep

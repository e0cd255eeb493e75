#include "ringbench/sweep/sweep_runner.h"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <fmt/format.h>

#include "ringbench/core/machine.h"
#include "ringbench/core/error.h"
#include "ringbench/sweep/concurrency_spec.h"
#include "ringbench/sweep/knee_search.h"
#include "ringbench/sweep/selection.h"
#include "ringbench/sweep/settling.h"
#include "ringbench/sweep/sweep_json.h"
#include "engine_runs.h"

namespace ringbench::sweep {
namespace {

// With -n per point, every connection must carry enough requests that the warm connections,
// not the ramp, dominate what is measured.
constexpr uint64_t min_requests_per_connection = 20;

// The baseline's p99 is the tail rule's yardstick for every level, so a -z baseline with fewer
// samples than twice what a p99 needs is measured again for longer, up to this long.
constexpr uint64_t baseline_samples_wanted = 2 * samples_for_p99;
constexpr double max_baseline_s = 5.0;

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", s);
  return text;
}

std::string refine_note(uint32_t winner, const std::vector<uint32_t>& extra) {
  if (extra.empty()) return "refine: every level around the coarse pick c=" + std::to_string(winner) + " was already measured";
  std::string levels;
  for (uint32_t c : extra) levels += (levels.empty() ? "" : ", ") + std::to_string(c);
  return "refine: " + std::to_string(extra.size()) + " more level(s) around the coarse pick c=" +
         std::to_string(winner) + ": " + levels;
}

class Runner {
 public:
  Runner(const SweepRequest& request, const std::atomic<bool>& stop, SweepObserver* observer)
      : request_(request), params_(request.params), stop_(stop), observer_(observer) {}

  SweepResult run();

 private:
  std::optional<Measure> run_once(const Config& config, double warmup_s);
  std::optional<Measure> measure(const Config& base, uint32_t concurrency, std::optional<double> duration_s);
  std::optional<Measure> probe(const Config& base, const Measure& baseline);
  std::optional<Settling> settle(const Config& base, const Measure& baseline);
  bool settle_before(Point& point, size_t position);
  std::optional<Point> measure_level(uint32_t concurrency, size_t position,
                                     std::optional<double> duration_s = std::nullopt);
  bool extend_baseline();
  void note_tail_percentile();
  void measure_levels(const std::vector<uint32_t>& levels, size_t first_index, size_t total);
  void search_levels();
  double criterion(const Point& point) const;
  std::vector<uint32_t> measured_levels() const;

  std::optional<Point> settled_level(uint32_t concurrency, size_t position);
  std::optional<double> lighter_rps_above(const Point& point) const;
  std::optional<Point> measured_again(Point first, double lighter_rps);
  void note_settling();

  const SweepRequest& request_;
  const SweepParams& params_;
  const std::atomic<bool>& stop_;
  SweepObserver* observer_;
  SweepResult result_;
  double settle_total_s_ = 0, settle_longest_s_ = 0;
  uint32_t settle_longest_before_ = 0;
  size_t unsettled_levels_ = 0;
};

// One engine run at one concurrency; none when interrupted. A level whose connections cannot
// be opened at all is a point with zero rps (disqualified by judge), noted once.
std::optional<Measure> Runner::run_once(const Config& config, double warmup_s) {
  try {
    const std::optional<stats::RunResult> run = run_engine(config, warmup_s, stop_);
    if (!run) return std::nullopt;
    return measure_of(*run, config.concurrency);
  } catch (const Error& e) {
    if (e.code() != ExitCode::cannot_run) throw;
    result_.notes.push_back("c=" + std::to_string(config.concurrency) + " (" + config.url + "): " + e.what());
    Measure failed;
    failed.concurrency = config.concurrency;
    return failed;
  }
}

std::optional<Measure> Runner::measure(const Config& base, uint32_t concurrency, std::optional<double> duration_s) {
  Config config = base;
  config.concurrency = concurrency;
  config.requests.reset();
  config.duration.reset();
  if (params_.requests) {
    config.requests = std::max(*params_.requests, min_requests_per_connection * concurrency);
  } else {
    config.duration = seconds(duration_s.value_or(params_.effective_duration_s().value_or(default_duration_s)));
  }
  return run_once(config, params_.warmup_s);
}

std::optional<Measure> Runner::probe(const Config& base, const Measure& baseline) {
  return run_once(probe_config(base, params_.baseline_c, baseline), 0);
}

// Probes until one shows the baseline's latency or --settle-max is spent; none when interrupted.
std::optional<Settling> Runner::settle(const Config& base, const Measure& baseline) {
  return settle_with([&] { return probe(base, baseline); }, baseline, params_.settle_max_s);
}

// Settles the target (and a --vs reference, against its own baseline) before `point` is
// measured; false when interrupted. The first level after the baseline needs none: the
// baseline is the lightest load of all.
bool Runner::settle_before(Point& point, size_t position) {
  if (position <= 1 || params_.settle_max_s <= 0 || !result_.baseline) return true;
  const Point& baseline = *result_.baseline;
  std::optional<Settling> target = settle(request_.target, baseline.chosen);
  if (!target) return false;
  point.settle_s = target->waited_s;
  if (target->last_probe) {
    point.settled = false;
    point.flags.push_back(unsettled_flag(*target->last_probe, baseline.chosen, target->waited_s));
  }
  if (request_.reference && baseline.reference) {
    std::optional<Settling> reference = settle(*request_.reference, *baseline.reference);
    if (!reference) return false;
    point.settle_s += reference->waited_s;
    if (reference->last_probe) {
      point.settled = false;
      point.flags.push_back("reference " + unsettled_flag(*reference->last_probe, *baseline.reference,
                                                          reference->waited_s));
    }
  }
  settle_total_s_ += point.settle_s;
  if (point.settle_s > settle_longest_s_) {
    settle_longest_s_ = point.settle_s;
    settle_longest_before_ = point.concurrency;
  }
  if (!point.settled) ++unsettled_levels_;
  return true;
}

// Repeats the level; in paired mode each repeat measures both endpoints, the order flipping
// from one level to the next (and between repeats) so neither always runs on a warmer machine.
std::optional<Point> Runner::measure_level(uint32_t concurrency, size_t position, std::optional<double> duration_s) {
  std::vector<Measure> target, reference;
  for (uint32_t r = 0; r < params_.repeats; ++r) {
    const bool reference_first = request_.reference && (position + r) % 2 == 1;
    if (reference_first) {
      auto m = measure(*request_.reference, concurrency, duration_s);
      if (!m) return std::nullopt;
      reference.push_back(*m);
    }
    auto m = measure(request_.target, concurrency, duration_s);
    if (!m) return std::nullopt;
    target.push_back(*m);
    if (request_.reference && !reference_first) {
      auto ref = measure(*request_.reference, concurrency, duration_s);
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

// The level measured once the server has settled from the previous one, with what settling took.
std::optional<Point> Runner::settled_level(uint32_t concurrency, size_t position) {
  Point settling;
  settling.concurrency = concurrency;
  if (!settle_before(settling, position)) return std::nullopt;
  std::optional<Point> point = measure_level(concurrency, position);
  if (!point) return std::nullopt;
  point->settle_s = settling.settle_s;
  point->settled = settling.settled;
  point->flags.insert(point->flags.end(), settling.flags.begin(), settling.flags.end());
  return point;
}

// One line in the notes on what settling cost and whether any level was measured unsettled.
void Runner::note_settling() {
  if (params_.settle_max_s <= 0 || result_.points.size() < 2) return;
  std::string note = "settling: probes at c=" + std::to_string(params_.baseline_c) + " before each level took " +
                     seconds_text(settle_total_s_) + " s in all (longest " + seconds_text(settle_longest_s_) +
                     " s, before c=" + std::to_string(settle_longest_before_) + ")";
  if (unsettled_levels_ > 0) {
    note += "; " + std::to_string(unsettled_levels_) + " level(s) measured on an unsettled server (flagged)";
  }
  result_.notes.push_back(note);
}

void Runner::measure_levels(const std::vector<uint32_t>& levels, size_t first_index, size_t total) {
  for (size_t i = 0; i < levels.size(); ++i) {
    std::optional<Point> point = settled_level(levels[i], first_index + i + 1);
    if (!point) {
      result_.interrupted = true;
      return;
    }
    result_.points.push_back(std::move(*point));
    if (observer_) observer_->on_point(result_.points.back(), first_index + i, total);
  }
}

// What the search climbs: power, but 0 for a level that failed (no answers, too many errors),
// so more connections are not tried on a server that refuses them.
double Runner::criterion(const Point& point) const {
  const Measure& m = point.chosen;
  if (m.rps <= 0 || m.failed_rate > params_.selection.max_errors) return 0;
  return power_of(m);
}

// --conc auto: the baseline is the search's first level; each level it asks for is measured
// (settled, like any other) and told back, until the search stops.
void Runner::search_levels() {
  KneeSearch search({.start = params_.baseline_c, .max_level = std::max(params_.max_conc, params_.baseline_c),
                     .budget = params_.max_levels});
  search.record(params_.baseline_c, criterion(*result_.baseline));
  while (std::optional<uint32_t> c = search.next()) {
    std::optional<Point> point = settled_level(*c, result_.points.size() + 1);
    const std::optional<double> lighter = point ? lighter_rps_above(*point) : std::nullopt;
    if (lighter) point = measured_again(std::move(*point), *lighter);
    if (!point) {
      result_.interrupted = true;
      break;
    }
    search.record(*c, criterion(*point));
    result_.points.push_back(std::move(*point));
    result_.params.levels.push_back(*c);
    if (observer_) observer_->on_point(result_.points.back(), result_.points.size() - 1, 0);
  }
  std::string note = "auto: " + std::to_string(search.measured()) + " levels with the baseline";
  if (search.grown_to() > 0) {
    note += ", doubling c from " + std::to_string(params_.baseline_c) + " to " + std::to_string(search.grown_to()) +
            ", then narrowing around the highest power, c=" + std::to_string(search.best());
  }
  if (!search.stop_reason().empty()) note += "; stopped: " + search.stop_reason();
  result_.notes.push_back(note);
}

std::optional<double> Runner::lighter_rps_above(const Point& point) const {
  std::vector<const Point*> measured;
  if (result_.baseline) measured.push_back(&*result_.baseline);
  for (const Point& p : result_.points) measured.push_back(&p);
  return sweep::lighter_rps_above(point, measured);
}

// A level whose throughput fell below a lighter one's is measured once more before the search
// takes it as the top of the curve: one stalled run (a loaded machine) would otherwise end the
// growth below the knee. The second run counts; both are said. None when interrupted.
std::optional<Point> Runner::measured_again(Point first, double lighter_rps) {
  std::optional<Point> second = settled_level(first.concurrency, result_.points.size() + 1);
  if (!second) return second;
  const std::string why = fmt::format("the first run's {:.0f} requests/s fell below a lighter level's {:.0f}",
                                      first.chosen.rps, lighter_rps);
  second->flags.push_back("measured twice: " + why);
  result_.notes.push_back(fmt::format("remeasured: c={} ({})", first.concurrency, why));
  return second;
}

// A -z baseline too short for a p99 is measured again, long enough for baseline_samples_wanted
// at the rate it showed (at most max_baseline_s); the run with more samples is kept. False
// when interrupted.
bool Runner::extend_baseline() {
  Point& baseline = *result_.baseline;
  const std::optional<double> measured_s = params_.effective_duration_s();
  if (!measured_s || baseline.chosen.samples >= baseline_samples_wanted || baseline.chosen.rps <= 0) return true;
  const double wanted_s = std::min(max_baseline_s, 1.25 * double(baseline_samples_wanted) / baseline.chosen.rps);
  if (wanted_s <= *measured_s) return true;
  std::optional<Point> longer = measure_level(params_.baseline_c, 0, wanted_s);
  if (!longer) return false;
  const uint64_t before = baseline.chosen.samples;
  if (longer->chosen.samples > before) baseline = std::move(*longer);
  result_.notes.push_back("baseline: " + std::to_string(before) + " samples in " + seconds_text(*measured_s) +
                          " s, too few for the tail rule's p99; measured again for " + seconds_text(wanted_s) +
                          " s: " + std::to_string(baseline.chosen.samples) + " samples");
  return true;
}

void Runner::note_tail_percentile() {
  if (!result_.baseline) return;
  const Measure& b = result_.baseline->chosen;
  const TailPercentile tail = tail_percentile_of(b);
  if (tail == TailPercentile::p99) return;
  result_.notes.push_back("baseline: " + std::to_string(b.samples) + " samples, too few for p99 (needs " +
                          std::to_string(samples_for_p99) + "): the tail rule " +
                          (tail == TailPercentile::p90 ? "compares p90 with the baseline's p90 instead"
                                                       : "is skipped (p90 needs " + std::to_string(samples_for_p90) + ")"));
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
    if (!extend_baseline()) result_.interrupted = true;
    note_tail_percentile();
    if (observer_) observer_->on_baseline(*result_.baseline);
    if (!result_.interrupted && params_.adaptive()) search_levels();
    if (!result_.interrupted && !params_.adaptive()) measure_levels(params_.levels, 0, params_.levels.size());
  }
  const Point baseline = result_.baseline.value_or(Point{});
  judge(result_.points, baseline, params_.selection, paired);
  result_.sweet_spot = pick(result_.points, params_.selection, paired, result_.baseline);
  if (params_.refine && !result_.interrupted && result_.sweet_spot.concurrency) {
    const std::vector<uint32_t> extra = refine_levels(*result_.sweet_spot.concurrency, measured_levels());
    result_.notes.push_back(refine_note(*result_.sweet_spot.concurrency, extra));
    measure_levels(extra, result_.points.size(), result_.points.size() + extra.size());
    judge(result_.points, baseline, params_.selection, paired);
    result_.sweet_spot = pick(result_.points, params_.selection, paired, result_.baseline);
  }
  note_settling();
  return result_;
}

}  // namespace

SweepResult run_sweep(const SweepRequest& request, const std::atomic<bool>& stop, SweepObserver* observer) {
  if (request.params.rate_mode()) return run_rate_sweep(request, stop, observer);
  return Runner(request, stop, observer).run();
}

}  // namespace ringbench::sweep

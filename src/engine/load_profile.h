#pragma once
// The load level over a run's time: constant, or ramping linearly through --stages from a
// starting level (and holding the last target after them). In open loop the level is a
// request rate and the schedule needs the inverse of its integral (when the k-th request is
// due); in closed loop it is the number of connections sending. Queries from one schedule move
// forward in time, so the segment search resumes where the last one ended.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "ringbench/core/stages.h"
#include "ringbench/engine/plan.h"

namespace ringbench::engine {

class LoadProfile {
 public:
  // A constant level.
  explicit LoadProfile(double level) { segments_.push_back({0, infinite, level, level, 0}); }

  // From `start_level` through `stages`, every level multiplied by `scale` (a worker's share).
  LoadProfile(double start_level, const std::vector<Stage>& stages, double scale) {
    double at_ns = 0, from = start_level * scale, count = 0;
    for (const Stage& s : stages) {
      const double length = double(s.duration.count()), to = s.target * scale;
      segments_.push_back({at_ns, length, from, to, count});
      count += (from + to) / 2 * length / 1e9;
      at_ns += length;
      from = to;
    }
    segments_.push_back({at_ns, infinite, from, from, count});
  }

  double level_at(uint64_t offset_ns) const noexcept {
    const Segment& s = segment_at(double(offset_ns));
    if (s.length_ns == infinite) return s.from;
    return s.from + (s.to - s.from) * (double(offset_ns) - s.start_ns) / s.length_ns;
  }

  // Expected requests due from 0 to `offset_ns`: the integral of the level.
  double count_at(uint64_t offset_ns) const noexcept {
    const Segment& s = segment_at(double(offset_ns));
    const double t = (double(offset_ns) - s.start_ns) / 1e9;
    const double slope = s.length_ns == infinite ? 0 : (s.to - s.from) / (s.length_ns / 1e9);
    return s.count_before + s.from * t + slope * t * t / 2;
  }

  // When the integral reaches `count` (ns from the start); UINT64_MAX if it never does.
  uint64_t offset_of_count(double count) const noexcept {
    while (cursor_ + 1 < segments_.size() && segments_[cursor_ + 1].count_before <= count) ++cursor_;
    while (cursor_ > 0 && segments_[cursor_].count_before > count) --cursor_;
    const Segment& s = segments_[cursor_];
    const double c = count - s.count_before;
    if (s.length_ns == infinite) {
      if (s.from <= 0) return UINT64_MAX;  // nothing more is ever due
      return to_ns(s.start_ns + c / s.from * 1e9);
    }
    if (c <= 0) return to_ns(s.start_ns);
    // from*t + a*t^2 = c with a = (to-from)/(2 L): the root in the stable form 2c / (b + sqrt(b^2 + 4ac)).
    const double a = (s.to - s.from) / (2 * s.length_ns / 1e9);
    const double denominator = s.from + std::sqrt(std::max(0.0, s.from * s.from + 4 * a * c));
    if (denominator <= 0) return next_segment_start(s);
    const double t_ns = 2 * c / denominator * 1e9;
    return t_ns <= s.length_ns ? to_ns(s.start_ns + t_ns) : next_segment_start(s);
  }

 private:
  static constexpr double infinite = std::numeric_limits<double>::infinity();
  struct Segment {
    double start_ns, length_ns, from, to, count_before;
  };

  const Segment& segment_at(double offset_ns) const noexcept {
    size_t i = 0;
    while (i + 1 < segments_.size() && segments_[i + 1].start_ns <= offset_ns) ++i;
    return segments_[i];
  }
  // Rounding put the count just past this segment: it is due at the next one's start.
  static uint64_t next_segment_start(const Segment& s) noexcept { return to_ns(s.start_ns + s.length_ns); }
  static uint64_t to_ns(double ns) noexcept { return ns >= 1.8e19 ? UINT64_MAX : uint64_t(ns); }

  std::vector<Segment> segments_;
  mutable size_t cursor_ = 0;
};

// A run's load over time from the start of the load (the warm-up's, else the clock's), times
// `share` (a worker's part): a warm-up runs at the starting level, then the stages follow.
inline LoadProfile run_profile(const Plan& plan, double start_level, double share) {
  if (plan.stages.empty()) return LoadProfile(start_level * share);
  std::vector<Stage> stages;
  if (plan.warmup.count() > 0) stages.push_back({plan.warmup, start_level});
  stages.insert(stages.end(), plan.stages.begin(), plan.stages.end());
  return LoadProfile(start_level, stages, share);
}

}  // namespace ringbench::engine

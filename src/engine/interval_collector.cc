#include "interval_collector.h"

#include <algorithm>

namespace ringbench::engine {

// An interval no worker posted (every worker was descheduled across it and numbered its late
// snapshot by a later one) is skipped, and merging goes on with the next: stopping there lost
// every later interval of a run's final collection (seen on a loaded CI machine: none at all).
void IntervalCollector::collect(RunObserver* observer) {
  for (Step step = merge_next(); step != Step::waiting; step = merge_next()) {
    if (step == Step::merged && observer) observer->on_interval(intervals_.back());
  }
}

// Interval `next_` is complete when every worker has posted it or will never post it.
// A snapshot taken from one mailbox is merged right away; a worker whose snapshot is still
// missing keeps the interval open, and what was merged so far waits for it.
IntervalCollector::Step IntervalCollector::merge_next() {
  std::vector<IntervalMailbox>& boxes = shared_.mailboxes;
  if (pending_.size() != boxes.size()) pending_.assign(boxes.size(), Pending::waiting);
  for (size_t w = 0; w < boxes.size(); ++w) {
    if (pending_[w] != Pending::waiting) continue;
    bool finished = false;
    if (boxes[w].take(next_, scratch_, finished)) {
      merged_.merge(scratch_.latency);
      summary_.responses += scratch_.responses;
      for (size_t e = 0; e < summary_.errors.size(); ++e) summary_.errors[e] += scratch_.errors[e];
      end_ns_ = std::max(end_ns_, scratch_.end_ns);
      pending_[w] = Pending::merged;
    } else if (finished) {
      pending_[w] = Pending::absent;
    }
  }
  if (std::count(pending_.begin(), pending_.end(), Pending::waiting) > 0) return Step::waiting;
  const bool any = std::count(pending_.begin(), pending_.end(), Pending::merged) > 0;
  // Nobody posted this one: skip it if a later one waits, else there is nothing more.
  if (!any && std::none_of(boxes.begin(), boxes.end(), [](IntervalMailbox& b) { return b.holds_any(); })) {
    return Step::waiting;
  }
  if (any) {
    const double start = double(shared_.clock_start_ns.load());
    summary_.index = next_;
    summary_.start_s = intervals_.empty() ? 0.0 : intervals_.back().end_s;
    summary_.end_s = (double(end_ns_) - start) / 1e9;
    summary_.p50_ns = merged_.percentile(50);
    summary_.p90_ns = merged_.percentile(90);
    summary_.p99_ns = merged_.percentile(99);
    summary_.max_ns = merged_.max();
    if (rate_) summary_.target_rate = target_rate(summary_.start_s, summary_.end_s);
    intervals_.push_back(summary_);
  }
  merged_.reset();
  summary_ = {};
  end_ns_ = 0;
  pending_.assign(boxes.size(), Pending::waiting);
  ++next_;
  return any ? Step::merged : Step::skipped;
}

// The schedule's mean rate over [start_s, end_s] of the clock (the load started a warm-up
// earlier).
double IntervalCollector::target_rate(double start_s, double end_s) const {
  if (end_s <= start_s) return 0;
  const double lead_ns = double(shared_.clock_start_ns.load() - shared_.warmup_start_ns);
  const auto offset = [&](double s) { return uint64_t(lead_ns + s * 1e9); };
  return (rate_->count_at(offset(end_s)) - rate_->count_at(offset(start_s))) / (end_s - start_s);
}

}  // namespace ringbench::engine

#include "ringbench/sweep/rate_point.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "figure_format.h"
#include "ringbench/report/schedule_check.h"
#include "ringbench/stats/outcome_rates.h"

namespace ringbench::sweep {

namespace {

double ns_to_ms(uint64_t ns) { return double(ns) / 1e6; }

double rate_ms_at(const stats::Histogram& h, double percentile) { return h.count() ? ns_to_ms(h.percentile(percentile)) : 0; }

// "p99.9" for 99.9: as the user typed it in --slo.
std::string percentile_name(double percentile) { return fmt::format("p{:g}", percentile); }

std::string slo_failure(const SloValue& v, uint64_t unanswered) {
  if (!v.measured_ms) return percentile_name(v.percentile) + " beyond the answered requests (too many unanswered)";
  const std::string limit = fmt::format("{:g}", v.limit_ms);
  // "20.00 ms > 20 ms" would read as no failure: then as many decimals as it takes.
  std::string measured = ms_text(*v.measured_ms);
  if (measured == ms_text(v.limit_ms)) measured = value_beside(*v.measured_ms, v.limit_ms, 2);
  const std::string counted = unanswered > 0 ? fmt::format(" (with {} unanswered counted as late)", unanswered) : "";
  return fmt::format("{} {} ms > {} ms{}", percentile_name(v.percentile), measured, limit, counted);
}

// A client that released less than it was asked to did not offer the rate: the point says
// nothing about it. One that sent late (send lag, a saturated loop) still offered it, and the
// lateness is in the latency it measured (from the intended start), so its verdict errs on the
// safe side: a flag, not a failure.
void judge_schedule(RatePoint& p, const report::ScheduleFigures& figures) {
  report::ScheduleCheck check = report::check_schedule(figures);
  if (check.rate_short) {
    report::ScheduleCheck short_only;
    short_only.rate_short = true;
    p.client_behind = report::describe(short_only, figures);
    check.rate_short = false;
  }
  if (check.behind()) {
    p.client_late = true;
    p.flags.push_back(report::describe(check, figures) + " (counted in its latency: the verdict errs on the safe side)");
  }
}

}  // namespace

std::vector<SloValue> slo_values(const stats::Histogram& latency, uint64_t unanswered, const report::SloSpec& slo) {
  std::vector<SloValue> values;
  const double answered = double(latency.count());
  const double total = answered + double(unanswered);
  for (const report::SloTarget& target : slo.targets) {
    SloValue v;
    v.percentile = target.percentile;
    v.limit_ms = ns_to_ms(target.limit_ns);
    // The ceil(p · total)-th request of all lies among the answered ones only when its rank
    // is at most their count.
    const double rank = std::ceil(target.percentile / 100 * total);
    if (answered > 0 && rank <= answered) {
      const double within_answered = std::min(100.0, rank / answered * 100);
      v.measured_ms = ns_to_ms(latency.percentile(within_answered));
      v.pass = latency.percentile(within_answered) <= target.limit_ns;
    }
    values.push_back(v);
  }
  return values;
}

RatePoint rate_point_of(const stats::RunResult& run, const Config& config, const report::SloSpec& slo,
                        uint64_t window_responses) {
  const stats::WorkerStats& t = run.totals;
  const stats::OutcomeCounts outcomes = stats::outcome_counts_of(t.counters);
  RatePoint p;
  p.offered_rps = config.rate.value_or(0);
  p.window_s = report::schedule_window_s(config, run);
  p.achieved_rps = report::achieved_rate(config, run);
  p.served_rps = p.window_s > 0 ? double(window_responses) / p.window_s : 0;
  p.p50_ms = rate_ms_at(t.latency, 50);
  p.p90_ms = rate_ms_at(t.latency, 90);
  p.p99_ms = rate_ms_at(t.latency, 99);
  p.p999_ms = rate_ms_at(t.latency, 99.9);
  p.max_ms = ns_to_ms(t.latency.max());
  p.service_p50_ms = rate_ms_at(t.service_time, 50);
  p.service_p99_ms = rate_ms_at(t.service_time, 99);
  p.send_lag_p99_ms = rate_ms_at(t.send_lag, 99);
  p.error_rate = outcomes.error_rate();
  p.non2xx_rate = outcomes.non2xx_rate();
  p.failed_rate = outcomes.failed_rate();
  p.samples = t.latency.count();
  p.requests = outcomes.requests;
  p.scheduled = t.counters.scheduled;
  p.unfinished = t.counters.unfinished;
  p.waited_for_connection = t.counters.waited_for_connection;
  p.max_client_queue = t.counters.max_client_queue;
  p.slo = slo_values(t.latency, outcomes.transport_errors + p.unfinished, slo);
  if (const auto figures = report::schedule_figures(config, run)) judge_schedule(p, *figures);
  p.poisson = config.arrivals == Arrivals::poisson;
  return p;
}

uint32_t default_rate_connections(double hi, const report::SloSpec& slo) {
  uint64_t longest_ns = 0;
  for (const report::SloTarget& t : slo.targets) longest_ns = std::max(longest_ns, t.limit_ns);
  const double in_flight = hi * double(longest_ns) / 1e9;
  return uint32_t(std::clamp(std::ceil(2 * in_flight), 8.0, 10'000.0));
}

double served_allowance(double offered_count, bool poisson) {
  const double share = (1 - served_share_required) * offered_count;
  return poisson ? share + 3 * std::sqrt(offered_count) : share;
}

void judge_rate_point(RatePoint& p, double max_errors) {
  std::vector<std::string> failures;
  if (p.samples == 0) failures.push_back("no responses");
  const uint64_t unanswered = p.unfinished + uint64_t(std::llround(p.error_rate * double(p.requests)));
  for (const SloValue& v : p.slo) {
    if (!v.pass) failures.push_back(slo_failure(v, unanswered));
  }
  const double offered_count = p.offered_rps * p.window_s;
  p.server_behind = p.served_rps * p.window_s < offered_count - served_allowance(offered_count, p.poisson);
  if (p.server_behind) {
    failures.push_back(fmt::format("served {}/s of the {}/s offered", rps_text(p.served_rps), rps_text(p.offered_rps)));
  }
  if (!p.client_behind.empty()) failures.push_back(p.client_behind);
  const double sent = double(p.requests + p.unfinished);
  const double lost = p.failed_rate * double(p.requests) + double(p.unfinished);
  if (sent > 0 && lost / sent > max_errors) {
    failures.push_back(fmt::format("failed or unanswered {} > max {}", percent_text(lost / sent * 100),
                                   percent_text(max_errors * 100)));
  }
  p.passed = failures.empty();
  p.failure.clear();
  for (const std::string& f : failures) p.failure += (p.failure.empty() ? "" : "; ") + f;
}

}  // namespace ringbench::sweep

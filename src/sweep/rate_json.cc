// The JSON of sweep --rate: the capacity search's document and its NDJSON events.
#include <algorithm>
#include <string>
#include <vector>

#include "json_figures.h"
#include "ringbench/report/slo.h"
#include "ringbench/sweep/sweep_json.h"

namespace ringbench::sweep {

namespace {

using json = nlohmann::ordered_json;

json optional_number(const std::optional<double>& value, int decimals) {
  return value ? number(*value, decimals) : json(nullptr);
}

json slo_json(const report::SloSpec& slo) {
  json out = json::array();
  for (const report::SloTarget& t : slo.targets) {
    out.push_back({{"percentile", number(t.percentile, 6)}, {"limit_ms", ms(double(t.limit_ns) / 1e6)}});
  }
  return out;
}

json slo_values_json(const std::vector<SloValue>& values) {
  json out = json::array();
  for (const SloValue& v : values) {
    out.push_back({{"percentile", number(v.percentile, 6)},
                   {"limit_ms", ms(v.limit_ms)},
                   {"measured_ms", v.measured_ms ? ms(*v.measured_ms) : json(nullptr)},
                   {"pass", v.pass}});
  }
  return out;
}

void add_rate_point(json& out, const RatePoint& p) {
  out["offered_rps"] = rps(p.offered_rps);
  out["achieved_rps"] = rps(p.achieved_rps);
  out["served_rps"] = rps(p.served_rps);
  out["window_s"] = number(p.window_s, 6);
  out["p50_ms"] = ms(p.p50_ms);
  out["p90_ms"] = ms(p.p90_ms);
  out["p99_ms"] = ms(p.p99_ms);
  out["p999_ms"] = ms(p.p999_ms);
  out["max_ms"] = ms(p.max_ms);
  out["service_p50_ms"] = ms(p.service_p50_ms);
  out["service_p99_ms"] = ms(p.service_p99_ms);
  out["send_lag_p99_ms"] = ms(p.send_lag_p99_ms);
  out["slo"] = slo_values_json(p.slo);
  out["error_rate"] = fraction(p.error_rate);
  out["non2xx_rate"] = fraction(p.non2xx_rate);
  out["failed_rate"] = fraction(p.failed_rate);
  out["samples"] = p.samples;
  out["requests"] = p.requests;
  out["scheduled"] = p.scheduled;
  out["unfinished"] = p.unfinished;
  out["waited_for_connection"] = p.waited_for_connection;
  out["max_client_queue"] = p.max_client_queue;
  out["settle_s"] = number(p.settle_s, 3);
  out["settled"] = p.settled;
  out["passed"] = p.passed;
  out["failure"] = p.failure.empty() ? json(nullptr) : json(p.failure);
  out["flags"] = p.flags;
}

void add_capacity(json& out, const Capacity& c) {
  out["rate"] = optional_number(c.rate, 3);
  out["at_least"] = c.at_least;
  out["lowest_fail"] = optional_number(c.lowest_fail, 3);
  out["reason"] = c.reason;
}

json rate_params_json(const SweepParams& p) {
  const RateSweepParams& r = *p.rate;
  return {{"url", p.url},
          {"method", p.method},
          {"rate", r.spec},
          {"rate_lo", rps(r.lo)},
          {"rate_hi", rps(r.hi)},
          {"slo", r.slo_spec},
          {"connections", r.connections},
          {"connections_given", r.connections_given},
          {"arrivals", r.arrivals == Arrivals::poisson ? "poisson" : "constant"},
          {"baseline_c", p.baseline_c},
          {"threads", p.threads},
          {"warmup_s", number(p.warmup_s, 6)},
          {"duration_s", p.effective_duration_s() ? number(*p.effective_duration_s(), 6) : json(nullptr)},
          {"drain_s", number(p.drain_s, 6)},
          {"settle_max_s", number(p.settle_max_s, 6)},
          {"max_levels", p.max_levels},
          {"tolerance_pct", pct(r.tolerance * 100)},
          {"max_errors", number(p.selection.max_errors, 6)},
          {"served_share", number(served_share_required, 6)}};
}

}  // namespace

json rate_sweep_json(const SweepResult& r) {
  std::vector<const RatePoint*> sorted;
  for (const RatePoint& p : r.rate_points) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const RatePoint* a, const RatePoint* b) { return a->offered_rps < b->offered_rps; });
  json curve = json::array();
  for (const RatePoint* p : sorted) {
    json point = json::object();
    add_rate_point(point, *p);
    curve.push_back(std::move(point));
  }
  json capacity = json::object();
  add_capacity(capacity, r.capacity);
  return sweep_document(r, "rate", rate_params_json(r.params), {{"slo", slo_json(r.params.rate->slo)}},
                        {{"capacity", std::move(capacity)}, {"curve", std::move(curve)}});
}

json rate_point_event(const RatePoint& point) {
  json out = {{"event", "rate_point"}};
  add_rate_point(out, point);
  return out;
}

json capacity_event(const SweepResult& result) {
  json out = {{"event", "capacity"}};
  add_capacity(out, result.capacity);
  out["interrupted"] = result.interrupted;
  return out;
}

}  // namespace ringbench::sweep

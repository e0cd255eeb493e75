#include "ringbench/sweep/sweep_json.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ringbench/core/version.h"
#include "ringbench/report/run_context.h"
#include "json_figures.h"

namespace ringbench::sweep {

namespace {

using json = nlohmann::ordered_json;

json optional_pct(const std::optional<double>& value) { return value ? pct(*value) : json(nullptr); }

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json reference_json(const Measure& m) {
  return {{"rps", rps(m.rps)},           {"p50_ms", ms(m.p50_ms)},
          {"p90_ms", ms(m.p90_ms)},      {"p95_ms", ms(m.p95_ms)},
          {"p99_ms", ms(m.p99_ms)},      {"p999_ms", ms(m.p999_ms)},
          {"error_rate", fraction(m.error_rate)}, {"non2xx_rate", fraction(m.non2xx_rate)},
          {"failed_rate", fraction(m.failed_rate)}, {"samples", m.samples}};
}

// The point's members appended to `out`, which may already hold an "event" member.
void add_point(json& out, const Point& p) {
  const Measure& m = p.chosen;
  out["concurrency"] = p.concurrency;
  out["repeats"] = p.repeats;
  out["rps"] = rps(m.rps);
  out["rps_min"] = rps(p.rps_min);
  out["rps_max"] = rps(p.rps_max);
  out["p50_ms"] = ms(m.p50_ms);
  out["p90_ms"] = ms(m.p90_ms);
  out["p95_ms"] = ms(m.p95_ms);
  out["p99_ms"] = ms(m.p99_ms);
  out["p999_ms"] = ms(m.p999_ms);
  out["error_rate"] = fraction(m.error_rate);
  out["non2xx_rate"] = fraction(m.non2xx_rate);
  out["failed_rate"] = fraction(m.failed_rate);
  out["samples"] = m.samples;
  out["unfinished"] = m.unfinished;
  out["settle_s"] = number(p.settle_s, 3);
  out["settled"] = p.settled;
  out["score"] = number(p.score, 3);
  out["power"] = number(p.power, 3);
  out["disqualified"] = p.disqualified ? json(*p.disqualified) : json(nullptr);
  out["flags"] = p.flags;
  if (!p.reference) return;
  out["reference"] = reference_json(*p.reference);
  out["overhead_pct"] = optional_pct(p.overhead_pct);
  out["rps_deficit_pct"] = optional_pct(p.rps_deficit_pct);
}


void add_sweet_spot(json& out, const SweetSpot& s) {
  out["concurrency"] = s.concurrency ? json(*s.concurrency) : json(nullptr);
  out["rps"] = rps(s.rps);
  out["p50_ms"] = ms(s.p50_ms);
  out["p99_ms"] = ms(s.p99_ms);
  out["method"] = s.method;
  out["reasoning"] = s.reasoning;
  out["peak_rps"] = rps(s.peak_rps);
  out["peak_concurrency"] = s.peak_concurrency;
}

json selection_json(const SelectionParams& s) {
  return {{"pick", std::string(name_of(s.pick))},
          {"knee_ratio", number(s.knee_ratio, 6)},
          {"max_errors", number(s.max_errors, 6)},
          {"max_spread", number(s.max_spread, 6)},
          {"max_p999_ratio", number(s.max_p999_ratio, 6)},
          {"max_tail_mult", number(s.max_tail_mult, 6)},
          {"max_overhead_pct", number(s.max_overhead_pct, 6)},
          {"max_rps_deficit_pct", number(s.max_rps_deficit_pct, 6)}};
}

json params_json(const SweepParams& p) {
  json out = {{"url", p.url},
              {"method", p.method},
              {"conc", p.conc_spec},
              {"levels", p.levels},
              {"baseline_c", p.baseline_c},
              {"repeats", p.repeats},
              {"threads", p.threads},
              {"warmup_s", number(p.warmup_s, 6)},
              {"duration_s", p.effective_duration_s() ? number(*p.effective_duration_s(), 6) : json(nullptr)},
              {"requests", p.requests ? json(*p.requests) : json(nullptr)},
              {"refine", p.refine},
              {"drain_s", number(p.drain_s, 6)},
              {"settle_max_s", number(p.settle_max_s, 6)},
              {"paired", p.paired()},
              {"vs_url", text_or_null(p.vs_url)},
              {"ref_from_json", text_or_null(p.ref_from_json)}};
  out.update(selection_json(p.selection));
  return out;
}

}  // namespace

json point_json(const Point& p) {
  json out = json::object();
  add_point(out, p);
  return out;
}

json to_json(const SweepResult& r) {
  if (r.params.rate_mode()) return rate_sweep_json(r);
  // Refine levels are measured last; a reader of the curve expects it in order of c.
  std::vector<const Point*> sorted;
  for (const Point& p : r.points) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Point* a, const Point* b) { return a->concurrency < b->concurrency; });
  json points = json::array();
  for (const Point* p : sorted) points.push_back(point_json(*p));
  json sweet_spot = json::object();
  add_sweet_spot(sweet_spot, r.sweet_spot);
  return sweep_document(r, "concurrency", params_json(r.params), json::object(),
                        {{"points", std::move(points)}, {"sweet_spot", std::move(sweet_spot)}});
}

json sweep_document(const SweepResult& r, const char* mode, json params, json settings, json findings) {
  json doc = {{"schema_version", sweep_schema_version},
              {"mode", mode},
              {"tool", {{"name", "ringbench"}, {"version", std::string(version)}}},
              {"started_at", r.started_at},
              {"params", std::move(params)}};
  for (auto& [key, value] : settings.items()) doc[key] = std::move(value);
  doc["machine"] = report::machine_json(r.machine);
  doc["baseline"] = r.baseline ? point_json(*r.baseline) : json(nullptr);
  for (auto& [key, value] : findings.items()) doc[key] = std::move(value);
  doc["notes"] = r.notes;
  doc["interrupted"] = r.interrupted;
  return doc;
}

json baseline_event(const Point& baseline) {
  json out = {{"event", "baseline"}};
  add_point(out, baseline);
  return out;
}

json point_event(const Point& point) {
  json out = {{"event", "point"}};
  add_point(out, point);
  return out;
}

json sweet_spot_event(const SweepResult& result) {
  json out = {{"event", "sweet_spot"}};
  add_sweet_spot(out, result.sweet_spot);
  out["interrupted"] = result.interrupted;
  return out;
}

}  // namespace ringbench::sweep

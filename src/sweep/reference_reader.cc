// --ref-from-json: a saved sweep (ringbench's schema 1 or vastar's "1.0") read back as the
// reference curve of paired mode.
//
// vastar's sweep JSON (Vastar-AI/vastar, src/sweep.rs, format_json / json_point, v0.2.x) is
//   {"schema_version": "1.0", "params": {url, method, pick, knee_ratio, baseline_c, repeats,
//    requests_per_bench, refine}, "machine": {cpu_cores_logical, ram_mb},
//    "baseline": POINT, "sweep_points": [POINT], "sweet_spot": {...}, "notes": [..],
//    "paired": {...} (optional)}
//   POINT = {concurrency, repeats, rps, p50_ms, p95_ms, p99_ms, p999_ms, error_rate, score,
//            disqualified, reference?, overhead_pct?, rps_deficit_pct?}
// It has no p90_ms, non2xx_rate, failed_rate or sample count; those stay 0 in the Measure.
#include <algorithm>
#include <cstdint>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/sweep/concurrency_spec.h"
#include "ringbench/sweep/sweep_json.h"

namespace ringbench::sweep {

namespace {

[[noreturn]] void bad_file(const std::string& why) { throw_usage("--ref-from-json: " + why); }

// Where a member lives, for messages: "points[3].p99_ms".
std::string at(const std::string& where, const char* key) { return where + "." + key; }

// A non-negative figure. Missing: 0 unless required. null: 0 (a writer's non-finite number).
template <class Json>
double figure(const Json& point, const std::string& where, const char* key, bool required) {
  const auto it = point.find(key);
  if (it == point.end()) {
    if (required) bad_file(at(where, key) + " is missing");
    return 0;
  }
  if (it->is_null()) return 0;
  if (!it->is_number() || it->template get<double>() < 0) {
    bad_file(at(where, key) + " is not a non-negative number");
  }
  return it->template get<double>();
}

template <class Json>
uint64_t whole(const Json& point, const std::string& where, const char* key, uint64_t max) {
  const auto it = point.find(key);
  if (it == point.end() || !it->is_number_integer() || it->template get<int64_t>() < 0 ||
      it->template get<uint64_t>() > max) {
    bad_file(at(where, key) + " is not a whole number from 0 to " + std::to_string(max));
  }
  return it->template get<uint64_t>();
}

template <class Json>
Measure measure_from(const Json& point, const std::string& where) {
  if (!point.is_object()) bad_file(where + " is not an object");
  Measure m;
  m.concurrency = static_cast<uint32_t>(whole(point, where, "concurrency", max_level_connections));
  if (m.concurrency == 0) bad_file(at(where, "concurrency") + " is 0");
  m.rps = figure(point, where, "rps", true);
  m.p50_ms = figure(point, where, "p50_ms", true);
  m.p90_ms = figure(point, where, "p90_ms", false);
  m.p95_ms = figure(point, where, "p95_ms", false);
  m.p99_ms = figure(point, where, "p99_ms", true);
  m.p999_ms = figure(point, where, "p999_ms", false);
  m.error_rate = figure(point, where, "error_rate", false);
  m.non2xx_rate = figure(point, where, "non2xx_rate", false);
  m.failed_rate = figure(point, where, "failed_rate", false);
  if (point.contains("samples")) m.samples = whole(point, where, "samples", UINT64_MAX);
  return m;
}

bool has_level(const std::vector<Measure>& measures, uint32_t concurrency) {
  return std::any_of(measures.begin(), measures.end(),
                     [concurrency](const Measure& m) { return m.concurrency == concurrency; });
}

// `points_key` names the array of points in this schema ("points" or "sweep_points").
template <class Json>
std::vector<Measure> curve_of(const Json& doc, const char* points_key) {
  const auto points = doc.find(points_key);
  if (points == doc.end() || !points->is_array()) {
    bad_file(std::string("no \"") + points_key + "\" array: is this a sweep result?");
  }
  std::vector<Measure> curve;
  for (size_t i = 0; i < points->size(); ++i) {
    Measure m = measure_from((*points)[i], std::string(points_key) + "[" + std::to_string(i) + "]");
    if (!has_level(curve, m.concurrency)) curve.push_back(m);
  }
  const auto baseline = doc.find("baseline");
  if (baseline != doc.end() && !baseline->is_null()) {
    Measure m = measure_from(*baseline, "baseline");
    if (!has_level(curve, m.concurrency)) curve.push_back(m);
  }
  if (curve.empty()) bad_file("the sweep has no points");
  std::sort(curve.begin(), curve.end(),
            [](const Measure& a, const Measure& b) { return a.concurrency < b.concurrency; });
  return curve;
}

// A single run's report (it has "config" and "summary", a sweep has "points") is not a curve;
// an open-loop (--rate) run's is named as such, since its latency starts at another moment
// (the intended start) than the closed-loop levels it would be paired with.
template <class Json>
void refuse_run_report(const Json& doc) {
  const auto config = doc.find("config");
  if (config == doc.end() || !config->is_object() || doc.find("summary") == doc.end()) return;
  const auto rate = config->find("rate");
  if (rate != config->end() && !rate->is_null()) {
    bad_file("this is an open-loop (--rate) run's report, not a sweep: sweep pairs closed-loop concurrency levels");
  }
  bad_file("this is a single run's report, not a sweep (write one with ringbench sweep --json-path)");
}

template <class Json>
std::vector<Measure> read_reference(const Json& doc) {
  if (!doc.is_object()) bad_file("the document is not a JSON object");
  refuse_run_report(doc);
  const auto mode = doc.find("mode");
  if (mode != doc.end() && *mode == "rate") {
    bad_file("this is a capacity search (sweep --rate): its curve is over offered rates, not concurrency levels");
  }
  const auto version = doc.find("schema_version");
  if (version == doc.end()) bad_file("no schema_version: not a ringbench or vastar sweep result");
  if (version->is_number_integer() && version->template get<int64_t>() == sweep_schema_version) {
    return curve_of(doc, "points");
  }
  if (version->is_string() && version->template get<std::string>() == "1.0") {
    return curve_of(doc, "sweep_points");
  }
  bad_file("unsupported schema_version " + version->dump() +
           " (expected ringbench 1 or vastar \"1.0\")");
}

}  // namespace

std::vector<Measure> reference_from_json(const nlohmann::json& doc) { return read_reference(doc); }

std::vector<Measure> reference_from_json(const nlohmann::ordered_json& doc) {
  return read_reference(doc);
}

std::vector<Measure> reference_from_json_text(std::string_view text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 3, ..." without the bracketed id.
    const std::string what = e.what();
    const size_t id_end = what.find("] ");
    bad_file("not valid JSON: " + (id_end == std::string::npos ? what : what.substr(id_end + 2)));
  }
  return read_reference(doc);
}

const Measure& nearest_reference(const std::vector<Measure>& references, uint32_t concurrency) {
  if (references.empty()) bad_file("the reference curve has no points");
  const auto distance = [concurrency](const Measure& m) {
    return m.concurrency > concurrency ? m.concurrency - concurrency : concurrency - m.concurrency;
  };
  const Measure* best = &references.front();
  for (const Measure& m : references) {
    if (distance(m) < distance(*best) ||
        (distance(m) == distance(*best) && m.concurrency < best->concurrency)) {
      best = &m;
    }
  }
  return *best;
}

}  // namespace ringbench::sweep

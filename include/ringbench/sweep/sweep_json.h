#pragma once
// The machine-readable form of a sweep (schema_version 1, documented in README.md), its NDJSON
// events, and reading a saved sweep back as the reference curve of --ref-from-json.
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ringbench/sweep/point.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep {

inline constexpr int sweep_schema_version = 1;

// {schema_version, tool {name, version}, started_at, params {...}, machine {cpus, memory_mb,
// kernel}, baseline (point or null), points [point] (ascending by c), sweet_spot {concurrency (or null), rps,
// p50_ms, p99_ms, method, reasoning, peak_rps, peak_concurrency}, notes [..], interrupted}.
// A point: {concurrency, repeats, rps, rps_min, rps_max, p50_ms, p90_ms, p95_ms, p99_ms,
// p999_ms, error_rate, non2xx_rate, failed_rate, samples, score, disqualified (reason or
// null), flags [..]} plus, when it has a reference: reference {rps, p50_ms, p90_ms, p95_ms,
// p99_ms, p999_ms, error_rate, non2xx_rate, failed_rate, samples}, overhead_pct,
// rps_deficit_pct (each a number or null). The rates are stats::OutcomeCounts'.
// Figures are rounded (rps to 0.001, ms to the ns, rates to 1e-6); a non-finite number is null.
// The document also says "mode": "concurrency" (after schema_version).
//
// A capacity search (sweep --rate, result.params.rate set) writes instead: {schema_version,
// mode "rate", tool, started_at, params {url, method, rate, rate_lo, rate_hi, slo, connections,
// connections_given, arrivals, baseline_c, threads, warmup_s, duration_s, drain_s,
// settle_max_s, max_levels, tolerance_pct, max_errors, served_share}, slo [{percentile,
// limit_ms}], machine, baseline (closed-loop point or null), capacity {rate (or null),
// at_least, lowest_fail (or null), reason}, curve [rate point] (ascending by offered_rps),
// notes, interrupted}. A rate point: {offered_rps, achieved_rps, served_rps, window_s, p50_ms,
// p90_ms, p99_ms, p999_ms, max_ms, service_p50_ms, service_p99_ms, send_lag_p99_ms, slo
// [{percentile, limit_ms, measured_ms (or null), pass}], error_rate, non2xx_rate, failed_rate,
// samples, requests, scheduled, unfinished, waited_for_connection, max_client_queue, settle_s,
// settled, passed, failure (or null), flags}.
nlohmann::ordered_json to_json(const SweepResult& result);

// One NDJSON line each: {"event":"baseline", ...point}, {"event":"point", ...point} as each
// level is measured, then {"event":"sweet_spot", ...sweet_spot, "interrupted": bool}.
nlohmann::ordered_json baseline_event(const Point& baseline);
nlohmann::ordered_json point_event(const Point& point);
nlohmann::ordered_json sweet_spot_event(const SweepResult& result);
// sweep --rate: {"event":"rate_point", ...rate point} as each rate is measured, then
// {"event":"capacity", ...capacity, "interrupted": bool}.
nlohmann::ordered_json rate_point_event(const RatePoint& point);
nlohmann::ordered_json capacity_event(const SweepResult& result);

// The reference curve in a saved sweep, ascending by concurrency, one Measure per level:
//  ringbench (schema_version 1): "points"[] with the chosen run's figures;
//  vastar (schema_version "1.0"): "sweep_points"[] with concurrency, rps, p50_ms, p95_ms,
//  p99_ms, p999_ms, error_rate (vastar writes no p90, non2xx_rate, failed_rate or sample
//  count: those stay 0).
// The document's "baseline" is added too when no point has its concurrency. A document that is
// neither, or whose points are missing or malformed, throws Error(usage) naming --ref-from-json.
std::vector<Measure> reference_from_json(const nlohmann::json& doc);
std::vector<Measure> reference_from_json(const nlohmann::ordered_json& doc);
// The same from the file's text; a JSON syntax error is a usage error too.
std::vector<Measure> reference_from_json_text(std::string_view text);

// The reference at `concurrency`: that level, else the nearest (ties → the lower level).
// `references` must not be empty (Error(usage) otherwise).
const Measure& nearest_reference(const std::vector<Measure>& references, uint32_t concurrency);

}  // namespace ringbench::sweep

#include "ringbench/report/json_report.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/core/error.h"
#include "ringbench/core/version.h"
#include "ringbench/report/insights.h"
#include "ringbench/report/run_context.h"
#include "ringbench/report/slo.h"
#include "ringbench/stats/outcome_rates.h"
#include "json_histogram.h"
#include "json_open_loop.h"
#include "threshold_metric.h"

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;  // keys stay in schema order for people reading it
using stats::Counters;
using stats::Histogram;
using stats::PhaseStat;
using stats::RunResult;

// nlohmann writes nan and inf as null, which a consumer would have to special-case; an empty
// run has nothing to average, so it reports 0.
double finite_or_zero(double x) { return std::isfinite(x) ? x : 0.0; }

double micros(double ns) { return finite_or_zero(ns / 1000.0); }

// The issue-3 additions (slo, intervals, thresholds) speak ms, the unit their limits are
// written in; the core keys keep µs for schema compatibility.
double millis(double ns) { return finite_or_zero(ns / 1e6); }
double millis(uint64_t ns) { return millis(static_cast<double>(ns)); }

double seconds(Nanos d) { return std::chrono::duration<double>(d).count(); }

json config_json(const Config& config, const RunResult& result) {
  json out = {
      {"url", config.url},
      {"method", config.method},
      {"concurrency", config.concurrency},
      {"threads", result.threads},  // the resolved count; config.threads may be 0 for "auto"
      {"requests", config.requests ? json(*config.requests) : json(nullptr)},
      {"duration_s", config.duration ? json(seconds(*config.duration)) : json(nullptr)},
      {"drain_s", seconds(config.drain)},
      {"timeout_s", seconds(config.timeout)},
      {"keepalive", config.keepalive},
      {"warmup_s", seconds(config.warmup)},
      {"start_at", config.start_at ? json(utc_timestamp(*config.start_at)) : json(nullptr)},
  };
  out.update(comparability_config_json(config));  // request_body_bytes, tls, rate, arrivals, seed
  return out;
}

json tls_json(const Counters& c) {
  return {{"version", c.tls_version}, {"handshakes_full", c.tls_full}, {"handshakes_resumed", c.tls_resumed}};
}

// Exact (every age is kept); 0 when nothing was left in flight, like the latency of an empty run.
// The ages themselves too, so `merge` can take the p50 of several clients' ages: every one
// while they are few (one per connection and pipeline slot in closed loop), a histogram of
// them beyond (an overloaded open-loop run may leave millions queued, and listing them would
// make a report of gigabytes).
json unfinished_age_json(const stats::UnfinishedAges& ages) {
  json out = {{"max", millis(ages.max_ns())}, {"p50", millis(ages.p50_ns())}};
  if (ages.count() <= max_listed_unfinished_ages) {
    out["all_ns"] = ages.ages_ns();
  } else {
    Histogram h;
    for (uint64_t age : ages.ages_ns()) h.record(age);
    out["histogram"] = histogram_json(h);
  }
  return out;
}

json summary_json(const Config& config, const RunResult& result) {
  const Counters& c = result.totals.counters;
  const stats::OutcomeCounts outcomes = stats::outcome_counts_of(c);
  json summary = {
      {"requests", outcomes.requests},  // responses + errors; unfinished are neither
      {"responses", c.responses},
      {"errors", c.error_total()},
      {"non2xx", outcomes.non2xx},
      // stats::OutcomeCounts' rates, each over all requests (0 when there were none).
      {"error_rate", outcomes.error_rate()},
      {"non2xx_rate", outcomes.non2xx_rate()},
      {"failed_rate", outcomes.failed_rate()},
      {"unfinished", c.unfinished},
      {"unfinished_age_ms", unfinished_age_json(result.totals.unfinished_ages)},
      {"duration_s", finite_or_zero(result.duration_s)},
      {"rps", finite_or_zero(result.rps())},
      {"bytes_read", c.bytes_read},
      {"bytes_written", c.bytes_written},
      {"body_bytes", c.body_bytes},
      {"connections", c.connections},
      {"reconnects", c.reconnects},
      {"connections_per_s", finite_or_zero(result.connections_per_s())},  // reconnects / duration_s
      {"open_s", finite_or_zero(result.open_s)},  // opening the initial -c connections
      {"connect_failures", c.connect_failures},  // connections that never opened (not requests)
      {"interrupted", result.interrupted},
  };
  // Only when a reconnect failed during the run: seconds into the run of the first (the server
  // went away?); the count is errors.connect.
  if (result.connect_errors_from_s) summary["connect_errors_from_s"] = *result.connect_errors_from_s;
  // Only with --start-at: how late the clock started (0: on time).
  if (result.start_late_s) summary["start_late_ms"] = *result.start_late_s * 1e3;
  // Only an https:// run has TLS figures; a plain run has no tls key rather than an empty one.
  if (is_https_url(config.url)) summary["tls"] = tls_json(c);
  return summary;
}

}  // namespace

json latency_json(const Histogram& h) {
  auto at = [&](double p) { return micros(static_cast<double>(h.percentile(p))); };
  return {
      {"min", micros(static_cast<double>(h.min()))},
      {"mean", micros(h.mean())},
      {"stdev", micros(h.stdev())},
      {"max", micros(static_cast<double>(h.max()))},
      {"p50", at(50)},
      {"p75", at(75)},
      {"p90", at(90)},
      {"p95", at(95)},
      {"p99", at(99)},
      {"p99_9", at(99.9)},
      {"p99_99", at(99.99)},
  };
}

namespace {

json status_codes_json(const Counters& c) {
  json codes = json::object();  // {} rather than null when nothing answered
  for (int code = stats::min_status; code <= stats::max_status; ++code) {
    if (c.status_count(code) != 0) codes[std::to_string(code)] = c.status_count(code);
  }
  return codes;
}

json errors_json(const Counters& c) {
  json errors = json::object();
  for (int i = 0; i < stats::error_class_count; ++i) {
    errors[stats::name_of(static_cast<stats::ErrorClass>(i))] = c.errors[static_cast<size_t>(i)];
  }
  return errors;
}

json error_messages_json(const Counters& c) {
  json messages = json::object();
  for (int i = 0; i < stats::error_class_count; ++i) {
    const std::string& first = c.first_error[static_cast<size_t>(i)];
    if (!first.empty()) messages[stats::name_of(static_cast<stats::ErrorClass>(i))] = first;
  }
  return messages;
}

json phase_json(const PhaseStat& p) {
  return {
      {"count", p.count},
      {"total", micros(static_cast<double>(p.sum_ns))},
      {"mean", micros(p.mean_ns())},
      {"min", micros(static_cast<double>(p.min_or_zero()))},
      {"max", micros(static_cast<double>(p.max_ns))},
  };
}

json phases_json(const stats::Phases& phases) {
  return {
      {"connect", phase_json(phases.connect)},
      {"tls", phase_json(phases.tls)},
      {"queue", phase_json(phases.queue)},  // open loop only: intended start -> ready; 0 in closed loop
      {"wait", phase_json(phases.wait)},
      {"read", phase_json(phases.read)},
      {"handshakes", phase_json(phases.handshakes)},  // every handshake: not a request phase
  };
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::good: return "good";
    case Severity::notice: return "notice";
    case Severity::warning: return "warning";
    case Severity::bad: return "bad";
  }
  return "unknown";  // only reachable with a value cast from outside the enum
}

json insights_json(const RunResult& result) {
  json insights = json::array();
  for (const Insight& i : compute_insights(result)) {
    insights.push_back({
        {"key", i.key},
        {"label", i.label},
        {"value", finite_or_zero(i.value)},
        {"verdict", i.verdict},
        {"severity", severity_name(i.severity)},
        {"detail", i.detail},
    });
  }
  return insights;
}

// The colour bands in order with their inclusive upper bound, each named by what the bound is
// ("p50" of the run, "SLO p99" a target; slo.h), never by a verdict; the last band has no
// bound (null), the only null a consumer has to expect besides config.requests /
// config.duration_s.
json slo_json(const Histogram& latency, const SloSpec& spec) {
  const SloThresholds thresholds = slo_thresholds(latency, spec);
  json levels = json::array();
  for (size_t i = 0; i < thresholds.upper_ns.size(); ++i) {
    const auto level = static_cast<SloLevel>(i);
    levels.push_back({{"name", band_label(level, thresholds)},
                      {"from_slo", thresholds.source[i].target},
                      {"upper_ms", millis(thresholds.upper_ns[i])}});
  }
  levels.push_back({{"name", band_label(SloLevel::violation, thresholds)},
                    {"from_slo", false},
                    {"upper_ms", nullptr}});
  json targets = json::array();
  for (const SloVerdict& v : evaluate_slo(latency, spec)) {
    targets.push_back({
        {"percentile", v.target.percentile},
        {"limit_ms", millis(v.target.limit_ns)},
        {"measured_ms", millis(v.measured_ns)},
        {"pass", v.pass},
    });
  }
  return {{"levels", std::move(levels)}, {"targets", std::move(targets)}};
}

// Values in the unit of the metric as json (latency ms, rps 1/s, rates as a fraction), so
// "measured" and "limit" compare directly without knowing the expression's unit.
json thresholds_json(const std::vector<ThresholdResult>& results) {
  json thresholds = json::array();
  for (const ThresholdResult& r : results) {
    const Metric m = r.threshold.metric;
    const auto value = [&](double x) { return is_latency(m) ? millis(x) : finite_or_zero(x); };
    thresholds.push_back({
        {"expression", r.threshold.text},
        {"metric", name_of(m)},
        {"measured", value(r.measured)},
        {"limit", value(r.threshold.limit)},
        {"pass", r.pass},
    });
  }
  return thresholds;
}

json intervals_json(const std::vector<stats::IntervalSummary>& intervals) {
  json out = json::array();
  for (const stats::IntervalSummary& i : intervals) out.push_back(interval_json(i));
  return out;
}

}  // namespace

json interval_json(const stats::IntervalSummary& interval) {
  json errors = json::object();
  for (int i = 0; i < stats::error_class_count; ++i) {
    errors[stats::name_of(static_cast<stats::ErrorClass>(i))] =
        interval.errors[static_cast<size_t>(i)];
  }
  json out = {
      {"type", "interval"},  // tells NDJSON lines apart from the final document
      {"index", interval.index},
      {"start_s", finite_or_zero(interval.start_s)},
      {"end_s", finite_or_zero(interval.end_s)},
      {"responses", interval.responses},
      {"rps", finite_or_zero(interval.rps())},
      {"errors", std::move(errors)},
      {"latency_ms",
       {
           {"p50", millis(interval.p50_ns)},
           {"p90", millis(interval.p90_ns)},
           {"p99", millis(interval.p99_ns)},
           {"max", millis(interval.max_ns)},
       }},
  };
  // Open loop: the rate the schedule asked for beside the achieved one (a ramp's mean).
  if (interval.target_rate) out["target_rate"] = finite_or_zero(*interval.target_rate);
  return out;
}

json to_json(const Config& config, const RunResult& result, const ReportOptions& options) {
  const auto& totals = result.totals;
  json doc = {
      {"schema_version", json_schema_version},
      {"tool", {{"name", "ringbench"}, {"version", std::string(version)}}},
      {"started_at", started_at_json(result.started_at)},
      {"label", options.label.empty() ? json(nullptr) : json(options.label)},
      {"config", config_json(config, result)},
      {"machine", machine_json(result.machine)},
      {"summary", summary_json(config, result)},
  };
  // Open loop only, so a closed-loop document has exactly the members it had before.
  if (config.rate) doc["client"] = client_json(config, result);
  doc["latency_us"] = latency_json(totals.latency);
  if (config.rate) doc["service_time_us"] = latency_json(totals.service_time);
  doc["status_codes"] = status_codes_json(totals.counters);
  doc["errors"] = errors_json(totals.counters);
  doc["error_messages"] = error_messages_json(totals.counters);
  doc["phases_us"] = phases_json(totals.phases);
  doc["histogram"] = histogram_json(totals.latency);
  // Open loop: the service time and send lag histograms too, so `merge` adds them exactly.
  if (config.rate) doc["service_time_histogram"] = histogram_json(totals.service_time);
  if (config.rate) doc["send_lag_histogram"] = histogram_json(totals.send_lag);
  doc["insights"] = insights_json(result);
  doc["slo"] = slo_json(totals.latency, options.slo);
  doc["thresholds"] = thresholds_json(options.thresholds);
  doc["intervals"] = intervals_json(result.intervals);
  return doc;
}

}  // namespace ringbench::report

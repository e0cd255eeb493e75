#include "ringbench/report/json_report.h"

#include <chrono>
#include <cmath>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/core/version.h"

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

double seconds(Nanos d) { return std::chrono::duration<double>(d).count(); }

json config_json(const Config& config, const RunResult& result) {
  return {
      {"url", config.url},
      {"method", config.method},
      {"concurrency", config.concurrency},
      {"threads", result.threads},  // the resolved count; config.threads may be 0 for "auto"
      {"requests", config.requests ? json(*config.requests) : json(nullptr)},
      {"duration_s", config.duration ? json(seconds(*config.duration)) : json(nullptr)},
      {"timeout_s", seconds(config.timeout)},
      {"keepalive", config.keepalive},
  };
}

json summary_json(const RunResult& result) {
  const Counters& c = result.totals.counters;
  return {
      {"requests", result.requests()},  // responses + errors; unfinished are neither
      {"responses", c.responses},
      {"errors", c.error_total()},
      {"unfinished", c.unfinished},
      {"duration_s", finite_or_zero(result.duration_s)},
      {"rps", finite_or_zero(result.rps())},
      {"bytes_read", c.bytes_read},
      {"bytes_written", c.bytes_written},
      {"body_bytes", c.body_bytes},
      {"connections", c.connections},
      {"reconnects", c.reconnects},
      {"connect_failures", c.connect_failures},  // connections that never opened (not requests)
      {"interrupted", result.interrupted},
  };
}

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
      {"mean", micros(p.mean_ns())},
      {"min", micros(static_cast<double>(p.min_or_zero()))},
      {"max", micros(static_cast<double>(p.max_ns))},
  };
}

json phases_json(const stats::Phases& phases) {
  return {
      {"connect", phase_json(phases.connect)},
      {"write", phase_json(phases.write)},
      {"wait", phase_json(phases.wait)},
      {"read", phase_json(phases.read)},
  };
}

json histogram_json(const Histogram& h) {
  json buckets = json::array();
  h.for_each_bucket([&](uint64_t lowest, uint64_t, uint64_t count) {
    buckets.push_back(json::array({lowest, count}));
  });
  return {
      {"unit", "ns"},
      {"significant_digits", Histogram::significant_digits},
      {"highest_trackable", Histogram::highest_trackable_ns},
      {"overflow", h.overflow()},  // these samples are also in the top bucket's count
      {"buckets", std::move(buckets)},
  };
}

// A histogram with another unit or layout cannot be read back into ours bucket for bucket.
void check_layout(const json& histogram) {
  if (histogram.at("unit") != "ns" ||
      histogram.at("significant_digits") != Histogram::significant_digits ||
      histogram.at("highest_trackable") != Histogram::highest_trackable_ns) {
    throw_usage("histogram: not a ringbench schema-1 histogram (unit, digits or range differ)");
  }
}

}  // namespace

json to_json(const Config& config, const RunResult& result) {
  const auto& totals = result.totals;
  return {
      {"schema_version", json_schema_version},
      {"tool", {{"name", "ringbench"}, {"version", std::string(version)}}},
      {"config", config_json(config, result)},
      {"summary", summary_json(result)},
      {"latency_us", latency_json(totals.latency)},
      {"status_codes", status_codes_json(totals.counters)},
      {"errors", errors_json(totals.counters)},
      {"error_messages", error_messages_json(totals.counters)},
      {"phases_us", phases_json(totals.phases)},
      {"histogram", histogram_json(totals.latency)},
  };
}

Histogram histogram_from_json(const json& histogram) {
  check_layout(histogram);
  const auto overflow = histogram.at("overflow").get<uint64_t>();
  Histogram h;
  const uint64_t top = h.lowest_equivalent_value(Histogram::highest_trackable_ns);
  for (const json& bucket : histogram.at("buckets")) {
    const auto lowest = bucket.at(0).get<uint64_t>();
    auto count = bucket.at(1).get<uint64_t>();
    // Overflowed samples sit in the top bucket; recording them above the range again
    // restores overflow() as well as the bucket.
    if (lowest == top) {
      if (count < overflow) throw_usage("histogram: overflow exceeds the top bucket's count");
      count -= overflow;
      h.record(Histogram::highest_trackable_ns + 1, overflow);
    }
    h.record(lowest, count);
  }
  if (h.overflow() != overflow) throw_usage("histogram: overflow without a top bucket");
  return h;
}

}  // namespace ringbench::report

// Reading one client's run report back into the parts `merge` adds: the inverse of
// json_report.cc for every member that can be read back exactly.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "ringbench/core/error.h"
#include "ringbench/core/stages.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/merge.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;

// "2026-11-30T12:00:00.123456Z", as run_context.cc writes it.
std::chrono::system_clock::time_point parse_utc_micros(const std::string& text) {
  std::tm utc{};
  long micros = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6ldZ%n", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
                  &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &micros, &used) != 7 ||
      size_t(used) != text.size()) {
    throw_usage("started_at '" + text + "' is not a UTC time to the microsecond");
  }
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  const std::time_t seconds = timegm(&utc);
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds) + std::chrono::microseconds(micros));
}

Nanos nanos_of_seconds(double s) { return Nanos(std::llround(s * 1e9)); }

// The document writes µs (ns / 1000) as a double, printed to round-trip: back to whole ns.
uint64_t ns_of_micros(const json& micros) { return uint64_t(std::llround(micros.get<double>() * 1000.0)); }

Config config_of(const json& c) {
  Config config;
  config.url = c.at("url").get<std::string>();
  config.method = c.at("method").get<std::string>();
  config.concurrency = c.at("concurrency").get<uint32_t>();
  config.threads = c.at("threads").get<uint32_t>();
  config.pipeline = c.value("pipeline", 1u);
  if (!c.at("requests").is_null()) config.requests = c.at("requests").get<uint64_t>();
  if (!c.at("duration_s").is_null()) config.duration = nanos_of_seconds(c.at("duration_s").get<double>());
  config.drain = nanos_of_seconds(c.value("drain_s", 0.0));
  config.timeout = nanos_of_seconds(c.at("timeout_s").get<double>());
  config.keepalive = c.at("keepalive").get<bool>();
  config.warmup = nanos_of_seconds(c.value("warmup_s", 0.0));
  config.body.assign(c.value("request_body_bytes", size_t{0}), 'x');  // only its size is reported
  if (c.contains("tls") && c.at("tls").is_object()) {
    config.tls.min_version = c.at("tls").at("min_version").get<std::string>();
    config.tls.max_version = c.at("tls").at("max_version").get<std::string>();
    config.tls.resume = c.at("tls").at("resume").get<bool>();
  }
  if (c.contains("rate") && !c.at("rate").is_null()) {
    config.rate = c.at("rate").get<double>();
    config.arrivals = c.at("arrivals") == "poisson" ? Arrivals::poisson : Arrivals::constant;
    config.seed = c.at("seed").get<uint64_t>();
  }
  if (c.contains("start_at") && c.at("start_at").is_string()) config.start_at = parse_utc_micros(c.at("start_at").get<std::string>());
  if (c.contains("stages") && c.at("stages").is_string()) config.stages = parse_stages(c.at("stages").get<std::string>(), "stages");
  return config;
}

stats::PhaseStat phase_of(const json& p) {
  stats::PhaseStat phase;
  phase.count = p.at("count").get<uint64_t>();
  phase.sum_ns = ns_of_micros(p.at("total"));
  if (phase.count > 0) phase.min_ns = ns_of_micros(p.at("min"));
  phase.max_ns = ns_of_micros(p.at("max"));
  return phase;
}

stats::Phases phases_of(const json& p) {
  stats::Phases phases;
  phases.connect = phase_of(p.at("connect"));
  phases.tls = phase_of(p.at("tls"));
  if (p.contains("queue")) phases.queue = phase_of(p.at("queue"));
  phases.wait = phase_of(p.at("wait"));
  phases.read = phase_of(p.at("read"));
  phases.handshakes = phase_of(p.at("handshakes"));
  return phases;
}

int error_class_of(const std::string& name) {
  for (int i = 0; i < stats::error_class_count; ++i) {
    if (name == stats::name_of(static_cast<stats::ErrorClass>(i))) return i;
  }
  throw_usage("unknown error class '" + name + "'");
}

void read_outcomes(const json& doc, stats::Counters& c) {
  for (const auto& [code, n] : doc.at("status_codes").items()) {
    const int status = std::stoi(code);
    if (status < stats::min_status || status > stats::max_status) throw_usage("status code " + code + " out of range");
    c.status[size_t(status - stats::min_status)] = n.get<uint64_t>();
  }
  for (const auto& [name, n] : doc.at("errors").items()) c.errors[size_t(error_class_of(name))] = n.get<uint64_t>();
  for (const auto& [name, message] : doc.at("error_messages").items()) {
    c.first_error[size_t(error_class_of(name))] = message.get<std::string>();
  }
}

void read_summary(const json& s, stats::RunResult& r) {
  stats::Counters& c = r.totals.counters;
  c.responses = s.at("responses").get<uint64_t>();
  c.unfinished = s.at("unfinished").get<uint64_t>();
  c.bytes_read = s.at("bytes_read").get<uint64_t>();
  c.bytes_written = s.at("bytes_written").get<uint64_t>();
  c.body_bytes = s.at("body_bytes").get<uint64_t>();
  c.connections = s.at("connections").get<uint64_t>();
  c.reconnects = s.at("reconnects").get<uint64_t>();
  c.connect_failures = s.value("connect_failures", uint64_t{0});
  if (s.contains("tls")) {
    c.tls_version = s.at("tls").at("version").get<std::string>();
    c.tls_full = s.at("tls").at("handshakes_full").get<uint64_t>();
    c.tls_resumed = s.at("tls").at("handshakes_resumed").get<uint64_t>();
  }
  r.duration_s = s.at("duration_s").get<double>();
  r.open_s = s.value("open_s", 0.0);
  r.interrupted = s.at("interrupted").get<bool>();
  if (s.contains("connect_errors_from_s")) r.connect_errors_from_s = s.at("connect_errors_from_s").get<double>();
  if (s.contains("start_late_ms")) r.start_late_s = s.at("start_late_ms").get<double>() / 1e3;
  // Every age, so the merged p50 is that of all the clients' ages together (to 3 significant
  // digits when a report held too many to list and kept their histogram).
  const json& ages = s.at("unfinished_age_ms");
  if (c.unfinished > 0 && !ages.contains("all_ns") && !ages.contains("histogram")) {
    throw_usage("no unfinished_age_ms.all_ns (written by an older ringbench)");
  }
  if (ages.contains("all_ns")) {
    for (const json& age : ages.at("all_ns")) r.totals.unfinished_ages.add(age.get<uint64_t>());
  } else if (ages.contains("histogram")) {
    histogram_from_json(ages.at("histogram")).for_each_bucket([&](uint64_t lowest, uint64_t, uint64_t count) {
      for (uint64_t i = 0; i < count && r.totals.unfinished_ages.count() <= c.unfinished; ++i) {
        r.totals.unfinished_ages.add(lowest);
      }
    });
  }
  if (r.totals.unfinished_ages.count() != c.unfinished) throw_usage("unfinished_age_ms does not hold one age per unfinished request");
}

stats::IntervalSummary interval_of(const json& i) {
  stats::IntervalSummary interval;
  interval.index = i.at("index").get<uint32_t>();
  interval.start_s = i.at("start_s").get<double>();
  interval.end_s = i.at("end_s").get<double>();
  interval.responses = i.at("responses").get<uint64_t>();
  for (const auto& [name, n] : i.at("errors").items()) interval.errors[size_t(error_class_of(name))] = n.get<uint64_t>();
  const json& ms = i.at("latency_ms");
  const auto ns = [&](const char* key) { return uint64_t(std::llround(ms.at(key).get<double>() * 1e6)); };
  interval.p50_ns = ns("p50");
  interval.p90_ns = ns("p90");
  interval.p99_ns = ns("p99");
  interval.max_ns = ns("max");
  if (i.contains("target_rate")) interval.target_rate = i.at("target_rate").get<double>();
  return interval;
}

void read_open_loop(const json& doc, ClientRun& run) {
  const json& client = doc.at("client");
  stats::Counters& c = run.result.totals.counters;
  c.scheduled = client.at("scheduled").get<uint64_t>();
  c.waited_for_connection = client.at("waited_for_connection").get<uint64_t>();
  c.max_client_queue = client.at("max_client_queue").get<uint64_t>();
  run.loop_busy_share = client.at("loop_busy_share").get<double>();
  run.behind_schedule = client.at("behind_schedule").get<bool>();
  for (const char* key : {"service_time_histogram", "send_lag_histogram"}) {
    if (!doc.contains(key)) throw_usage(std::string("an open-loop report without ") + key + " (written by an older ringbench)");
  }
  run.result.totals.service_time = histogram_from_json(doc.at("service_time_histogram"));
  run.result.totals.send_lag = histogram_from_json(doc.at("send_lag_histogram"));
}

ClientRun read_run(const json& doc, const std::string& source) {
  if (!doc.is_object() || !doc.contains("histogram") || !doc.contains("summary") || !doc.contains("config")) {
    throw_usage("no config, summary and histogram members (a sweep, or not a ringbench document)");
  }
  if (doc.at("schema_version") != json_schema_version) {
    throw_usage(fmt::format("schema_version {}, expected {}", doc.at("schema_version").dump(), json_schema_version));
  }
  ClientRun run;
  run.source = source;
  if (doc.contains("label") && doc.at("label").is_string()) run.label = doc.at("label").get<std::string>();
  run.config = config_of(doc.at("config"));
  stats::RunResult& r = run.result;
  if (!doc.at("started_at").is_string()) throw_usage("no started_at (its clock never started)");
  r.started_at = parse_utc_micros(doc.at("started_at").get<std::string>());
  r.threads = run.config.threads;
  r.concurrency = run.config.concurrency;
  r.machine = {doc.at("machine").at("cpus").get<uint32_t>(), doc.at("machine").at("memory_mb").get<uint64_t>(),
               doc.at("machine").at("kernel").get<std::string>()};
  read_summary(doc.at("summary"), r);
  read_outcomes(doc, r.totals.counters);
  r.totals.phases = phases_of(doc.at("phases_us"));
  r.totals.latency = histogram_from_json(doc.at("histogram"));
  if (r.totals.latency.count() != r.totals.counters.responses) throw_usage("the histogram does not hold one latency per response");
  if (run.config.rate) read_open_loop(doc, run);
  for (const json& i : doc.at("intervals")) r.intervals.push_back(interval_of(i));
  return run;
}

}  // namespace

// Any exception of the JSON library (a missing member, a value of the wrong type) or our own
// check becomes one line naming the file.
ClientRun read_client_run(const json& doc, const std::string& source) {
  const auto fail = [&](const std::string& why) {
    throw_usage(fmt::format("merge: '{}' is not a ringbench run report ({})", source, why));
  };
  try {
    return read_run(doc, source);
  } catch (const nlohmann::json::exception& e) {
    fail(e.what());
  } catch (const Error& e) {
    fail(e.what());
  } catch (const std::invalid_argument&) {  // std::stoi of a status code that is no number
    fail("a status code that is not a number");
  } catch (const std::out_of_range&) {
    fail("a number out of range");
  }
  return {};  // not reached: fail throws
}

}  // namespace ringbench::report

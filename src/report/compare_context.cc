#include "compare_context.h"

#include <fmt/format.h>

#include <array>

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;
using Pointer = json::json_pointer;

struct Field {
  const char* path;
  const char* label;
  const char* if_null;  // how a null reads ("off" for tls, "none" for rate)
  // What one client of a multi-client test may have of its own (merge accepts a difference).
  bool per_client = false;
};

// Checked in this order, so the lines read from the request to the machine.
constexpr std::array<Field, 12> fields = {{
    {"/config/url", "url", "none"},
    {"/config/method", "method", "none"},
    {"/config/concurrency", "concurrency", "none", true},
    {"/config/pipeline", "pipeline", "none"},
    {"/config/threads", "threads", "none", true},
    {"/config/keepalive", "keep-alive", "none"},
    {"/config/request_body_bytes", "request body bytes", "none"},
    {"/config/tls", "tls", "off"},
    {"/tool/version", "ringbench version", "none", true},
    {"/machine/cpus", "machine cpus", "unknown", true},
    {"/machine/memory_mb", "machine memory_mb", "unknown", true},
    {"/machine/kernel", "machine kernel", "unknown", true},
}};

std::string shown(const json& value, const char* if_null) {
  if (value.is_null()) return if_null;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "on" : "off";
  if (value.is_number_float()) return fmt::format("{:g}", value.get<double>());
  return value.dump();
}

const json* find(const json& doc, const char* path) {
  const Pointer p(path);
  return doc.contains(p) ? &doc.at(p) : nullptr;
}

// "-n" or "-z": a count run and a timed run measure different things (a timed run's rate
// includes its ramp to the deadline, a count run's its tail).
std::string mode_of(const json& config) {
  if (!config.at("requests").is_null()) return "-n";
  if (!config.at("duration_s").is_null()) return "-z";
  return "none";
}

void compare_value(ContextCheck& check, const std::string& label, const json& b, const json& c,
                   const char* if_null) {
  if (b.is_object() && c.is_object()) {  // tls settings: name the setting that differs
    for (const auto& [key, value] : b.items()) {
      compare_value(check, label + "." + key, value, c.contains(key) ? c.at(key) : json(nullptr),
                    "none");
    }
    for (const auto& [key, value] : c.items()) {
      if (!b.contains(key)) compare_value(check, label + "." + key, json(nullptr), value, "none");
    }
    return;
  }
  if (b == c) return;
  check.differences.push_back(
      fmt::format("{} {} vs {}", label, b.is_object() ? "on" : shown(b, if_null),
                  c.is_object() ? "on" : shown(c, if_null)));
}

void compare_field(ContextCheck& check, const json& base, const json& current, const Field& f) {
  const json* b = find(base, f.path);
  const json* c = find(current, f.path);
  if (b == nullptr || c == nullptr) {
    check.unchecked.push_back(fmt::format("{} (missing in {})", f.label,
                                          b == nullptr && c == nullptr ? "both reports"
                                          : b == nullptr               ? "the base report"
                                                                       : "the current report"));
    return;
  }
  compare_value(check, f.label, *b, *c, f.if_null);
}

void compare_mode(ContextCheck& check, const json& base, const json& current, ContextScope scope) {
  const json& bc = base.at("config");
  const json& cc = current.at("config");
  const std::string bm = mode_of(bc), cm = mode_of(cc);
  if (bm != cm) {
    check.differences.push_back(fmt::format("mode {} vs {}", bm, cm));
  } else if (scope == ContextScope::same_test) {
    return;  // clients of one test may each send their own count or run their own time
  } else if (bm == "-n") {
    compare_value(check, "requests (-n)", bc.at("requests"), cc.at("requests"), "none");
  } else if (bm == "-z") {
    compare_value(check, "duration_s (-z)", bc.at("duration_s"), cc.at("duration_s"), "none");
  }
}

// The version the handshakes negotiated, when both runs used TLS: the server's settings can
// make it differ where the client's do not.
void compare_negotiated_tls(ContextCheck& check, const json& base, const json& current) {
  const json* b = find(base, "/summary/tls/version");
  const json* c = find(current, "/summary/tls/version");
  const auto used = [](const json* v) { return v != nullptr && v->is_string() && !v->get<std::string>().empty(); };
  if (used(b) && used(c)) compare_value(check, "negotiated TLS version", *b, *c, "none");
}

std::string loop_of(const json& rate) {
  return rate.is_null() ? "closed-loop" : fmt::format("open-loop (--rate {}/s)", shown(rate, ""));
}

// Open loop against closed loop is refused outright; two open-loop runs must share their rate
// and arrivals (differences --force may override). The seed is not compared: it only picks
// which poisson sample was drawn.
void compare_loops(ContextCheck& check, const json& base, const json& current) {
  const json* b = find(base, "/config/rate");
  const json* c = find(current, "/config/rate");
  if (b == nullptr || c == nullptr) return compare_field(check, base, current, {"/config/rate", "rate", "none"});
  if (b->is_null() != c->is_null()) {
    check.loop_mismatch = fmt::format("the base run is {} and the current one {}: latency from each request's "
                                      "intended start and latency from its send measure different things",
                                      loop_of(*b), loop_of(*c));
    return;
  }
  if (b->is_null()) return;
  compare_value(check, "rate", *b, *c, "none");
  const json* ba = find(base, "/config/arrivals");
  const json* ca = find(current, "/config/arrivals");
  compare_value(check, "arrivals", ba ? *ba : json(nullptr), ca ? *ca : json(nullptr), "unknown");
}

std::string how_far(const json& doc) {
  const json& config = doc.at("config");
  const json* ran_s = find(doc, "/summary/duration_s");
  const json* requests = find(doc, "/summary/requests");
  if (config.at("duration_s").is_number() && ran_s != nullptr && ran_s->is_number()) {
    return fmt::format(": it ran {:.1f} s of the planned {:g} s", ran_s->get<double>(),
                       config.at("duration_s").get<double>());
  }
  if (config.at("requests").is_number() && requests != nullptr && requests->is_number()) {
    return fmt::format(": it completed {} of the planned {} requests", requests->dump(),
                       config.at("requests").dump());
  }
  return "";
}

void warn_interrupted(ContextCheck& check, const json& doc, const char* which) {
  const json* interrupted = find(doc, "/summary/interrupted");
  if (interrupted == nullptr || *interrupted != true) return;
  check.warnings.push_back(fmt::format("the {} run was interrupted{}; its figures cover only that part",
                                       which, how_far(doc)));
}

void note_start_times(ContextCheck& check, const json& base, const json& current) {
  const json* b = find(base, "/started_at");
  const json* c = find(current, "/started_at");
  if (b == nullptr || c == nullptr || !b->is_string() || !c->is_string()) return;
  const std::string bs = b->get<std::string>(), cs = c->get<std::string>();
  check.started = fmt::format("base started {}, current started {}", bs, cs);
  // Same format, UTC: the strings sort as the times do.
  if (bs > cs) check.warnings.push_back("the base run started after the current one (files swapped?)");
}

}  // namespace

ContextCheck check_context(const json& base, const json& current, ContextScope scope) {
  ContextCheck check;
  compare_field(check, base, current, fields[0]);  // url
  compare_field(check, base, current, fields[1]);  // method
  compare_mode(check, base, current, scope);
  for (size_t i = 2; i < fields.size(); ++i) {
    if (scope == ContextScope::same_run || !fields[i].per_client) compare_field(check, base, current, fields[i]);
  }
  compare_loops(check, base, current);
  // Stages change the load over the run: runs with different ramps are not the same test.
  const json* bs = find(base, "/config/stages");
  const json* cs = find(current, "/config/stages");
  if (bs != nullptr || cs != nullptr) {
    compare_value(check, "stages", bs ? *bs : json(nullptr), cs ? *cs : json(nullptr), "none");
  }
  compare_negotiated_tls(check, base, current);
  warn_interrupted(check, base, "base");
  warn_interrupted(check, current, "current");
  note_start_times(check, base, current);
  return check;
}

}  // namespace ringbench::report

// Shared by the compare tests: real schema-2 documents with the compared members set by hand,
// and parsers for compare's output.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ringbench/report/compare.h"
#include "ringbench/report/json_report.h"

namespace ringbench::report::compare_test {

using json = nlohmann::ordered_json;

// A real schema-2 document (so validation is tested against what to_json writes) with the
// compared members set by hand.
struct RunFigures {
  double rps = 10'000;
  double p50_us = 1'000;
  double p99_us = 4'000;
  uint64_t responses = 100'000;
  uint64_t errors = 0;
  std::map<std::string, uint64_t> codes{};  // status_codes; empty = every response a 200
};

inline json document(const RunFigures& run, const std::string& url = "http://127.0.0.1:8080/") {
  Config config;
  config.url = url;
  config.requests = 100'000;  // what was asked is the same in every document
  json doc = json::parse(to_json(config, stats::RunResult{}).dump());
  doc["summary"]["rps"] = run.rps;
  doc["summary"]["responses"] = run.responses;
  doc["summary"]["errors"] = run.errors;
  doc["summary"]["requests"] = run.responses + run.errors;
  doc["latency_us"]["p50"] = run.p50_us;
  doc["latency_us"]["p90"] = run.p50_us * 2;
  doc["latency_us"]["p99"] = run.p99_us;
  doc["latency_us"]["p99_9"] = run.p99_us * 2;
  doc["latency_us"]["mean"] = run.p50_us * 1.1;
  doc["status_codes"] = json::object();
  if (run.codes.empty()) doc["status_codes"]["200"] = run.responses;
  for (const auto& [code, n] : run.codes) doc["status_codes"][code] = n;
  return doc;
}

struct Compared {
  CompareOutcome outcome;
  std::string text;
};

inline Compared compare(const json& base, const json& current, const RegressionLimits& limits = {},
                 bool force = false, bool color = false) {
  std::ostringstream out;
  Style style;
  style.color = color;
  CompareOutcome outcome = compare_runs(out, base, current, limits, style, force);
  return {outcome, out.str()};
}

// The table as {label: [base, current, change, verdict]}: labels are the first 14 columns
// ("mean latency" holds a space), the rest split on blanks.
inline std::map<std::string, std::vector<std::string>> table_of(const std::string& text) {
  std::map<std::string, std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    // The start-times line happens to split into four fields too.
    if (line.size() < 14 || line.rfind("base started", 0) == 0) continue;
    std::string label = line.substr(0, 14);
    label.erase(label.find_last_not_of(' ') + 1);
    std::istringstream cells(line.substr(14));
    std::vector<std::string> fields;
    for (std::string f; cells >> f;) fields.push_back(f);
    if (fields.size() == 4) rows[label] = fields;
  }
  return rows;
}

inline size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace ringbench::report::compare_test

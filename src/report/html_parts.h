#pragma once
// Pieces of the HTML reports that runs, sweeps and comparisons share.
#include <nlohmann/json.hpp>

#include <string>

#include "svg_chart.h"

namespace ringbench::report::html {

using json = nlohmann::ordered_json;

// The latency percentile spectrum of a report's exact histogram: latency (ms) against
// 1/(1 - p), the HdrHistogram convention, so p99.99 sits at 10^4 and can be read.
svg::Series spectrum_series(const json& histogram, const std::string& name);

// "p99.9" -> 1/(1 - 0.999), for percentile points placed on the same axis.
double spectrum_x(double percentile);

// A number from a JSON value that may be missing or null: 0 then.
double number_at(const json& doc, const char* pointer);
std::string text_at(const json& doc, const char* pointer);

}  // namespace ringbench::report::html

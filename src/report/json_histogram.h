#pragma once
// The exact latency histogram of a report (its "histogram" member, and the open-loop and
// unfinished-age ones): written bucket for bucket with the exact min, max and sums, so that
// reading it back (histogram_from_json, json_report.h) rebuilds the histogram that was recorded.
#include <nlohmann/json.hpp>

#include "ringbench/stats/histogram.h"

namespace ringbench::report {

// {unit, significant_digits, highest_trackable, overflow, min, max, sum_ns, sum_squares_ns2,
// buckets: [[lowest_ns, count], ...]}
nlohmann::ordered_json histogram_json(const stats::Histogram& h);

}  // namespace ringbench::report

#pragma once
// How sweep writes numbers for people, shared by the reasoning strings (selection) and the
// text report so that "41,800 rps" reads the same in both. Private to module sweep.
#include <string>

namespace ringbench::sweep {

// 41800.4 -> "41,800": rounded to an integer with thousands separators.
std::string grouped(double value);

// Requests per second: grouped at and above 10/s, one decimal below ("4.5"), where the
// fraction still means something.
std::string rps_text(double rps);

// A rate with its unit: "1,600/s".
std::string per_second_text(double rate);

// Milliseconds without unit: three decimals below 1 ms (a local server's tens of µs), two up
// to 100 ms, one above.
std::string ms_text(double ms);

// 96.14 -> "96.1%"; signed_percent_text adds the sign of an overhead ("+14.9%", "-3.0%").
std::string percent_text(double pct);
std::string signed_percent_text(double pct);

// 2.46 -> "2.5": a ratio or a multiple with one decimal.
std::string ratio_text(double ratio);

// A limit the user gave, with `decimals` decimals or as many more (up to 6) as it takes to
// read exactly as given: 4 -> "4.0", 0.25 -> "0.25" for decimals = 1.
std::string limit_text(double limit, int decimals);

// `value` with the decimals of limit_text(limit, decimals), or more (up to 6) until it no longer
// reads as the limit does: a reason must not say "4.0 > max 4.0" when it measured 4.04.
std::string value_beside(double value, double limit, int decimals);

}  // namespace ringbench::sweep

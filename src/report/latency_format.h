#pragma once
// How the text report writes latencies: seconds with a report-wide number of decimals for
// the hey-style columns, milliseconds for band bounds, SLO targets and annotated percentiles.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace ringbench::report {

// Seconds with 4 decimals like hey, but with more when the fastest response is under 1 ms:
// a local server answers in tens of µs, and "0.0000 secs" would say nothing. Chosen once per
// report so that every column lines up.
class SecondsFormat {
 public:
  explicit SecondsFormat(uint64_t fastest_ns) : decimals_(decimals_for(fastest_ns)) {}

  std::string operator()(double ns) const { return fmt::format("{:.{}f}", ns / 1e9, decimals_); }

 private:
  // Two significant digits for the fastest value: a d-digit number of ns is ~10^(d-10) s.
  static int decimals_for(uint64_t ns) {
    if (ns == 0) return 4;
    const int digits = static_cast<int>(std::to_string(ns).size());
    return std::clamp(11 - digits, 4, 9);
  }

  int decimals_;
};

// "12.35" (ms, no unit): two decimals, three below 1 ms so that a local server's tens of
// microseconds do not all print as "0.03".
inline int ms_decimals(double ns) { return ns < 1e6 ? 3 : 2; }

inline std::string format_ms(double ns) {
  return fmt::format("{:.{}f}", ns / 1e6, ms_decimals(ns));
}

// format_ms, with as many more decimals as it takes (down to the ns) not to print the same
// text as a different `limit_ns`: a FAIL against "<= 2.00 ms" must not say "measured 2.00 ms"
// when the run measured 2.0017 ms.
inline std::string format_ms_beside(double ns, double limit_ns) {
  for (int d = ms_decimals(ns); d < 6; ++d) {
    std::string text = fmt::format("{:.{}f}", ns / 1e6, d);
    if (ns == limit_ns || text != fmt::format("{:.{}f}", limit_ns / 1e6, d)) return text;
  }
  return fmt::format("{:.6f}", ns / 1e6);
}

}  // namespace ringbench::report

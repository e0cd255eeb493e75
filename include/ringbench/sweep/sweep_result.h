#pragma once
// Everything one sweep measured and decided: what sweep_json.h and sweep_text.h render.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ringbench/core/config.h"
#include "ringbench/core/machine.h"
#include "ringbench/report/slo.h"
#include "ringbench/sweep/point.h"
#include "ringbench/sweep/rate_point.h"
#include "ringbench/sweep/rate_search.h"
#include "ringbench/sweep/selection.h"
#include "ringbench/sweep/settling.h"

namespace ringbench::sweep {

// The measured window of each point when neither -z nor -n is given: 3 s for a fixed list;
// --conc auto measures more, shorter points (0.5 s, 0.25 s warm-up) so that the search with its
// extra levels still takes about half the time of a fixed list.
inline constexpr double default_duration_s = 3.0;
inline constexpr double auto_duration_s = 0.5;
inline constexpr double auto_warmup_s = 0.25;

using Machine = ringbench::Machine;  // the same block a run's JSON records

// sweep --rate: a rate point measures this long when -z is not given, after this warm-up
// (long enough for a queue near the capacity to reach its steady length), and the search
// measures at most this many rates unless --max-levels says otherwise.
inline constexpr double rate_duration_s = 2.0;
inline constexpr double rate_warmup_s = 0.5;
inline constexpr uint32_t rate_max_levels = 12;

struct RateSweepParams {  // sweep --rate LO..HI --slo ...: the capacity search (rate_search.h)
  std::string spec;             // --rate as given, e.g. "500..5k"
  double lo = 0, hi = 0;        // requests/s
  std::string slo_spec;         // --slo as given, e.g. "p99=20ms"
  report::SloSpec slo;
  uint32_t connections = 0;     // -c of every rate point (default_rate_connections unless given)
  bool connections_given = false;
  Arrivals arrivals = Arrivals::constant;
  double tolerance = 0.05;      // the search stops when the bracket is this narrow
};

struct SweepParams {  // every option used, echoed into JSON "params"
  std::string url, method = "GET", conc_spec = "auto";
  std::vector<uint32_t> levels;             // the coarse levels parsed from conc_spec; auto: those the search measured
  uint32_t baseline_c = 1, repeats = 1, threads = 0;
  double warmup_s = 1.0;
  std::optional<double> duration_s;         // -z per point (default_duration_s when neither is given)
  std::optional<uint64_t> requests;         // -n per point
  bool refine = false;
  uint32_t max_conc = 16384;                // auto: the search grows no further (--max-conc)
  uint32_t max_levels = 18;                 // auto: levels measured at most, baseline included (--max-levels)
  double drain_s = 0;                       // --drain of every -z point (settling.h's default unless given)
  double settle_max_s = default_settle_max_s;               // --settle-max: longest wait for the server to settle; 0 = no probes
  std::string vs_url, ref_from_json;        // empty = not paired / not from file
  SelectionParams selection;
  std::optional<RateSweepParams> rate;      // set: a capacity search over offered rates, not a concurrency sweep

  bool rate_mode() const noexcept { return rate.has_value(); }
  bool paired() const noexcept { return !vs_url.empty() || !ref_from_json.empty(); }
  bool adaptive() const noexcept { return conc_spec == "auto"; }
  // The -z actually used: duration_s, else default_duration_s unless -n was given.
  std::optional<double> effective_duration_s() const {
    if (duration_s) return duration_s;
    if (requests) return std::nullopt;
    return default_duration_s;
  }
};

struct SweepResult {
  SweepParams params;
  Machine machine;
  std::string started_at;  // ISO 8601 UTC, e.g. "2024-05-01T12:00:00Z"
  std::optional<Point> baseline;
  std::vector<Point> points;  // in measurement order (refine levels last); renderers sort by c
  SweetSpot sweet_spot;
  // sweep --rate: the rates in measurement order (renderers sort by rate) and what they say.
  std::vector<RatePoint> rate_points;
  Capacity capacity;
  std::vector<std::string> notes;
  bool interrupted = false;
};

}  // namespace ringbench::sweep

#include "rate_flags.h"

#include <string>

#include "number_flags.h"
#include "open_loop_flags.h"
#include "ringbench/core/error.h"
#include "ringbench/report/slo.h"
#include "ringbench/sweep/rate_point.h"
#include "sweep_flags.h"

namespace ringbench::cli {
namespace {

struct Refused {
  const char* flag;
  const char* why;
};

// Flags of the concurrency sweep that a capacity search would silently ignore.
constexpr Refused refused_with_rate[] = {
    {"--conc", "it varies the offered rate, not the concurrency; -c sets its connections"},
    {"--max-conc", "it varies the offered rate, not the concurrency"},
    {"--refine", "the search narrows the rate itself, to within 5%"},
    {"--pick", "the SLO is its pass rule, there is no knee to pick"},
    {"--knee-ratio", "the SLO is its pass rule, there is no knee to pick"},
    {"--max-spread", "the SLO is its pass rule"},
    {"--max-p999-ratio", "the SLO is its pass rule"},
    {"--max-tail-mult", "the SLO is its pass rule"},
    {"--max-overhead-pct", "it has no paired mode"},
    {"--max-rps-deficit-pct", "it has no paired mode"},
    {"--vs", "it has no paired mode"},
    {"--vs-method", "it has no paired mode"},
    {"--vs-body", "it has no paired mode"},
    {"--vs-content-type", "it has no paired mode"},
    {"--ref-from-json", "it has no paired mode"},
    {"--requests", "each rate is measured over a time window: use -z"},
    {"--repeats", "each rate is measured once; use a longer -z for steadier figures"},
};

}  // namespace

void add_rate_flags(CLI::App& sweep, SweepFlags& raw) {
  sweep.add_option("--rate", raw.rate,
                   "Capacity search: open-loop runs at offered rates in LO..HI (e.g. 500..5k), reporting the highest "
                   "that meets --slo");
  sweep.add_option("--slo", raw.slo, "With --rate: latency targets a rate must meet, e.g. p99=20ms or p50=5ms,p99=20ms");
  sweep.add_option("--arrivals", raw.arrivals, "With --rate: constant (evenly spaced, default) or poisson");
  sweep.add_option("-c,--concurrency", raw.connections,
                   "With --rate: connections of every rate (default: 2 x HI x the longest SLO limit, 8..10000)")
      ->check(positive_u32);
}

std::pair<double, double> parse_rate_range(std::string_view text) {
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    throw_usage("--rate: sweep searches a range LO..HI (e.g. 500..5k), got '" + std::string(text) +
                "' (for one rate: ringbench --rate R URL)");
  }
  const double lo = parse_rate(text.substr(0, dots)), hi = parse_rate(text.substr(dots + 2));
  if (lo >= hi) throw_usage("--rate: LO must be below HI, got '" + std::string(text) + "'");
  return {lo, hi};
}

void finish_rate_sweep(sweep::SweepParams& p, const SweepFlags& raw, const CLI::App& sweep) {
  if (sweep.count("--rate") == 0) {
    for (const char* flag : {"--slo", "--arrivals", "--concurrency"}) {
      if (sweep.count(flag) > 0) {
        throw_usage(std::string("sweep ") + flag + " needs --rate LO..HI (the capacity search; a concurrency sweep "
                    "sets the connections per level)");
      }
    }
    return;
  }
  for (const Refused& r : refused_with_rate) {
    if (sweep.count(r.flag) > 0) throw_usage(std::string("sweep --rate does not take ") + r.flag + ": " + r.why);
  }
  sweep::RateSweepParams rate;
  rate.spec = raw.rate;
  std::tie(rate.lo, rate.hi) = parse_rate_range(raw.rate);
  if (sweep.count("--slo") == 0) {
    throw_usage("sweep --rate needs --slo (e.g. --slo p99=20ms): the capacity is the highest rate that meets it");
  }
  rate.slo_spec = raw.slo;
  rate.slo = report::parse_slo(raw.slo);
  if (rate.slo.targets.empty()) throw_usage("--slo: no target given (e.g. --slo p99=20ms)");
  rate.connections_given = sweep.count("--concurrency") > 0;
  rate.connections = rate.connections_given ? raw.connections : sweep::default_rate_connections(rate.hi, rate.slo);
  if (raw.arrivals == "poisson") {
    rate.arrivals = Arrivals::poisson;
  } else if (!raw.arrivals.empty() && raw.arrivals != "constant") {
    throw_usage("--arrivals: expected constant or poisson, got '" + raw.arrivals + "'");
  }
  p.rate = rate;
  p.conc_spec.clear();
  if (sweep.count("--max-levels") == 0) p.max_levels = sweep::rate_max_levels;
}

}  // namespace ringbench::cli

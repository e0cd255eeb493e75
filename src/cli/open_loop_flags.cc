#include "open_loop_flags.h"

#include "number_flags.h"
#include "ringbench/core/error.h"
#include "ringbench/core/stages.h"

namespace ringbench::cli {
namespace {

constexpr double max_rate = 1e9;  // one request per ns: the schedule's resolution

}  // namespace

double parse_rate(std::string_view text, bool zero_allowed) {
  const std::optional<double> rate = read_scaled_number(text);
  if (rate && *rate == 0 && zero_allowed) return 0;
  if (!rate || *rate <= 0) {
    throw_usage("--rate: expected requests per second above 0 (e.g. 20000, 50k, 1.5M), got '" + std::string(text) +
                "'");
  }
  if (*rate > max_rate) throw_usage("--rate: at most 1000M requests per second (1 ns apart), got '" + std::string(text) + "'");
  return *rate;
}

void add_open_loop_flags(CLI::App& app, Config& c, OpenLoopFlags& raw) {
  app.add_option("--rate", raw.rate,
                 "Open loop: send R requests per second on a schedule, answered or not (e.g. 20000, 50k); "
                 "latency counts from each request's intended start");
  app.add_option("--arrivals", raw.arrivals, "With --rate: constant (evenly spaced, default) or poisson (random, "
                 "exponential gaps)");
  app.add_option("--stages", raw.stages,
                 "Ramp linearly through DURATION:TARGET stages, e.g. 10s:1000,30s:5000,10s:0: with --rate the "
                 "rate (from --rate; --rate 0 starts at 0), else the connections sending (from 0); the run lasts "
                 "their total");
  app.add_option("--seed", c.seed, "With --arrivals poisson: the random generator's seed (default 1)")
      ->check(whole_number(0, UINT64_MAX));
}

void finish_open_loop(Config& c, const OpenLoopFlags& raw, const CLI::App& app) {
  if (app.count("--stages") > 0) {
    c.stages = parse_stages(raw.stages, "--stages");
    if (c.duration) throw_usage("--stages sets the run's duration (their total): leave out -z");
  }
  if (app.count("--rate") == 0) {
    if (app.count("--arrivals") > 0) throw_usage("--arrivals needs --rate (a closed-loop run has no schedule)");
    if (app.count("--seed") > 0) throw_usage("--seed needs --rate and --arrivals poisson (nothing else is random)");
    return;
  }
  c.rate = parse_rate(raw.rate, !c.stages.empty());
  if (raw.arrivals.empty() || raw.arrivals == "constant") {
    c.arrivals = Arrivals::constant;
  } else if (raw.arrivals == "poisson") {
    c.arrivals = Arrivals::poisson;
  } else {
    throw_usage("--arrivals: expected constant or poisson, got '" + raw.arrivals + "'");
  }
  // A seed that changes nothing would let a user believe two runs differ by it.
  if (app.count("--seed") > 0 && c.arrivals != Arrivals::poisson) {
    throw_usage("--seed needs --arrivals poisson (a constant schedule has nothing random)");
  }
}

}  // namespace ringbench::cli

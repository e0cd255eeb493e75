#include "sweep_flags.h"

#include <fstream>
#include <sstream>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"
#include "ringbench/engine/plan.h"
#include "ringbench/sweep/concurrency_spec.h"
#include "ringbench/sweep/settling.h"
#include "ringbench/sweep/sweep_json.h"
#include "help_text.h"
#include "rate_flags.h"

namespace ringbench::cli {
namespace {

void add_selection_flags(CLI::App& sweep, sweep::SelectionParams& s, SweepFlags& raw) {
  sweep.add_option("--pick", raw.pick, "power: max rps/mean latency (rps^2/c); knee: smallest c near peak rps; score: max rps/(p99/p50)^2")
      ->capture_default_str();
  sweep.add_option("--knee-ratio", s.knee_ratio, "Knee: fraction of the peak rps that counts as near")
      ->capture_default_str();
  sweep.add_option("--max-errors", s.max_errors,
                   "Disqualify above this failed rate ((errors + 4xx + 5xx) / requests)")
      ->capture_default_str();
  sweep.add_option("--max-spread", s.max_spread, "Disqualify above this p99/p50")->capture_default_str();
  sweep.add_option("--max-p999-ratio", s.max_p999_ratio, "Disqualify above this p99.9/p50")->capture_default_str();
  sweep.add_option("--max-tail-mult", s.max_tail_mult, "Disqualify when p99 exceeds baseline p99 times this")
      ->capture_default_str();
  sweep.add_option("--max-overhead-pct", s.max_overhead_pct, "Paired: disqualify above this p99 overhead %")
      ->capture_default_str();
  sweep.add_option("--max-rps-deficit-pct", s.max_rps_deficit_pct, "Paired: disqualify above this rps deficit %")
      ->capture_default_str();
}

void add_pairing_flags(CLI::App& sweep, sweep::SweepParams& p, SweepFlags& raw) {
  sweep.add_option("--vs", p.vs_url, "Paired mode: measure this reference URL at every level too");
  sweep.add_option("--vs-method", raw.vs_method, "Reference request method (default: the target's)");
  sweep.add_option("--vs-body", raw.vs_body, "Reference request body (default: the target's)");
  sweep.add_option("--vs-content-type", raw.vs_content_type, "Reference Content-Type (default: the target's)");
  sweep.add_option("--ref-from-json", p.ref_from_json, "Paired mode against a saved sweep (ringbench or vastar JSON)");
}

std::string read_reference_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_usage("--ref-from-json: cannot read '" + path + "'");
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

Config reference_request(const Config& target, const std::string& url, const SweepFlags& raw) {
  Config ref = target;
  ref.url = url;
  if (!raw.vs_method.empty()) ref.method = raw.vs_method;
  if (!raw.vs_body.empty()) ref.body = raw.vs_body;
  if (!raw.vs_content_type.empty()) ref.content_type = raw.vs_content_type;
  if (!is_token(ref.method)) throw_usage("--vs-method: invalid method '" + ref.method + "'");
  return ref;
}

double seconds_of(const std::string& text, const char* flag) {
  return text == "0" ? 0.0 : double(parse_duration(text, flag).count()) / 1e9;
}

// Every -z point drains (settling.h) unless --drain says otherwise; a -n point waits for every
// response anyway.
void finish_measurement(sweep::SweepParams& p, Config& target, const SweepFlags& raw, bool drain_given,
                        bool warmup_given) {
  if (p.requests && !raw.duration.empty()) throw_usage("use either -n/--requests or -z/--duration, not both");
  if (!raw.duration.empty()) p.duration_s = double(parse_duration(raw.duration, "--duration").count()) / 1e9;
  if (p.requests && target.drain.count() > 0) {
    throw_usage("--drain needs -z/--duration (a -n point waits for every response)");
  }
  if (!p.requests && !drain_given) target.drain = Nanos(int64_t(sweep::default_point_drain_s * 1e9));
  p.drain_s = double(target.drain.count()) / 1e9;
  p.settle_max_s = seconds_of(raw.settle_max, "--settle-max");
  p.warmup_s = seconds_of(raw.warmup, "--warmup");
  p.url = target.url;
  p.method = target.method;
  p.threads = target.threads;
  if (p.rate_mode()) {
    if (raw.duration.empty()) p.duration_s = sweep::rate_duration_s;
    if (!warmup_given) p.warmup_s = sweep::rate_warmup_s;
    return;
  }
  if (p.adaptive() && !p.requests && raw.duration.empty()) p.duration_s = sweep::auto_duration_s;
  if (p.adaptive() && !warmup_given) p.warmup_s = sweep::auto_warmup_s;
  p.levels = sweep::parse_concurrency_spec(p.conc_spec);
}

}  // namespace

CLI::App* add_sweep_subcommand(CLI::App& app, SweepArgs& args, SweepFlags& raw) {
  CLI::App* sweep = app.add_subcommand("sweep", "Find the concurrency knee: run several levels, pick the sweet spot (--rate: the capacity under an SLO)");
  sweep->footer(sweep_help_footer);
  sweep::SweepParams& p = args.request.params;
  add_request_flags(*sweep, args.request.target, raw.request);
  sweep->add_option("--conc", p.conc_spec, "Levels: auto (adaptive search), a,b,c, LO..HI:log=N or LO..HI:step=S")
      ->capture_default_str();
  sweep->add_option("--max-conc", p.max_conc, "auto: grow no further than this concurrency")
      ->check(positive_u32)->capture_default_str();
  sweep->add_option("--max-levels", p.max_levels, "auto: measure at most this many levels, the baseline included (--rate: rates, default 12)")
      ->check(whole_number(2, 100))->capture_default_str();
  sweep->add_option("-z,--duration", raw.duration, "Measured time per point (default 3s)");
  sweep->add_option("-n,--requests", p.requests, "Requests per point instead of -z (at least 20 per connection)")
      ->check(positive);
  sweep->add_option("--warmup", raw.warmup, "Unmeasured warm-up before each point")->capture_default_str();
  sweep->add_option("--repeats", p.repeats, "Runs per level; the median-rps run counts")->check(positive_u32)->capture_default_str();
  sweep->add_option("--baseline-c", p.baseline_c, "Concurrency of the baseline run")->check(positive_u32)->capture_default_str();
  sweep->add_flag("--refine", p.refine, "Then measure 4 more levels around the coarse winner");
  sweep->add_option("--settle-max", raw.settle_max,
                    "Before each level, probe until latency is back near the baseline, at most this long (0: no probes)")
      ->capture_default_str();
  add_selection_flags(*sweep, p.selection, raw);
  for (const char* name : {"--knee-ratio", "--max-errors", "--max-spread", "--max-p999-ratio", "--max-tail-mult",
                           "--max-overhead-pct", "--max-rps-deficit-pct"}) {
    sweep->get_option(name)->check(decimal_number);  // our message, not CLI11's "Could not convert"
  }
  add_pairing_flags(*sweep, p, raw);
  sweep->add_option("-o,--output", raw.output, "Format on stdout: text, json or ndjson")->capture_default_str();
  sweep->add_option("--json-path", args.json_path, "Also write the JSON document to this file (replaced only once the sweep has a result)");
  sweep->add_option("--html-path", args.html_path, "Also write a self-contained HTML report (curves, sweet spot) to this file");
  sweep->add_flag("--no-color", args.no_color, "No ANSI colours");
  add_rate_flags(*sweep, raw);
  return sweep;
}

void finish_sweep(SweepArgs& args, const SweepFlags& raw, const CLI::App& sweep) {
  Config& target = args.request.target;
  sweep::SweepParams& p = args.request.params;
  if (target.url.empty()) throw_usage("missing URL (e.g. ringbench sweep http://127.0.0.1:8080/)");
  finish_rate_sweep(p, raw, sweep);
  finish_request(target, raw.request);
  finish_measurement(p, target, raw, sweep.count("--drain") > 0, sweep.count("--warmup") > 0);
  p.selection.pick = sweep::parse_pick_method(raw.pick);
  sweep::check_selection_params(p.selection);
  if (!p.vs_url.empty() && !p.ref_from_json.empty()) throw_usage("use either --vs or --ref-from-json, not both");
  if (p.vs_url.empty() && (!raw.vs_method.empty() || !raw.vs_body.empty() || !raw.vs_content_type.empty())) {
    throw_usage("--vs-method, --vs-body and --vs-content-type need --vs");
  }
  engine::make_plan(target);  // a bad URL is a usage error now, not after the baseline
  if (!p.vs_url.empty()) {
    args.request.reference = reference_request(target, p.vs_url, raw);
    engine::make_plan(*args.request.reference);
  }
  if (!p.ref_from_json.empty()) {
    args.request.reference_file = sweep::reference_from_json_text(read_reference_file(p.ref_from_json));
  }
  if (auto warning = https_flags_warning(sweep, {target.url, p.vs_url})) args.warnings.push_back(*warning);
  if (raw.output == "json") args.output = OutputFormat::json;
  else if (raw.output == "ndjson") args.output = OutputFormat::ndjson;
  else if (raw.output != "text") throw_usage("--output: sweep writes text, json or ndjson, got '" + raw.output + "'");
}

}  // namespace ringbench::cli

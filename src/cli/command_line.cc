#include "ringbench/cli/command_line.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "ringbench/core/duration.h"
#include "ringbench/core/stages.h"
#include "ringbench/core/error.h"
#include "ringbench/core/size.h"
#include "ringbench/core/start_time.h"
#include "ringbench/core/version.h"
#include "ringbench/serve/stall.h"
#include "help_text.h"
#include "open_loop_flags.h"
#include "request_flags.h"
#include "serve_host.h"
#include "sweep_flags.h"

namespace ringbench::cli {
namespace {

// Raw flag text, converted after parsing so every bad value gets our one-line message.
struct RawFlags {
  RequestFlags request;
  OpenLoopFlags open_loop;
  std::string duration, warmup = "0", output = "text", delay = "0", jitter = "0", body_size = "2", stall;
  std::string slo, max_regression, start_at;
  bool allow_remote = false;
  std::vector<std::string> thresholds;
};

void add_benchmark_flags(CLI::App& app, Config& c, RawFlags& raw) {
  add_request_flags(app, c, raw.request);
  app.add_option("-n,--requests", c.requests, "Number of requests to complete or fail (default 200 unless -z)")
      ->check(positive);
  app.add_option("-c,--concurrency", c.concurrency, "Connections kept open, one request in flight on each unless --pipeline")
      ->check(positive_u32)
      ->capture_default_str();
  app.add_option("--pipeline", c.pipeline, "Requests in flight on each connection, written back to back (HTTP/1.1 pipelining)")
      ->check(CLI::Range(1u, max_pipeline))
      ->capture_default_str();
  app.add_option("-z,--duration", raw.duration, "Run for this long instead of -n (e.g. 10s, 500ms, 2m, 1m30s, 1h)");
  app.add_option("--warmup", raw.warmup, "Run the load this long before the clock starts, unmeasured (0 = none)")
      ->capture_default_str();
  app.add_option("--start-at", raw.start_at,
                 "Open the connections, then start the clock at this UTC time (RFC 3339) or +D from now");
  add_open_loop_flags(app, c, raw.open_loop);
}

void add_presentation_flags(CLI::App& app, Presentation& p, RawFlags& raw) {
  app.add_option("-o,--output", raw.output, "Report format on stdout: text, json, ndjson or csv")
      ->capture_default_str();
  app.add_option("--json-path", p.json_path, "Also write the JSON report to this file (replaced only once the run has a report)");
  app.add_option("--html-path", p.html_path, "Also write a self-contained HTML report (plots, tables) to this file");
  app.add_option("--hist-bins", p.report.hist_bins, "Lines of the latency histogram")
      ->check(positive_u32)
      ->capture_default_str();
  app.add_option("--slo", raw.slo, "Absolute latency targets, e.g. p50=5ms,p95=20ms,p99=50ms,p99.9=100ms");
  app.add_option("--threshold", raw.thresholds, "CI gate, e.g. 'p99 < 20ms' (repeatable; exit 4 when one fails)")
      ->allow_extra_args(false);
  app.add_flag("--no-color", p.no_color, "No ANSI colours (also when NO_COLOR is set or stdout is not a terminal)");
  app.add_flag("--no-progress", p.no_progress, "No live progress line on stderr");
  app.add_option("--label", p.report.label, "Name this client in its report (for ringbench merge)");
}

void add_compare_flags(CLI::App& compare, CompareArgs& args, RawFlags& raw) {
  compare.add_option("base", args.base_path, "JSON report of the baseline run")->required();
  compare.add_option("current", args.current_path, "JSON report of the run to judge")->required();
  compare.add_option("--max-regression", raw.max_regression,
                     "Allowed regressions, e.g. p99=10%,p50=10%,rps=5%,error_rate=0.1%,non2xx_rate=0.1%");
  compare.add_flag("--force", args.force,
                   "Compare runs that differ in what they measured (URL, method, -n/-z, -c, threads, keep-alive, "
                   "body size, TLS, rate, arrivals, version, machine) anyway; never open loop against closed loop");
  compare.add_flag("--no-color", args.no_color, "No ANSI colours");
  compare.add_option("--html-path", args.html_path, "Also write the comparison as a self-contained HTML page");
}

void add_merge_flags(CLI::App& merge, MergeArgs& args, RawFlags& raw) {
  merge.add_option("reports", args.inputs, "JSON reports of the clients' runs (--json-path, -o json)")->required();
  merge.add_option("-o,--output", raw.output, "Report format on stdout: text or json")->capture_default_str();
  merge.add_option("--json-path", args.presentation.json_path, "Also write the merged JSON report to this file");
  merge.add_option("--html-path", args.presentation.html_path, "Also write the merged report as a self-contained HTML page");
  merge.add_option("--hist-bins", args.presentation.report.hist_bins, "Lines of the latency histogram")
      ->check(positive_u32)
      ->capture_default_str();
  merge.add_option("--slo", raw.slo, "Absolute latency targets, e.g. p50=5ms,p99=50ms");
  merge.add_option("--threshold", raw.thresholds, "CI gate on the merged result, e.g. 'p99 < 20ms' (repeatable; exit 4)")
      ->allow_extra_args(false);
  merge.add_flag("--force", args.force, "Merge runs of different tests (URL, method, rate, pipeline, ...) anyway");
  merge.add_flag("--no-color", args.presentation.no_color, "No ANSI colours");
}

void add_serve_flags(CLI::App& serve, serve::ServerOptions& s, RawFlags& raw) {
  serve.add_option("--host", s.host, "Numeric address to listen on; other than loopback only with --allow-remote")
      ->capture_default_str();
  serve.add_flag("--allow-remote", raw.allow_remote,
                 "Allow a --host other machines can reach (0.0.0.0, ::, a LAN address): no authentication");
  serve.add_option("--port", s.port, "Port (0 = any free port)")->check(port_number)->capture_default_str();
  serve.add_option("--body-size", raw.body_size, "Response body size (e.g. 2, 1k, 64KiB)")->capture_default_str();
  serve.add_flag("--chunked", s.chunked, "Send the body with Transfer-Encoding: chunked");
  serve.add_option("--delay", raw.delay, "Wait this long before answering each request")->capture_default_str();
  serve.add_option("--capacity", s.capacity,
                   "At most K requests in service at once, each taking --delay; the rest queue (a known knee)")
      ->check(whole_number(0, UINT32_MAX))
      ->capture_default_str();
  serve.add_flag("--sharing", s.sharing,
                 "With --capacity: processor sharing, all requests in service at once, each slowed by max(1, n/K)");
  serve.add_option("--jitter", raw.jitter, "Plus a random wait, exponential with this mean (a latency tail)")
      ->capture_default_str();
  serve.add_option("--stall", raw.stall,
                   "AFTER:LENGTH: stall once, LENGTH long, AFTER after the first request; requests arriving "
                   "in it are answered when it ends (e.g. 2s:1s)");
  serve.add_option("--tls-cert", s.tls_cert, "Serve HTTPS with this certificate chain (PEM)");
  serve.add_option("--tls-key", s.tls_key, "Private key (PEM) of --tls-cert");
  serve.add_option("--tls-client-ca", s.tls_client_ca, "Require client certificates signed by these CAs (mutual TLS)");
  const CLI::Validator version = CLI::IsMember({"1.2", "1.3"});
  serve.add_option("--tls-min", s.tls_min_version, "Lowest TLS version accepted (1.2 or 1.3)")
      ->check(version)->capture_default_str();
  serve.add_option("--tls-max", s.tls_max_version, "Highest TLS version accepted (1.2 or 1.3)")
      ->check(version)->capture_default_str();
  serve.add_option("--threads", s.threads, "Worker threads (default: one per CPU this process may use)")
      ->check(positive_u32);
}

void finish_benchmark(Config& c, const RawFlags& raw, const CLI::App& app) {
  if (c.url.empty()) throw_usage("missing URL (e.g. ringbench -z 10s -c 100 http://127.0.0.1:8080/)");
  if (!raw.duration.empty()) {
    if (c.requests) throw_usage("use either -n/--requests or -z/--duration, not both");
    c.duration = parse_duration(raw.duration, "--duration");
  } else if (!c.requests && app.count("--stages") == 0) {
    c.requests = 200;  // hey's default (a --stages run lasts the stages)
  }
  if (c.requests && *c.requests == 0) throw_usage("--requests must be at least 1");
  if (c.concurrency == 0) throw_usage("--concurrency must be at least 1");
  if (c.pipeline > 1 && !c.keepalive) throw_usage("--pipeline needs keep-alive: not with --disable-keepalive");
  finish_request(c, raw.request);
  finish_open_loop(c, raw.open_loop, app);
  if (!c.stages.empty() && !c.duration) c.duration = stages_duration(c.stages);
  if (c.drain.count() > 0 && !c.duration) throw_usage("--drain needs -z/--duration (a -n run waits for every response)");
  if (raw.warmup != "0") c.warmup = parse_duration(raw.warmup, "--warmup");
  if (!raw.start_at.empty()) c.start_at = parse_start_at(raw.start_at, std::chrono::system_clock::now());
}

// A label is printed in reports and tables: one short line of printable text.
void check_label(const std::string& label) {
  constexpr size_t longest = 100;
  const bool control = std::any_of(label.begin(), label.end(), [](char ch) { return (unsigned char)ch < 0x20 || ch == 0x7f; });
  if (control) throw_usage("--label: control characters are not allowed");
  if (label.size() > longest) throw_usage("--label: at most 100 bytes");
}

void finish_presentation(Presentation& p, const RawFlags& raw) {
  if (raw.output == "json") p.output = OutputFormat::json;
  else if (raw.output == "ndjson") p.output = OutputFormat::ndjson;
  else if (raw.output == "csv") p.output = OutputFormat::csv;
  else if (raw.output != "text") throw_usage("--output: expected text, json, ndjson or csv, got '" + raw.output + "'");
  if (!raw.slo.empty()) p.report.slo = report::parse_slo(raw.slo);
  for (const std::string& t : raw.thresholds) p.thresholds.push_back(report::parse_threshold(t));
  check_label(p.report.label);
}

// CLI11's wording for the errors our validators cannot pre-empt, in ours: "--port: 1 required
// UINT:PORT missing" becomes "--port: needs a value"; a "Could not convert: --x = y" that a
// validator missed becomes "--x: invalid value 'y'".
std::string usage_text(const CLI::ParseError& e) {
  const std::string text = e.what();
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && text.ends_with(" missing")) {
    return text.substr(0, text.find(':')) + ": needs a value";
  }
  constexpr std::string_view not_converted = "Could not convert: ";
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr && text.starts_with(not_converted)) {
    const std::string rest = text.substr(not_converted.size());
    const size_t eq = rest.find(" = ");
    if (eq != std::string::npos) return rest.substr(0, eq) + ": invalid value '" + rest.substr(eq + 3) + "'";
  }
  return text;
}

}  // namespace

Command parse_command_line(int argc, const char* const* argv) {
  Command cmd;
  RawFlags raw;
  CLI::App app{"ringbench: HTTP/1.1 load generator on io_uring", "ringbench"};
  app.set_version_flag("--version", "ringbench " + std::string(version));
  app.footer(benchmark_help_footer);
  add_benchmark_flags(app, cmd.config, raw);
  add_presentation_flags(app, cmd.presentation, raw);
  CLI::App* serve = app.add_subcommand("serve", "Run the embedded HTTP/1.1 target server on loopback");
  serve->footer(serve_help_footer);
  add_serve_flags(*serve, cmd.serve, raw);
  CLI::App* compare = app.add_subcommand("compare", "Compare two JSON reports (exit 3 on a regression)");
  compare->footer(compare_help_footer);
  add_compare_flags(*compare, cmd.compare, raw);
  CLI::App* report = app.add_subcommand("report", "Draw a saved JSON report (run or sweep) as a self-contained HTML page");
  report->add_option("report", cmd.report.input, "JSON report of a run or a sweep (--json-path, -o json)")->required();
  report->add_option("--html-path", cmd.report.html_path, "The HTML file to write")->required();
  CLI::App* merge = app.add_subcommand("merge", "Merge the JSON reports of several clients of one test into one report");
  merge->footer(merge_help_footer);
  add_merge_flags(*merge, cmd.merge, raw);
  SweepFlags sweep_raw;
  CLI::App* sweep = add_sweep_subcommand(app, cmd.sweep, sweep_raw);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    cmd.kind = Command::Kind::exit_now;
    cmd.exit_code = app.exit(e, std::cout, std::cerr);
    return cmd;
  } catch (const CLI::ParseError& e) {
    throw_usage(usage_text(e));
  }
  if (serve->parsed()) {
    cmd.kind = Command::Kind::serve;
    if (!raw.allow_remote) refuse_remote_host(cmd.serve.host);
    cmd.serve.body_size = parse_size(raw.body_size, "--body-size");
    if (raw.delay != "0") cmd.serve.delay = parse_duration(raw.delay, "--delay");
    if (raw.jitter != "0") cmd.serve.jitter = parse_duration(raw.jitter, "--jitter");
    if (serve->count("--stall") > 0) cmd.serve.stall = serve::parse_stall(raw.stall);
    // One per CPU, decided by the command; --capacity alone means one thread, so the whole
    // capacity is one queue and the knee is exactly where the user put it.
    if (serve->count("--threads") == 0) cmd.serve.threads = cmd.serve.capacity > 0 ? 1 : 0;
    return cmd;
  }
  if (sweep->parsed()) {
    cmd.kind = Command::Kind::sweep;
    finish_sweep(cmd.sweep, sweep_raw, *sweep);
    return cmd;
  }
  if (report->parsed()) {
    cmd.kind = Command::Kind::report;
    return cmd;
  }
  if (merge->parsed()) {
    cmd.kind = Command::Kind::merge;
    finish_presentation(cmd.merge.presentation, raw);
    if (cmd.merge.presentation.output != OutputFormat::text && cmd.merge.presentation.output != OutputFormat::json) {
      throw_usage("merge --output: expected text or json, got '" + raw.output + "'");
    }
    return cmd;
  }
  if (compare->parsed()) {
    cmd.kind = Command::Kind::compare;
    if (!raw.max_regression.empty()) cmd.compare.limits = report::parse_regression_limits(raw.max_regression);
    return cmd;
  }
  finish_benchmark(cmd.config, raw, app);
  finish_presentation(cmd.presentation, raw);
  if (auto warning = https_flags_warning(app, {cmd.config.url})) cmd.presentation.warnings.push_back(*warning);
  return cmd;
}

}  // namespace ringbench::cli

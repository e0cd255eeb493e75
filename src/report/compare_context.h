#pragma once
// Whether two run reports measured the same thing: what `compare` checks before it judges.
// Two runs are comparable when they were asked the same (url, method, -n or -z and its value,
// concurrency, threads, keep-alive, request body size, TLS settings, rate and arrivals) by the same
// ringbench on the same kind of machine (cpus, memory, kernel), and negotiated the same TLS
// version when both used TLS.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ringbench::report {

struct ContextCheck {
  std::vector<std::string> differences;  // "concurrency 200 vs 100": each one refuses the pair
  std::vector<std::string> unchecked;    // members a report lacks (written by an older ringbench)
  std::vector<std::string> warnings;     // caveats that do not refuse (an interrupted run)
  std::string started;                   // "base started …, current started …" or ""
  // Set when one run is open-loop (--rate) and the other closed-loop: their latencies start at
  // different moments (intended start vs send), so no --force can make them comparable.
  std::string loop_mismatch;
};

// same_run: compare's check, everything above. same_test: merge's, whether two clients ran one
// test: what each client may have of its own is not checked (the -n or -z value, concurrency,
// threads, ringbench version, machine), the rest is.
enum class ContextScope : uint8_t { same_run, same_test };

// Expects documents that passed compare's validation (config url, method, requests and
// duration_s present).
ContextCheck check_context(const nlohmann::ordered_json& base, const nlohmann::ordered_json& current,
                           ContextScope scope = ContextScope::same_run);

}  // namespace ringbench::report

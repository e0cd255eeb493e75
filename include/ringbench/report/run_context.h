#pragma once
// What a run was and where it ran, beyond its figures: the members of a run's JSON that tell
// `compare` whether two runs measured the same thing. Sweep's JSON writes its machine block
// with machine_json too, so both documents describe a machine the same way.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "ringbench/core/config.h"
#include "ringbench/core/machine.h"

namespace ringbench::report {

// {cpus, memory_mb, kernel}
nlohmann::ordered_json machine_json(const Machine& machine);

// UTC to the microsecond: "2026-11-30T12:00:00.123456Z".
std::string utc_timestamp(std::chrono::system_clock::time_point at);

// utc_timestamp, or null for the epoch (a result that does not know when it started).
nlohmann::ordered_json started_at_json(std::chrono::system_clock::time_point at);

// The config members beyond url, method, counts and keep-alive: {request_body_bytes,
// tls (null for http://, else {min_version, max_version, resume}), rate (--rate in requests/s;
// null for a closed-loop run), arrivals ("constant" or "poisson"; null for closed loop), seed
// (--seed; null for closed loop)}. compare checks rate and arrivals; the seed only picks which
// poisson sample was drawn, so runs with different seeds still compare.
nlohmann::ordered_json comparability_config_json(const Config& config);

}  // namespace ringbench::report

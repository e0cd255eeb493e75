#pragma once
// The facts about this machine that decide whether two measurements can be compared: a run's
// JSON and a sweep's JSON both record them (written by report::machine_json, the one writer).
#include <cstdint>
#include <string>

namespace ringbench {

struct Machine {
  uint32_t cpus = 0;       // CPUs of this process's affinity mask (what the workers may use)
  uint64_t memory_mb = 0;  // total RAM
  std::string kernel;      // uname release, e.g. "6.1.0-18-amd64"
};

// Reads them now; a figure the kernel will not give stays 0 / empty.
Machine probe_machine();

}  // namespace ringbench

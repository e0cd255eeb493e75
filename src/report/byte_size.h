#pragma once
// Byte counts as the text report prints them: exact below 1 KiB, otherwise scaled to the
// largest binary unit that keeps the number at least 1 (the JSON keeps the exact integers).
#include <cstdint>
#include <string>

namespace ringbench::report {

// "512 bytes", "1.00 KiB", "155.60 KiB", "6.46 MiB", "1.20 GiB".
std::string format_bytes(uint64_t bytes);

// The same for a rate: "2.15 MiB/s"; "0 bytes/s" for anything not finite or negative.
std::string format_bytes_per_second(double bytes_per_second);

}  // namespace ringbench::report

#pragma once
// serve --stall AFTER:LENGTH: a server that freezes once, for a known window, so a closed-loop
// and an open-loop run against it can be compared (issue 13). The window opens AFTER after the
// first request the server receives (any thread) and lasts LENGTH; a request arriving inside
// it is answered when it closes (or after its --delay, whichever is later).
#include <string>
#include <string_view>

#include "ringbench/core/clock.h"

namespace ringbench::serve {

struct Stall {
  Nanos after{0};   // from the first request to the window's start; 0 = the first request stalls
  Nanos length{0};  // 0 = no stall
};

// Reads "AFTER:LENGTH" in ringbench's duration grammar ("2s:1s", "1500ms:500ms"; a bare number
// is seconds). AFTER may be 0, LENGTH must be at least 1 ns. Throws Error(usage) with a one-line
// message naming --stall.
Stall parse_stall(std::string_view text);

// "1s stall 2s after the first request": for the startup line.
std::string describe_stall(const Stall& stall);

}  // namespace ringbench::serve

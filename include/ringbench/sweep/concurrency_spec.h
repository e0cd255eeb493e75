#pragma once
// The --conc grammar of `ringbench sweep` and the levels of its --refine pass. Pure: no I/O.
#include <cstdint>
#include <string_view>
#include <vector>

namespace ringbench::sweep {

// No level may ask for more connections than this (a typo such as 10..1000000000 is caught).
inline constexpr uint32_t max_level_connections = 1'000'000;
// No spec may produce more levels than this: each level is a full engine run, so
// "1..100000:step=1" is a mistake, not a plan.
inline constexpr size_t max_level_count = 100;

// "auto"             no fixed levels: the adaptive search (knee_search.h) picks them as it
//                    measures; returns an empty list
// "a,b,c"            the listed levels, sorted and de-duplicated (a single "50" is a list too)
// "LO..HI:log=N"     N log-spaced levels from LO to HI inclusive, rounded, de-duplicated
// "LO..HI:step=S"    LO, LO+S, ... up to HI (HI itself only when a step lands on it)
// Returns the levels ascending. Anything else, a level of 0 or above max_level_connections,
// LO > HI, N < 2, S < 1 or more than max_level_count levels throws Error(ExitCode::usage) with a
// one-line message naming --conc.
std::vector<uint32_t> parse_concurrency_spec(std::string_view spec);

// The --refine levels around the coarse winner w: 4 log-spaced levels in [0.5·w, 1.5·w]
// (rounded, at least 1, at most max_level_connections, de-duplicated), minus those already in
// `measured`, ascending. May be empty (w = 1 and 2 already measured, say).
std::vector<uint32_t> refine_levels(uint32_t winner, const std::vector<uint32_t>& measured);

}  // namespace ringbench::sweep

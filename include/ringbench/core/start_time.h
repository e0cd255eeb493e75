#pragma once
// --start-at: the wall-clock instant at which several clients start their measured windows
// together. Either an RFC 3339 date-time ("2026-11-30T21:30:00Z", "…T22:30:00.250+01:00") or
// "+D", a duration from now in the duration grammar ("+30s", "+1m30s").
#include <chrono>
#include <string_view>

namespace ringbench {

using WallTime = std::chrono::system_clock::time_point;

// How far ahead a start may lie: a typo in the year would otherwise make a client wait for
// years with its connections open.
inline constexpr std::chrono::hours max_start_ahead{24};

// Throws Error(usage) for text outside the grammar, an impossible date or time, a start at or
// before `now`, or one more than max_start_ahead after it.
WallTime parse_start_at(std::string_view text, WallTime now);

}  // namespace ringbench

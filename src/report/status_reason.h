#pragma once
// The reason phrase of an HTTP status code (RFC 9110 and common registrations), so a
// report reads "503 Service Unavailable" instead of a bare number.
#include <string_view>

namespace ringbench::report {

// "OK" for 200, "" for a code without a registered phrase.
std::string_view reason_phrase(int status) noexcept;

}  // namespace ringbench::report

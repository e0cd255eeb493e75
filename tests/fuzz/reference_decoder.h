#pragma once
// A slow, obviously correct reading of one HTTP/1.1 response's framing (RFC 9112 §6.3), for
// the fuzzer to hold the incremental parser against: interim 1xx responses skipped, no body
// for HEAD, 204 and 304, chunked when it is the final transfer coding (another final coding,
// or a Transfer-Encoding field with no coding: to the end), else Content-Length, else to the end. Lines end at LF, a CR before it dropped.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ringbench::fuzz {

struct Framing {
  int status = 0;
  uint64_t body_bytes = 0;
};

// `response`: the bytes of exactly one response (the parser said where it ended). None when
// the reference cannot read it (then the fuzzer compares nothing).
std::optional<Framing> reference_framing(std::string_view response, bool head_request);

}  // namespace ringbench::fuzz

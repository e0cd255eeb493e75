#pragma once
// How the server finds the end of the request body. ringbench sends Content-Length itself;
// a -H Content-Length or Transfer-Encoding that disagrees with the bytes of -d/-D would make
// the server read the body as the next request (or wait for bytes that never come), so every
// response would measure a broken exchange. Such combinations are refused before the run.
#include <string_view>

#include "ringbench/core/config.h"

namespace ringbench::http {

// What -H says about framing.
struct UserFraming {
  bool chunked = false;                 // -H Transfer-Encoding given: the body is sent as it is
  bool content_length_removed = false;  // -H 'Content-Length:' (empty) dropped the built-in one
};

// The rules, each a usage error with a one-line reason:
// - a -H Content-Length must be the body's size in bytes (then it is sent as given) and may
//   appear once;
// - a -H Transfer-Encoding must end in "chunked", may appear once, excludes a -H
//   Content-Length, and needs a body that is a complete chunked encoding (the built-in
//   Content-Length is then left out);
// - a non-empty body needs one of the two: -H 'Content-Length:' alone cannot remove it.
UserFraming check_framing(const Config& config);

// True if `body` is exactly one complete chunked message body (RFC 9112 7.1): chunks of
// hex size [;ext] CRLF data CRLF, a last chunk 0 CRLF, optional trailer lines, CRLF.
bool is_complete_chunked_body(std::string_view body);

}  // namespace ringbench::http

#pragma once
// Builds the bytes of one request once, at plan time. The hot path only sends them.
#include <string>

#include "ringbench/core/config.h"
#include "ringbench/http/url.h"

namespace ringbench::http {

// Header order: request line, Host, User-Agent (ringbench/<version>), Accept (-A or "*/*"),
// Authorization (Basic, from -a), Content-Type (-T, or "application/octet-stream" with a
// body and no -T; none without either),
// Content-Length (only with a body, or for POST/PUT/PATCH with an empty body), Connection
// ("keep-alive" is implied by HTTP/1.1 so only "close" is sent when keep-alive is off),
// then the user's -H headers.
// A -H header whose name equals (case-insensitively) a built-in one replaces it in place
// instead of being sent twice (it takes that slot even when the built-in would not be sent).
// A -H header with an empty value removes the built-in one.
// A -H Transfer-Encoding (the body then comes chunked from the user) suppresses the built-in
// Content-Length. -H Content-Length / Transfer-Encoding that would frame the body wrongly are
// refused (src/http/request_framing.h has the rules).
// Throws Error(usage) on a method or -H name that is not a token, a value with control bytes,
// or broken framing.
std::string build_request(const Config& config, const Url& url);

}  // namespace ringbench::http

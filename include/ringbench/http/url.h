#pragma once
// Target URLs: http://host[:port]/path?query (https:// parsed too; support is decided elsewhere).
#include <cstdint>
#include <string>
#include <string_view>

namespace ringbench::http {

struct Url {
  std::string scheme;     // "http" or "https", lower case
  std::string host;       // without IPv6 brackets: "127.0.0.1", "::1", "localhost"
  uint16_t port = 0;      // explicit or the scheme default (80 / 443)
  std::string target;     // request-target: path + "?query", always starts with '/'
  std::string authority;  // Host header value: host as written (brackets kept), ":port" only if given
};

// Throws ringbench::Error(usage) with a one-line reason on anything malformed:
// missing or unknown scheme, empty host, bad port, userinfo, whitespace or control bytes, fragment ignored.
Url parse_url(std::string_view text);

}  // namespace ringbench::http

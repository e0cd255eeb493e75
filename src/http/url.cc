#include "ringbench/http/url.h"

#include <arpa/inet.h>

#include <charconv>
#include <string>

#include "ringbench/http/ascii.h"
#include "ringbench/core/error.h"

namespace ringbench::http {
namespace {

// Throws with the URL quoted. Control bytes are shown as '?' so the message stays one line.
[[noreturn]] void reject(std::string_view text, std::string_view reason) {
  std::string shown(text);
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  throw_usage("invalid URL '" + shown + "': " + std::string(reason));
}

// RFC 3986 scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool is_scheme(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return false;
  for (char c : s) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Host names as resolvers accept them. Percent-encoded or IDN hosts are not supported.
bool is_host_name(std::string_view s) {
  for (char c : s) {
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.' && c != '_') return false;
  }
  return true;
}

// A host of only digits and dots would be resolved as a name if it is not a valid
// IPv4 address ("999.1.1.1"), which fails late and confusingly; reject it here.
bool looks_like_ipv4(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c) && c != '.') return false;
  }
  return true;
}

bool is_ipv4(std::string_view s) {
  in_addr addr;
  return inet_pton(AF_INET, std::string(s).c_str(), &addr) == 1;
}

bool is_ipv6(std::string_view s) {
  in6_addr addr;
  return inet_pton(AF_INET6, std::string(s).c_str(), &addr) == 1;
}

uint16_t parse_port(std::string_view text, std::string_view port) {
  unsigned value = 0;
  const char* end = port.data() + port.size();
  auto [ptr, ec] = std::from_chars(port.data(), end, value);
  if (port.empty() || ec != std::errc() || ptr != end || !is_digit(port[0]) || value == 0 || value > 65535) {
    reject(text, "bad port '" + std::string(port) + "' (expected 1..65535)");
  }
  return static_cast<uint16_t>(value);
}

void check_bytes(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) reject(text, "contains whitespace or control bytes");
  }
}

std::string parse_scheme(std::string_view text, std::string_view& rest) {
  const size_t sep = text.find("://");
  if (sep == std::string_view::npos || !is_scheme(text.substr(0, sep))) {
    reject(text, "missing scheme (use http://host[:port]/path)");
  }
  std::string scheme(text.substr(0, sep));
  for (char& c : scheme) c = to_lower(c);
  if (scheme != "http" && scheme != "https") {
    reject(text, "unknown scheme '" + scheme + "' (use http:// or https://)");
  }
  rest = text.substr(sep + 3);
  return scheme;
}

// Splits "host[:port]" / "[v6][:port]" into url.host and url.port (0 if absent).
// Returns the port as written, empty if there is none.
std::string_view parse_authority(std::string_view text, std::string_view authority, Url& url) {
  if (authority.find('@') != std::string_view::npos) {
    reject(text, "user@host is not supported (use -a user:pass)");
  }
  std::string_view host = authority;
  std::string_view after;  // ":port" or empty
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) reject(text, "missing ']' after IPv6 address");
    host = authority.substr(1, close - 1);
    after = authority.substr(close + 1);
    if (!after.empty() && after[0] != ':') reject(text, "unexpected text after ']'");
    if (!host.empty() && !is_ipv6(host)) reject(text, "invalid IPv6 address '" + std::string(host) + "'");
  } else {
    const size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      after = authority.substr(colon);
      if (after.find(':', 1) != std::string_view::npos) {
        reject(text, "IPv6 addresses need brackets (e.g. http://[::1]:8080/)");
      }
    }
    if (!is_host_name(host)) reject(text, "invalid host '" + std::string(host) + "'");
    if (!host.empty() && looks_like_ipv4(host) && !is_ipv4(host)) {
      reject(text, "invalid IPv4 address '" + std::string(host) + "'");
    }
  }
  if (host.empty()) reject(text, "empty host");
  url.host = std::string(host);
  if (after.empty()) return {};
  url.port = parse_port(text, after.substr(1));
  return after.substr(1);
}

}  // namespace

Url parse_url(std::string_view text) {
  check_bytes(text);
  Url url;
  std::string_view rest;
  url.scheme = parse_scheme(text, rest);

  rest = rest.substr(0, rest.find('#'));  // the fragment is never sent
  const size_t path_start = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, path_start);
  const std::string_view port_text = parse_authority(text, authority, url);
  // Host header: the host as written, the port normalised ("08080" -> "8080") only if given.
  url.authority = std::string(authority.substr(0, authority.size() - port_text.size()));
  if (url.port != 0) url.authority += std::to_string(url.port);
  else url.port = url.scheme == "https" ? 443 : 80;
  const std::string_view target = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  url.target = (target.empty() || target[0] != '/') ? "/" + std::string(target) : std::string(target);
  return url;
}

}  // namespace ringbench::http

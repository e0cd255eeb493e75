#include "ringbench/http/request_builder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "ringbench/core/error.h"
#include "ringbench/core/version.h"
#include "request_framing.h"

namespace ringbench::http {
namespace {

// The built-in headers in the order they are sent.
enum Slot : size_t {
  slot_host,
  slot_user_agent,
  slot_accept,
  slot_authorization,
  slot_content_type,
  slot_content_length,
  slot_connection,
  slot_count
};
constexpr std::array<std::string_view, slot_count> builtin_names = {
    "Host", "User-Agent", "Accept", "Authorization", "Content-Type", "Content-Length", "Connection"};

// Sent with a body when -T was not given: says nothing about the bytes beyond "bytes".
constexpr std::string_view default_content_type = "application/octet-stream";

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// RFC 9110 token: what a method and a field name may be made of.
bool is_token(std::string_view s) {
  constexpr std::string_view specials = "!#$%&'*+-.^_`|~";
  if (s.empty()) return false;
  for (char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && specials.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// A value with CR, LF or NUL would inject lines into the request; other controls are
// rejected as well because servers answer them with 400 and the run would be meaningless.
bool is_field_value(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

std::string base64(std::string_view in) {
  constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    const size_t n = std::min<size_t>(3, in.size() - i);
    uint32_t group = 0;
    for (size_t k = 0; k < 3; ++k) {
      group = (group << 8) | (k < n ? static_cast<unsigned char>(in[i + k]) : 0u);
    }
    for (size_t k = 0; k < 4; ++k) {
      out += k <= n ? alphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
    }
  }
  return out;
}

bool has_body_method(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

// The value each built-in header would have; empty = not sent.
std::array<std::string, slot_count> builtin_values(const Config& config, const Url& url,
                                                   const UserFraming& framing) {
  std::array<std::string, slot_count> v;
  v[slot_host] = url.authority;
  v[slot_user_agent] = "ringbench/" + std::string(ringbench::version);
  v[slot_accept] = config.accept.empty() ? "*/*" : config.accept;
  if (!config.basic_auth.empty()) v[slot_authorization] = "Basic " + base64(config.basic_auth);
  if (!config.content_type.empty()) v[slot_content_type] = config.content_type;
  else if (!config.body.empty()) v[slot_content_type] = default_content_type;
  // A -H Transfer-Encoding frames the body itself; Content-Length beside it would be a second,
  // conflicting framing (RFC 9112 6.1).
  if (!framing.chunked && (!config.body.empty() || has_body_method(config.method))) {
    v[slot_content_length] = std::to_string(config.body.size());
  }
  if (!config.keepalive) v[slot_connection] = "close";
  return v;
}

bool is_builtin(std::string_view name) {
  for (std::string_view builtin : builtin_names) {
    if (equals_ignore_case(name, builtin)) return true;
  }
  return false;
}

UserFraming validate(const Config& config) {
  if (!is_token(config.method)) throw_usage("invalid HTTP method '" + config.method + "'");
  if (!is_field_value(config.accept)) throw_usage("invalid Accept value (control bytes)");
  if (!is_field_value(config.content_type)) throw_usage("invalid Content-Type value (control bytes)");
  for (const Header& h : config.headers) {
    if (!is_token(h.name)) throw_usage("invalid header name '" + h.name + "'");
    if (!is_field_value(h.value)) throw_usage("invalid value for header '" + h.name + "' (control bytes)");
  }
  return check_framing(config);
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string build_request(const Config& config, const Url& url) {
  const UserFraming framing = validate(config);
  const auto builtins = builtin_values(config, url, framing);
  std::string out;
  out.append(config.method).append(" ").append(url.target).append(" HTTP/1.1\r\n");
  // Each built-in slot sends either the user's -H headers of that name (their spelling,
  // empty values dropped) or, if there are none, the built-in value.
  for (size_t i = 0; i < slot_count; ++i) {
    bool overridden = false;
    for (const Header& h : config.headers) {
      if (!equals_ignore_case(h.name, builtin_names[i])) continue;
      overridden = true;
      if (!h.value.empty()) append_field(out, h.name, h.value);
    }
    if (!overridden && !builtins[i].empty()) append_field(out, builtin_names[i], builtins[i]);
  }
  for (const Header& h : config.headers) {
    if (!is_builtin(h.name)) append_field(out, h.name, h.value);
  }
  out.append("\r\n").append(config.body);
  return out;
}

}  // namespace ringbench::http

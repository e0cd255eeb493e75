#pragma once
// ASCII byte tests of HTTP syntax, shared by the URL parser, the response parser and serve's
// request scanner. Locale-free on purpose: HTTP syntax is defined on bytes, and <cctype> would
// consult the process locale per call.
#include <array>
#include <cstdint>
#include <string_view>

namespace ringbench::http {

inline constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline constexpr bool is_ows(char c) { return c == ' ' || c == '\t'; }
inline constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// RFC 9110 tchar: the bytes allowed in methods, header names and list tokens. A table, because
// header bytes are examined one at a time.
inline constexpr std::array<bool, 256> tchar_table = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<size_t>(c)] = is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c));
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();
inline constexpr bool is_tchar(char c) { return tchar_table[static_cast<unsigned char>(c)]; }

}  // namespace ringbench::http

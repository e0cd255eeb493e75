#pragma once
// ASCII byte tests shared by the URL parser and the response parser. Locale-free on purpose:
// HTTP syntax is defined on bytes, and <cctype> would consult the process locale per call.

namespace ringbench::http {

inline constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline constexpr bool is_ows(char c) { return c == ' ' || c == '\t'; }
inline constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace ringbench::http

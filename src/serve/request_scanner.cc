#include "request_scanner.h"

#include <cstring>
#include <string_view>

#include "ringbench/http/ascii.h"

namespace ringbench::serve {
namespace {

using http::is_digit;
using http::is_ows;
using http::is_tchar;
using http::to_lower;

// Header names and Connection tokens we react to, lower case; bit i of a match mask stands
// for entry i. Matching keeps the bits whose entry still agrees with every byte seen.
constexpr std::string_view header_names[] = {"content-length", "transfer-encoding", "connection"};
constexpr uint8_t name_content_length = 1, name_transfer_encoding = 2, name_connection = 4;
constexpr std::string_view connection_tokens[] = {"close", "keep-alive"};
constexpr uint8_t token_close = 1, token_keep_alive = 2;

template <size_t N>
uint8_t narrow(uint8_t mask, const std::string_view (&words)[N], uint32_t pos, char c) {
  for (size_t i = 0; i < N; ++i) {
    if ((mask & (1u << i)) && (pos >= words[i].size() || words[i][pos] != c)) mask &= uint8_t(~(1u << i));
  }
  return mask;
}

// The entry of `mask` whose whole word was matched (`len` bytes), as its bit; 0 if none.
template <size_t N>
uint8_t complete(uint8_t mask, const std::string_view (&words)[N], uint32_t len) {
  for (size_t i = 0; i < N; ++i) {
    if ((mask & (1u << i)) && words[i].size() == len) return uint8_t(1u << i);
  }
  return 0;
}

constexpr std::string_view version_prefix = "HTTP/1.";
constexpr std::string_view head_method = "HEAD";
// Content-Length values beyond this are nonsense for a benchmark and would risk overflow.
constexpr uint64_t max_content_length = 1ull << 50;

}  // namespace

void RequestScanner::reset() noexcept {
  body_left_ = 0;
  number_ = 0;
  header_bytes_ = 0;
  token_pos_ = 0;
  state_ = request_start;
  match_ = 0;
  flags_ = 0;
}

size_t RequestScanner::finish(size_t used, Outcome& outcome, Outcome result) noexcept {
  state_ = done;
  outcome = result;
  return used;
}

size_t RequestScanner::scan(const char* data, size_t len, Outcome& outcome) noexcept {
  if (state_ == done) reset();
  size_t i = 0;
  while (i < len) {
    if (state_ == body) {
      const size_t take = body_left_ < len - i ? size_t(body_left_) : len - i;
      i += take;
      body_left_ -= take;
      if (body_left_ == 0) return finish(i, outcome, Outcome::request);
      continue;
    }
    if (state_ == value_skip) {
      // Most header bytes are values nobody looks at: skip them a line at a time.
      const void* lf = std::memchr(data + i, '\n', len - i);
      const size_t end = lf ? size_t(static_cast<const char*>(lf) - data) + 1 : len;
      header_bytes_ += uint32_t(end - i);
      i = end;
      if (header_bytes_ > max_header_bytes_) return finish(i, outcome, Outcome::header_too_large);
      if (lf) state_ = line_start;
      continue;
    }
    const char c = data[i++];
    if (++header_bytes_ > max_header_bytes_) return finish(i, outcome, Outcome::header_too_large);
    switch (step(c)) {
      case Step::more:
        break;
      case Step::bad:
        return finish(i, outcome, Outcome::bad_request);
      case Step::end_of_headers:
        if (flags_ & flag_transfer_encoding) return finish(i, outcome, Outcome::not_implemented);
        if (body_left_ == 0) return finish(i, outcome, Outcome::request);
        state_ = body;
        break;
    }
  }
  outcome = Outcome::need_more;
  return len;
}

RequestScanner::Step RequestScanner::step(char c) noexcept {
  switch (state_) {
    case request_start:
      // RFC 9112 2.2: ignore empty lines before a request (some clients send CRLF after a body).
      if (c == '\r' || c == '\n') return Step::more;
      if (!is_tchar(c)) return Step::bad;
      state_ = method;
      match_ = 1;  // still "HEAD"
      token_pos_ = 0;
      [[fallthrough]];
    case method:
      if (c == ' ') {
        if (match_ && token_pos_ == head_method.size()) flags_ |= flag_head;
        state_ = target;
        token_pos_ = 0;
        return Step::more;
      }
      if (!is_tchar(c)) return Step::bad;
      if (token_pos_ >= head_method.size() || head_method[token_pos_] != c) match_ = 0;
      if (token_pos_ < 0xFFFF) ++token_pos_;
      return Step::more;
    case target:
      if (c == ' ' && token_pos_ > 0) {
        state_ = version;
        token_pos_ = 0;
        return Step::more;
      }
      if (uint8_t(c) <= 0x20 || c == 0x7f) return Step::bad;
      token_pos_ = 1;
      return Step::more;
    case version:
      if (c != version_prefix[token_pos_]) return Step::bad;
      if (++token_pos_ == version_prefix.size()) state_ = version_minor;
      return Step::more;
    case version_minor:
      if (!is_digit(c)) return Step::bad;
      if (c == '0') flags_ |= flag_http10;
      state_ = request_line_end;
      return Step::more;
    case request_line_end:
      return end_value(c);
    case expect_lf:
      if (c != '\n') return Step::bad;
      state_ = line_start;
      return Step::more;
    case line_start:
      if (c == '\r') {
        state_ = expect_final_lf;
        return Step::more;
      }
      if (c == '\n') return Step::end_of_headers;
      if (!is_tchar(c)) return Step::bad;  // also obs-fold (a line starting with SP or HT)
      state_ = name;
      match_ = name_content_length | name_transfer_encoding | name_connection;
      token_pos_ = 0;
      return step_name(c);
    case expect_final_lf:
      return c == '\n' ? Step::end_of_headers : Step::bad;
    case name:
      return step_name(c);
    case value_length:
      return step_length(c);
    case value_connection:
      return step_connection(c);
    case value_skip:
    case body:
    case done:
      break;  // handled by scan()
  }
  return Step::bad;
}

RequestScanner::Step RequestScanner::step_name(char c) noexcept {
  if (c == ':') {
    const uint8_t header = complete(match_, header_names, token_pos_);
    token_pos_ = 0;
    number_ = 0;
    if (header == name_content_length) {
      state_ = value_length;
    } else if (header == name_connection) {
      state_ = value_connection;
    } else {
      if (header == name_transfer_encoding) flags_ |= flag_transfer_encoding;
      state_ = value_skip;
    }
    return Step::more;
  }
  if (!is_tchar(c)) return Step::bad;  // includes whitespace before the colon (RFC 9112 5.1)
  match_ = narrow(match_, header_names, token_pos_, to_lower(c));
  if (token_pos_ < 0xFFFF) ++token_pos_;
  return Step::more;
}

RequestScanner::Step RequestScanner::step_length(char c) noexcept {
  // token_pos_: 0 = whitespace before the digits, 1 = digits, 2 = whitespace after them.
  if (is_digit(c) && token_pos_ < 2) {
    number_ = number_ * 10 + uint64_t(c - '0');
    if (number_ > max_content_length) return Step::bad;
    token_pos_ = 1;
    return Step::more;
  }
  if (is_ows(c)) {
    if (token_pos_ == 1) token_pos_ = 2;
    return Step::more;
  }
  if (token_pos_ == 0 || (c != '\r' && c != '\n')) return Step::bad;  // empty, a list, junk
  if ((flags_ & flag_has_length) && number_ != body_left_) return Step::bad;
  flags_ |= flag_has_length;
  body_left_ = number_;
  return end_value(c);
}

RequestScanner::Step RequestScanner::step_connection(char c) noexcept {
  // token_pos_: 0 between tokens, otherwise the length of the token read so far.
  const bool delimiter = c == ',' || is_ows(c) || c == '\r' || c == '\n';
  if (!delimiter) {
    if (token_pos_ == 0) match_ = token_close | token_keep_alive;
    match_ = narrow(match_, connection_tokens, token_pos_, to_lower(c));
    if (token_pos_ < 0xFFFF) ++token_pos_;
    return Step::more;
  }
  if (token_pos_ > 0) {
    const uint8_t token = complete(match_, connection_tokens, token_pos_);
    if (token == token_close) flags_ |= flag_close;
    if (token == token_keep_alive) flags_ |= flag_keep_alive;
    token_pos_ = 0;
  }
  return (c == '\r' || c == '\n') ? end_value(c) : Step::more;
}

RequestScanner::Step RequestScanner::end_value(char c) noexcept {
  if (c == '\r') {
    state_ = expect_lf;
    return Step::more;
  }
  if (c == '\n') {
    state_ = line_start;
    return Step::more;
  }
  return Step::bad;
}

}  // namespace ringbench::serve

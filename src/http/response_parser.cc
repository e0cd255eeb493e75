#include "ringbench/http/response_parser.h"

#include <algorithm>

#include "response_machine.h"

// A byte-level state machine (RFC 9112). Everything it needs to survive a buffer boundary at
// any byte lives in the few members of ResponseParser: no byte of the response is copied.
// What is whole in the buffer is read in runs: "HTTP/1.1 200 " at once, field names and
// list tokens matched as runs, ordinary field lines one after another in one step, values and
// reason phrases checked 16 bytes at a time, body bytes counted. The byte states take over at
// a buffer boundary, and every run gives exactly what the bytes one at a time would (the
// tests feed every response whole, byte by byte and split at random, and compare).
// This file: the public API, the status line, the framing decision and the body;
// header fields are in response_fields.cc.

namespace ringbench::http {

using namespace machine;

const char* describe(ParseError error) {
  switch (error) {
    case ParseError::none: return "no error";
    case ParseError::bad_status_line: return "invalid status line";
    case ParseError::bad_status_code: return "invalid status code";
    case ParseError::bad_header: return "invalid header field";
    case ParseError::header_too_large: return "header block too large";
    case ParseError::bad_content_length: return "invalid Content-Length";
    case ParseError::conflicting_content_length: return "conflicting Content-Length values";
    case ParseError::bad_chunk_size: return "invalid chunk size";
    case ParseError::bad_chunk_framing: return "invalid chunk framing";
    case ParseError::unsupported_transfer_coding: return "unsupported transfer coding";
    case ParseError::truncated: return "connection closed mid-response";
  }
  return "unknown parse error";
}

ResponseParser::ResponseParser(uint32_t max_header_bytes) noexcept : max_header_bytes_(max_header_bytes) {
  start(false);
}

void ResponseParser::start(bool head_request) noexcept {
  remaining_ = body_bytes_ = content_length_ = 0;
  header_bytes_ = 0;
  status_ = 0;
  flags_ = head_request ? f_head : 0;
  state_ = st_version;
  field_ = field_none;
  match_mask_ = match_pos_ = 0;
  error_ = ParseError::none;
}

ResponseParser::Result ResponseParser::feed(const char* data, size_t len, size_t& consumed) noexcept {
  consumed = 0;
  if (state_ == st_failed) return Result::error;
  if (state_ == st_done) return Result::complete;
  if (len > 0) flags_ |= f_started;
  size_t i = 0;
  while (i < len && state_ < st_done) {
    const bool head = is_head_state(state_);
    // A head step sees at most one byte past the limit, so the error found in an oversized
    // head does not depend on where the buffers were split.
    const size_t head_room = size_t{max_header_bytes_} - header_bytes_ + 1;
    const size_t n = step(data + i, head ? std::min(len - i, head_room) : len - i);
    i += n;
    if (head && state_ != st_failed) {
      if (n > max_header_bytes_ - header_bytes_) fail(ParseError::header_too_large);
      else header_bytes_ += static_cast<uint32_t>(n);
    }
  }
  consumed = i;
  if (state_ == st_done) return Result::complete;
  return state_ == st_failed ? Result::error : Result::need_more;
}

ResponseParser::Result ResponseParser::feed_eof() noexcept {
  if (state_ == st_failed) return Result::error;
  if (state_ == st_done) return Result::complete;
  if (!(flags_ & f_started)) return Result::need_more;
  if (state_ == st_body_eof) {
    state_ = st_done;
    return Result::complete;
  }
  fail(ParseError::truncated);
  return Result::error;
}

bool ResponseParser::started() const noexcept { return flags_ & f_started; }
bool ResponseParser::headers_done() const noexcept { return flags_ & f_headers_done; }
int ResponseParser::status() const noexcept { return status_; }
uint64_t ResponseParser::body_bytes() const noexcept { return body_bytes_; }
ParseError ResponseParser::error() const noexcept { return error_; }

bool ResponseParser::keep_alive() const noexcept {
  if (state_ == st_failed || (flags_ & (f_close_delimited | f_close))) return false;
  // RFC 9112 §6.1/§6.3: Transfer-Encoding together with Content-Length, or in an HTTP/1.0
  // message, means the framing cannot be trusted; use the message, then close.
  if ((flags_ & f_has_te) && (flags_ & (f_has_length | f_http10))) return false;
  return !(flags_ & f_http10) || (flags_ & f_keep_alive);
}

void ResponseParser::fail(ParseError error) noexcept {
  error_ = error;
  state_ = st_failed;
}

size_t ResponseParser::step(const char* data, size_t len) noexcept {
  switch (state_) {
    case st_reason: return skip_text(data, len, st_status_lf, ParseError::bad_status_line);
    case st_other_value: return field_lines(data, len);
    case st_chunk_ext: return skip_text(data, len, st_chunk_size_lf, ParseError::bad_chunk_size);
    case st_chunk_data: return take_body(data, len, st_chunk_data_cr);
    case st_body_length: return take_body(data, len, st_done);
    case st_body_eof: body_bytes_ += len; return len;
    case st_field_name: return field_lines(data, len);
    case st_version:
      if (const size_t n = status_line_start(data, len)) return n;
      break;
    case st_list_value:
      if (const size_t n = list_token_run(data, len)) return n;
      break;
    case st_field_start:
      if (is_tchar(*data)) return field_lines(data, len);
      break;
    default: break;
  }
  // Single-byte states: stay here while they last, but never across the head/body border,
  // because feed() counts a step's bytes against the header limit by the state it began in.
  const bool head = is_head_state(state_);
  size_t i = 0;
  do {
    on_byte(data[i++]);
  } while (i < len && is_byte_state(state_) && is_head_state(state_) == head);
  return i;
}

void ResponseParser::on_byte(char c) noexcept {
  if (state_ < st_field_start) on_status_byte(c);
  else if (state_ == st_length_value) on_length_byte(c);
  else if (state_ == st_list_value) on_list_byte(c);
  else if (state_ <= st_fields_end_lf) on_field_byte(c);
  else on_chunk_line_byte(c);
}

// Skips text up to the line end. CR is consumed; a bare LF is left for `lf_state`, whose
// handler accepts it, so both line ends take the same path.
// A CRLF after a header value or the reason phrase is taken here too (the common case, one
// step less per line): st_field_lf and st_status_lf would only check the LF and move on to
// the next field.
size_t ResponseParser::skip_text(const char* data, size_t len, uint8_t lf_state, ParseError error) noexcept {
  const size_t i = count_text(data, len);
  if (i == len) return len;
  if (data[i] != '\r' && data[i] != '\n') {
    fail(error);
    return i + 1;
  }
  state_ = lf_state;
  if (data[i] == '\n') return i;
  if ((lf_state == st_field_lf || lf_state == st_status_lf) && i + 1 < len && data[i + 1] == '\n') {
    state_ = st_field_start;
    return i + 2;
  }
  return i + 1;
}

size_t ResponseParser::take_body(const char* data, size_t len, uint8_t next_state) noexcept {
  (void)data;  // counted, never read
  const size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, len));
  remaining_ -= n;
  body_bytes_ += n;
  if (remaining_ == 0) state_ = next_state;
  return n;
}

// "HTTP/1.x 200 " whole in the buffer (the usual case) is read at once; anything else is left
// to on_status_byte, which finds the same error byte by byte. Returns the bytes taken, or 0.
size_t ResponseParser::status_line_start(const char* data, size_t len) noexcept {
  constexpr size_t prefix = version_prefix.size();  // then minor, SP, 3 digits, SP
  if (match_pos_ != 0 || len < prefix + 6 || std::string_view(data, prefix) != version_prefix) return 0;
  const char minor = data[prefix];
  const char* code = data + prefix + 2;
  if (!is_digit(minor) || data[prefix + 1] != ' ' || !is_digit(code[0]) || !is_digit(code[1]) ||
      !is_digit(code[2]) || code[3] != ' ') {
    return 0;
  }
  if (minor == '0') flags_ |= f_http10;
  status_ = static_cast<uint16_t>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
  // 101: we never ask to upgrade, so switching protocols is a protocol error.
  if (status_ < 100 || status_ > 599 || status_ == 101) {
    fail(ParseError::bad_status_code);
    return prefix + 5;  // the error is the code's last digit, as byte by byte
  }
  state_ = st_reason;
  return prefix + 6;
}

void ResponseParser::on_status_byte(char c) noexcept {
  switch (state_) {
    case st_version:
      if (c != version_prefix[match_pos_]) return fail(ParseError::bad_status_line);
      if (++match_pos_ == version_prefix.size()) state_ = st_minor;
      return;
    case st_minor:
      if (!is_digit(c)) return fail(ParseError::bad_status_line);
      if (c == '0') flags_ |= f_http10;
      state_ = st_code_sp;
      return;
    case st_code_sp:
      if (c != ' ') return fail(ParseError::bad_status_line);
      state_ = st_code;
      match_pos_ = 0;
      return;
    case st_code:
      if (!is_digit(c)) return fail(ParseError::bad_status_line);
      status_ = static_cast<uint16_t>(status_ * 10 + (c - '0'));
      if (++match_pos_ < 3) return;
      // 101: we never ask to upgrade, so switching protocols is a protocol error.
      if (status_ < 100 || status_ > 599 || status_ == 101) return fail(ParseError::bad_status_code);
      state_ = st_after_code;
      return;
    case st_after_code:
      if (c == ' ') state_ = st_reason;
      else if (c == '\r' || c == '\n') state_ = c == '\r' ? st_status_lf : st_field_start;
      else fail(ParseError::bad_status_line);
      return;
    case st_status_lf:
      if (c != '\n') return fail(ParseError::bad_status_line);
      state_ = st_field_start;
      return;
  }
}

void ResponseParser::end_fields() noexcept {
  if (flags_ & f_headers_done) {  // the empty line after the trailers
    state_ = st_done;
    return;
  }
  if (status_ < 200) {  // interim response: its fields are gone, the real one follows
    flags_ &= f_head | f_started;
    status_ = 0;
    content_length_ = 0;
    field_ = field_none;
    match_pos_ = 0;
    state_ = st_version;
    return;
  }
  flags_ |= f_headers_done;
  field_ = field_none;  // an obs-fold at the start of the trailers folds nothing
  if ((flags_ & f_head) || status_ == 204 || status_ == 304) {
    state_ = st_done;
  } else if (flags_ & f_has_te) {
    // RFC 9112 §6.3: a final coding other than chunked means the body ends at EOF.
    if (flags_ & f_chunked) {
      state_ = st_chunk_size_first;
    } else {
      flags_ |= f_close_delimited;
      state_ = st_body_eof;
    }
  } else if (flags_ & f_has_length) {
    remaining_ = content_length_;
    state_ = remaining_ == 0 ? st_done : st_body_length;
  } else {
    flags_ |= f_close_delimited;
    state_ = st_body_eof;
  }
}

void ResponseParser::on_chunk_line_byte(char c) noexcept {
  const int hex = hex_value(c);
  switch (state_) {
    case st_chunk_size_first:
      if (hex < 0) return fail(ParseError::bad_chunk_size);
      remaining_ = static_cast<uint64_t>(hex);
      state_ = st_chunk_size;
      return;
    case st_chunk_size:
      if (hex >= 0) {
        if (!accumulate(remaining_, 16, static_cast<unsigned>(hex))) fail(ParseError::bad_chunk_size);
        return;
      }
      [[fallthrough]];
    case st_chunk_size_ws:
      if (is_ows(c)) state_ = st_chunk_size_ws;
      else if (c == ';') state_ = st_chunk_ext;
      else if (c == '\r') state_ = st_chunk_size_lf;
      else if (c == '\n') end_chunk_size_line();
      else fail(ParseError::bad_chunk_size);
      return;
    case st_chunk_size_lf:
      if (c != '\n') return fail(ParseError::bad_chunk_framing);
      return end_chunk_size_line();
    case st_chunk_data_cr:
      if (c == '\r') state_ = st_chunk_data_lf;
      else if (c == '\n') state_ = st_chunk_size_first;
      else fail(ParseError::bad_chunk_framing);
      return;
    case st_chunk_data_lf:
      if (c != '\n') return fail(ParseError::bad_chunk_framing);
      state_ = st_chunk_size_first;
      return;
  }
}

void ResponseParser::end_chunk_size_line() noexcept {
  // The last chunk (size 0) is followed by trailer fields and an empty line.
  state_ = remaining_ == 0 ? st_field_start : st_chunk_data;
}

}  // namespace ringbench::http

#include "ringbench/http/response_parser.h"

#include <algorithm>

#include "response_machine.h"

// A byte-level state machine (RFC 9112). Everything it needs to survive a buffer boundary at
// any byte lives in the few members of ResponseParser: no byte of the response is copied.
// Header lines are walked byte by byte (they are short); uninteresting header values,
// reason phrases, chunk extensions and body bytes are skipped in bulk.
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
    case st_other_value: return skip_text(data, len, st_field_lf, ParseError::bad_header);
    case st_chunk_ext: return skip_text(data, len, st_chunk_size_lf, ParseError::bad_chunk_size);
    case st_chunk_data: return take_body(data, len, st_chunk_data_cr);
    case st_body_length: return take_body(data, len, st_done);
    case st_body_eof: body_bytes_ += len; return len;
    case st_field_name: return scan_name(data, len);
    case st_field_start:
      if (is_tchar(*data)) return begin_name(data, len);
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
size_t ResponseParser::skip_text(const char* data, size_t len, uint8_t lf_state, ParseError error) noexcept {
  size_t i = 0;
  while (i < len && is_text(data[i])) ++i;
  if (i == len) return len;
  if (data[i] == '\r' || data[i] == '\n') state_ = lf_state;
  else fail(error);
  return data[i] == '\n' ? i : i + 1;
}

size_t ResponseParser::take_body(const char* data, size_t len, uint8_t next_state) noexcept {
  (void)data;  // counted, never read
  const size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, len));
  remaining_ -= n;
  body_bytes_ += n;
  if (remaining_ == 0) state_ = next_state;
  return n;
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

// ResponseParser: header fields. Names are matched against the few fields that decide
// framing and connection handling; only those values are parsed, the rest are skipped.
#include <algorithm>

#include "response_machine.h"
#include "ringbench/http/response_parser.h"

namespace ringbench::http {

using namespace machine;

void ResponseParser::on_field_byte(char c) noexcept {
  switch (state_) {
    case st_field_start:  // (a name's first byte goes to begin_name() instead)
      if (c == '\r') state_ = st_fields_end_lf;
      else if (c == '\n') end_fields();
      // obs-fold: accepted only inside a field whose value we ignore; unfolding a framing
      // field is how smuggling starts.
      else if (is_ows(c) && field_ == field_other) state_ = st_other_value;
      else fail(ParseError::bad_header);
      return;
    case st_field_lf:
      if (c != '\n') return fail(ParseError::bad_header);
      state_ = st_field_start;
      return;
    case st_fields_end_lf:
      if (c != '\n') return fail(ParseError::bad_header);
      return end_fields();
  }
}

// Runs of ordinary field lines (name, ':', a value we skip, CRLF) in one step, since most of a
// head is made of them; stops at anything else (a framing field's value, the empty line, a
// buffer end) for the byte states. Entered only where the first byte makes progress.
size_t ResponseParser::field_lines(const char* data, size_t len) noexcept {
  size_t i = 0;
  while (i < len) {
    if (state_ == st_field_start && is_tchar(data[i])) i += begin_name(data + i, len - i);
    else if (state_ == st_field_name) i += scan_name(data + i, len - i);
    else if (state_ == st_other_value) i += skip_text(data + i, len - i, st_field_lf, ParseError::bad_header);
    else break;
  }
  return i;
}

// Starts a field name (its first byte is data[0]).
size_t ResponseParser::begin_name(const char* data, size_t len) noexcept {
  state_ = st_field_name;
  match_mask_ = all_words(field_names.size());
  match_pos_ = 0;
  return scan_name(data, len);
}

// Reads name bytes up to the ':'. Runs of name bytes are matched at once, not byte by byte.
size_t ResponseParser::scan_name(const char* data, size_t len) noexcept {
  size_t i = 0;
  while (i < len && is_tchar(data[i])) ++i;
  if (match_pos_ == 0 && i < len) {
    // The whole name is in this buffer (the usual case): only words of its length can match.
    for (size_t w = 0; w < field_names.size(); ++w) {
      if (field_names[w].size() != i) match_mask_ &= ~(1u << w);
    }
  }
  if (match_mask_ != 0) match(data, i);
  if (i == len) return len;
  if (data[i] == ':') begin_value();
  else fail(ParseError::bad_header);
  return i + 1;
}

// Compares the next `len` bytes of the token being read with the candidate words.
void ResponseParser::match(const char* data, size_t len) noexcept {
  const std::span<const std::string_view> words = candidate_words(state_, field_);
  const size_t pos = match_pos_ & token_len_max;
  for (size_t w = 0; w < words.size(); ++w) {
    if (!(match_mask_ & (1u << w))) continue;
    if (pos + len > words[w].size() || !equal_ignoring_case(data, words[w].data() + pos, len)) {
      match_mask_ &= ~(1u << w);
    }
  }
  const size_t end = std::min<size_t>(pos + len, token_len_max);
  match_pos_ = static_cast<uint8_t>((match_pos_ & token_ended) | end);
}

// The word fully matched by the token just read, or -1.
int ResponseParser::matched() const noexcept {
  const std::span<const std::string_view> words = candidate_words(state_, field_);
  for (size_t i = 0; i < words.size(); ++i) {
    if ((match_mask_ & (1u << i)) && words[i].size() == (match_pos_ & token_len_max))
      return static_cast<int>(i);
  }
  return -1;
}

void ResponseParser::begin_value() noexcept {
  const int name = matched();
  // Trailers never change framing or connection handling.
  field_ = (name < 0 || (flags_ & f_headers_done)) ? static_cast<uint8_t>(field_other)
                                                   : static_cast<uint8_t>(name);
  match_pos_ = 0;
  switch (field_) {
    case field_content_length:
      state_ = st_length_value;
      remaining_ = 0;
      match_pos_ = length_before;
      return;
    case field_transfer_encoding:
      flags_ |= f_has_te;
      state_ = st_list_value;
      match_mask_ = all_words(coding_words.size());
      return;
    case field_connection:
      state_ = st_list_value;
      match_mask_ = all_words(connection_words.size());
      return;
    default: state_ = st_other_value; return;
  }
}

void ResponseParser::end_value_line(char c) noexcept {
  if (state_ == st_failed) return;
  state_ = c == '\r' ? st_field_lf : st_field_start;
}

// Content-Length = 1*DIGIT, possibly repeated as a list ("5, 5") which must agree.
void ResponseParser::on_length_byte(char c) noexcept {
  if (is_digit(c) && match_pos_ != length_after) {
    if (!accumulate(remaining_, 10, static_cast<unsigned>(c - '0')))
      return fail(ParseError::bad_content_length);
    match_pos_ = length_digits;
  } else if (is_ows(c)) {
    if (match_pos_ == length_digits) match_pos_ = length_after;
  } else if ((c == ',' || c == '\r' || c == '\n') && match_pos_ != length_before) {
    end_length_element();
    if (c == ',') match_pos_ = length_before;
    else end_value_line(c);
  } else {
    fail(ParseError::bad_content_length);
  }
}

void ResponseParser::end_length_element() noexcept {
  if ((flags_ & f_has_length) && content_length_ != remaining_) {
    return fail(ParseError::conflicting_content_length);
  }
  content_length_ = remaining_;
  remaining_ = 0;
  flags_ |= f_has_length;
}

// Transfer-Encoding and Connection: comma-separated tokens, compared case-insensitively.
// Parameters (";q=...") just make the token differ from the words we look for.
void ResponseParser::on_list_byte(char c) noexcept {
  if (c == ',' || c == '\r' || c == '\n') {
    end_list_element();
    if (c != ',') end_value_line(c);
  } else if (is_ows(c)) {
    if (match_pos_ != 0) match_pos_ |= token_ended;
  } else if (!is_text(c)) {
    fail(ParseError::bad_header);
  } else if (match_pos_ & token_ended) {
    match_mask_ = 0;
  } else {
    match(&c, 1);
  }
}

// The bytes of a list token before any delimiter, matched as one run (on_list_byte would
// match them one at a time, with the same result). Returns the bytes taken, or 0.
size_t ResponseParser::list_token_run(const char* data, size_t len) noexcept {
  if (match_pos_ & token_ended) return 0;  // whitespace ended the token: on_list_byte decides
  size_t i = 0;
  if (match_pos_ == 0) {
    while (i < len && is_ows(data[i])) ++i;  // before a token, on_list_byte ignores whitespace
  }
  const size_t token = i;
  while (i < len && is_text(data[i]) && !is_ows(data[i]) && data[i] != ',') ++i;
  if (i > token) match(data + token, i - token);
  return i;
}

void ResponseParser::end_list_element() noexcept {
  if (match_pos_ == 0) return;  // empty list elements are allowed and ignored
  const int word = matched();
  if (field_ == field_transfer_encoding) {
    flags_ = word == 0 ? (flags_ | f_chunked) : (flags_ & ~f_chunked);
    match_mask_ = all_words(coding_words.size());
  } else {
    if (word == 0) flags_ |= f_close;
    if (word == 1) flags_ |= f_keep_alive;
    match_mask_ = all_words(connection_words.size());
  }
  match_pos_ = 0;
}

}  // namespace ringbench::http

#pragma once
// Incremental, allocation-free HTTP/1.1 response parser (RFC 9112).
//
// Fed whatever bytes arrived, split anywhere; reports how many bytes belong to the current
// response so the rest can be fed again for the next (pipelined / coalesced) response.
// Body bytes are counted, never copied. State is a small fixed struct (one per connection).
#include <cstddef>
#include <cstdint>

namespace ringbench::http {

enum class ParseError : uint8_t {
  none,
  bad_status_line,            // not "HTTP/1.x SP 3DIGIT SP reason CRLF"
  bad_status_code,            // outside 100..599, or 101 (we never ask to upgrade)
  bad_header,                 // header line without ':', bad bytes in it, or a risky obs-fold
  header_too_large,           // status line + headers over the limit
  bad_content_length,         // not digits, negative, overflowing
  conflicting_content_length, // several Content-Length values that differ
  bad_chunk_size,             // not hex, overflowing, or missing
  bad_chunk_framing,          // missing CRLF after chunk data
  unsupported_transfer_coding,// not reported: a final coding other than chunked means the
                              // body is read until EOF (RFC 9112 §6.3), keep_alive() false
  truncated,                  // EOF before the response was complete
};

// Short human-readable reason, e.g. "invalid chunk size".
const char* describe(ParseError error);

class ResponseParser {
 public:
  enum class Result : uint8_t { need_more, complete, error };

  explicit ResponseParser(uint32_t max_header_bytes = 64 * 1024) noexcept;

  // Prepares for the next response. `head_request`: the response has no body whatever its
  // headers say (responses to HEAD).
  void start(bool head_request) noexcept;

  // Feeds `len` bytes. `consumed` is set to how many of them belong to this response:
  // all of them on need_more; on complete the bytes after `consumed` start the next response;
  // on error the connection is unusable.
  Result feed(const char* data, size_t len, size_t& consumed) noexcept;

  // The peer closed the connection. Completes a close-delimited body; otherwise an error
  // (truncated) if the response had started. If no byte of this response arrived yet,
  // returns need_more and sets nothing: the caller decides (EOF between responses).
  Result feed_eof() noexcept;

  bool started() const noexcept;          // at least one byte of this response was fed
  bool headers_done() const noexcept;     // final response's header block fully parsed
  int status() const noexcept;            // final status code (interim 1xx are skipped)
  bool keep_alive() const noexcept;       // the connection may carry another request after this
  uint64_t body_bytes() const noexcept;   // decoded body bytes (chunk payload only)
  ParseError error() const noexcept;

 private:
  // Private state: chosen by the implementation, kept to a few dozen bytes (48 on LP64).
  // The steps of the state machine in response_parser.cc and response_fields.cc.
  size_t step(const char* data, size_t len) noexcept;
  size_t skip_text(const char* data, size_t len, uint8_t lf_state, ParseError error) noexcept;
  size_t take_body(const char* data, size_t len, uint8_t next_state) noexcept;
  void on_byte(char c) noexcept;
  size_t status_line_start(const char* data, size_t len) noexcept;
  void on_status_byte(char c) noexcept;
  size_t field_lines(const char* data, size_t len) noexcept;
  size_t begin_name(const char* data, size_t len) noexcept;
  size_t scan_name(const char* data, size_t len) noexcept;
  void on_field_byte(char c) noexcept;
  void on_length_byte(char c) noexcept;
  void on_list_byte(char c) noexcept;
  size_t list_token_run(const char* data, size_t len) noexcept;
  void on_chunk_line_byte(char c) noexcept;
  void begin_value() noexcept;
  void end_value_line(char c) noexcept;
  void end_length_element() noexcept;
  void end_list_element() noexcept;
  void end_fields() noexcept;
  void end_chunk_size_line() noexcept;
  void match(const char* data, size_t len) noexcept;
  int matched() const noexcept;
  void fail(ParseError error) noexcept;

  uint64_t remaining_ = 0;       // body or chunk bytes left; in a header: the number being read
  uint64_t body_bytes_ = 0;
  uint64_t content_length_ = 0;  // the Content-Length value seen so far (all must agree)
  uint32_t max_header_bytes_;
  uint32_t header_bytes_ = 0;    // status lines + header fields + trailers so far
  uint16_t status_ = 0;
  uint16_t flags_ = 0;
  uint8_t state_ = 0;
  uint8_t field_ = 0;            // which header field's value is being read
  uint8_t match_mask_ = 0;       // words still matching the token being read (bit per word)
  uint8_t match_pos_ = 0;        // position in that token, or a small counter of the state
  ParseError error_ = ParseError::none;
};

}  // namespace ringbench::http

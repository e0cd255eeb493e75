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
  bad_status_code,            // outside 100..599
  bad_header,                 // header line without ':' or with bad bytes in the name
  header_too_large,           // status line + headers over the limit
  bad_content_length,         // not digits, negative, overflowing
  conflicting_content_length, // several Content-Length values that differ
  bad_chunk_size,             // not hex, overflowing, or missing
  bad_chunk_framing,          // missing CRLF after chunk data
  unsupported_transfer_coding,// Transfer-Encoding whose final coding is not chunked
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
  // Private state: chosen by the implementation, kept to a few dozen bytes.
  uint64_t remaining_ = 0;   // Content-Length left, or chunk bytes left
  uint64_t body_bytes_ = 0;
  uint64_t content_length_ = 0;
  uint32_t max_header_bytes_;
  uint32_t header_bytes_ = 0;
  uint16_t status_ = 0;
  uint16_t token_pos_ = 0;   // position within the header name / value token being matched
  uint8_t state_ = 0;
  uint8_t header_kind_ = 0;
  uint8_t flags_ = 0;
  uint8_t version_minor_ = 1;
  ParseError error_ = ParseError::none;
};

}  // namespace ringbench::http

#pragma once
// Incremental HTTP/1.1 request scanner (RFC 9112) for a server that sends the same response to
// every request: it does not keep the request, it only finds where each one ends and the few
// facts the response depends on (HEAD or not, HTTP/1.0 or 1.1, keep-alive or close).
//
// Fed whatever a recv delivered, split at any byte; the state is a few words per connection
// and no byte is copied. What it accepts:
//  - request line "METHOD SP target SP HTTP/1.x", empty lines before it are skipped; any
//    other version, an empty target or bad bytes is a bad request (400);
//  - lines end in CRLF or a bare LF; header names are tokens; obs-fold is a bad request;
//  - Content-Length: digits with optional whitespace; duplicates must agree; the body is
//    skipped and the request completes after its last byte;
//  - any Transfer-Encoding is not implemented (501): request bodies of unknown length are not
//    worth supporting in a benchmark target, and guessing their end would desynchronise;
//  - Connection: comma-separated tokens, "close" and "keep-alive" matched case-insensitively;
//  - the request line and headers together over `max_header_bytes` is 431.
// Not checked: Host presence, the target's syntax, header values other than the three above.
#include <cstddef>
#include <cstdint>

namespace ringbench::serve {

class RequestScanner {
 public:
  enum class Outcome : uint8_t {
    need_more,         // every byte was used; the request is not complete yet
    request,           // a request ended; see head(), http10(), keep_alive()
    bad_request,       // 400; the connection must be closed
    header_too_large,  // 431; the connection must be closed
    not_implemented,   // 501 (Transfer-Encoding); the connection must be closed
  };

  static constexpr uint32_t default_max_header_bytes = 64 * 1024;

  explicit RequestScanner(uint32_t max_header_bytes = default_max_header_bytes) noexcept
      : max_header_bytes_(max_header_bytes) {}

  // Scans `len` bytes and returns how many were used: all of them on need_more; on request,
  // the bytes after the returned count begin the next request (scan them again). After an
  // error the rest of the stream is meaningless. Makes progress whenever len > 0.
  size_t scan(const char* data, size_t len, Outcome& outcome) noexcept;

  // Forgets any partial request (a new connection).
  void reset() noexcept;

  // Facts about the request just completed (valid after Outcome::request).
  bool head() const noexcept { return flags_ & flag_head; }
  bool http10() const noexcept { return flags_ & flag_http10; }
  bool keep_alive() const noexcept {
    if (flags_ & flag_close) return false;
    return !(flags_ & flag_http10) || (flags_ & flag_keep_alive);
  }

 private:
  enum State : uint8_t {
    request_start,     // skipping empty lines before the request line
    method,
    target,
    version,           // matching "HTTP/1." (position in token_pos_)
    version_minor,     // the one digit after "HTTP/1."
    request_line_end,  // CR or LF after the version
    expect_lf,         // the LF after a CR ending a line of the header block
    line_start,        // a header line or the empty line ending the block
    expect_final_lf,   // the LF after the CR of that empty line
    name,              // header name up to ':'
    value_skip,        // a value we do not look at, skipped to its LF
    value_length,      // Content-Length value (phase in token_pos_)
    value_connection,  // Connection value (token position in token_pos_)
    body,              // skipping body_left_ bytes
    done,              // a request or an error was reported; the next scan starts afresh
  };
  enum Flag : uint8_t {
    flag_head = 1,
    flag_http10 = 2,
    flag_close = 4,
    flag_keep_alive = 8,
    flag_has_length = 16,
    flag_transfer_encoding = 32,
  };

  enum class Step : uint8_t { more, bad, end_of_headers };

  size_t finish(size_t used, Outcome& outcome, Outcome result) noexcept;
  // One byte of the request line or header block.
  Step step(char c) noexcept;
  Step step_name(char c) noexcept;
  Step step_length(char c) noexcept;
  Step step_connection(char c) noexcept;
  // The end of a header value: CR waits for its LF, LF starts the next line.
  Step end_value(char c) noexcept;

  uint64_t body_left_ = 0;       // Content-Length of the current request, then bytes left
  uint64_t number_ = 0;          // Content-Length digits being read
  uint32_t max_header_bytes_;
  uint32_t header_bytes_ = 0;
  uint32_t token_pos_ = 0;       // position in the method / name / token being matched
  State state_ = request_start;
  uint8_t match_ = 0;            // candidates still matching the current method/name/token
  uint8_t flags_ = 0;
};

}  // namespace ringbench::serve

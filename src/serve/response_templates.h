#pragma once
// Every response the server can send, built once at start as bytes ready for send().
//
// A 200 response varies only by what the request asked for: HEAD (headers without the body),
// and its connection handling — HTTP/1.1 keep-alive (no Connection header), close
// ("Connection: close"), HTTP/1.0 keep-alive ("Connection: keep-alive", which 1.0 clients
// such as ab need to reuse the connection). HTTP/1.0 responses always use Content-Length,
// since a 1.0 client cannot decode chunked.
//
// Keep-alive responses are stored as several back-to-back copies so that a run of pipelined
// requests is answered by one send of the first n copies, with no per-request copying.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ringbench::serve {

enum class ResponseKind : uint8_t {
  ok,                      // HTTP/1.1, keep-alive
  ok_head,
  ok_close,                // "Connection: close", then the connection is closed
  ok_head_close,
  ok_keep_alive_10,        // HTTP/1.0 with "Connection: keep-alive"
  ok_head_keep_alive_10,
  ok_close_10,             // HTTP/1.0, closed after the response
  ok_head_close_10,
  bad_request,             // 400, then close
  header_too_large,        // 431, then close
  not_implemented,         // 501, then close
};
inline constexpr size_t response_kind_count = 11;

// The 200 response for a request.
constexpr ResponseKind ok_response(bool head, bool http10, bool keep_alive) noexcept {
  const unsigned base = http10 ? (keep_alive ? 4u : 6u) : (keep_alive ? 0u : 2u);
  return ResponseKind(base + (head ? 1u : 0u));
}

// The connection is closed once this response is sent (and nothing after it is answered).
constexpr bool closes_connection(ResponseKind kind) noexcept {
  return !(kind == ResponseKind::ok || kind == ResponseKind::ok_head ||
           kind == ResponseKind::ok_keep_alive_10 || kind == ResponseKind::ok_head_keep_alive_10);
}

// Status 200: counted as a request served.
constexpr bool is_ok(ResponseKind kind) noexcept { return kind < ResponseKind::bad_request; }

class ResponseTemplates {
 public:
  // Chunked bodies are split into chunks of at most chunk_size bytes.
  static constexpr uint64_t chunk_size = 16 * 1024;
  // Keep-alive responses are repeated up to this many times, within about batch_bytes.
  static constexpr uint32_t max_batch = 16;
  static constexpr uint64_t batch_bytes = 64 * 1024;

  ResponseTemplates(uint64_t body_size, bool chunked);

  // The most responses of `kind` one batch() can hold (1 for responses that close).
  uint32_t batch_limit(ResponseKind kind) const noexcept { return entries_[size_t(kind)].copies; }

  // `count` (1..batch_limit) responses of `kind`, back to back.
  std::string_view batch(ResponseKind kind, uint32_t count) const noexcept {
    const Entry& e = entries_[size_t(kind)];
    return std::string_view(e.bytes.data(), size_t(e.size) * count);
  }

  std::string_view single(ResponseKind kind) const noexcept { return batch(kind, 1); }

  // The body of a 200 response before any chunked encoding: "ok" for 2 bytes, otherwise
  // lines of a repeated alphabet (readable with curl, easy to check in tests).
  static std::string make_body(uint64_t body_size);

 private:
  struct Entry {
    std::string bytes;  // `copies` copies of one response of `size` bytes
    uint64_t size = 0;
    uint32_t copies = 1;
  };
  std::array<Entry, response_kind_count> entries_;
};

}  // namespace ringbench::serve

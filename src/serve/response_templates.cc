#include "response_templates.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace ringbench::serve {
namespace {

constexpr std::string_view server_header = "Server: ringbench\r\n";
constexpr std::string_view content_type = "Content-Type: text/plain\r\n";

std::string chunked_encoding(std::string_view body) {
  std::string out;
  out.reserve(body.size() + (body.size() / ResponseTemplates::chunk_size + 2) * 16);
  for (size_t at = 0; at < body.size(); at += ResponseTemplates::chunk_size) {
    const size_t n = std::min<size_t>(ResponseTemplates::chunk_size, body.size() - at);
    char size_line[24];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
    out += size_line;
    out.append(body.substr(at, n));
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

std::string status_200(bool chunked, uint64_t content_length, std::string_view connection) {
  std::string h = "HTTP/1.1 200 OK\r\n";
  h += server_header;
  if (chunked) {
    h += "Transfer-Encoding: chunked\r\n";
  } else {
    h += "Content-Length: " + std::to_string(content_length) + "\r\n";
  }
  h += content_type;
  h += connection;
  h += "\r\n";
  return h;
}

std::string error_response(std::string_view status_line, std::string_view body) {
  std::string r(status_line);
  r += "\r\n";
  r += server_header;
  r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  r += content_type;
  r += "Connection: close\r\n\r\n";
  r += body;
  return r;
}

}  // namespace

std::string ResponseTemplates::make_body(uint64_t body_size) {
  if (body_size == 2) return "ok";
  std::string body(body_size, '\0');
  for (uint64_t i = 0; i < body_size; ++i) {
    const uint64_t col = i % 64;
    body[i] = col == 63 ? '\n' : char('a' + col % 26);
  }
  return body;
}

ResponseTemplates::ResponseTemplates(uint64_t body_size, bool chunked) {
  const std::string body = make_body(body_size);
  const std::string chunked_body = chunked ? chunked_encoding(body) : std::string();
  struct Variant {
    bool http10;
    std::string_view connection;  // the Connection header line, or nothing
  };
  // In ResponseKind order, two kinds (GET, HEAD) per variant.
  const Variant variants[] = {{false, ""},
                              {false, "Connection: close\r\n"},
                              {true, "Connection: keep-alive\r\n"},
                              {true, "Connection: close\r\n"}};
  std::string singles[response_kind_count];
  for (size_t v = 0; v < std::size(variants); ++v) {
    const bool use_chunked = chunked && !variants[v].http10;
    const std::string headers = status_200(use_chunked, body_size, variants[v].connection);
    singles[2 * v] = headers + (use_chunked ? chunked_body : body);
    singles[2 * v + 1] = headers;
  }
  singles[size_t(ResponseKind::bad_request)] = error_response("HTTP/1.1 400 Bad Request", "bad request\n");
  singles[size_t(ResponseKind::header_too_large)] =
      error_response("HTTP/1.1 431 Request Header Fields Too Large", "request header block over 64 KiB\n");
  singles[size_t(ResponseKind::not_implemented)] =
      error_response("HTTP/1.1 501 Not Implemented", "request Transfer-Encoding is not supported\n");

  for (size_t k = 0; k < response_kind_count; ++k) {
    Entry& e = entries_[k];
    e.size = singles[k].size();
    e.copies = closes_connection(ResponseKind(k))
                   ? 1
                   : uint32_t(std::clamp<uint64_t>(batch_bytes / e.size, 1, max_batch));
    if (e.copies == 1) {
      e.bytes = std::move(singles[k]);  // large bodies: no second copy, even briefly
      continue;
    }
    e.bytes.reserve(e.size * e.copies);
    for (uint32_t c = 0; c < e.copies; ++c) e.bytes += singles[k];
  }
}

}  // namespace ringbench::serve

#include "request_framing.h"

#include <cstdint>
#include <string>

#include "ringbench/http/ascii.h"
#include "ringbench/core/error.h"

namespace ringbench::http {
namespace {

bool is_field_named(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

// Digits only (RFC 9110 8.6: 1*DIGIT); false on anything else or overflow.
bool read_content_length(std::string_view text, uint64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  out = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    out = out * 10 + uint64_t(c - '0');
  }
  return true;
}

// "gzip, chunked" -> true: chunked must be the final coding, or the server cannot frame it.
bool ends_in_chunked(std::string_view codings) {
  const size_t comma = codings.rfind(',');
  std::string_view last = comma == std::string_view::npos ? codings : codings.substr(comma + 1);
  while (!last.empty() && is_ows(last.front())) last.remove_prefix(1);
  while (!last.empty() && is_ows(last.back())) last.remove_suffix(1);
  return is_field_named(last, "chunked");
}

// 0-15 for a hex digit, -1 otherwise.
int chunk_size_digit(char c) {
  if (is_digit(c)) return c - '0';
  const char lower = to_lower(c);
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

// Consumes up to and including the next CRLF; false if there is none or a bare CR/LF before it.
bool skip_past_crlf(std::string_view& s) {
  const size_t crlf = s.find("\r\n");
  if (crlf == std::string_view::npos || s.substr(0, crlf).find_first_of("\r\n") != std::string_view::npos) {
    return false;
  }
  s.remove_prefix(crlf + 2);
  return true;
}

bool take_chunk_size(std::string_view& s, uint64_t& size) {
  size_t digits = 0;
  size = 0;
  while (digits < s.size() && chunk_size_digit(s[digits]) >= 0) {
    if (digits == 15) return false;  // more than any body ringbench could hold
    size = size * 16 + uint64_t(chunk_size_digit(s[digits]));
    ++digits;
  }
  if (digits == 0) return false;
  s.remove_prefix(digits);
  if (!s.empty() && s.front() != ';' && s.front() != '\r') return false;
  return skip_past_crlf(s);  // the chunk extensions, if any, and CRLF
}

std::string header_text(const Header& h) { return "-H '" + h.name + ": " + h.value + "'"; }

}  // namespace

bool is_complete_chunked_body(std::string_view s) {
  for (;;) {
    uint64_t size = 0;
    if (!take_chunk_size(s, size)) return false;
    if (size == 0) break;
    if (s.size() < size + 2 || s.substr(size, 2) != "\r\n") return false;
    s.remove_prefix(size + 2);
  }
  while (!s.starts_with("\r\n")) {  // trailer fields
    if (!skip_past_crlf(s)) return false;
  }
  return s.size() == 2;  // anything after the final CRLF would be read as another request
}

UserFraming check_framing(const Config& config) {
  const Header* length = nullptr;
  const Header* coding = nullptr;
  UserFraming framing;
  for (const Header& h : config.headers) {
    const bool is_length = is_field_named(h.name, "Content-Length");
    if (!is_length && !is_field_named(h.name, "Transfer-Encoding")) continue;
    if (is_length && h.value.empty()) {
      framing.content_length_removed = true;
      continue;
    }
    const Header*& seen = is_length ? length : coding;
    if (seen) throw_usage(h.name + " given twice (" + header_text(*seen) + ", " + header_text(h) + ")");
    seen = &h;
  }
  const std::string body_size = std::to_string(config.body.size()) + "-byte body";
  if (length && coding) throw_usage("use either -H Content-Length or -H Transfer-Encoding, not both");
  if (length) {
    uint64_t n = 0;
    if (!read_content_length(length->value, n) || n != config.body.size()) {
      throw_usage(header_text(*length) + " does not match the " + body_size +
                  " (leave it out: ringbench sends the right Content-Length)");
    }
  }
  if (coding) {
    if (!ends_in_chunked(coding->value)) {
      throw_usage(header_text(*coding) + ": a request body must end in the chunked coding");
    }
    if (!is_complete_chunked_body(config.body)) {
      throw_usage(header_text(*coding) + " needs a body in chunked encoding (e.g. -d $'5\\r\\nhello\\r\\n0\\r\\n\\r\\n'); "
                  "the " + body_size + " is not");
    }
    framing.chunked = true;
  }
  if (framing.content_length_removed && !length && !coding && !config.body.empty()) {
    throw_usage("-H 'Content-Length:' removes the only framing of the " + body_size +
                " (add -H 'Transfer-Encoding: chunked' with a chunked body, or keep Content-Length)");
  }
  return framing;
}

}  // namespace ringbench::http

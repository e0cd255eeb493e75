#include "reference_decoder.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace ringbench::fuzz {
namespace {

std::optional<std::string_view> line_at(std::string_view text, size_t& pos) {
  const size_t lf = text.find('\n', pos);
  if (lf == std::string_view::npos) return std::nullopt;
  std::string_view line = text.substr(pos, lf - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = lf + 1;
  return line;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Head {
  int status = 0;
  bool transfer_encoding = false;    // the field is present, even with no coding in it
  std::vector<std::string> codings;  // Transfer-Encoding tokens, lower case, in order
  std::optional<uint64_t> length;
};

std::optional<Head> read_head(std::string_view text, size_t& pos) {
  const auto status_line = line_at(text, pos);
  if (!status_line || status_line->size() < 12 || status_line->substr(0, 7) != "HTTP/1.") return std::nullopt;
  Head h;
  h.status = std::stoi(std::string(status_line->substr(9, 3)));
  for (;;) {
    const auto line = line_at(text, pos);
    if (!line) return std::nullopt;
    if (line->empty()) return h;
    const size_t colon = line->find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string name = lower(line->substr(0, colon));
    const std::string_view value = trim(line->substr(colon + 1));
    if (name == "transfer-encoding") {
      h.transfer_encoding = true;
      size_t at = 0;
      while (at <= value.size()) {
        const size_t comma = std::min(value.find(',', at), value.size());
        const std::string token = lower(trim(value.substr(at, comma - at)));
        if (!token.empty()) h.codings.push_back(token);
        at = comma + 1;
      }
    } else if (name == "content-length") {
      const std::string digits(trim(value.substr(0, std::min(value.find(','), value.size()))));
      if (digits.empty() || digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return std::nullopt;
      h.length = std::stoull(digits);
    }
  }
}

std::optional<uint64_t> chunked_length(std::string_view text, size_t pos) {
  uint64_t total = 0;
  for (;;) {
    const auto size_line = line_at(text, pos);
    if (!size_line) return std::nullopt;
    const std::string_view hex = trim(size_line->substr(0, std::min(size_line->find(';'), size_line->size())));
    if (hex.empty() || hex.size() > 15 || !std::all_of(hex.begin(), hex.end(), ::isxdigit)) return std::nullopt;
    const uint64_t size = std::stoull(std::string(hex), nullptr, 16);
    if (size == 0) return total;  // trailers follow; their end is the response's end
    if (pos + size > text.size()) return std::nullopt;
    total += size;
    pos += size;
    const auto end = line_at(text, pos);
    if (!end || !end->empty()) return std::nullopt;
  }
}

}  // namespace

std::optional<Framing> reference_framing(std::string_view response, bool head_request) {
  size_t pos = 0;
  std::optional<Head> head;
  do {
    head = read_head(response, pos);
    if (!head) return std::nullopt;
  } while (head->status >= 100 && head->status < 200);
  Framing f{.status = head->status};
  if (head_request || head->status == 204 || head->status == 304) return f;
  // RFC 9112 §6.3: Transfer-Encoding present and chunked not its final coding (also: no
  // coding at all) means the body runs to the close; it overrides Content-Length.
  if (head->transfer_encoding) {
    if (head->codings.empty() || head->codings.back() != "chunked") return f.body_bytes = response.size() - pos, f;
    const auto length = chunked_length(response, pos);
    if (!length) return std::nullopt;
    return f.body_bytes = *length, f;
  }
  f.body_bytes = head->length ? *head->length : response.size() - pos;
  return f;
}

}  // namespace ringbench::fuzz

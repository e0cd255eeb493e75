// libFuzzer target: the response parser fed the fuzzer's bytes as a stream of responses, split
// into feeds at fuzzer-chosen points. Every feed is copied into a buffer of exactly its size,
// so a read past it is an AddressSanitizer error. Checked on every input:
//  - `consumed` never exceeds what was fed, and need_more uses everything;
//  - the same stream read whole, byte by byte and at the fuzzer's splits gives the same
//    responses (status, body length, keep-alive, where each ends): none lost, none reported twice;
//  - each complete response's body length and status equal the reference decoder's
//    (reference_decoder.h) for the bytes the parser said were that response.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "reference_decoder.h"
#include "ringbench/http/response_parser.h"

using ringbench::http::ResponseParser;

namespace {

struct Event {
  ResponseParser::Result result;
  int status;
  uint64_t body;
  bool keep_alive;
  size_t end;  // offset in the stream where it ended
  bool operator==(const Event&) const = default;
};

void fail(const char* what) {
  std::fprintf(stderr, "response parser invariant broken: %s\n", what);
  std::abort();
}

// Feeds `stream` cut into pieces of the given lengths (the rest whole), then EOF.
std::vector<Event> parse(const std::string& stream, bool head, const std::vector<size_t>& cuts) {
  std::vector<Event> events;
  ResponseParser parser(4096);
  parser.start(head);
  size_t offset = 0, cut = 0;
  while (offset < stream.size()) {
    size_t len = stream.size() - offset;
    if (cut < cuts.size()) len = std::min(len, std::max<size_t>(1, cuts[cut++]));
    const std::vector<char> piece(stream.begin() + long(offset), stream.begin() + long(offset + len));
    size_t at = 0;
    while (at < piece.size()) {
      size_t used = 0;
      const ResponseParser::Result r = parser.feed(piece.data() + at, piece.size() - at, used);
      if (used > piece.size() - at) fail("consumed more than was fed");
      if (r == ResponseParser::Result::need_more && used != piece.size() - at) fail("need_more left bytes unused");
      at += used;
      if (r == ResponseParser::Result::error) {  // where the error is noticed may differ by split
        events.push_back({r, 0, 0, false, 0});
        return events;
      }
      if (r == ResponseParser::Result::complete) {
        if (used == 0 && !events.empty() && events.back().end == offset + at) fail("a response completed twice");
        events.push_back({r, parser.status(), parser.body_bytes(), parser.keep_alive(), offset + at});
        parser.start(head);
      }
    }
    offset += len;
  }
  const ResponseParser::Result r = parser.feed_eof();
  if (r != ResponseParser::Result::need_more) {
    events.push_back({r, r == ResponseParser::Result::complete ? parser.status() : 0,
                      r == ResponseParser::Result::complete ? parser.body_bytes() : 0, false, stream.size()});
  }
  return events;
}

void check_against_reference(const std::string& stream, bool head, const std::vector<Event>& events) {
  size_t begin = 0;
  for (const Event& e : events) {
    if (e.result != ResponseParser::Result::complete) break;
    const auto ref = ringbench::fuzz::reference_framing(std::string_view(stream).substr(begin, e.end - begin), head);
    if (ref && (ref->status != e.status || ref->body_bytes != e.body)) {
      std::fprintf(stderr, "parser: status %d body %llu; reference: status %d body %llu\n", e.status,
                   (unsigned long long)e.body, ref->status, (unsigned long long)ref->body_bytes);
      fail("the body length differs from the reference decoder's");
    }
    begin = e.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const bool head = in.ConsumeBool();
  std::vector<size_t> cuts;
  for (size_t n = in.ConsumeIntegralInRange<size_t>(0, 12); n > 0; --n) cuts.push_back(in.ConsumeIntegralInRange<size_t>(1, 64));
  const std::string stream = in.ConsumeRemainingBytesAsString();
  const std::vector<Event> split = parse(stream, head, cuts);
  if (parse(stream, head, {}) != split) fail("whole and split feeds disagree");
  if (stream.size() <= 512 && parse(stream, head, std::vector<size_t>(stream.size(), 1)) != split) {
    fail("byte-by-byte and split feeds disagree");
  }
  check_against_reference(stream, head, split);
  return 0;
}

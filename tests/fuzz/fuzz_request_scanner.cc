// libFuzzer target: serve's request scanner over a stream of (pipelined) requests split at
// fuzzer-chosen points, each piece in a buffer of exactly its size. Checked: the count used
// never exceeds the piece, every call with bytes makes progress, need_more uses everything,
// and the stream read whole, byte by byte and split gives the same requests (where each ends,
// HEAD, HTTP/1.0, keep-alive) and the same error.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "request_scanner.h"

using ringbench::serve::RequestScanner;

namespace {

struct Event {
  RequestScanner::Outcome outcome;
  size_t end;
  bool head, http10, keep_alive;
  bool operator==(const Event&) const = default;
};

void fail(const char* what) {
  std::fprintf(stderr, "request scanner invariant broken: %s\n", what);
  std::abort();
}

std::vector<Event> scan(const std::string& stream, const std::vector<size_t>& cuts) {
  std::vector<Event> events;
  RequestScanner scanner(2048);
  size_t offset = 0, cut = 0;
  while (offset < stream.size()) {
    size_t len = stream.size() - offset;
    if (cut < cuts.size()) len = std::min(len, std::max<size_t>(1, cuts[cut++]));
    const std::vector<char> piece(stream.begin() + long(offset), stream.begin() + long(offset + len));
    size_t at = 0;
    while (at < piece.size()) {
      RequestScanner::Outcome outcome;
      const size_t used = scanner.scan(piece.data() + at, piece.size() - at, outcome);
      if (used > piece.size() - at) fail("used more than was given");
      if (used == 0) fail("no progress with bytes to scan");
      if (outcome == RequestScanner::Outcome::need_more && used != piece.size() - at) fail("need_more left bytes");
      at += used;
      if (outcome == RequestScanner::Outcome::request) {
        events.push_back({outcome, offset + at, scanner.head(), scanner.http10(), scanner.keep_alive()});
      } else if (outcome != RequestScanner::Outcome::need_more) {
        events.push_back({outcome, 0, false, false, false});  // where it is noticed may differ
        return events;
      }
    }
    offset += len;
  }
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<size_t> cuts;
  for (size_t n = in.ConsumeIntegralInRange<size_t>(0, 12); n > 0; --n) cuts.push_back(in.ConsumeIntegralInRange<size_t>(1, 64));
  const std::string stream = in.ConsumeRemainingBytesAsString();
  const std::vector<Event> split = scan(stream, cuts);
  if (scan(stream, {}) != split) fail("whole and split scans disagree");
  if (stream.size() <= 512 && scan(stream, std::vector<size_t>(stream.size(), 1)) != split) {
    fail("byte-by-byte and split scans disagree");
  }
  return 0;
}

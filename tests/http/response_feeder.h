#pragma once
// Feeds a byte stream of (possibly pipelined) responses to a ResponseParser split in
// chosen places, every piece in its own exactly-sized heap buffer so ASan sees over-reads.
// expect_all_ways() runs the three required splittings and checks they agree.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/http/response_parser.h"

namespace ringbench::http::testing {

// What parsing one response produced.
struct Outcome {
  ResponseParser::Result result = ResponseParser::Result::need_more;
  ParseError error = ParseError::none;
  int status = 0;
  uint64_t body_bytes = 0;
  bool keep_alive = false;
  size_t end = 0;  // offset in the stream just after this response (or where it failed)
  bool operator==(const Outcome&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Outcome& o);

struct FeedOptions {
  bool head = false;  // every response answers a HEAD request
  bool eof = false;   // the peer closes after the last byte
  uint32_t max_header_bytes = 64 * 1024;
};

// Parses `wire` fed in pieces ending at `cuts` (ascending offsets; the end is implied).
// One Outcome per response started; parsing stops at the first error.
std::vector<Outcome> feed_split(std::string_view wire, const std::vector<size_t>& cuts,
                                const FeedOptions& options = {});

// Fed whole, one byte per buffer, and split at random points (fixed seeds): all must
// agree (a gtest failure names the split otherwise). Returns the whole-buffer outcomes.
std::vector<Outcome> expect_all_ways(std::string_view wire, const FeedOptions& options = {});

// The single outcome of a one-response stream (a gtest failure if there are more).
Outcome expect_one(std::string_view wire, const FeedOptions& options = {});

// The Outcome of a response that completed.
Outcome complete(int status, uint64_t body_bytes, bool keep_alive, size_t end);

// Expects the (last) response of `wire` to fail with `error`, every way it is fed.
void expect_error(std::string_view wire, ParseError error, const FeedOptions& options = {});

}  // namespace ringbench::http::testing

namespace ringbench::http {
// gtest finds these by ADL to print values in failure messages.
void PrintTo(ParseError error, std::ostream* out);
void PrintTo(ResponseParser::Result result, std::ostream* out);
}  // namespace ringbench::http

#include "response_feeder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <random>

namespace ringbench::http {

void PrintTo(ParseError error, std::ostream* out) { *out << describe(error); }

void PrintTo(ResponseParser::Result result, std::ostream* out) {
  constexpr const char* names[] = {"need_more", "complete", "error"};
  *out << names[static_cast<int>(result)];
}

}  // namespace ringbench::http

namespace ringbench::http::testing {
namespace {

// Each piece in its own allocation of exactly its size: reading past it is an ASan error.
struct Piece {
  std::unique_ptr<char[]> bytes;
  size_t size;
};

std::vector<Piece> cut_into_pieces(std::string_view wire, std::vector<size_t> cuts) {
  cuts.push_back(wire.size());
  std::vector<Piece> pieces;
  size_t begin = 0;
  for (size_t cut : cuts) {
    if (cut <= begin || cut > wire.size()) continue;
    Piece piece{std::make_unique<char[]>(cut - begin), cut - begin};
    std::memcpy(piece.bytes.get(), wire.data() + begin, piece.size);
    pieces.push_back(std::move(piece));
    begin = cut;
  }
  return pieces;
}

Outcome snapshot(const ResponseParser& parser, ResponseParser::Result result, size_t end) {
  return {result, parser.error(), parser.status(), parser.body_bytes(), parser.keep_alive(), end};
}

std::vector<size_t> random_cuts(size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  // Mostly a few cuts, sometimes very many, so both long and tiny pieces occur.
  const size_t most = seed % 8 == 0 ? size / 2 + 1 : 12;
  const size_t count = std::uniform_int_distribution<size_t>(1, most)(rng);
  std::uniform_int_distribution<size_t> position(1, size - 1);
  std::vector<size_t> cuts;
  for (size_t i = 0; i < count; ++i) cuts.push_back(position(rng));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

std::string describe_cuts(const std::vector<size_t>& cuts) {
  std::string text;
  for (size_t cut : cuts) text += std::to_string(cut) + " ";
  return text;
}

}  // namespace

std::ostream& operator<<(std::ostream& out, const Outcome& o) {
  constexpr const char* results[] = {"need_more", "complete", "error"};
  return out << "{" << results[static_cast<int>(o.result)] << ", " << describe(o.error) << ", status "
             << o.status << ", body " << o.body_bytes << ", keep_alive " << o.keep_alive << ", end " << o.end
             << "}";
}

std::vector<Outcome> feed_split(std::string_view wire, const std::vector<size_t>& cuts,
                                const FeedOptions& options) {
  using Result = ResponseParser::Result;
  const std::vector<Piece> pieces = cut_into_pieces(wire, cuts);
  ResponseParser parser(options.max_header_bytes);
  parser.start(options.head);
  std::vector<Outcome> outcomes;
  size_t base = 0;  // stream offset of the current piece
  for (const Piece& piece : pieces) {
    for (size_t offset = 0; offset < piece.size;) {
      size_t consumed = SIZE_MAX;
      const Result result = parser.feed(piece.bytes.get() + offset, piece.size - offset, consumed);
      if (consumed > piece.size - offset) {
        ADD_FAILURE() << "consumed " << consumed << " of " << piece.size - offset;
        return outcomes;
      }
      offset += consumed;
      if (result == Result::need_more) {
        EXPECT_EQ(offset, piece.size) << "need_more must consume everything";
        break;
      }
      outcomes.push_back(snapshot(parser, result, base + offset));
      if (result == Result::error) return outcomes;
      parser.start(options.head);
    }
    base += piece.size;
  }
  if (parser.started()) {
    const Result result = options.eof ? parser.feed_eof() : Result::need_more;
    outcomes.push_back(snapshot(parser, result, wire.size()));
  } else if (options.eof) {
    EXPECT_EQ(parser.feed_eof(), Result::need_more) << "EOF between responses";
  }
  return outcomes;
}

std::vector<Outcome> expect_all_ways(std::string_view wire, const FeedOptions& options) {
  const std::vector<Outcome> whole = feed_split(wire, {}, options);
  if (wire.size() < 2) return whole;
  std::vector<size_t> every_byte;
  for (size_t i = 1; i < wire.size(); ++i) every_byte.push_back(i);
  EXPECT_EQ(feed_split(wire, every_byte, options), whole) << "fed one byte per buffer";
  for (unsigned seed = 1; seed <= 64; ++seed) {
    const std::vector<size_t> cuts = random_cuts(wire.size(), seed);
    const std::vector<Outcome> split = feed_split(wire, cuts, options);
    if (split != whole) {
      ADD_FAILURE() << "split at " << describe_cuts(cuts) << "(seed " << seed
                    << ")\n  split: " << ::testing::PrintToString(split)
                    << "\n  whole: " << ::testing::PrintToString(whole);
      break;
    }
  }
  return whole;
}

Outcome expect_one(std::string_view wire, const FeedOptions& options) {
  const std::vector<Outcome> outcomes = expect_all_ways(wire, options);
  EXPECT_EQ(outcomes.size(), 1u) << ::testing::PrintToString(outcomes);
  return outcomes.empty() ? Outcome{} : outcomes.front();
}

Outcome complete(int status, uint64_t body_bytes, bool keep_alive, size_t end) {
  return {ResponseParser::Result::complete, ParseError::none, status, body_bytes, keep_alive, end};
}

void expect_error(std::string_view wire, ParseError error, const FeedOptions& options) {
  const std::vector<Outcome> outcomes = expect_all_ways(wire, options);
  ASSERT_FALSE(outcomes.empty()) << "nothing parsed";
  EXPECT_EQ(outcomes.back().result, ResponseParser::Result::error) << outcomes.back();
  EXPECT_EQ(outcomes.back().error, error) << outcomes.back();
}

}  // namespace ringbench::http::testing

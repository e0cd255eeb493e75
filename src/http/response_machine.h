#pragma once
// The vocabulary of ResponseParser's state machine, shared by response_parser.cc (status
// line, framing, body, chunks) and response_fields.cc (header fields). Private to src/http.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ringbench/http/ascii.h"

namespace ringbench::http::machine {

enum State : uint8_t {
  // The head: counted against max_header_bytes (status lines, header fields, trailers).
  st_version,     // "HTTP/1." (match_pos_ = bytes matched)
  st_minor,       // the minor version digit
  st_code_sp,     // the SP before the status code
  st_code,        // three digits (match_pos_ = digits read)
  st_after_code,  // SP, or the line end when the reason phrase is missing
  st_reason,      // skipped up to the line end
  st_status_lf,
  st_field_start,  // a field name, the empty line ending the block, or an obs-fold
  st_field_name,
  st_length_value,  // Content-Length list (match_pos_ = position in the element, see below)
  st_list_value,    // Transfer-Encoding / Connection token lists
  st_other_value,   // skipped up to the line end
  st_field_lf,
  st_fields_end_lf,
  // The body.
  st_chunk_size_first,
  st_chunk_size,
  st_chunk_size_ws,  // BWS between the size and ';' or the line end
  st_chunk_ext,      // skipped up to the line end
  st_chunk_size_lf,
  st_chunk_data,
  st_chunk_data_cr,
  st_chunk_data_lf,
  st_body_length,
  st_body_eof,
  st_done,
  st_failed,
};

// The head is counted against the header limit.
inline constexpr bool is_head_state(uint8_t s) { return s <= st_fields_end_lf; }

// States that consume one byte at a time (the others skip or count runs of bytes; a field
// start may begin a name, which is read as a run).
inline constexpr bool is_byte_state(uint8_t s) {
  switch (s) {
    case st_field_start:
    case st_reason:
    case st_field_name:
    case st_other_value:
    case st_chunk_ext:
    case st_chunk_data:
    case st_body_length:
    case st_body_eof:
    case st_done:
    case st_failed: return false;
    default: return true;
  }
}

enum Flag : uint16_t {
  f_head = 1 << 0,  // response to HEAD: no body whatever the headers say
  f_started = 1 << 1,
  f_http10 = 1 << 2,
  f_has_length = 1 << 3,
  f_has_te = 1 << 4,
  f_chunked = 1 << 5,          // the last transfer coding seen is "chunked"
  f_close = 1 << 6,            // Connection: close
  f_keep_alive = 1 << 7,       // Connection: keep-alive
  f_close_delimited = 1 << 8,  // the body ends at EOF
  f_headers_done = 1 << 9,     // the final header block is done; fields now are trailers
};

// Header fields whose values matter; bit i of match_mask_ stands for field_names[i].
enum Field : uint8_t {
  field_content_length,
  field_transfer_encoding,
  field_connection,
  field_other,
  field_none
};
inline constexpr std::array<std::string_view, 3> field_names = {"content-length", "transfer-encoding",
                                                                "connection"};
inline constexpr std::array<std::string_view, 1> coding_words = {"chunked"};
inline constexpr std::array<std::string_view, 2> connection_words = {"close", "keep-alive"};

// match_pos_ in a token list: low bits count the token's bytes, this bit says that
// whitespace ended the token (any further byte before ',' makes it a different token).
inline constexpr uint8_t token_ended = 0x80;
inline constexpr uint8_t token_len_max = 0x7f;

// st_length_value: match_pos_ says where in the comma-separated element we are.
inline constexpr uint8_t length_before = 0, length_digits = 1, length_after = 2;

// Larger Content-Length or chunk sizes are refused: 2^63 - 1 bytes is beyond any real body.
inline constexpr uint64_t size_max = INT64_MAX;
inline constexpr std::string_view version_prefix = "HTTP/1.";


// field-value / reason-phrase bytes (VCHAR, obs-text, SP, HTAB), looked up in a table because
// header bytes are examined one at a time where a buffer boundary splits them. Token bytes
// (is_tchar) are in ringbench/http/ascii.h.
inline constexpr std::array<bool, 256> text_table = [] {
  std::array<bool, 256> t{};
  for (int b = 0x20; b < 0x100; ++b) t[static_cast<size_t>(b)] = b != 0x7f;
  t['\t'] = true;
  return t;
}();
inline constexpr bool is_text(char c) { return text_table[static_cast<unsigned char>(c)]; }

// How many bytes from the start of data[0, len) are text (is_text). Header values and reason
// phrases are most of a response head, so they are checked 16 bytes at a time where SSE2 is
// there (always, on x86-64): a byte is not text if it is below 0x20 (unsigned) except HTAB,
// or DEL.
inline size_t count_text(const char* data, size_t len) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i below_space = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));  // unsigned < 0x20
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i del = _mm_set1_epi8(0x7f);
  for (; i + 16 <= len; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const __m128i control = _mm_andnot_si128(_mm_cmpeq_epi8(v, tab),
                                             _mm_cmplt_epi8(_mm_xor_si128(v, flip), below_space));
    const int bad = _mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(v, del)));
    if (bad != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(bad)));
  }
#endif
  while (i < len && is_text(data[i])) ++i;
  return i;
}

inline int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  const char l = to_lower(c);
  return (l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
}

// remaining * base + digit, or false if that passes size_max.
inline bool accumulate(uint64_t& value, unsigned base, unsigned digit) {
  if (value > (size_max - digit) / base) return false;
  value = value * base + digit;
  return true;
}

// data[0, len) equals the lower-case `word` ignoring ASCII case. Setting bit 5 lower-cases a
// letter; every word we look for is made of lower-case letters and '-', which only a letter of
// the other case or CR (0x0d, never inside a token) could also reach that way.
inline bool equal_ignoring_case(const char* data, const char* word, size_t len) {
  constexpr uint64_t case_bits = 0x2020202020202020;
  size_t k = 0;
  for (; k + 8 <= len; k += 8) {  // names and tokens are 5 to 17 bytes: a word at a time
    uint64_t d, w;
    std::memcpy(&d, data + k, 8);
    std::memcpy(&w, word + k, 8);
    if ((d | case_bits) != w) return false;
  }
  for (; k < len; ++k) {
    if ((data[k] | 0x20) != word[k]) return false;
  }
  return true;
}

inline constexpr bool lower_case_word(std::string_view w) {
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

static_assert(std::all_of(field_names.begin(), field_names.end(), lower_case_word) &&
              std::all_of(coding_words.begin(), coding_words.end(), lower_case_word) &&
              std::all_of(connection_words.begin(), connection_words.end(), lower_case_word));

inline constexpr uint8_t all_words(size_t count) { return static_cast<uint8_t>((1u << count) - 1); }

// The words a token is matched against: field names, or the tokens of the list value
// (Transfer-Encoding or Connection) being read.
inline std::span<const std::string_view> candidate_words(uint8_t state, uint8_t field) {
  if (state != st_list_value) return field_names;
  if (field == field_transfer_encoding) return coding_words;
  return connection_words;
}

}  // namespace ringbench::http::machine

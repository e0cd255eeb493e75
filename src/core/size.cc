#include "ringbench/core/size.h"

#include <cctype>
#include <charconv>
#include <string>

#include "ringbench/core/error.h"

namespace ringbench {

uint64_t parse_size(std::string_view text, std::string_view what) {
  const std::string bad = std::string(what) + ": invalid size '" + std::string(text) +
                          "' (expected e.g. 512, 4k, 64KiB, 1m)";
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr == text.data()) throw_usage(bad);
  std::string suffix(ptr, end);
  for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (suffix.ends_with("ib")) suffix.resize(suffix.size() - 2);
  else if (suffix.size() == 2 && suffix[1] == 'b') suffix.resize(1);
  unsigned shift = 0;
  if (suffix.empty() || suffix == "b") shift = 0;
  else if (suffix == "k") shift = 10;
  else if (suffix == "m") shift = 20;
  else if (suffix == "g") shift = 30;
  else throw_usage(bad);
  if (shift && value > (UINT64_MAX >> shift)) throw_usage(bad);
  return value << shift;
}

}  // namespace ringbench

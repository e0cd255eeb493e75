#include "ringbench/core/config.h"

namespace ringbench {

bool is_https_url(std::string_view url) noexcept {
  constexpr std::string_view scheme = "https://";
  if (url.size() < scheme.size()) return false;
  for (size_t i = 0; i < scheme.size(); ++i) {
    const char c = url[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    if (lower != scheme[i]) return false;
  }
  return true;
}

}  // namespace ringbench

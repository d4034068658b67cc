// How many times a piece of text stands in a longer one (overlaps counted), for tests that
// check rendered documents. Header-only.
#pragma once

#include <cstddef>
#include <string_view>

namespace sparkify::testing {

inline std::size_t count_occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string_view::npos; pos = text.find(what, pos + 1))
    ++n;
  return n;
}

}  // namespace sparkify::testing

// Shared helpers of the fuzz targets: a failed property aborts, so libFuzzer
// records the input as a crash just as it does for a sanitizer report.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/utf8.hpp"

namespace sparkify::fuzz {

[[noreturn]] inline void property_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", what, file, line);
  std::abort();
}

// Text that may reach a warehouse: valid UTF-8 and no NUL byte.
inline bool storable(std::string_view s) {
  return is_valid_utf8(s) && s.find('\0') == std::string_view::npos;
}

}  // namespace sparkify::fuzz

#define FUZZ_CHECK(cond) \
  ((cond) ? void(0) : ::sparkify::fuzz::property_failed(#cond, __FILE__, __LINE__))

// Fuzz target: the UTF-8 helpers every stored or shown text goes through.
// Properties: sanitize_utf8 always yields storable text and leaves valid,
// NUL-free text unchanged; truncate_utf8 yields a prefix within the limit that
// stays valid when the input was valid.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  // The first byte chooses the truncation limit.
  const std::size_t limit = data[0];
  const std::string_view s(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool valid = sparkify::is_valid_utf8(s);
  const std::string clean = sparkify::sanitize_utf8(s);
  FUZZ_CHECK(sparkify::fuzz::storable(clean));
  if (valid && s.find('\0') == std::string_view::npos)
    FUZZ_CHECK(clean == s);
  if (!valid)
    FUZZ_CHECK(clean != s);
  FUZZ_CHECK(sparkify::sanitize_utf8(clean) == clean);
  const std::string_view cut = sparkify::truncate_utf8(s, limit);
  FUZZ_CHECK(cut.size() <= limit);
  FUZZ_CHECK(cut.data() == s.data());
  if (valid) {
    FUZZ_CHECK(sparkify::is_valid_utf8(cut));
    FUZZ_CHECK(cut.size() + 3 >= std::min(limit, s.size()));
  }
  return 0;
}

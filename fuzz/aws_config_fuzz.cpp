// Fuzz target: the AWS CLI-style INI files (~/.aws/credentials and config).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "source/s3/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto ini = sparkify::s3::parse_aws_ini(text);
  (void)ini;
  return 0;
}

// Fuzz target: SigV4 canonicalisation of untrusted text. Object keys come from
// an S3 listing, so the path and query of a signed GET are attacker-chosen.
// Properties: no crash; the canonical URI and query use only unreserved
// characters, '%XX' escapes and '/' (and '=' and '&' in the query); signing is
// deterministic.
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.hpp"
#include "source/s3/sigv4.hpp"

namespace {

bool canonical_chars(std::string_view s, std::string_view extra) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || extra.find(c) != std::string_view::npos)
      continue;
    if (c == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first third is the key, the rest one query parameter name and value.
  const std::size_t a = size / 3;
  const std::size_t b = a + (size - a) / 2;
  std::string path = "/bucket/";
  path += text.substr(0, a);
  const std::vector<sparkify::s3::QueryParam> query{
      {std::string(text.substr(a, b - a)), std::string(text.substr(b))}, {"list-type", "2"}};
  for (const auto flavour :
       {sparkify::s3::SigningFlavour::kS3, sparkify::s3::SigningFlavour::kGeneric}) {
    const std::string uri = sparkify::s3::canonical_uri(path, flavour);
    FUZZ_CHECK(canonical_chars(uri, "/"));
  }
  FUZZ_CHECK(canonical_chars(sparkify::s3::canonical_query(query), "=&"));
  const sparkify::s3::Credentials credentials{"AKIDFUZZ", "fuzz-secret", ""};
  const auto when = std::chrono::system_clock::time_point{std::chrono::seconds{1440938160}};
  const auto h1 = sparkify::s3::s3_auth_headers("GET", "127.0.0.1:9000", path, query,
                                                sparkify::s3::kEmptyPayloadSha256, credentials,
                                                "us-east-1", when);
  const auto h2 = sparkify::s3::s3_auth_headers("GET", "127.0.0.1:9000", path, query,
                                                sparkify::s3::kEmptyPayloadSha256, credentials,
                                                "us-east-1", when);
  FUZZ_CHECK(h1 == h2);
  for (const auto& [name, value] : h1) {
    FUZZ_CHECK(value.find("fuzz-secret") == std::string::npos);
  }
  return 0;
}

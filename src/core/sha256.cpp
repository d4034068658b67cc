#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace sparkify {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Writes the hex of bytes into out, which holds two characters per byte.
void write_hex(const unsigned char* bytes, std::size_t size, char* out) {
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kHexDigits[bytes[i] >> 4];
    out[2 * i + 1] = kHexDigits[bytes[i] & 0x0F];
  }
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed (OpenSSL EVP_Digest)");
  }
  std::string out(static_cast<std::size_t>(length) * 2, '0');
  write_hex(digest.data(), length, out.data());
  return out;
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2, '0');
  write_hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out.data());
  return out;
}

}  // namespace sparkify

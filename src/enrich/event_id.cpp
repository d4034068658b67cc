#include "enrich/event_id.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace sparkify {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(length) * 2, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0F];
  }
  return out;
}

std::string make_event_id(std::string_view user_id, std::int64_t session_id,
                          std::int64_t item_in_session, std::int64_t ts) {
  fmt::memory_buffer text;
  fmt::format_to(std::back_inserter(text), "{}|{}|{}|{}", user_id, session_id, item_in_session, ts);
  return sha256_hex(std::string_view(text.data(), text.size()));
}

}  // namespace sparkify

// SHA-256 and lowercase hex, for every part that hashes: event ids, S3 request
// signatures and payload hashes, the embedded names' checksum.
#pragma once

#include <string>
#include <string_view>

namespace sparkify {

// Lowercase hex of the SHA-256 of bytes (64 characters).
std::string sha256_hex(std::string_view bytes);

// Lowercase hex of any bytes (two characters each).
std::string to_hex(std::string_view bytes);

}  // namespace sparkify

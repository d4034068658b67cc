// Small UTF-8 helpers for text that must be stored or shown whatever its bytes.
#pragma once

#include <string>
#include <string_view>

namespace sparkify {

// True when s is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// A copy of s that is valid UTF-8 and has no NUL bytes: every ill-formed
// sequence becomes U+FFFD and every NUL becomes U+2400 (SYMBOL FOR NULL), so it
// can be stored in any engine's text type.
std::string sanitize_utf8(std::string_view s);

// The longest prefix of s of at most max_bytes that does not cut a UTF-8
// sequence in half.
std::string_view truncate_utf8(std::string_view s, std::size_t max_bytes);

}  // namespace sparkify

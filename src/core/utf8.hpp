// The UTF-8 module: checking, decoding and encoding text whatever its bytes, and
// the columns text takes in a terminal. An ill-formed sequence (a stray or
// truncated byte, an overlong form, a surrogate, a value above U+10FFFF) is
// always one U+FFFD per byte, everywhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sparkify {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// True when s is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// Decodes the code point starting at `pos` and advances `pos` past it; an
// ill-formed sequence yields U+FFFD and advances by one byte. `pos` must be
// < text.size().
char32_t next_code_point(std::string_view text, std::size_t& pos);

// Appends the UTF-8 encoding of `cp` (U+FFFD for a surrogate or a value above
// U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// A copy of s that is valid UTF-8: every ill-formed sequence becomes U+FFFD.
std::string replace_invalid_utf8(std::string_view s);

// A copy of s that is valid UTF-8 and has no NUL bytes: every ill-formed
// sequence becomes U+FFFD and every NUL becomes U+2400 (SYMBOL FOR NULL), so it
// can be stored in any engine's text type.
std::string sanitize_utf8(std::string_view s);

// The longest prefix of s of at most max_bytes that does not cut a UTF-8
// sequence in half.
std::string_view truncate_utf8(std::string_view s, std::size_t max_bytes);

// Columns a code point takes in a terminal: 0 for combining marks and zero-width
// characters, 2 for East Asian wide and fullwidth characters (CJK, Hangul, most
// emoji), 1 otherwise. An approximation of wcwidth() that needs no locale.
int code_point_width(char32_t cp);

// Columns the text takes in a terminal (ill-formed bytes count as U+FFFD).
std::size_t display_width(std::string_view text);

}  // namespace sparkify

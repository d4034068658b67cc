// Small UTF-8 helpers for the output formats: decoding with replacement of
// invalid bytes, and the display width of text in a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sparkify::report {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at `pos` and advances `pos` past it. Invalid
// or truncated sequences, overlong forms, surrogates and values above U+10FFFF
// yield U+FFFD and advance by one byte. `pos` must be < text.size().
char32_t next_code_point(std::string_view text, std::size_t& pos);

// Appends the UTF-8 encoding of `cp` (U+FFFD for invalid values).
void append_utf8(std::string& out, char32_t cp);

// Columns a code point takes in a terminal: 0 for combining marks and zero-width
// characters, 2 for East Asian wide and fullwidth characters (CJK, Hangul, most
// emoji), 1 otherwise. An approximation of wcwidth() that needs no locale.
int code_point_width(char32_t cp);

// Columns the text takes in a terminal (invalid bytes count as U+FFFD).
std::size_t display_width(std::string_view text);

}  // namespace sparkify::report

// ASCII text helpers: white space trimmed, letters lower-cased, names compared
// without regard to case. Bytes outside ASCII are kept as they are, whatever the
// locale, so UTF-8 text passes through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace sparkify {

// The white space of the C locale's isspace().
inline constexpr std::string_view kAsciiSpace = " \t\n\v\f\r";

// s without the leading and trailing characters found in `space`.
std::string_view trim(std::string_view s, std::string_view space = kAsciiSpace);

// 'A'..'Z' lower-cased; every other byte as it is.
char ascii_lower(char c);
std::string ascii_lower(std::string_view s);

// Equal when lower-cased (ASCII letters only).
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

}  // namespace sparkify

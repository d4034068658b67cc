// Writing JSON text the way the real Sparkify files are written: song files
// as Python's json.dumps writes them (ASCII only, "/" left alone) and event
// logs as the streaming app writes them (ASCII only, "/" escaped as "\/").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_string.hpp"

namespace sparkify::generate {

// How the strings of each file are written (with append_json_string): ASCII
// only, and "/" escaped in the event logs.
inline constexpr JsonStringStyle kSongFileStrings{.ascii_only = true};
inline constexpr JsonStringStyle kEventLogStrings{.ascii_only = true, .escape_slash = true};

// Appends units / 100000 in the shortest form that reads back as the same
// double (what Python's repr prints for a value with at most 5 decimals):
// 24630812 -> "246.30812", 24630810 -> "246.3081", 20000000 -> "200.0".
void append_fixed5(std::string& out, std::int64_t units);

void append_int(std::string& out, std::int64_t value);

// The double mis-decoding the real event logs show for non-ASCII text: the
// UTF-8 bytes read as Latin-1 twice over ("é" becomes "Ã\u0083Â©"), and a
// character above U+00FF reduced to its low byte ("’" becomes U+0019).
std::string mojibake(std::string_view utf8);

}  // namespace sparkify::generate

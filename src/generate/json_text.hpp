// Writing JSON text the way the real Sparkify files are written: song files
// as Python's json.dumps writes them (ASCII only, "/" left alone) and event
// logs as the streaming app writes them (ASCII only, "/" escaped as "\/").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sparkify::generate {

enum class SlashStyle { kPlain, kEscaped };

// Appends `text` (UTF-8) as a quoted JSON string: quotes, backslashes and
// control characters escaped, every non-ASCII character as \uXXXX (lower-case
// hex, surrogate pairs above U+FFFF), and "/" as "\/" when asked.
void append_json_string(std::string& out, std::string_view text, SlashStyle slash);

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

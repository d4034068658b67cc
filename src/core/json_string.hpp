// JSON string literals, written by nlohmann-json.
#pragma once

#include <string>
#include <string_view>

namespace sparkify {

struct JsonStringStyle {
  bool ascii_only = false;    // every non-ASCII character as \uXXXX (surrogate pairs above U+FFFF)
  bool escape_slash = false;  // "/" as "\/" (the streaming app's event logs)
};

// Appends `text` as a quoted JSON string: quotes, backslashes and control
// characters escaped (\n, \t, ... or \u001f, lower-case hex), DEL, U+2028 and
// U+2029 escaped too (so the text can sit inside JavaScript), and each byte of an
// ill-formed UTF-8 sequence replaced by U+FFFD, so the result is always valid JSON.
void append_json_string(std::string& out, std::string_view text, JsonStringStyle style = {});

}  // namespace sparkify

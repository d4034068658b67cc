#include "core/json_string.hpp"

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"

namespace sparkify {

void append_json_string(std::string& out, std::string_view text, JsonStringStyle style) {
  const nlohmann::json value = is_valid_utf8(text) ? std::string(text) : replace_invalid_utf8(text);
  const std::string quoted = value.dump(-1, ' ', style.ascii_only);
  // What nlohmann-json leaves as it is but these strings escape. Every byte
  // below is ASCII or the start of a three-byte sequence, so it is never the
  // middle of another character.
  out.reserve(out.size() + quoted.size());
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    const char c = quoted[i];
    if (c == '/' && style.escape_slash) {
      out += "\\/";
    } else if (c == '\x7F') {
      out += "\\u007f";
    } else if (c == '\xE2' && quoted.compare(i, 3, "\xE2\x80\xA8") == 0) {
      out += "\\u2028";
      i += 2;
    } else if (c == '\xE2' && quoted.compare(i, 3, "\xE2\x80\xA9") == 0) {
      out += "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
}

}  // namespace sparkify

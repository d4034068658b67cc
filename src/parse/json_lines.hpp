// Splitting an object's bytes into JSON lines, the way the streaming app writes
// its logs: LF or CRLF line ends, the last line often without one, blank lines
// ignored, a UTF-8 byte-order mark at the start tolerated.
#pragma once

#include <cstdint>
#include <string_view>

namespace sparkify {

// Calls on_line(line_number, text) for every non-blank line, 1-based, without
// the line end. Returns the number of non-blank lines.
template <typename OnLine>
std::int64_t for_each_json_line(std::string_view content, OnLine&& on_line) {
  if (content.starts_with("\xEF\xBB\xBF"))
    content.remove_prefix(3);
  std::int64_t line_number = 0;
  std::int64_t non_blank = 0;
  while (!content.empty()) {
    ++line_number;
    const std::size_t end = content.find('\n');
    std::string_view line = content.substr(0, end);
    content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos)
      continue;
    ++non_blank;
    on_line(line_number, line);
  }
  return non_blank;
}

}  // namespace sparkify

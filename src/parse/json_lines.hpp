// Splitting an object's bytes into JSON lines, the way the streaming app writes
// its logs: LF or CRLF line ends, the last line often without one, blank lines
// ignored, a UTF-8 byte-order mark at the start tolerated.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace sparkify {

// A line-aligned piece of an object's bytes: whole lines, numbered from first_line.
// Only the piece at the start of the object may begin with a byte-order mark.
struct JsonLinesPart {
  std::string_view text;
  std::int64_t first_line = 1;
  bool at_object_start = true;
};

// Calls on_line(line_number, text) for every non-blank line of part, numbered from
// part.first_line, without the line end. Returns the number of non-blank lines.
template <typename OnLine>
std::int64_t for_each_json_line(JsonLinesPart part, OnLine&& on_line) {
  std::string_view content = part.text;
  if (part.at_object_start && content.starts_with("\xEF\xBB\xBF"))
    content.remove_prefix(3);
  std::int64_t line_number = part.first_line - 1;
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

// The whole object as one part: lines numbered from 1.
template <typename OnLine>
std::int64_t for_each_json_line(std::string_view content, OnLine&& on_line) {
  return for_each_json_line(JsonLinesPart{content, 1, true}, std::forward<OnLine>(on_line));
}

// Cuts content into parts of about target_bytes, each ending just after a line
// end (the last one at the end of content), so that parsing the parts in order
// sees exactly the lines, with exactly the numbers, that parsing content whole
// would. A line longer than target_bytes stays whole in one part.
inline std::vector<JsonLinesPart> split_json_lines(std::string_view content,
                                                   std::size_t target_bytes) {
  std::vector<JsonLinesPart> parts;
  std::int64_t first_line = 1;
  std::size_t begin = 0;
  while (begin < content.size() || parts.empty()) {
    std::size_t end = content.size();
    if (content.size() - begin > target_bytes) {
      const std::size_t newline = content.find('\n', begin + target_bytes - 1);
      if (newline != std::string_view::npos)
        end = newline + 1;
    }
    const std::string_view text = content.substr(begin, end - begin);
    parts.push_back(JsonLinesPart{text, first_line, begin == 0});
    first_line += std::count(text.begin(), text.end(), '\n');
    begin = end;
  }
  return parts;
}

}  // namespace sparkify

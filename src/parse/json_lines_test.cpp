#include "parse/json_lines.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sparkify {
namespace {

std::vector<std::pair<std::int64_t, std::string>> lines_of(std::string_view content) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for_each_json_line(content, [&](std::int64_t n, std::string_view line) {
    out.emplace_back(n, std::string(line));
  });
  return out;
}

TEST(JsonLines, LastLineWithoutNewline) {
  const auto lines = lines_of("{\"a\":1}\n{\"a\":2}");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[1], (std::pair<std::int64_t, std::string>{2, "{\"a\":2}"}));
}

TEST(JsonLines, CrlfAndBlankLinesKeepLineNumbers) {
  const auto lines = lines_of("\xEF\xBB\xBF{}\r\n\r\n  \n{\"b\":1}\r\n");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0], (std::pair<std::int64_t, std::string>{1, "{}"}));
  EXPECT_EQ(lines[1], (std::pair<std::int64_t, std::string>{4, "{\"b\":1}"}));
}

TEST(JsonLines, EmptyContentHasNoLines) {
  EXPECT_EQ(for_each_json_line("", [](std::int64_t, std::string_view) {}), 0);
  EXPECT_EQ(for_each_json_line("\n\r\n ", [](std::int64_t, std::string_view) {}), 0);
}

// Parsing the parts in order sees what parsing the whole object sees, for every
// part size: the same lines with the same numbers (BOM, CRLF, blank lines, no
// final newline, a line longer than a part).
TEST(JsonLines, PartsSeeTheLinesOfTheWhole) {
  const std::string content =
      "\xEF\xBB\xBF{\"a\":1}\r\n\n  \n{\"b\":\"a much longer line than the "
      "others\"}\n{}\r\n\n{\"c\":3}";
  const auto whole = lines_of(content);
  ASSERT_EQ(whole.size(), 4U);
  for (std::size_t target = 1; target <= content.size() + 1; ++target) {
    const auto parts = split_json_lines(content, target);
    std::string joined;
    std::vector<std::pair<std::int64_t, std::string>> seen;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      joined.append(parts[i].text);
      EXPECT_EQ(parts[i].at_object_start, i == 0);
      if (i + 1 < parts.size()) {
        EXPECT_EQ(parts[i].text.back(), '\n') << target;
      }
      for_each_json_line(parts[i], [&](std::int64_t n, std::string_view line) {
        seen.emplace_back(n, std::string(line));
      });
    }
    EXPECT_EQ(joined, content) << target;
    EXPECT_EQ(seen, whole) << target;
  }
  EXPECT_EQ(split_json_lines(content, content.size()).size(), 1U);
  EXPECT_EQ(split_json_lines("", 8).size(), 1U);
}

}  // namespace
}  // namespace sparkify

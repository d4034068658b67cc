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

}  // namespace
}  // namespace sparkify

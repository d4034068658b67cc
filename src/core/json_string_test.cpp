#include "core/json_string.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

std::string json_string(std::string_view text, JsonStringStyle style = {}) {
  std::string out;
  append_json_string(out, text, style);
  return out;
}

TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(json_string("a\"b\\c\n\r\t\b\f\x01\x1f"), R"("a\"b\\c\n\r\t\b\f\u0001\u001f")");
  EXPECT_EQ(json_string(std::string_view("\0", 1)), R"("\u0000")");
}

TEST(JsonString, EscapesWhatEndsALineInJavaScript) {
  EXPECT_EQ(json_string("\x7F \xE2\x80\xA8 \xE2\x80\xA9 \xE2\x80\xA7"),
            "\"\\u007f \\u2028 \\u2029 \xE2\x80\xA7\"");
  EXPECT_EQ(json_string("\x7F\xE2\x80\xA8", {.ascii_only = true}), R"("\u007f\u2028")");
}

TEST(JsonString, ReplacesEachIllFormedByte) {
  // A truncated sequence followed by ASCII: one U+FFFD per byte, the ASCII kept.
  EXPECT_EQ(json_string("\xE6\x9D"
                        "a\xFF"),
            "\"\xEF\xBF\xBD\xEF\xBF\xBD"
            "a\xEF\xBF\xBD\"");
  EXPECT_EQ(json_string("\xE6\x9D"
                        "a",
                        {.ascii_only = true}),
            R"("\ufffd\ufffda")");
}

TEST(JsonString, SlashesOnlyWhenAsked) {
  EXPECT_EQ(json_string("a/b"), R"("a/b")");
  EXPECT_EQ(json_string("a/b", {.escape_slash = true}), R"("a\/b")");
  EXPECT_EQ(json_string("\\/", {.escape_slash = true}), R"("\\\/")");
}

TEST(JsonString, AsciiOnlyUsesSurrogatePairsInLowerCase) {
  EXPECT_EQ(json_string("\xC3\xA9\xF0\x9F\x8E\xB5", {.ascii_only = true}),
            R"("\u00e9\ud83c\udfb5")");
  EXPECT_EQ(json_string("\xC3\xA9"), "\"\xC3\xA9\"");
}

}  // namespace
}  // namespace sparkify

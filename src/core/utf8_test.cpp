#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sparkify {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Beyonc\xC3\xA9 \xF0\x9F\x8E\xB5"));
}

TEST(Utf8, RejectsIllFormedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, SanitizeReplacesBadBytesAndNul) {
  EXPECT_EQ(sanitize_utf8("a\xFF"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize_utf8(std::string_view("a\0b", 3)),
            "a\xE2\x90\x80"
            "b");
  EXPECT_EQ(sanitize_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Utf8, SanitizeReplacesEachIllFormedByte) {
  EXPECT_EQ(sanitize_utf8("Beyoncé – 東京 🎵"), "Beyoncé – 東京 🎵");
  EXPECT_EQ(sanitize_utf8("a\xff"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize_utf8("\xC3"), "\xEF\xBF\xBD");                                  // truncated
  EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD");         // > U+10FFFF
  EXPECT_EQ(sanitize_utf8("\xEF\xBF\xBD"), "\xEF\xBF\xBD");  // a real U+FFFD stays one
}

TEST(Utf8, DisplayWidthCountsColumns) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("Beyoncé"), 7u);
  EXPECT_EQ(display_width("Beyonce\xCC\x81"), 7u);  // e + combining acute
  EXPECT_EQ(display_width("東京"), 4u);
  EXPECT_EQ(display_width("\xff"), 1u);
}

TEST(Utf8, DecodesOneCodePointAtATime) {
  const std::string_view text =
      "a\xC3\xA9\xE6\x9D\xB1\xF0\x9F\x8E\xB5\xE6\x9D"
      "a";
  std::vector<char32_t> decoded;
  for (std::size_t pos = 0; pos < text.size();)
    decoded.push_back(next_code_point(text, pos));
  // A truncated sequence is one U+FFFD per byte; the byte after it is read again.
  EXPECT_EQ(decoded, (std::vector<char32_t>{'a', 0xE9, 0x6771, 0x1F3B5, kReplacementChar,
                                            kReplacementChar, 'a'}));
}

TEST(Utf8, EncodesAndReplacesWhatCannotBeEncoded) {
  std::string out;
  for (const char32_t cp : {char32_t{'a'}, char32_t{0xE9}, char32_t{0x6771}, char32_t{0x1F3B5},
                            char32_t{0xD800}, char32_t{0x110000}})
    append_utf8(out, cp);
  EXPECT_EQ(out, "a\xC3\xA9\xE6\x9D\xB1\xF0\x9F\x8E\xB5\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, ReplaceInvalidKeepsNul) {
  EXPECT_EQ(replace_invalid_utf8(std::string_view("a\0\xFF", 3)),
            std::string("a\0\xEF\xBF\xBD", 5));
}

TEST(Utf8, TruncateNeverCutsASequence) {
  EXPECT_EQ(truncate_utf8("abc", 10), "abc");
  EXPECT_EQ(truncate_utf8("caf\xC3\xA9", 4), "caf");
  EXPECT_EQ(truncate_utf8("caf\xC3\xA9", 5), "caf\xC3\xA9");
}

}  // namespace
}  // namespace sparkify

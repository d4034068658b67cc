#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include "report/utf8.hpp"

namespace sparkify::report {
namespace {

TEST(Utf8, KeepsValidTextAndReplacesInvalidBytes) {
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

}  // namespace
}  // namespace sparkify::report

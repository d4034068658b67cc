#include "core/utf8.hpp"

#include <gtest/gtest.h>

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

TEST(Utf8, TruncateNeverCutsASequence) {
  EXPECT_EQ(truncate_utf8("abc", 10), "abc");
  EXPECT_EQ(truncate_utf8("caf\xC3\xA9", 4), "caf");
  EXPECT_EQ(truncate_utf8("caf\xC3\xA9", 5), "caf\xC3\xA9");
}

}  // namespace
}  // namespace sparkify

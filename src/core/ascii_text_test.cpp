#include "core/ascii_text.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

TEST(AsciiText, TrimsTheGivenWhiteSpace) {
  EXPECT_EQ(trim(" \t\r\n\f\vkey = value \v\f\r\n\t "), "key = value");
  EXPECT_EQ(trim(" \t \r\n"), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\r a b\t\r", " \t"), "\r a b\t\r");
  EXPECT_EQ(trim("\t a b \t", " \t"), "a b");
}

TEST(AsciiText, LowersAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Host=H\xC3\x89Z"), "host=h\xC3\x89z");
  EXPECT_EQ(ascii_lower('Q'), 'q');
  EXPECT_EQ(ascii_lower('@'), '@');
  EXPECT_EQ(ascii_lower('['), '[');
}

TEST(AsciiText, ComparesWithoutCase) {
  EXPECT_TRUE(iequals("Password", "PASSWORD"));
  EXPECT_FALSE(iequals("password", "passwor"));
  EXPECT_FALSE(iequals("\xC3\x89", "\xC3\xA9"));  // no Unicode case folding
  EXPECT_TRUE(istarts_with("PostgreSQL://h", "postgresql://"));
  EXPECT_FALSE(istarts_with("post", "postgres"));
}

}  // namespace
}  // namespace sparkify

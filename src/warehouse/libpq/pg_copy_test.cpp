#include "warehouse/libpq/pg_copy.hpp"

#include <gtest/gtest.h>

#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  append_copy_text(out, s);
  return out;
}

TEST(PgCopyText, PlainTextIsUnchanged) {
  EXPECT_EQ(escaped(""), "");
  EXPECT_EQ(escaped("Des'ree \"x\" caf\xc3\xa9"), "Des'ree \"x\" caf\xc3\xa9");
}

TEST(PgCopyText, EscapesTheFourSpecialBytes) {
  EXPECT_EQ(escaped("a\\b"), "a\\\\b");
  EXPECT_EQ(escaped("a\tb"), "a\\tb");
  EXPECT_EQ(escaped("a\nb"), "a\\nb");
  EXPECT_EQ(escaped("a\rb"), "a\\rb");
  EXPECT_EQ(escaped("\\\t\n\r"), "\\\\\\t\\n\\r");
}

TEST(PgCopyText, MarkersInDataCannotBeMistakenForNullOrEnd) {
  // The text "\N" is not NULL and "\." is not the end-of-data marker once escaped.
  EXPECT_EQ(escaped("\\N"), "\\\\N");
  EXPECT_EQ(escaped("\\."), "\\\\.");
}

TEST(PgCopyText, UserAgentWithEscapedQuotesAndSlashes) {
  EXPECT_EQ(escaped(R"(Mozilla/5.0 (Windows NT 6.1) \"x\")"),
            R"(Mozilla/5.0 (Windows NT 6.1) \\"x\\")");
}

TEST(PgCopyText, RejectsNulBytes) {
  using namespace std::string_literals;
  EXPECT_THROW(escaped("a\0b"s), WarehouseError);
}

TEST(PgCopyText, AppendsToExistingBuffer) {
  std::string out = "x\t";
  append_copy_text(out, "y\tz");
  EXPECT_EQ(out, "x\ty\\tz");
}

}  // namespace
}  // namespace sparkify::pg

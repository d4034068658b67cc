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

// The bytes of a binary COPY row, as PostgreSQL's binary format defines them: the field
// count (int16), then each field's length (int32, -1 for NULL) and value, big-endian.
TEST(PgCopyBinary, WritesEachTypeInNetworkOrder) {
  using namespace std::string_literals;
  CopyRows rows({CopyType::int8, CopyType::int4, CopyType::int2, CopyType::boolean,
                 CopyType::float8, CopyType::text, CopyType::timestamptz, CopyType::text});
  rows.integer(std::int64_t{-2});
  rows.integer(std::int64_t{258});
  rows.integer(std::int64_t{3});
  rows.integer(std::int64_t{1});
  rows.real(1.0);
  rows.text("h\xc3\xa9");
  rows.text("2000-01-01 00:00:01.5");  // 1.5 s after PostgreSQL's epoch
  rows.null();
  rows.end_row();
  EXPECT_EQ(rows.data(),
            "\0\x08"s                                      // 8 fields
            "\0\0\0\x08\xff\xff\xff\xff\xff\xff\xff\xfe"s  // -2
            "\0\0\0\x04\0\0\x01\x02"s                      // 258
            "\0\0\0\x02\0\x03"s                            // 3
            "\0\0\0\x01\x01"s                              // true
            "\0\0\0\x08\x3f\xf0\0\0\0\0\0\0"s              // 1.0
            "\0\0\0\x03h\xc3\xa9"s                         // the bytes
            "\0\0\0\x08\0\0\0\0\0\x16\xe3\x60"s            // 1,500,000 us
            "\xff\xff\xff\xff"s);                          // NULL
  EXPECT_EQ(rows.rows(), 1);
  EXPECT_FALSE(rows.in_row());
}

TEST(PgCopyBinary, RefusesValuesTheirColumnCannotHold) {
  using namespace std::string_literals;
  const auto refuses = [](CopyType type, auto&& write) {
    CopyRows rows({type});
    EXPECT_THROW(write(rows), WarehouseError);
  };
  refuses(CopyType::int4, [](CopyRows& r) { r.integer(std::int64_t{1} << 31); });
  refuses(CopyType::int2, [](CopyRows& r) { r.integer(std::int64_t{40000}); });
  refuses(CopyType::boolean, [](CopyRows& r) { r.integer(std::int64_t{2}); });
  refuses(CopyType::int8, [](CopyRows& r) { r.real(1.5); });
  refuses(CopyType::float8, [](CopyRows& r) { r.text("1.5"); });
  refuses(CopyType::timestamptz, [](CopyRows& r) { r.text("2018-11-01T21:17:33Z"); });
  refuses(CopyType::text, [](CopyRows& r) { r.text("a\0b"s); });
  refuses(CopyType::text, [](CopyRows& r) {
    r.text("a");
    r.text("b");
  });                                                         // one field too many
  refuses(CopyType::text, [](CopyRows& r) { r.end_row(); });  // one too few
}

TEST(PgCopyBinary, KnowsTheTypesOfTheWarehouseColumns) {
  EXPECT_EQ(copy_type("bigint"), CopyType::int8);
  EXPECT_EQ(copy_type("integer"), CopyType::int4);
  EXPECT_EQ(copy_type("smallint"), CopyType::int2);
  EXPECT_EQ(copy_type("double precision"), CopyType::float8);
  EXPECT_EQ(copy_type("boolean"), CopyType::boolean);
  EXPECT_EQ(copy_type("text"), CopyType::text);
  EXPECT_EQ(copy_type("character varying(32)"), CopyType::text);
  EXPECT_EQ(copy_type("timestamp with time zone"), CopyType::timestamptz);
  EXPECT_EQ(copy_type("timestamp without time zone"), std::nullopt);
  EXPECT_EQ(copy_type("numeric(10,2)"), std::nullopt);
}

}  // namespace
}  // namespace sparkify::pg

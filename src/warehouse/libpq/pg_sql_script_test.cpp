#include "warehouse/libpq/pg_sql_script.hpp"

#include <gtest/gtest.h>

namespace sparkify::pg {
namespace {

TEST(PgSqlScript, SplitsStatementsAndFindsParameters) {
  const auto parts = split_sql(
      "-- $9 in a comment; not a parameter\n"
      "DELETE FROM t WHERE a <= $1;\n"
      "\n"
      "INSERT INTO t SELECT $2, ';', \"x;y\" /* $7; */ FROM u WHERE b = $1\n");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].max_parameter, 1);
  EXPECT_EQ(parts[1].max_parameter, 2);
  EXPECT_TRUE(parts[0].text.find("DELETE") != std::string_view::npos);
  EXPECT_TRUE(parts[1].text.ends_with("b = $1\n"));
}

TEST(PgSqlScript, DollarQuotedBodiesAreOpaque) {
  const auto parts =
      split_sql("DO $$ BEGIN PERFORM 1; RAISE NOTICE '$1'; END $$; DO $f$ x; $f$; SELECT $10");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].max_parameter, 0);
  EXPECT_EQ(parts[2].max_parameter, 10);
}

TEST(PgSqlScript, CommentOnlyPiecesAreDropped) {
  EXPECT_TRUE(split_sql("-- nothing\n;  /* still nothing */ ;").empty());
  EXPECT_EQ(split_sql("SELECT 1").size(), 1u);
  EXPECT_EQ(split_sql("SELECT 'it''s; fine'; SELECT 2;").size(), 2u);
}

}  // namespace
}  // namespace sparkify::pg

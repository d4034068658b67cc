// Parameters numbered as written ($N as in the portable statements, ?N as in
// SQLite's own) and PostgreSQL's "C" collation on the SQLite engine.
#include "warehouse/sqlite/sqlite_handle.hpp"

#include <gtest/gtest.h>

#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

Table select(SqliteWarehouse& wh, std::string_view sql) {
  return wh.query(sql, {Value{std::string("a")}, Value{std::string("b")}, Value{std::string("c")}});
}

TEST(SqliteParameters, DollarAndQuestionNumbersBindTheirValue) {
  SqliteWarehouse wh(":memory:");
  const Table out = select(wh, "SELECT $2, $1, $2 || $3");
  ASSERT_EQ(out.rows.size(), 1U);
  EXPECT_EQ(out.rows[0], (std::vector<Value>{Value{std::string("b")}, Value{std::string("a")},
                                             Value{std::string("bc")}}));
  EXPECT_EQ(select(wh, "SELECT ?3, ?1").rows[0],
            (std::vector<Value>{Value{std::string("c")}, Value{std::string("a")}}));
}

TEST(SqliteParameters, NamedParametersAreRefused) {
  SqliteWarehouse wh(":memory:");
  EXPECT_THROW(select(wh, "SELECT :name"), WarehouseError);
}

TEST(SqliteCollation, CIsByteOrder) {
  SqliteWarehouse wh(":memory:");
  // 'B' (0x42) sorts before 'a' (0x61) in bytes; a longer text after its prefix.
  const Table out =
      wh.query("SELECT 'B' < 'a' COLLATE \"C\", 'ab' > 'a' COLLATE \"C\", 'é' > 'z' COLLATE \"C\"");
  EXPECT_EQ(out.rows[0], (std::vector<Value>{Value{std::int64_t{1}}, Value{std::int64_t{1}},
                                             Value{std::int64_t{1}}}));
}

}  // namespace
}  // namespace sparkify

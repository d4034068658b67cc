// A migration is one transaction: it applies every schema file or, when anything in it
// fails, none.
#include "warehouse/schema_migration.hpp"

#include <gtest/gtest.h>

#include "warehouse/embedded_sql.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

bool has_table(SqliteWarehouse& wh, const std::string& name) {
  const Table found =
      wh.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1", {name});
  return std::get<std::int64_t>(found.rows.at(0).at(0)) == 1;
}

TEST(SchemaMigration, AppliesEverySchemaFileInOrder) {
  SqliteWarehouse wh(":memory:");
  EXPECT_EQ(migrate_in_one_transaction(wh, [] {}), engine_schema_files("sqlite").back().version);
  EXPECT_EQ(wh.schema_version(), engine_schema_files("sqlite").back().version);
  EXPECT_TRUE(has_table(wh, "f_songplay"));
}

TEST(SchemaMigration, AFailingSchemaFileLeavesNoneApplied) {
  SqliteWarehouse wh(":memory:");
  bool reached = false;
  const auto fail_at_version_five = [&reached](std::string_view text) {
    if (!text.starts_with("-- Schema version 5:"))
      return std::string(text);
    reached = true;
    return std::string("SELECT no_such_column FROM no_such_table");
  };
  EXPECT_THROW(migrate_in_one_transaction(
                   wh, [] {}, fail_at_version_five),
               WarehouseError);
  ASSERT_TRUE(reached);
  EXPECT_EQ(wh.schema_version(), 0);
  EXPECT_FALSE(has_table(wh, "f_songplay"));
}

TEST(SchemaMigration, AFailingGuardLeavesNothing) {
  SqliteWarehouse wh(":memory:");
  EXPECT_THROW(migrate_in_one_transaction(wh,
                                          [&wh] {
                                            wh.execute("CREATE TABLE marker (x INTEGER)");
                                            throw WarehouseError("another migration holds it");
                                          }),
               WarehouseError);
  EXPECT_FALSE(has_table(wh, "marker"));
  EXPECT_EQ(wh.schema_version(), 0);
}

}  // namespace
}  // namespace sparkify

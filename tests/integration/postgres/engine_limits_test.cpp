// The byte limits of short codes and song ids, the same on every engine: a value of
// 300 two-byte characters (600 bytes) in an event's page, level or gender, or in a
// song's artist_id, is one reject naming the field, and the rest of the batch loads
// (Redshift's VARCHAR(256) counts bytes and would refuse the row, failing the batch).
// The Redshift emulation enforces those byte lengths itself, as Redshift does.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/pg_server.hpp"
#include "tests/support/folder_load.hpp"
#include "warehouse/postgres/postgres_warehouse.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

namespace fs = std::filesystem;

const fs::path kLongCodes = fs::path(SPARKIFY_SOURCE_DIR) / "tests/data/long-codes";

redshift::RedshiftOptions emulation() {
  redshift::RedshiftOptions o;
  o.postgres_emulation = true;
  return o;
}

std::vector<std::string> rejects_of(Warehouse& wh) {
  std::vector<std::string> out;
  for (const auto& row :
       wh.query("SELECT field, reason FROM etl_reject ORDER BY field, source_key").rows)
    out.push_back(*to_text(row.at(0)) + ": " + *to_text(row.at(1)));
  return out;
}

std::int64_t count(Warehouse& wh, const std::string& table) {
  return to_int(wh.query("SELECT COUNT(*) FROM " + table).rows.at(0).at(0));
}

void expect_long_codes_rejected(Warehouse& wh) {
  wh.migrate();
  wh.lock_writer();
  const LoadReport report = testing::load_folder(wh, kLongCodes);
  ASSERT_EQ(report.batches.size(), 1u) << wh.describe();
  EXPECT_EQ(rejects_of(wh), (std::vector<std::string>{
                                "artist_id: longer than 256 bytes", "gender: longer than 256 bytes",
                                "level: longer than 256 bytes", "page: longer than 256 bytes"}))
      << wh.describe();
  // The rest loads: the good song and the two good plays, both matched.
  EXPECT_EQ(count(wh, "d_song"), 1) << wh.describe();
  EXPECT_EQ(count(wh, "f_songplay"), 2) << wh.describe();
  EXPECT_EQ(count(wh, "f_songplay WHERE song_id IS NOT NULL"), 2) << wh.describe();
}

TEST(EngineLimits, OverlongCodesAreRejectsNamingTheFieldOnEveryEngine) {
  const fs::path db =
      fs::temp_directory_path() / ("sparkify-limits-" + std::to_string(::getpid()) + ".db");
  {
    SqliteWarehouse sqlite(db);
    expect_long_codes_rejected(sqlite);
  }
  fs::remove(db);
  PostgresWarehouse pg(test::create_test_database("limits_pg"));
  expect_long_codes_rejected(pg);
  RedshiftWarehouse rs(test::create_test_database("limits_rs"), emulation());
  expect_long_codes_rejected(rs);
}

TEST(EngineLimits, RedshiftEmulationCountsVarcharLengthsInBytes) {
  RedshiftWarehouse rs(test::create_test_database("limits_bytes"), emulation());
  rs.migrate();
  std::string bytes_64;  // 32 two-byte characters
  for (int i = 0; i < 32; ++i)
    bytes_64 += "\u00e9";
  const std::string insert =
      "INSERT INTO etl_reference (name, source, checksum, row_count, loaded_at) VALUES ($1, 'x', "
      "'x', 0, '2024-01-01 00:00:00')";
  // etl_reference.name is VARCHAR(64): 64 bytes fit, 66 do not (33 characters would
  // fit PostgreSQL's own VARCHAR(64), which counts characters).
  EXPECT_NO_THROW(rs.execute(insert, {bytes_64}));
  EXPECT_THROW(rs.execute(insert, {bytes_64 + "\u00e9"}), WarehouseError);
}

}  // namespace
}  // namespace sparkify

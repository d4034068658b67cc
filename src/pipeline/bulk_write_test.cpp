// When a batch is large next to the warehouse, measured in the input bytes of the objects
// the ledger holds: against the run's start for the journal, against now for the keys.
#include "pipeline/bulk_write.hpp"

#include <gtest/gtest.h>

#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

constexpr std::uint64_t kMiB = 1 << 20;

// A warehouse whose ledger holds objects of these sizes.
void hold(SqliteWarehouse& wh, const std::vector<std::uint64_t>& sizes) {
  wh.migrate();
  const std::string at = "2018-11-30 00:00:00";
  wh.execute(wh.statement("ledger/begin_batch"), {std::int64_t{1}, std::string("load"), at});
  std::int64_t n = 0;
  for (const auto size : sizes) {
    wh.execute(
        wh.statement("ledger/record_object"),
        {"log/" + std::to_string(++n), std::string("v1"), std::string("event"),
         static_cast<std::int64_t>(size), std::int64_t{1}, std::int64_t{1}, std::int64_t{0}, at});
  }
}

TEST(BatchScale, AnEmptyWarehouseMakesEveryBatchOfTheLeastSizeLarge) {
  SqliteWarehouse wh(":memory:");
  hold(wh, {});
  const auto scale = scale_of_batch(wh, 40 * kMiB, 0, 32 * kMiB);
  EXPECT_TRUE(scale.large_for_the_run);
  EXPECT_TRUE(scale.large_for_the_keys);
  EXPECT_FALSE(scale_of_batch(wh, 31 * kMiB, 0, 32 * kMiB).large_for_the_keys);
}

TEST(BatchScale, TheKeysAreSetAsideForABatchOfAtLeastHalfTheWarehouse) {
  SqliteWarehouse wh(":memory:");
  hold(wh, {60 * kMiB, 40 * kMiB});
  EXPECT_TRUE(scale_of_batch(wh, 50 * kMiB, 0, 32 * kMiB).large_for_the_keys);
  EXPECT_FALSE(scale_of_batch(wh, 49 * kMiB, 0, 32 * kMiB).large_for_the_keys);
  EXPECT_FALSE(scale_of_batch(wh, 50 * kMiB, 0, 32 * kMiB).large_for_the_run);
  EXPECT_TRUE(scale_of_batch(wh, 100 * kMiB, 0, 32 * kMiB).large_for_the_run);
}

// What the run's earlier batches loaded counts for the keys, not for the journal.
TEST(BatchScale, TheRunsEarlierBatchesCountOnlyForTheKeys) {
  SqliteWarehouse wh(":memory:");
  hold(wh, {100 * kMiB});  // all of it loaded by this run's first batch
  const auto scale = scale_of_batch(wh, 40 * kMiB, 100 * kMiB, 32 * kMiB);
  EXPECT_TRUE(scale.large_for_the_run);
  EXPECT_FALSE(scale.large_for_the_keys);
}

std::int64_t foreign_keys_on(SqliteWarehouse& wh) {
  return to_int(wh.query("PRAGMA foreign_keys").rows.at(0).at(0));
}

std::int64_t songs(SqliteWarehouse& wh) {
  return to_int(wh.query("SELECT COUNT(*) FROM d_song").rows.at(0).at(0));
}

void add_song(SqliteWarehouse& wh, const std::string& song_id, const std::string& artist_id) {
  wh.execute(
      "INSERT INTO d_song (song_id, title, artist_id, year, duration) "
      "VALUES (?1, 'Intro', ?2, 2000, 60.0)",
      {song_id, artist_id});
}

// SQLite cannot drop a foreign key inside the batch's transaction: a bulk batch turns
// them off before it and checks them all at its commit, which a broken one fails.
TEST(LargeBatch, ABulkSqliteBatchChecksItsForeignKeysOnceAtItsCommit) {
  SqliteWarehouse wh(":memory:");
  wh.migrate();
  {
    const LargeBatch bulk(wh, {.large = true, .bulk = true});
    EXPECT_EQ(foreign_keys_on(wh), 0);
    wh.begin();
    add_song(wh, "SO1", "AR_NOWHERE");  // not checked row by row
    try {
      wh.commit();
      ADD_FAILURE() << "a song of no artist was committed";
    } catch (const WarehouseError& e) {
      EXPECT_STREQ(e.what(),
                   "foreign keys broken, nothing committed: d_song rows pointing at no d_artist "
                   "row: 1");
    }
    wh.rollback();
    EXPECT_EQ(songs(wh), 0);
    // The rollback ends the bulk batch: what comes next (the failed batch's record) is
    // checked row by row.
    EXPECT_EQ(foreign_keys_on(wh), 1);
  }
  {
    const LargeBatch bulk(wh, {.large = true, .bulk = true});
    wh.begin();
    wh.execute("INSERT INTO d_artist (artist_id, name) VALUES ('AR_NOWHERE', 'Nobody')");
    add_song(wh, "SO1", "AR_NOWHERE");
    wh.commit();
    EXPECT_EQ(songs(wh), 1);
  }
  // Every other batch has them checked row by row again.
  EXPECT_EQ(foreign_keys_on(wh), 1);
  wh.begin();
  EXPECT_THROW(add_song(wh, "SO2", "AR_ELSEWHERE"), WarehouseError);
  wh.rollback();
  {
    const LargeBatch large_only(wh, {.large = true, .bulk = false});
    EXPECT_EQ(foreign_keys_on(wh), 1);
  }
}

}  // namespace
}  // namespace sparkify

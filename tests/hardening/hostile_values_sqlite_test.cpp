// Hostile values through the command line into the embedded SQLite warehouse.
#include <gtest/gtest.h>

#include "tests/hardening/harness.hpp"
#include "tests/hardening/hostile_values.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {

TEST(HostileValues, SqliteStoresEachValueAsGivenOrRejectsItWithAReason) {
  TempDir dir;
  const auto corpus = write_hostile_corpus(dir / "raw");
  const auto db = dir / "hostile.db";
  const std::vector<std::string> args{"load",
                                      "--db",
                                      db.string(),
                                      "--songs",
                                      corpus.songs.string(),
                                      "--events",
                                      corpus.events.string()};
  const auto r = run_sparkify(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const auto outcome = check_hostile_corpus(
      corpus,
      [&](const std::string& sql, const std::vector<std::string>& params) {
        return sqlite_rows(db, sql, params);
      },
      "{}");
  for (const auto& f : outcome.failures)
    ADD_FAILURE() << f;
  RecordProperty("outcomes", outcome.summary);
  std::printf("%s", outcome.summary.c_str());
  std::printf("hostile cases: %zu, staged as given %d, rejected %d\n", corpus.cases.size(),
              outcome.staged, outcome.rejected);

  // Every table is still there, with the counts the cases imply.
  SqliteReader reader(db);
  for (const auto& table : warehouse_tables()) {
    EXPECT_EQ(reader.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" +
                           table + "'"),
              1)
        << table;
  }
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM s_song"), outcome.staged_songs);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM s_songplay_event"), outcome.staged_events);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM etl_reject"), outcome.rejected);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM d_song"), outcome.staged_songs);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM d_artist"), outcome.staged_songs);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM f_songplay"), outcome.staged_next_songs);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM d_time"), outcome.staged_next_songs);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM d_user"),
            reader.count("SELECT COUNT(DISTINCT user_id) FROM s_songplay_event"));
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM s_songplay_event WHERE processed = 0"), 0);

  // Status shows the rejects' raw text without failing; a second load changes nothing.
  const auto status = run_sparkify({"status", "--db", db.string(), "--rejects", "100"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  const auto before = reader.canonical_dump();
  const auto again = run_sparkify(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Nothing new"), std::string::npos) << again.out;
  EXPECT_EQ(SqliteReader(db).canonical_dump(), before);
}

}  // namespace
}  // namespace sparkify::testing

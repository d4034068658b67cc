// End to end through the command line: the counts by artist name of small batches wait
// apart (schema 16) until a batch of more than 1,000 counts, or the waiting counts past
// 10,000, adds them to the counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> load_args(const fs::path& data, const fs::path& db) {
  return {"load",     "-q",
          "--db",     db.string(),
          "--songs",  (data / "song_data").string(),
          "--events", (data / "log_data").string()};
}

// Loaded a day at a time, the counts go through both tables; loaded at once, through the
// counts alone. The analysts see the same counts, and check recounts them.
TEST(WaitingCounts, SmallBatchesWaitThenJoinTheCountsAsOneLoadHasThem) {
  TempDir dir;
  // 24 daily logs of 2,000 events: about 800 counts a day, past 10,000 after 13 days.
  const auto generated =
      run_sparkify({"generate", "-q", "--songs", "50", "--events", "48000", "--days", "24",
                    "--seed", "7", "--out", (dir / "data").string()});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;

  auto daily = load_args(dir / "data", dir / "daily.db");
  daily.insert(daily.end(), {"--batch-objects", "1"});
  ASSERT_EQ(run_sparkify(daily).exit_code, 0);
  ASSERT_EQ(run_sparkify(load_args(dir / "data", dir / "once.db")).exit_code, 0);

  {
    SqliteReader db(dir / "daily.db");
    EXPECT_GT(db.count("SELECT COUNT(*) FROM a_artist_name_plays"), 0);
    EXPECT_GT(db.count("SELECT COUNT(*) FROM a_artist_name_gender_plays"), 0);
    EXPECT_GT(db.count("SELECT COUNT(*) FROM a_artist_name_recent_plays"), 0);
    EXPECT_LE(db.count("SELECT COUNT(*) FROM a_artist_name_recent_plays"), 10000);
  }
  {
    SqliteReader db(dir / "once.db");
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM a_artist_name_recent_plays"), 0);
  }
  for (const char* query : {"top-artist-names", "top-artist-names-by-gender"}) {
    const auto daily_answer =
        run_sparkify({"query", query, "--db", (dir / "daily.db").string(), "--format", "csv"});
    const auto once_answer =
        run_sparkify({"query", query, "--db", (dir / "once.db").string(), "--format", "csv"});
    ASSERT_EQ(daily_answer.exit_code, 0) << daily_answer.err;
    EXPECT_GT(daily_answer.out.size(), 200u) << daily_answer.out;
    EXPECT_EQ(daily_answer.out, once_answer.out) << query;
  }
  // Every count, as the tests compare warehouses (tests/support/warehouse_tables.hpp).
  const auto counts = [](const fs::path& db) {
    auto dump = SqliteReader(db).canonical_dump();
    std::erase_if(dump, [](const std::string& row) { return !row.starts_with("a_artist_name"); });
    return dump;
  };
  EXPECT_GT(counts(dir / "once.db").size(), 1000u);
  EXPECT_EQ(counts(dir / "daily.db"), counts(dir / "once.db"));
  const auto checked = run_sparkify({"check", "--db", (dir / "daily.db").string()});
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
}

}  // namespace
}  // namespace sparkify::testing

// `sparkify check` on the real sample passes; each check is then made to fail
// by breaking a copy of the warehouse with SQL, and must be named as failing
// with exit code 6.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sqlite3.h>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

void break_with(const fs::path& db, const std::string& sql) {
  EXPECT_EQ(sqlite_execute(db, sql), "") << sql;
}

class Checks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto r = run_sparkify({"load", "--db", loaded().string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path loaded() { return *dir_ / "loaded.db"; }

  // A copy of the loaded sample (the loader closed it, so it is one file).
  fs::path copy() {
    const fs::path db = tmp_ / "w.db";
    fs::copy_file(loaded(), db, fs::copy_options::overwrite_existing);
    return db;
  }

  // The checks that failed, from --format json; the exit code must be 6.
  std::vector<std::string> failing(const fs::path& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"check", "--db", db.string(), "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_sparkify(args);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out << r.err;
    std::vector<std::string> names;
    if (doc.is_object()) {
      for (const auto check : doc["checks"].get_array()) {
        if (!bool(check["passed"]))
          names.emplace_back(std::string_view(check["check"]));
      }
      EXPECT_EQ(bool(doc["passed"]), names.empty());
    }
    EXPECT_EQ(r.exit_code, names.empty() ? 0 : 6) << r.out << r.err;
    return names;
  }

  using Names = std::vector<std::string>;
  static TempDir* dir_;
  TempDir tmp_;
};
TempDir* Checks::dir_ = nullptr;

TEST_F(Checks, TheLoadedSamplePassesEveryCheck) {
  const auto r = run_sparkify({"check", "--db", loaded().string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("All 32 checks passed."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("plays:matched-share"), std::string::npos);
  EXPECT_NE(r.out.find("1 of 6820 plays matched a song"), std::string::npos) << r.out;
  EXPECT_EQ(failing(loaded()), Names{});
}

TEST_F(Checks, EmptyStarTable) {
  const auto db = copy();
  break_with(db, "DELETE FROM d_user_level");
  EXPECT_EQ(failing(db), Names{"non-empty:d_user_level"});
}

TEST_F(Checks, NullKey) {
  const auto db = copy();
  // SQLite lets a TEXT primary key be NULL; other engines would not even store it.
  break_with(db, "INSERT INTO d_artist (artist_id, name) VALUES (NULL, 'nobody')");
  EXPECT_EQ(failing(db), Names{"keys:d_artist"});
}

TEST_F(Checks, DuplicateKey) {
  const auto db = copy();
  // As on Redshift, where keys are not enforced: the table without its key.
  break_with(db,
             "PRAGMA legacy_alter_table = ON;"
             "ALTER TABLE d_song RENAME TO d_song_old;"
             "CREATE TABLE d_song AS SELECT * FROM d_song_old;"
             "DROP TABLE d_song_old;"
             "INSERT INTO d_song SELECT * FROM d_song LIMIT 1;");
  EXPECT_EQ(failing(db), Names{"keys:d_song"});
}

TEST_F(Checks, FactsPointingAtMissingDimensionRows) {
  auto db = copy();
  break_with(db, "DELETE FROM d_time WHERE start_time = (SELECT MIN(start_time) FROM d_time)");
  // The counts by hour are recounted through d_time: its play is not recounted.
  EXPECT_EQ(failing(db), (Names{"references:f_songplay.start_time", "counts:plays-by-hour"}));
  db = copy();
  break_with(db,
             "DELETE FROM d_user_level WHERE user_id = 15;"
             "DELETE FROM d_user WHERE user_id = 15");
  // User 15's plays and counted gender no longer meet a d_user row.
  EXPECT_EQ(failing(db),
            (Names{"references:f_songplay.user_id", "counts:plays-by-gender-and-artist-name",
                   "counts:users-under-their-gender"}));
  db = copy();
  break_with(db, "DELETE FROM d_song WHERE song_id IN (SELECT song_id FROM f_songplay)");
  EXPECT_EQ(failing(db), Names{"references:f_songplay.song_id"});
  db = copy();
  break_with(db, "UPDATE f_songplay SET artist_id = 'ARNOWHERE' WHERE artist_id IS NOT NULL");
  EXPECT_EQ(failing(db), Names{"references:f_songplay.artist_id"});
  db = copy();
  break_with(db,
             "DELETE FROM d_artist WHERE artist_id = (SELECT MIN(artist_id) FROM d_song "
             "WHERE artist_id NOT IN (SELECT artist_id FROM f_songplay "
             "WHERE artist_id IS NOT NULL))");
  EXPECT_EQ(failing(db), Names{"references:d_song.artist_id"});
  db = copy();
  break_with(db,
             "INSERT INTO d_user_level VALUES (999999, '2018-11-01 00:00:00.000', 'free', NULL)");
  EXPECT_EQ(failing(db), Names{"references:d_user_level.user_id"});
}

TEST_F(Checks, StagedPlaysAndFactsDisagree) {
  auto db = copy();
  break_with(db,
             "DELETE FROM f_songplay WHERE songplay_id = (SELECT MIN(songplay_id) FROM "
             "f_songplay)");
  // A fact changed behind the transforms' back: the running play counts of what changed
  // disagree too.
  const Names by_artist{"counts:plays-by-artist-name", "counts:plays-by-gender-and-artist-name"};
  const auto with_counts = [&](const std::string& name, const Names& counts) {
    Names names{name};
    names.insert(names.end(), counts.begin(), counts.end());
    return names;
  };
  EXPECT_EQ(failing(db),
            with_counts("plays:staged-events-are-facts",
                        {"counts:plays-by-artist-name", "counts:plays-by-gender-and-artist-name",
                         "counts:plays-by-hour", "counts:plays-by-location"}));
  db = copy();
  break_with(db,
             "INSERT INTO f_songplay (songplay_id, start_time, user_id, level, session_id, "
             "item_in_session) SELECT 'not-an-event', start_time, user_id, level, "
             "session_id, item_in_session FROM f_songplay LIMIT 1");
  // (A play without a location: the counts by location do not hold it.)
  EXPECT_EQ(failing(db),
            with_counts("plays:facts-are-staged-events",
                        {"counts:plays-by-artist-name", "counts:plays-by-gender-and-artist-name",
                         "counts:plays-by-hour"}));
  // The play's artist name is a copy of its event's: another name, or a lost one, fails.
  db = copy();
  break_with(db,
             "UPDATE f_songplay SET artist_name = 'Someone Else' WHERE songplay_id = "
             "(SELECT MIN(songplay_id) FROM f_songplay)");
  EXPECT_EQ(failing(db), with_counts("plays:artist-names-as-logged", by_artist));
  db = copy();
  break_with(db,
             "UPDATE f_songplay SET artist_name = NULL WHERE songplay_id = "
             "(SELECT MIN(songplay_id) FROM f_songplay WHERE artist_name IS NOT NULL)");
  EXPECT_EQ(failing(db), with_counts("plays:artist-names-as-logged", by_artist));
}

// The running play counts (schema 6) must be a recount of the facts.
TEST_F(Checks, PlayCountsThatAreNotARecountOfTheFacts) {
  auto db = copy();
  break_with(db,
             "UPDATE a_artist_name_plays SET plays = plays + 1 WHERE artist_name = "
             "(SELECT MIN(artist_name) FROM a_artist_name_plays)");
  EXPECT_EQ(failing(db), Names{"counts:plays-by-artist-name"});
  db = copy();
  break_with(db,
             "DELETE FROM a_artist_name_gender_plays WHERE artist_name = "
             "(SELECT MAX(artist_name) FROM a_artist_name_gender_plays)");
  EXPECT_EQ(failing(db), Names{"counts:plays-by-gender-and-artist-name"});
  // A pair with no plays at all is a difference too.
  db = copy();
  break_with(db, "INSERT INTO a_artist_name_gender_plays VALUES ('F', 'Nobody Played', 0)");
  EXPECT_EQ(failing(db), Names{"counts:plays-by-gender-and-artist-name"});
  // The counts of recent batches waiting apart (schema 16) count with them: a waiting
  // play no fact has, and a waiting move of a play to no gender that no user made.
  db = copy();
  break_with(db,
             "INSERT INTO a_artist_name_recent_plays VALUES "
             "(NULL, (SELECT MIN(artist_name) FROM a_artist_name_plays), 1)");
  EXPECT_EQ(failing(db), Names{"counts:plays-by-artist-name"});
  db = copy();
  break_with(db,
             "INSERT INTO a_artist_name_recent_plays SELECT gender, artist_name, -1 FROM "
             "(SELECT * FROM a_artist_name_gender_plays ORDER BY 1, 2 LIMIT 1) UNION ALL "
             "SELECT NULL, artist_name, 1 FROM "
             "(SELECT * FROM a_artist_name_gender_plays ORDER BY 1, 2 LIMIT 1)");
  EXPECT_EQ(failing(db), Names{"counts:plays-by-gender-and-artist-name"});
  db = copy();
  break_with(db,
             "UPDATE a_user_counted_gender SET gender = NULL WHERE user_id = "
             "(SELECT MIN(user_id) FROM a_user_counted_gender)");
  EXPECT_EQ(failing(db), Names{"counts:users-under-their-gender"});
  db = copy();
  break_with(db,
             "DELETE FROM a_user_counted_gender WHERE user_id = "
             "(SELECT MAX(user_id) FROM a_user_counted_gender)");
  EXPECT_EQ(failing(db), Names{"counts:users-under-their-gender"});
}

// The running counts by hour and by location (schema 13) too: every count, every row.
TEST_F(Checks, HourAndLocationCountsThatAreNotARecountOfTheFacts) {
  const std::string first_hour =
      " WHERE (year, month, day, hour) = (SELECT year, month, day, hour FROM a_hour_plays "
      "ORDER BY 1, 2, 3, 4 LIMIT 1)";
  for (const char* change : {"free = free + 1", "paid = paid - 1", "plays = plays + 1"}) {
    auto db = copy();
    break_with(db, std::string("UPDATE a_hour_plays SET ") + change + first_hour);
    EXPECT_EQ(failing(db), Names{"counts:plays-by-hour"}) << change;
    db = copy();
    break_with(db, std::string("UPDATE a_location_plays SET ") + change +
                       " WHERE location = (SELECT MIN(location) FROM a_location_plays)");
    EXPECT_EQ(failing(db), Names{"counts:plays-by-location"}) << change;
  }
  auto db = copy();
  break_with(db, "DELETE FROM a_hour_plays" + first_hour);
  EXPECT_EQ(failing(db), Names{"counts:plays-by-hour"});
  db = copy();
  break_with(db, "INSERT INTO a_location_plays VALUES ('Nowhere, NV', 0, 0, 0)");
  EXPECT_EQ(failing(db), Names{"counts:plays-by-location"});
}

TEST_F(Checks, StagedRowsLeftUnprocessed) {
  const auto db = copy();
  break_with(db,
             "UPDATE s_song SET processed = 0 WHERE song_id = (SELECT MIN(song_id) FROM "
             "s_song)");
  EXPECT_EQ(failing(db), Names{"staging:all-processed"});
}

TEST_F(Checks, TooManyRejects) {
  const auto db = copy();
  // 100 rejects of 8,227 records read: 1.2%, over the default 1%.
  break_with(db,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
             "INSERT INTO etl_reject (batch_id, source_key, line_number, reason, raw_text, "
             "rejected_at) SELECT 1, 'x.json', i, 'bad', '{', '2018-11-01' FROM n");
  EXPECT_EQ(failing(db), Names{"rejects:share"});
  EXPECT_EQ(failing(db, {"--max-reject-share", "0.02"}), Names{});
}

TEST_F(Checks, MatchShareFailsOnlyUnderTheThreshold) {
  EXPECT_EQ(failing(loaded(), {"--min-match-share", "0.5"}), Names{"plays:matched-share"});
  EXPECT_EQ(failing(loaded(), {"--min-match-share", "0.0001"}), Names{});
}

TEST_F(Checks, TableOutputNamesTheFailure) {
  const auto db = copy();
  break_with(db, "DELETE FROM f_songplay");
  const auto r = run_sparkify({"check", "--db", db.string()});
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_NE(r.out.find("non-empty:f_songplay"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checks FAILED"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sparkify::testing

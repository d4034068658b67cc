// End to end through the command line: the real sample into the embedded engine.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <fstream>
#include <thread>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

// What the versions after 12 add, gone again: the first step back to any earlier version
// (a later schema change that the older warehouses below must not have adds its undoing here).
constexpr const char* kUndoVersionsAfter12 =
    "DROP TABLE a_artist_name_recent_plays; DROP TABLE a_hour_plays; DROP TABLE "
    "a_location_plays; DROP INDEX f_songplay_artist_name; "
    "DROP INDEX a_artist_name_gender_plays_by_plays;";

std::vector<std::string> sample_args(const fs::path& db) {
  return {"load",
          "--db",
          db.string(),
          "--songs",
          (sample_dir() / "song_data").string(),
          "--events",
          (sample_dir() / "log_data").string()};
}

TEST(LoadSample, ReproducesEveryFactOfTheBrief) {
  TempDir dir;
  const auto r = run_sparkify(sample_args(dir / "w.db"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("staged:      71 songs, 8056 events, 0 duplicates, 0 rejected"),
            std::string::npos)
      << r.out;
  SqliteReader db(dir / "w.db");
  // The brief's table of facts about the sample, asserted on staging.
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event"), 8056);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event WHERE page = 'NextSong'"), 6820);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_song"), 71);
  EXPECT_EQ(db.count("SELECT COUNT(DISTINCT song_id) FROM s_song"), 71);
  EXPECT_EQ(db.count("SELECT COUNT(DISTINCT artist_id) FROM s_song"), 69);
  EXPECT_EQ(db.count("SELECT COUNT(DISTINCT user_id) FROM s_songplay_event "
                     "WHERE page = 'NextSong'"),
            96);
  EXPECT_EQ(db.count("SELECT COUNT(DISTINCT user_id) FROM s_songplay_event"), 97);
  EXPECT_EQ(db.count("SELECT COUNT(DISTINCT ts) FROM s_songplay_event WHERE page = 'NextSong'"),
            6813);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event WHERE user_id IS NULL"), 286);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM (SELECT user_id FROM s_songplay_event "
                     "WHERE user_id IS NOT NULL GROUP BY user_id "
                     "HAVING COUNT(DISTINCT level) = 2)"),
            8);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_song WHERE year = 0"), 43);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_song WHERE artist_latitude IS NULL"), 40);
  // The star schema.
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay WHERE song_id IS NOT NULL "
                     "AND artist_id IS NOT NULL"),
            1);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_time"), 6813);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_user"), 97);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_song"), 71);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_artist"), 69);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_reject"), 0);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event WHERE processed = 0"), 0);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_song WHERE processed = 0"), 0);
  // The one match, by title, artist name and duration.
  EXPECT_EQ(db.rows("SELECT s.title, a.name FROM f_songplay f JOIN d_song s USING (song_id) "
                    "JOIN d_artist a ON a.artist_id = f.artist_id"),
            std::vector<std::string>{"Setanta matins|Elena"});
  // Levels: the 8 users seen at both levels have a history of changes.
  EXPECT_EQ(db.count("SELECT COUNT(DISTINCT user_id) FROM d_user_level"), 97);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM (SELECT user_id FROM d_user_level GROUP BY user_id "
                     "HAVING COUNT(*) > 1)"),
            8);
  // The current level is that of the user's latest event.
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_user u WHERE u.level <> (SELECT e.level FROM "
                     "s_songplay_event e WHERE e.user_id = u.user_id ORDER BY e.ts DESC LIMIT 1)"),
            0);
  // Every fact has its time, user, and the level of its own event.
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay f LEFT JOIN d_time t USING (start_time) "
                     "WHERE t.start_time IS NULL"),
            0);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay f JOIN s_songplay_event e "
                     "ON e.event_id = f.songplay_id WHERE f.level IS NOT e.level "
                     "OR f.user_id IS NOT e.user_id OR f.start_time IS NOT e.start_time "
                     "OR f.artist_name IS NOT e.artist"),
            0);
  // Time parts: the sample is November 2018 in UTC.
  EXPECT_EQ(db.rows("SELECT MIN(start_time), MAX(start_time) FROM d_time"),
            std::vector<std::string>{"2018-11-01 21:01:46.796|2018-11-30 19:54:24.796"});
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_time WHERE month <> 11 OR year <> 2018"), 0);
}

// A warehouse loaded at schema 3 had no f_songplay.artist_name and a per-user index
// without batch_id: opening it for writing adds the column, fills it from each
// play's staged event (4), rebuilds the index (5), counts the plays by artist
// name (6) and indexes the staged events by gender (8).
TEST(LoadSample, UpgradeFromVersionThreeGivesEarlierPlaysTheirArtistName) {
  TempDir dir;
  const auto db = dir / "w.db";
  ASSERT_EQ(run_sparkify(sample_args(db)).exit_code, 0);
  const std::string names = "SELECT songplay_id, artist_name FROM f_songplay ORDER BY 1";
  const auto loaded = SqliteReader(db).rows(names);
  ASSERT_EQ(loaded.size(), 6820u);
  const auto top = run_sparkify({"query", "top-artist-names", "--db", db.string()});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  const auto by_gender = run_sparkify({"query", "top-artist-names-by-gender", "--db", db.string()});
  ASSERT_EQ(by_gender.exit_code, 0) << by_gender.err;
  const auto counts = SqliteReader(db).canonical_dump();
  // Back to what version 3 left.
  ASSERT_EQ(
      sqlite_execute(db, std::string(kUndoVersionsAfter12) +
                             "ALTER TABLE f_songplay DROP COLUMN artist_name;"
                             "DROP TABLE a_artist_name_plays;"
                             "DROP TABLE a_artist_name_gender_plays;"
                             "DROP TABLE a_user_counted_gender;"
                             "DROP INDEX s_songplay_event_user;"
                             "CREATE INDEX s_songplay_event_user ON s_songplay_event (user_id, ts);"
                             "DROP INDEX s_songplay_event_gender;"
                             "DELETE FROM etl_schema_version WHERE version >= 4"),
      "");
  const auto r = run_sparkify({"init", "--db", db.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema upgraded from version 3 to "), std::string::npos) << r.out;
  EXPECT_EQ(SqliteReader(db).rows(names), loaded);
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM f_songplay WHERE artist_name IS NULL"), 0);
  // The play counts (6) are counted from the plays version 4 named: as loaded.
  EXPECT_EQ(SqliteReader(db).canonical_dump(), counts);
  EXPECT_EQ(run_sparkify({"query", "top-artist-names", "--db", db.string()}).out, top.out);
  EXPECT_EQ(run_sparkify({"query", "top-artist-names-by-gender", "--db", db.string()}).out,
            by_gender.out);
  EXPECT_EQ(SqliteReader(db).rows("SELECT name FROM pragma_index_info('s_songplay_event_user')"),
            (std::vector<std::string>{"user_id", "ts", "batch_id"}));
  EXPECT_EQ(SqliteReader(db).rows("SELECT name FROM pragma_index_info('s_songplay_event_gender')"),
            (std::vector<std::string>{"gender"}));
}

// Version 9 keys f_songplay by (start_time, songplay_id): a warehouse of version 8,
// whose plays are keyed by songplay_id alone, keeps every row and every answer.
TEST(LoadSample, UpgradeToVersionNineKeysThePlaysByTimeAndKeepsThem) {
  TempDir dir;
  const auto db = dir / "w.db";
  ASSERT_EQ(run_sparkify(sample_args(db)).exit_code, 0);
  const auto dump = SqliteReader(db).canonical_dump();
  const auto top = run_sparkify({"query", "top-users", "--db", db.string()});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  // Back to what version 8 left: a rowid table keyed by the id, indexed by time.
  ASSERT_EQ(
      sqlite_execute(db, std::string(kUndoVersionsAfter12) +
                             "PRAGMA foreign_keys = OFF;"
                             "CREATE TABLE f_v8 (songplay_id TEXT PRIMARY KEY, start_time TEXT NOT "
                             "NULL, user_id INTEGER NOT NULL, level TEXT, song_id TEXT, artist_id "
                             "TEXT, session_id INTEGER NOT NULL, item_in_session INTEGER NOT NULL, "
                             "location TEXT, user_agent TEXT, artist_name TEXT);"
                             "INSERT INTO f_v8 SELECT * FROM f_songplay ORDER BY songplay_id;"
                             "DROP TABLE f_songplay;"
                             "ALTER TABLE f_v8 RENAME TO f_songplay;"
                             "CREATE INDEX f_songplay_start_time ON f_songplay (start_time);"
                             "DELETE FROM etl_schema_version WHERE version >= 9"),
      "");
  const std::string key = "SELECT name FROM pragma_index_info('sqlite_autoindex_f_songplay_1')";
  ASSERT_EQ(SqliteReader(db).rows(key), (std::vector<std::string>{"songplay_id"}));
  const auto r = run_sparkify({"init", "--db", db.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema upgraded from version 8 to "), std::string::npos) << r.out;
  EXPECT_EQ(SqliteReader(db).rows(key), (std::vector<std::string>{"start_time", "songplay_id"}));
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM pragma_index_list('f_songplay') "
                                   "WHERE name = 'f_songplay_start_time'"),
            0);
  EXPECT_EQ(SqliteReader(db).canonical_dump(), dump);
  EXPECT_EQ(run_sparkify({"query", "top-users", "--db", db.string()}).out, top.out);
  EXPECT_EQ(run_sparkify({"check", "--db", db.string()}).exit_code, 0);
}

// Version 10 makes a staged event unique by (start_time, event_id): a warehouse of
// version 9, whose staged events are keyed by event_id alone, keeps every row and
// every answer, and an event staged again is still staged once.
TEST(LoadSample, UpgradeToVersionTenKeysTheEventsByTimeAndKeepsThem) {
  TempDir dir;
  const auto db = dir / "w.db";
  ASSERT_EQ(run_sparkify(sample_args(db)).exit_code, 0);
  const auto dump = SqliteReader(db).canonical_dump();
  // Back to what version 9 left: the same table keyed by the id.
  ASSERT_EQ(sqlite_execute(db, kUndoVersionsAfter12), "");
  std::string table = SqliteReader(db).rows(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 's_songplay_event'")[0];
  table = "CREATE TABLE e_v9 " + table.substr(table.find('('));
  const std::string id_column = "event_id         TEXT    NOT NULL,";
  ASSERT_NE(table.find(id_column), std::string::npos) << table;
  table.replace(table.find(id_column), id_column.size(), "event_id TEXT PRIMARY KEY,");
  ASSERT_EQ(sqlite_execute(db, table + ";"
                                       "INSERT INTO e_v9 SELECT * FROM s_songplay_event;"
                                       "DROP TABLE s_songplay_event;"
                                       "ALTER TABLE e_v9 RENAME TO s_songplay_event;"
                                       "DELETE FROM etl_schema_version WHERE version >= 10"),
            "");
  const std::string id_key =
      "SELECT name FROM pragma_index_info('sqlite_autoindex_s_songplay_event_1')";
  ASSERT_EQ(SqliteReader(db).rows(id_key), (std::vector<std::string>{"event_id"}));
  const auto r = run_sparkify({"init", "--db", db.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema upgraded from version 9 to "), std::string::npos) << r.out;
  EXPECT_TRUE(SqliteReader(db).rows(id_key).empty());
  EXPECT_EQ(SqliteReader(db).rows("SELECT name FROM pragma_index_info('s_songplay_event_key')"),
            (std::vector<std::string>{"start_time", "event_id"}));
  EXPECT_EQ(SqliteReader(db).canonical_dump(), dump);
  EXPECT_EQ(run_sparkify({"check", "--db", db.string()}).exit_code, 0);
  // The sample's events again, under another name: each is staged once.
  copy_tree(sample_dir() / "log_data", dir / "again");
  fs::create_directories(dir / "none");
  const auto again = run_sparkify({"load", "--db", db.string(), "--songs", (dir / "none").string(),
                                   "--events", (dir / "again").string(), "--allow-empty"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM s_songplay_event"), 8056);
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM f_songplay"), 6820);
}

// Version 12 keeps only the matched plays in f_songplay's indexes by song and by
// artist, and puts the play's user into the one by artist, so the plays of an artist by
// gender are counted from the index. A warehouse of version 10 gets both and keeps every
// row and every answer.
TEST(LoadSample, UpgradeFromVersionTenIndexesTheMatchedPlaysByArtistAndUser) {
  TempDir dir;
  const auto db = dir / "w.db";
  ASSERT_EQ(run_sparkify(sample_args(db)).exit_code, 0);
  const auto dump = SqliteReader(db).canonical_dump();
  const auto by_gender = run_sparkify({"query", "top-artists-by-gender", "--db", db.string()});
  ASSERT_EQ(by_gender.exit_code, 0) << by_gender.err;
  const std::string columns = "SELECT name FROM pragma_index_info('f_songplay_artist')";
  const std::string partial =
      "SELECT name FROM pragma_index_list('f_songplay') WHERE partial ORDER BY name";
  const std::vector<std::string> both{"f_songplay_artist", "f_songplay_song"};
  ASSERT_EQ(SqliteReader(db).rows(columns), (std::vector<std::string>{"artist_id", "user_id"}));
  ASSERT_EQ(SqliteReader(db).rows(partial), both);
  // Back to what version 10 left: whole indexes, the one by artist on artist alone.
  ASSERT_EQ(sqlite_execute(db, std::string(kUndoVersionsAfter12) +
                                   "DROP INDEX f_songplay_artist;"
                                   "CREATE INDEX f_songplay_artist ON f_songplay (artist_id);"
                                   "DROP INDEX f_songplay_song;"
                                   "CREATE INDEX f_songplay_song ON f_songplay (song_id);"
                                   "DELETE FROM etl_schema_version WHERE version >= 11"),
            "");
  ASSERT_TRUE(SqliteReader(db).rows(partial).empty());
  const auto r = run_sparkify({"init", "--db", db.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema upgraded from version 10 to "), std::string::npos) << r.out;
  EXPECT_EQ(SqliteReader(db).rows(columns), (std::vector<std::string>{"artist_id", "user_id"}));
  EXPECT_EQ(SqliteReader(db).rows(partial), both);
  EXPECT_EQ(SqliteReader(db).canonical_dump(), dump);
  EXPECT_EQ(run_sparkify({"query", "top-artists-by-gender", "--db", db.string()}).out,
            by_gender.out);
  EXPECT_EQ(run_sparkify({"check", "--db", db.string()}).exit_code, 0);
}

// Versions 13 and 14 count the plays by hour and by location: a warehouse of version 12 gets
// the counts of the plays it holds, the same as a load counts, and the same answers.
TEST(LoadSample, UpgradeFromVersionTwelveCountsThePlaysByHourAndLocation) {
  TempDir dir;
  const auto db = dir / "w.db";
  ASSERT_EQ(run_sparkify(sample_args(db)).exit_code, 0);
  const auto dump = SqliteReader(db).canonical_dump();
  const std::array<std::string, 3> queries{"plays-by-hour", "plays-by-weekday",
                                           "plays-by-location-level"};
  std::array<std::string, 3> answers;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto q = run_sparkify({"query", queries[i], "--db", db.string()});
    ASSERT_EQ(q.exit_code, 0) << q.err;
    answers[i] = q.out;
  }
  ASSERT_EQ(sqlite_execute(db, std::string(kUndoVersionsAfter12) +
                                   "DELETE FROM etl_schema_version WHERE version >= 13"),
            "");
  const auto r = run_sparkify({"init", "--db", db.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema upgraded from version 12 to "), std::string::npos) << r.out;
  EXPECT_GT(SqliteReader(db).count("SELECT COUNT(*) FROM a_hour_plays"), 0);
  EXPECT_EQ(SqliteReader(db).count(
                "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'f_songplay_artist_name'"),
            1);  // schema 18
  EXPECT_EQ(SqliteReader(db).canonical_dump(), dump);
  for (std::size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(run_sparkify({"query", queries[i], "--db", db.string()}).out, answers[i])
        << queries[i];
  EXPECT_EQ(run_sparkify({"check", "--db", db.string()}).exit_code, 0);
}

// Plays without a location are counted by hour only; the query by location shows them as
// the NULL location, among the others by their number of plays.
TEST(LoadSample, PlaysWithoutALocationAreTheNullLocation) {
  TempDir dir;
  copy_tree(sample_dir(), dir / "raw");
  fs::create_directories(dir / "raw/log_data/2018/12");
  std::ofstream(dir / "raw/log_data/2018/12/2018-12-01-events.json")
      << R"({"artist":"Muse","auth":"Logged In","itemInSession":0,"length":200.5,"level":"free",)"
         R"("location":null,"method":"PUT","page":"NextSong","registration":1540919166796.0,)"
         R"("song":"Yellow","status":200,"userAgent":"Mozilla/5.0","sessionId":990,)"
         R"("firstName":"Sean","lastName":"Later","gender":"M","userId":"90","ts":1543622400000})"
         "\n"
         R"({"artist":"Muse","auth":"Logged In","itemInSession":1,"length":200.5,"level":"paid",)"
         R"("method":"PUT","page":"NextSong","registration":1540919166796.0,"song":"Yellow",)"
         R"("status":200,"userAgent":"Mozilla/5.0","sessionId":990,"firstName":"Sean",)"
         R"("lastName":"Later","gender":"M","userId":"90","ts":1543622500000})"
         "\n";
  const auto db = (dir / "w.db").string();
  ASSERT_EQ(run_sparkify({"load", "--db", db, "--songs", (dir / "raw/song_data").string(),
                          "--events", (dir / "raw/log_data").string()})
                .exit_code,
            0);
  ASSERT_EQ(
      SqliteReader(dir / "w.db").count("SELECT COUNT(*) FROM f_songplay WHERE location IS NULL"),
      2);
  const auto q = run_sparkify({"query", "plays-by-location-level", "--db", db, "--format", "csv"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  // After the last location with more than two plays, before the first with two (CSV
  // lines end in CRLF).
  const auto null_row = q.out.find("\r\n,1,1,2\r\n");
  ASSERT_NE(null_row, std::string::npos) << q.out;
  EXPECT_EQ(q.out.rfind(",3\r\n", null_row), null_row - 2) << q.out;
  EXPECT_EQ(q.out.find(",2\r\n"), null_row + 6) << q.out;  // its own
  EXPECT_EQ(run_sparkify({"check", "--db", db}).exit_code, 0);
}

TEST(LoadSample, SecondLoadChangesNothing) {
  TempDir dir;
  ASSERT_EQ(run_sparkify(sample_args(dir / "w.db")).exit_code, 0);
  const auto before = SqliteReader(dir / "w.db").canonical_dump();
  const auto again = run_sparkify(sample_args(dir / "w.db"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Nothing new: 101 objects listed"), std::string::npos) << again.out;
  EXPECT_EQ(SqliteReader(dir / "w.db").canonical_dump(), before);
}

TEST(LoadSample, ANewLogFileLoadsOnlyThatFile) {
  TempDir dir;
  copy_tree(sample_dir(), dir / "raw");
  // Hold back the last day, load the rest, then let it arrive.
  const fs::path last = dir / "raw/log_data/2018/11/2018-11-30-events.json";
  fs::rename(last, dir / "held-back.json");
  const std::vector<std::string> args{"load",
                                      "--db",
                                      (dir / "w.db").string(),
                                      "--songs",
                                      (dir / "raw/song_data").string(),
                                      "--events",
                                      (dir / "raw/log_data").string()};
  ASSERT_EQ(run_sparkify(args).exit_code, 0);
  fs::rename(dir / "held-back.json", last);
  const auto r = run_sparkify(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Loaded 1 of 101 objects listed (100 already loaded)"), std::string::npos)
      << r.out;
  SqliteReader db(dir / "w.db");
  EXPECT_EQ(db.rows("SELECT batch_id, objects FROM etl_batch ORDER BY batch_id"),
            (std::vector<std::string>{"1|100", "2|1"}));
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_object WHERE batch_id = 2"), 1);
  // The result equals loading everything at once.
  TempDir once;
  ASSERT_EQ(run_sparkify(sample_args(once / "w.db")).exit_code, 0);
  SqliteReader whole(once / "w.db");
  for (const char* table :
       {"f_songplay", "d_time", "d_user", "d_user_level", "d_song", "d_artist"}) {
    const std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3";
    EXPECT_EQ(db.rows(sql), whole.rows(sql)) << table;
  }
}

TEST(LoadSample, AChangedFileIsLoadedAgainWithoutDuplicates) {
  TempDir dir;
  copy_tree(sample_dir(), dir / "raw");
  const std::vector<std::string> args{"load",
                                      "--db",
                                      (dir / "w.db").string(),
                                      "--songs",
                                      (dir / "raw/song_data").string(),
                                      "--events",
                                      (dir / "raw/log_data").string()};
  ASSERT_EQ(run_sparkify(args).exit_code, 0);
  // The app appends a line to a day that was already loaded.
  const fs::path day = dir / "raw/log_data/2018/11/2018-11-05-events.json";
  {
    std::ofstream(day, std::ios::app)
        << "\n{\"artist\":\"Elena\",\"auth\":\"Logged In\",\"firstName\":\"Lily\",\"gender\":\"F\","
           "\"itemInSession\":99,\"lastName\":\"Koch\",\"length\":269.58322,\"level\":\"paid\","
           "\"location\":\"Chicago-Naperville-Elgin, IL-IN-WI\",\"method\":\"PUT\",\"page\":"
           "\"NextSong\",\"registration\":1541048010796.0,\"sessionId\":9999,\"song\":\"Setanta "
           "matins\",\"status\":200,\"ts\":1541462400000,\"userAgent\":null,\"userId\":\"15\"}";
  }
  const auto r = run_sparkify(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("staged:      0 songs, 1 events"), std::string::npos) << r.out;
  SqliteReader db(dir / "w.db");
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event"), 8057);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay"), 6821);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay WHERE song_id IS NOT NULL"), 2);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_object"), 102);
}

TEST(LoadSample, SongsArrivingAfterTheirPlaysAreMatched) {
  TempDir dir;
  copy_tree(sample_dir(), dir / "raw");
  fs::create_directories(dir / "later");
  // Elena's "Setanta matins" is the sample's one matching song; hold it back.
  std::string song_file;
  for (const auto& e : fs::recursive_directory_iterator(dir / "raw/song_data")) {
    if (!e.is_regular_file())
      continue;
    std::ifstream in(e.path());
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    if (text.find("Setanta matins") != std::string::npos)
      song_file = e.path().string();
  }
  ASSERT_FALSE(song_file.empty());
  fs::rename(song_file, dir / "later/song.json");
  const std::vector<std::string> args{"load",
                                      "--db",
                                      (dir / "w.db").string(),
                                      "--songs",
                                      (dir / "raw/song_data").string(),
                                      "--events",
                                      (dir / "raw/log_data").string()};
  ASSERT_EQ(run_sparkify(args).exit_code, 0);
  EXPECT_EQ(SqliteReader(dir / "w.db")
                .count("SELECT COUNT(*) FROM f_songplay "
                       "WHERE song_id IS NOT NULL"),
            0);
  fs::rename(dir / "later/song.json", song_file);
  ASSERT_EQ(run_sparkify(args).exit_code, 0);
  EXPECT_EQ(SqliteReader(dir / "w.db")
                .count("SELECT COUNT(*) FROM f_songplay "
                       "WHERE song_id IS NOT NULL"),
            1);
}

}  // namespace
}  // namespace sparkify::testing

namespace sparkify::testing {
namespace {

std::vector<std::string> star_rows(const SqliteReader& db) {
  std::vector<std::string> out;
  for (const char* table :
       {"f_songplay", "d_time", "d_user", "d_user_level", "d_song", "d_artist"}) {
    for (auto& row : db.rows(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3")) {
      out.push_back(std::string(table) + "|" + row);
    }
  }
  return out;
}

TEST(Replay, RebuildsExactlyWhatIncrementalLoadingProduced) {
  TempDir dir;
  const std::string db = (dir / "w.db").string();
  // Incremental: many small batches, songs and events interleaved over time.
  ASSERT_EQ(run_sparkify({"load", "--db", db, "--batch-objects", "7"}).exit_code, 0);
  const auto before = star_rows(SqliteReader(dir / "w.db"));
  ASSERT_EQ(before.size(), 6820U + 6813U + 97U + 106U + 71U + 69U);

  // Readers during the replay see the old star schema or the new one, never a half-built one.
  std::atomic<bool> done{false};
  std::vector<std::int64_t> seen;
  std::thread reader([&] {
    while (!done) {
      SqliteReader r(dir / "w.db");
      seen.push_back(r.count("SELECT COUNT(*) FROM f_songplay"));
    }
  });
  const auto r = run_sparkify({"replay", "--db", db});
  done = true;
  reader.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Replayed 71 songs and 8056 events"), std::string::npos) << r.out;
  EXPECT_EQ(star_rows(SqliteReader(dir / "w.db")), before);
  ASSERT_FALSE(seen.empty());
  for (auto n : seen)
    EXPECT_EQ(n, 6820);
}

}  // namespace
}  // namespace sparkify::testing

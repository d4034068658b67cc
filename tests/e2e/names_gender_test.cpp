// Gender from first names at load time, on a fixture whose events often carry
// no gender (tests/data/missing-gender/), and `sparkify names build`.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

fs::path fixture() {
  return source_dir() / "tests" / "data" / "missing-gender";
}

std::vector<std::string> load_args(const fs::path& db) {
  return {"load",
          "--db",
          db.string(),
          "--songs",
          (fixture() / "song_data").string(),
          "--events",
          (fixture() / "log_data").string()};
}

std::vector<std::string> users(const fs::path& db) {
  return SqliteReader(db).rows(
      "SELECT user_id, COALESCE(gender, '-'), gender_source FROM d_user ORDER BY user_id");
}

// A folder of yob*.txt in the SSA format.
fs::path write_names(const TempDir& dir) {
  const fs::path folder = dir / "names";
  fs::create_directories(folder);
  std::ofstream(folder / "yob2000.txt") << "Zzyzxq,F,700\r\nMary,M,600\r\nMary,F,10\r\n";
  std::ofstream(folder / "yob2001.txt") << "Zzyzxq,M,5\nJohn,M,900\nbad line\n";
  return folder;
}

TEST(NamesGender, MissingGendersComeFromTheFirstNameAndUnknownNamesNeverStopALoad) {
  TempDir dir;
  const auto r = run_sparkify(load_args(dir / "w.db"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(users(dir / "w.db"), (std::vector<std::string>{
                                     "101|F|names",    // Mary
                                     "102|M|names",    // JOHN: case-insensitive
                                     "103|-|unknown",  // not in the table
                                     "104|-|unknown",  // Jordan: too mixed to answer
                                     "105|F|names",    // " mary ann ": trimmed, first word
                                     "106|F|event",    // the event's gender wins (a female Sean)
                                     "107|-|unknown",  // no name at all
                                 }));
  SqliteReader db(dir / "w.db");
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay"), 14);
  EXPECT_EQ(db.rows("SELECT source, row_count FROM etl_reference"),
            std::vector<std::string>{"embedded|15788"});
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM ref_name_gender"), 15788);
  EXPECT_EQ(db.rows("SELECT gender, share FROM ref_name_gender WHERE name = 'mary'"),
            std::vector<std::string>{"F|0.996"});
}

TEST(NamesGender, TheSampleKeepsTheEventsGenders) {
  TempDir dir;
  ASSERT_EQ(run_sparkify({"load", "--db", (dir / "w.db").string(), "--quiet"}).exit_code, 0);
  SqliteReader db(dir / "w.db");
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM d_user WHERE gender_source = 'event'"), 97);
}

TEST(NamesGender, AUsersOwnNamesDataReplacesTheTableAndIsKept) {
  TempDir dir;
  const fs::path names = write_names(dir);
  const fs::path db = dir / "w.db";
  ASSERT_EQ(run_sparkify(load_args(db)).exit_code, 0);
  // The user's data: Zzyzxq F (700 of 705), Mary M (600 of 610), John M; Jordan absent.
  auto r = run_sparkify({"init", "--db", db.string(), "--names", names.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Name-to-gender table: 3 names from"), std::string::npos) << r.out;
  // Users whose gender came from names are looked up again at once.
  EXPECT_EQ(users(db),
            (std::vector<std::string>{"101|M|names", "102|M|names", "103|F|names", "104|-|unknown",
                                      "105|M|names", "106|F|event", "107|-|unknown"}));
  // A later load (which migrates) keeps the user's table.
  r = run_sparkify(load_args(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM ref_name_gender"), 3);
  // "embedded" goes back to the built-in table.
  r = run_sparkify({"load", "--db", db.string(), "--names", "embedded", "--songs",
                    (fixture() / "song_data").string(), "--events",
                    (fixture() / "log_data").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(users(db)[2], "103|-|unknown");
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM ref_name_gender"), 15788);
  // 103 went from unknown to F and back, 101 and 105 from F to M and back: their plays
  // moved with them in the running counts by gender (schema 6), a recount of the facts.
  r = run_sparkify({"check", "--db", db.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("0 of 7 users are counted under another gender"), std::string::npos)
      << r.out;
}

TEST(NamesGender, NamesBuildWritesTheTable) {
  TempDir dir;
  const fs::path names = write_names(dir);
  const fs::path out = dir / "table.csv";
  auto r = run_sparkify(
      {"names", "build", "--names", names.string(), "--out", out.string(), "--min-total", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("yob2001.txt:3"), std::string::npos) << r.err;  // the bad line, skipped
  std::ifstream in(out);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(text,
            "name,gender,share,total\njohn,M,1.000,900\nmary,M,0.983,610\n"
            "zzyzxq,F,0.992,705\n");
  r = run_sparkify({"names", "build", "--names", names.string(), "--out", out.string(),
                    "--threshold", "0.99", "--min-total", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream again(out);
  const std::string strict{std::istreambuf_iterator<char>(again), std::istreambuf_iterator<char>()};
  EXPECT_EQ(strict, "name,gender,share,total\njohn,M,1.000,900\nzzyzxq,F,0.992,705\n");
  EXPECT_EQ(
      run_sparkify({"names", "build", "--names", (dir / "none").string(), "--out", out.string()})
          .exit_code,
      1);
  EXPECT_EQ(run_sparkify({"names", "build", "--out", out.string()}).exit_code, 2);
}

}  // namespace
}  // namespace sparkify::testing

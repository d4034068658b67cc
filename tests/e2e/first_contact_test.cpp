// What a new user's typos, wrong folders and mistakes do: each is refused or
// explained with the documented exit code, and nothing is created that was not asked for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/loaded_sample.hpp"

namespace sparkify::testing {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A load whose source lists nothing is a wrong path, not a quiet day.
TEST(FirstContact, ALoadOfEmptyFoldersExitsThreeUnlessAllowed) {
  TempDir dir;
  fs::create_directories(dir / "empty");
  const std::string empty = (dir / "empty").string();
  const auto db = dir / "w.db";
  const auto r = run_sparkify({"load", "--db", db.string(), "--songs", empty, "--events", empty});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(
      r.err, "sparkify: error: the song source folder " + empty + " lists nothing to load"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "--allow-empty")) << r.err;
  EXPECT_FALSE(fs::exists(db)) << "a refused load created the warehouse";

  const auto allowed = run_sparkify(
      {"load", "--db", db.string(), "--songs", empty, "--events", empty, "--allow-empty"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_TRUE(contains(allowed.out, "Nothing new: 0 objects listed")) << allowed.out;
}

TEST(FirstContact, OneEmptySourceIsEnoughToRefuse) {
  TempDir dir;
  fs::create_directories(dir / "empty");
  const auto r =
      run_sparkify({"load", "--db", (dir / "w.db").string(), "--songs",
                    (sample_dir() / "song_data").string(), "--events", (dir / "empty").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(contains(r.err, "the event source folder")) << r.err;
  EXPECT_FALSE(fs::exists(dir / "w.db"));
}

// Swapped folders: every record of both kinds rejected. What was good (nothing) is
// committed, the exit code says the run is not green, the message says why.
TEST(FirstContact, SwappedFoldersExitSixAndSaySo) {
  TempDir dir;
  const auto db = dir / "w.db";
  const auto r =
      run_sparkify({"load", "--db", db.string(), "--songs", (sample_dir() / "log_data").string(),
                    "--events", (sample_dir() / "song_data").string()});
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "look swapped")) << r.err;
  EXPECT_TRUE(contains(r.out, "Loaded 101 of 101 objects listed")) << r.out;
}

// A share of rejects above --max-reject-share fails the run after committing the
// good records; without the flag, a partly bad log is a warning.
TEST(FirstContact, RejectsAboveTheShareExitSixAfterCommittingTheGood) {
  TempDir dir;
  const std::string good =
      R"({"artist":null,"auth":"Logged In","firstName":"Walter","gender":"M","itemInSession":0,)"
      R"("lastName":"Frye","length":null,"level":"free","location":"San Francisco, CA",)"
      R"("method":"GET","page":"Home","registration":1540919166796.0,"sessionId":38,)"
      R"("song":null,"status":200,"ts":1541105830796,"userAgent":"x","userId":"39"})";
  write_text(dir / "events/day.json", good + "\n{not json\n");
  const std::vector<std::string> load{"load",
                                      "--db",
                                      (dir / "w.db").string(),
                                      "--songs",
                                      (sample_dir() / "song_data").string(),
                                      "--events",
                                      (dir / "events").string()};
  auto strict = load;
  strict.insert(strict.end(), {"--max-reject-share", "0.1"});
  const auto r = run_sparkify(strict);
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "1 of 2 event records rejected")) << r.err;
  EXPECT_TRUE(contains(r.err, "more than --max-reject-share 0.1")) << r.err;
  // Committed: a second load has nothing new.
  const auto again = run_sparkify(load);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "Nothing new")) << again.out;

  write_text(dir / "events2/day.json", good + "\n{not json\n");
  auto lenient = load;
  lenient[6] = (dir / "events2").string();
  const auto ok = run_sparkify(lenient);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(contains(ok.err, "1 records rejected")) << ok.err;
}

// A load that fails before its first batch leaves no new warehouse behind.
TEST(FirstContact, AFailedLoadCreatesNoWarehouse) {
  TempDir dir;
  const auto db = dir / "new.db";
  const auto missing =
      run_sparkify({"load", "--db", db.string(), "--songs", (dir / "nope").string()});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_FALSE(fs::exists(db));
  const auto jobs = run_sparkify({"load", "--db", db.string(), "--jobs", "-1"});
  EXPECT_EQ(jobs.exit_code, 2) << jobs.err;
  EXPECT_FALSE(fs::exists(db));
}

// Every numeric flag is range-checked, and the message names the flag and the range.
TEST(FirstContact, NumericFlagsOutOfRangeAreUsageErrorsNamingTheFlag) {
  TempDir dir;
  const std::string db = (dir / "w.db").string();
  const std::vector<std::vector<std::string>> cases{
      {"load", "--db", db, "--jobs", "-1"},
      {"load", "--db", db, "--batch-objects", "0"},
      {"load", "--db", db, "--s3-concurrency", "0"},
      {"load", "--db", db, "--max-reject-share", "2"},
      {"status", "--db", db, "--rejects", "-5"},
      {"check", "--db", db, "--max-reject-share", "1.5"},
      {"check", "--db", db, "--min-match-share", "x"},
      {"serve", "--db", db, "--max-body", "-1"},
      {"serve", "--db", db, "--batch-rows", "0"},
      {"serve", "--db", db, "--poll-interval", "-2"},
      {"serve", "--db", db, "--queue", "0"},
      {"names", "build", "--names", db, "--out", db, "--threshold", "2"},
      {"generate", "--songs", "-1", "--events", "1", "--out", db},
  };
  for (const auto& args : cases) {
    // A serve that took its flag would run until killed.
    const auto r =
        run_sparkify_with(args, RunOptions{{}, std::nullopt, {}, std::chrono::seconds(20)});
    const std::string flag = args[args.size() - 2 - (args[0] == "generate" ? 4 : 0)];
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << flag << ": " << r.err;
    EXPECT_TRUE(contains(r.err, "sparkify: " + flag + ": expected a")) << r.err;
    EXPECT_FALSE(contains(r.err, "not in range")) << r.err;
    EXPECT_FALSE(contains(r.err, "max_size")) << r.err;
  }
  EXPECT_FALSE(fs::exists(db));
}

// A load with no --db says which warehouse it wrote.
TEST(FirstContact, TheSummaryNamesTheWarehouseItWrote) {
  TempDir dir;
  const auto r = run_sparkify_with({"load"}, RunOptions{dir.path(), std::nullopt, {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "(0 already loaded) into sqlite:sparkify.db,")) << r.out;
  EXPECT_TRUE(fs::exists(dir / "sparkify.db"));
  const auto again = run_sparkify_with({"load"}, RunOptions{dir.path(), std::nullopt, {}});
  EXPECT_TRUE(contains(again.out, "all already loaded in sqlite:sparkify.db")) << again.out;
}

// A warehouse of the sample, loaded once for the tests that only read it.
class LoadedWarehouse : public LoadedSample {};

// Read-only commands never create a file: a typo in --db is "no warehouse at".
TEST(FirstContact, ReadOnlyCommandsOnAMissingWarehouseExitFiveAndCreateNothing) {
  TempDir dir;
  const std::string typo = (dir / "typo.db").string();
  const std::vector<std::vector<std::string>> commands{
      {"status"}, {"check"}, {"query", "--list"}, {"sql", "SELECT 1"}, {"report", "--out", "-"}};
  for (auto args : commands) {
    args.insert(args.end(), {"--db", typo});
    const auto r = run_sparkify(args);
    EXPECT_EQ(r.exit_code, 5) << args[0] << ": " << r.err;
    EXPECT_TRUE(contains(r.err, "sparkify: error: no warehouse at " + typo)) << r.err;
    EXPECT_FALSE(fs::exists(typo)) << args[0] << " created " << typo;
  }
}

TEST(FirstContact, AMistypedCommandIsNamedWithTheClosestOne) {
  auto r = run_sparkify({"lod"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sparkify: error: unknown command 'lod'; did you mean 'load'?\n");
  r = run_sparkify({"statsu", "--db", "x.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "did you mean 'status'?")) << r.err;
  r = run_sparkify({"names", "biuld"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "unknown command 'names biuld'; did you mean 'names build'?"))
      << r.err;
  r = run_sparkify({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sparkify: error: unknown command 'frobnicate'\n");
}

TEST(FirstContact, HelpAndDashVWorkAsInGitAndPsql) {
  auto r = run_sparkify({"help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, run_sparkify({"--help"}).out);
  EXPECT_TRUE(contains(r.out, "serve")) << r.out;
  r = run_sparkify({"help", "load"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "--allow-empty")) << r.out;
  EXPECT_EQ(r.out, run_sparkify({"load", "--help"}).out);
  r = run_sparkify({"help", "lod"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "did you mean 'load'?")) << r.err;
  r = run_sparkify({"-V"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("sparkify ")) << r.out;
}

// Every line a failing command prints on stderr names the program.
TEST(FirstContact, EveryErrorLineStartsWithSparkify) {
  TempDir dir;
  const std::vector<std::vector<std::string>> failing{
      {},
      {"lod"},
      {"load", "--no-such-flag"},
      {"load", "--jobs", "x"},
      {"query", "--db", (dir / "none.db").string()},
      {"load", "--db", (dir / "w.db").string(), "--songs", (dir / "nope").string()},
      {"sql", "--db", (dir / "none.db").string()},
  };
  for (const auto& args : failing) {
    const auto r = run_sparkify(args);
    EXPECT_NE(r.exit_code, 0);
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);)
      EXPECT_TRUE(line.starts_with("sparkify:")) << (args.empty() ? "" : args[0]) << ": " << line;
  }
}

TEST_F(LoadedWarehouse, ASqlErrorIsTheUsersWithItsPosition) {
  auto r = run_sparkify({"sql", "--db", db(), "SELEC * FROM d_user"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err,
            "sparkify: error: near \"SELEC\": syntax error (line 1, column 1)\n"
            "sparkify: LINE 1: SELEC * FROM d_user\n"
            "sparkify:         ^\n");
  r = run_sparkify({"sql", "--db", db(), "SELECT user_id\nFROM d_usr"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "no such table: d_usr")) << r.err;
  r = run_sparkify({"sql", "--db", db(), "SELECT user_id,\n  level FORM d_user"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err,
                       "(line 2, column 14)\nsparkify: LINE 2:   level FORM d_user\n"
                       "sparkify:                      ^\n"))
      << r.err;
}

TEST_F(LoadedWarehouse, SqlReadsTheStatementFromAFileOrStandardInput) {
  TempDir dir;
  const std::string expected = "plays\r\n6820\r\n";  // RFC 4180 CSV
  write_text(dir / "q.sql", "-- how many plays\nSELECT COUNT(*) AS plays FROM f_songplay;\n");
  auto r = run_sparkify({"sql", "--db", db(), "--format", "csv", "-f", (dir / "q.sql").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, expected);
  r = run_sparkify_with({"sql", "--db", db(), "--format", "csv"},
                        RunOptions{{}, "SELECT COUNT(*) AS plays FROM f_songplay", {}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, expected);
  r = run_sparkify_with({"sql", "--db", db(), "--format", "csv", "-f", "-"},
                        RunOptions{{}, "SELECT COUNT(*) AS plays FROM f_songplay", {}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, expected);
  r = run_sparkify({"sql", "--db", db(), "-f", (dir / "missing.sql").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "cannot read")) << r.err;
}

TEST_F(LoadedWarehouse, ReportToStandardOutputAndNothingLeftWhenTheWriteFails) {
  TempDir dir;
  auto r = run_sparkify_with({"report", "--db", db(), "--out", "-"},
                             RunOptions{dir.path(), std::nullopt, {}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("<!DOCTYPE html>")) << r.out.substr(0, 100);
  EXPECT_TRUE(fs::is_empty(dir.path())) << "a file was written in the working folder";
  fs::create_directories(dir / "out");
  r = run_sparkify({"report", "--db", db(), "--out", (dir / "out").string() + "/"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(contains(r.err, "is a folder")) << r.err;
  EXPECT_TRUE(fs::is_empty(dir / "out"));
  fs::create_directories(dir / "taken/report.html");
  r = run_sparkify({"report", "--db", db(), "--out", (dir / "taken/report.html").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(fs::is_empty(dir / "taken/report.html"));
  // The temporary file cannot be written: an error, no page, and what was in the
  // way is left alone.
  fs::create_directories(dir / "busy/report.html.tmp");
  r = run_sparkify({"report", "--db", db(), "--out", (dir / "busy/report.html").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "sparkify: error: cannot write")) << r.err;
  EXPECT_FALSE(fs::exists(dir / "busy/report.html"));
  EXPECT_TRUE(fs::is_directory(dir / "busy/report.html.tmp"));
}

// The report as a reader reads it: shares as percentages with their significant
// digits, headings and legends in words, the gender chart's source in its legend,
// long location names wrapped rather than cut.
TEST_F(LoadedWarehouse, TheReportSpeaksToItsReader) {
  const auto r = run_sparkify({"report", "--db", db(), "--out", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& html = r.out;
  // One play of 6,820 matches a song: 0.000147 is 0.015 %, not "0".
  EXPECT_TRUE(contains(html, "<td class=\"num\">0.015 %</td>")) << "the match share";
  EXPECT_TRUE(contains(html, ">Share matched</th>"));
  for (const char* raw : {">match_share<", ">user_id<", ">total_upgrades<", ">artist_name<",
                          ">gender_source<", "text-transform: uppercase; letter-spacing: .05em"}) {
    EXPECT_FALSE(contains(html, raw)) << raw;
  }
  EXPECT_TRUE(contains(html, ">Upgrades so far<"));
  EXPECT_TRUE(contains(html, ">Gender from: event<")) << "the gender chart's legend";
  EXPECT_TRUE(contains(html, ">Philadelphia-Camden-</tspan>")) << "a long location, wrapped";
  EXPECT_FALSE(contains(html, "…</tspan>")) << "a location label cut";
}

TEST(FirstContact, AnUnknownTargetSchemeIsAUsageErrorListingTheKnownOnes) {
  TempDir dir;
  for (const char* command : {"status", "load", "init"}) {
    const auto r = run_sparkify_with({command, "--target", "mysql://x@y/z"},
                                     RunOptions{dir.path(), std::nullopt, {}});
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
    EXPECT_TRUE(contains(r.err, "unknown scheme 'mysql://'")) << r.err;
    EXPECT_TRUE(contains(r.err, "postgresql://")) << r.err;
    EXPECT_TRUE(contains(r.err, "redshift://")) << r.err;
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

// The last value of a repeated flag wins, as getopt has it.
TEST_F(LoadedWarehouse, TheLastValueOfARepeatedFlagWins) {
  auto r =
      run_sparkify({"sql", "--db", db(), "--format", "json", "--format", "csv", "SELECT 1 AS one"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "one\r\n1\r\n");
  r = run_sparkify({"load", "--db", db(), "--jobs", "1", "--jobs", "2", "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto kings = run_sparkify({"query", "--db", db(), "artist-locations", "--format", "csv",
                                   "--param", "artist=Kings Of Leon"});
  r = run_sparkify({"query", "--db", db(), "artist-locations", "--format", "csv", "--param",
                    "artist=Nobody", "--param", "artist=Kings Of Leon"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kings.out);
  EXPECT_TRUE(contains(r.out, "Atlanta")) << r.out;
}

}  // namespace
}  // namespace sparkify::testing

// The command line's contract: help, version, exit codes, quiet output.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {

TEST(CommandLine, HelpForEveryCommand) {
  for (const std::string command : {"init", "load", "status", "check", "query", "sql", "report"}) {
    const auto r = run_sparkify({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("--db"), std::string::npos) << command << r.out;
  }
  const auto top = run_sparkify({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Exit codes"), std::string::npos);
}

TEST(CommandLine, Version) {
  const auto r = run_sparkify({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("sparkify ")) << r.out;
}

TEST(CommandLine, UsageErrorsExitTwo) {
  EXPECT_EQ(run_sparkify({}).exit_code, 2);
  EXPECT_EQ(run_sparkify({"load", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(run_sparkify({"load", "--db", "a.db", "--target", "sqlite:b.db"}).exit_code, 2);
}

TEST(CommandLine, MissingSourceExitsThreeWithTheFolderNamed) {
  TempDir dir;
  const auto r = run_sparkify({"load", "--db", (dir / "w.db").string(), "--songs",
                               (dir / "nope").string(), "--events", (dir / "nope").string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find((dir / "nope").string() + ": no such file or folder"), std::string::npos)
      << r.err;
}

TEST(CommandLine, UnopenableWarehouseExitsFive) {
  TempDir dir;
  const auto r = run_sparkify({"init", "--db", (dir / "no/such/dir/w.db").string()});
  EXPECT_EQ(r.exit_code, 5) << r.err;
}

// A warehouse upgraded by a newer sparkify is not written by an older one: it would
// leave the newer schema's columns empty. Reading it is allowed.
TEST(CommandLine, RefusesToWriteAWarehouseOfANewerSchema) {
  TempDir dir;
  const auto db = dir / "w.db";
  ASSERT_EQ(run_sparkify({"load", "--db", db.string(), "--quiet"}).exit_code, 0);
  ASSERT_EQ(sqlite_execute(db,
                           "INSERT INTO etl_schema_version (version, name, applied_at) "
                           "VALUES (99, '099_future.sql', '2030-01-01 00:00:00')"),
            "");
  for (const char* command : {"init", "load", "replay"}) {
    const auto r = run_sparkify({command, "--db", db.string()});
    EXPECT_EQ(r.exit_code, 5) << command << ": " << r.err;
    EXPECT_NE(r.err.find("has schema version 99, newer than this sparkify knows"),
              std::string::npos)
        << command << ": " << r.err;
  }
  const auto status = run_sparkify({"status", "--db", db.string()});
  EXPECT_EQ(status.exit_code, 0) << status.err;
}

TEST(CommandLine, InitIsIdempotentAndStatusReports) {
  TempDir dir;
  const std::string db = (dir / "w.db").string();
  auto r = run_sparkify({"init", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string upgraded = "schema upgraded from version 0 to ";
  const auto at = r.out.find(upgraded);
  ASSERT_NE(at, std::string::npos) << r.out;
  const int newest = std::stoi(r.out.substr(at + upgraded.size()));
  EXPECT_GE(newest, 10) << r.out;
  r = run_sparkify({"init", "--db", db});
  EXPECT_NE(r.out.find("schema is up to date (version " + std::to_string(newest) + ")"),
            std::string::npos)
      << r.out;
  ASSERT_EQ(run_sparkify({"load", "--db", db, "--quiet"}).exit_code, 0);
  r = run_sparkify({"status", "--db", db});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("f_songplay       |      6820"), std::string::npos) << r.out;
}

TEST(CommandLine, QuietPrintsNothing) {
  TempDir dir;
  const auto r = run_sparkify({"load", "--db", (dir / "w.db").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace sparkify::testing

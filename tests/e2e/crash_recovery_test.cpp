// A load killed in the middle of a batch leaves the warehouse as if the batch
// had never started; the next run ends with the same warehouse as an
// uninterrupted one.
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {

class CrashRecovery : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashRecovery, NextRunReachesTheUninterruptedWarehouse) {
  TempDir dir;
  copy_tree(sample_dir(), dir / "raw");
  // Small batches, so the crash falls in the third of several transactions.
  const auto args = [&](const std::string& db) {
    return std::vector<std::string>{"load",
                                    "--db",
                                    (dir / db).string(),
                                    "--songs",
                                    (dir / "raw/song_data").string(),
                                    "--events",
                                    (dir / "raw/log_data").string(),
                                    "--batch-objects",
                                    "25"};
  };
  const auto clean = run_sparkify(args("clean.db"));
  ASSERT_EQ(clean.exit_code, 0) << clean.err;

  const auto crashed = run_sparkify(args("crashed.db"), {{"SPARKIFY_FAULT", GetParam() + ":3"}});
  ASSERT_EQ(crashed.signal, SIGKILL) << "exit " << crashed.exit_code << ": " << crashed.err;
  {
    SqliteReader db(dir / "crashed.db");
    // Two batches committed, nothing of the third.
    EXPECT_EQ(db.rows("SELECT batch_id, status FROM etl_batch ORDER BY batch_id"),
              (std::vector<std::string>{"1|committed", "2|committed"}));
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_object"), 50);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event WHERE batch_id > 2"), 0);
  }
  const auto resumed = run_sparkify(args("crashed.db"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(SqliteReader(dir / "crashed.db").canonical_dump(),
            SqliteReader(dir / "clean.db").canonical_dump());
}

INSTANTIATE_TEST_SUITE_P(Faults, CrashRecovery, ::testing::Values("after-stage", "before-commit"));

}  // namespace
}  // namespace sparkify::testing

// Concurrency on one SQLite warehouse: two loaders at once, a server polling
// the same sources while a loader runs, and replay while a load is under way.
// No duplicates, and the final warehouse equals an undisturbed one.
#include <gtest/gtest.h>

#include <thread>

#include "tests/hardening/harness.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> db_target(const fs::path& db) {
  return {"--db", db.string()};
}

void expect_no_duplicates(const fs::path& db) {
  SqliteReader r(db);
  EXPECT_EQ(r.count("SELECT COUNT(*) FROM etl_object"), 101);
  EXPECT_EQ(r.count("SELECT COUNT(*) FROM (SELECT DISTINCT source_key FROM etl_object)"), 101);
  EXPECT_EQ(r.count("SELECT COUNT(*) FROM s_songplay_event"), 8056);
  EXPECT_EQ(r.count("SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(r.count("SELECT COUNT(*) FROM s_songplay_event WHERE processed = 0"), 0);
}

TEST(SqliteConcurrency, TwoLoadersAtOnce) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  ASSERT_EQ(run_sparkify(load_args(sample, db_target(dir / "clean.db"), 10)).exit_code, 0);
  const auto db = dir / "shared.db";
  ASSERT_EQ(run_sparkify({"init", "--db", db.string()}).exit_code, 0);
  Background a(load_args(sample, db_target(db), 10));
  Background b(load_args(sample, db_target(db), 10));
  const auto ra = a.wait();
  const auto rb = b.wait();
  EXPECT_EQ(ra.exit_code, 0) << ra.err;
  EXPECT_EQ(rb.exit_code, 0) << rb.err;
  expect_no_duplicates(db);
  EXPECT_EQ(sqlite_data_dump(db), sqlite_data_dump(dir / "clean.db"));
}

TEST(SqliteConcurrency, ServerPollingWhileALoaderRuns) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  ASSERT_EQ(run_sparkify(load_args(sample, db_target(dir / "clean.db"), 10)).exit_code, 0);
  const auto db = dir / "shared.db";
  ASSERT_EQ(run_sparkify({"init", "--db", db.string()}).exit_code, 0);
  Background server(
      {"serve", "--db", db.string(), "--listen", "127.0.0.1:0", "--songs", sample.songs.string(),
       "--events", sample.events.string(), "--poll-interval", "0.2", "--batch-delay", "0.2"},
      {{"SPARKIFY_INGEST_TOKEN", "concurrency-token"}});
  ASSERT_NE(wait_for_listen_port(server), 0) << server.err();
  const auto loaded = run_sparkify(load_args(sample, db_target(db), 10));
  EXPECT_EQ(loaded.exit_code, 0) << loaded.err;
  // Let the server's next poll find nothing new, then stop it.
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const auto stopped = server.stop(SIGTERM);
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  expect_no_duplicates(db);
  EXPECT_EQ(sqlite_data_dump(db), sqlite_data_dump(dir / "clean.db"));
}

TEST(SqliteConcurrency, ReplayWhileLoading) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  ASSERT_EQ(run_sparkify(load_args(sample, db_target(dir / "clean.db"), 25)).exit_code, 0);
  const auto db = dir / "shared.db";
  const auto pause = dir / "pause";
  Background loader(
      load_args(sample, db_target(db), 25),
      {{"SPARKIFY_FAULT", "pause-after-stage:3"}, {"SPARKIFY_FAULT_PAUSE_FILE", pause.string()}});
  ASSERT_TRUE(wait_for_file(pause)) << loader.err();
  // Replay starts while batch 3 is open (it waits for the writer lock), then the load goes on.
  Background replay({"replay", "--db", db.string()});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  fs::remove(pause);
  const auto rl = loader.wait();
  const auto rr = replay.wait();
  EXPECT_EQ(rl.exit_code, 0) << rl.err;
  EXPECT_EQ(rr.exit_code, 0) << rr.err;
  expect_no_duplicates(db);
  EXPECT_EQ(sqlite_data_dump(db), sqlite_data_dump(dir / "clean.db"));
}

}  // namespace
}  // namespace sparkify::testing

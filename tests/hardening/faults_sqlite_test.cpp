// Faults against the embedded SQLite warehouse: the file locked by another
// process mid-load, a full disk, a source file that disappears or changes
// between listing and reading. Each ends with a clear error (or a reject that
// is retried), and the next run reaches the warehouse of an undisturbed run.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>

#include <fstream>

#include "tests/hardening/harness.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

constexpr int kBatch = 25;  // 101 objects: five batches

std::vector<std::string> db_target(const fs::path& db) {
  return {"--db", db.string()};
}

TEST(SqliteFaults, FileLockedByAnotherProcessMidLoadThenNextRunCompletes) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  ASSERT_EQ(run_sparkify(load_args(sample, db_target(dir / "clean.db"), kBatch)).exit_code, 0);

  const auto db = dir / "locked.db";
  const auto pause = dir / "pause";
  Background loader(load_args(sample, db_target(db), kBatch),
                    {{"SPARKIFY_FAULT", "pause-before-batch:2"},
                     {"SPARKIFY_FAULT_PAUSE_FILE", pause.string()},
                     {"SPARKIFY_SQLITE_BUSY_TIMEOUT_MS", "300"}});
  ASSERT_TRUE(wait_for_file(pause)) << loader.err();
  // Another process (this test) takes the write lock between batches 1 and 2.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  fs::remove(pause);
  const auto r = loader.wait();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("another process is writing to the warehouse"), std::string::npos) << r.err;
  EXPECT_EQ(SqliteReader(db).rows("SELECT batch_id, status FROM etl_batch"),
            (std::vector<std::string>{"1|committed"}));

  const auto next = run_sparkify(load_args(sample, db_target(db), kBatch));
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(SqliteReader(db).canonical_dump(), SqliteReader(dir / "clean.db").canonical_dump());
}

// A small filesystem for the warehouse: a tmpfs when this process may mount one,
// otherwise RLIMIT_FSIZE on the loader (the closest substitute for a full disk).
class SmallDisk {
 public:
  SmallDisk(const fs::path& at, std::size_t bytes) : at_(at) {
    fs::create_directories(at);
    const std::string options = "size=" + std::to_string(bytes);
    mounted_ = ::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_)
      ::umount2(at_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  // Frees space, as an operator would.
  bool grow(std::size_t bytes) {
    const std::string options = "size=" + std::to_string(bytes);
    return ::mount("tmpfs", at_.c_str(), "tmpfs", MS_REMOUNT, options.c_str()) == 0;
  }

 private:
  fs::path at_;
  bool mounted_ = false;
};

TEST(SqliteFaults, DiskFullMidLoadThenNextRunCompletes) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  ASSERT_EQ(run_sparkify(load_args(sample, db_target(dir / "clean.db"), kBatch)).exit_code, 0);
  const auto clean_size = fs::file_size(dir / "clean.db");

  SmallDisk disk(dir / "small", 1U << 20);  // the loaded sample needs several MB
  const auto db = dir / "small" / "full.db";
  RunResult full;
  if (disk.mounted()) {
    full = run_sparkify(load_args(sample, db_target(db), kBatch));
    RecordProperty("disk", "tmpfs of 1 MiB");
  } else {
    Background limited(load_args(sample, db_target(db), kBatch), {},
                       Background::Limits{std::uint64_t{1} << 20});
    full = limited.wait();
    RecordProperty("disk", "RLIMIT_FSIZE 1 MiB (mount not permitted)");
  }
  EXPECT_EQ(full.exit_code, 5) << full.out << full.err;
  EXPECT_NE(full.err.find("full"), std::string::npos) << full.err;
  ASSERT_LT(std::uintmax_t{1} << 20, clean_size);

  if (disk.mounted()) {
    ASSERT_TRUE(disk.grow(256U << 20));
  }
  const auto next = run_sparkify(load_args(sample, db_target(db), kBatch));
  ASSERT_EQ(next.exit_code, 0) << next.err;
  // Batches that committed before the disk filled stay; the failed one is recorded as failed.
  SqliteReader reader(db);
  EXPECT_EQ(reader.count("SELECT COUNT(*) FROM etl_object"), 101);
  EXPECT_EQ(sqlite_data_dump(db), sqlite_data_dump(dir / "clean.db"));
}

TEST(SqliteFaults, SourceFileDisappearsOrChangesBetweenListingAndReading) {
  TempDir dir;
  auto sample = copy_sample(dir / "raw");
  const auto db = dir / "disturbed.db";
  const auto pause = dir / "pause";
  // Batch 1 holds songs 1-25; batch 2 songs 26-50; the last event log is in batch 5.
  const fs::path vanishing = sample.song_files.at(30);
  const fs::path changing = sample.event_files.back();
  const std::string added =
      R"({"artist":"Added","auth":"Logged In","firstName":"Ann","gender":"F","itemInSession":999,)"
      R"("lastName":"Lee","length":100.0,"level":"paid","location":"X","method":"PUT",)"
      R"("page":"NextSong","registration":1540000000000.0,"sessionId":99999,"song":"Added",)"
      R"("status":200,"ts":1543622400000,"userAgent":"UA","userId":"7"})";
  Background loader(
      load_args(sample, db_target(db), kBatch),
      {{"SPARKIFY_FAULT", "pause-after-stage:1"}, {"SPARKIFY_FAULT_PAUSE_FILE", pause.string()}});
  ASSERT_TRUE(wait_for_file(pause)) << loader.err();
  fs::rename(vanishing, dir / "moved-away.json");
  { std::ofstream(changing, std::ios::app) << "\n" << added; }
  fs::remove(pause);
  const auto r = loader.wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 objects could not be read"), std::string::npos) << r.err;
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM etl_reject WHERE reason LIKE "
                                   "'could not read the object%'"),
            1);

  fs::rename(dir / "moved-away.json", vanishing);
  const auto next = run_sparkify(load_args(sample, db_target(db), kBatch));
  ASSERT_EQ(next.exit_code, 0) << next.err;
  // The reference: an undisturbed load of the files as they are now.
  ASSERT_EQ(run_sparkify(load_args(sample, db_target(dir / "clean.db"), kBatch)).exit_code, 0);
  EXPECT_EQ(sqlite_data_dump(db), sqlite_data_dump(dir / "clean.db"));
  EXPECT_EQ(SqliteReader(db).count("SELECT COUNT(*) FROM f_songplay"), 6821);
}

}  // namespace
}  // namespace sparkify::testing

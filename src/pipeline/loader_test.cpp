// A load transforms its own rows (staged already flagged processed) together
// with rows the server's ingest staged earlier and left waiting: the star schema
// must be the one a plain load of the same data gives, and nothing may be left
// unprocessed.
#include "pipeline/loader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "parse/event_parser.hpp"
#include "pipeline/batch_transaction.hpp"
#include "pipeline/bulk_write.hpp"
#include "pipeline/ingest.hpp"
#include "tests/support/folder_load.hpp"
#include "tests/support/same_tables.hpp"
#include "tests/support/sample_data.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

namespace fs = std::filesystem;

using testing::kSampleData;

class TempFolder {
 public:
  TempFolder()
      : path_(fs::temp_directory_path() /
              ("sparkify-loader-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A folder that only reads whole objects: the default stream hands out what read() returned.
class WholeObjectsOnly final : public Source {
 public:
  explicit WholeObjectsOnly(const fs::path& root) : folder_(root) {}
  std::unique_ptr<ObjectListing> open_listing(const std::string& start_after) override {
    return folder_.open_listing(start_after);
  }
  std::string read(const ObjectInfo& object) override { return folder_.read(object); }
  std::string describe() const override { return folder_.describe(); }

 private:
  LocalFolderSource folder_;
};

// A folder whose streams fail once fail_after bytes have been read from them.
class FailingStreams final : public Source {
 public:
  FailingStreams(const fs::path& root, std::size_t fail_after)
      : folder_(root), fail_after_(fail_after) {}
  std::unique_ptr<ObjectListing> open_listing(const std::string& start_after) override {
    return folder_.open_listing(start_after);
  }
  std::string read(const ObjectInfo& object) override { return folder_.read(object); }
  std::unique_ptr<ObjectStream> open_stream(const ObjectInfo& object) override {
    return std::make_unique<Failing>(folder_.open_stream(object), fail_after_);
  }
  std::string describe() const override { return folder_.describe(); }

 private:
  class Failing final : public ObjectStream {
   public:
    Failing(std::unique_ptr<ObjectStream> inner, std::size_t fail_after)
        : inner_(std::move(inner)), left_(fail_after) {}
    std::size_t read_some(std::string& out, std::size_t max_bytes) override {
      if (left_ == 0)
        throw SourceError("the disk went away");
      const std::size_t n = inner_->read_some(out, std::min(max_bytes, left_));
      left_ -= n;
      return n;
    }

   private:
    std::unique_ptr<ObjectStream> inner_;
    std::size_t left_;
  };
  LocalFolderSource folder_;
  std::size_t fail_after_;
};

LoadReport load_sample(Warehouse& wh) {
  return testing::load_folder(wh, kSampleData);
}

// Every row of a query as "label|cell|cell...", appended to out.
void append_rows(Warehouse& wh, const std::string& sql, const std::string& label,
                 std::vector<std::string>& out) {
  for (const auto& row : wh.query(sql).rows) {
    std::string line = label;
    for (const auto& v : row)
      line.append("|").append(to_text(v).value_or("NULL"));
    out.push_back(std::move(line));
  }
}

std::vector<std::string> star_rows(Warehouse& wh) {
  std::vector<std::string> out;
  for (const std::string table :
       {"f_songplay", "d_time", "d_user", "d_user_level", "d_song", "d_artist"}) {
    append_rows(wh, "SELECT * FROM " + table + " ORDER BY 1, 2, 3", table, out);
  }
  return out;
}

std::int64_t count(Warehouse& wh, const std::string& sql) {
  return to_int(wh.query(sql).rows.at(0).at(0));
}

TEST(Loader, TransformsItsOwnRowsWithTheRowsIngestLeftWaiting) {
  TempFolder dir;
  SqliteWarehouse plain(dir.path() / "plain.db");
  plain.migrate();
  load_sample(plain);

  // The server's ingest staged the events of two days and left them waiting.
  SqliteWarehouse mixed(dir.path() / "mixed.db");
  mixed.migrate();
  EventLogParser parser;
  IngestRequest request;
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kSampleData / "log_data")) {
    if (!entry.is_regular_file() || files == 2)
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    auto parsed = parser.parse(text, "ingest/" + entry.path().filename().string());
    for (auto& e : parsed.records)
      request.events.push_back(std::move(e));
    ++files;
  }
  ASSERT_GT(request.events.size(), 100U);
  stage_requests(mixed, {&request});
  const auto waiting = static_cast<std::int64_t>(request.events.size());
  ASSERT_EQ(count(mixed, "SELECT COUNT(*) FROM s_songplay_event WHERE processed = 0"), waiting);
  ASSERT_EQ(count(mixed, "SELECT COUNT(*) FROM f_songplay"), 0);

  // The load stages the rest (the ingested events are duplicates now) and
  // transforms both kinds in one batch.
  const LoadReport report = load_sample(mixed);
  EXPECT_EQ(report.staged.events_staged, 8056 - waiting);
  EXPECT_EQ(report.staged.duplicates, waiting);
  EXPECT_EQ(report.events_processed, 8056);
  EXPECT_EQ(report.songs_processed, 71);
  EXPECT_EQ(count(mixed, "SELECT COUNT(*) FROM s_songplay_event WHERE processed = 0"), 0);
  EXPECT_EQ(count(mixed, "SELECT COUNT(*) FROM s_song WHERE processed = 0"), 0);
  EXPECT_EQ(star_rows(mixed), star_rows(plain));
  EXPECT_EQ(count(mixed, "SELECT COUNT(*) FROM f_songplay"), 6820);
}

// The flag a staged row starts with, read inside the batch before any transform
// (after a load the flag is 1 either way: the end state cannot tell "staged
// processed" from "marked processed by 90_mark_processed").
std::int64_t staged_flag(Warehouse& wh, StagedRows rows) {
  EventLogParser parser;
  std::ifstream in(kSampleData / "log_data/2018/11/2018-11-01-events.json", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  auto parsed = parser.parse(text, "flag-test");
  BatchTransaction batch(wh, "load");
  auto staging = wh.open_staging(batch.id(), batch.started_at(), rows, WritePath::incremental);
  staging->add(parsed.records.at(0));
  staging->flush();
  // Read before the batch rolls back (it is never committed).
  return to_int(
      wh.query("SELECT MIN(processed) FROM s_songplay_event WHERE batch_id = ?1", {batch.id()})
          .rows.at(0)
          .at(0));
}

TEST(Loader, StagesItsOwnRowsAlreadyProcessedAndMarksNothingElse) {
  TempFolder dir;
  SqliteWarehouse wh(dir.path() / "w.db");
  wh.migrate();
  EXPECT_EQ(staged_flag(wh, StagedRows::transformed_by_this_batch), 1);
  EXPECT_EQ(staged_flag(wh, StagedRows::waiting), 0);
  load_sample(wh);
  // Every row was staged by batch 1, flagged processed by the same transaction.
  EXPECT_EQ(count(wh, "SELECT COUNT(*) FROM s_songplay_event WHERE batch_id = 1 AND processed = 1"),
            8056);
  EXPECT_EQ(count(wh, "SELECT COUNT(*) FROM s_song WHERE batch_id = 1 AND processed = 1"), 71);
  EXPECT_EQ(count(wh, "SELECT events_processed FROM etl_batch WHERE batch_id = 1"), 8056);
  // A second load finds nothing new and transforms nothing.
  const LoadReport again = load_sample(wh);
  EXPECT_TRUE(again.batches.empty());
  EXPECT_EQ(again.events_processed, 0);
}

// A large event log is parsed in line-aligned parts on every core and staged part
// by part. The parts must see exactly the lines, numbers and rejects that parsing
// the whole file sees: the sample plus a log with bad, blank and CRLF lines, and
// one of blank lines only, loaded whole and in parts of 700 bytes, give the same
// staging rows (with line numbers), rejects, ledger and star schema.
TEST(Loader, ParsesLargeEventLogsInPartsWithTheSameRowsLinesAndRejects) {
  TempFolder folder;
  fs::copy(kSampleData, folder.path() / "data", fs::copy_options::recursive);
  {
    std::ifstream in(kSampleData / "log_data/2018/11/2018-11-30-events.json", std::ios::binary);
    const std::string day((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string mixed = "\xEF\xBB\xBF";
    std::size_t line = 0;
    std::size_t begin = 0;
    while (begin < day.size()) {
      std::size_t end = day.find('\n', begin);
      end = end == std::string::npos ? day.size() : end;
      const std::string text = day.substr(begin, end - begin);
      ++line;
      // Every 7th line is cut short, every 5th ends in CRLF, every 11th is followed by a blank one.
      mixed += line % 7 == 0 ? text.substr(0, text.size() / 2) : text;
      mixed += line % 5 == 0 ? "\r\n" : "\n";
      if (line % 11 == 0)
        mixed += "   \n";
      begin = end + 1;
    }
    std::ofstream(folder.path() / "data/log_data/mixed-events.json", std::ios::binary) << mixed;
    std::ofstream(folder.path() / "data/log_data/blank-events.json", std::ios::binary)
        << std::string(3000, '\n');
  }
  const auto rows_of = [](Warehouse& wh) {
    std::vector<std::string> out = star_rows(wh);
    for (const char* sql :
         {"SELECT event_id, source_key, line_number, page, ts FROM s_songplay_event ORDER BY 1",
          "SELECT source_key, line_number, field, reason, raw_text FROM etl_reject "
          "ORDER BY 1, 2",
          "SELECT source_key, records, rejects FROM etl_object ORDER BY 1"}) {
      append_rows(wh, sql, "", out);
    }
    return out;
  };
  SqliteWarehouse whole(folder.path() / "whole.db");
  whole.migrate();
  testing::load_folder(whole, folder.path() / "data");
  const auto expected = rows_of(whole);
  // Read a part at a time from the folder (parts of several sizes, one shorter than
  // most lines), and read whole from a source that only reads whole objects.
  for (const std::size_t part_bytes : {64, 700, 5000}) {
    LoadOptions in_parts;
    in_parts.event_part_bytes = part_bytes;
    SqliteWarehouse streamed(folder.path() / fmt::format("streamed-{}.db", part_bytes));
    streamed.migrate();
    testing::load_folder(streamed, folder.path() / "data", in_parts);
    EXPECT_EQ(rows_of(streamed), expected) << "parts of " << part_bytes << " bytes";
  }
  LoadOptions in_parts;
  in_parts.event_part_bytes = 700;
  SqliteWarehouse parts(folder.path() / "parts.db");
  parts.migrate();
  {
    std::vector<SourceSpec> sources;
    sources.push_back(SourceSpec{
        std::make_unique<WholeObjectsOnly>(folder.path() / "data/song_data"), ObjectKind::song});
    sources.push_back(SourceSpec{
        std::make_unique<WholeObjectsOnly>(folder.path() / "data/log_data"), ObjectKind::event});
    Loader(parts, in_parts).run(sources);
  }
  EXPECT_EQ(rows_of(parts), expected) << "read whole, parsed in parts";
  // The mixed file's cut lines are rejects at their own line numbers; the blank file is empty.
  EXPECT_GT(count(parts,
                  "SELECT COUNT(*) FROM etl_reject WHERE source_key LIKE '%mixed%' "
                  "AND line_number > 100"),
            0);
  EXPECT_EQ(count(parts,
                  "SELECT COUNT(*) FROM etl_reject WHERE source_key LIKE '%blank%' "
                  "AND line_number = 0 AND reason = 'empty object'"),
            1);
}

// The listing is looked up in the ledger a window at a time while batches run: small
// windows and batches load what one whole listing loads, and a later run loads only
// what is new or changed.
TEST(Loader, LooksTheListingUpAWindowAtATimeAndLoadsOnlyWhatTheLedgerLacks) {
  TempFolder folder;
  fs::copy(kSampleData, folder.path() / "data", fs::copy_options::recursive);
  SqliteWarehouse whole(folder.path() / "whole.db");
  whole.migrate();
  const LoadReport one_window = testing::load_folder(whole, folder.path() / "data");
  EXPECT_EQ(one_window.objects_listed, 101U);
  EXPECT_EQ(one_window.batches.size(), 1U);

  LoadOptions small;
  small.listing_window = 7;
  small.batch_max_objects = 5;
  SqliteWarehouse windows(folder.path() / "windows.db");
  windows.migrate();
  const LoadReport first = testing::load_folder(windows, folder.path() / "data", small);
  EXPECT_EQ(first.objects_listed, 101U);
  EXPECT_EQ(first.objects_loaded, 101U);
  EXPECT_EQ(first.batches.size(), 21U);  // 71 songs and 30 logs, 5 objects a batch
  EXPECT_EQ(star_rows(windows), star_rows(whole));

  // One new song file and one changed log; the other 100 are in the ledger.
  fs::copy_file(folder.path() / "data/song_data/A/A/A/TRAAAAW128F429D538.json",
                folder.path() / "data/song_data/A/A/A/TRAAAAW128F429D538-copy.json");
  std::ofstream(folder.path() / "data/log_data/2018/11/2018-11-05-events.json",
                std::ios::app | std::ios::binary)
      << "\n";
  const LoadReport second = testing::load_folder(windows, folder.path() / "data", small);
  EXPECT_EQ(second.objects_listed, 102U);
  EXPECT_EQ(second.objects_skipped, 100U);
  EXPECT_EQ(second.objects_loaded, 2U);
  const LoadReport third = testing::load_folder(windows, folder.path() / "data", small);
  EXPECT_EQ(third.objects_skipped, 102U);
  EXPECT_EQ(third.objects_loaded, 0U);
  EXPECT_EQ(count(windows, "SELECT COUNT(*) FROM etl_object"), 103);
}

// A batch stops before the object that would take its input past batch_max_bytes (one
// object larger than that is a batch of its own), and the rows are those of one batch.
TEST(Loader, StopsABatchBeforeTheObjectThatWouldPassItsInputBytes) {
  std::uint64_t song_bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kSampleData / "song_data")) {
    if (entry.is_regular_file())
      song_bytes += entry.file_size();
  }
  TempFolder folder;
  SqliteWarehouse whole(folder.path() / "whole.db");
  whole.migrate();
  ASSERT_EQ(load_sample(whole).batches.size(), 1U);  // the engine's 1 GiB

  LoadOptions by_bytes;
  by_bytes.batch_max_bytes = song_bytes;  // no two of the logs fit in as many bytes
  SqliteWarehouse batches(folder.path() / "batches.db");
  batches.migrate();
  const LoadReport report = testing::load_folder(batches, kSampleData, by_bytes);
  EXPECT_EQ(report.batches.size(), 31U);  // the songs, then the 30 logs one by one
  EXPECT_EQ(count(batches, "SELECT COUNT(DISTINCT batch_id) FROM s_song"), 1);
  EXPECT_EQ(star_rows(batches), star_rows(whole));
}

// A stream that fails before anything of its log is staged rejects that log as
// unreadable and loads the rest; one that fails after part of the log was staged rolls
// the whole batch back, so that no half log (and no rejects staged twice) is kept.
TEST(Loader, AStreamFailingBeforeItsLogIsStagedRejectsItAndAfterRollsTheBatchBack) {
  TempFolder folder;
  fs::copy(kSampleData / "song_data", folder.path() / "song_data", fs::copy_options::recursive);
  fs::create_directories(folder.path() / "log_data");
  fs::copy(kSampleData / "log_data/2018/11/2018-11-05-events.json", folder.path() / "log_data");
  fs::copy(kSampleData / "log_data/2018/11/2018-11-06-events.json", folder.path() / "log_data");
  LoadOptions in_parts;
  in_parts.event_part_bytes = 700;
  const auto sources_failing_after = [&](std::size_t bytes) {
    std::vector<SourceSpec> sources;
    sources.push_back(SourceSpec{std::make_unique<LocalFolderSource>(folder.path() / "song_data"),
                                 ObjectKind::song});
    sources.push_back(SourceSpec{
        std::make_unique<FailingStreams>(folder.path() / "log_data", bytes), ObjectKind::event});
    return sources;
  };

  SqliteWarehouse at_once(folder.path() / "at-once.db");
  at_once.migrate();
  auto failing_at_once = sources_failing_after(0);
  const LoadReport report = Loader(at_once, in_parts).run(failing_at_once);
  EXPECT_EQ(report.objects_unreadable, 2U);
  EXPECT_EQ(report.objects_loaded, 71U);
  EXPECT_EQ(count(at_once, "SELECT COUNT(*) FROM s_songplay_event"), 0);
  EXPECT_EQ(count(at_once,
                  "SELECT COUNT(*) FROM etl_reject WHERE reason LIKE "
                  "'could not read the object: %the disk went away%'"),
            2);
  EXPECT_EQ(count(at_once, "SELECT COUNT(*) FROM etl_object WHERE kind = 'event'"), 0);

  SqliteWarehouse part_way(folder.path() / "part-way.db");
  part_way.migrate();
  auto failing_part_way = sources_failing_after(5000);
  try {
    Loader(part_way, in_parts).run(failing_part_way);
    FAIL() << "expected the batch to fail";
  } catch (const SourceError& e) {
    EXPECT_NE(std::string(e.what()).find("2018-11-05-events.json: reading failed after"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("the disk went away"), std::string::npos) << e.what();
  }
  for (const char* table : {"s_song", "s_songplay_event", "etl_reject", "etl_object", "f_songplay"})
    EXPECT_EQ(count(part_way, std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  EXPECT_EQ(count(part_way, "SELECT COUNT(*) FROM etl_batch WHERE status = 'committed'"), 0);
}

// Every source is listed before the first batch: a missing event folder fails the run
// before the song batches commit anything.
TEST(Loader, AMissingSourceFailsTheRunBeforeAnyBatch) {
  TempFolder folder;
  SqliteWarehouse wh(folder.path() / "wh.db");
  wh.migrate();
  LoadOptions small;
  small.batch_max_objects = 5;
  std::vector<SourceSpec> sources;
  sources.push_back(
      SourceSpec{std::make_unique<LocalFolderSource>(kSampleData / "song_data"), ObjectKind::song});
  sources.push_back(SourceSpec{std::make_unique<LocalFolderSource>(folder.path() / "no-logs"),
                               ObjectKind::event});
  EXPECT_THROW(Loader(wh, small).run(sources), SourceError);
  EXPECT_EQ(count(wh, "SELECT COUNT(*) FROM etl_batch"), 0);
  EXPECT_EQ(count(wh, "SELECT COUNT(*) FROM s_song"), 0);
}

// The test seam: the hook is called at every fault point of every batch, in order,
// and a failure raised there rolls that batch back and keeps the ones before it.
class RecordingHook final : public BatchHook {
 public:
  std::vector<std::pair<FaultPoint, std::int64_t>> calls;
  std::optional<std::pair<FaultPoint, std::int64_t>> fail_at;

  void at(FaultPoint point, std::int64_t batch_number) override {
    calls.emplace_back(point, batch_number);
    if (fail_at == std::pair{point, batch_number})
      throw std::runtime_error("injected");
  }
};

TEST(Loader, CallsItsHookAtEveryFaultPointOfEveryBatch) {
  TempFolder folder;
  const auto run = [&](SqliteWarehouse& wh, RecordingHook& hook) {
    wh.migrate();
    LoadOptions options;
    options.batch_max_objects = 50;  // 101 objects: 3 batches
    return testing::load_folder(wh, kSampleData, options, &hook);
  };
  SqliteWarehouse all(folder.path() / "all.db");
  RecordingHook hook;
  EXPECT_EQ(run(all, hook).batches.size(), 3U);
  std::vector<std::pair<FaultPoint, std::int64_t>> expected;
  for (std::int64_t batch = 1; batch <= 3; ++batch) {
    for (const auto point :
         {FaultPoint::before_batch, FaultPoint::after_stage, FaultPoint::before_commit})
      expected.emplace_back(point, batch);
  }
  EXPECT_EQ(hook.calls, expected);

  SqliteWarehouse failing(folder.path() / "failing.db");
  RecordingHook failing_hook;
  failing_hook.fail_at = std::pair{FaultPoint::after_stage, std::int64_t{2}};
  EXPECT_THROW(run(failing, failing_hook), std::runtime_error);
  EXPECT_EQ(count(failing, "SELECT COUNT(*) FROM etl_object"), 50);
  EXPECT_EQ(count(failing, "SELECT COUNT(*) FROM etl_batch WHERE status = 'committed'"), 1);
}

// The journal a warehouse's transactions are written through, at each point of a batch.
class JournalAtCommit final : public BatchHook {
 public:
  explicit JournalAtCommit(Warehouse& wh) : wh_(wh) {}
  std::vector<std::string> modes;
  void at(FaultPoint point, std::int64_t /*batch_number*/) override {
    if (point == FaultPoint::before_commit)
      modes.push_back(*to_text(wh_.query("PRAGMA journal_mode").rows.at(0).at(0)));
  }

 private:
  Warehouse& wh_;
};

// On SQLite a batch that is large next to the warehouse commits through a rollback
// journal (its pages written once, not into the log and again at the checkpoint), and
// the log comes back after it; with another connection open the log stays. The rows
// are the same either way.
TEST(Loader, ALargeSqliteBatchCommitsThroughARollbackJournalAndTheLogComesBack) {
  TempFolder folder;
  const auto run = [&](SqliteWarehouse& wh, std::uint64_t bulk_min_bytes, BatchHook* hook) {
    wh.migrate();
    LoadOptions options;
    options.bulk_min_bytes = bulk_min_bytes;
    return testing::load_folder(wh, kSampleData, options, hook);
  };
  SqliteWarehouse incremental(folder.path() / "incremental.db");
  JournalAtCommit by_row(incremental);
  run(incremental, UINT64_MAX, &by_row);
  EXPECT_EQ(by_row.modes, std::vector<std::string>{"wal"});

  SqliteWarehouse large(folder.path() / "large.db");
  JournalAtCommit in_bulk(large);
  run(large, 0, &in_bulk);
  EXPECT_EQ(in_bulk.modes, std::vector<std::string>{"delete"});
  EXPECT_EQ(*to_text(large.query("PRAGMA journal_mode").rows.at(0).at(0)), "wal");
  EXPECT_EQ(star_rows(large), star_rows(incremental));

  SqliteWarehouse watched(folder.path() / "watched.db");
  watched.migrate();
  SqliteWarehouse reader(folder.path() / "watched.db", SqliteOptions{.read_only = true});
  EXPECT_EQ(count(reader, "SELECT COUNT(*) FROM f_songplay"), 0);
  JournalAtCommit with_reader(watched);
  run(watched, 0, &with_reader);
  EXPECT_EQ(with_reader.modes, std::vector<std::string>{"wal"});
  EXPECT_EQ(count(reader, "SELECT COUNT(*) FROM f_songplay"), 6820);
}

// Every batch of a first load is large next to the warehouse as the run found it (empty),
// so each commits through the rollback journal, also those smaller than what the run's
// earlier batches loaded; a later run's small batch goes through the log.
TEST(Loader, EveryBatchOfAFirstLoadCommitsThroughARollbackJournal) {
  TempFolder folder;
  SqliteWarehouse wh(folder.path() / "first.db");
  wh.migrate();
  LoadOptions options;
  options.bulk_min_bytes = 0;
  options.batch_max_objects = 20;  // 71 song files, then 30 logs: 20 and the last 10
  JournalAtCommit first(wh);
  const LoadReport report = testing::load_folder(wh, kSampleData, options, &first);
  ASSERT_GE(report.batches.size(), 5u);
  EXPECT_EQ(first.modes, std::vector<std::string>(report.batches.size(), "delete"));

  // One log of the sample again under another name: a new object, small next to the rest.
  const fs::path later = folder.path() / "later";
  fs::create_directories(later / "song_data");
  fs::create_directories(later / "log_data");
  fs::copy_file(kSampleData / "log_data/2018/11/2018-11-30-events.json",
                later / "log_data/again.json");
  JournalAtCommit next(wh);
  testing::load_folder(wh, later, options, &next);
  EXPECT_EQ(next.modes, std::vector<std::string>{"wal"});
}

// The schema's indexes as SQLite holds them: their names, tables and definitions.
std::vector<std::vector<Value>> indexes(Warehouse& wh) {
  return wh
      .query("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
      .rows;
}

// A SQLite batch that is large next to the warehouse sets aside the indexes whose keys
// arrive in no order (sqlite/sql/bulk/keys.sql) and builds them after its rows: the
// same tables and the same indexes as a load that keeps them.
TEST(Loader, ABulkSqliteBatchBuildsItsScatteredIndexesAfterItsRowsWithTheSameTables) {
  TempFolder folder;
  const auto run = [&](SqliteWarehouse& wh, std::uint64_t bulk_min_bytes,
                       std::size_t batch_objects = 50'000) {
    wh.migrate();
    LoadOptions options;
    options.bulk_min_bytes = bulk_min_bytes;
    options.batch_max_objects = batch_objects;
    return testing::load_folder(wh, kSampleData, options);
  };
  SqliteWarehouse incremental(folder.path() / "incremental.db");
  EXPECT_TRUE(run(incremental, UINT64_MAX).bulk_batches.empty());
  const auto schema = indexes(incremental);

  SqliteWarehouse bulk(folder.path() / "bulk.db");
  const LoadReport in_bulk = run(bulk, 0);
  EXPECT_EQ(in_bulk.bulk_batches, in_bulk.batches);
  EXPECT_EQ(indexes(bulk), schema);
  testing::expect_same_tables(bulk, incremental);

  // While a bulk batch writes, those indexes are really gone, and the others are not.
  bulk.begin();
  {
    const SetAsideKeys staging(bulk, "staging");
    const SetAsideKeys star(bulk, "star");
    std::vector<std::string> gone;
    const auto during = indexes(bulk);
    for (const auto& row : schema) {
      if (std::find(during.begin(), during.end(), row) == during.end())
        gone.push_back(*to_text(row.at(0)));
    }
    EXPECT_EQ(gone, (std::vector<std::string>{"a_artist_name_gender_plays_by_plays",
                                              "f_songplay_artist", "f_songplay_artist_name",
                                              "f_songplay_song", "f_songplay_user",
                                              "s_songplay_event_play", "s_songplay_event_user"}));
    EXPECT_EQ(during.size() + gone.size(), schema.size());
  }
  bulk.rollback();
  EXPECT_EQ(indexes(bulk), schema);

  // Many batches: the first is large next to the empty warehouse, later ones are not.
  SqliteWarehouse mixed(folder.path() / "mixed.db");
  const LoadReport in_batches = run(mixed, 0, 25);
  ASSERT_GT(in_batches.batches.size(), 2u);
  EXPECT_EQ(in_batches.bulk_batches.front(), in_batches.batches.front());
  EXPECT_LT(in_batches.bulk_batches.size(), in_batches.batches.size());
  EXPECT_EQ(indexes(mixed), schema);
  testing::expect_same_star_schema(mixed, incremental);
}

// SIGKILLed before its commit, a large batch written through the rollback journal leaves
// nothing behind: the next open rolls the journal back, puts the log back, and the next
// run gives the uninterrupted warehouse.
TEST(Loader, ALargeSqliteBatchKilledBeforeItsCommitLeavesNothing) {
  TempFolder folder;
  const auto db = folder.path() / "killed.db";
  const auto run = [&](SqliteWarehouse& wh, BatchHook* hook) {
    wh.migrate();
    LoadOptions options;
    options.bulk_min_bytes = 0;
    return testing::load_folder(wh, kSampleData, options, hook);
  };
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    SqliteWarehouse wh(db);
    FaultInjection kill;
    kill.kill_at = FaultPoint::before_commit;
    run(wh, &kill);
    ::_exit(0);  // not reached
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  EXPECT_TRUE(fs::exists(fs::path(db.string() + "-journal")));  // hot: the batch wrote

  SqliteWarehouse reopened(db);
  EXPECT_EQ(*to_text(reopened.query("PRAGMA journal_mode").rows.at(0).at(0)), "wal");
  EXPECT_EQ(count(reopened, "SELECT COUNT(*) FROM etl_batch WHERE status = 'committed'"), 0);
  EXPECT_EQ(count(reopened, "SELECT COUNT(*) FROM s_songplay_event"), 0);
  EXPECT_EQ(count(reopened, "SELECT COUNT(*) FROM f_songplay"), 0);
  run(reopened, nullptr);
  SqliteWarehouse clean(folder.path() / "clean.db");
  run(clean, nullptr);
  EXPECT_EQ(star_rows(reopened), star_rows(clean));
}

}  // namespace
}  // namespace sparkify

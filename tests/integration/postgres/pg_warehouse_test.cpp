// The PostgreSQL engine end to end: the real sample loaded by the pipeline into
// PostgreSQL and into SQLite must give identical tables, row by row; the brief's
// facts hold; re-runs are idempotent; a second writer is refused; a killed
// loader or a lost connection leaves no partial batch and the next run completes.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <thread>
#include <tuple>

#include "parse/event_parser.hpp"
#include "pipeline/batch_transaction.hpp"
#include "pipeline/bulk_write.hpp"
#include "pipeline/ingest.hpp"
#include "pipeline/loader.hpp"
#include "pipeline/planner_statistics.hpp"
#include "pipeline/transform.hpp"
#include "source/local_folder_source.hpp"
#include "support/pg_server.hpp"
#include "tests/support/daily_loads.hpp"
#include "tests/support/folder_load.hpp"
#include "tests/support/same_tables.hpp"
#include "tests/support/table_columns.hpp"
#include "tests/support/warehouse_tables.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/postgres/open_postgres.hpp"
#include "warehouse/postgres/pg_staging_writer.hpp"
#include "warehouse/postgres/postgres_warehouse.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

const std::string kSample = std::string(SPARKIFY_SOURCE_DIR) + "/data/sample";

std::vector<SourceSpec> folder_sources(const std::string& songs, const std::string& logs) {
  std::vector<SourceSpec> sources;
  sources.push_back(SourceSpec{std::make_unique<LocalFolderSource>(songs), ObjectKind::song});
  sources.push_back(SourceSpec{std::make_unique<LocalFolderSource>(logs), ObjectKind::event});
  return sources;
}

std::vector<SourceSpec> sample_sources() {
  return folder_sources(kSample + "/song_data", kSample + "/log_data");
}

LoadReport load(Warehouse& wh, LoadOptions options = {}, ProgressCallback progress = {},
                BatchHook* hook = nullptr) {
  wh.migrate();
  wh.lock_writer();
  auto sources = sample_sources();
  Loader loader(wh, options, std::move(progress), hook);
  return loader.run(sources);
}

using testing::expect_same_star_schema;
using testing::expect_same_tables;
using testing::rows_of;

std::int64_t scalar(Warehouse& wh, const std::string& sql) {
  return to_int(wh.query(sql).rows.at(0).at(0));
}

// How many of the warehouse's text columns would compare in the database's collation.
constexpr const char* kTextColumnsNotInByteOrder =
    "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'";

class PgWarehouseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string db = "it_wh_";
    for (char c : name)
      db.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    conninfo_ = test::create_test_database(db.substr(0, 60));
    sqlite_path_ = std::filesystem::temp_directory_path() /
                   ("sparkify_pg_differential_" + std::to_string(getpid()) + ".db");
    remove_sqlite();
  }
  void TearDown() override { remove_sqlite(); }
  void remove_sqlite() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(sqlite_path_.string() + suffix);
    }
  }
  // A reference load of the sample into SQLite.
  std::unique_ptr<SqliteWarehouse> sqlite_reference() {
    auto wh = std::make_unique<SqliteWarehouse>(sqlite_path_);
    load(*wh);
    return wh;
  }

  std::string conninfo_;
  std::filesystem::path sqlite_path_;
};

TEST(PgTarget, RecognisesConnectionStrings) {
  EXPECT_TRUE(is_postgres_target("postgresql://u@h:5432/sparkify"));
  EXPECT_TRUE(is_postgres_target("postgres://h/db"));
  EXPECT_TRUE(is_postgres_target("host=h dbname=sparkify"));
  EXPECT_FALSE(is_postgres_target("sqlite:./sparkify.db"));
  EXPECT_FALSE(is_postgres_target("./sparkify.db"));
}

TEST_F(PgWarehouseTest, SchemaMigratesOnceAndMirrorsTheSqliteStatements) {
  PostgresWarehouse wh(conninfo_);
  EXPECT_EQ(wh.engine(), "postgresql");
  EXPECT_EQ(wh.schema_version(), 0);
  const int newest = engine_schema_files("postgres").back().version;
  EXPECT_EQ(wh.migrate(), newest);
  EXPECT_EQ(wh.migrate(), newest);
  EXPECT_EQ(wh.schema_version(), newest);
  // Schema 11: every text column compares as bytes, whatever the database's collation.
  EXPECT_EQ(scalar(wh, kTextColumnsNotInByteOrder), 0);
  // Schema 2 came with the embedded name-to-gender table, filled once.
  EXPECT_EQ(to_int(wh.query("SELECT COUNT(*) FROM ref_name_gender").rows.at(0).at(0)), 15788);
  EXPECT_EQ(to_int(wh.query("SELECT row_count FROM etl_reference").rows.at(0).at(0)), 15788);
  SqliteWarehouse lite(sqlite_path_);
  // The same transform steps, but for SQLite's two that only set its sorter's memory
  // around the counts' sorts.
  auto lite_steps = lite.transform_steps();
  EXPECT_EQ(std::erase_if(lite_steps,
                          [](const std::string& step) {
                            return step == "transform/62_sort_in_small_runs" ||
                                   step == "transform/67_page_cache_back";
                          }),
            2u);
  EXPECT_EQ(wh.transform_steps(), lite_steps);
  for (const char* folder : {"check", "query", "names"})
    EXPECT_EQ(wh.statement_names(folder), lite.statement_names(folder)) << folder;
  for (const auto* name :
       {"ledger/begin_batch", "ledger/finish_batch", "ledger/loaded_between",
        "ledger/next_batch_id", "ledger/record_failed_batch", "ledger/record_object",
        "ledger/unprocessed_counts", "status/objects_by_kind", "status/recent_batches",
        "status/recent_rejects", "status/table_counts", "status/unprocessed"}) {
    EXPECT_NO_THROW(wh.statement(name)) << name;
    EXPECT_NO_THROW(lite.statement(name)) << name;
  }
}

TEST_F(PgWarehouseTest, SampleLoadsIdenticallyOnBothEnginesWithTheBriefsFacts) {
  PostgresWarehouse pg(conninfo_);
  const auto t0 = std::chrono::steady_clock::now();
  const LoadReport report = load(pg);
  const double pg_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto t1 = std::chrono::steady_clock::now();
  auto lite = sqlite_reference();
  const double lite_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::fprintf(stderr, "[pg] sample load: PostgreSQL %.3f s, SQLite %.3f s\n", pg_seconds,
               lite_seconds);

  EXPECT_EQ(report.staged.events_staged, 8056);
  EXPECT_EQ(report.staged.songs_staged, 71);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event"), 8056);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event WHERE page = 'NextSong'"), 6820);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM d_song"), 71);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM d_artist"), 69);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM d_time"), 6813);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay WHERE song_id IS NOT NULL"), 1);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event WHERE user_id IS NULL"), 286);
  EXPECT_EQ(scalar(pg,
                   "SELECT COUNT(*) FROM (SELECT user_id FROM d_user_level GROUP BY user_id "
                   "HAVING COUNT(DISTINCT level) > 1) AS u"),
            8);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_song WHERE NOT processed"), 0);
  expect_same_tables(pg, *lite);

  // Status statements run and agree too.
  EXPECT_EQ(pg.query(pg.statement("status/table_counts")).rows,
            lite->query(lite->statement("status/table_counts")).rows);
  EXPECT_EQ(pg.query(pg.statement("status/objects_by_kind")).rows,
            lite->query(lite->statement("status/objects_by_kind")).rows);
}

// What the server's statistics schedule starts from: the staged rows the planner counted
// at its last analysis, none before the first.
TEST_F(PgWarehouseTest, TheStagedRowsInTheStatisticsAreThoseOfTheLastAnalysis) {
  PostgresWarehouse pg(conninfo_);
  pg.migrate();
  EXPECT_EQ(staged_rows_in_statistics(pg), 0);
  load(pg);  // below the rows of a refresh: no analysis of its own
  pg.execute(pg.statement("maintenance/analyze_staging"));
  EXPECT_EQ(staged_rows_in_statistics(pg), 71 + 8056);
  auto lite = sqlite_reference();
  EXPECT_EQ(staged_rows_in_statistics(*lite), 0);  // an engine without planner statistics
}

// A warehouse loaded before schema 4 had no f_songplay.artist_name: migrate() adds
// it and fills it from each play's staged event.
TEST_F(PgWarehouseTest, UpgradeFromVersionThreeGivesEarlierPlaysTheirArtistName) {
  {
    PostgresWarehouse pg(conninfo_);
    load(pg);
    pg.execute("ALTER TABLE f_songplay DROP COLUMN artist_name");
    pg.execute("DROP TABLE a_artist_name_plays, a_artist_name_gender_plays, a_user_counted_gender");
    pg.execute("DROP TABLE a_hour_plays, a_location_plays, a_artist_name_recent_plays");
    pg.execute("DROP SEQUENCE etl_batch_id");
    // Keys by id alone, as before schema 10.
    pg.execute("ALTER TABLE f_songplay DROP CONSTRAINT f_songplay_pkey");
    pg.execute("ALTER TABLE f_songplay ADD CONSTRAINT f_songplay_pkey PRIMARY KEY (songplay_id)");
    pg.execute("CREATE INDEX f_songplay_start_time ON f_songplay (start_time)");
    pg.execute("ALTER TABLE s_songplay_event DROP CONSTRAINT s_songplay_event_pkey");
    pg.execute("ALTER TABLE s_songplay_event ADD PRIMARY KEY (event_id)");
    // Text in the database's collation, as before schema 11.
    pg.execute("ALTER TABLE f_songplay ALTER COLUMN songplay_id TYPE text COLLATE \"default\"");
    pg.execute("ALTER TABLE d_artist ALTER COLUMN artist_id TYPE text COLLATE \"default\"");
    // The staged events by user without their batch, as before schema 17.
    pg.execute("DROP INDEX s_songplay_event_user");
    pg.execute("CREATE INDEX s_songplay_event_user ON s_songplay_event (user_id, ts)");
    // The staged events not indexed by gender, as before schema 18 (the plays' index by
    // artist name went with the column).
    pg.execute("DROP INDEX s_songplay_event_gender");
    // A table of the analysts' own, in the same schema, which no upgrade touches.
    pg.execute("CREATE TABLE analysts_notes (note text)");
    ASSERT_EQ(scalar(pg, kTextColumnsNotInByteOrder), 3);
    pg.execute("DELETE FROM etl_schema_version WHERE version >= 4");
    EXPECT_EQ(pg.schema_version(), 3);
  }
  PostgresWarehouse pg(conninfo_);
  EXPECT_EQ(pg.migrate(), engine_schema_files("postgres").back().version);
  EXPECT_EQ(scalar(pg, kTextColumnsNotInByteOrder), 1);
  // Schema 18: the plays by artist name and the staged events by gender.
  EXPECT_EQ(scalar(pg,
                   "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN "
                   "('f_songplay_artist_name', 's_songplay_event_gender')"),
            2);
  EXPECT_EQ(scalar(pg,
                   "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = "
                   "'analysts_notes' AND collation_name IS NULL"),
            1);
  // Schema 10: plays and staged events keyed by time first.
  const auto key_of = [&pg](const std::string& table) {
    return *to_text(pg.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                             "WHERE contype = 'p' AND conrelid = $1::regclass",
                             {table})
                        .rows.at(0)
                        .at(0));
  };
  EXPECT_EQ(key_of("f_songplay"), "PRIMARY KEY (start_time, songplay_id)");
  EXPECT_EQ(key_of("s_songplay_event"), "PRIMARY KEY (start_time, event_id)");
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'f_songplay_start_time'"),
            0);
  // Schema 15: the plays' indexes by song and by artist hold the matched plays only.
  const auto index_of = [&pg](const std::string& index) {
    return *to_text(
        pg.query("SELECT indexdef FROM pg_indexes WHERE indexname = $1", {index}).rows.at(0).at(0));
  };
  EXPECT_EQ(index_of("f_songplay_artist"),
            "CREATE INDEX f_songplay_artist ON public.f_songplay USING btree (artist_id, user_id) "
            "WHERE (artist_id IS NOT NULL)");
  EXPECT_EQ(index_of("f_songplay_song"),
            "CREATE INDEX f_songplay_song ON public.f_songplay USING btree (song_id) "
            "WHERE (song_id IS NOT NULL)");
  // Schema 17: the staged events by user hold their batch.
  EXPECT_EQ(index_of("s_songplay_event_user"),
            "CREATE INDEX s_songplay_event_user ON public.s_songplay_event USING btree "
            "(user_id, ts, batch_id)");
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay WHERE artist_name IS NULL"), 0);
  // The play counts (6, 13) are counted from the plays version 4 named.
  auto lite = sqlite_reference();
  for (const auto* table : {"f_songplay", "a_artist_name_plays", "a_artist_name_gender_plays",
                            "a_user_counted_gender", "a_hour_plays", "a_location_plays"}) {
    const std::string columns = testing::comparable_columns(pg, table);
    EXPECT_EQ(rows_of(pg, table, columns), rows_of(*lite, table, columns)) << table;
  }
}

TEST_F(PgWarehouseTest, ReRunIsIdempotentAndSmallBatchesAgree) {
  {
    PostgresWarehouse pg(conninfo_);
    LoadOptions small;
    small.batch_max_objects = 7;  // many batches, songs and events in separate ones
    const auto first = load(pg, small);
    EXPECT_GT(first.batches.size(), 10u);
  }
  PostgresWarehouse pg(conninfo_);
  const auto second = load(pg);
  EXPECT_EQ(second.objects_loaded, 0u);
  EXPECT_EQ(second.staged.events_staged, 0);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay"), 6820);
  // Different batching, same star schema.
  auto lite = sqlite_reference();
  expect_same_star_schema(pg, *lite);
}

// A play at a fixed time, line `line` of the log "log".
EventRecord staged_play(const std::string& event_id, std::int64_t line) {
  EventRecord event;
  event.event_id = event_id;
  event.page = "NextSong";
  event.time.start_time = "2018-11-01 21:01:46.796";
  event.source_key = "log";
  event.line_number = line;
  return event;
}

// Stages, in batch `batch` of each warehouse, a song twice, a changed song, an event
// twice and a reject; on PostgreSQL by the given path (the bulk path with the keys set
// aside as a bulk batch sets them aside). Returns each writer's counts.
std::vector<StagingCounts> stage_repeats(PostgresWarehouse& pg, SqliteWarehouse& lite,
                                         std::int64_t batch, WritePath pg_path,
                                         const std::string& event_id = "e1") {
  SongRecord song;
  song.song_id = "SOX";
  song.title = "Title";
  song.artist_id = "ARX";
  song.source_key = "k";
  SongRecord changed = song;
  changed.title = "Other\ttitle\twith tabs";
  const EventRecord event = staged_play(event_id, 1);
  const EventRecord repeat = staged_play(event_id, 2);  // the same identity: a duplicate
  const std::string at = "2018-11-30 00:00:00.000";
  std::vector<StagingCounts> counts;
  for (Warehouse* wh : std::initializer_list<Warehouse*>{&pg, &lite}) {
    const WritePath path = wh == &pg ? pg_path : WritePath::incremental;
    wh->migrate();
    wh->begin();
    wh->execute(wh->statement("ledger/begin_batch"), {batch, std::string("load"), at});
    std::optional<SetAsideKeys> keys;
    if (path == WritePath::bulk)
      keys.emplace(*wh, "staging");
    auto w = wh->open_staging(batch, at, StagedRows::waiting, path);
    w->add(song);
    w->add(song);     // same content: a duplicate
    w->add(changed);  // new content: staged again
    w->add(event);
    w->add(repeat);
    w->add(Reject{"log", 3, "", "not JSON", "{oops"});
    w->flush();
    if (keys)
      keys->rebuild([&w] { w->remove_repeats(); });
    counts.push_back(w->counts());
    wh->commit();
  }
  return counts;
}

// PostgreSQL's counts (first) equal SQLite's (second).
void expect_same_counts(const std::vector<StagingCounts>& counts) {
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].songs_staged, counts[1].songs_staged);
  EXPECT_EQ(counts[0].events_staged, counts[1].events_staged);
  EXPECT_EQ(counts[0].duplicates, counts[1].duplicates);
  EXPECT_EQ(counts[0].rejects, counts[1].rejects);
}

// Repeats inside one batch: the COPY path must count and decide exactly as the
// row-by-row SQLite writer does.
TEST_F(PgWarehouseTest, StagingRepeatsWithinABatchMatchSqlite) {
  PostgresWarehouse pg(conninfo_);
  SqliteWarehouse lite(sqlite_path_);
  const auto counts = stage_repeats(pg, lite, 1, WritePath::incremental);
  EXPECT_EQ(counts[0].songs_staged, 2);
  EXPECT_EQ(counts[0].events_staged, 1);
  EXPECT_EQ(counts[0].duplicates, 2);
  EXPECT_EQ(counts[0].rejects, 1);
  expect_same_counts(counts);
  expect_same_tables(pg, lite);
}

// The bulk path copies events straight in and removes the repeats after: the same
// rows and counts, within a batch and across batches (an event an earlier batch
// staged stays as it was).
TEST_F(PgWarehouseTest, BulkStagingRemovesRepeatsAsTheKeyWould) {
  PostgresWarehouse pg(conninfo_);
  SqliteWarehouse lite(sqlite_path_);
  const auto first = stage_repeats(pg, lite, 1, WritePath::bulk);
  EXPECT_EQ(first[0].events_staged, 1);
  EXPECT_EQ(first[0].duplicates, 2);
  expect_same_counts(first);
  expect_same_tables(pg, lite);
  const auto second = stage_repeats(pg, lite, 2, WritePath::bulk);
  EXPECT_EQ(second[0].events_staged, 0);
  EXPECT_GE(second[0].duplicates, 2);  // at least the event's two copies
  expect_same_counts(second);
  expect_same_tables(pg, lite);
}

// The bulk path keeps one COPY of events open and ends it whenever another table's
// rows must go first: with every buffer flushed at once, a reject and a ledger row
// between the events end it and start it again, and the rows and counts are those of
// SQLite's row-by-row writer (the later copy of an event removed).
TEST_F(PgWarehouseTest, BulkEventsCopiedAroundOtherRowsStageAsTheKeyWould) {
  PostgresWarehouse pg(conninfo_);
  SqliteWarehouse lite(sqlite_path_);
  // Two events whose ids share their first 8 characters, which the pass that removes
  // repeats groups by: only the real repeat goes.
  const EventRecord event = staged_play("0123456789a", 1);
  const EventRecord other = staged_play("0123456789b", 2);
  const EventRecord repeat = staged_play("0123456789a", 4);  // the same identity, later
  const std::string at = "2018-11-30 00:00:00.000";
  std::vector<StagingCounts> counts;
  for (Warehouse* wh : std::initializer_list<Warehouse*>{&pg, &lite}) {
    wh->migrate();
    wh->begin();
    wh->execute(wh->statement("ledger/begin_batch"), {std::int64_t{1}, std::string("load"), at});
    std::optional<SetAsideKeys> keys;
    std::unique_ptr<StagingWriter> w;
    if (wh == &pg) {
      keys.emplace(pg, "staging");
      w = std::make_unique<PgStagingWriter>(pg, 1, at, StagedRows::waiting, WritePath::bulk, 1);
    } else {
      w = wh->open_staging(1, at, StagedRows::waiting, WritePath::incremental);
    }
    w->add(event);
    w->add(Reject{"log", 3, "", "not JSON", "{oops"});
    w->add(other);
    w->add(LoadedObject{"log", "v1", "event", 100, 3, 1});
    w->add(repeat);
    w->flush();
    if (keys)
      keys->rebuild([&w] { w->remove_repeats(); });
    counts.push_back(w->counts());
    wh->commit();
  }
  EXPECT_EQ(counts[0].events_staged, 2);
  EXPECT_EQ(counts[0].duplicates, 1);
  EXPECT_EQ(counts[0].rejects, 1);
  expect_same_counts(counts);
  expect_same_tables(pg, lite);
  EXPECT_EQ(pg.query("SELECT line_number FROM s_songplay_event ORDER BY line_number").rows,
            (std::vector<std::vector<Value>>{{std::int64_t{1}}, {std::int64_t{2}}}));
}

// The pass that removes repeated events runs only when the primary key, built again
// after the bulk path's COPY, finds a repeat: a batch of new events skips it, and a
// batch that repeats an event an earlier one staged gets it once, with the same rows
// and counts as the key in place would give.
TEST_F(PgWarehouseTest, BulkRepeatsAreLookedForOnlyWhenTheKeyFindsOne) {
  PostgresWarehouse pg(conninfo_);
  pg.migrate();
  const std::string at = "2018-11-30 00:00:00.000";
  const auto stage = [&](std::int64_t batch, const std::vector<EventRecord>& events) {
    pg.begin();
    pg.execute(pg.statement("ledger/begin_batch"), {batch, std::string("load"), at});
    SetAsideKeys keys(pg, "staging");
    PgStagingWriter w(pg, batch, at, StagedRows::waiting, WritePath::bulk);
    for (const auto& e : events)
      w.add(e);
    w.flush();
    int repairs = 0;
    keys.rebuild([&] {
      ++repairs;
      w.remove_repeats();
    });
    pg.commit();
    return std::pair{repairs, w.counts()};
  };
  const auto [first_repairs, first] = stage(1, {staged_play("e1", 1), staged_play("e2", 2)});
  EXPECT_EQ(first_repairs, 0);
  EXPECT_EQ(first.events_staged, 2);
  EXPECT_EQ(first.duplicates, 0);
  const auto [second_repairs, second] = stage(2, {staged_play("e3", 1), staged_play("e1", 9)});
  EXPECT_EQ(second_repairs, 1);
  EXPECT_EQ(second.events_staged, 1);
  EXPECT_EQ(second.duplicates, 1);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event"), 3);
  EXPECT_EQ(scalar(pg, "SELECT line_number FROM s_songplay_event WHERE batch_id = 2"), 1);
}

// A batch that fails while the bulk path's COPY of events is open (here: the writer
// dropped unflushed, as an exception from the reader unwinds it) aborts the COPY, which
// fails the transaction there and then rather than leaving the COPY open; the batch
// rolls back, nothing is staged, and the connection takes the next batch.
TEST_F(PgWarehouseTest, AFailureWithTheEventsCopyOpenRollsTheBatchBack) {
  PostgresWarehouse pg(conninfo_);
  pg.migrate();
  const std::string at = "2018-11-30 00:00:00.000";
  for (const bool flushed : {false, true}) {
    SCOPED_TRACE(flushed ? "flushed and committed" : "dropped unflushed");
    pg.begin();
    pg.execute(pg.statement("ledger/begin_batch"), {std::int64_t{1}, std::string("load"), at});
    {
      SetAsideKeys keys(pg, "staging");
      {
        PgStagingWriter w(pg, 1, at, StagedRows::waiting, WritePath::bulk);
        w.add(staged_play("e1", 1));
        if (flushed) {
          w.flush();
          EXPECT_EQ(w.counts().events_staged, 1);
        }
      }
      if (flushed)
        keys.rebuild();
      else
        EXPECT_EQ(PQtransactionStatus(pg.connection().native()), PQTRANS_INERROR);
    }
    flushed ? pg.commit() : pg.rollback();
    EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event"), flushed ? 1 : 0);
  }
}

// The indexes (primary keys' included) and foreign keys in place: their definitions, sorted.
std::vector<std::vector<Value>> keys_in_place(Warehouse& wh) {
  auto rows = wh.query(
                    "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                    "UNION ALL SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) "
                    "FROM pg_constraint WHERE contype = 'f' "
                    "AND connamespace = current_schema()::regnamespace")
                  .rows;
  std::sort(rows.begin(), rows.end());
  return rows;
}

LoadOptions bulk_from(std::uint64_t min_bytes, std::size_t batch_objects = 50'000) {
  LoadOptions options;
  options.bulk_min_bytes = min_bytes;
  options.batch_max_objects = batch_objects;
  return options;
}

// A batch written on the bulk path (keys dropped, rows written, keys built again)
// leaves the same rows, and the same keys, as one written row by row.
TEST_F(PgWarehouseTest, BulkAndIncrementalPathsGiveTheSameTables) {
  PostgresWarehouse incremental(conninfo_);
  const auto by_row = load(incremental, bulk_from(UINT64_MAX));
  EXPECT_TRUE(by_row.bulk_batches.empty());
  const auto keys = keys_in_place(incremental);
  EXPECT_GE(keys.size(), 35u);

  PostgresWarehouse bulk(test::create_test_database("it_wh_bulk_path"));
  const auto in_bulk = load(bulk, bulk_from(0));
  EXPECT_EQ(in_bulk.bulk_batches, in_bulk.batches);
  EXPECT_EQ(keys_in_place(bulk), keys);
  expect_same_tables(bulk, incremental);

  // While a bulk batch writes, the keys are really gone: every index and key of
  // s_songplay_event and f_songplay, s_song's secondary indexes; the indexes of the rows
  // waiting for a transform stay, as a bulk batch's own rows do not wait.
  const auto mentioning = [](const std::vector<std::vector<Value>>& rows, const char* table) {
    return std::count_if(rows.begin(), rows.end(), [&](const auto& row) {
      const std::string text =
          *to_text(row.at(0));  // an index's definition, or "table FOREIGN KEY"
      return text.starts_with(std::string(table) + " ") ||
             text.find(std::string(" ON public.") + table + " ") != std::string::npos;
    });
  };
  EXPECT_EQ(mentioning(keys, "f_songplay"), 7);
  bulk.begin();
  {
    SetAsideKeys staging(bulk, "staging");
    SetAsideKeys star(bulk, "star");
    const auto during = keys_in_place(bulk);
    EXPECT_EQ(mentioning(during, "f_songplay"), 0);
    EXPECT_EQ(mentioning(during, "s_songplay_event"), 1);  // s_songplay_event_unprocessed
    EXPECT_EQ(mentioning(during, "s_song"), 2);            // its primary key, s_song_unprocessed
    EXPECT_EQ(std::count_if(during.begin(), during.end(),
                            [](const auto& row) {
                              return to_text(row.at(0))->find("_unprocessed ON ") !=
                                     std::string::npos;
                            }),
              2);
  }
  bulk.rollback();
  EXPECT_EQ(keys_in_place(bulk), keys);

  // Many batches: the first is large next to the empty warehouse and takes the bulk
  // path, the later ones are smaller than what is loaded and go row by row.
  PostgresWarehouse mixed(test::create_test_database("it_wh_bulk_mixed"));
  const auto in_batches = load(mixed, bulk_from(0, 25));
  ASSERT_GT(in_batches.batches.size(), 2u);
  EXPECT_EQ(in_batches.bulk_batches.front(), in_batches.batches.front());
  EXPECT_LT(in_batches.bulk_batches.size(), in_batches.batches.size());
  EXPECT_EQ(keys_in_place(mixed), keys);
  auto lite = sqlite_reference();
  expect_same_star_schema(mixed, *lite);

  // A replay rebuilds the star schema on the bulk path: same rows, same keys.
  replay(bulk);
  EXPECT_EQ(keys_in_place(bulk), keys);
  expect_same_star_schema(bulk, incremental);
}

// A log file delivered twice under two names: the bulk path copies both, the primary
// key built again finds the repeats and the pass removes the later copies, so the
// tables and counts are those of the path that stages row by row.
// Among several songs of a play's title and artist name within a millisecond of its
// length, the closest duration wins, then the lowest song_id: on both write paths of
// PostgreSQL (a hash join for the bulk path, a probe per play for the incremental one) as
// on SQLite. The durations are binary fractions, so every difference is exact.
TEST_F(PgWarehouseTest, APlayMatchesTheClosestSongThenTheLowestId) {
  using namespace std::string_literals;
  const auto root =
      std::filesystem::temp_directory_path() / ("sparkify_pg_match_" + std::to_string(getpid()));
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "song_data");
  std::filesystem::create_directories(root / "log_data");
  const auto song = [&](const std::string& id, const std::string& title, const char* duration) {
    std::ofstream(root / "song_data" / (id + ".json"))
        << R"({"num_songs": 1, "artist_id": "ARMATCH", "artist_latitude": null, )"
        << R"("artist_longitude": null, "artist_location": "", "artist_name": "Same Artist", )"
        << R"("song_id": ")" << id << R"(", "title": ")" << title << R"(", "duration": )"
        << duration << R"(, "year": 2005})";
  };
  song("SOCLOSE2", "Close", "200.499755859375");  // 2^-12 s from the play: the closest
  song("SOCLOSE1", "Close", "200.50048828125");   // 2^-11 s away
  song("SOTIE2", "Tie", "300.0");
  song("SOTIE1", "Tie", "300.0");    // as close: the lower id
  song("SOTIE0", "Tie", "300.002");  // 2 ms away: no match
  std::ofstream log(root / "log_data" / "plays.json");
  for (const auto& [title, length, item] : {std::tuple{"Close", "200.5", 0}, {"Tie", "300.0", 1}}) {
    log << R"({"artist":"Same Artist","auth":"Logged In","firstName":"Ann","gender":"F",)"
        << R"("itemInSession":)" << item << R"(,"lastName":"Lee","length":)" << length
        << R"(,"level":"free","location":"X","method":"PUT","page":"NextSong",)"
        << R"("registration":1540991795796.0,"sessionId":7,"song":")" << title
        << R"(","status":200,"ts":)" << 1543537327796 + item << R"(,"userAgent":"UA","userId":"5"})"
        << "\n";
  }
  log.close();

  const std::vector<std::vector<Value>> expected = {{Value{"Close"s}, Value{"SOCLOSE2"s}},
                                                    {Value{"Tie"s}, Value{"SOTIE1"s}}};
  const std::string matched =
      "SELECT s.title, f.song_id FROM f_songplay AS f JOIN d_song AS s USING (song_id) "
      "ORDER BY s.title";
  const auto load_match = [&](Warehouse& wh, LoadOptions options) {
    wh.migrate();
    wh.lock_writer();
    testing::load_folder(wh, root, std::move(options));
    return wh.query(matched).rows;
  };
  PostgresWarehouse bulk(conninfo_);
  EXPECT_EQ(load_match(bulk, bulk_from(0)), expected);
  PostgresWarehouse by_row(test::create_test_database("it_wh_match_by_row"));
  EXPECT_EQ(load_match(by_row, bulk_from(UINT64_MAX)), expected);
  SqliteWarehouse lite(sqlite_path_);
  EXPECT_EQ(load_match(lite, {}), expected);
  std::filesystem::remove_all(root);
}

TEST_F(PgWarehouseTest, BulkLoadOfARepeatedLogFileStagesEachEventOnce) {
  namespace fs = std::filesystem;
  const fs::path logs =
      fs::temp_directory_path() / ("sparkify-pg-repeated-" + std::to_string(getpid()));
  fs::remove_all(logs);
  fs::copy(kSample + "/log_data", logs, fs::copy_options::recursive);
  fs::copy_file(logs / "2018/11/2018-11-16-events.json", logs / "2018/11/copy-of-16.json");
  const auto load_logs = [&logs](Warehouse& wh, std::uint64_t bulk_min_bytes) {
    wh.migrate();
    wh.lock_writer();
    auto sources = folder_sources(kSample + "/song_data", logs.string());
    return Loader(wh, bulk_from(bulk_min_bytes)).run(sources);
  };
  PostgresWarehouse by_row(conninfo_);
  const auto incremental = load_logs(by_row, UINT64_MAX);
  PostgresWarehouse bulk(test::create_test_database("it_wh_bulk_repeated"));
  const auto in_bulk = load_logs(bulk, 0);
  fs::remove_all(logs);
  EXPECT_EQ(in_bulk.bulk_batches, in_bulk.batches);
  EXPECT_GT(incremental.staged.duplicates, 0);
  EXPECT_EQ(in_bulk.staged.duplicates, incremental.staged.duplicates);
  EXPECT_EQ(in_bulk.staged.events_staged, incremental.staged.events_staged);
  expect_same_tables(bulk, by_row);
}

// A bulk batch that fails after dropping the keys rolls back with them: the keys are
// in place and nothing is staged.
TEST_F(PgWarehouseTest, AFailedBulkBatchLeavesTheKeysInPlace) {
  struct FailAfterStage final : BatchHook {
    void at(FaultPoint point, std::int64_t) override {
      if (point == FaultPoint::after_stage)
        throw std::runtime_error("failed on purpose after staging");
    }
  } fail;
  PostgresWarehouse pg(conninfo_);
  pg.migrate();
  const auto keys = keys_in_place(pg);
  EXPECT_THROW(load(pg, bulk_from(0), {}, &fail), std::runtime_error);
  EXPECT_EQ(keys_in_place(pg), keys);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event"), 0);
  const auto report = load(pg, bulk_from(0));
  EXPECT_EQ(report.bulk_batches.size(), 1u);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay"), 6820);
}

// Only a table's owner may drop its keys: a loader with write grants alone loads on
// the path with every key in place, and the load succeeds.
TEST_F(PgWarehouseTest, ALoaderThatDoesNotOwnTheTablesKeepsTheKeys) {
  PostgresWarehouse pg(conninfo_);
  pg.migrate();
  pg.execute("DROP ROLE IF EXISTS it_loader_without_ownership");
  pg.execute("CREATE ROLE it_loader_without_ownership NOLOGIN");
  pg.execute("GRANT USAGE, CREATE ON SCHEMA public TO it_loader_without_ownership");
  pg.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO it_loader_without_ownership");
  pg.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO it_loader_without_ownership");
  const auto keys = keys_in_place(pg);
  pg.execute("SET ROLE it_loader_without_ownership");
  const auto report = load(pg, bulk_from(0));
  EXPECT_FALSE(report.batches.empty());
  EXPECT_TRUE(report.bulk_batches.empty());
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay"), 6820);
  pg.execute("RESET ROLE");
  EXPECT_EQ(keys_in_place(pg), keys);
}

// The events of one sample day, parsed as the server parses a POST body.
IngestRequest sample_day(const std::string& day) {
  const auto path = kSample + "/log_data/2018/11/" + day + "-events.json";
  std::ifstream in(path, std::ios::binary);
  const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parsed = EventLogParser().parse(body, "http:/v1/events#" + day);
  return IngestRequest{{}, std::move(parsed.records), std::move(parsed.rejects)};
}

// The server transforms on one connection while it stages on another. A staging
// batch that began before the transform and commits in the middle of it (after
// 60_f_songplay, before 90_mark_processed) stays waiting: the transform sees the
// warehouse as of its first statement, so it marks processed only what it put into
// the star schema, and the next transform takes the rest.
TEST_F(PgWarehouseTest, AStagingCommitInTheMiddleOfATransformWaitsForTheNext) {
  PostgresWarehouse stager(conninfo_);
  stager.migrate();
  stager.lock_writer();
  PostgresWarehouse transformer(conninfo_);
  transformer.transform_in_snapshots();
  const IngestRequest first = sample_day("2018-11-01");
  const IngestRequest second = sample_day("2018-11-02");
  stage_requests(stager, {&first});

  std::optional<BatchTransaction> staging(std::in_place, stager, "ingest");
  auto writer = stager.open_staging(staging->id(), staging->started_at(), StagedRows::waiting,
                                    WritePath::incremental);
  for (const auto& e : second.events)
    writer->add(e);
  writer->flush();

  BatchTransaction transform(transformer, "transform");
  const std::vector<Value> params{transform.id()};
  for (const auto& step : transformer.transform_steps()) {
    if (step == "transform/90_mark_processed") {
      BatchCounts staged;
      staged.staged = writer->counts();
      staging->commit(staged);
      staging.reset();
    }
    transformer.execute(transformer.statement(step), params);
  }
  transform.commit({});
  EXPECT_EQ(scalar(transformer, "SELECT COUNT(*) FROM f_songplay"), 11);
  EXPECT_EQ(scalar(transformer, "SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed"),
            static_cast<std::int64_t>(second.events.size()));

  transform_batch(transformer);
  EXPECT_EQ(scalar(transformer, "SELECT COUNT(*) FROM f_songplay"), 11 + 155);
  EXPECT_EQ(scalar(transformer, "SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed"), 0);
}

TEST_F(PgWarehouseTest, ASecondWriterIsRefused) {
  PostgresWarehouse first(conninfo_);
  first.migrate();
  first.lock_writer();
  PostgresWarehouse second(conninfo_);
  EXPECT_THROW(second.lock_writer(), WarehouseBusy);
}

TEST_F(PgWarehouseTest, KilledLoaderLeavesNoPartialBatchAndTheNextRunCompletes) {
  {
    PostgresWarehouse pg(conninfo_);
    pg.migrate();
  }
  for (const auto fault : {FaultPoint::after_stage, FaultPoint::before_commit}) {
    std::fflush(nullptr);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      // The child loads until the loader SIGKILLs itself in the second batch.
      try {
        PostgresWarehouse pg(conninfo_);
        LoadOptions options;
        options.batch_max_objects = 40;
        FaultInjection faults;
        faults.kill_at = fault;
        faults.batch = 2;
        load(pg, options, {}, &faults);
      } catch (...) {
      }
      _exit(3);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  }
  PostgresWarehouse pg(conninfo_);
  // Batch 1 of each killed run committed; nothing of the killed batches remains.
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM etl_batch WHERE status <> 'committed'"), 0);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM etl_object"), 80);
  // The killed sessions' writer locks go away with their connections.
  bool loaded = false;
  for (int i = 0; i < 100 && !loaded; ++i) {
    try {
      load(pg);
      loaded = true;
    } catch (const WarehouseBusy&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ASSERT_TRUE(loaded);
  auto lite = sqlite_reference();
  for (const auto& table : {"d_artist", "d_song", "d_time", "d_user", "d_user_level", "f_songplay",
                            "s_song", "s_songplay_event"}) {
    // batch ids (and so which rows a batch processed) differ with the batching;
    // everything else must not.
    const std::string columns = testing::comparable_columns(pg, table, {"batch_id", "processed"});
    EXPECT_EQ(rows_of(pg, table, columns), rows_of(*lite, table, columns)) << table;
  }
}

TEST_F(PgWarehouseTest, LostConnectionMidLoadIsUnavailableAndTheNextRunCompletes) {
  pg::Connection admin(conninfo_);
  {
    PostgresWarehouse pg(conninfo_);
    const int pid = pg.connection().backend_pid();
    bool killed = false;
    LoadOptions options;
    options.batch_max_objects = 60;
    EXPECT_THROW(load(pg, options,
                      [&](const LoadProgress& p) {
                        if (!killed && p.objects_done >= 70) {
                          killed = true;
                          admin.query("SELECT pg_terminate_backend($1::int)",
                                      {Value{std::int64_t{pid}}});
                        }
                      }),
                 WarehouseUnavailable);
  }
  PostgresWarehouse pg(conninfo_);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM etl_object"), 60);  // batch 1 only
  load(pg);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM etl_object"), 101);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event"), 8056);
}

// Day by day in date order (histories appended to) or in other orders (late days
// rebuild the histories they reach into), the level history is that of one load.
TEST(PgDailyLoads, GiveTheLevelHistoryOfOneLoad) {
  namespace fs = std::filesystem;
  PostgresWarehouse whole(test::create_test_database("it_daily_whole"));
  load(whole);
  const auto expected = testing::level_history(whole);
  ASSERT_GT(expected.size(), 100u);
  const auto orders = testing::daily_orders();
  const fs::path folder =
      fs::temp_directory_path() / ("sparkify-pg-daily-" + std::to_string(getpid()));
  int n = 0;
  for (const auto& [name, groups] : orders) {
    PostgresWarehouse daily(test::create_test_database("it_daily_" + std::to_string(++n)));
    daily.migrate();
    daily.lock_writer();
    testing::load_days(daily, groups, folder);
    EXPECT_EQ(testing::first_difference(testing::level_history(daily), expected), "") << name;
  }
  fs::remove_all(folder);
}

}  // namespace
}  // namespace sparkify

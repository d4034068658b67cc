// The Redshift engine's SQL run on the real PostgreSQL of the tests (PostgreSQL
// emulation: Redshift-only table attributes stripped, string constants read as
// Redshift reads them, SHA2 defined with sha256). It must build the same star
// schema as the PostgreSQL engine on the sample and on the bad-input fixture;
// hostile strings must round-trip through the multi-row INSERTs; the SQL that
// derives event ids and time parts from COPY-landed raw fields must agree with C++.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/clock.hpp"
#include "pipeline/loader.hpp"
#include "source/local_folder_source.hpp"
#include "support/pg_server.hpp"
#include "tests/support/daily_loads.hpp"
#include "tests/support/folder_load.hpp"
#include "tests/support/same_tables.hpp"
#include "tests/support/table_columns.hpp"
#include "tests/support/warehouse_tables.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/postgres/postgres_warehouse.hpp"
#include "warehouse/redshift/redshift_staging_writer.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify {
namespace {

const std::string kSample = std::string(SPARKIFY_SOURCE_DIR) + "/data/sample";
const std::string kBad = std::string(SPARKIFY_SOURCE_DIR) + "/tests/data/bad-input";

redshift::RedshiftOptions emulation(std::size_t max_bytes = redshift::kMaxStatementBytes) {
  redshift::RedshiftOptions o;
  o.postgres_emulation = true;
  o.max_statement_bytes = max_bytes;
  return o;
}

LoadReport load(Warehouse& wh, const std::string& root, LoadOptions options = {}) {
  wh.migrate();
  wh.lock_writer();
  std::vector<SourceSpec> sources;
  sources.push_back(
      SourceSpec{std::make_unique<LocalFolderSource>(root + "/song_data"), ObjectKind::song});
  sources.push_back(
      SourceSpec{std::make_unique<LocalFolderSource>(root + "/log_data"), ObjectKind::event});
  Loader loader(wh, options);
  return loader.run(sources);
}

using testing::expect_same_tables;
using testing::rows_of;

std::int64_t scalar(Warehouse& wh, const std::string& sql) {
  return to_int(wh.query(sql).rows.at(0).at(0));
}

TEST(RedshiftOnPostgres, SampleGivesTheSameStarSchemaAsThePostgresEngine) {
  PostgresWarehouse pg(test::create_test_database("rs_sample_pg"));
  RedshiftWarehouse rs(test::create_test_database("rs_sample_rs"), emulation());
  const auto pg_report = load(pg, kSample);
  const auto rs_report = load(rs, kSample);
  EXPECT_EQ(rs_report.staged.events_staged, 8056);
  EXPECT_EQ(rs_report.staged.songs_staged, 71);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM d_time"), 6813);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay WHERE song_id IS NOT NULL"), 1);
  expect_same_tables(pg, rs);
  // Loading again changes nothing; a replay rebuilds the same star schema.
  load(rs, kSample);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay"), 6820);
}

// Schema 8 rebuilds most tables (narrower columns, other distribution styles): a
// warehouse loaded before it (at version 6, Redshift's schema file before 8), then
// upgraded, keeps every row and loads on.
TEST(RedshiftOnPostgres, UpgradeToVersionEightKeepsEveryRow) {
  PostgresWarehouse pg(test::create_test_database("rs_v8_pg"));
  RedshiftWarehouse rs(test::create_test_database("rs_v8_rs"), emulation());
  load(pg, kSample);
  // A warehouse before version 8, as an earlier sparkify left it.
  rs.begin();
  rs.execute(rs.statement("migrate/create_version_table"));
  rs.execute(std::string(*find_embedded_sql("redshift/emulation/functions.sql")));
  // (Its load runs today's transforms, which write the tables of versions 13 and 16:
  // they are there for the load and gone before the upgrade, which creates them again
  // and counts the plays.)
  std::vector<std::string> written_by_transforms;
  for (const auto& file : engine_schema_files("redshift")) {
    if (file.version == 13 || file.version == 16)
      written_by_transforms.push_back(redshift::render_schema(file.text, emulation()));
    if (file.version > 7)
      continue;
    rs.execute(redshift::render_schema(file.text, emulation()));
    rs.execute(rs.statement("migrate/record_version"),
               {std::int64_t{file.version}, file.name, utc_now_text()});
  }
  ASSERT_EQ(written_by_transforms.size(), 2u);
  for (const auto& text : written_by_transforms)
    rs.execute(text);
  sync_name_gender(rs, embedded_name_gender_reference(), NameSyncMode::keep_users_table);
  rs.commit();
  ASSERT_EQ(rs.schema_version(), 6);
  const auto width = [&](const std::string& table, const std::string& column) {
    return scalar(rs,
                  "SELECT character_maximum_length FROM information_schema.columns WHERE "
                  "table_name = '" +
                      table + "' AND column_name = '" + column + "'");
  };
  EXPECT_EQ(width("f_songplay", "user_agent"), 65535);
  rs.lock_writer();
  testing::load_folder(rs, kSample);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay"), 6820);
  rs.execute(
      "DROP TABLE a_hour_plays; DROP TABLE a_location_plays; DROP TABLE "
      "a_artist_name_recent_plays");

  EXPECT_EQ(rs.migrate(), engine_schema_files("redshift").back().version);
  EXPECT_EQ(width("f_songplay", "user_agent"), 2048);
  EXPECT_EQ(width("d_user", "first_name"), 256);
  expect_same_tables(pg, rs);
  // And loads on: the bad input, with its rejects, as on PostgreSQL.
  load(pg, kBad);
  load(rs, kBad);
  expect_same_tables(pg, rs);
}

TEST(RedshiftOnPostgres, BadInputAndSmallStatementsGiveTheSameResult) {
  PostgresWarehouse pg(test::create_test_database("rs_bad_pg"));
  // 4 KiB statements: many INSERTs per table, rounds merged repeatedly.
  RedshiftWarehouse rs(test::create_test_database("rs_bad_rs"), emulation(6000));
  LoadOptions small;
  small.batch_max_objects = 3;
  load(pg, kBad, small);
  load(rs, kBad, small);
  EXPECT_GT(scalar(rs, "SELECT COUNT(*) FROM etl_reject"), 0);
  expect_same_tables(pg, rs);
}

// The analysts' `sparkify sql`: on both engines of the libpq client, a statement the
// server cannot parse or resolve is the statement's error, a write is refused (the
// transaction is READ ONLY), and the session reads on afterwards.
TEST(RedshiftOnPostgres, AnAnalystsBadStatementIsRefusedAlikeOnBothEngines) {
  PostgresWarehouse pg(test::create_test_database("read_only_pg"));
  RedshiftWarehouse rs(test::create_test_database("read_only_rs"), emulation());
  for (LibpqWarehouse* wh : std::initializer_list<LibpqWarehouse*>{&pg, &rs}) {
    wh->migrate();
    EXPECT_THROW(wh->query_read_only("SELEC 1"), WarehouseStatementError) << wh->engine();
    EXPECT_THROW(wh->query_read_only("SELECT nope FROM d_time"), WarehouseStatementError)
        << wh->engine();
    for (const char* write : {"DELETE FROM d_time", "CREATE TABLE x (a integer)"}) {
      try {
        wh->query_read_only(write);
        ADD_FAILURE() << wh->engine() << " ran " << write;
      } catch (const WarehouseStatementError& e) {
        ADD_FAILURE() << wh->engine() << ": " << write
                      << " taken for a bad statement: " << e.what();
      } catch (const WarehouseQueryRejected& e) {
        EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
      }
    }
    EXPECT_THROW(wh->query_read_only("SELECT 1; SELECT 2"), WarehouseQueryRejected);
    EXPECT_EQ(to_int(wh->query_read_only("SELECT COUNT(*) FROM d_time").rows.at(0).at(0)), 0);
  }
}

TEST(RedshiftOnPostgres, HostileStringsRoundTripExactly) {
  RedshiftWarehouse rs(test::create_test_database("rs_hostile"), emulation(3000));
  rs.migrate();
  const std::vector<std::string> hostile = {
      "O'Brien",
      "''",
      "\\",
      "a\\'b",
      "\\\\'';--",
      "$$",
      "$tag$ x $tag$",
      "$1 $2",
      "end\\",
      "tab\there",
      "new\nline",
      "\\x41\\101",
      "E'\\n'",
      "Beyoncé 東京 🎵",
      "'; DROP TABLE s_song; --",
      std::string(250, '\''),
  };
  rs.begin();
  rs.execute(
      "INSERT INTO etl_batch (batch_id, kind, status, started_at) VALUES "
      "(1, 'load', 'running', '2024-01-01 00:00:00')");
  {
    auto writer =
        rs.open_staging(1, "2024-01-01 00:00:00.000", StagedRows::waiting, WritePath::incremental);
    std::int64_t line = 0;
    for (const auto& h : hostile)
      writer->add(Reject{"s3://b/" + h, ++line, h, h, h});
    writer->flush();
    EXPECT_EQ(writer->counts().rejects, static_cast<std::int64_t>(hostile.size()));
    EXPECT_GT(dynamic_cast<RedshiftStagingWriter&>(*writer).statements_sent(), 1u);
  }
  rs.commit();
  const Table t = rs.query(
      "SELECT line_number, source_key, field, reason, raw_text FROM etl_reject ORDER BY 1");
  ASSERT_EQ(t.rows.size(), hostile.size());
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    EXPECT_EQ(*to_text(t.rows[i][1]), "s3://b/" + hostile[i]);
    EXPECT_EQ(*to_text(t.rows[i][2]), hostile[i]);
    EXPECT_EQ(*to_text(t.rows[i][3]), hostile[i]);
    EXPECT_EQ(*to_text(t.rows[i][4]), hostile[i]);
  }
  // NUL and invalid UTF-8 never reach the server.
  rs.begin();
  auto writer =
      rs.open_staging(2, "2024-01-01 00:00:00.000", StagedRows::waiting, WritePath::incremental);
  EXPECT_THROW(writer->add(Reject{"k", 1, "", std::string("a\0b", 3), ""}), WarehouseError);
  EXPECT_THROW(writer->add(Reject{"k", 1, "", "\xff", ""}), WarehouseError);
  rs.rollback();
}

TEST(RedshiftOnPostgres, CopiedRawEventsGetTheSameIdsAndTimePartsAsCpp) {
  // What a Redshift COPY with the JSONPaths file lands, emulated from the JSON
  // lines; then copy/merge_raw_events.sql, compared with the C++-staged sample.
  RedshiftWarehouse cpp(test::create_test_database("rs_raw_cpp"), emulation());
  load(cpp, kSample);
  RedshiftWarehouse rs(test::create_test_database("rs_raw_sql"), emulation());
  rs.migrate();
  rs.begin();
  rs.execute("CREATE TEMP TABLE raw_lines (line json)");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSample + "/log_data")) {
    if (entry.path().extension() != ".json")
      continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty())
        rs.execute("INSERT INTO raw_lines VALUES ($1::json)", {line});
    }
  }
  rs.execute(
      "INSERT INTO s_raw_event SELECT line->>'artist', line->>'auth', line->>'firstName', "
      "line->>'gender', (line->>'itemInSession')::bigint, line->>'lastName', "
      "(line->>'length')::float8, line->>'level', line->>'location', line->>'method', "
      "line->>'page', (line->>'registration')::float8, (line->>'sessionId')::bigint, "
      "line->>'song', (line->>'status')::bigint, (line->>'ts')::bigint, line->>'userAgent', "
      "line->>'userId' FROM raw_lines");
  rs.execute(
      "INSERT INTO etl_batch (batch_id, kind, status, started_at) VALUES "
      "(1, 'load', 'running', '2024-01-01 00:00:00')");
  const std::vector<Value> params{std::int64_t{1}, std::string("2024-01-01 00:00:00"),
                                  std::string("s3://b/m.manifest")};
  rs.execute(rs.statement("copy/invalid_rejects"), params);
  EXPECT_EQ(rs.execute(rs.statement("copy/merge_raw_events"), params), 8056);
  rs.execute(rs.statement("copy/clear_raw"));
  rs.commit();
  // (The COPY's rows come from the manifest, line 0, in the copy's batch.)
  const std::string columns = testing::comparable_columns(
      rs, "s_songplay_event", {"source_key", "line_number", "batch_id", "processed"});
  EXPECT_TRUE(rows_of(rs, "s_songplay_event", columns) ==
              rows_of(cpp, "s_songplay_event", columns));
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_raw_event"), 0);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM etl_reject"), 0);
}

// Day by day in date order (histories appended to) or in other orders (late days
// rebuild the histories they reach into), the level history is that of one load.
TEST(RedshiftOnPostgres, DailyLoadsGiveTheLevelHistoryOfOneLoad) {
  namespace fs = std::filesystem;
  RedshiftWarehouse whole(test::create_test_database("rs_daily_whole"), emulation());
  load(whole, kSample);
  const auto expected = testing::level_history(whole);
  ASSERT_GT(expected.size(), 100u);
  const auto orders = testing::daily_orders();
  const fs::path folder =
      fs::temp_directory_path() / ("sparkify-rs-daily-" + std::to_string(getpid()));
  int n = 0;
  for (const auto& [name, groups] : orders) {
    RedshiftWarehouse daily(test::create_test_database("rs_daily_" + std::to_string(++n)),
                            emulation());
    daily.migrate();
    daily.lock_writer();
    testing::load_days(daily, groups, folder);
    EXPECT_EQ(testing::first_difference(testing::level_history(daily), expected), "") << name;
  }
  fs::remove_all(folder);
}

}  // namespace
}  // namespace sparkify

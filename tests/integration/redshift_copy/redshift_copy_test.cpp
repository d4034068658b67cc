// The Redshift engine's staging mode "copy", end to end: the real sample and the
// bad-input fixture uploaded to a real S3 server (SigV4 checked), loaded by the
// ordinary Loader into the Redshift engine (PostgreSQL emulation) whose COPY
// statements run through RedshiftCopyDouble, which reads the manifests, the
// JSONPaths file and the logs back from that S3 server. Compared with the
// PostgreSQL engine's client-side load of the same files.
#include "warehouse/redshift/redshift_copy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "pipeline/loader.hpp"
#include "source/s3/s3_source.hpp"
#include "support/folder_load.hpp"
#include "support/pg_server.hpp"
#include "support/redshift_copy_double.hpp"
#include "support/s3_test_server.hpp"
#include "warehouse/postgres/postgres_warehouse.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify {
namespace {
namespace fs = std::filesystem;

const fs::path kSample = fs::path(SPARKIFY_SOURCE_DIR) / "data/sample";
const fs::path kBad = fs::path(SPARKIFY_SOURCE_DIR) / "tests/data/bad-input";
constexpr const char* kRole = "arn:aws:iam::123456789012:role/sparkify-test";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  return body.str();
}

std::vector<std::vector<Value>> rows_of(Warehouse& wh, const std::string& sql) {
  auto rows = wh.query(sql).rows;
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::int64_t scalar(Warehouse& wh, const std::string& sql) {
  return to_int(wh.query(sql).rows.at(0).at(0));
}

// The star schema without lineage (source_key, line_number, batch ids, times of loading).
const std::vector<std::pair<std::string, std::string>> kStar = {
    {"d_artist", "artist_id, name, location, latitude, longitude"},
    {"d_song", "song_id, title, artist_id, year, duration"},
    {"d_time", "start_time, hour, day, week, month, year, weekday"},
    {"d_user",
     "user_id, first_name, last_name, gender, gender_source, level, location, first_seen, "
     "last_seen"},
    {"d_user_level", "user_id, start_time, level, end_time"},
    {"f_songplay",
     "songplay_id, start_time, user_id, level, song_id, artist_id, session_id, item_in_session, "
     "location, user_agent, artist_name"},
    {"s_songplay_event",
     "event_id, artist, auth, first_name, gender, item_in_session, last_name, length, level, "
     "location, method, page, registration, session_id, song, status, ts, user_agent, user_id, "
     "start_time, hour, day, week, month, year, weekday"},
    {"s_song",
     "song_id, num_songs, title, artist_id, artist_name, artist_location, artist_latitude, "
     "artist_longitude, duration, year"},
};

class RedshiftCopy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::S3TestServer("sample bad");
    s3::S3Client client(s3_config());
    for (const auto& [bucket, root] : {std::pair{"sample", kSample}, std::pair{"bad", kBad}}) {
      for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
          client.put_object(bucket, fs::relative(entry.path(), root).generic_string(),
                            read_file(entry.path()), "application/json");
        }
      }
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static s3::S3Options s3_options() {
    s3::S3Options options;
    options.endpoint_url = server_->endpoint();
    return options;
  }
  static s3::Environment environment() {
    return s3::environment_from({{"AWS_ACCESS_KEY_ID", testing::kS3TestKeyId},
                                 {"AWS_SECRET_ACCESS_KEY", testing::kS3TestSecret},
                                 {"HOME", "/nonexistent"}});
  }
  static s3::S3Config s3_config() { return s3::resolve_config(s3_options(), environment()); }

  // A Redshift warehouse (emulation) whose COPY runs through the double.
  struct Target {
    explicit Target(const std::string& name)
        : conninfo(test::create_test_database(name)),
          rs(conninfo, emulation()),
          copy(conninfo, s3_config()) {
      rs.set_copy_interceptor(copy.interceptor());
      rs.migrate();
      rs.lock_writer();
    }
    static redshift::RedshiftOptions emulation() {
      redshift::RedshiftOptions o;
      o.postgres_emulation = true;
      return o;
    }
    std::string conninfo;
    RedshiftWarehouse rs;
    test::RedshiftCopyDouble copy;
  };

  // What `sparkify load --redshift-staging copy` sets up, with the test server.
  // region: the COPY's REGION, when not the S3 client's.
  static LoadReport load_by_copy(RedshiftWarehouse& rs, const std::string& bucket,
                                 std::int64_t max_errors = 0, const std::string& region = {},
                                 LoadOptions options = {}) {
    std::vector<SourceSpec> sources;
    sources.push_back(
        SourceSpec{s3::make_s3_source("s3://" + bucket + "/song_data", s3_options(), environment()),
                   ObjectKind::song});
    auto events = s3::make_s3_source("s3://" + bucket + "/log_data", s3_options(), environment());
    redshift::CopyStaging staging;
    staging.staging_uri = "s3://" + bucket + "/sparkify-dwh";
    staging.iam_role = kRole;
    staging.region = region.empty() ? events->client().config().region : region;
    staging.max_errors = max_errors;
    staging.put_object = [client = &events->client()](const std::string& url,
                                                      const std::string& body) {
      s3::put_object_at(*client, url, body);
    };
    staging.bucket_region = [client = &events->client()](const std::string& url) {
      return client->bucket_region(s3::parse_s3_url(url).bucket);
    };
    rs.use_copy_staging(std::move(staging));
    sources.push_back(SourceSpec{std::move(events), ObjectKind::event});
    Loader loader(rs, options);
    return loader.run(sources);
  }

  static LoadReport load_local(Warehouse& wh, const fs::path& root, LoadOptions options = {}) {
    wh.migrate();
    wh.lock_writer();
    return testing::load_folder(wh, root, std::move(options));
  }

  static std::vector<std::string> manifest_urls(const std::string& url) {
    s3::S3Client client(s3_config());
    const auto slash = url.find('/', 5);
    const auto body = client.get_object(url.substr(5, slash - 5), url.substr(slash + 1)).body;
    std::vector<std::string> out;
    const auto manifest = nlohmann::json::parse(body);
    for (const auto& entry : manifest.at("entries")) {
      EXPECT_TRUE(entry.at("mandatory").get<bool>()) << url;
      out.push_back(entry.at("url").get<std::string>());
    }
    return out;
  }

  static testing::S3TestServer* server_;
};
testing::S3TestServer* RedshiftCopy::server_ = nullptr;

std::vector<std::string> sample_event_urls() {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(kSample / "log_data")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      out.push_back("s3://sample/" + fs::relative(entry.path(), kSample).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(RedshiftCopy, SampleGivesThePostgresStarSchemaAndManifestsListOnlyNewObjects) {
  PostgresWarehouse pg(test::create_test_database("rs_copy_sample_pg"));
  Target target("rs_copy_sample_rs");
  RedshiftWarehouse& rs = target.rs;
  load_local(pg, kSample);
  const LoadReport report = load_by_copy(rs, "sample");
  ASSERT_EQ(report.batches.size(), 1u);
  EXPECT_EQ(target.copy.copies_run(), 1);
  EXPECT_EQ(report.objects_loaded, 101u);
  EXPECT_EQ(report.staged.events_staged, 8056);
  EXPECT_EQ(report.staged.songs_staged, 71);
  EXPECT_EQ(report.staged.rejects, 0);
  EXPECT_EQ(report.staged.duplicates, 0);
  for (const auto& [table, columns] : kStar) {
    const auto a = rows_of(pg, "SELECT " + columns + " FROM " + table);
    const auto b = rows_of(rs, "SELECT " + columns + " FROM " + table);
    EXPECT_EQ(a.size(), b.size()) << table;
    EXPECT_TRUE(a == b) << table << " differs between the PostgreSQL engine and COPY";
  }
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_raw_event"), 0);

  // The manifest lists exactly the batch's event objects, each mandatory; the
  // JSONPaths file was uploaded next to it.
  const std::string manifest = redshift::manifest_url("s3://sample/sparkify-dwh", 1);
  EXPECT_EQ(manifest_urls(manifest), sample_event_urls());
  s3::S3Client client(s3_config());
  EXPECT_NE(client.get_object("sample", "sparkify-dwh/event_jsonpaths.json").body.find("userAgent"),
            std::string::npos);
  // Lineage: COPY-staged events carry the manifest and line 0; the ledger has
  // every event object with the lines COPY read from it (as many as the client
  // path's records, since the sample has no bad line).
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_songplay_event WHERE source_key = '" + manifest +
                           "' AND line_number = 0"),
            8056);
  const auto ledger = [](Warehouse& wh) {
    std::vector<std::vector<Value>> out;
    for (auto row : rows_of(wh, "SELECT source_key, kind, records, rejects FROM etl_object")) {
      const std::string key = *to_text(row[0]);
      row[0] = key.substr(key.find("_data/"));
      out.push_back(row);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_TRUE(ledger(pg) == ledger(rs));
  EXPECT_EQ(scalar(rs,
                   "SELECT COUNT(*) FROM etl_object WHERE kind = 'event' AND source_key LIKE "
                   "'s3://sample/log_data/%' AND length(version) = 32"),
            30);

  // A second load with one new log file: its manifest lists just that file, and
  // nothing already staged is staged again (its one repeated event is a duplicate).
  const std::string first_line = [] {
    std::ifstream in(kSample / "log_data/2018/11/2018-11-01-events.json");
    std::string line;
    std::getline(in, line);
    return line;
  }();
  std::string added = first_line + "\n";
  for (int i = 0; i < 3; ++i) {
    auto event = nlohmann::json::parse(first_line);
    event["sessionId"] = 900000 + i;
    event["ts"] = event["ts"].get<std::int64_t>() + 86'400'000LL * 30 + i;
    event["page"] = "NextSong";
    event["artist"] = "Added Artist";
    event["song"] = "Added Song";
    event["length"] = 200.5;
    event["userId"] = "26";
    added += event.dump() + "\n";
  }
  client.put_object("sample", "log_data/2018/12/2018-12-01-events.json", added);
  const LoadReport second = load_by_copy(rs, "sample");
  ASSERT_EQ(second.batches.size(), 1u);
  EXPECT_EQ(second.objects_loaded, 1u);
  EXPECT_EQ(second.objects_skipped, 101u);
  EXPECT_EQ(second.staged.events_staged, 3);
  EXPECT_EQ(second.staged.duplicates, 1);
  EXPECT_EQ(manifest_urls(redshift::manifest_url("s3://sample/sparkify-dwh", second.batches[0])),
            std::vector<std::string>{"s3://sample/log_data/2018/12/2018-12-01-events.json"});
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_songplay_event"), 8059);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay"), 6823);
  EXPECT_EQ(scalar(rs,
                   "SELECT COUNT(*) FROM (SELECT event_id FROM s_songplay_event GROUP BY "
                   "event_id HAVING COUNT(*) > 1) AS d"),
            0);
  EXPECT_EQ(scalar(rs, "SELECT records FROM etl_object WHERE source_key LIKE '%2018-12-01%'"), 4);
  // Nothing new: no batch, no COPY.
  const LoadReport third = load_by_copy(rs, "sample");
  EXPECT_TRUE(third.batches.empty());
  EXPECT_EQ(target.copy.copies_run(), 2);
}

TEST_F(RedshiftCopy, BadInputRejectsComeFromLoadErrorsAndInvalidRejects) {
  PostgresWarehouse pg(test::create_test_database("rs_copy_bad_pg"));
  Target target("rs_copy_bad_rs");
  RedshiftWarehouse& rs = target.rs;
  load_local(pg, kBad);
  // The bad input has 4 lines COPY cannot load: MAXERROR 5 tolerates them.
  const LoadReport report = load_by_copy(rs, "bad", /*max_errors=*/5);
  ASSERT_EQ(report.batches.size(), 1u);
  const std::string manifest = redshift::manifest_url("s3://bad/sparkify-dwh", 1);
  const std::string logs = "s3://bad/log_data/2018/11/";
  // Hidden files are not listed, so not in the manifest either.
  EXPECT_EQ(manifest_urls(manifest), (std::vector<std::string>{logs + "2018-11-01-events.json",
                                                               logs + "2018-11-02-events.json",
                                                               logs + "not-json-events.json"}));
  // Event rejects: lines COPY could not load (sys_load_error_detail: their file and
  // line), and copied rows the C++ parser would reject (invalid_rejects: the
  // manifest, line 0).
  const Table rejects = rs.query(
      "SELECT source_key, line_number, COALESCE(field, ''), reason FROM etl_reject "
      "WHERE source_key NOT LIKE '%song_data%' ORDER BY source_key, line_number");
  std::vector<std::string> got;
  for (const auto& row : rejects.rows) {
    got.push_back(*to_text(row[0]) + "|" + std::to_string(to_int(row[1])) + "|" + *to_text(row[2]) +
                  "|" + *to_text(row[3]));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     logs + "2018-11-01-events.json|2||Invalid JSON object or array",
                     logs + "2018-11-01-events.json|7||String contains invalid or unsupported "
                            "UTF8 codepoints.",
                     logs + "2018-11-02-events.json|3||Invalid JSON object or array",
                     logs + "not-json-events.json|1||Invalid JSON object or array",
                     manifest + "|0|song|is missing or null in a NextSong event",
                 }));
  // sys_load_error_detail keeps no raw line: COPY's rejects have an empty raw_text.
  EXPECT_EQ(scalar(rs,
                   "SELECT COUNT(*) FROM etl_reject WHERE raw_text = '' AND source_key LIKE "
                   "'%/log_data/%'"),
            4);
  // Song files took the client path: the same song rejects as the PostgreSQL engine.
  const std::string song_rejects =
      "SELECT substr(source_key, strpos(source_key, 'song_data')), line_number, field, reason "
      "FROM etl_reject WHERE source_key LIKE '%song_data%'";
  EXPECT_TRUE(rows_of(pg, song_rejects) == rows_of(rs, song_rejects));
  // The one difference in the rows: "ts":"1541106496796" (a string of digits) is
  // rejected by the C++ parser but loaded by COPY into the BIGINT column.
  EXPECT_EQ(scalar(pg, "SELECT COUNT(*) FROM s_songplay_event"), 6);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_songplay_event"), 7);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_songplay_event WHERE ts = 1541106496796"), 1);
  for (const auto& [table, columns] : kStar) {
    const std::string sql = "SELECT " + columns + " FROM " + table;
    const std::string without =
        table == "s_songplay_event" || table == "f_songplay" || table == "d_time"
            ? " WHERE start_time <> TIMESTAMP '2018-11-01 21:08:16.796'"
            : "";
    if (table == "d_user" || table == "d_user_level")
      continue;  // user 8's last_seen / level history include the extra play
    EXPECT_TRUE(rows_of(pg, sql + without) == rows_of(rs, sql + without)) << table;
  }
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM f_songplay"),
            scalar(pg, "SELECT COUNT(*) FROM f_songplay") + 1);
  // The ledger: lines read and lines COPY rejected, per file.
  EXPECT_EQ(rows_of(rs, "SELECT records, rejects FROM etl_object WHERE source_key = '" + logs +
                            "2018-11-01-events.json'"),
            (std::vector<std::vector<Value>>{{std::int64_t{7}, std::int64_t{2}}}));
}

TEST_F(RedshiftCopy, MaxErrorReachedFailsTheBatchAndChangesNothing) {
  Target target("rs_copy_maxerror");
  RedshiftWarehouse& rs = target.rs;
  load_by_copy(rs, "sample");
  const std::vector<std::string> tables = {
      "d_artist",   "d_song", "d_time",           "d_user",     "d_user_level",
      "f_songplay", "s_song", "s_songplay_event", "etl_object", "etl_reject"};
  const auto counts = [&] {
    std::vector<std::int64_t> out;
    for (const auto& t : tables)
      out.push_back(scalar(rs, "SELECT COUNT(*) FROM " + t));
    return out;
  };
  const auto before = counts();
  // The bad input has 4 lines COPY cannot load: MAXERROR 4 is reached, and a COPY
  // fails at MAXERROR errors, not past them.
  try {
    load_by_copy(rs, "bad", /*max_errors=*/4);
    FAIL() << "the load should have failed";
  } catch (const WarehouseError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("s3://bad/sparkify-dwh/manifests/batch-000002.manifest"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("sys_load_error_detail"), std::string::npos) << message;
  }
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(scalar(rs,
                   "SELECT COUNT(*) FROM etl_batch WHERE status = 'failed' AND error LIKE "
                   "'%batch-000002.manifest%'"),
            1);
  // As on Redshift, the load errors stay in sys_load_error_detail after the rollback.
  EXPECT_EQ(
      scalar(rs, "SELECT COUNT(*) FROM sys_load_error_detail WHERE file_name LIKE 's3://bad/%'"),
      4);
}

TEST_F(RedshiftCopy, ABucketOutsideTheCopysRegionFailsTheBatchNamingBothRegions) {
  Target target("rs_copy_region");
  RedshiftWarehouse& rs = target.rs;
  // The test server keeps every bucket in us-east-1.
  try {
    load_by_copy(rs, "sample", 0, "us-west-2");
    FAIL() << "the load should have failed";
  } catch (const WarehouseError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("REGION 'us-west-2'"), std::string::npos) << message;
    EXPECT_NE(message.find("s3://sample is in us-east-1"), std::string::npos) << message;
  }
  // Nothing staged, and the failed batch recorded.
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_songplay_event"), 0);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM s_song"), 0);
  EXPECT_EQ(scalar(rs, "SELECT COUNT(*) FROM etl_batch WHERE status = 'failed'"), 1);
}

TEST_F(RedshiftCopy, AMandatoryObjectThatIsGoneFailsTheCopy) {
  Target target("rs_copy_missing");
  RedshiftWarehouse& rs = target.rs;
  s3::S3Client client(s3_config());
  client.put_object("sample", "sparkify-dwh/manifests/gone.manifest",
                    redshift::make_manifest({"s3://sample/log_data/2018/11/no-such-file.json"}));
  redshift::CopySpec spec;
  spec.manifest_url = "s3://sample/sparkify-dwh/manifests/gone.manifest";
  spec.iam_role = kRole;
  spec.region = "us-east-1";
  spec.jsonpaths_url = "s3://sample/sparkify-dwh/event_jsonpaths.json";
  client.put_object("sample", "sparkify-dwh/event_jsonpaths.json", redshift::event_jsonpaths());
  rs.begin();
  try {
    rs.run_copy(redshift::render_copy(rs.statement("copy/copy_events"), spec));
    FAIL() << "the COPY should have failed";
  } catch (const WarehouseError& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-file.json"), std::string::npos) << e.what();
  }
  rs.rollback();
}

}  // namespace
}  // namespace sparkify

int main(int argc, char** argv) {
  return sparkify::test::run_postgres_tests(argc, argv);
}

// The real sample loaded straight from a real S3-compatible server (SigV4
// checked) through the command line gives exactly the warehouse of the local folder.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "source/s3/s3_client.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/s3_test_server.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

class LoadFromS3 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new S3TestServer("sample");
    s3::S3Options options;
    options.endpoint_url = server_->endpoint();
    const auto config =
        s3::resolve_config(options, s3::environment_from({{"AWS_ACCESS_KEY_ID", kS3TestKeyId},
                                                          {"AWS_SECRET_ACCESS_KEY", kS3TestSecret},
                                                          {"HOME", "/nonexistent"}}));
    s3::S3Client client(config);
    for (const auto& entry : fs::recursive_directory_iterator(sample_dir())) {
      if (!entry.is_regular_file())
        continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream body;
      body << in.rdbuf();
      client.put_object("sample", fs::relative(entry.path(), sample_dir()).generic_string(),
                        body.str(), "application/json");
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  std::vector<std::string> args(const fs::path& db) const {
    return {"load",
            "--db",
            db.string(),
            "--songs",
            "s3://sample/song_data",
            "--events",
            "s3://sample/log_data",
            "--endpoint-url",
            server_->endpoint()};
  }
  std::map<std::string, std::string> credentials(const std::string& secret = kS3TestSecret) const {
    return {{"AWS_ACCESS_KEY_ID", kS3TestKeyId},
            {"AWS_SECRET_ACCESS_KEY", secret},
            {"HOME", "/nonexistent"}};
  }

  static S3TestServer* server_;
};
S3TestServer* LoadFromS3::server_ = nullptr;

TEST_F(LoadFromS3, SameWarehouseAsTheLocalFolder) {
  TempDir dir;
  const auto r = run_sparkify(args(dir / "s3.db"), credentials());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("staged:      71 songs, 8056 events, 0 duplicates, 0 rejected"),
            std::string::npos)
      << r.out;
  const auto local = run_sparkify({"load", "--db", (dir / "local.db").string(), "--songs",
                                   (sample_dir() / "song_data").string(), "--events",
                                   (sample_dir() / "log_data").string()});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  SqliteReader s3db(dir / "s3.db");
  SqliteReader localdb(dir / "local.db");
  for (const char* table :
       {"f_songplay", "d_time", "d_user", "d_user_level", "d_song", "d_artist"}) {
    const std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3";
    EXPECT_EQ(s3db.rows(sql), localdb.rows(sql)) << table;
  }
  EXPECT_EQ(s3db.count("SELECT COUNT(*) FROM f_songplay WHERE song_id IS NOT NULL"), 1);
  // The ledger holds s3:// keys and ETags.
  EXPECT_EQ(s3db.count("SELECT COUNT(*) FROM etl_object WHERE source_key LIKE 's3://sample/%' "
                       "AND length(version) = 32"),
            101);

  // Incremental: the same objects (same ETags) are skipped.
  const auto again = run_sparkify(args(dir / "s3.db"), credentials());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Nothing new: 101 objects listed"), std::string::npos) << again.out;
}

TEST_F(LoadFromS3, AWrongSecretIsAClearAuthenticationError) {
  TempDir dir;
  const auto r = run_sparkify(args(dir / "w.db"), credentials("not-the-secret"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("SignatureDoesNotMatch"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not-the-secret"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("not-the-secret"), std::string::npos) << r.out;
}

TEST_F(LoadFromS3, AMissingBucketIsAClearError) {
  TempDir dir;
  const auto r = run_sparkify(
      {"load", "--db", (dir / "w.db").string(), "--songs", "s3://no-such-bucket/song_data",
       "--events", "s3://sample/log_data", "--endpoint-url", server_->endpoint()},
      credentials());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no-such-bucket"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sparkify::testing

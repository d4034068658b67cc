// Hardening against a real S3-compatible server (SigV4 checked): answers of
// 500/503 and slow answers end with a retry or a clear error, and the next run
// reaches the warehouse of an undisturbed run; a known AWS secret never appears.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "source/s3/s3_client.hpp"
#include "tests/hardening/harness.hpp"
#include "tests/support/s3_test_server.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

class S3Hardening : public ::testing::Test {
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
    clean_ = new TempDir;
    const auto r = run_sparkify(args(*clean_ / "clean.db"), credentials());
    if (r.exit_code != 0)
      ADD_FAILURE() << "the undisturbed S3 load failed: " << r.err;
  }
  static void TearDownTestSuite() {
    delete clean_;
    delete server_;
  }
  void TearDown() override { control("DELETE", "/__sparkify/faults"); }

  static std::vector<std::string> args(const fs::path& db) {
    return {"load",
            "--db",
            db.string(),
            "--songs",
            "s3://sample/song_data",
            "--events",
            "s3://sample/log_data",
            "--endpoint-url",
            server_->endpoint(),
            "--batch-objects",
            "25"};
  }
  static std::map<std::string, std::string> credentials(const std::string& secret = kS3TestSecret) {
    return {{"AWS_ACCESS_KEY_ID", kS3TestKeyId},
            {"AWS_SECRET_ACCESS_KEY", secret},
            {"HOME", "/nonexistent"},
            {"AWS_EC2_METADATA_DISABLED", "true"}};
  }
  static void control(const std::string& method, const std::string& path) {
    const auto a = http_request(server_->port(), method, path, "");
    ASSERT_EQ(a.status, 200) << method << " " << path << ": " << a.body;
  }
  static std::vector<std::string> clean_dump() { return sqlite_data_dump(*clean_ / "clean.db"); }

  static S3TestServer* server_;
  static TempDir* clean_;
};
S3TestServer* S3Hardening::server_ = nullptr;
TempDir* S3Hardening::clean_ = nullptr;

TEST_F(S3Hardening, Transient500And503AreRetried) {
  TempDir dir;
  // Four failures in a row, within the five retries of one request (the first listing).
  control("POST", "/__sparkify/faults?count=2&status=503&code=SlowDown&method=GET");
  control("POST", "/__sparkify/faults?count=1&status=500&code=InternalError&method=GET");
  control("POST", "/__sparkify/faults?count=1&mode=reset&method=GET");
  const auto r = run_sparkify(args(dir / "w.db"), credentials());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto state = http_request(server_->port(), "GET", "/__sparkify/faults", "");
  EXPECT_NE(state.body.find("\"pending\":0"), std::string::npos) << state.body;
  EXPECT_EQ(sqlite_data_dump(dir / "w.db"), clean_dump());
  EXPECT_EQ(SqliteReader(dir / "w.db").count("SELECT COUNT(*) FROM etl_reject"), 0);
}

TEST_F(S3Hardening, PersistentErrorsEndClearlyAndTheNextRunCompletes) {
  TempDir dir;
  // Let the listing through, then fail every object read: each object becomes a reject
  // ("could not read the object") that the next run tries again.
  const auto pause = dir / "pause";
  Background loader(args(dir / "w.db"), [&] {
    auto env = credentials();
    env["SPARKIFY_FAULT"] = "pause-before-batch:3";
    env["SPARKIFY_FAULT_PAUSE_FILE"] = pause.string();
    return env;
  }());
  ASSERT_TRUE(wait_for_file(pause, std::chrono::seconds(120))) << loader.err();
  control("POST", "/__sparkify/faults?count=100000&status=500&code=InternalError&method=GET");
  fs::remove(pause);
  const auto r = loader.wait();
  control("DELETE", "/__sparkify/faults");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("could not be read"), std::string::npos) << r.err;
  EXPECT_GT(SqliteReader(dir / "w.db")
                .count("SELECT COUNT(*) FROM etl_reject WHERE reason LIKE 'could not read%'"),
            0);
  const auto next = run_sparkify(args(dir / "w.db"), credentials());
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(sqlite_data_dump(dir / "w.db"), clean_dump());

  // A listing that keeps failing: a clear error (exit 3), nothing written.
  control("POST", "/__sparkify/faults?count=100000&status=503&code=SlowDown&method=GET");
  const auto failed = run_sparkify(args(dir / "other.db"), credentials());
  control("DELETE", "/__sparkify/faults");
  EXPECT_EQ(failed.exit_code, 3) << failed.err;
  EXPECT_NE(failed.err.find("503"), std::string::npos) << failed.err;
}

TEST_F(S3Hardening, SlowAnswersStillLoad) {
  TempDir dir;
  control("POST", "/__sparkify/latency?ms=150");
  const auto r = run_sparkify(args(dir / "w.db"), credentials());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sqlite_data_dump(dir / "w.db"), clean_dump());
}

TEST_F(S3Hardening, KnownSecretNeverAppears) {
  TempDir dir;
  const std::vector<std::pair<std::string, int>> runs{{kS3TestSecret, 0},
                                                      {std::string(kS3TestSecret) + "-wrong", 3}};
  for (const auto& [secret, code] : runs) {
    auto a = args(dir / "w.db");
    a.push_back("--verbose");
    const auto r = run_sparkify(a, credentials(secret));
    EXPECT_EQ(r.exit_code, code) << r.err;
    for (const auto& text : {r.out, r.err}) {
      EXPECT_EQ(text.find(kS3TestSecret), std::string::npos) << text;
      EXPECT_EQ(text.find("secret-key"), std::string::npos) << text;
    }
  }
}

}  // namespace
}  // namespace sparkify::testing

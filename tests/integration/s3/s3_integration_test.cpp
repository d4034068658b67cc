// The S3 source against a real S3-compatible server on loopback (@20minutes/s3rver, with SigV4
// checking), loaded with the real sample data. The server is started once for the whole run by
// scripts/s3-test-server.sh on a free port, stopped at the end, and stops by itself if this
// process dies.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include "pipeline/loader.hpp"
#include "source/s3/http_client.hpp"
#include "source/s3/s3_source.hpp"
#include "tests/support/folder_load.hpp"
#include "tests/support/s3_test_server.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify::s3 {
namespace {

namespace fs = std::filesystem;

const fs::path kRepo = SPARKIFY_SOURCE_DIR;
const fs::path kSample = kRepo / "data" / "sample";
constexpr const char* kBucket = "sparkify-test";
constexpr const char* kKeyId = sparkify::testing::kS3TestKeyId;
constexpr const char* kSecret = sparkify::testing::kS3TestSecret;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every sample file by S3 key ("song_data/A/A/A/TRAAAAW128F429D538.json").
std::map<std::string, std::string> sample_files() {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(kSample)) {
    if (entry.is_regular_file()) {
      files.emplace(fs::relative(entry.path(), kSample).generic_string(), slurp(entry.path()));
    }
  }
  return files;
}

// The server, started once for the whole run.
class S3Server : public ::testing::Environment {
 public:
  void SetUp() override {
    const auto started = std::chrono::steady_clock::now();
    server_ =
        std::make_unique<sparkify::testing::S3TestServer>(std::string(kBucket) + " other-bucket");
    std::printf("s3rver on port %d, started in %.2f s\n", server_->port(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  void TearDown() override { server_.reset(); }
  std::string endpoint() const { return server_->endpoint(); }

 private:
  std::unique_ptr<sparkify::testing::S3TestServer> server_;
};

S3Server* server = nullptr;

Environment test_environment(const std::string& secret = kSecret) {
  // The environment a user would have; HOME points nowhere so no real ~/.aws is read.
  return environment_from({{"AWS_ACCESS_KEY_ID", kKeyId},
                           {"AWS_SECRET_ACCESS_KEY", secret},
                           {"AWS_ENDPOINT_URL", server->endpoint()},
                           {"HOME", "/nonexistent"}});
}

S3Options fast_retries() {
  S3Options options;
  options.retry_base_delay = std::chrono::milliseconds(5);
  options.retry_max_delay = std::chrono::milliseconds(50);
  return options;
}

// Arms the test server's fault injection: the next `count` requests get an error or a reset.
void inject_faults(int count, const std::string& extra = "") {
  HttpClient http;
  HttpRequest request;
  request.method = "POST";
  request.url = server->endpoint() + "/__sparkify/faults?count=" + std::to_string(count) + extra;
  ASSERT_EQ(http.perform(request).status, 200);
}

// The test server's counters: {"pending": n, "connections": n, ...}; one number by name.
long fault_counter(const std::string& name) {
  HttpClient http;
  HttpRequest request;
  request.url = server->endpoint() + "/__sparkify/faults";
  const std::string body = http.perform(request).body;
  const auto at = body.find("\"" + name + "\":");
  if (at == std::string::npos)
    throw std::runtime_error("no " + name + " in " + body);
  return std::stol(body.substr(at + name.size() + 3));
}

void set_latency(int ms) {
  HttpClient http;
  HttpRequest request;
  request.method = "POST";
  request.url = server->endpoint() + "/__sparkify/latency?ms=" + std::to_string(ms);
  ASSERT_EQ(http.perform(request).status, 200);
}

void clear_faults() {
  HttpClient http;
  HttpRequest request;
  request.method = "DELETE";
  request.url = server->endpoint() + "/__sparkify/faults";
  ASSERT_EQ(http.perform(request).status, 200);
}

// Runs work(i) for every i below count on `threads` threads, each taking the next index (as the
// loader's readers do). Returns how many calls threw.
int in_threads(std::size_t count, std::size_t threads,
               const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<int> failures{0};
  std::vector<std::jthread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) {
        try {
          work(i);
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  pool.clear();  // joins
  return failures.load();
}

class S3IntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = new std::map<std::string, std::string>(sample_files());
    ASSERT_EQ(files_->size(), 101U);
    S3Client client(resolve_config({}, test_environment()));
    const auto started = std::chrono::steady_clock::now();
    for (const auto& [key, body] : *files_) {
      etags_[key] = client.put_object(kBucket, key, body, "application/json");
    }
    // Copies in hidden folders and folder markers are not data; the source must skip them.
    client.put_object(kBucket, "song_data/.ipynb_checkpoints/TRAAAAW128F429D538-checkpoint.json",
                      "{}");
    client.put_object(kBucket, "song_data/A/", "");
    std::printf("uploaded %zu sample files in %.2f s\n", files_->size(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  static void TearDownTestSuite() {
    delete files_;
    files_ = nullptr;
  }

  static std::map<std::string, std::string>* files_;
  static std::map<std::string, std::string> etags_;
};

std::map<std::string, std::string>* S3IntegrationTest::files_ = nullptr;
std::map<std::string, std::string> S3IntegrationTest::etags_;

std::size_t count_with_prefix(const std::map<std::string, std::string>& files,
                              const std::string& prefix) {
  return static_cast<std::size_t>(std::count_if(files.begin(), files.end(), [&](const auto& file) {
    return file.first.starts_with(prefix);
  }));
}

TEST_F(S3IntegrationTest, ListingIsCompleteAcrossManyPagesSortedAndSkipsHiddenKeys) {
  S3Options options = fast_retries();
  options.max_keys = 7;
  S3Source songs(parse_s3_url(std::string("s3://") + kBucket + "/song_data"), options,
                 test_environment());
  const std::vector<ObjectInfo> listed = songs.list();
  ASSERT_EQ(listed.size(), 71U);
  EXPECT_EQ(count_with_prefix(*files_, "song_data/"), 71U);
  // 71 song objects + 2 skipped ones in pages of 7: 11 pages, each one request.
  EXPECT_EQ(songs.stats().requests, 11U);
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end(),
                             [](const auto& a, const auto& b) { return a.key < b.key; }));
  for (const ObjectInfo& object : listed) {
    ASSERT_TRUE(object.key.starts_with("s3://sparkify-test/song_data/")) << object.key;
    const std::string key = object.key.substr(std::string("s3://sparkify-test/").size());
    ASSERT_TRUE(files_->contains(key)) << key;
    EXPECT_EQ(object.size, files_->at(key).size()) << key;
    EXPECT_EQ(object.version, etags_.at(key)) << key;
    EXPECT_EQ(object.key.find("/."), std::string::npos) << key;
  }
  S3Source logs(parse_s3_url(std::string("s3://") + kBucket + "/log_data/"), options,
                test_environment());
  EXPECT_EQ(logs.list().size(), 30U);
  S3Source everything(parse_s3_url(std::string("s3://") + kBucket), options, test_environment());
  EXPECT_EQ(everything.list().size(), 101U);
}

TEST_F(S3IntegrationTest, StartAfterListsOnlyLaterKeys) {
  S3Options options = fast_retries();
  options.max_keys = 7;
  S3Source logs(parse_s3_url(std::string("s3://") + kBucket + "/log_data"), options,
                test_environment());
  const std::vector<ObjectInfo> all = logs.list();
  ASSERT_EQ(all.size(), 30U);
  const std::vector<ObjectInfo> later = logs.list(all[19].key);
  ASSERT_EQ(later.size(), 10U);
  EXPECT_EQ(later.front().key, all[20].key);
  EXPECT_TRUE(logs.list(all.back().key).empty());
  EXPECT_EQ(logs.list("s3://a-bucket-before/x").size(), 30U);
  EXPECT_TRUE(logs.list("s3://zzz-bucket-after/x").empty());
}

TEST_F(S3IntegrationTest, EveryObjectReadsBackByteIdenticalFromManyThreads) {
  S3Source source(parse_s3_url(std::string("s3://") + kBucket), fast_retries(), test_environment());
  const std::vector<ObjectInfo> listed = source.list();
  ASSERT_EQ(listed.size(), 101U);
  std::atomic<int> mismatches{0};
  EXPECT_EQ(in_threads(listed.size(), 8,
                       [&](std::size_t i) {
                         const std::string key =
                             listed[i].key.substr(std::string("s3://sparkify-test/").size());
                         if (source.read(listed[i]) != files_->at(key))
                           ++mismatches;
                       }),
            0);
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(S3IntegrationTest, EtagsAreStableAcrossListingsAndMatchReads) {
  S3Options options = fast_retries();
  options.max_keys = 7;
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/song_data"), options,
                  test_environment());
  const auto first = source.list();
  const auto second = source.list();
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].key, second[i].key);
    EXPECT_EQ(first[i].version, second[i].version);
    EXPECT_EQ(first[i].version.size(), 32U) << "an MD5 ETag without quotes: " << first[i].version;
  }
  const GetResult read = source.client().get_object(kBucket, first[0].key.substr(19));
  EXPECT_EQ(read.etag, first[0].version);
}

TEST_F(S3IntegrationTest, ObjectChangedAfterListingIsReportedNotMisrecorded) {
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/scratch"), fast_retries(),
                  test_environment());
  source.client().put_object(kBucket, "scratch/changing.json", "{\"v\":1}");
  const auto listed = source.list();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(source.read(listed[0]), "{\"v\":1}");
  source.client().put_object(kBucket, "scratch/changing.json", "{\"v\":2}");
  try {
    source.read(listed[0]);
    FAIL() << "expected a changed-object error";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kChanged) << error.what();
  }
  EXPECT_EQ(source.read(source.list()[0]), "{\"v\":2}");
}

// A big object read as a stream: 8 MiB ranged GETs, byte-identical to the object, and a
// change between two ranges is an error, never a mix of two versions.
TEST_F(S3IntegrationTest, BigObjectsAreReadByRangesAndAChangeBetweenRangesFails) {
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/scratch-ranges"), fast_retries(),
                  test_environment());
  std::string body;
  for (int i = 0; body.size() < (20U << 20); ++i)
    body += "{\"line\":" + std::to_string(i) + ",\"pad\":\"" + std::string(90, 'x') + "\"}\n";
  source.client().put_object(kBucket, "scratch-ranges/big.json", body);
  const auto listed = source.list();
  ASSERT_EQ(listed.size(), 1U);
  ASSERT_EQ(listed[0].size, body.size());

  const auto requests_before = source.stats().requests;
  auto stream = source.open_stream(listed[0]);
  ASSERT_NE(stream, nullptr);
  std::string read;
  while (stream->read_some(read, 1U << 20) > 0) {
  }
  EXPECT_TRUE(read == body) << "read " << read.size() << " of " << body.size() << " bytes";
  EXPECT_EQ(source.stats().requests - requests_before, 3U) << "20 MiB in three 8 MiB ranges";

  auto changing = source.open_stream(listed[0]);
  std::string first;
  ASSERT_EQ(changing->read_some(first, 1U << 20), 1U << 20);
  source.client().put_object(kBucket, "scratch-ranges/big.json", body + "{}\n");
  try {
    while (changing->read_some(first, 1U << 20) > 0) {
    }
    FAIL() << "expected a changed-object error";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kChanged) << error.what();
  }
}

// Event logs bigger than a part are streamed from S3 by ranges and parsed in parts: the
// same staged rows, line numbers and facts as the same files loaded from the folder whole.
TEST_F(S3IntegrationTest, ALoadStreamingTheLogsByRangesStagesWhatAFolderLoadStages) {
  const fs::path dir =
      fs::temp_directory_path() / ("sparkify-s3-stream-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto rows = [](SqliteWarehouse& wh) {
    std::vector<std::string> out;
    for (const char* sql :
         {"SELECT event_id, line_number, page, ts, user_id FROM s_songplay_event ORDER BY 1",
          "SELECT songplay_id, song_id, artist_id, level FROM f_songplay ORDER BY 1",
          "SELECT COUNT(*), SUM(records), SUM(rejects) FROM etl_object"}) {
      for (const auto& row : wh.query(sql).rows) {
        std::string line;
        for (const auto& v : row)
          line += to_text(v).value_or("NULL") + "|";
        out.push_back(line);
      }
    }
    return out;
  };
  SqliteWarehouse local(dir / "local.db");
  local.migrate();
  sparkify::testing::load_folder(local, kSample);

  SqliteWarehouse streamed(dir / "s3.db");
  streamed.migrate();
  std::vector<SourceSpec> sources;
  sources.push_back(SourceSpec{
      std::make_unique<S3Source>(parse_s3_url(std::string("s3://") + kBucket + "/song_data"),
                                 fast_retries(), test_environment()),
      ObjectKind::song});
  sources.push_back(SourceSpec{
      std::make_unique<S3Source>(parse_s3_url(std::string("s3://") + kBucket + "/log_data"),
                                 fast_retries(), test_environment()),
      ObjectKind::event});
  LoadOptions options;
  options.event_part_bytes = 700;  // every sample log (8 to 243 kB) is streamed
  const LoadReport report = Loader(streamed, options).run(sources);
  EXPECT_EQ(report.objects_loaded, 101U);
  EXPECT_EQ(report.objects_unreadable, 0U);
  EXPECT_EQ(rows(streamed), rows(local));
  fs::remove_all(dir);
}

TEST_F(S3IntegrationTest, WrongSecretGivesAClearAuthenticationError) {
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/song_data"), fast_retries(),
                  test_environment("not-the-right-secret"));
  try {
    source.list();
    FAIL() << "expected an authentication error";
  } catch (const S3Error& error) {
    const std::string text = error.what();
    EXPECT_EQ(error.kind(), S3Error::Kind::kAuthentication) << text;
    EXPECT_EQ(error.code(), "SignatureDoesNotMatch") << text;
    EXPECT_EQ(error.http_status(), 403);
    EXPECT_NE(text.find("authentication failed"), std::string::npos) << text;
    EXPECT_NE(text.find("secret access key does not match"), std::string::npos) << text;
    EXPECT_NE(text.find(server->endpoint() + "/sparkify-test"), std::string::npos) << text;
    EXPECT_EQ(text.find("not-the-right-secret"), std::string::npos) << text;
    EXPECT_EQ(text.find(kKeyId), std::string::npos) << "whole key id shown: " << text;
  }
  EXPECT_EQ(source.stats().requests, 1U) << "403 must not be retried";
}

TEST_F(S3IntegrationTest, UnknownAccessKeyGivesAClearAuthenticationError) {
  auto environment = environment_from({{"AWS_ACCESS_KEY_ID", "AKIDUNKNOWN0000"},
                                       {"AWS_SECRET_ACCESS_KEY", "whatever"},
                                       {"AWS_ENDPOINT_URL", server->endpoint()},
                                       {"HOME", "/nonexistent"}});
  S3Source source(parse_s3_url(std::string("s3://") + kBucket), fast_retries(), environment);
  try {
    source.list();
    FAIL() << "expected an authentication error";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kAuthentication) << error.what();
    EXPECT_EQ(error.code(), "InvalidAccessKeyId") << error.what();
    EXPECT_NE(std::string(error.what()).find("access key id is not known"), std::string::npos);
  }
}

TEST_F(S3IntegrationTest, UnknownBucketAndKeyGiveClearErrorsWithoutRetries) {
  S3Source source(parse_s3_url("s3://no-such-bucket/song_data"), fast_retries(),
                  test_environment());
  try {
    source.list();
    FAIL() << "expected NoSuchBucket";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kNoSuchBucket) << error.what();
    EXPECT_NE(std::string(error.what()).find("\"no-such-bucket\" does not exist"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(source.stats().requests, 1U);
  S3Source bucket(parse_s3_url(std::string("s3://") + kBucket), fast_retries(), test_environment());
  try {
    bucket.read(ObjectInfo{"s3://sparkify-test/song_data/missing.json", 0, ""});
    FAIL() << "expected NoSuchKey";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kNoSuchKey) << error.what();
  }
  EXPECT_EQ(bucket.stats().requests, 1U);
}

TEST_F(S3IntegrationTest, BucketRegionIsAskedOfTheServer) {
  // The test server keeps every bucket in the default region, us-east-1.
  S3Client client(resolve_config(fast_retries(), test_environment()));
  EXPECT_EQ(client.bucket_region(kBucket), "us-east-1");
  EXPECT_THROW(client.bucket_region("no-such-bucket"), S3Error);
}

TEST_F(S3IntegrationTest, ThrottlingIsRetriedWithBackoffAndSucceeds) {
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/log_data"), fast_retries(),
                  test_environment());
  const auto listed = source.list();
  ASSERT_EQ(listed.size(), 30U);
  inject_faults(3, "&status=503&code=SlowDown&method=GET");
  const std::string key = listed[0].key.substr(std::string("s3://sparkify-test/").size());
  EXPECT_EQ(source.read(listed[0]), files_->at(key));
  EXPECT_EQ(source.stats().retries, 3U);
  inject_faults(2, "&status=500&code=InternalError");
  inject_faults(2, "&status=429&code=TooManyRequests");
  EXPECT_EQ(source.list().size(), 30U);
  EXPECT_EQ(source.stats().retries, 7U);
}

TEST_F(S3IntegrationTest, DroppedConnectionsAreRetried) {
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/log_data"), fast_retries(),
                  test_environment());
  const auto listed = source.list();
  inject_faults(2, "&mode=reset");
  const std::string key = listed[5].key.substr(std::string("s3://sparkify-test/").size());
  EXPECT_EQ(source.read(listed[5]), files_->at(key));
  EXPECT_EQ(fault_counter("pending"), 0);
  // libcurl itself resends once when a reused keep-alive connection turns out dead, so the two
  // resets cost one or two of our retries.
  EXPECT_GE(source.stats().retries, 1U);
  EXPECT_LE(source.stats().retries, 2U);
}

TEST_F(S3IntegrationTest, ThrottlingBeyondTheRetryBudgetFailsClearly) {
  S3Options options = fast_retries();
  options.max_retries = 2;
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/log_data"), options,
                  test_environment());
  inject_faults(10, "&status=503&code=SlowDown");
  try {
    source.list();
    ADD_FAILURE() << "expected a throttling error";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kThrottled) << error.what();
    EXPECT_NE(std::string(error.what()).find("after 3 attempts"), std::string::npos)
        << error.what();
  }
  clear_faults();
  EXPECT_EQ(source.stats().requests, 3U);
}

TEST_F(S3IntegrationTest, AnonymousReadsWork) {
  // s3rver serves unsigned requests anonymously (a public bucket, for this purpose).
  S3Options options = fast_retries();
  options.no_sign_request = true;
  options.endpoint_url = server->endpoint();
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/log_data"), options,
                  environment_from({{"HOME", "/nonexistent"}}));
  const auto listed = source.list();
  ASSERT_EQ(listed.size(), 30U);
  EXPECT_FALSE(source.read(listed[0]).empty());
}

// Not an assertion of speed (the machine is shared), a measurement: many small objects, fetched
// with 1 and with N requests in flight.
TEST_F(S3IntegrationTest, MeasureFetchingManySmallObjects) {
  constexpr std::size_t kObjects = 1000;
  S3Client client(resolve_config(fast_retries(), test_environment()));
  const std::string body = files_->begin()->second;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < kObjects; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "bench/%02zu/TR%06zu.json", i % 37, i);
    keys.emplace_back(name);
  }
  ASSERT_EQ(
      in_threads(keys.size(), 8, [&](std::size_t i) { client.put_object(kBucket, keys[i], body); }),
      0);
  S3Source source(parse_s3_url(std::string("s3://") + kBucket + "/bench"), fast_retries(),
                  test_environment());
  auto started = std::chrono::steady_clock::now();
  const auto listed = source.list();
  const double list_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(listed.size(), kObjects);
  for (std::size_t concurrency : {1U, 4U, 16U, 64U}) {
    std::atomic<std::size_t> count{0};
    const long connections_before = fault_counter("connections");
    started = std::chrono::steady_clock::now();
    EXPECT_EQ(in_threads(listed.size(), concurrency,
                         [&](std::size_t i) { count += source.read(listed[i]).empty() ? 0 : 1; }),
              0);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(count.load(), kObjects);
    // Keep-alive: connections are reused, at most one new one per request in flight.
    const long connections = fault_counter("connections") - connections_before;
    EXPECT_LE(connections, static_cast<long>(concurrency));
    std::printf(
        "fetched %zu objects of %zu bytes, %2zu in flight: %.2f s (%.0f objects/s), %ld new "
        "connections\n",
        kObjects, body.size(), concurrency, seconds, kObjects / seconds, connections);
    RecordProperty("objects_per_second_" + std::to_string(concurrency),
                   std::to_string(static_cast<long>(kObjects / seconds)));
  }
  std::printf("listed %zu objects in %.3f s\n", kObjects, list_seconds);

  // With 20 ms added to every answer (a distant region), round trips dominate one at a time.
  constexpr std::size_t kFar = 200;
  const std::vector<ObjectInfo> some(listed.begin(), listed.begin() + kFar);
  set_latency(20);
  for (std::size_t concurrency : {1U, 16U, 64U}) {
    std::atomic<std::size_t> count{0};
    started = std::chrono::steady_clock::now();
    EXPECT_EQ(in_threads(some.size(), concurrency,
                         [&](std::size_t i) {
                           source.read(some[i]);
                           ++count;
                         }),
              0);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(count.load(), kFar);
    std::printf("20 ms latency: fetched %zu objects, %2zu in flight: %.2f s (%.0f objects/s)\n",
                kFar, concurrency, seconds, kFar / seconds);
  }
  clear_faults();
}

}  // namespace
}  // namespace sparkify::s3

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  sparkify::s3::server = new sparkify::s3::S3Server;
  ::testing::AddGlobalTestEnvironment(sparkify::s3::server);  // gtest owns and deletes it
  return RUN_ALL_TESTS();
}

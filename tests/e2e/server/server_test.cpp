// The streaming ETL server through real HTTP, on SQLite and on PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "support/pg_server.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/play_counts.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sqlite_reader.hpp"
#include "warehouse/engines.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file())
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The sample's event logs (but `except`) as bodies of at most `lines` lines each.
std::vector<std::string> event_chunks(std::size_t lines, const fs::path& except = {}) {
  std::vector<std::string> out;
  for (const auto& file : files_under(sample_dir() / "log_data")) {
    if (file == except)
      continue;
    std::istringstream in(slurp(file));
    std::string line;
    std::string chunk;
    std::size_t n = 0;
    while (std::getline(in, line)) {
      chunk += line + "\n";
      if (++n == lines) {
        out.push_back(std::move(chunk));
        chunk.clear();
        n = 0;
      }
    }
    if (!chunk.empty())
      out.push_back(std::move(chunk));
  }
  return out;
}

// Where a test's warehouse lives: a SQLite file or a fresh PostgreSQL database.
class ServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      target_ = "sqlite:" + (dir_ / "w.db").string();
    } else {
      const std::string name =
          std::string("serve_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::string clean;
      for (char c : name)
        clean += std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
      target_ = sparkify::test::create_test_database(clean.substr(0, 60));
    }
  }

  std::vector<std::string> args(std::vector<std::string> extra = {}) const {
    std::vector<std::string> out{"--target", target_, "--batch-delay", "0.1"};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }

  // The count of a star or staging table, read through the product's engine.
  std::int64_t count(const std::string& sql) const {
    auto wh = open_warehouse(target_);
    return to_int(wh->query(sql).rows.at(0).at(0));
  }

  // Waits until the server says nothing waits for the star schema and f_songplay has `plays`.
  static void wait_for(httplib::Client& client, std::int64_t plays) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    json last;
    while (std::chrono::steady_clock::now() < deadline) {
      auto res = client.Get("/v1/status");
      if (res && res->status == 200) {
        last = json::parse(res->body);
        if (last["tables"]["f_songplay"] == plays && last["staging"]["waiting_rows"] == 0)
          return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "the star schema did not reach " << plays << " plays: " << last.dump();
  }

  TempDir dir_;
  std::string target_;
};

TEST_P(ServerTest, PostsInPiecesAndAPolledFileGiveTheSampleFacts) {
  // The last day arrives as a file in the watched folder; the rest over HTTP.
  fs::create_directories(dir_ / "inbox/events");
  ServerProcess server(
      args({"--events", (dir_ / "inbox/events").string(), "--poll-interval", "0.2"}), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  const auto last_day = sample_dir() / "log_data/2018/11/2018-11-30-events.json";
  const std::string last_day_text = slurp(last_day);
  std::size_t posted = 0;
  for (const auto& chunk : event_chunks(97, last_day)) {
    auto res = client.Post("/v1/events", chunk, "application/x-ndjson");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const auto body = json::parse(res->body);
    EXPECT_EQ(body["rejected"], 0);
    posted += body["accepted"].get<std::size_t>();
  }
  const auto last_day_events = std::count(last_day_text.begin(), last_day_text.end(), '\n') + 1;
  EXPECT_EQ(posted, 8056U - static_cast<std::size_t>(last_day_events));
  for (const auto& file : files_under(sample_dir() / "song_data")) {
    auto res = client.Post("/v1/songs", slurp(file), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }
  fs::copy(last_day, dir_ / "inbox/events/2018-11-30-events.json");
  wait_for(client, 6820);
  // Every acknowledged row (the posted events and songs, not the polled file's) has its
  // delay from acknowledgement to the star schema in the histogram.
  const std::size_t acked_rows = posted + 71;
  const auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(
      metrics->body.find(fmt::format("sparkify_staging_to_star_seconds_count {}\n", acked_rows)),
      std::string::npos)
      << metrics->body;
  const auto status = json::parse(client.Get("/v1/status")->body);
  EXPECT_EQ(status["staging"]["to_star_seconds"]["rows"], acked_rows) << status.dump();
  EXPECT_GT(status["staging"]["to_star_seconds"]["p99"].get<double>(), 0.0) << status.dump();
  EXPECT_LE(status["staging"]["to_star_seconds"]["p50"].get<double>(),
            status["staging"]["to_star_seconds"]["p99"].get<double>());
  EXPECT_LE(status["staging"]["to_star_seconds"]["p99"].get<double>(),
            status["staging"]["to_star_seconds"]["max"].get<double>());
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_NE(server.out().find("stopped"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_songplay_event"), 8056);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_song"), 71);
  EXPECT_EQ(count("SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(count("SELECT COUNT(*) FROM f_songplay WHERE song_id IS NOT NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM d_time"), 6813);
  EXPECT_EQ(count("SELECT COUNT(*) FROM d_user"), 97);
  EXPECT_EQ(count("SELECT COUNT(*) FROM d_song"), 71);
  EXPECT_EQ(count("SELECT COUNT(*) FROM d_artist"), 69);
  EXPECT_EQ(count("SELECT COUNT(*) FROM etl_object"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM etl_reject"), 0);
}

// Posted events wait for a transform batch of their own: when they give users
// another gender, the running play counts by gender still equal a recount.
TEST_P(ServerTest, GendersChangedByPostedEventsKeepThePlayCountsARecount) {
  ServerProcess server(args(), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  const fs::path fixture = source_dir() / "tests/data/missing-gender";
  auto res =
      client.Post("/v1/songs", slurp(fixture / "song_data/TRTEST0001.json"), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  res = client.Post("/v1/events", slurp(fixture / "log_data/2018/11/2018-11-01-events.json"),
                    "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  wait_for(client, 14);
  // 106 (F by her events) now logs M; 103 (unknown) logs F; 101 (F by her name) is John.
  const auto event = [](int user, const std::string& first, const std::string& gender, int item,
                        long long ts) {
    return later_play_event(user, first, gender, "Muse", item, ts) + "\n";
  };
  res = client.Post("/v1/events",
                    event(106, "Sean", R"("M")", 0, 1541200000000) +
                        event(103, "Zzyzxq", R"("F")", 0, 1541200060000) +
                        event(101, "John", "null", 0, 1541200120000),
                    "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  wait_for(client, 17);
  EXPECT_EQ(server.terminate(), 0);
  auto wh = open_warehouse(target_);
  EXPECT_EQ(
      wh->query("SELECT user_id, gender FROM d_user WHERE user_id IN (101, 103, 106) ORDER BY 1")
          .rows,
      (std::vector<std::vector<Value>>{{std::int64_t{101}, std::string("M")},
                                       {std::int64_t{103}, std::string("F")},
                                       {std::int64_t{106}, std::string("M")}}));
  EXPECT_EQ(wh->query(kPlaysByGenderAndArtistName).rows,
            wh->query(kRecountByGenderAndArtistName).rows);
  const auto check = run_sparkify({"check", "--target", target_});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("All 32 checks passed."), std::string::npos) << check.out;
}

// Without --batch-rows a micro-batch is the engine's own: SQLite, whose transforms hold
// the acknowledgements, transforms once 500 rows wait; PostgreSQL waits for 10,000 (or
// the delay, an hour here).
TEST_P(ServerTest, WithoutBatchRowsAMicroBatchIsTheEnginesOwn) {
  ServerProcess server({"--target", target_, "--batch-delay", "3600"}, dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  std::int64_t posted = 0;
  for (const auto& chunk :
       event_chunks(97, sample_dir() / "log_data/2018/11/2018-11-30-events.json")) {
    auto res = client.Post("/v1/events", chunk, "application/x-ndjson");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    posted += json::parse(res->body)["accepted"].get<std::int64_t>();
  }
  const std::int64_t micro_batch = GetParam() == "sqlite" ? 500 : 10'000;
  const auto waiting = [&client] {
    return json::parse(client.Get("/v1/status")->body)["staging"]["waiting_rows"]
        .get<std::int64_t>();
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (waiting() >= micro_batch && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (posted >= micro_batch) {
    EXPECT_LT(waiting(), micro_batch);
    EXPECT_GT(count("SELECT COUNT(*) FROM f_songplay"), 0);
  } else {
    std::this_thread::sleep_for(std::chrono::seconds(1));  // time for a transform, were one due
    EXPECT_EQ(waiting(), posted);
    EXPECT_EQ(count("SELECT COUNT(*) FROM f_songplay"), 0);
  }
  EXPECT_EQ(server.terminate(), 0);
}

TEST_P(ServerTest, RepostedEventsNeverBecomeSecondFacts) {
  ServerProcess server(args(), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  const std::string day = slurp(sample_dir() / "log_data/2018/11/2018-11-01-events.json");
  for (int i = 0; i < 3; ++i) {
    auto res = client.Post("/v1/events", day, "application/x-ndjson");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(json::parse(res->body)["duplicates"], i == 0 ? 0 : 15);
  }
  wait_for(client, 11);
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_songplay_event"), 15);
}

TEST_P(ServerTest, MalformedLinesAreListedAndGoodLinesStaged) {
  ServerProcess server(args(), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  const std::string day = slurp(sample_dir() / "log_data/2018/11/2018-11-01-events.json");
  const std::string first_two = day.substr(0, day.find('\n', day.find('\n') + 1) + 1);
  auto res = client.Post("/v1/events", first_two + "{\"page\": broken\n{\"page\":\"Home\"}\n",
                         "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto body = json::parse(res->body);
  EXPECT_EQ(body["accepted"], 2);
  ASSERT_EQ(body["rejects"].size(), 2U);
  EXPECT_EQ(body["rejects"][0]["line"], 3);
  EXPECT_EQ(body["rejects"][1]["line"], 4);
  EXPECT_EQ(body["rejects"][1]["field"], "itemInSession");  // the first missing, as columns go
  // Nothing usable at all: 422, and the rejects are still recorded.
  res = client.Post("/v1/events", "not json\n", "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_songplay_event"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM etl_reject"), 3);
}

TEST_P(ServerTest, TokensBodyLimitAndHealth) {
  const fs::path token = dir_ / "token";
  std::ofstream(token) << "s3cr3t-t0ken\n";
  ServerProcess server(args({"--token-file", token.string(), "--max-body", "4096"}), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  const std::string line =
      slurp(sample_dir() / "log_data/2018/11/2018-11-01-events.json").substr(0, 100);
  auto res = client.Post("/v1/events", line, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res =
      client.Post("/v1/events", {{"Authorization", "Bearer wrong"}}, line, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->body.find("s3cr3t"), std::string::npos);
  res = client.Post("/v1/events", {{"Authorization", "Bearer s3cr3t-t0ken"}},
                    std::string(5000, ' '), "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  res = client.Get("/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["warehouse"], "reachable");
  res = client.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("sparkify_http_requests_total{path=\"/v1/events\",status=\"401\"} 2"),
            std::string::npos)
      << res->body;
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_EQ(server.out().find("s3cr3t"), std::string::npos);
  EXPECT_EQ(server.err().find("s3cr3t"), std::string::npos);
}

// SIGKILL the server at random moments while clients post, restart it, re-send
// what was not acknowledged: every event ends in staging and the star schema
// exactly once, and nothing else does.
TEST_P(ServerTest, KilledAtRandomMomentsLosesNothingAcknowledged) {
  const auto chunks = event_chunks(40);
  std::vector<bool> acked(chunks.size(), false);
  std::mt19937 random(20261128);
  std::size_t acked_count = 0;
  std::set<std::size_t> acked_once;
  for (int round = 0; round < 6 && acked_count < chunks.size(); ++round) {
    ServerProcess server(args(), dir_.path());
    std::atomic<bool> killed{false};
    std::vector<std::thread> clients;
    std::mutex mutex;
    for (int c = 0; c < 3; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(10, 0);
        for (std::size_t i = static_cast<std::size_t>(c); i < chunks.size() && !killed; i += 3) {
          {
            std::lock_guard lock(mutex);
            if (acked[i])
              continue;
          }
          auto res = client.Post("/v1/events", chunks[i], "application/x-ndjson");
          if (res && res->status == 200) {
            std::lock_guard lock(mutex);
            if (!acked[i])
              ++acked_count;
            acked[i] = true;
          }
        }
      });
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 400)(random)));
    server.kill();
    killed = true;
    for (auto& t : clients)
      t.join();
    // After a crash, everything acknowledged so far is staged.
    std::int64_t acked_events = 0;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (acked[i])
        acked_events += std::count(chunks[i].begin(), chunks[i].end(), '\n');
    }
    EXPECT_GE(count("SELECT COUNT(*) FROM s_songplay_event"), acked_events) << "round " << round;
  }
  // A last run re-sends whatever was never acknowledged and drains.
  ServerProcess server(args(), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    if (acked[i])
      continue;
    auto res = client.Post("/v1/events", chunks[i], "application/x-ndjson");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
  }
  wait_for(client, 6820);
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_songplay_event"), 8056);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT event_id) FROM s_songplay_event"), 8056);
  EXPECT_EQ(count("SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_songplay_event WHERE CAST(processed AS INTEGER) = 0"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, ServerTest, ::testing::Values("sqlite", "postgresql"));

// PostgreSQL transforms on a connection of its own, beside the one that stages.
class TransformBesideStagingTest : public ServerTest {};

// A transform held up by a lock on f_songplay: an ingest request posted meanwhile is
// acknowledged all the same, and both days reach the star schema once the lock goes.
TEST_P(TransformBesideStagingTest, AnAcknowledgementDoesNotWaitForATransform) {
  ServerProcess server(args(), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10, 0);
  auto blocker = open_warehouse(target_);
  blocker->begin();
  blocker->execute("LOCK TABLE f_songplay IN SHARE MODE");

  const fs::path days = sample_dir() / "log_data/2018/11";
  auto first =
      client.Post("/v1/events", slurp(days / "2018-11-01-events.json"), "application/x-ndjson");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  // The micro-batch of the first day waits for the lock.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (count("SELECT COUNT(*) FROM pg_locks "
               "WHERE NOT granted AND relation = CAST('f_songplay' AS regclass)") == 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no transform waited for the lock";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto second =
      client.Post("/v1/events", slurp(days / "2018-11-02-events.json"), "application/x-ndjson");
  ASSERT_TRUE(second) << "no answer while a transform waited: "
                      << httplib::to_string(second.error());
  EXPECT_EQ(second->status, 200) << second->body;

  blocker->rollback();
  wait_for(client, 11 + 155);  // the two days' NextSong events
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM s_songplay_event WHERE NOT processed"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, TransformBesideStagingTest, ::testing::Values("postgresql"));

// `count` events of user 7 browsing, one session each, the first at `first_ms`.
std::string browsing_events(std::int64_t first_ms, int count) {
  std::string body;
  for (int i = 0; i < count; ++i) {
    body +=
        fmt::format(R"({{"ts":{},"sessionId":{},"itemInSession":0,"userId":"7","auth":"Logged In",)"
                    R"("level":"free","page":"Home","method":"GET","status":200}})"
                    "\n",
                    first_ms + i, first_ms + i);
  }
  return body;
}

// Micro-batches of a server leave the planner statistics to the server's own refresh:
// after the first 50,000 rows its transforms wrote, the staging tables are analysed
// (pg_stat_user_tables.last_analyze: an ANALYZE statement's, not autovacuum's).
class StatisticsRefreshTest : public ServerTest {};

TEST_P(StatisticsRefreshTest, AServerAnalysesItsTablesOnceItsMicroBatchesWrote50000Rows) {
  ServerProcess server(args(), dir_.path());
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60, 0);
  const auto analysed = [this] {
    return count(
        "SELECT COUNT(*) FROM pg_stat_user_tables "
        "WHERE relname = 's_songplay_event' AND last_analyze IS NOT NULL");
  };
  const auto post_and_wait = [&](std::int64_t first_ms, int events) {
    auto res = client.Post("/v1/events", browsing_events(first_ms, events), "application/x-ndjson");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    wait_for(client, 0);
  };
  const std::int64_t day_ms = 1541030400000;  // 2018-11-01
  for (int i = 0; i < 4; ++i)
    post_and_wait(day_ms + i * 10'000, 10'000);
  EXPECT_EQ(analysed(), 0) << "analysed after 40,000 rows";
  post_and_wait(day_ms + 40'000, 10'000);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (analysed() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(analysed(), 1) << "not analysed after 50,000 rows";
  EXPECT_EQ(server.terminate(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, StatisticsRefreshTest, ::testing::Values("postgresql"));

}  // namespace
}  // namespace sparkify::testing

int main(int argc, char** argv) {
  return sparkify::test::run_postgres_tests(argc, argv);
}

// Hardening against PostgreSQL (a throwaway server): hostile values, the server
// stopped and restarted mid-load, two loaders and a server at once, and a known
// password that never appears in any output.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <regex>
#include <thread>

#include "support/pg_server.hpp"
#include "tests/hardening/harness.hpp"
#include "tests/hardening/hostile_values.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;
using sparkify::test::create_test_database;

std::vector<std::string> pg_target(const std::string& conninfo) {
  return {"--target", conninfo};
}

void pg_exec(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  PGresult* r = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string error = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok)
    throw std::runtime_error("test SQL failed: " + error);
}

std::int64_t pg_count(const std::string& conninfo, const std::string& sql) {
  return std::stoll(pg_rows(conninfo, sql).at(0));
}

TEST(PostgresHardening, HostileValuesStoredAsGivenOrRejectedWithAReason) {
  TempDir dir;
  const auto corpus = write_hostile_corpus(dir / "raw");
  const auto conninfo = create_test_database("hardening_hostile");
  const std::vector<std::string> args{"load",
                                      "--target",
                                      conninfo,
                                      "--songs",
                                      corpus.songs.string(),
                                      "--events",
                                      corpus.events.string()};
  const auto r = run_sparkify(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto outcome = check_hostile_corpus(
      corpus,
      [&](const std::string& sql, const std::vector<std::string>& params) {
        return pg_rows(conninfo, sql, params);
      },
      "{}");
  for (const auto& f : outcome.failures)
    ADD_FAILURE() << f;
  std::printf("hostile cases: %zu, staged as given %d, rejected %d\n", corpus.cases.size(),
              outcome.staged, outcome.rejected);
  for (const auto& table : warehouse_tables()) {
    EXPECT_EQ(pg_rows(conninfo,
                      "SELECT COUNT(*) FROM information_schema.tables WHERE "
                      "table_schema = current_schema() AND table_name = $1",
                      {table}),
              std::vector<std::string>{"1"})
        << table;
  }
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM s_song"), outcome.staged_songs);
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM s_songplay_event"), outcome.staged_events);
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM etl_reject"), outcome.rejected);
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM d_song"), outcome.staged_songs);
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM f_songplay"), outcome.staged_next_songs);
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM d_time"), outcome.staged_next_songs);
  const auto before = pg_canonical_dump(conninfo);
  const auto again = run_sparkify(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(pg_canonical_dump(conninfo), before);
}

TEST(PostgresHardening, ServerStoppedAndRestartedMidLoadThenNextRunCompletes) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  const auto clean = create_test_database("hardening_restart_clean");
  ASSERT_EQ(run_sparkify(load_args(sample, pg_target(clean), 25)).exit_code, 0);
  const auto conninfo = create_test_database("hardening_restart");
  const auto pause = dir / "pause";
  Background loader(
      load_args(sample, pg_target(conninfo), 25),
      {{"SPARKIFY_FAULT", "pause-after-stage:2"}, {"SPARKIFY_FAULT_PAUSE_FILE", pause.string()}});
  ASSERT_TRUE(wait_for_file(pause)) << loader.err();
  if (!sparkify::test::pg_halt_server()) {
    fs::remove(pause);
    loader.wait();
    GTEST_SKIP() << "the PostgreSQL server was not started by this test run";
  }
  fs::remove(pause);
  const auto r = loader.wait();
  ASSERT_TRUE(sparkify::test::pg_resume_server());
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.err.find("sparkify: error:"), std::string::npos) << r.err;
  EXPECT_EQ(pg_rows(conninfo, "SELECT batch_id, status FROM etl_batch ORDER BY 1"),
            (std::vector<std::string>{"1|committed"}));
  const auto next = run_sparkify(load_args(sample, pg_target(conninfo), 25));
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(pg_data_dump(conninfo), pg_data_dump(clean));
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM etl_object"), 101);
}

TEST(PostgresHardening, TwoLoadersAndAServerAtOnce) {
  TempDir dir;
  const auto sample = copy_sample(dir / "raw");
  const auto clean = create_test_database("hardening_conc_clean");
  ASSERT_EQ(run_sparkify(load_args(sample, pg_target(clean), 10)).exit_code, 0);
  const auto conninfo = create_test_database("hardening_conc");
  ASSERT_EQ(run_sparkify({"init", "--target", conninfo}).exit_code, 0);
  Background a(load_args(sample, pg_target(conninfo), 10));
  Background b(load_args(sample, pg_target(conninfo), 10));
  Background server(
      {"serve", "--target", conninfo, "--listen", "127.0.0.1:0", "--songs", sample.songs.string(),
       "--events", sample.events.string(), "--poll-interval", "0.2", "--batch-delay", "0.2"},
      {{"SPARKIFY_INGEST_TOKEN", "t"}});
  const auto ra = a.wait();
  const auto rb = b.wait();
  // Each either loads or says the warehouse is busy (exit 4): never anything else.
  for (const auto* r : {&ra, &rb}) {
    EXPECT_TRUE(r->exit_code == 0 || r->exit_code == 4) << r->exit_code << r->err;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const auto rs = server.stop(SIGTERM);
  EXPECT_EQ(rs.exit_code, 0) << rs.err;
  // Whatever is left, one more run finishes.
  const auto last = run_sparkify(load_args(sample, pg_target(conninfo), 10));
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM etl_object"), 101);
  EXPECT_EQ(pg_count(conninfo, "SELECT COUNT(*) FROM f_songplay"), 6820);
  EXPECT_EQ(pg_data_dump(conninfo), pg_data_dump(clean));
}

TEST(PostgresHardening, KnownPasswordNeverAppears) {
  TempDir dir;
  const std::string password = "pg-SECRET-7b3e9d1f0a";
  const auto admin = create_test_database("hardening_secret");
  pg_exec(admin, "DROP ROLE IF EXISTS hardening_secret_role");
  pg_exec(admin, "CREATE ROLE hardening_secret_role LOGIN PASSWORD '" + password + "'");
  pg_exec(admin, "GRANT ALL ON SCHEMA public TO hardening_secret_role");
  pg_exec(admin, "ALTER DATABASE hardening_secret OWNER TO hardening_secret_role");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(admin, m, std::regex("port=([0-9]+)"))) << admin;
  const std::string port = m[1];
  const std::string keywords = "host=127.0.0.1 port=" + port +
                               " dbname=hardening_secret user=hardening_secret_role password=";
  const std::string uri_base = "postgresql://hardening_secret_role:";
  const std::string uri_tail = "@127.0.0.1:" + port + "/hardening_secret";
  write_file(dir / "dwh.cfg",
             "[CLUSTER]\nHOST=127.0.0.1\nDB_NAME=hardening_secret\n"
             "DB_USER=hardening_secret_role\nDB_PASSWORD='" +
                 password + "'\nDB_PORT=" + port + "\n");
  write_file(dir / "bad.cfg",
             "[CLUSTER]\nHOST=127.0.0.1\nDB_NAME=hardening_secret\n"
             "DB_USER=hardening_secret_role\nDB_PASSWORD='" +
                 password + "x'\nDB_PORT=" + port + "\n");
  const auto songs = (sample_dir() / "song_data").string();
  const auto events = (sample_dir() / "log_data").string();
  struct Run {
    std::vector<std::string> args;
    bool ok;
  };
  const std::vector<Run> runs{
      {{"load", "--verbose", "--target", keywords + password, "--songs", songs, "--events", events},
       true},
      {{"status", "--verbose", "--target", uri_base + password + uri_tail}, true},
      {{"load", "--verbose", "--config", (dir / "dwh.cfg").string(), "--songs", songs, "--events",
        events},
       true},
      {{"load", "--verbose", "--target", keywords + password + "-wrong"}, false},
      {{"status", "--verbose", "--target", uri_base + password + "-wrong" + uri_tail}, false},
      {{"load", "--verbose", "--config", (dir / "bad.cfg").string()}, false},
      {{"replay", "--verbose", "--target", keywords + password}, true},
      // A malformed connection string that still carries the password.
      {{"status", "--verbose", "--target",
        "host=127.0.0.1 port=" + port + " password='" + password + " dbname"},
       false},
  };
  for (const auto& run : runs) {
    const auto r = run_sparkify(run.args);
    EXPECT_EQ(r.exit_code == 0, run.ok) << r.exit_code << ": " << r.err;
    for (const auto& text : {r.out, r.err}) {
      EXPECT_EQ(text.find(password), std::string::npos)
          << "the password appears in the output of " << run.args.at(0) << ":\n"
          << text;
      EXPECT_EQ(text.find("7b3e9d1f0a"), std::string::npos) << text;
    }
  }
}

}  // namespace
}  // namespace sparkify::testing

int main(int argc, char** argv) {
  return sparkify::test::run_postgres_tests(argc, argv);
}

// The command line on PostgreSQL: the prototype's config file, the same
// warehouse as SQLite row for row (sample and bad input), crashes mid-batch.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>

#include "support/pg_server.hpp"
#include "tests/support/cli_runner.hpp"
#include "warehouse/engines.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

// Every table, canonically ordered, without wall-clock columns and reject ids
// (PostgreSQL sequences are not transactional), each cell as every engine prints it.
std::vector<std::string> canonical(const std::string& target) {
  auto wh = open_warehouse(target);
  std::vector<std::string> out;
  for (const char* table :
       {"s_song", "s_songplay_event", "d_artist", "d_song", "d_time", "d_user", "d_user_level",
        "f_songplay", "etl_object", "etl_reject", "etl_batch"}) {
    const Table t = wh->query(std::string("SELECT * FROM ") + table);
    std::vector<std::string> rows;
    for (const auto& row : t.rows) {
      std::string line = table;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string& name = t.columns[c];
        if (name == "staged_at" || name == "loaded_at" || name == "rejected_at" ||
            name == "started_at" || name == "finished_at" || name == "reject_id") {
          continue;
        }
        line += '|';
        line += to_text(row[c]).value_or("NULL");
      }
      rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

std::string database(const std::string& suffix) {
  std::string name = "cli_" + suffix;
  for (const char c :
       std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    if (name.size() >= 40)
      break;
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return sparkify::test::create_test_database(name);
}

TEST(PostgresCli, SameWarehouseAsSqliteOnTheSampleAndOnBadInput) {
  for (const fs::path& input : {sample_dir(), source_dir() / "tests/data/bad-input"}) {
    TempDir dir;
    const std::string pg = database(input.filename().string() == "sample" ? "s" : "b");
    const std::string lite = "sqlite:" + (dir / "w.db").string();
    for (const auto& target : {pg, lite}) {
      const auto r =
          run_sparkify({"load", "--target", target, "--songs", (input / "song_data").string(),
                        "--events", (input / "log_data").string(), "--batch-objects", "13"});
      ASSERT_EQ(r.exit_code, 0) << target << ": " << r.err;
    }
    const auto a = canonical(pg);
    const auto b = canonical(lite);
    EXPECT_GT(a.size(), 20U);
    EXPECT_EQ(a, b) << input;
  }
}

TEST(PostgresCli, ThePrototypesConfigFileSelectsTheWarehouseAndTheData) {
  TempDir dir;
  const std::string conninfo = database("cfg");
  // Take host, port and user from the test server's keyword string.
  std::map<std::string, std::string> kv;
  std::istringstream words(conninfo);
  for (std::string word; words >> word;) {
    const auto eq = word.find('=');
    kv[word.substr(0, eq)] = word.substr(eq + 1);
  }
  const fs::path cfg = dir / "dwh.cfg";
  std::ofstream(cfg) << "[CLUSTER]\nHOST='" << kv["host"] << "'\nDB_NAME='" << kv["dbname"]
                     << "'\nDB_USER='" << kv["user"] << "'\nDB_PASSWORD=''\nDB_PORT=" << kv["port"]
                     << "\n\n[S3]\nLOG_DATA='" << (sample_dir() / "log_data").string()
                     << "'\nLOG_JSONPATH=''\nSONG_DATA='" << (sample_dir() / "song_data").string()
                     << "'\n\n[IAM_ROLE]\nARN=''\n\n[DWH]\nDWH_NODE_TYPE=dc2.large\n";
  const auto r = run_sparkify({"load", "--config", cfg.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("staged:      71 songs, 8056 events"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("DWH"), std::string::npos) << "unknown section warned about: " << r.err;
  auto wh = open_warehouse(conninfo);
  EXPECT_EQ(to_int(wh->query("SELECT COUNT(*) FROM f_songplay").rows.at(0).at(0)), 6820);
  // Flags beat the file: --db sends the same run to SQLite instead.
  const auto lite =
      run_sparkify({"load", "--config", cfg.string(), "--db", (dir / "w.db").string()});
  ASSERT_EQ(lite.exit_code, 0) << lite.err;
  EXPECT_TRUE(fs::exists(dir / "w.db"));
  // A config missing a key is a usage error naming the key.
  const fs::path broken = dir / "broken.cfg";
  std::ofstream(broken) << "[CLUSTER]\nHOST='x'\nDB_NAME='y'\n";
  const auto bad = run_sparkify({"status", "--config", broken.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("DB_USER"), std::string::npos) << bad.err;
}

TEST(PostgresCli, AKilledLoadIsFinishedByTheNextRun) {
  TempDir dir;
  const std::string clean = database("clean");
  const std::string crashed = database("crash");
  const auto args = [&](const std::string& target) {
    return std::vector<std::string>{"load", "--target", target, "--batch-objects", "25"};
  };
  ASSERT_EQ(run_sparkify(args(clean)).exit_code, 0);
  for (const char* fault : {"after-stage:2", "before-commit:1"}) {
    const auto r = run_sparkify(args(crashed), {{"SPARKIFY_FAULT", fault}});
    ASSERT_EQ(r.signal, SIGKILL) << fault << ": " << r.err;
  }
  ASSERT_EQ(run_sparkify(args(crashed)).exit_code, 0);
  EXPECT_EQ(canonical(crashed), canonical(clean));
}

// A first load large enough to take the bulk path and to refresh the planner's
// statistics: the staged rows are analysed once, inside the batch before its
// transforms, and the star schema once, after the commit; both leave statistics.
TEST(PostgresCli, ABulkLoadAnalysesItsStagedRowsOnce) {
  TempDir dir;
  const std::string pg = database("a");
  const auto generated = run_sparkify(
      {"generate", "--songs", "100", "--events", "80000", "--out", (dir / "data").string(), "-q"});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  const auto r =
      run_sparkify({"load", "-v", "--target", pg, "--songs", (dir / "data/song_data").string(),
                    "--events", (dir / "data/log_data").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_NE((r.out + r.err).find("bulk path:   batch 1"), std::string::npos) << r.out << r.err;
  auto wh = open_warehouse(pg);
  const auto analysed = [&](const std::string& table) {
    return to_int(wh->query("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = $1",
                            {Value{table}})
                      .rows.at(0)
                      .at(0));
  };
  EXPECT_EQ(analysed("s_songplay_event"), 1);
  EXPECT_EQ(analysed("f_songplay"), 1);
  EXPECT_GT(to_int(wh->query("SELECT COUNT(*) FROM pg_stats WHERE tablename = "
                             "'s_songplay_event' AND attname = 'user_id'")
                       .rows.at(0)
                       .at(0)),
            0);
}

}  // namespace
}  // namespace sparkify::testing

int main(int argc, char** argv) {
  return sparkify::test::run_postgres_tests(argc, argv);
}

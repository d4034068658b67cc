// Issue 6: "Same answers on every engine (a test compares them)". The sample and
// the fixture with missing genders are loaded into SQLite and PostgreSQL through
// the command line and into Redshift's SQL run on PostgreSQL (emulation, through
// the library: the command line cannot select it); then every check and every
// named query (default parameters, plus artist-locations for Kings Of Leon) must
// print the same JSON on all three, and the report the same page.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "analytics/checks.hpp"
#include "analytics/named_queries.hpp"
#include "analytics/warehouse_report.hpp"
#include "pipeline/loader.hpp"
#include "report/html_escape.hpp"
#include "report/output_format.hpp"
#include "support/pg_server.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/folder_load.hpp"
#include "tests/support/play_counts.hpp"
#include "warehouse/engines.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

struct Engine {
  std::string name;    // for messages
  std::string target;  // CLI target; empty for the Redshift emulation
  std::unique_ptr<Warehouse> warehouse;
};

// One named query run: its name and parameters.
struct QueryRun {
  std::string name;
  std::map<std::string, std::string> params;
};

std::string database(const std::string& name) {
  return sparkify::test::create_test_database(name);
}

std::unique_ptr<Warehouse> redshift_emulation(const std::string& conninfo) {
  redshift::RedshiftOptions options;
  options.postgres_emulation = true;
  return std::make_unique<RedshiftWarehouse>(conninfo, options);
}

void load_with_library(Warehouse& wh, const fs::path& root) {
  wh.migrate();
  wh.lock_writer();
  load_folder(wh, root);
}

// SQLite and PostgreSQL loaded by `sparkify load`, Redshift emulation by the
// library; each then opened read-only, as the analysts' commands open it.
std::vector<Engine> load_everywhere(const fs::path& root, const TempDir& dir,
                                    const std::string& tag) {
  std::vector<Engine> engines;
  engines.push_back({"sqlite", "sqlite:" + (dir / (tag + ".db")).string(), nullptr});
  engines.push_back({"postgresql", database("same_" + tag + "_pg"), nullptr});
  for (auto& e : engines) {
    const auto r =
        run_sparkify({"load", "--target", e.target, "--songs", (root / "song_data").string(),
                      "--events", (root / "log_data").string()});
    EXPECT_EQ(r.exit_code, 0) << e.name << ": " << r.err;
    WarehouseOptions read_only;
    read_only.read_only = true;
    e.warehouse = open_warehouse(e.target, read_only);
  }
  Engine rs{"redshift (PostgreSQL emulation)", "",
            redshift_emulation(database("same_" + tag + "_rs"))};
  load_with_library(*rs.warehouse, root);
  engines.push_back(std::move(rs));
  return engines;
}

// The folder's new files loaded into every engine, as load_everywhere loaded the first.
void load_again(std::vector<Engine>& engines, const fs::path& root) {
  for (auto& e : engines) {
    SCOPED_TRACE(e.name);
    if (!e.target.empty()) {
      const auto r =
          run_sparkify({"load", "--target", e.target, "--songs", (root / "song_data").string(),
                        "--events", (root / "log_data").string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    } else {
      load_folder(*e.warehouse, root);
    }
  }
}

// The running play counts (schema 6) equal a recount of the facts, and every check passes.
void expect_counts_as_recounted(Warehouse& wh, const std::string& name) {
  EXPECT_EQ(wh.query(kPlaysByArtistName).rows, wh.query(kRecountByArtistName).rows) << name;
  EXPECT_EQ(wh.query(kPlaysByGenderAndArtistName).rows,
            wh.query(kRecountByGenderAndArtistName).rows)
      << name;
  const auto checks = analytics::run_checks(wh, {});
  for (const auto& c : checks)
    EXPECT_TRUE(c.passed) << name << ": " << c.name << ": " << c.detail;
}

std::vector<QueryRun> every_query(Warehouse& wh) {
  std::vector<QueryRun> runs;
  for (const auto& q : analytics::list_named_queries(wh)) {
    bool needs_value = false;
    for (const auto& p : q.header.params)
      needs_value = needs_value || !p.default_value;
    if (!needs_value)
      runs.push_back({q.name, {}});
  }
  runs.push_back({"artist-locations", {{"artist", "Kings Of Leon"}}});
  runs.push_back({"artist-locations", {{"artist", "Coldplay"}}});
  runs.push_back({"top-users", {{"limit", "3"}}});
  return runs;
}

std::string query_json(Warehouse& wh, const QueryRun& run) {
  return report::render(analytics::run_named_query(wh, run.name, run.params),
                        report::OutputFormat::json);
}

std::vector<std::string> cli_query_args(const Engine& e, const QueryRun& run) {
  std::vector<std::string> args{"query", run.name, "--target", e.target, "--format", "json"};
  for (const auto& [k, v] : run.params) {
    args.push_back("--param");
    args.push_back(k + "=" + v);
  }
  return args;
}

std::string describe_run(const QueryRun& run) {
  std::string out = run.name;
  for (const auto& [k, v] : run.params)
    out += " " + k + "=" + v;
  return out;
}

// A report page with what legitimately differs between engines replaced: the
// warehouse's own name and its schema version (each engine counts the versions
// that changed something in it).
std::string without_engine_names(std::string html, Warehouse& wh) {
  const std::string name = report::html_escape(wh.describe());
  for (auto at = html.find(name); at != std::string::npos; at = html.find(name, at))
    html.replace(at, name.size(), "WAREHOUSE");
  return std::regex_replace(html, std::regex(R"(<dt>Schema version</dt><dd>\d+</dd>)"),
                            "<dt>Schema version</dt><dd>N</dd>");
}

// The report page with a fixed time and version.
std::string report_page(Warehouse& wh) {
  analytics::WarehouseReportOptions options;
  options.generated_at = "2000-01-01 00:00:00 UTC";
  options.version = "test";
  return without_engine_names(
      report::render_html_report(analytics::build_warehouse_report(wh, options)), wh);
}

void expect_same_answers(std::vector<Engine>& engines) {
  Warehouse& lite = *engines.front().warehouse;
  // The same queries, described the same way, on every engine.
  const auto list_of = [](Warehouse& wh) {
    std::vector<std::string> out;
    for (const auto& q : analytics::list_named_queries(wh)) {
      std::string params;
      for (const auto& p : q.header.params)
        params += p.name + ":" + std::string(to_string(p.type)) + "=" +
                  p.default_value.value_or("-") + " ";
      out.push_back(q.name + " | " + params + "| " + q.header.description);
    }
    return out;
  };
  const auto runs = every_query(lite);
  ASSERT_GE(runs.size(), 15U);
  const std::string checks = analytics::checks_json(analytics::run_checks(lite, {}));
  ASSERT_NE(checks.find("\"checks\""), std::string::npos);
  for (auto& e : engines) {
    if (&*e.warehouse == &lite)
      continue;
    SCOPED_TRACE(e.name);
    EXPECT_EQ(list_of(*e.warehouse), list_of(lite));
    EXPECT_EQ(analytics::checks_json(analytics::run_checks(*e.warehouse, {})), checks);
    // The thresholds are printed in the checks' details, as each engine formats numbers.
    for (const auto& thresholds :
         {analytics::CheckOptions{0.0, 1.0}, analytics::CheckOptions{0.12345, 0.000149},
          analytics::CheckOptions{0.5, 0.00005}, analytics::CheckOptions{1.0, 0.0000049}}) {
      EXPECT_EQ(analytics::checks_json(analytics::run_checks(*e.warehouse, thresholds)),
                analytics::checks_json(analytics::run_checks(lite, thresholds)))
          << thresholds.max_reject_share << " " << thresholds.min_match_share;
    }
    for (const auto& run : runs)
      EXPECT_EQ(query_json(*e.warehouse, run), query_json(lite, run)) << describe_run(run);
    EXPECT_EQ(report_page(*e.warehouse), report_page(lite));
  }
  // The command line prints the same on SQLite and PostgreSQL (and what the library gives).
  for (auto& e : engines) {
    if (e.target.empty())
      continue;
    SCOPED_TRACE(e.name);
    const auto check = run_sparkify({"check", "--target", e.target, "--format", "json"});
    EXPECT_TRUE(check.exit_code == 0 || check.exit_code == 6) << check.err;
    EXPECT_EQ(check.out, checks);
    for (const auto& run : runs) {
      const auto r = run_sparkify(cli_query_args(e, run));
      EXPECT_EQ(r.exit_code, 0) << describe_run(run) << ": " << r.err;
      EXPECT_EQ(r.out, query_json(lite, run)) << describe_run(run);
    }
  }
}

TEST(SameAnswers, TheSampleOnSqlitePostgresAndRedshiftEmulation) {
  TempDir dir;
  auto engines = load_everywhere(sample_dir(), dir, "sample");
  ASSERT_EQ(engines.size(), 3U);
  // A few of the known answers, so that "the same" is not "the same and empty".
  const Table counts = analytics::run_named_query(*engines[2].warehouse, "match-rate", {});
  EXPECT_EQ(to_int(counts.rows.at(0).at(0)), 6820);
  const Table kol = analytics::run_named_query(*engines[2].warehouse, "artist-locations",
                                               {{"artist", "Kings Of Leon"}});
  std::int64_t plays = 0;
  for (const auto& row : kol.rows)
    plays += to_int(row.at(1));
  EXPECT_EQ(plays, 55);
  expect_same_answers(engines);
}

TEST(SameAnswers, MissingGendersOnSqlitePostgresAndRedshiftEmulation) {
  TempDir dir;
  const fs::path fixture = source_dir() / "tests" / "data" / "missing-gender";
  auto engines = load_everywhere(fixture, dir, "gender");
  const Table split = analytics::run_named_query(*engines[1].warehouse, "gender-split", {});
  std::string text;
  for (const auto& row : split.rows)
    text += *to_text(row[0]) + "|" + *to_text(row[1]) + "|" + *to_text(row[2]) + "\n";
  EXPECT_EQ(text, "F|event|1\nF|names|2\nM|names|1\nunknown|unknown|3\n");
  expect_same_answers(engines);

  // A user's own names table (--names) looks the non-event users up again, the
  // same way everywhere: here Mary becomes M and Zzyzxq is now known.
  const fs::path names = dir / "names";
  fs::create_directories(names);
  std::ofstream(names / "yob2000.txt") << "Zzyzxq,F,700\nMary,M,600\nMary,F,10\nJohn,M,900\n";
  for (auto& e : engines) {
    SCOPED_TRACE(e.name);
    if (!e.target.empty()) {
      const auto r = run_sparkify({"init", "--target", e.target, "--names", names.string()});
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_NE(r.out.find("6 users looked up again"), std::string::npos) << r.out;
    } else {
      Warehouse& wh = *e.warehouse;
      wh.begin();
      const auto result =
          sync_name_gender(wh, name_gender_reference_from(names), NameSyncMode::replace);
      wh.commit();
      EXPECT_EQ(result.users_updated, 6);
    }
  }
  const std::string users = "SELECT user_id, gender, gender_source FROM d_user ORDER BY user_id";
  const Table expected = engines[0].warehouse->query(users);
  EXPECT_GE(expected.rows.size(), 7U);
  for (auto& e : engines)
    EXPECT_EQ(e.warehouse->query(users).rows, expected.rows) << e.name;
  // The play counts by gender followed the users' new genders.
  for (auto& e : engines)
    expect_counts_as_recounted(*e.warehouse, e.name);
  expect_same_answers(engines);
}

// Later events give users other genders: user 106 (an F from her events) now logs
// M, unknown 103 logs F, 101 (F from her first name) is renamed John, and 108 is
// new. Their earlier plays move to the new gender (106's Muse play, first counted
// as F's only Muse play, leaves no (F, Muse) count behind); the counts the two
// artist-name rankings read stay a recount of the facts, the same on every engine.
TEST(SameAnswers, GendersChangedByLaterEventsMoveTheirPlaysOnEveryEngine) {
  TempDir dir;
  const fs::path root = dir / "data";
  copy_tree(source_dir() / "tests" / "data" / "missing-gender", root);
  auto engines = load_everywhere(root, dir, "regender");
  std::ofstream(root / "log_data" / "2018" / "11" / "2018-11-02-events.json")
      << later_play_event(106, "Sean", R"("M")", "Coldplay", 0, 1541200000000) << "\n"
      << later_play_event(106, "Sean", R"("M")", "Muse", 1, 1541200060000) << "\n"
      << later_play_event(103, "Zzyzxq", R"("F")", "Keane", 0, 1541200120000) << "\n"
      << later_play_event(101, "John", "null", "Coldplay", 0, 1541200180000) << "\n"
      << later_play_event(108, "Ann", R"("F")", "Keane", 0, 1541200240000);
  ASSERT_NO_FATAL_FAILURE(load_again(engines, root));
  const Table users = engines[0].warehouse->query(
      "SELECT user_id, gender FROM d_user WHERE user_id IN (101, 103, 106, 108) ORDER BY 1");
  EXPECT_EQ(report::render(users, report::OutputFormat::csv),
            "user_id,gender\r\n101,M\r\n103,F\r\n106,M\r\n108,F\r\n");
  for (auto& e : engines)
    expect_counts_as_recounted(*e.warehouse, e.name);
  expect_same_answers(engines);
}

// A later log plays at a time d_time already holds (another user, the same
// millisecond as user 101's first play) and at a new one: the load succeeds, the
// time stays one row of d_time and both plays at it are facts, on every engine.
TEST(SameAnswers, APlayAtATimeTheWarehouseHoldsKeepsOneTimeRowOnEveryEngine) {
  TempDir dir;
  const fs::path root = dir / "data";
  copy_tree(source_dir() / "tests" / "data" / "missing-gender", root);
  auto engines = load_everywhere(root, dir, "same_time");
  const std::string shared =
      "SELECT COUNT(*) FROM (SELECT start_time FROM f_songplay GROUP BY start_time "
      "HAVING COUNT(*) = 2) AS shared";
  ASSERT_EQ(report::render(engines[0].warehouse->query(shared), report::OutputFormat::csv),
            "COUNT(*)\r\n0\r\n");
  const long long held = 1541105830796;
  std::ofstream(root / "log_data" / "2018" / "11" / "2018-11-02-events.json")
      << later_play_event(108, "Ann", R"("F")", "Keane", 0, held) << "\n"
      << later_play_event(108, "Ann", R"("F")", "Muse", 1, held + 1);
  ASSERT_NO_FATAL_FAILURE(load_again(engines, root));
  // One time with two plays; as many times as the plays have.
  const std::string times =
      "SELECT (SELECT COUNT(*) FROM (SELECT start_time FROM f_songplay GROUP BY start_time "
      "HAVING COUNT(*) = 2) AS shared) AS shared_times, (SELECT COUNT(*) FROM d_time) - "
      "(SELECT COUNT(DISTINCT start_time) FROM f_songplay) AS times_without_plays";
  for (auto& e : engines)
    EXPECT_EQ(report::render(e.warehouse->query(times), report::OutputFormat::csv),
              "shared_times,times_without_plays\r\n1,0\r\n")
        << e.name;
  expect_same_answers(engines);
}

TEST(SameAnswers, TheReportOnPostgresThroughTheCommandLine) {
  TempDir dir;
  const std::string pg = database("same_report_pg");
  const std::string lite = "sqlite:" + (dir / "w.db").string();
  std::map<std::string, std::string> pages;
  for (const auto& target : {pg, lite}) {
    ASSERT_EQ(run_sparkify({"load", "--target", target}).exit_code, 0);
    const fs::path out = dir / (target == pg ? "pg.html" : "lite.html");
    const auto r = run_sparkify({"report", "--target", target, "--out", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("32 of 32 checks passed"), std::string::npos) << r.out;
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    const std::string html = without_engine_names(text.str(), *open_warehouse(target));
    pages[target] =
        std::regex_replace(html, std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC)"), "TIME");
  }
  EXPECT_GT(pages[pg].size(), 10000U);
  EXPECT_NE(pages[pg].find("6,820"), std::string::npos);
  EXPECT_EQ(pages[pg], pages[lite]);
}

}  // namespace
}  // namespace sparkify::testing

int main(int argc, char** argv) {
  return sparkify::test::run_postgres_tests(argc, argv);
}

// Golden tests of the generated Redshift SQL: every embedded Redshift statement,
// the schema in both d_time distributions, the COPY command and the dry-run
// plans are compared byte for byte with tests/data/redshift-golden/. To accept
// a deliberate change, regenerate them and review the diff:
//   SPARKIFY_UPDATE_GOLDEN=1 build/sparkify_unit_tests --gtest_filter='RedshiftGolden.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/golden_file.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/redshift/redshift_copy.hpp"
#include "warehouse/redshift/redshift_plan.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(SPARKIFY_TEST_DATA) / "redshift-golden";

void check_golden(const std::string& name, const std::string& text) {
  testing::check_golden(kGolden / name, text);
}

redshift::CopySpec example_copy() {
  redshift::CopySpec spec;
  spec.manifest_url = redshift::manifest_url("s3://sparkify-raw/sparkify-dwh", 7);
  spec.iam_role = "arn:aws:iam::123456789012:role/dwhRole";
  spec.region = "us-west-2";
  spec.jsonpaths_url = redshift::jsonpaths_url("s3://sparkify-raw/sparkify-dwh");
  spec.max_errors = 10;
  return spec;
}

// Every statement the engine resolves: its own and the portable ones it uses.
std::vector<std::pair<std::string, std::string>> redshift_files() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& name : engine_statement_names("redshift", ""))
    files.emplace_back(name + ".sql", std::string(engine_statement("redshift", name)));
  files.emplace_back("copy/event_jsonpaths.json", redshift::event_jsonpaths());
  return files;
}

TEST(RedshiftGolden, EveryEmbeddedStatement) {
  const auto files = redshift_files();
  for (const auto& [name, text] : files)
    check_golden("sql/" + name, text);
  EXPECT_GT(files.size(), 30u);
  // And no golden file of a statement that is gone (a stale copy would look reviewed).
  for (const auto& entry : fs::recursive_directory_iterator(kGolden / "sql")) {
    if (!entry.is_regular_file())
      continue;
    const std::string name = fs::relative(entry.path(), kGolden / "sql").generic_string();
    EXPECT_TRUE(std::any_of(files.begin(), files.end(),
                            [&](const auto& file) { return file.first == name; }))
        << "golden file without an embedded statement: " << entry.path();
  }
}

TEST(RedshiftGolden, SchemaPlansAndCopy) {
  redshift::RedshiftOptions all;
  redshift::RedshiftOptions key;
  key.d_time = redshift::TimeDistribution::key_start_time;
  check_golden("init_d_time_all.sql", redshift::init_plan(all));
  check_golden("init_d_time_key.sql", redshift::init_plan(key));
  check_golden("load.sql", redshift::load_plan(all, std::nullopt));
  check_golden("load_with_copy.sql", redshift::load_plan(all, example_copy()));
  check_golden("replay.sql", redshift::replay_plan(all));
  check_golden("copy_events.sql",
               redshift::render_copy(*find_embedded_sql("redshift/sql/copy/copy_events.sql"),
                                     example_copy()));
  check_golden("manifest.json", redshift::make_manifest({"s3://sparkify-raw/log_data/2018/11/"
                                                         "2018-11-01-events.json"}));
}

TEST(RedshiftGolden, NoPostgresOnlySyntax) {
  for (const auto& [name, sql] : redshift_files()) {
    // Comments may name what the SQL avoids; the statements themselves may not use it.
    std::string text;
    std::istringstream lines{sql};
    for (std::string line; std::getline(lines, line);)
      text += line.substr(0, line.find("--")) + "\n";
    for (const char* banned : {"ON CONFLICT", "SERIAL", "IS DISTINCT FROM", "CREATE INDEX",
                               "RETURNING", "to_regclass", "pg_advisory", "sha256("}) {
      EXPECT_EQ(text.find(banned), std::string::npos) << name << " uses " << banned;
    }
    // Redshift takes a WITH clause before a SELECT, not inside INSERT, UPDATE or DELETE.
    const bool modifies = text.find("INSERT ") != std::string::npos ||
                          text.find("UPDATE ") != std::string::npos ||
                          text.find("DELETE ") != std::string::npos;
    if (modifies) {
      EXPECT_EQ(text.find("WITH "), std::string::npos) << name << " uses WITH in DML";
    }
  }
}

}  // namespace
}  // namespace sparkify

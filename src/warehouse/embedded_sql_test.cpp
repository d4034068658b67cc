// Which statements are portable and which each engine writes in its own dialect.
// The listing in tests/data/statement-overrides.txt is compared line for line; to
// accept a deliberate change, regenerate it and review the diff:
//   SPARKIFY_UPDATE_GOLDEN=1 build/release/sparkify_unit_tests --gtest_filter='EngineStatements.*'
#include "warehouse/embedded_sql.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/golden_file.hpp"

namespace sparkify {
namespace {

constexpr std::array<std::string_view, 3> kEngines = {"sqlite", "postgres", "redshift"};

std::set<std::string> all_names() {
  std::set<std::string> names;
  for (const auto engine : kEngines) {
    for (auto& name : engine_statement_names(engine, ""))
      names.insert(std::move(name));
  }
  return names;
}

// "check/10_non_empty  portable  overridden by: redshift", one line per statement.
std::string listing() {
  std::string out;
  for (const auto& name : all_names()) {
    const bool portable =
        find_embedded_sql(fmt::format("{}{}.sql", kPortableRoot, name)).has_value();
    std::string own;
    for (const auto engine : kEngines) {
      if (engine_overrides(engine, name))
        own += fmt::format(" {}", engine);
    }
    std::string line = fmt::format("{:<45} {}", name, portable ? "portable" : "engine");
    if (!own.empty())
      line += fmt::format("{}own:{}", portable ? "  " : "    ", own);
    out += line + "\n";
  }
  return out;
}

TEST(EngineStatements, ListingOfOverrides) {
  testing::check_golden(std::filesystem::path(SPARKIFY_TEST_DATA) / "statement-overrides.txt",
                        listing());
}

TEST(EngineStatements, NoOverrideRepeatsThePortableText) {
  const std::regex sqlite_parameter(R"(\?([0-9]))");
  for (const auto& name : all_names()) {
    const auto portable = find_embedded_sql(fmt::format("{}{}.sql", kPortableRoot, name));
    if (!portable)
      continue;
    for (const auto engine : kEngines) {
      if (!engine_overrides(engine, name))
        continue;
      std::string own(engine_statement(engine, name));
      if (engine == "sqlite")
        own = std::regex_replace(own, sqlite_parameter, "$$$1");
      EXPECT_NE(own, *portable) << engine << " repeats the portable " << name;
    }
  }
}

TEST(EngineStatements, EveryEngineHasItsSchemaFiles) {
  // An unknown engine gets the portable migrations only, never a first version.
  for (const auto& file : engine_schema_files("nonexistent-engine"))
    EXPECT_NE(file.version, 1) << file.name;
  for (const auto engine : kEngines) {
    const auto files = engine_schema_files(engine);
    ASSERT_FALSE(files.empty()) << engine;
    EXPECT_EQ(files.front().name, "001_init.sql") << engine;
  }
}

TEST(EngineStatements, APortableSchemaFileAppliesWhereNoEngineFileTakesItsPlace) {
  const std::array<EmbeddedSql, 5> files = {{
      {"sql/schema/013_user_plan.sql", "portable 13"},
      {"sql/schema/002_names.sql", "portable 2"},
      {"postgres/sql/schema/001_init.sql", "postgres 1"},
      {"postgres/sql/schema/002_names.sql", "postgres 2"},
      {"sqlite/sql/schema/010_keys.sql", "sqlite 10"},
  }};
  const auto texts = [&files](std::string_view engine) {
    std::vector<std::string> out;
    for (const auto& file : engine_schema_files(engine, files))
      out.push_back(fmt::format("{} {} {}", file.version, file.name, file.text));
    return out;
  };
  EXPECT_EQ(texts("postgres"),
            (std::vector<std::string>{"1 001_init.sql postgres 1", "2 002_names.sql postgres 2",
                                      "13 013_user_plan.sql portable 13"}));
  EXPECT_EQ(texts("sqlite"),
            (std::vector<std::string>{"2 002_names.sql portable 2", "10 010_keys.sql sqlite 10",
                                      "13 013_user_plan.sql portable 13"}));
}

// One number names one change: no engine has two schema files of the same version.
TEST(EngineStatements, SchemaVersionsAreDistinct) {
  for (const auto engine : kEngines) {
    std::set<int> versions;
    for (const auto& file : engine_schema_files(engine))
      EXPECT_TRUE(versions.insert(file.version).second) << engine << " " << file.name;
  }
}

TEST(EngineStatements, OwnTextWinsOverPortable) {
  // check/60_rejects is portable, and SQLite writes its own.
  ASSERT_TRUE(find_embedded_sql("sql/check/60_rejects.sql").has_value());
  ASSERT_TRUE(engine_overrides("sqlite", "check/60_rejects"));
  EXPECT_EQ(engine_statement("sqlite", "check/60_rejects"),
            *find_embedded_sql("sqlite/sql/check/60_rejects.sql"));
  EXPECT_EQ(engine_statement("postgres", "check/60_rejects"),
            *find_embedded_sql("sql/check/60_rejects.sql"));
  EXPECT_THROW(engine_statement("postgres", "no/such_statement"), std::exception);
}

}  // namespace
}  // namespace sparkify

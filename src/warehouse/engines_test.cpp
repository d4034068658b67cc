#include "warehouse/engines.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace sparkify {
namespace {

TEST(Engines, TheTargetNamesTheEngine) {
  EXPECT_EQ(target_engine("redshift://u@h:5439/dev"), "redshift");
  // Also a keyword string to the PostgreSQL engine's eyes: the more specific engine wins.
  EXPECT_EQ(target_engine("redshift://u@h:5439/dev?sslmode=require"), "redshift");
  EXPECT_EQ(target_engine("postgresql://u@h/db"), "postgresql");
  EXPECT_EQ(target_engine("postgres://u@h/db"), "postgresql");
  EXPECT_EQ(target_engine("host=h dbname=d"), "postgresql");
  EXPECT_EQ(target_engine("sqlite:x.db"), "sqlite");
  EXPECT_EQ(target_engine("warehouse.db"), "sqlite");
}

TEST(Engines, TheChosenEngineWins) {
  WarehouseOptions options;
  options.engine = "redshift";
  EXPECT_EQ(target_engine("postgresql://u@h/db", options), "redshift");
}

TEST(Engines, NamesAndSchemesComeFromTheRegistry) {
  EXPECT_EQ(engine_names(), (std::vector<std::string>{"sqlite", "postgresql", "redshift"}));
  EXPECT_TRUE(is_known_scheme("postgres"));
  EXPECT_TRUE(is_known_scheme("redshift"));
  EXPECT_FALSE(is_known_scheme("mysql"));
  EXPECT_FALSE(is_known_scheme("sqlite"));  // sqlite:FILE, not a URI
}

TEST(Engines, AnEngineRefusesATargetItCannotOpen) {
  WarehouseOptions options;
  options.engine = "postgresql";
  try {
    open_warehouse("sqlite:x.db", options);
    FAIL() << "opened a SQLite path as PostgreSQL";
  } catch (const WarehouseError& e) {
    EXPECT_NE(std::string(e.what()).find("the postgresql engine needs postgresql://"),
              std::string::npos)
        << e.what();
  }
  options.engine = "mysql";
  EXPECT_THROW(open_warehouse("sqlite:x.db", options), WarehouseError);
}

TEST(Engines, ReadingAMissingSqliteFileCreatesNothing) {
  const auto path = std::filesystem::temp_directory_path() / "sparkify-engines-missing.db";
  std::filesystem::remove(path);
  WarehouseOptions options;
  options.read_only = true;
  EXPECT_THROW(open_warehouse("sqlite:" + path.string(), options), WarehouseError);
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace sparkify

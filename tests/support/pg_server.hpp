// A PostgreSQL server for an integration test executable.
//
// PgServerEnvironment (a GoogleTest global environment) reuses the server named
// by SPARKIFY_TEST_PG (a libpq connection string) when it is set; otherwise it
// starts a throwaway PostgreSQL 15 with scripts/pg-test-server.sh, exports its
// connection string as SPARKIFY_TEST_PG (so child processes such as the CLI see
// it too) and stops it in TearDown, whether tests passed or failed. If the test
// process dies before TearDown (crash, timeout kill), the script's --watch
// watchdog stops the server within a second.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace sparkify::test {

inline constexpr const char* kPgEnvVar = "SPARKIFY_TEST_PG";
// The folder of the server this process started (unset when SPARKIFY_TEST_PG was given).
inline constexpr const char* kPgDirEnvVar = "SPARKIFY_TEST_PG_DIR";

class PgServerEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

 private:
  std::string dir_;  // non-empty when this process started the server
};

// The test server's connection string (SPARKIFY_TEST_PG). Fails the test when unset.
std::string pg_conninfo();

// The connection string of another database on the same server.
std::string pg_conninfo_for(std::string_view dbname);

// Drops (if present) and creates database `name` ([a-z0-9_] only) on the test
// server; returns its connection string. Each test gets a clean warehouse this way.
std::string create_test_database(std::string_view name);

// Stops the test server (keeping its data) and starts it again on the same port, for outage
// tests. False when this process did not start the server (or the script failed).
bool pg_halt_server();
bool pg_resume_server();

// Runs all tests with a PgServerEnvironment; the main() of PostgreSQL test executables.
int run_postgres_tests(int argc, char** argv);

}  // namespace sparkify::test

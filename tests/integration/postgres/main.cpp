// Starts (or reuses, via SPARKIFY_TEST_PG) a PostgreSQL server for these tests.
#include "support/pg_server.hpp"

int main(int argc, char** argv) {
  return sparkify::test::run_postgres_tests(argc, argv);
}

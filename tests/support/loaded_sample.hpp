// A test suite over the bundled sample loaded once into a SQLite warehouse by
// `sparkify load` (the default sources), for the tests that only read it. Each
// suite that derives from it loads its own copy and removes it at its end.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_runner.hpp"

namespace sparkify::testing {

class LoadedSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto r = run_sparkify({"load", "--db", db(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return (*dir_ / "w.db").string(); }

 private:
  inline static TempDir* dir_ = nullptr;
};

}  // namespace sparkify::testing

#include "support/pg_server.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "warehouse/libpq/pg_connection.hpp"
#include "warehouse/libpq/pg_redact.hpp"

namespace sparkify::test {
namespace {

const std::string kScript = std::string(SPARKIFY_SOURCE_DIR) + "/scripts/pg-test-server.sh";

struct PipeCloser {
  void operator()(FILE* f) const noexcept { pclose(f); }
};

// Runs a command and returns its stdout; throws when it exits non-zero.
std::string run(const std::string& command) {
  FILE* raw = popen(command.c_str(), "r");
  if (raw == nullptr)
    throw std::runtime_error("cannot run " + command);
  std::unique_ptr<FILE, PipeCloser> pipe(raw);
  std::string out;
  std::array<char, 4096> buffer{};
  while (true) {
    const auto n = fread(buffer.data(), 1, buffer.size(), pipe.get());
    if (n == 0)
      break;
    out.append(buffer.data(), n);
  }
  const int status = pclose(pipe.release());
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(fmt::format("'{}' failed (status {})", command, status));
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
    out.pop_back();
  return out;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 60)
    return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

}  // namespace

void PgServerEnvironment::SetUp() {
  if (const char* given = std::getenv(kPgEnvVar); given != nullptr && *given != '\0') {
    std::fprintf(stderr, "[pg] using %s from %s\n", pg::redact_conninfo(given).c_str(), kPgEnvVar);
    return;
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / "sparkify-pg-test.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    GTEST_FAIL() << "mkdtemp failed";
  dir_ = pattern;
  try {
    const auto conninfo = run(fmt::format("'{}' start '{}' --watch {}", kScript, dir_, getpid()));
    setenv(kPgEnvVar, conninfo.c_str(), 1);
    setenv(kPgDirEnvVar, dir_.c_str(), 1);
    std::fprintf(stderr, "[pg] started %s\n", conninfo.c_str());
  } catch (const std::exception& e) {
    std::filesystem::remove_all(dir_);
    dir_.clear();
    GTEST_FAIL() << "could not start the PostgreSQL test server: " << e.what();
  }
}

void PgServerEnvironment::TearDown() {
  if (dir_.empty())
    return;
  const int rc = std::system(fmt::format("'{}' stop '{}'", kScript, dir_).c_str());
  if (rc != 0)
    ADD_FAILURE() << "stopping the PostgreSQL test server failed";
  unsetenv(kPgEnvVar);
  unsetenv(kPgDirEnvVar);
  dir_.clear();
}

std::string pg_conninfo() {
  const char* value = std::getenv(kPgEnvVar);
  if (value == nullptr || *value == '\0') {
    ADD_FAILURE() << kPgEnvVar << " is not set: no PostgreSQL test server";
    return {};
  }
  return value;
}

std::string pg_conninfo_for(std::string_view dbname) {
  const auto base = pg_conninfo();
  if (pg::is_conninfo_uri(base)) {
    return fmt::format("{}{}dbname={}", base, base.find('?') == std::string::npos ? '?' : '&',
                       dbname);
  }
  // In a keyword string a later keyword overrides an earlier one.
  return fmt::format("{} dbname={}", base, dbname);
}

std::string create_test_database(std::string_view name) {
  if (!valid_name(name))
    throw std::invalid_argument("test database names are [a-z0-9_]+");
  pg::Connection admin(pg_conninfo());
  // Identifiers cannot be parameters; the name is a test's constant, checked above.
  admin.execute_script(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name));
  admin.execute_script(fmt::format("CREATE DATABASE {}", name));
  return pg_conninfo_for(name);
}

bool pg_halt_server() {
  const char* dir = std::getenv(kPgDirEnvVar);
  return dir != nullptr && std::system(fmt::format("'{}' halt '{}'", kScript, dir).c_str()) == 0;
}

bool pg_resume_server() {
  const char* dir = std::getenv(kPgDirEnvVar);
  return dir != nullptr && std::system(fmt::format("'{}' resume '{}'", kScript, dir).c_str()) == 0;
}

int run_postgres_tests(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new PgServerEnvironment);  // gtest takes ownership
  return RUN_ALL_TESTS();
}

}  // namespace sparkify::test

// Helpers of the hardening tests: background processes, waiting for files,
// reading a PostgreSQL warehouse independently of the product's engine code.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"

namespace sparkify::testing {

// `sparkify args...` running in the background, its output captured to files.
class Background {
 public:
  struct Limits {
    std::optional<std::uint64_t> file_size_bytes;  // RLIMIT_FSIZE (SIGXFSZ ignored)
  };
  Background(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
             Limits limits);
  Background(const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env = {})
      : Background(args, env, Limits{}) {}
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends a signal (SIGTERM by default) and waits.
  RunResult stop(int signal = 15);
  // Waits for the process to end by itself.
  RunResult wait();
  std::string out() const;
  std::string err() const;

 private:
  TempDir io_;
  pid_t pid_ = -1;
  std::optional<RunResult> result_;
};

// Waits until the file exists (true) or the timeout passes (false).
bool wait_for_file(const std::filesystem::path& path,
                   std::chrono::milliseconds timeout = std::chrono::seconds(60));

void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

// Every row of a query, cells as text ("NULL" for null) joined by '|' (libpq, not the product).
std::vector<std::string> pg_rows(const std::string& conninfo, const std::string& sql,
                                 const std::vector<std::string>& params = {});
// The PostgreSQL twin of SqliteReader::canonical_dump: every warehouse table in a canonical
// order, without wall-clock columns.
std::vector<std::string> pg_canonical_dump(const std::string& conninfo);

// The warehouse tables every engine must keep.
const std::vector<std::string>& warehouse_tables();

}  // namespace sparkify::testing

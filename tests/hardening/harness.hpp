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

// Every row of a SQLite query (no parameters), as SqliteReader::rows.
std::vector<std::string> sqlite_rows_plain(const std::filesystem::path& db, const std::string& sql);

// Every row of a query, cells as text ("NULL" for null) joined by '|' (libpq, not the product).
std::vector<std::string> pg_rows(const std::string& conninfo, const std::string& sql,
                                 const std::vector<std::string>& params = {});
// The PostgreSQL twin of SqliteReader::canonical_dump: every warehouse table in a canonical
// order, without wall-clock columns.
std::vector<std::string> pg_canonical_dump(const std::string& conninfo);

// The warehouse tables every engine must keep.
const std::vector<std::string>& warehouse_tables();

}  // namespace sparkify::testing

namespace sparkify::testing {

// The data a warehouse holds, without the columns that depend on when or in which batch a row
// arrived (batch ids, wall-clock times, processed flags): what must match between a disturbed
// run and an undisturbed one when the disturbance moved rows to other batches.
std::vector<std::string> sqlite_data_dump(const std::filesystem::path& db);
std::vector<std::string> pg_data_dump(const std::string& conninfo);

// The sample, copied, with the song files and event logs in listing order.
struct SampleCopy {
  std::filesystem::path songs;
  std::filesystem::path events;
  std::vector<std::filesystem::path> song_files;
  std::vector<std::filesystem::path> event_files;
};
SampleCopy copy_sample(const std::filesystem::path& root);

// `load` arguments for a copy of the sample.
std::vector<std::string> load_args(const SampleCopy& s, const std::vector<std::string>& target,
                                   int batch_objects);

// A minimal HTTP/1.1 client over a loopback socket: status line and body.
struct HttpAnswer {
  int status = 0;
  std::string head;
  std::string body;
};
HttpAnswer http_request(int port, const std::string& method, const std::string& path,
                        const std::string& body, const std::string& bearer = "");

// Waits for "listening on http://HOST:PORT" in a server's stdout; returns PORT or 0.
int wait_for_listen_port(Background& server,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace sparkify::testing

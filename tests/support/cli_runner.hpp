// Runs the built sparkify binary as a user would, and reads what it produced.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sparkify::testing {

struct RunResult {
  int exit_code = -1;  // when the process exited
  int signal = 0;      // when a signal ended it
  std::string out;
  std::string err;
};

// Runs `sparkify args...` with extra environment variables; never through a
// shell's word splitting (arguments are quoted).
RunResult run_sparkify(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env = {});

// Where and with what input a run happens: the working folder (else the test's),
// standard input's text (else /dev/null), extra environment variables, and how long
// it may take before it is killed (SIGKILL; 0: no limit), for a command that must
// exit at once and would otherwise hang a failing test (a server that should not start).
struct RunOptions {
  std::filesystem::path cwd;
  std::optional<std::string> stdin_text;
  std::map<std::string, std::string> env;
  std::chrono::seconds timeout{0};
};
RunResult run_sparkify_with(const std::vector<std::string>& args, const RunOptions& options);

// A fresh temporary folder, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The repository's folders.
std::filesystem::path source_dir();
std::filesystem::path sample_dir();

// Copies a folder tree.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace sparkify::testing

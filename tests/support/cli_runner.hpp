// Runs the built sparkify binary as a user would, and reads what it produced.
#pragma once

#include <filesystem>
#include <map>
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

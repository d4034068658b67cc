#include "tests/support/cli_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace sparkify::testing {
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

RunResult run_sparkify(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env) {
  return run_sparkify_with(args, RunOptions{{}, std::nullopt, env});
}

RunResult run_sparkify_with(const std::vector<std::string>& args, const RunOptions& options) {
  TempDir io;
  const fs::path out = io / "stdout";
  const fs::path err = io / "stderr";
  const fs::path input = options.stdin_text ? io / "stdin" : fs::path("/dev/null");
  if (options.stdin_text)
    std::ofstream(input, std::ios::binary) << *options.stdin_text;
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const auto& [k, v] : options.env)
      ::setenv(k.c_str(), v.c_str(), 1);
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0)
      ::_exit(126);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open(input.c_str(), O_RDONLY);
    ::dup2(in, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<std::string> argv_strings{SPARKIFY_BIN};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(SPARKIFY_BIN, argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (options.timeout.count() > 0) {
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  } else {
    ::waitpid(pid, &status, 0);
  }
  RunResult r;
  if (WIFEXITED(status))
    r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("sparkify-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path source_dir() {
  return SPARKIFY_SOURCE_DIR;
}
fs::path sample_dir() {
  return source_dir() / "data" / "sample";
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace sparkify::testing

#include "tests/support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
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

ServerProcess::ServerProcess(const std::vector<std::string>& args, const fs::path& work_dir,
                             const std::map<std::string, std::string>& env) {
  static int counter = 0;
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  out_path_ = work_dir / ("serve-" + tag + ".out");
  err_path_ = work_dir / ("serve-" + tag + ".err");
  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    for (const auto& [k, v] : env)
      ::setenv(k.c_str(), v.c_str(), 1);
    const int o = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<std::string> strings{SPARKIFY_BIN, "serve", "--listen", "127.0.0.1:0"};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : strings)
      argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(SPARKIFY_BIN, argv.data());
    ::_exit(127);
  }
  // Wait for "listening on http://127.0.0.1:PORT".
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  const std::string marker = "listening on http://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = slurp(out_path_);
    const auto at = text.find(marker);
    if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
      port_ = std::stoi(text.substr(at + marker.size()));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("sparkify serve exited at start-up: " + slurp(err_path_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill();
  throw std::runtime_error("sparkify serve did not start listening: " + slurp(err_path_));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0)
    kill();
}

int ServerProcess::wait() {
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
}

int ServerProcess::terminate() {
  if (pid_ <= 0)
    return -1;
  ::kill(pid_, SIGTERM);
  return wait();
}

void ServerProcess::kill() {
  if (pid_ <= 0)
    return;
  ::kill(pid_, SIGKILL);
  wait();
}

std::string ServerProcess::out() const {
  return slurp(out_path_);
}
std::string ServerProcess::err() const {
  return slurp(err_path_);
}

}  // namespace sparkify::testing

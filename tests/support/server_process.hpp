// `sparkify serve` running in the background for a test: started with its
// output in files, its port read from what it prints, stopped with a signal.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sparkify::testing {

class ServerProcess {
 public:
  // Starts `sparkify serve --listen 127.0.0.1:0 args...` and waits until it listens.
  ServerProcess(const std::vector<std::string>& args, const std::filesystem::path& work_dir,
                const std::map<std::string, std::string>& env = {});
  // SIGKILLs the server if it is still running.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // Sends SIGTERM and waits; returns the exit code (-signal when killed by one).
  int terminate();
  // SIGKILL, as a crash would.
  void kill();

  std::string out() const;
  std::string err() const;

 private:
  int wait();
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace sparkify::testing

#include "tests/support/s3_test_server.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace sparkify::testing {
namespace fs = std::filesystem;

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

std::string run_shell(const std::string& command) {
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr)
    throw std::runtime_error("cannot run " + command);
  std::string out;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr)
    out += buffer.data();
  const int status = ::pclose(pipe);
  if (status != 0) {
    throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command);
  }
  return out;
}

namespace {
std::string script() {
  return shell_quote((fs::path(SPARKIFY_SOURCE_DIR) / "scripts" / "s3-test-server.sh").string());
}
}  // namespace

S3TestServer::S3TestServer(const std::string& buckets) {
  std::string pattern = (fs::temp_directory_path() / "sparkify-s3-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  state_ = pattern;
  const std::string out =
      run_shell("S3RVER_BUCKETS=" + shell_quote(buckets) + " S3RVER_ACCESS_KEY_ID=" + kS3TestKeyId +
                " S3RVER_SECRET_ACCESS_KEY=" + kS3TestSecret +
                " S3RVER_PARENT_PID=" + std::to_string(::getpid()) + " " + script() + " start " +
                shell_quote(state_.string()));
  port_ = std::stoi(out);
}

S3TestServer::~S3TestServer() {
  try {
    run_shell(script() + " stop " + shell_quote(state_.string()));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "stopping s3rver: %s\n", error.what());
  }
  std::error_code ignored;
  fs::remove_all(state_, ignored);
}

}  // namespace sparkify::testing

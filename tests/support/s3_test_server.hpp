// A real S3-compatible server (@20minutes/s3rver, which checks SigV4) on a free
// loopback port, started by scripts/s3-test-server.sh for the life of this
// object; it also stops by itself if the test process dies.
#pragma once

#include <filesystem>
#include <string>

namespace sparkify::testing {

// Test-only credentials the server accepts (besides its built-in S3RVER/S3RVER).
inline constexpr const char* kS3TestKeyId = "AKIDSPARKIFYTEST";
inline constexpr const char* kS3TestSecret = "sparkify-test-secret-key";

class S3TestServer {
 public:
  // buckets: space-separated names to create.
  explicit S3TestServer(const std::string& buckets);
  ~S3TestServer();
  S3TestServer(const S3TestServer&) = delete;
  S3TestServer& operator=(const S3TestServer&) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::filesystem::path state_;
  int port_ = 0;
};

// Runs a shell command and returns its standard output; throws when it fails.
std::string run_shell(const std::string& command);
std::string shell_quote(const std::string& text);

}  // namespace sparkify::testing

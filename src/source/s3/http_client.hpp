// A small HTTP/1.1 client on libcurl: one request at a time per call, callable from many threads
// at once. Each call borrows an idle curl easy handle from a pool and gives it back afterwards, so
// connections stay open between requests (keep-alive); DNS results and TLS sessions are shared
// by all handles. Concurrency comes from the callers' threads (the loader's readers).
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "source/s3/sigv4.hpp"

namespace sparkify::s3 {

struct HttpRequest {
  std::string method = "GET";
  std::string url;              // scheme://host[:port]/path?query, already percent-encoded
  std::vector<Header> headers;  // sent as given (Host included when set)
  std::string body;             // for PUT/POST
};

struct HttpResponse {
  long status = 0;
  std::vector<Header> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> header(std::string_view lower_case_name) const;
};

// No HTTP response at all: the connection failed, timed out, or was cut.
class TransportError : public std::runtime_error {
 public:
  TransportError(const std::string& message, int curl_code, bool retryable)
      : std::runtime_error(message), curl_code_(curl_code), retryable_(retryable) {}
  int curl_code() const { return curl_code_; }
  bool retryable() const { return retryable_; }

 private:
  int curl_code_;
  bool retryable_;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{300'000};  // 0: none
  std::chrono::seconds stall_timeout{60};  // abort when less than 1 byte/s flows this long
  std::size_t max_idle_handles = 64;
  std::string user_agent = "sparkify-dwh";
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One attempt, no retries. Throws TransportError when there is no HTTP response.
  HttpResponse perform(const HttpRequest& request);

 private:
  struct EasyDeleter {
    void operator()(void* handle) const;
  };
  using EasyHandle = std::unique_ptr<void, EasyDeleter>;
  struct ShareDeleter {
    void operator()(void* share) const;
  };

  EasyHandle borrow();
  void give_back(EasyHandle handle);

  HttpOptions options_;
  // One mutex per kind of shared data (curl_lock_data), for the share's lock callbacks.
  std::array<std::mutex, 16> share_locks_;
  std::unique_ptr<void, ShareDeleter> share_;
  std::mutex pool_mutex_;
  std::vector<EasyHandle> idle_;
};

}  // namespace sparkify::s3

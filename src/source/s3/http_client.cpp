#include "source/s3/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "core/ascii_text.hpp"

namespace sparkify::s3 {
namespace {

// curl_global_init is not thread-safe and must run once before any other curl call; a
// function-local static does that exactly once, and cleans up at exit.
void ensure_curl_initialised() {
  struct Global {
    Global() {
      if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        throw std::runtime_error("curl_global_init failed");
      }
    }
    ~Global() { curl_global_cleanup(); }
    Global(const Global&) = delete;
    Global& operator=(const Global&) = delete;
  };
  static Global global;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr)
    throw std::bad_alloc();
  (void)list.release();
  list.reset(grown);
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<Header>*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100 Continue): forget the previous headers
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = ascii_lower(line.substr(0, colon));
    headers->emplace_back(std::move(name), std::string(trim(line.substr(colon + 1), " \t\r\n")));
  }
  return size * count;
}

void lock_share(CURL*, curl_lock_data data, curl_lock_access, void* user) {
  auto* locks = static_cast<std::array<std::mutex, 16>*>(user);
  (*locks)[static_cast<std::size_t>(data) % locks->size()].lock();
}

void unlock_share(CURL*, curl_lock_data data, void* user) {
  auto* locks = static_cast<std::array<std::mutex, 16>*>(user);
  (*locks)[static_cast<std::size_t>(data) % locks->size()].unlock();
}

bool is_retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

template <typename T>
void set(CURL* curl, CURLoption option, T value) {
  if (curl_easy_setopt(curl, option, value) != CURLE_OK) {
    throw std::runtime_error("curl_easy_setopt failed for option " + std::to_string(option));
  }
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name)
      return value;
  }
  return std::nullopt;
}

void HttpClient::EasyDeleter::operator()(void* handle) const {
  curl_easy_cleanup(static_cast<CURL*>(handle));
}

void HttpClient::ShareDeleter::operator()(void* share) const {
  curl_share_cleanup(static_cast<CURLSH*>(share));
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
  ensure_curl_initialised();
  CURLSH* share = curl_share_init();
  if (share == nullptr)
    throw std::runtime_error("curl_share_init failed");
  share_.reset(share);
  curl_share_setopt(share, CURLSHOPT_LOCKFUNC, lock_share);
  curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, unlock_share);
  curl_share_setopt(share, CURLSHOPT_USERDATA, &share_locks_);
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

HttpClient::~HttpClient() {
  // Easy handles go before the share they use.
  idle_.clear();
}

HttpClient::EasyHandle HttpClient::borrow() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      EasyHandle handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  CURL* curl = curl_easy_init();
  if (curl == nullptr)
    throw std::runtime_error("curl_easy_init failed");
  return EasyHandle(curl);
}

void HttpClient::give_back(EasyHandle handle) {
  std::lock_guard lock(pool_mutex_);
  if (idle_.size() < options_.max_idle_handles)
    idle_.push_back(std::move(handle));
}

HttpResponse HttpClient::perform(const HttpRequest& request) {
  EasyHandle handle = borrow();
  CURL* curl = static_cast<CURL*>(handle.get());
  // Reset forgets the previous request's options but keeps the live connection.
  curl_easy_reset(curl);

  HttpResponse response;
  std::array<char, CURL_ERROR_SIZE> error{};
  set(curl, CURLOPT_URL, request.url.c_str());
  set(curl, CURLOPT_SHARE, static_cast<CURLSH*>(share_.get()));
  set(curl, CURLOPT_NOSIGNAL, 1L);
  set(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  set(curl, CURLOPT_FOLLOWLOCATION, 0L);
  set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  set(curl, CURLOPT_ERRORBUFFER, error.data());
  set(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  set(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  if (options_.request_timeout.count() > 0) {
    set(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  }
  set(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  set(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.stall_timeout.count()));
  set(curl, CURLOPT_WRITEFUNCTION, write_body);
  set(curl, CURLOPT_WRITEDATA, &response.body);
  set(curl, CURLOPT_HEADERFUNCTION, write_header);
  set(curl, CURLOPT_HEADERDATA, &response.headers);

  Slist headers;
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    append(headers, name + ": " + value);
    if (iequals(name, "content-type")) {
      has_content_type = true;
    }
  }
  append(headers, "Expect:");  // no "100-continue" round trip for small bodies
  if (request.method == "HEAD") {
    set(curl, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" || !request.body.empty()) {
    set(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty() || request.method == "PUT" || request.method == "POST") {
      set(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      set(curl, CURLOPT_POSTFIELDS, request.body.data());
      if (!has_content_type)
        append(headers, "Content-Type:");  // curl would add a form type
    }
  }
  set(curl, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    std::string message = error[0] != '\0' ? std::string(error.data()) : curl_easy_strerror(code);
    // Do not keep a handle whose connection just failed; a fresh one will reconnect.
    throw TransportError(message + " (curl error " + std::to_string(code) + ")",
                         static_cast<int>(code), is_retryable(code));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  // Options point into this frame (header list, error buffer); clear them before reuse.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  give_back(std::move(handle));
  return response;
}

}  // namespace sparkify::s3

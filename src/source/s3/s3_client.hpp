// An S3 client: ListObjectsV2, GetObject, PutObject, signed with SigV4 (or anonymous), with
// retries (exponential backoff, full jitter) on throttling, 5xx and network failures, and clear
// errors for the rest.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "source/s3/config.hpp"
#include "source/s3/http_client.hpp"
#include "source/source.hpp"

namespace sparkify::s3 {

// Why an S3 request failed, after any retries. The message says what to do, never a secret.
class S3Error : public SourceError {
 public:
  enum class Kind {
    kNoSuchBucket,
    kNoSuchKey,
    kAccessDenied,    // the credentials are valid but not allowed (or anonymous access refused)
    kAuthentication,  // SignatureDoesNotMatch, InvalidAccessKeyId, expired token...
    kWrongRegion,
    kThrottled,  // 503 SlowDown / 429 after every retry
    kServer,     // 5xx after every retry
    kNetwork,    // no response after every retry
    kChanged,    // the object changed between listing and reading
    kOther,
  };
  S3Error(Kind kind, long http_status, std::string code, const std::string& message)
      : SourceError(message), kind_(kind), http_status_(http_status), code_(std::move(code)) {}
  Kind kind() const { return kind_; }
  long http_status() const { return http_status_; }
  const std::string& code() const { return code_; }  // S3's error code, e.g. "NoSuchBucket"

 private:
  Kind kind_;
  long http_status_;
  std::string code_;
};

struct S3Object {
  std::string key;  // the S3 key, without bucket
  std::uint64_t size = 0;
  std::string etag;  // without the surrounding quotes
  std::string last_modified;
};

struct ListRequest {
  std::string prefix{};
  std::string start_after{};
  std::string continuation_token{};
  int max_keys = 1000;
};

struct ListPage {
  std::vector<S3Object> objects;
  bool truncated = false;
  std::string next_continuation_token;
};

struct GetResult {
  std::string body;
  std::string etag;  // without quotes
};

// Counters for progress reports and tests.
struct S3Stats {
  std::uint64_t requests = 0;  // attempts, retries included
  std::uint64_t retries = 0;
  std::uint64_t bytes_received = 0;
  std::uint64_t objects_listed = 0;
  std::uint64_t objects_fetched = 0;
};

// Full-jitter backoff: a uniform draw in [0, min(cap, base * 2^attempt)].
std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double uniform01);

// Parses a ListObjectsV2 answer (decoding url-encoded keys when the answer says so).
ListPage parse_list_objects_v2(std::string_view xml);

// The region a GetBucketLocation answer names: an empty LocationConstraint is
// us-east-1 and the legacy "EU" is eu-west-1 (Amazon S3 API reference).
std::string parse_bucket_location(std::string_view xml);

class S3Client {
 public:
  explicit S3Client(S3Config config);

  // One page of a listing.
  ListPage list_objects_v2(std::string_view bucket, const ListRequest& request);
  GetResult get_object(std::string_view bucket, std::string_view key);
  // Bytes first..last (inclusive) of an object, only while its ETag is if_match (when given;
  // a changed object fails with kChanged).
  GetResult get_object_range(std::string_view bucket, std::string_view key, std::uint64_t first,
                             std::uint64_t last, std::string_view if_match = {});
  // Returns the new object's ETag (without quotes).
  std::string put_object(std::string_view bucket, std::string_view key, std::string_view body,
                         std::string_view content_type = "application/octet-stream");

  // The region the bucket is in (GetBucketLocation).
  std::string bucket_region(std::string_view bucket);

  const S3Config& config() const { return config_; }
  S3Stats stats() const;
  // Where an object lives, for messages ("http://127.0.0.1:9000/bucket/key").
  std::string url_for(std::string_view bucket, std::string_view key) const;

 private:
  struct Call {
    std::string method{};
    std::string_view bucket{};
    std::string_view key{};  // empty for bucket operations
    std::vector<QueryParam> query{};
    std::string_view body{};
    std::vector<Header> headers{};
  };
  HttpResponse execute(const Call& call);
  HttpRequest build(const Call& call) const;
  [[noreturn]] void fail(const Call& call, const HttpResponse& response) const;
  void pause_before_retry(int attempt);

  S3Config config_;
  HttpClient http_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> bytes_received_{0};
  std::atomic<std::uint64_t> objects_listed_{0};
  std::atomic<std::uint64_t> objects_fetched_{0};
};

}  // namespace sparkify::s3

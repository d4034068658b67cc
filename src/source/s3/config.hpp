// Where an S3 source gets its credentials and settings: explicit options first, then the
// environment and the shared files, the way the AWS CLI looks for them.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "source/s3/sigv4.hpp"

namespace sparkify::s3 {

// Looks up one environment variable (std::nullopt when unset). Passed in as a value, so tests
// need no global state.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

// The real process environment (getenv).
Environment process_environment();
// A fixed set of variables, for tests and embedding.
Environment environment_from(std::map<std::string, std::string, std::less<>> variables);

enum class Addressing {
  kAuto,         // path style with an endpoint URL, virtual-hosted style on AWS
  kPath,         // http://endpoint/bucket/key
  kVirtualHost,  // http://bucket.endpoint/key
};

// What a user can set explicitly (command-line options); unset fields fall back to the
// environment and the shared config files.
struct S3Options {
  std::optional<std::string> region{};        // --region
  std::optional<std::string> endpoint_url{};  // --endpoint-url
  std::optional<std::string> profile{};       // --profile (beats AWS_PROFILE and AWS_ACCESS_KEY_ID)
  bool no_sign_request = false;               // --no-sign-request: anonymous, for public buckets
  Addressing addressing = Addressing::kAuto;
  std::size_t max_concurrency = 32;  // objects read at once (the loader's readers)
  int max_retries = 5;               // further attempts after the first one
  int max_keys = 1000;               // page size of listings (S3 caps it at 1000)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{300'000};  // a whole request; 0 means none
  std::chrono::milliseconds retry_base_delay{100};     // backoff: base * 2^attempt, full jitter
  std::chrono::milliseconds retry_max_delay{20'000};
};

// Everything resolved, ready for a client.
struct S3Config {
  std::optional<Credentials> credentials;  // std::nullopt: requests are not signed
  std::string credentials_source;          // for messages: "environment", "profile dev in ..."
  std::string region;
  std::string scheme;  // "https" or "http"
  std::string host;    // "s3.us-east-1.amazonaws.com" or the endpoint's host
  int port = 0;        // 0: the scheme's default
  bool custom_endpoint = false;
  Addressing addressing = Addressing::kAuto;
  S3Options options;  // the tuning knobs (concurrency, retries, timeouts, page size)

  std::string endpoint() const;  // "http://127.0.0.1:9000", without a path
  // Path style for this bucket? (Auto: with a custom endpoint, or when the bucket name is not a
  // valid DNS label, which virtual hosting cannot address.)
  bool path_style(std::string_view bucket) const;
};

// Resolves options + environment + ~/.aws files. Throws SourceError when no credentials can be
// found (and the request is not anonymous), a named profile does not exist, or a value is
// malformed.
S3Config resolve_config(const S3Options& options, const Environment& environment);

// "****************WXYZ": enough to tell keys apart in messages, never the whole key.
std::string mask_key_id(std::string_view access_key_id);

// An INI file as the AWS CLI reads it (config::parse_ini with config::kAwsIniRules): sections,
// "key = value", '#'/';' comments, and nested "s3 =" blocks of indented lines (stored as
// "s3.key"). Key names are lower-cased; a section or key written again: the last value wins.
// Malformed lines are skipped.
using IniFile = std::map<std::string, std::map<std::string, std::string>, std::less<>>;
IniFile parse_aws_ini(std::string_view text);

}  // namespace sparkify::s3

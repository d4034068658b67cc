// AWS Signature Version 4, written against the specification
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html and, for S3,
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
//
// Two flavours: kGeneric is what most AWS services (and the official test suite) use: the URI
// path is normalised (dot segments removed, repeated slashes collapsed). kS3 signs the path
// exactly as given, because an S3 key may legitimately contain "//" or "/./".
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/sha256.hpp"  // sha256_hex, to_hex

namespace sparkify::s3 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless the credentials are temporary (STS)
};

// Name and value, as sent; several headers may share a name.
using Header = std::pair<std::string, std::string>;
// Name and value, not percent-encoded.
using QueryParam = std::pair<std::string, std::string>;

enum class SigningFlavour { kS3, kGeneric };

inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// SHA-256 of the empty string, the payload hash of a request without a body.
inline constexpr std::string_view kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct RequestToSign {
  std::string method;
  std::string path;               // decoded (not percent-encoded), starting with '/'
  std::vector<QueryParam> query;  // decoded
  std::vector<Header> headers;    // every header to sign; must include host and x-amz-date
  std::string payload_hash;       // hex SHA-256 of the body, or kUnsignedPayload
};

struct SigningScope {
  std::string date_time;  // ISO 8601 basic, UTC: "20150830T123600Z"
  std::string region;
  std::string service;
};

struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;x-amz-date"
  std::string signature;       // hex
  std::string authorization;   // the Authorization header's value
};

// Signs a request: every step of the specification, exposed so tests can check each one.
Signature sign(const RequestToSign& request, const Credentials& credentials,
               const SigningScope& scope, SigningFlavour flavour);

// The pieces, for tests and for callers that need them.
std::string uri_encode(std::string_view text, bool encode_slash);
std::string canonical_uri(std::string_view decoded_path, SigningFlavour flavour);
std::string canonical_query(const std::vector<QueryParam>& query);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);                 // raw 32 bytes
std::string amz_date(std::chrono::system_clock::time_point when);  // "20150830T123600Z"

// The headers that sign an S3 request: x-amz-date, x-amz-content-sha256, x-amz-security-token
// (with a session token) and Authorization. `host` is the Host header as sent ("h:port" when the
// port is not the scheme's default). Only these headers and host are signed.
std::vector<Header> s3_auth_headers(std::string_view method, std::string_view host,
                                    std::string_view decoded_path,
                                    const std::vector<QueryParam>& query,
                                    std::string_view payload_hash, const Credentials& credentials,
                                    std::string_view region,
                                    std::chrono::system_clock::time_point when);

}  // namespace sparkify::s3

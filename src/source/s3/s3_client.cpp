#include "source/s3/s3_client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <pugixml.hpp>
#include <thread>

namespace sparkify::s3 {
namespace {

std::string strip_quotes(std::string_view etag) {
  // S3 quotes ETags ("abc"); some servers escape the quotes in XML, pugixml unescapes them.
  while (!etag.empty() && etag.front() == '"')
    etag.remove_prefix(1);
  while (!etag.empty() && etag.back() == '"')
    etag.remove_suffix(1);
  return std::string(etag);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// encoding-type=url answers: '+' is a space, %XX a byte.
std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

struct ErrorBody {
  std::string code;
  std::string message;
  std::string region;
};

ErrorBody parse_error(const HttpResponse& response) {
  ErrorBody out;
  pugi::xml_document doc;
  if (!response.body.empty() && doc.load_buffer(response.body.data(), response.body.size())) {
    const pugi::xml_node error = doc.child("Error");
    out.code = error.child_value("Code");
    out.message = error.child_value("Message");
    out.region = error.child_value("Region");
  }
  if (auto region = response.header("x-amz-bucket-region"))
    out.region = *region;
  if (out.code.empty()) {  // HEAD answers and proxies have no XML body
    switch (response.status) {
      case 301:
        out.code = "PermanentRedirect";
        break;
      case 403:
        out.code = "AccessDenied";
        break;
      case 404:
        out.code = "NotFound";
        break;
      case 429:
        out.code = "TooManyRequests";
        break;
      case 503:
        out.code = "ServiceUnavailable";
        break;
      default:
        out.code = "HTTP" + std::to_string(response.status);
    }
  }
  return out;
}

bool is_retryable(long status, const std::string& code) {
  if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
    return true;
  }
  return code == "RequestTimeout" || code == "SlowDown" || code == "InternalError" ||
         code == "ServiceUnavailable" || code == "Throttling" || code == "ThrottlingException";
}

std::string default_port_suffix(const S3Config& config) {
  if (config.port == 0)
    return {};
  std::string out = ":";
  out.append(std::to_string(config.port));
  return out;
}

}  // namespace

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double uniform01) {
  const double exponential =
      static_cast<double>(base.count()) * std::ldexp(1.0, std::clamp(attempt, 0, 30));
  const double ceiling = std::min(static_cast<double>(cap.count()), exponential);
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(std::clamp(uniform01, 0.0, 1.0) * ceiling));
}

ListPage parse_list_objects_v2(std::string_view xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  const pugi::xml_node root = doc.child("ListBucketResult");
  if (!parsed || !root) {
    throw S3Error(S3Error::Kind::kOther, 200, "",
                  std::string("the server's ListObjectsV2 answer is not a ListBucketResult (") +
                      (parsed ? "unexpected root element" : parsed.description()) + ")");
  }
  const bool url_encoded = std::string_view(root.child_value("EncodingType")) == "url";
  ListPage page;
  page.truncated = std::string_view(root.child_value("IsTruncated")) == "true";
  page.next_continuation_token = root.child_value("NextContinuationToken");
  for (const pugi::xml_node contents : root.children("Contents")) {
    S3Object object;
    const std::string_view key = contents.child_value("Key");
    object.key = url_encoded ? url_decode(key) : std::string(key);
    object.size = contents.child("Size").text().as_ullong();
    object.etag = strip_quotes(contents.child_value("ETag"));
    object.last_modified = contents.child_value("LastModified");
    page.objects.push_back(std::move(object));
  }
  return page;
}

std::string parse_bucket_location(std::string_view xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  const pugi::xml_node root = doc.child("LocationConstraint");
  if (!parsed || !root) {
    throw S3Error(S3Error::Kind::kOther, 200, "",
                  "the server's GetBucketLocation answer is not a LocationConstraint");
  }
  const std::string_view region = root.text().as_string();
  if (region.empty())
    return "us-east-1";
  if (region == "EU")
    return "eu-west-1";
  return std::string(region);
}

S3Client::S3Client(S3Config config)
    : config_(std::move(config)),
      http_(HttpOptions{.connect_timeout = config_.options.connect_timeout,
                        .request_timeout = config_.options.request_timeout}),
      random_(std::random_device{}()) {}

S3Stats S3Client::stats() const {
  return S3Stats{requests_.load(), retries_.load(), bytes_received_.load(), objects_listed_.load(),
                 objects_fetched_.load()};
}

std::string S3Client::url_for(std::string_view bucket, std::string_view key) const {
  const std::string port = default_port_suffix(config_);
  std::string path;
  std::string host;
  if (config_.path_style(bucket)) {
    host = config_.host + port;
    path = "/" + std::string(bucket);
    if (!key.empty())
      path += "/" + std::string(key);
  } else {
    host = std::string(bucket) + "." + config_.host + port;
    path = "/" + std::string(key);
  }
  return config_.scheme + "://" + host + uri_encode(path, false);
}

HttpRequest S3Client::build(const Call& call) const {
  const std::string port = default_port_suffix(config_);
  std::string host;
  std::string path;
  if (config_.path_style(call.bucket)) {
    host = config_.host + port;
    path = "/" + std::string(call.bucket);
    if (!call.key.empty())
      path += "/" + std::string(call.key);
  } else {
    host = std::string(call.bucket) + "." + config_.host + port;
    path = "/" + std::string(call.key);
  }
  HttpRequest request;
  request.method = call.method;
  request.url = config_.scheme + "://" + host + uri_encode(path, false);
  if (!call.query.empty())
    request.url += "?" + canonical_query(call.query);
  request.body = std::string(call.body);
  request.headers = call.headers;
  request.headers.emplace_back("Host", host);
  if (config_.credentials) {
    const std::string payload_hash =
        call.body.empty() ? std::string(kEmptyPayloadSha256) : sha256_hex(call.body);
    auto auth =
        s3_auth_headers(call.method, host, path, call.query, payload_hash, *config_.credentials,
                        config_.region, std::chrono::system_clock::now());
    request.headers.insert(request.headers.end(), auth.begin(), auth.end());
  }
  return request;
}

void S3Client::pause_before_retry(int attempt) {
  double draw = 0;
  {
    std::lock_guard lock(random_mutex_);
    draw = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  }
  ++retries_;
  std::this_thread::sleep_for(backoff_delay(attempt, config_.options.retry_base_delay,
                                            config_.options.retry_max_delay, draw));
}

HttpResponse S3Client::execute(const Call& call) {
  const int attempts = config_.options.max_retries + 1;
  for (int attempt = 0;; ++attempt) {
    ++requests_;
    HttpResponse response;
    try {
      response = http_.perform(build(call));  // signed afresh: the date moves on
    } catch (const TransportError& error) {
      if (error.retryable() && attempt + 1 < attempts) {
        pause_before_retry(attempt);
        continue;
      }
      throw S3Error(S3Error::Kind::kNetwork, 0, "",
                    "network failure: " + call.method + " " + url_for(call.bucket, call.key) +
                        " failed after " + std::to_string(attempt + 1) + " attempt" +
                        (attempt == 0 ? "" : "s") + ": " + error.what());
    }
    bytes_received_ += response.body.size();
    if (response.status >= 200 && response.status < 300)
      return response;
    if (attempt + 1 < attempts && is_retryable(response.status, parse_error(response).code)) {
      pause_before_retry(attempt);
      continue;
    }
    fail(call, response);
  }
}

void S3Client::fail(const Call& call, const HttpResponse& response) const {
  const ErrorBody error = parse_error(response);
  const std::string status = std::to_string(response.status);
  const std::string what = call.method + " " + url_for(call.bucket, call.key);
  const std::string tag = " (" + error.code + ", HTTP " + status + ")";
  const std::string object = "s3://" + std::string(call.bucket) + "/" + std::string(call.key);
  const std::string who = config_.credentials
                              ? "access key " + mask_key_id(config_.credentials->access_key_id) +
                                    " from " + config_.credentials_source
                              : std::string("anonymous, --no-sign-request");
  using Kind = S3Error::Kind;
  const auto& code = error.code;
  auto raise = [&](Kind kind, const std::string& message) -> void {
    throw S3Error(kind, response.status, code, message);
  };

  if (code == "NoSuchBucket") {
    raise(Kind::kNoSuchBucket, "S3 bucket \"" + std::string(call.bucket) + "\" does not exist at " +
                                   config_.endpoint() + tag);
  }
  if (code == "PreconditionFailed" || response.status == 412) {
    raise(Kind::kChanged,
          "S3 object " + object + " changed while it was read" + tag + "; list again");
  }
  if (code == "NoSuchKey" || (code == "NotFound" && !call.key.empty())) {
    raise(Kind::kNoSuchKey, "S3 object " + object + " does not exist" + tag);
  }
  if (code == "SignatureDoesNotMatch") {
    raise(Kind::kAuthentication,
          "S3 authentication failed" + tag + " for " + what +
              ": the secret access key does not match the access key id (" + who +
              "); check AWS_SECRET_ACCESS_KEY or the profile's aws_secret_access_key");
  }
  if (code == "InvalidAccessKeyId") {
    raise(Kind::kAuthentication, "S3 authentication failed" + tag + " for " + what +
                                     ": the access key id is not known to " + config_.endpoint() +
                                     " (" + who + "); check AWS_ACCESS_KEY_ID or the profile");
  }
  if (code == "ExpiredToken" || code == "InvalidToken" || code == "TokenRefreshRequired") {
    raise(Kind::kAuthentication,
          "S3 authentication failed" + tag + " for " + what +
              ": the session token (AWS_SESSION_TOKEN or aws_session_token) has expired or is "
              "invalid; get fresh credentials");
  }
  if (code == "RequestTimeTooSkewed") {
    raise(Kind::kAuthentication, "S3 authentication failed" + tag + " for " + what +
                                     ": this machine's clock is too far from the server's");
  }
  if (code == "AccessDenied" || code == "AllAccessDisabled" || code == "AccountProblem") {
    raise(Kind::kAccessDenied,
          "S3 access denied" + tag + " for " + what + ": " +
              (config_.credentials
                   ? "the credentials (" + who +
                         ") were accepted but are not allowed to do this; check the bucket "
                         "policy and the IAM permissions"
                   : std::string("this bucket does not allow anonymous requests; give AWS "
                                 "credentials instead of --no-sign-request")));
  }
  if (code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed" ||
      response.status == 301) {
    raise(Kind::kWrongRegion,
          "S3 bucket \"" + std::string(call.bucket) + "\" is not in region " + config_.region +
              tag +
              (error.region.empty() ? std::string()
                                    : "; it is in " + error.region + ": pass --region " +
                                          error.region + " or set AWS_REGION"));
  }
  const int attempts = config_.options.max_retries + 1;
  const std::string after = " after " + std::to_string(attempts) + " attempts";
  if (response.status == 429 || response.status == 503 || code == "SlowDown") {
    raise(Kind::kThrottled, "S3 kept throttling" + tag + " " + what + after);
  }
  if (response.status >= 500) {
    raise(Kind::kServer, "S3 server error" + tag + " for " + what + after +
                             (error.message.empty() ? "" : ": " + error.message));
  }
  raise(Kind::kOther, "S3 request failed" + tag + ": " + what +
                          (error.message.empty() ? "" : ": " + error.message));
  std::terminate();  // not reached: raise throws
}

ListPage S3Client::list_objects_v2(std::string_view bucket, const ListRequest& request) {
  Call call{.method = "GET", .bucket = bucket};
  call.query = {
      {"list-type", "2"}, {"max-keys", std::to_string(request.max_keys)}, {"encoding-type", "url"}};
  if (!request.prefix.empty())
    call.query.emplace_back("prefix", request.prefix);
  if (!request.continuation_token.empty()) {
    call.query.emplace_back("continuation-token", request.continuation_token);
  } else if (!request.start_after.empty()) {
    call.query.emplace_back("start-after", request.start_after);
  }
  const HttpResponse response = execute(call);
  ListPage page = parse_list_objects_v2(response.body);
  objects_listed_ += page.objects.size();
  return page;
}

GetResult S3Client::get_object(std::string_view bucket, std::string_view key) {
  HttpResponse response = execute(Call{.method = "GET", .bucket = bucket, .key = key});
  ++objects_fetched_;
  return GetResult{std::move(response.body), strip_quotes(response.header("etag").value_or(""))};
}

GetResult S3Client::get_object_range(std::string_view bucket, std::string_view key,
                                     std::uint64_t first, std::uint64_t last,
                                     std::string_view if_match) {
  const std::string asked = fmt::format("bytes={}-{}", first, last);
  Call call{.method = "GET", .bucket = bucket, .key = key};
  call.headers.push_back(Header{"Range", asked});
  if (!if_match.empty())
    call.headers.push_back(Header{"If-Match", fmt::format("\"{}\"", if_match)});
  HttpResponse response = execute(call);
  if (response.status == 200) {
    // A server that ignores Range sends the whole object: usable for the first range only.
    if (first != 0) {
      throw S3Error(S3Error::Kind::kOther, response.status, "",
                    "S3 server ignored the Range header (" + asked + ") of GET s3://" +
                        std::string(bucket) + "/" + std::string(key) +
                        " and sent the whole object");
    }
  } else {
    const std::string range = response.header("content-range").value_or("");
    if (!range.starts_with(fmt::format("bytes {}-", first))) {
      throw S3Error(S3Error::Kind::kOther, response.status, "",
                    "S3 server answered " + asked + " of s3://" + std::string(bucket) + "/" +
                        std::string(key) + " with Content-Range \"" + range + "\"");
    }
  }
  if (first == 0)
    ++objects_fetched_;
  return GetResult{std::move(response.body), strip_quotes(response.header("etag").value_or(""))};
}

std::string S3Client::bucket_region(std::string_view bucket) {
  Call call{.method = "GET", .bucket = bucket};
  call.query = {{"location", ""}};
  return parse_bucket_location(execute(call).body);
}

std::string S3Client::put_object(std::string_view bucket, std::string_view key,
                                 std::string_view body, std::string_view content_type) {
  Call call{.method = "PUT", .bucket = bucket, .key = key, .body = body};
  call.headers.emplace_back("Content-Type", std::string(content_type));
  const HttpResponse response = execute(call);
  return strip_quotes(response.header("etag").value_or(""));
}

}  // namespace sparkify::s3

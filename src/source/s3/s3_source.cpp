#include "source/s3/s3_source.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sparkify::s3 {
namespace {

constexpr std::string_view kScheme = "s3://";

bool valid_bucket_name(std::string_view bucket) {
  // S3's rules (3-63 characters of a-z 0-9 . -) plus the upper case and '_' of legacy buckets.
  if (bucket.size() < 3 || bucket.size() > 63)
    return false;
  return std::all_of(bucket.begin(), bucket.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

// A segment of the key below the prefix starts with '.': a copy (.ipynb_checkpoints), not data.
bool has_hidden_segment(std::string_view relative) {
  std::size_t start = 0;
  while (start < relative.size()) {
    if (relative[start] == '.')
      return true;
    const std::size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos)
      break;
    start = slash + 1;
  }
  return false;
}

}  // namespace

bool is_s3_url(std::string_view text) {
  return text.starts_with(kScheme);
}

S3Url parse_s3_url(std::string_view text) {
  if (!is_s3_url(text)) {
    throw SourceError("\"" + std::string(text) + "\" is not an S3 URL (s3://bucket/prefix)");
  }
  std::string_view rest = text.substr(kScheme.size());
  const std::size_t slash = rest.find('/');
  S3Url url;
  url.bucket = std::string(rest.substr(0, slash));
  if (!valid_bucket_name(url.bucket)) {
    throw SourceError(
        "\"" + std::string(text) +
        "\" has no valid bucket name (3-63 of a-z, 0-9, '.', '-'): s3://bucket/prefix");
  }
  if (slash != std::string_view::npos)
    url.prefix = std::string(rest.substr(slash + 1));
  if (!url.prefix.empty() && url.prefix.back() != '/')
    url.prefix.push_back('/');
  return url;
}

S3Source::S3Source(S3Url url, const S3Options& options, const Environment& environment)
    : url_(std::move(url)), client_(resolve_config(options, environment)) {}

namespace {

// One ListObjectsV2 page per next_page() (the options' max_keys, 1,000 by default), following
// continuation tokens. Keys here are "s3://bucket/key"; S3 orders by key, and so does this
// prefix-sharing form.
class BucketListing final : public ObjectListing {
 public:
  BucketListing(S3Client& client, const S3Url& url, const std::string& start_after)
      : client_(client), url_(url), base_("s3://" + url.bucket + "/"), start_after_(start_after) {
    request_.prefix = url_.prefix;
    request_.max_keys = client_.config().options.max_keys;
    if (start_after.starts_with(base_)) {
      request_.start_after = start_after.substr(base_.size());
    } else if (!start_after.empty() && start_after > base_) {
      done_ = true;  // every key of this bucket sorts before start_after
    }
  }

  std::vector<ObjectInfo> next_page() override {
    std::vector<ObjectInfo> out;
    while (out.empty() && !done_) {
      ListPage page = client_.list_objects_v2(url_.bucket, request_);
      for (S3Object& object : page.objects) {
        if (!object.key.starts_with(url_.prefix))
          continue;  // a server that ignores prefix
        const std::string_view relative = std::string_view(object.key).substr(url_.prefix.size());
        if (relative.empty() || relative.back() == '/' || has_hidden_segment(relative))
          continue;
        ObjectInfo info;
        info.key = base_ + object.key;
        if (!start_after_.empty() && info.key <= start_after_)
          continue;
        info.size = object.size;
        info.version = std::move(object.etag);
        out.push_back(std::move(info));
      }
      std::sort(out.begin(), out.end(),
                [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
      if (!page.truncated) {
        done_ = true;
      } else if (page.next_continuation_token.empty()) {
        throw S3Error(
            S3Error::Kind::kOther, 200, "",
            "S3 listing of " + url_.to_string() + " is truncated but has no continuation token");
      } else {
        request_.continuation_token = std::move(page.next_continuation_token);
      }
    }
    return out;
  }

 private:
  S3Client& client_;
  S3Url url_;
  std::string base_;
  std::string start_after_;
  ListRequest request_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ObjectListing> S3Source::open_listing(const std::string& start_after) {
  return std::make_unique<BucketListing>(client_, url_, start_after);
}

std::string S3Source::key_of(const ObjectInfo& object) const {
  const std::string base = "s3://" + url_.bucket + "/";
  if (!object.key.starts_with(base)) {
    throw SourceError("object " + object.key + " is not in " + url_.to_string());
  }
  return object.key.substr(base.size());
}

void S3Source::check_version(const ObjectInfo& object, const std::string& etag) const {
  // The ledger records the version listed; if the content read is another one, say so rather
  // than record the wrong version.
  if (!object.version.empty() && !etag.empty() && etag != object.version) {
    throw S3Error(S3Error::Kind::kChanged, 200, "",
                  "S3 object " + object.key + " changed after it was listed (ETag " +
                      object.version + " listed, " + etag + " read); list again");
  }
}

namespace {

// An object read by ranges of kRangeBytes, each only while the ETag is the listed one: a big
// log is never in memory whole, and one that changes while it is read fails (kChanged).
class RangedObjectStream final : public ObjectStream {
 public:
  RangedObjectStream(S3Client& client, std::string bucket, std::string key, ObjectInfo object,
                     std::function<void(const std::string&)> check_version)
      : client_(client),
        bucket_(std::move(bucket)),
        key_(std::move(key)),
        object_(std::move(object)),
        check_version_(std::move(check_version)) {}

  std::size_t read_some(std::string& out, std::size_t max_bytes) override {
    if (buffered_ == buffer_.size()) {
      buffer_.clear();
      buffered_ = 0;
      if (offset_ >= object_.size)
        return 0;
      const std::uint64_t last = std::min(object_.size, offset_ + kRangeBytes) - 1;
      GetResult result = client_.get_object_range(bucket_, key_, offset_, last, object_.version);
      check_version_(result.etag);
      if (result.body.empty())
        return 0;
      offset_ += result.body.size();
      buffer_ = std::move(result.body);
    }
    const std::size_t n = std::min(max_bytes, buffer_.size() - buffered_);
    out.append(buffer_, buffered_, n);
    buffered_ += n;
    return n;
  }

 private:
  // Fewer, larger requests than the parts the reader asks for: 8 MiB per GET.
  static constexpr std::uint64_t kRangeBytes = 8ULL << 20;
  S3Client& client_;
  std::string bucket_;
  std::string key_;
  ObjectInfo object_;
  std::function<void(const std::string&)> check_version_;
  std::uint64_t offset_ = 0;  // the next byte to request
  std::string buffer_;        // the last range received
  std::size_t buffered_ = 0;  // how much of it was handed out
};

}  // namespace

std::unique_ptr<ObjectStream> S3Source::open_stream(const ObjectInfo& object) {
  return std::make_unique<RangedObjectStream>(
      client_, url_.bucket, key_of(object), object,
      [this, object](const std::string& etag) { check_version(object, etag); });
}

std::string S3Source::read(const ObjectInfo& object) {
  GetResult result = client_.get_object(url_.bucket, key_of(object));
  check_version(object, result.etag);
  return std::move(result.body);
}

std::string S3Source::describe() const {
  const S3Config& config = client_.config();
  std::string out = "S3 " + url_.to_string() + " (";
  if (config.custom_endpoint)
    out += "endpoint " + config.endpoint() + ", ";
  out += std::string(config.path_style(url_.bucket) ? "path-style" : "virtual-hosted") +
         ", region " + config.region + ", credentials: ";
  if (config.credentials) {
    out += "access key " + mask_key_id(config.credentials->access_key_id) + " from " +
           config.credentials_source;
    if (!config.credentials->session_token.empty())
      out += " with a session token";
  } else {
    out += config.credentials_source;
  }
  return out + ")";
}

std::unique_ptr<S3Source> make_s3_source(std::string_view url, const S3Options& options,
                                         const Environment& environment) {
  return std::make_unique<S3Source>(parse_s3_url(url), options, environment);
}

}  // namespace sparkify::s3

namespace sparkify::s3 {

std::size_t S3Source::read_concurrency() const {
  return client_.config().options.max_concurrency;
}

std::string put_object_at(S3Client& client, std::string_view url, std::string_view body,
                          std::string_view content_type) {
  const auto slash = url.starts_with(kScheme) ? url.find('/', kScheme.size()) : url.npos;
  if (slash == url.npos || slash == kScheme.size() || slash + 1 == url.size())
    throw SourceError(fmt::format("not an S3 object URL (s3://bucket/key): {}", url));
  return client.put_object(url.substr(kScheme.size(), slash - kScheme.size()),
                           url.substr(slash + 1), body, content_type);
}

}  // namespace sparkify::s3

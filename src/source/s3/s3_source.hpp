// A Source over S3 (or an S3-compatible store): every object under s3://bucket/prefix.
//
//   auto source = sparkify::s3::make_s3_source("s3://udacity-dend/song_data",
//                                              {.no_sign_request = true});
//   for (const ObjectInfo& object : source->list()) { std::string body = source->read(object); }
//
// Object keys are "s3://bucket/key" (so ledgers of different buckets never collide) and an
// object's version is its ETag. Keys with a hidden segment under the prefix (".ipynb_checkpoints/")
// and folder markers ("a/b/") are not listed. read() may be called from many threads at once
// (the loader reads read_concurrency() objects at a time), each on a reused connection.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "source/s3/config.hpp"
#include "source/s3/s3_client.hpp"
#include "source/source.hpp"

namespace sparkify::s3 {

struct S3Url {
  std::string bucket;
  std::string
      prefix;  // "" (the whole bucket) or ending with '/': a folder, as `aws s3 sync` reads it

  std::string to_string() const { return "s3://" + bucket + "/" + prefix; }
};

// True for "s3://...", the cue to build an S3Source instead of a folder source.
bool is_s3_url(std::string_view text);
// "s3://bucket", "s3://bucket/", "s3://bucket/song_data" (-> prefix "song_data/"). Throws
// SourceError for anything else (no bucket, another scheme, an invalid bucket name).
S3Url parse_s3_url(std::string_view text);

class S3Source : public Source {
 public:
  // Resolves credentials and settings (options > environment > ~/.aws files); throws SourceError
  // when no credentials are found and options.no_sign_request is false. Nothing is sent yet.
  S3Source(S3Url url, const S3Options& options, const Environment& environment);

  // Pages of the bucket's listing under the prefix; the listing uses this source's client.
  std::unique_ptr<ObjectListing> open_listing(const std::string& start_after = {}) override;
  std::string read(const ObjectInfo& object) override;
  // Reads by ranges (8 MiB GETs, each with If-Match on the listed ETag).
  std::unique_ptr<ObjectStream> open_stream(const ObjectInfo& object) override;
  std::string describe() const override;
  std::size_t read_concurrency() const override;

  const S3Url& url() const { return url_; }
  S3Stats stats() const { return client_.stats(); }
  S3Client& client() { return client_; }

 private:
  std::string key_of(const ObjectInfo& object) const;  // "s3://bucket/k" -> "k"
  void check_version(const ObjectInfo& object, const std::string& etag) const;

  S3Url url_;
  S3Client client_;
};

// Writes body to the object named by url ("s3://bucket/key", the key not empty) with
// client; returns its ETag. Throws SourceError for another form of URL.
std::string put_object_at(S3Client& client, std::string_view url, std::string_view body,
                          std::string_view content_type = "application/json");

// The one-call form for the command line: parse the URL, resolve the configuration.
std::unique_ptr<S3Source> make_s3_source(std::string_view url, const S3Options& options = {},
                                         const Environment& environment = process_environment());

}  // namespace sparkify::s3

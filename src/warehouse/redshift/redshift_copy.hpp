// The server-side load of event logs from S3 (COPY ... FORMAT AS JSON), as text:
// the manifest listing exactly the new objects, the COPY command with every
// value written by redshift::literal, and where the files go. Running it needs
// the manifest (and the JSONPaths file, unless [S3] LOG_JSONPATH names one)
// uploaded to S3 first; see docs/redshift.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparkify::redshift {

struct CopySpec {
  std::string manifest_url;   // s3://bucket/prefix/manifests/batch-000042.manifest
  std::string iam_role;       // arn:aws:iam::123456789012:role/MyRedshiftRole
  std::string region;         // us-west-2
  std::string jsonpaths_url;  // s3://bucket/prefix/event_jsonpaths.json, or LOG_JSONPATH
  std::int64_t max_errors = 0;
};

// Where this tool puts its manifests and JSONPaths file: <staging_uri>/manifests/
// batch-<id, 6 digits>.manifest and <staging_uri>/event_jsonpaths.json.
std::string manifest_url(std::string_view staging_uri, std::int64_t batch_id);
std::string jsonpaths_url(std::string_view staging_uri);

// {"entries": [{"url": "s3://...", "mandatory": true}, ...]}: mandatory, so a
// listed object that has gone makes the COPY fail instead of loading less.
std::string make_manifest(const std::vector<std::string>& object_urls);

// The copy/copy_events.sql template with its ${...} replaced by literals.
std::string render_copy(std::string_view copy_sql, const CopySpec& spec);

}  // namespace sparkify::redshift

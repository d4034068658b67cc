// The server-side load of event logs from S3 (COPY ... FORMAT AS JSON), as text:
// the manifest listing exactly the new objects, the COPY command with every
// value written by redshift::literal, and where the files go. Running it needs
// the manifest (and the JSONPaths file, unless [S3] LOG_JSONPATH names one)
// uploaded to S3 first; see docs/redshift.md.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sparkify::redshift {

struct CopySpec {
  std::string manifest_url;   // s3://bucket/prefix/manifests/batch-000042.manifest
  std::string iam_role;       // arn:aws:iam::123456789012:role/MyRedshiftRole
  std::string region;         // us-west-2
  std::string jsonpaths_url;  // s3://bucket/prefix/event_jsonpaths.json, or LOG_JSONPATH
  std::int64_t max_errors = 0;
};

// What the engine needs to load a batch's event logs with COPY (staging mode
// "copy"): where manifests go, the COPY's credentials and limits, and how to
// write an object to S3 (the event source's own client and credentials).
struct CopyStaging {
  std::string staging_uri;   // s3://bucket/prefix: manifests and the JSONPaths file go below
  std::string iam_role;      // [IAM_ROLE] ARN
  std::string region;        // the buckets' region
  std::string log_jsonpath;  // [S3] LOG_JSONPATH; empty: upload event_jsonpaths()
  std::int64_t max_errors = 0;
  // Writes body to the object at url (s3://bucket/key); throws on failure.
  std::function<void(const std::string& url, const std::string& body)> put_object;
  // The region of the bucket that holds url (S3's GetBucketLocation); throws on failure.
  std::function<std::string(const std::string& url)> bucket_region;
};

// The COPY of one batch's event logs: its manifest under the staging URI, and the
// JSONPaths file [S3] LOG_JSONPATH names or the one this tool uploads.
CopySpec copy_spec(const CopyStaging& staging, std::int64_t batch_id);

// Where this tool puts its manifests and JSONPaths file: <staging_uri>/manifests/
// batch-<id, 6 digits>.manifest and <staging_uri>/event_jsonpaths.json.
std::string manifest_url(std::string_view staging_uri, std::int64_t batch_id);
std::string jsonpaths_url(std::string_view staging_uri);

// The JSONPaths file this tool uploads: for each column of {event_log_columns}, in
// order, the log's field of that name ("$['firstName']" for first_name).
std::string event_jsonpaths();

// "s3://bucket/key" -> "s3://bucket".
std::string bucket_url(std::string_view url);

// Throws WarehouseError naming the bucket and both regions when a bucket this COPY
// reads (the manifest's, the JSONPaths file's, an event log's) is not in its
// REGION: Redshift reads every file of a COPY, the manifest included, from that
// region (COPY, data source parameters). Buckets in known_good are not asked
// again; those found in the region are added to it.
void require_copy_region(const CopyStaging& staging, const CopySpec& spec,
                         const std::vector<std::string>& object_urls,
                         std::set<std::string, std::less<>>& known_good);

// {"entries": [{"url": "s3://...", "mandatory": true}, ...]}: mandatory, so a
// listed object that has gone makes the COPY fail instead of loading less.
std::string make_manifest(const std::vector<std::string>& object_urls);

// The copy/copy_events.sql template with its ${...} replaced by literals.
std::string render_copy(std::string_view copy_sql, const CopySpec& spec);

}  // namespace sparkify::redshift

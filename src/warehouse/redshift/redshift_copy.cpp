#include "warehouse/redshift/redshift_copy.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "core/json_string.hpp"
#include "warehouse/redshift/redshift_literal.hpp"
#include "warehouse/staging_row.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::redshift {
namespace {

std::string trimmed(std::string_view uri) {
  while (uri.ends_with('/'))
    uri.remove_suffix(1);
  return std::string(uri);
}

void replace_token(std::string& sql, std::string_view token, const std::string& literal_text) {
  const auto at = sql.find(token);
  if (at == std::string::npos)
    throw std::logic_error(fmt::format("copy template: no {}", token));
  sql.replace(at, token.size(), literal_text);
}

}  // namespace

std::string manifest_url(std::string_view staging_uri, std::int64_t batch_id) {
  return fmt::format("{}/manifests/batch-{:06d}.manifest", trimmed(staging_uri), batch_id);
}

std::string jsonpaths_url(std::string_view staging_uri) {
  return trimmed(staging_uri) + "/event_jsonpaths.json";
}

std::string bucket_url(std::string_view url) {
  return std::string(url.substr(0, url.find('/', std::string_view("s3://").size())));
}

void require_copy_region(const CopyStaging& staging, const CopySpec& spec,
                         const std::vector<std::string>& object_urls,
                         std::set<std::string, std::less<>>& known_good) {
  const auto require = [&](const std::string& url) {
    std::string bucket = bucket_url(url);
    if (known_good.contains(bucket))
      return;
    const std::string region = staging.bucket_region(url);
    if (region != spec.region) {
      throw WarehouseError(fmt::format(
          "COPY ... REGION '{}' reads every file from that region, but {} is in {}: set the "
          "region of the event logs' bucket (--region, [S3] REGION or AWS_REGION) and a "
          "staging URI in that region (--redshift-staging-uri or [REDSHIFT] STAGING_URI)",
          spec.region, bucket, region));
    }
    known_good.insert(std::move(bucket));
  };
  require(spec.manifest_url);
  require(spec.jsonpaths_url);
  for (const auto& url : object_urls)
    require(url);
}

std::string make_manifest(const std::vector<std::string>& object_urls) {
  std::string out = "{\"entries\": [";
  for (std::size_t i = 0; i < object_urls.size(); ++i) {
    out.append(i == 0 ? "\n  {\"url\": " : ",\n  {\"url\": ");
    append_json_string(out, object_urls[i]);
    out.append(", \"mandatory\": true}");
  }
  out.append(object_urls.empty() ? "]}\n" : "\n]}\n");
  return out;
}

std::string event_jsonpaths() {
  std::string out = "{\n  \"jsonpaths\": [";
  const auto columns = event_log_columns();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out.append(i == 0 ? "\n    " : ",\n    ");
    append_json_string(out, fmt::format("$['{}']", log_field_name(columns[i])));
  }
  out.append("\n  ]\n}\n");
  return out;
}

CopySpec copy_spec(const CopyStaging& staging, std::int64_t batch_id) {
  CopySpec spec;
  spec.manifest_url = manifest_url(staging.staging_uri, batch_id);
  spec.iam_role = staging.iam_role;
  spec.region = staging.region;
  spec.jsonpaths_url =
      staging.log_jsonpath.empty() ? jsonpaths_url(staging.staging_uri) : staging.log_jsonpath;
  spec.max_errors = staging.max_errors;
  return spec;
}

std::string render_copy(std::string_view copy_sql, const CopySpec& spec) {
  if (spec.max_errors < 0)
    throw std::invalid_argument("MAXERROR must not be negative");
  std::string sql(copy_sql);
  replace_token(sql, "${MANIFEST_URL}", text_literal(spec.manifest_url));
  replace_token(sql, "${IAM_ROLE}", text_literal(spec.iam_role));
  replace_token(sql, "${REGION}", text_literal(spec.region));
  replace_token(sql, "${JSONPATHS_URL}", text_literal(spec.jsonpaths_url));
  replace_token(sql, "${MAXERROR}", literal(Value{spec.max_errors}));
  return sql;
}

}  // namespace sparkify::redshift

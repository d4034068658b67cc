#include "cli/redshift/redshift_load_options.hpp"

#include <memory>

#include "cli/number_checks.hpp"
#include "source/s3/s3_source.hpp"
#include "warehouse/redshift/redshift_plan.hpp"

namespace sparkify {
namespace {

// --redshift-staging-uri, then [REDSHIFT] STAGING_URI; empty when neither is set.
std::string staging_uri(const RedshiftLoadArgs& args, const config::Config& config) {
  const auto& rs = config.redshift;
  return choose(args.staging_uri, rs ? rs->staging_uri : std::nullopt, "");
}

// Why the server-side COPY cannot load these event logs, or nothing when it can:
// they must come from S3, the config must name the IAM role Redshift assumes, and
// the user must name where this tool may write manifests (the event logs' own bucket
// is often someone else's, public and read-only, as in config/dwh.cfg.example).
std::optional<std::string> copy_impossible(const RedshiftLoadArgs& args, const std::string& events,
                                           const config::Config& config) {
  if (!events.starts_with("s3://"))
    return "the event logs must come from s3:// (--events or [S3] LOG_DATA), not a local folder";
  if (!config.iam_role || !config.iam_role->arn)
    return "[IAM_ROLE] ARN must be set in the config file (--config), the role Redshift "
           "assumes to read S3";
  if (staging_uri(args, config).empty())
    return "a staging URI must be set (--redshift-staging-uri or [REDSHIFT] STAGING_URI): an "
           "s3:// prefix this tool may write manifests to, in the region of the event logs";
  return std::nullopt;
}

// --redshift-staging, then [REDSHIFT] STAGING, then auto; auto is copy when it is
// possible. Returns true for copy; an explicit copy that is impossible is a usage
// error saying why.
bool use_copy(const RedshiftLoadArgs& args, const std::string& events,
              const config::Config& config) {
  const auto& from_config = config.redshift ? config.redshift->staging : std::nullopt;
  const std::string mode = choose(args.staging, from_config, "auto");
  const auto why_not = copy_impossible(args, events, config);
  if (mode == "copy" && why_not) {
    throw CLI::ValidationError(args.staging.empty() ? "[REDSHIFT] STAGING" : "--redshift-staging",
                               "copy is not possible: " + *why_not);
  }
  return mode == "copy" || (mode == "auto" && !why_not);
}

// Manifests and the JSONPaths file go under the staging URI (--redshift-staging-uri,
// [REDSHIFT] STAGING_URI).
redshift::CopyStaging copy_staging(const RedshiftLoadArgs& args, const config::Config& config,
                                   const std::string& region) {
  const auto& rs = config.redshift;
  redshift::CopyStaging copy;
  copy.staging_uri = staging_uri(args, config);
  copy.iam_role = *config.iam_role->arn;
  copy.region = region;
  const auto& jsonpath = config.s3 ? config.s3->log_jsonpath : std::nullopt;
  copy.log_jsonpath = jsonpath.value_or("");
  copy.max_errors = args.max_errors.value_or(rs && rs->max_errors ? *rs->max_errors : 0);
  return copy;
}

}  // namespace

void add_redshift_load_options(CLI::App& command, RedshiftLoadArgs& args) {
  command
      .add_option("--redshift-staging", args.staging,
                  "Redshift: stage event logs from this client with multi-row INSERTs (insert), "
                  "by a server-side COPY from S3 (copy), or copy when the events are on S3 and "
                  "[IAM_ROLE] ARN is set (auto, the default); config [REDSHIFT] STAGING")
      ->option_text("insert|copy|auto")
      ->check(CLI::IsMember({"insert", "copy", "auto"}));
  command
      .add_option("--redshift-staging-uri", args.staging_uri,
                  "Redshift COPY: s3:// prefix for manifests and the JSONPaths file "
                  "(default s3://<bucket of the event logs>/sparkify-dwh); config [REDSHIFT] "
                  "STAGING_URI")
      ->option_text("URI");
  command
      .add_option("--redshift-max-errors", args.max_errors,
                  "Redshift COPY: MAXERROR, the COPY fails when N lines are rejected (0 or 1: "
                  "any; at most 100000; default 0); config [REDSHIFT] MAX_ERRORS")
      ->option_text("N")
      ->check(whole_number(0, 100'000));
}

void choose_redshift_staging(const RedshiftLoadArgs& args, const std::string& events,
                             const s3::S3Options& s3_options, const config::Config& config,
                             ResolvedTarget& resolved, const Console& console) {
  if (resolved.engine != "redshift") {
    if (!args.staging.empty())
      throw CLI::ValidationError("--redshift-staging", "is for the redshift engine");
    return;
  }
  if (!use_copy(args, events, config))
    return;
  auto client =
      std::make_shared<s3::S3Client>(s3::resolve_config(s3_options, s3::process_environment()));
  redshift::CopyStaging staging = copy_staging(args, config, client->config().region);
  staging.put_object = [client](const std::string& url, const std::string& body) {
    s3::put_object_at(*client, url, body);
  };
  staging.bucket_region = [client](const std::string& url) {
    return client->bucket_region(s3::parse_s3_url(url).bucket);
  };
  console.detail("event logs: server-side COPY, manifests under {}", staging.staging_uri);
  resolved.options.redshift.copy = std::move(staging);
}

std::string redshift_load_plan(const RedshiftLoadArgs& args, const std::string& events,
                               const std::string& region, const config::Config& config,
                               const ResolvedTarget& resolved) {
  if (resolved.engine != "redshift")
    throw CLI::ValidationError("--dry-run", "is for the redshift engine (--engine redshift)");
  std::optional<redshift::CopySpec> spec;
  if (use_copy(args, events, config))
    spec =
        redshift::copy_spec(copy_staging(args, config, region.empty() ? "us-west-2" : region), 0);
  return redshift::load_plan(resolved.options.redshift, spec);
}

}  // namespace sparkify

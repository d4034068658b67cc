#include "cli/s3_options.hpp"

#include "cli/number_checks.hpp"

namespace sparkify {

s3::S3Options S3Args::resolve() const {
  s3::S3Options out = options;
  if (!region.empty())
    out.region = region;
  if (!endpoint_url.empty())
    out.endpoint_url = endpoint_url;
  if (!profile.empty())
    out.profile = profile;
  return out;
}

void add_s3_options(CLI::App& command, S3Args& args) {
  command.add_flag("--no-sign-request", args.options.no_sign_request,
                   "Read S3 anonymously (public buckets), as the AWS CLI does");
  command.add_option("--region", args.region, "AWS region (default: as the AWS CLI finds it)")
      ->option_text("REGION");
  command
      .add_option("--endpoint-url", args.endpoint_url,
                  "S3-compatible endpoint, e.g. http://127.0.0.1:9000 (or AWS_ENDPOINT_URL)")
      ->option_text("URL");
  command.add_option("--profile", args.profile, "AWS profile from ~/.aws (or AWS_PROFILE)")
      ->option_text("NAME");
  command
      .add_option("--s3-concurrency", args.options.max_concurrency,
                  "S3 objects fetched at once (default 32)")
      ->option_text("N")
      ->check(whole_number(1, 1024));
}

}  // namespace sparkify

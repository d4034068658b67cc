// The S3 flags shared by every command that reads sources (load, serve).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "source/s3/config.hpp"

namespace sparkify {

struct S3Args {
  s3::S3Options options;
  std::string region;
  std::string endpoint_url;
  std::string profile;

  // The options with the flags that were given applied.
  s3::S3Options resolve() const;
};

// --no-sign-request, --region, --endpoint-url, --profile, --s3-concurrency.
void add_s3_options(CLI::App& command, S3Args& args);

}  // namespace sparkify

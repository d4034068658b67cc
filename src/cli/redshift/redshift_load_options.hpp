// The Redshift engine's part of `sparkify load`: how the event logs are staged
// (multi-row INSERTs from this client, or a server-side COPY from S3), the COPY's
// settings, and the statements --dry-run prints.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/command_context.hpp"
#include "source/s3/config.hpp"

namespace sparkify {

struct RedshiftLoadArgs {
  std::string staging;  // insert | copy | auto (else [REDSHIFT] STAGING, else auto)
  std::string staging_uri;
  std::optional<std::int64_t> max_errors;
};

// --redshift-staging, --redshift-staging-uri, --redshift-max-errors.
void add_redshift_load_options(CLI::App& command, RedshiftLoadArgs& args);

// Chooses how a load of these event logs stages them on the resolved target: for
// a COPY, fills resolved.options.redshift.copy (manifests are written with an S3
// client of the same options as the event source). Usage errors, before anything
// is opened: --redshift-staging on another engine, an explicit copy that is impossible.
void choose_redshift_staging(const RedshiftLoadArgs& args, const std::string& events,
                             const s3::S3Options& s3_options, const config::Config& config,
                             ResolvedTarget& resolved, const Console& console);

// The dry run: the Redshift statements a load of these event logs would run
// (batch 0 stands for each batch's id), without connecting.
std::string redshift_load_plan(const RedshiftLoadArgs& args, const std::string& events,
                               const std::string& region, const config::Config& config,
                               const ResolvedTarget& resolved);

}  // namespace sparkify

// The prototype's warehouse config file (dwh.cfg), as it is:
//
//   [CLUSTER]  HOST, DB_NAME, DB_USER, DB_PASSWORD, DB_PORT
//   [S3]       LOG_DATA, LOG_JSONPATH, SONG_DATA
//   [IAM_ROLE] ARN
//   [REDSHIFT] STAGING, D_TIME_DISTRIBUTION, STAGING_URI, MAX_ERRORS  (this tool's own
//              section; every key optional, so the prototype's file stays valid)
//
// Syntax: see config/ini.hpp. Every section is optional, but a prototype section that is
// present must have all of its keys (a missing key is usually a typo); an empty
// value (HOST='' in the prototype's template) means "not set". Unknown sections
// (the prototype's [AWS] or [DWH]) and unknown keys are ignored with a warning
// returned to the caller. Errors and warnings never quote a value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/ini.hpp"

namespace sparkify::config {

struct ClusterConfig {
  std::optional<std::string> host;
  std::optional<std::string> db_name;
  std::optional<std::string> db_user;
  std::optional<std::string> db_password;
  std::optional<int> db_port;
};

struct S3Config {
  std::optional<std::string> log_data;
  std::optional<std::string> log_jsonpath;
  std::optional<std::string> song_data;
};

struct IamRoleConfig {
  std::optional<std::string> arn;
};

// How the Redshift engine stages and lays out data. Values are checked here
// (STAGING insert|copy|auto, D_TIME_DISTRIBUTION ALL|KEY, MAX_ERRORS >= 0) and
// kept as written (STAGING and D_TIME_DISTRIBUTION lower-cased).
struct RedshiftConfig {
  std::optional<std::string> staging;              // "insert", "copy" or "auto"
  std::optional<std::string> d_time_distribution;  // "all" or "key"
  std::optional<std::string> staging_uri;          // s3:// prefix for manifests
  std::optional<std::int64_t> max_errors;          // COPY MAXERROR
};

struct Config {
  std::optional<ClusterConfig> cluster;
  std::optional<S3Config> s3;
  std::optional<IamRoleConfig> iam_role;
  std::optional<RedshiftConfig> redshift;
};

// The outcome of reading a config file: a Config when there are no errors.
struct ConfigResult {
  std::optional<Config> config;
  std::vector<Issue> errors;
  std::vector<Issue> warnings;
  bool ok() const { return config.has_value() && errors.empty(); }
};

// Parses config text; file_name is used in messages only.
ConfigResult parse_config(std::string_view text, const std::string& file_name);

// Reads and parses a file; an unreadable file is an error in the result.
ConfigResult load_config(const std::filesystem::path& path);

}  // namespace sparkify::config

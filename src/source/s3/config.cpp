#include "source/s3/config.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/ini.hpp"
#include "core/ascii_text.hpp"
#include "source/source.hpp"

namespace sparkify::s3 {
namespace {

std::optional<std::string> non_empty(const Environment& environment, std::string_view name) {
  auto value = environment(name);
  if (value && value->empty())
    return std::nullopt;
  return value;
}

// "~/x" -> "$HOME/x", as the AWS CLI expands its file variables.
std::string expand_home(const std::string& path, const Environment& environment) {
  if (path == "~" || path.starts_with("~/")) {
    if (auto home = non_empty(environment, "HOME"))
      return *home + path.substr(1);
  }
  return path;
}

struct SharedFiles {
  std::string credentials_path;
  std::string config_path;
  std::optional<IniFile> credentials;  // std::nullopt: no such file
  std::optional<IniFile> config;
};

std::optional<IniFile> read_ini(const std::string& path) {
  if (path.empty())
    return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return parse_aws_ini(text.str());
}

SharedFiles load_shared_files(const Environment& environment) {
  SharedFiles files;
  const auto home = non_empty(environment, "HOME");
  if (auto path = non_empty(environment, "AWS_SHARED_CREDENTIALS_FILE")) {
    files.credentials_path = expand_home(*path, environment);
  } else if (home) {
    files.credentials_path = *home + "/.aws/credentials";
  }
  if (auto path = non_empty(environment, "AWS_CONFIG_FILE")) {
    files.config_path = expand_home(*path, environment);
  } else if (home) {
    files.config_path = *home + "/.aws/config";
  }
  files.credentials = read_ini(files.credentials_path);
  files.config = read_ini(files.config_path);
  return files;
}

using Section = std::map<std::string, std::string>;

const Section* find_section(const std::optional<IniFile>& file, const std::string& name) {
  if (!file)
    return nullptr;
  auto it = file->find(name);
  return it == file->end() ? nullptr : &it->second;
}

// ~/.aws/config names profiles "[profile x]", except the default one ("[default]").
const Section* config_profile(const SharedFiles& files, const std::string& profile) {
  if (const Section* section = find_section(files.config, "profile " + profile))
    return section;
  if (profile == "default")
    return find_section(files.config, "default");
  return nullptr;
}

std::optional<std::string> value_of(const Section* section, const std::string& key) {
  if (section == nullptr)
    return std::nullopt;
  auto it = section->find(key);
  if (it == section->end() || it->second.empty())
    return std::nullopt;
  return it->second;
}

std::optional<Credentials> credentials_in(const Section* section) {
  auto id = value_of(section, "aws_access_key_id");
  auto secret = value_of(section, "aws_secret_access_key");
  if (!id && !secret)
    return std::nullopt;
  if (!id || !secret) {
    throw SourceError(std::string("incomplete AWS credentials: ") +
                      (id ? "aws_secret_access_key" : "aws_access_key_id") + " is missing");
  }
  Credentials credentials{*id, *secret, value_of(section, "aws_session_token").value_or("")};
  return credentials;
}

bool is_dns_compatible(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63)
    return false;
  for (char c : bucket) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok)
      return false;  // dots break TLS certificates of virtual hosts; use path style
  }
  return bucket.front() != '-' && bucket.back() != '-';
}

void parse_endpoint(const std::string& url, S3Config& config) {
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    config.scheme = "https";
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    config.scheme = "http";
    rest.remove_prefix(7);
  } else {
    throw SourceError("endpoint URL \"" + url + "\" must start with http:// or https://");
  }
  while (rest.ends_with('/'))
    rest.remove_suffix(1);
  if (rest.find_first_of("/?#@") != std::string_view::npos || rest.empty()) {
    throw SourceError("endpoint URL \"" + url +
                      "\" must be scheme://host[:port], without a path, query or user name");
  }
  std::string_view host = rest;
  const auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
    host = rest.substr(0, colon);
    const std::string port(rest.substr(colon + 1));
    char* end = nullptr;
    const long value = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || value <= 0 || value > 65535) {
      throw SourceError("endpoint URL \"" + url + "\" has an invalid port");
    }
    config.port = static_cast<int>(value);
  }
  config.host = std::string(host);
}

}  // namespace

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr)
      return std::nullopt;
    return std::string(value);
  };
}

Environment environment_from(std::map<std::string, std::string, std::less<>> variables) {
  return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end())
      return std::nullopt;
    return it->second;
  };
}

std::string mask_key_id(std::string_view access_key_id) {
  if (access_key_id.size() <= 4)
    return "****";
  return std::string(access_key_id.size() - 4, '*') +
         std::string(access_key_id.substr(access_key_id.size() - 4));
}

IniFile parse_aws_ini(std::string_view text) {
  IniFile out;
  for (auto& section : config::parse_ini(text, "", config::kAwsIniRules).sections) {
    auto& merged = out[section.name];
    for (auto& entry : section.entries)
      merged[ascii_lower(entry.key)] = std::move(entry.value);
  }
  return out;
}

std::string S3Config::endpoint() const {
  std::string out = scheme;
  out.append("://").append(host);
  if (port != 0) {
    out.push_back(':');
    out.append(std::to_string(port));
  }
  return out;
}

bool S3Config::path_style(std::string_view bucket) const {
  switch (addressing) {
    case Addressing::kPath:
      return true;
    case Addressing::kVirtualHost:
      return false;
    case Addressing::kAuto:
      break;
  }
  return custom_endpoint || !is_dns_compatible(bucket);
}

namespace {

// The profile and its sections in the shared files.
struct Profile {
  std::string name = "default";
  bool named = true;  // by --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE
  const Section* credentials = nullptr;
  const Section* config = nullptr;
};

// --profile, then AWS_PROFILE (AWS_DEFAULT_PROFILE for CLI v1), then "default".
Profile resolve_profile(const S3Options& options, const Environment& environment,
                        const SharedFiles& files) {
  Profile profile;
  if (options.profile) {
    profile.name = *options.profile;
  } else if (auto name = non_empty(environment, "AWS_PROFILE")) {
    profile.name = *name;
  } else if (auto old_name = non_empty(environment, "AWS_DEFAULT_PROFILE")) {
    profile.name = *old_name;
  } else {
    profile.named = false;
  }
  profile.credentials = find_section(files.credentials, profile.name);
  profile.config = config_profile(files, profile.name);
  if (profile.named && profile.name != "default" && profile.credentials == nullptr &&
      profile.config == nullptr && !options.no_sign_request) {
    throw SourceError(
        "the AWS profile \"" + profile.name + "\" was not found in " +
        (files.credentials_path.empty() ? "(no credentials file)" : files.credentials_path) +
        " or " + (files.config_path.empty() ? "(no config file)" : files.config_path));
  }
  return profile;
}

// Credentials, in the AWS CLI's order. An explicit --profile skips the environment's keys.
void resolve_credentials(const S3Options& options, const Environment& environment,
                         const SharedFiles& files, const Profile& profile, S3Config& config) {
  if (options.no_sign_request) {
    config.credentials_source = "none (--no-sign-request)";
    return;
  }
  auto id = non_empty(environment, "AWS_ACCESS_KEY_ID");
  auto secret = non_empty(environment, "AWS_SECRET_ACCESS_KEY");
  if (!options.profile && (id || secret)) {
    if (!id || !secret) {
      throw SourceError(std::string("incomplete AWS credentials in the environment: ") +
                        (id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") + " is not set");
    }
    auto token = non_empty(environment, "AWS_SESSION_TOKEN");
    if (!token)
      token = non_empty(environment, "AWS_SECURITY_TOKEN");
    config.credentials = Credentials{*id, *secret, token.value_or("")};
    config.credentials_source = "environment (AWS_ACCESS_KEY_ID)";
  } else if (auto from_credentials = credentials_in(profile.credentials)) {
    config.credentials = std::move(from_credentials);
    config.credentials_source = "profile " + profile.name + " in " + files.credentials_path;
  } else if (auto from_config = credentials_in(profile.config)) {
    config.credentials = std::move(from_config);
    config.credentials_source = "profile " + profile.name + " in " + files.config_path;
  } else {
    throw SourceError(
        "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
        "AWS_PROFILE with a profile in ~/.aws/credentials (looked for profile \"" +
        profile.name + "\"); for a public bucket use --no-sign-request");
  }
}

// --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1.
std::string resolve_region(const S3Options& options, const Environment& environment,
                           const Profile& profile) {
  if (options.region && !options.region->empty())
    return *options.region;
  if (auto region = non_empty(environment, "AWS_REGION"))
    return *region;
  if (auto default_region = non_empty(environment, "AWS_DEFAULT_REGION"))
    return *default_region;
  return value_of(profile.config, "region").value_or("us-east-1");
}

// --endpoint-url, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's, AWS's own.
void resolve_endpoint(const S3Options& options, const Environment& environment,
                      const Profile& profile, S3Config& config) {
  std::optional<std::string> endpoint = options.endpoint_url;
  if (!endpoint || endpoint->empty())
    endpoint = non_empty(environment, "AWS_ENDPOINT_URL_S3");
  if (!endpoint)
    endpoint = non_empty(environment, "AWS_ENDPOINT_URL");
  if (!endpoint)
    endpoint = value_of(profile.config, "s3.endpoint_url");
  if (!endpoint)
    endpoint = value_of(profile.config, "endpoint_url");
  if (endpoint) {
    parse_endpoint(*endpoint, config);
    config.custom_endpoint = true;
  } else {
    config.scheme = "https";
    config.host = "s3." + config.region + ".amazonaws.com";
  }
}

}  // namespace

S3Config resolve_config(const S3Options& options, const Environment& environment) {
  S3Config config;
  config.options = options;
  const SharedFiles files = load_shared_files(environment);
  const Profile profile = resolve_profile(options, environment, files);
  resolve_credentials(options, environment, files, profile, config);
  config.region = resolve_region(options, environment, profile);
  resolve_endpoint(options, environment, profile, config);

  config.addressing = options.addressing;
  if (config.addressing == Addressing::kAuto) {
    const auto style = value_of(profile.config, "s3.addressing_style");
    if (style == "path")
      config.addressing = Addressing::kPath;
    if (style == "virtual")
      config.addressing = Addressing::kVirtualHost;
  }
  if (config.options.max_concurrency == 0)
    config.options.max_concurrency = 1;
  config.options.max_keys = std::clamp(config.options.max_keys, 1, 1000);
  config.options.max_retries = std::max(config.options.max_retries, 0);
  return config;
}

}  // namespace sparkify::s3

#include "config/dwh_config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/ascii_text.hpp"

namespace sparkify::config {
namespace {

using StringField = std::optional<std::string>;

// One known key: where its value goes.
struct KeySpec {
  std::string_view name;
  std::function<void(const std::string& value, int line, ConfigResult& result)> store;
};

std::optional<std::string> non_empty(const std::string& v) {
  return v.empty() ? std::nullopt : std::optional<std::string>(v);
}

// Reads the entries of one known section; reports missing and unknown keys.
void read_section(const IniSection& section, const std::vector<KeySpec>& keys,
                  const std::string& file, ConfigResult& result) {
  for (const auto& spec : keys) {
    const auto it = std::find_if(section.entries.begin(), section.entries.end(),
                                 [&](const IniEntry& e) { return iequals(e.key, spec.name); });
    if (it == section.entries.end()) {
      result.errors.push_back(
          Issue{file, section.line,
                "section [" + section.name + "] has no key " + std::string(spec.name)});
    } else {
      spec.store(it->value, it->line, result);
    }
  }
  for (const auto& entry : section.entries) {
    const bool known = std::any_of(keys.begin(), keys.end(),
                                   [&](const KeySpec& k) { return iequals(k.name, entry.key); });
    if (!known) {
      result.warnings.push_back(Issue{
          file, entry.line, "unknown key " + entry.key + " in [" + section.name + "] ignored"});
    }
  }
}

std::vector<KeySpec> string_keys(
    std::initializer_list<std::pair<std::string_view, StringField*>> fields) {
  std::vector<KeySpec> out;
  for (const auto& [name, field] : fields) {
    out.push_back(KeySpec{name, [field = field](const std::string& v, int, ConfigResult&) {
                            *field = non_empty(v);
                          }});
  }
  return out;
}

// A keyword as written in any case and with any spaces ("KEY (start_time)").
std::string keyword(std::string_view v) {
  std::string out = ascii_lower(v);
  std::erase(out, ' ');
  return out;
}

// [REDSHIFT]: this tool's own section, every key optional. Errors name the key
// and what is allowed, never the value.
void read_redshift_section(const IniSection& section, RedshiftConfig& r, const std::string& file,
                           ConfigResult& result) {
  for (const auto& entry : section.entries) {
    const std::string& v = entry.value;
    const auto error = [&](std::string_view what) {
      result.errors.push_back(
          Issue{file, entry.line, "[REDSHIFT] " + entry.key + " " + std::string(what)});
    };
    if (iequals(entry.key, "STAGING")) {
      if (v.empty())
        continue;
      const std::string m = keyword(v);
      if (m != "insert" && m != "copy" && m != "auto") {
        error("must be insert, copy or auto");
        continue;
      }
      r.staging = m;
    } else if (iequals(entry.key, "D_TIME_DISTRIBUTION")) {
      if (v.empty())
        continue;
      const std::string d = keyword(v);
      if (d != "all" && d != "key" && d != "key(start_time)") {
        error("must be ALL or KEY");
        continue;
      }
      r.d_time_distribution = d == "all" ? "all" : "key";
    } else if (iequals(entry.key, "STAGING_URI")) {
      if (v.empty())
        continue;
      if (!v.starts_with("s3://") || v.size() <= 5) {
        error("must be an s3://bucket/prefix URI");
        continue;
      }
      r.staging_uri = v;
    } else if (iequals(entry.key, "MAX_ERRORS")) {
      if (v.empty())
        continue;
      std::int64_t n = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      // Redshift's COPY refuses MAXERROR above 100000 (COPY, data load parameters).
      if (ec != std::errc{} || ptr != v.data() + v.size() || n < 0 || n > 100'000) {
        error("must be a whole number from 0 to 100000 (Redshift's MAXERROR range)");
        continue;
      }
      r.max_errors = n;
    } else {
      result.warnings.push_back(Issue{
          file, entry.line, "unknown key " + entry.key + " in [" + section.name + "] ignored"});
    }
  }
}

}  // namespace

ConfigResult parse_config(std::string_view text, const std::string& file_name) {
  ConfigResult result;
  auto doc = parse_ini(text, file_name);
  result.errors = std::move(doc.errors);
  Config config;

  for (const auto& section : doc.sections) {
    if (iequals(section.name, "CLUSTER")) {
      auto& c = config.cluster.emplace();
      auto keys = string_keys({{"HOST", &c.host},
                               {"DB_NAME", &c.db_name},
                               {"DB_USER", &c.db_user},
                               {"DB_PASSWORD", &c.db_password}});
      keys.push_back(KeySpec{
          "DB_PORT", [&c, &file_name](const std::string& v, int line, ConfigResult& r) {
            if (v.empty())
              return;
            int port = 0;
            auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), port);
            if (ec != std::errc{} || ptr != v.data() + v.size() || port < 1 || port > 65535) {
              r.errors.push_back(Issue{file_name, line,
                                       "DB_PORT must be a port number (1-65535), not '" + v + "'"});
              return;
            }
            c.db_port = port;
          }});
      read_section(section, keys, file_name, result);
    } else if (iequals(section.name, "S3")) {
      auto& s = config.s3.emplace();
      read_section(section,
                   string_keys({{"LOG_DATA", &s.log_data},
                                {"LOG_JSONPATH", &s.log_jsonpath},
                                {"SONG_DATA", &s.song_data}}),
                   file_name, result);
    } else if (iequals(section.name, "IAM_ROLE")) {
      auto& i = config.iam_role.emplace();
      read_section(section, string_keys({{"ARN", &i.arn}}), file_name, result);
    } else if (iequals(section.name, "REDSHIFT")) {
      read_redshift_section(section, config.redshift.emplace(), file_name, result);
    } else {
      result.warnings.push_back(
          Issue{file_name, section.line, "unknown section [" + section.name + "] ignored"});
    }
  }
  if (result.errors.empty())
    result.config = std::move(config);
  return result;
}

ConfigResult load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult result;
    result.errors.push_back(Issue{path.string(), 0, "cannot read the config file"});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string());
}

}  // namespace sparkify::config

// Fuzz target: the prototype's INI config file (dwh.cfg) and the libpq
// connection string built from it. Properties: no crash; an accepted config
// yields a connection string whose password is hidden by redact_conninfo;
// the password never survives redaction.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/conninfo.hpp"
#include "config/dwh_config.hpp"
#include "fuzz/fuzz_check.hpp"
#include "warehouse/libpq/pg_redact.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = sparkify::config::parse_config(text, "fuzz.cfg");
  if (!result.ok())
    return 0;
  const auto& cluster = result.config->cluster;
  if (!cluster)
    return 0;
  const std::string conninfo = sparkify::config::cluster_conninfo(*cluster);
  const std::string redacted = sparkify::pg::redact_conninfo(conninfo);
  const auto& password = cluster->db_password;
  if (password && password->size() >= 6) {
    // Unless the password also occurs in the rest of the redacted text (the other
    // fields, or across them and the "password='***'" that replaces it: a fuzzed
    // password "2' user='u' pass" matches "port='5432' user='u' password"), it must be gone.
    auto without = *cluster;
    without.db_password.reset();
    const std::string rest = sparkify::config::cluster_conninfo(without) + " password='" +
                             std::string(sparkify::pg::kRedacted) + "'";
    if (rest.find(*password) == std::string::npos) {
      FUZZ_CHECK(redacted.find(*password) == std::string::npos);
    }
  }
  return 0;
}

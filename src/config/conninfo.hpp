// Builds a libpq keyword connection string from the [CLUSTER] section.
#pragma once

#include <string>
#include <string_view>

#include "config/dwh_config.hpp"

namespace sparkify::config {

// A value in libpq keyword syntax: single-quoted, with backslash and quote
// escaped by a backslash, so spaces, quotes and '=' survive.
std::string quote_libpq_value(std::string_view value);

// "host='...' port='5439' dbname='...' user='...' password='...'" with only the
// fields that are set, so libpq's defaults, PG* variables and ~/.pgpass fill the
// rest. The result contains the password: pass it to libpq, never print it
// (pg::redact_conninfo makes it printable).
std::string cluster_conninfo(const ClusterConfig& cluster);

}  // namespace sparkify::config

// Target selection for the PostgreSQL engine.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "warehouse/warehouse.hpp"

namespace sparkify {

// Whether a --target names a PostgreSQL warehouse: a libpq URI
// (postgresql://... or postgres://...) or a keyword string (host=... dbname=...).
// "sqlite:PATH" and plain paths without '=' are not.
bool is_postgres_target(std::string_view target);

// Connects to the PostgreSQL warehouse named by a libpq URI or keyword string.
std::unique_ptr<Warehouse> open_postgres_warehouse(const std::string& conninfo,
                                                   bool read_only = false);

}  // namespace sparkify

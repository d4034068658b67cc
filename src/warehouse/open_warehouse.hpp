// Chooses and opens the warehouse engine for a target.
#pragma once

#include <memory>
#include <string>

#include "warehouse/warehouse.hpp"

namespace sparkify {

struct OpenOptions {
  // Open for reading only (the analysts' commands): nothing can be written and,
  // for SQLite, a missing file is an error instead of a new empty warehouse.
  bool read_only = false;
};

// Targets: "sqlite:PATH" or a plain file path for the embedded engine; a libpq
// URI (postgresql://user@host:5432/db) or keyword string (host=... dbname=...)
// for PostgreSQL.
std::unique_ptr<Warehouse> open_warehouse(const std::string& target, OpenOptions options = {});

}  // namespace sparkify

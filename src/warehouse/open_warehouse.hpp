// Chooses and opens the warehouse engine for a target.
#pragma once

#include <memory>
#include <string>

#include "warehouse/redshift/redshift_options.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct WarehouseOptions {
  // "" (chosen by the target), "sqlite", "postgresql" or "redshift".
  std::string engine;
  redshift::RedshiftOptions redshift;
  // Open for reading only (the analysts' commands): nothing can be written and,
  // for SQLite, a missing file is an error instead of a new empty warehouse.
  bool read_only = false;
};

// The engine a target names: "redshift" for redshift://..., "postgresql" for a
// libpq URI or keyword string, else "sqlite"; options.engine, when set, wins.
std::string target_engine(const std::string& target, const WarehouseOptions& options = {});

// Targets: "sqlite:PATH" or a plain file path for the embedded engine; a libpq
// URI (postgresql://user@host:5432/db) or keyword string (host=... dbname=...)
// for PostgreSQL; redshift://user@host:5439/db (or a PostgreSQL target with
// engine "redshift") for Redshift.
std::unique_ptr<Warehouse> open_warehouse(const std::string& target,
                                          const WarehouseOptions& options = {});

}  // namespace sparkify

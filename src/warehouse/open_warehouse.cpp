#include "warehouse/open_warehouse.hpp"

#include <algorithm>
#include <cstdlib>

#include "warehouse/postgres/open_postgres.hpp"
#include "warehouse/redshift/open_redshift.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {

std::string target_engine(const std::string& target, const WarehouseOptions& options) {
  if (!options.engine.empty())
    return options.engine;
  if (is_redshift_target(target))
    return "redshift";
  if (is_postgres_target(target))
    return "postgresql";
  return "sqlite";
}

std::unique_ptr<Warehouse> open_warehouse(const std::string& target,
                                          const WarehouseOptions& options) {
  const std::string engine = target_engine(target, options);
  if (engine == "redshift") {
    if (!is_redshift_target(target) && !is_postgres_target(target)) {
      throw WarehouseError(
          "the redshift engine needs redshift://user@host:5439/db or a PostgreSQL-style target");
    }
    return open_redshift_warehouse(target, options.redshift);
  }
  if (engine == "postgresql") {
    if (!is_postgres_target(target))
      throw WarehouseError("the postgresql engine needs a postgresql:// URI or 'host=...' string");
    return open_postgres_warehouse(target, options.read_only);
  }
  if (engine != "sqlite")
    throw WarehouseError("unknown engine " + engine);
  std::string path = target;
  if (path.starts_with("sqlite:"))
    path.erase(0, 7);
  if (path.empty())
    throw WarehouseError("the sqlite target needs a file path (sqlite:PATH)");
  SqliteOptions sqlite_options;
  sqlite_options.read_only = options.read_only;
  // How long a writer waits for another writer's lock before WarehouseBusy (exit 4).
  if (const char* ms = std::getenv("SPARKIFY_SQLITE_BUSY_TIMEOUT_MS"); ms != nullptr)
    sqlite_options.busy_timeout_ms = std::max(0, std::atoi(ms));
  return std::make_unique<SqliteWarehouse>(path, sqlite_options);
}

}  // namespace sparkify

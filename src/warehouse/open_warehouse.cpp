#include "warehouse/open_warehouse.hpp"

#include <algorithm>
#include <cstdlib>

#include "warehouse/postgres/open_postgres.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {

std::unique_ptr<Warehouse> open_warehouse(const std::string& target) {
  if (is_postgres_target(target)) return open_postgres_warehouse(target);
  std::string path = target;
  if (path.starts_with("sqlite:")) path.erase(0, 7);
  if (path.empty()) throw WarehouseError("the sqlite target needs a file path (sqlite:PATH)");
  SqliteOptions options;
  // How long a writer waits for another writer's lock before WarehouseBusy (exit 4).
  if (const char* ms = std::getenv("SPARKIFY_SQLITE_BUSY_TIMEOUT_MS"); ms != nullptr) {
    options.busy_timeout_ms = std::max(0, std::atoi(ms));
  }
  return std::make_unique<SqliteWarehouse>(path, options);
}

}  // namespace sparkify

#include "warehouse/open_warehouse.hpp"

#include "warehouse/postgres/open_postgres.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {

std::unique_ptr<Warehouse> open_warehouse(const std::string& target, OpenOptions options) {
  if (is_postgres_target(target))
    return open_postgres_warehouse(target, options.read_only);
  std::string path = target;
  if (path.starts_with("sqlite:"))
    path.erase(0, 7);
  if (path.empty())
    throw WarehouseError("the sqlite target needs a file path (sqlite:PATH)");
  SqliteOptions sqlite_options;
  sqlite_options.read_only = options.read_only;
  return std::make_unique<SqliteWarehouse>(path, sqlite_options);
}

}  // namespace sparkify

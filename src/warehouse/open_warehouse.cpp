#include "warehouse/open_warehouse.hpp"

#include "warehouse/postgres/open_postgres.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {

std::unique_ptr<Warehouse> open_warehouse(const std::string& target) {
  if (is_postgres_target(target)) return open_postgres_warehouse(target);
  std::string path = target;
  if (path.starts_with("sqlite:")) path.erase(0, 7);
  if (path.empty()) throw WarehouseError("the sqlite target needs a file path (sqlite:PATH)");
  return std::make_unique<SqliteWarehouse>(path);
}

}  // namespace sparkify

#include "warehouse/postgres/open_postgres.hpp"

#include "warehouse/libpq/pg_redact.hpp"
#include "warehouse/postgres/postgres_warehouse.hpp"

namespace sparkify {

bool is_postgres_target(std::string_view target) {
  if (pg::is_conninfo_uri(target))
    return true;
  if (target.starts_with("sqlite:"))
    return false;
  return target.find('=') != std::string_view::npos;
}

std::unique_ptr<Warehouse> open_postgres_warehouse(const std::string& conninfo, bool read_only) {
  return std::make_unique<PostgresWarehouse>(conninfo, read_only);
}

}  // namespace sparkify

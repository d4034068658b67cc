#include "warehouse/warehouse.hpp"

#include "warehouse/embedded_sql.hpp"

namespace sparkify {

int Warehouse::schema_version() {
  if (to_int(query(statement("migrate/version_table_exists")).rows.at(0).at(0)) == 0)
    return 0;
  return static_cast<int>(to_int(query(statement("migrate/current_version")).rows.at(0).at(0)));
}

std::string_view Warehouse::statement(std::string_view name) const {
  return engine_statement(sql_dir(), name);
}

std::vector<std::string> Warehouse::transform_steps() const {
  return engine_statement_names(sql_dir(), "transform");
}

std::vector<std::string> Warehouse::statement_names(std::string_view folder) const {
  return engine_statement_names(sql_dir(), folder);
}

}  // namespace sparkify

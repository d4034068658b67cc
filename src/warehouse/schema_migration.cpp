#include "warehouse/schema_migration.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/name_gender_sync.hpp"

namespace sparkify {

int apply_schema_files(Warehouse& warehouse, const SchemaRenderer& render) {
  warehouse.execute(warehouse.statement("migrate/create_version_table"));
  int current = warehouse.schema_version();
  require_known_schema(warehouse.sql_dir(), current, warehouse.describe());
  for (const auto& file : engine_schema_files(warehouse.sql_dir())) {
    if (file.version <= current)
      continue;
    warehouse.execute(render ? render(file.text) : std::string(file.text));
    warehouse.execute(warehouse.statement("migrate/record_version"),
                      {std::int64_t{file.version}, file.name, utc_now_text()});
    current = file.version;
  }
  // The reference data the transforms read (schema 2 made its table).
  if (current >= 2)
    sync_name_gender(warehouse, embedded_name_gender_reference(), NameSyncMode::keep_users_table);
  return current;
}

int migrate_in_one_transaction(Warehouse& warehouse, const std::function<void()>& guard,
                               const SchemaRenderer& render) {
  warehouse.begin();
  try {
    guard();
    const int version = apply_schema_files(warehouse, render);
    warehouse.commit();
    return version;
  } catch (...) {
    warehouse.rollback();
    throw;
  }
}

}  // namespace sparkify

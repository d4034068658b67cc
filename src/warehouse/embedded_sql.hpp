// The engines' .sql files, embedded into the binary at build time
// (cmake/embed_sql.cmake). Names are paths relative to src/warehouse/.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sparkify {

struct EmbeddedSql {
  std::string_view name;  // e.g. "sqlite/sql/transform/30_d_user.sql"
  std::string_view text;
};

std::span<const EmbeddedSql> embedded_sql();

// The text of one embedded file, if there is one by that name.
inline std::optional<std::string_view> find_embedded_sql(std::string_view name) {
  for (const auto& f : embedded_sql()) {
    if (f.name == name)
      return f.text;
  }
  return std::nullopt;
}

// The portable SQL, written once for every engine with $N parameters: sql/<folder>/<name>.sql.
inline constexpr std::string_view kPortableRoot = "sql/";

// The text of an engine's named statement ("sqlite", "transform/30_d_user"): the
// engine's own sqlite/sql/transform/30_d_user.sql when its dialect needs one, else
// the portable sql/transform/30_d_user.sql; throws WarehouseError when neither exists.
std::string_view engine_statement(std::string_view engine_dir, std::string_view name);

// Whether the engine writes the named statement in its own dialect.
bool engine_overrides(std::string_view engine_dir, std::string_view name);

// The names of an engine's statements in one folder ("" for all), its own and the
// portable ones, sorted and without repeats ("transform/10_d_artist", ...).
std::vector<std::string> engine_statement_names(std::string_view engine_dir,
                                                std::string_view folder);

// "postgres/sql/schema/004_play_artist_name.sql" -> 4: the number the file name starts with.
int schema_file_version(std::string_view file_name);

// One schema change, schema/NNN_*.sql: the portable file every engine applies, or the
// engine's own file by the same name where its dialect needs one.
struct SchemaFile {
  int version = 0;
  std::string name;  // "004_play_artist_name.sql", as etl_schema_version records it
  std::string_view text;
};

// An engine's schema files in the order they apply, its own and the portable ones. A
// version number names one change: an engine a change leaves alone has no file for it.
// (files: the embedded ones, or a test's.)
std::vector<SchemaFile> engine_schema_files(std::string_view engine_dir,
                                            std::span<const EmbeddedSql> files = embedded_sql());

// Throws WarehouseError when the warehouse's schema version is newer than the newest of
// the engine's embedded schema files: it was upgraded by a newer sparkify, and this one
// would write rows that the newer schema does not expect (a column left empty, say).
void require_known_schema(std::string_view engine_dir, int warehouse_version,
                          std::string_view warehouse);

}  // namespace sparkify

// The engines' .sql files, embedded into the binary at build time
// (cmake/embed_sql.cmake). Names are paths relative to src/warehouse/.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace sparkify {

struct EmbeddedSql {
  std::string_view name;  // e.g. "sqlite/sql/transform/10_d_artist.sql"
  std::string_view text;
};

std::span<const EmbeddedSql> embedded_sql();

// The text of one embedded file, if there is one by that name.
inline std::optional<std::string_view> find_embedded_sql(std::string_view name) {
  for (const auto& f : embedded_sql()) {
    if (f.name == name) return f.text;
  }
  return std::nullopt;
}

}  // namespace sparkify

#include "warehouse/embedded_sql.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "warehouse/warehouse.hpp"

namespace sparkify {

std::string_view engine_statement(std::string_view engine_dir, std::string_view name) {
  const auto text = find_embedded_sql(fmt::format("{}/sql/{}.sql", engine_dir, name));
  if (!text)
    throw WarehouseError(fmt::format("no SQL statement named {} for {}", name, engine_dir));
  return *text;
}

std::vector<std::string> engine_statement_names(std::string_view engine_dir,
                                                std::string_view folder) {
  const std::string root = fmt::format("{}/sql/", engine_dir);
  const std::string prefix = fmt::format("{}{}/", root, folder);
  std::vector<std::string> names;
  for (const auto& file : embedded_sql()) {
    if (file.name.starts_with(prefix) && file.name.ends_with(".sql")) {
      std::string_view name = file.name.substr(root.size());
      name.remove_suffix(4);  // ".sql"
      names.emplace_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sparkify

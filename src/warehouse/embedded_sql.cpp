#include "warehouse/embedded_sql.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "warehouse/column_placeholders.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

namespace {

// Where an engine's statements are looked up, in order: its own folder, where a
// dialect keeps the statements it writes differently, then the portable SQL.
std::array<std::string, 2> statement_roots(std::string_view engine_dir) {
  return {fmt::format("{}/sql/", engine_dir), std::string(kPortableRoot)};
}

// The written-out texts, and the table of views into them.
struct ExpandedFiles {
  std::vector<std::string> texts;
  std::vector<EmbeddedSql> files;
};

ExpandedFiles expand_all(std::span<const EmbeddedSql> raw) {
  ExpandedFiles out;
  out.texts.reserve(raw.size());  // the views below point into these strings: no reallocation
  out.files.reserve(raw.size());
  for (const auto& file : raw) {
    out.texts.push_back(expand_column_placeholders(file.text));
    out.files.push_back(EmbeddedSql{file.name, out.texts.back()});
  }
  return out;
}

}  // namespace

std::span<const EmbeddedSql> embedded_sql() {
  static const ExpandedFiles expanded = expand_all(embedded_files());
  return expanded.files;
}

std::string_view engine_statement(std::string_view engine_dir, std::string_view name) {
  for (const auto& root : statement_roots(engine_dir)) {
    if (const auto text = find_embedded_sql(fmt::format("{}{}.sql", root, name)))
      return *text;
  }
  throw WarehouseError(fmt::format("no SQL statement named {} for {}", name, engine_dir));
}

bool engine_overrides(std::string_view engine_dir, std::string_view name) {
  return find_embedded_sql(fmt::format("{}/sql/{}.sql", engine_dir, name)).has_value();
}

std::vector<std::string> engine_statement_names(std::string_view engine_dir,
                                                std::string_view folder) {
  std::vector<std::string> names;
  for (const auto& root : statement_roots(engine_dir)) {
    const std::string prefix = folder.empty() ? root : fmt::format("{}{}/", root, folder);
    for (const auto& file : embedded_sql()) {
      if (file.name.starts_with(prefix) && file.name.ends_with(".sql")) {
        std::string_view name = file.name.substr(root.size());
        name.remove_suffix(4);  // ".sql"
        names.emplace_back(name);
      }
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

int schema_file_version(std::string_view file_name) {
  const auto slash = file_name.rfind('/');
  if (slash != std::string_view::npos)
    file_name.remove_prefix(slash + 1);
  int version = 0;
  std::from_chars(file_name.data(), file_name.data() + file_name.size(), version);
  return version;
}

std::vector<SchemaFile> engine_schema_files(std::string_view engine_dir,
                                            std::span<const EmbeddedSql> files) {
  const std::string own_prefix = fmt::format("{}/sql/schema/", engine_dir);
  const std::string portable_prefix = fmt::format("{}schema/", kPortableRoot);
  std::map<std::string, SchemaFile> by_name;
  for (const auto& file : files) {
    const bool own = file.name.starts_with(own_prefix);
    if (!own && !file.name.starts_with(portable_prefix))
      continue;
    std::string name(file.name.substr(own ? own_prefix.size() : portable_prefix.size()));
    if (own || !by_name.contains(name))
      by_name[name] = SchemaFile{schema_file_version(name), name, file.text};
  }
  std::vector<SchemaFile> ordered;
  for (auto& [name, file] : by_name)
    ordered.push_back(std::move(file));
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.version < b.version; });
  return ordered;
}

void require_known_schema(std::string_view engine_dir, int warehouse_version,
                          std::string_view warehouse) {
  const auto files = engine_schema_files(engine_dir);
  const int newest = files.empty() ? 0 : files.back().version;
  if (warehouse_version > newest) {
    throw WarehouseError(fmt::format(
        "{} has schema version {}, newer than this sparkify knows ({}): it was upgraded by a "
        "newer sparkify; use that one to write to it",
        warehouse, warehouse_version, newest));
  }
}

}  // namespace sparkify

#include "warehouse/engines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>

#include "warehouse/postgres/open_postgres.hpp"
#include "warehouse/redshift/open_redshift.hpp"
#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

constexpr std::array<std::string_view, 1> kRedshiftSchemes{"redshift"};
constexpr std::array<std::string_view, 2> kPostgresSchemes{"postgresql", "postgres"};

bool any_target(std::string_view /*target*/) {
  return true;
}

std::unique_ptr<Warehouse> open_redshift(const std::string& target,
                                         const WarehouseOptions& options) {
  return open_redshift_warehouse(target, options.redshift);
}

bool redshift_accepts(std::string_view target) {
  return is_redshift_target(target) || is_postgres_target(target);
}

std::unique_ptr<Warehouse> open_postgres(const std::string& target,
                                         const WarehouseOptions& options) {
  return open_postgres_warehouse(target, options.read_only);
}

// "sqlite:PATH" or a plain path. Read-only, the file must exist: an analyst's
// typo is an error, not a new empty warehouse.
std::unique_ptr<Warehouse> open_sqlite(const std::string& target, const WarehouseOptions& options) {
  const std::string path = target.starts_with("sqlite:") ? target.substr(7) : target;
  if (path.empty())
    throw WarehouseError("the sqlite target needs a file path (sqlite:PATH)");
  if (options.read_only && !std::filesystem::exists(path))
    throw WarehouseError("no warehouse at " + path + " (`sparkify load` creates one)");
  SqliteOptions sqlite_options;
  sqlite_options.read_only = options.read_only;
  // How long a writer waits for another writer's lock before WarehouseBusy (exit 4).
  if (const char* ms = std::getenv("SPARKIFY_SQLITE_BUSY_TIMEOUT_MS"); ms != nullptr)
    sqlite_options.busy_timeout_ms = std::max(0, std::atoi(ms));
  return std::make_unique<SqliteWarehouse>(path, sqlite_options);
}

constexpr std::array kEngines{
    Engine{"sqlite", "sqlite:FILE", {}, any_target, any_target, open_sqlite, 500},
    Engine{"postgresql",
           "postgresql://user@host:5432/db (or postgres://, or 'host=... dbname=...')",
           kPostgresSchemes, is_postgres_target, is_postgres_target, open_postgres, 10'000},
    Engine{"redshift",
           "redshift://user@host:5439/db (or a PostgreSQL target with --engine redshift)",
           kRedshiftSchemes, redshift_accepts, is_redshift_target, open_redshift, 10'000},
};

}  // namespace

const Engine& engine_named(std::string_view name) {
  const auto engine = std::ranges::find(kEngines, name, &Engine::name);
  if (engine == kEngines.end())
    throw WarehouseError(fmt::format("unknown engine {}", name));
  return *engine;
}

std::span<const Engine> engines() {
  return kEngines;
}

std::vector<std::string> engine_names() {
  std::vector<std::string> names;
  names.reserve(kEngines.size());
  for (const Engine& engine : kEngines)
    names.emplace_back(engine.name);
  return names;
}

bool is_known_scheme(std::string_view scheme) {
  return std::ranges::any_of(kEngines, [scheme](const Engine& engine) {
    return std::ranges::find(engine.schemes, scheme) != engine.schemes.end();
  });
}

std::string target_engine(const std::string& target, const WarehouseOptions& options) {
  if (!options.engine.empty())
    return options.engine;
  // The most specific engine first: a redshift:// URI with parameters also looks like a
  // libpq keyword string, and the embedded engine takes any path.
  const auto engine =
      std::find_if(kEngines.rbegin(), kEngines.rend(),
                   [&target](const Engine& candidate) { return candidate.recognises(target); });
  return std::string(engine->name);  // the first engine recognises every target
}

std::unique_ptr<Warehouse> open_warehouse(const std::string& target,
                                          const WarehouseOptions& options) {
  const Engine& engine = engine_named(target_engine(target, options));
  if (!engine.accepts(target)) {
    throw WarehouseError(fmt::format("the {} engine needs {}", engine.name, engine.target_forms));
  }
  return engine.open(target, options);
}

}  // namespace sparkify

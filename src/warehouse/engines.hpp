// The warehouse engines this build knows, and how a target picks one: the only
// place above the engine folders that names them.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "warehouse/redshift/redshift_options.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct WarehouseOptions {
  // "" (chosen by the target) or the name of an engine.
  std::string engine;
  redshift::RedshiftOptions redshift;
  // Open for reading only (the analysts' commands): nothing can be written, and
  // a missing warehouse is an error instead of a new empty one.
  bool read_only = false;
};

struct Engine {
  std::string_view name;  // what --engine takes
  // How a target for it is written, for help and errors.
  std::string_view target_forms;
  // The URI schemes that name this engine without --engine ("redshift" for
  // redshift://...); a target with another scheme names no engine.
  std::span<const std::string_view> schemes;
  // Whether the engine can open a target (explicitly chosen or not).
  bool (*accepts)(std::string_view target);
  // Whether a target names this engine when --engine is not given.
  bool (*recognises)(std::string_view target);
  std::unique_ptr<Warehouse> (*open)(const std::string& target, const WarehouseOptions& options);
  // The server's micro-batch when --batch-rows is not given: staged rows that make a
  // transform due. Where a transform holds the acknowledgements while it runs
  // (SQLite's single writer), a small one keeps every hold short.
  std::int64_t micro_batch_rows;
};

// Every engine, the embedded default first; a target names the last engine that
// recognises it (the default recognises every target).
std::span<const Engine> engines();

// The engine of that name; throws WarehouseError for an unknown one.
const Engine& engine_named(std::string_view name);

// Their names, in the order of engines().
std::vector<std::string> engine_names();

// Whether a scheme ("postgresql" of postgresql://...) is one an engine reads.
bool is_known_scheme(std::string_view scheme);

// The engine a target names: options.engine when set, else the last engine
// that recognises the target (redshift://... is Redshift, a libpq URI or keyword
// string PostgreSQL, anything else a SQLite path).
std::string target_engine(const std::string& target, const WarehouseOptions& options = {});

// Opens the target with its engine; throws WarehouseError for an unknown engine
// or a target the chosen engine cannot open.
std::unique_ptr<Warehouse> open_warehouse(const std::string& target,
                                          const WarehouseOptions& options = {});

}  // namespace sparkify

// Creating and upgrading a warehouse's schema, the same way on every engine: the
// engine's schema files (sql/schema/NNN_*.sql, or <engine>/sql/schema/NNN_*.sql where
// its dialect needs its own) are applied in order, each recorded in
// etl_schema_version, inside the caller's transaction.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "warehouse/warehouse.hpp"

namespace sparkify {

// What an engine sends for one schema file (Redshift fills in its distribution styles).
using SchemaRenderer = std::function<std::string(std::string_view file_text)>;

// Inside the open transaction: creates etl_schema_version when missing, applies every
// schema file newer than the version in place (refusing a warehouse newer than this
// build knows), then loads the name-to-gender reference data. Returns the version now
// in place. The caller begins, locks against a concurrent migration, and commits.
int apply_schema_files(Warehouse& warehouse, const SchemaRenderer& render = {});

// What an engine's migrate() does: begins a transaction, runs `guard` (the engine's lock
// against a concurrent migration, and anything the schema files need first), applies
// the schema files and commits; any failure rolls the whole migration back.
int migrate_in_one_transaction(Warehouse& warehouse, const std::function<void()>& guard,
                               const SchemaRenderer& render = {});

}  // namespace sparkify

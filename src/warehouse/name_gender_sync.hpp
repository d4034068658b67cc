// Filling a warehouse's name-to-gender reference table (ref_name_gender), the
// same way on every engine: C++ decides whether the table must change and runs
// the engine's named statements names/state, names/clear, names/insert (all the
// rows at once through Warehouse::insert_rows), names/record and names/refresh_users.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "names/name_gender_table.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

// A name-to-gender table as CSV text (data/names/name_gender.csv's format) and
// where it came from.
struct NameGenderReference {
  std::string source;  // "embedded", or the user's names.zip / folder
  std::string csv;
};

// The table compiled into the binary.
NameGenderReference embedded_name_gender_reference();

// A table built from a user's own SSA data (names.zip or a folder of yob*.txt)
// with build_name_gender_table(). Throws std::runtime_error when it cannot be read.
NameGenderReference name_gender_reference_from(const std::filesystem::path& names,
                                               double threshold = names::kDefaultThreshold,
                                               std::int64_t min_total = names::kDefaultMinTotal);

enum class NameSyncMode {
  // migrate(): fill when the table is empty, or when it holds an earlier
  // embedded table; a user's own table (--names) is kept.
  keep_users_table,
  // --names: replace whatever is there when the content differs.
  replace,
};

struct NameSyncResult {
  bool changed = false;
  std::size_t rows = 0;            // names in the table now
  std::string source;              // what filled it
  std::int64_t users_updated = 0;  // d_user rows whose gender was looked up again
};

// Brings ref_name_gender in line with `reference`, inside the caller's open
// transaction. The schema must be at version 2 or later.
NameSyncResult sync_name_gender(Warehouse& warehouse, const NameGenderReference& reference,
                                NameSyncMode mode);

}  // namespace sparkify

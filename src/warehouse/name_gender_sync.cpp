#include "warehouse/name_gender_sync.hpp"

#include <vector>

#include "core/clock.hpp"
#include "core/sha256.hpp"
#include "names/embedded_names.hpp"
#include "names/name_gender.hpp"

namespace sparkify {

namespace {
constexpr std::string_view kRegenderStep = "transform/80_a_regender_users";
}  // namespace

NameGenderReference embedded_name_gender_reference() {
  return {"embedded", std::string(names::embedded_name_gender_csv())};
}

NameGenderReference name_gender_reference_from(const std::filesystem::path& names, double threshold,
                                               std::int64_t min_total) {
  const auto built = names::build_name_gender_table(names, threshold, min_total);
  return {names.string(), names::name_gender_csv(built.rows)};
}

NameSyncResult sync_name_gender(Warehouse& warehouse, const NameGenderReference& reference,
                                NameSyncMode mode) {
  const std::string checksum = sha256_hex(reference.csv);
  const Table state = warehouse.query(warehouse.statement("names/state"));
  NameSyncResult result;
  if (!state.rows.empty()) {
    const auto& row = state.rows.front();
    const std::string source = to_text(row.at(0)).value_or("");
    const bool same = to_text(row.at(1)).value_or("") == checksum;
    const bool keep = mode == NameSyncMode::keep_users_table && source != "embedded";
    if (same || keep) {
      result.rows = static_cast<std::size_t>(to_int(row.at(2)));
      result.source = source;
      return result;
    }
  }
  // Parsed (and so validated) before anything is deleted.
  const auto table = names::NameGender::from_csv(reference.csv, reference.source);
  warehouse.execute(warehouse.statement("names/clear"));
  std::vector<std::vector<Value>> rows;
  rows.reserve(table.size());
  for (const auto& entry : table.entries()) {
    rows.push_back(
        {entry.name, std::string(1, entry.guess.gender), entry.guess.share, entry.guess.total});
  }
  // One bulk insert (PostgreSQL: a COPY; Redshift: a few multi-row INSERTs).
  warehouse.insert_rows("names/insert", rows);
  warehouse.execute(
      warehouse.statement("names/record"),
      {reference.source, checksum, static_cast<std::int64_t>(table.size()), utc_now_text()});
  result.users_updated = warehouse.execute(warehouse.statement("names/refresh_users"));
  // The play counts by gender follow the users' new genders: the transform step
  // that does it for a batch's users, here for every user (no batch: NULL).
  warehouse.execute(warehouse.statement(kRegenderStep), {Value{}});
  result.changed = true;
  result.rows = table.size();
  result.source = reference.source;
  return result;
}

}  // namespace sparkify

#include "pipeline/bulk_write.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/phase_timer.hpp"

namespace sparkify {

SetAsideKeys::SetAsideKeys(Warehouse& warehouse, std::string_view phase)
    : warehouse_(warehouse), phase_(phase) {
  if (!has_bulk_path(warehouse_))
    return;
  const PhaseTimer timer(fmt::format("bulk: {} keys dropped", phase_));
  const Table keys = warehouse_.query(warehouse_.statement("bulk/keys"), {phase_});
  for (const auto& row : keys.rows) {
    warehouse_.execute(*to_text(row.at(0)));
    build_statements_.push_back(*to_text(row.at(1)));
  }
}

namespace {

// Runs one statement in a savepoint; on failure rolls back to it, leaving the batch's
// transaction usable, and returns false.
bool execute_in_savepoint(Warehouse& warehouse, const std::string& sql) {
  warehouse.execute("SAVEPOINT sparkify_key");
  try {
    warehouse.execute(sql);
  } catch (const WarehouseError&) {
    warehouse.execute("ROLLBACK TO SAVEPOINT sparkify_key");
    warehouse.execute("RELEASE SAVEPOINT sparkify_key");
    return false;
  }
  warehouse.execute("RELEASE SAVEPOINT sparkify_key");
  return true;
}

}  // namespace

void SetAsideKeys::rebuild(const std::function<void()>& repair) {
  const PhaseTimer timer(fmt::format("bulk: {} keys built", phase_));
  bool may_repair = static_cast<bool>(repair);
  for (auto it = build_statements_.rbegin(); it != build_statements_.rend(); ++it) {
    if (!may_repair) {
      warehouse_.execute(*it);
    } else if (!execute_in_savepoint(warehouse_, *it)) {
      repair();
      may_repair = false;
      warehouse_.execute(*it);
    }
  }
  build_statements_.clear();
}

bool has_bulk_path(const Warehouse& warehouse) {
  return !warehouse.statement_names("bulk").empty();
}

BatchScale scale_of_batch(Warehouse& warehouse, std::uint64_t batch_bytes, std::uint64_t run_bytes,
                          std::uint64_t min_bytes) {
  if (batch_bytes < min_bytes)
    return {};
  const Table loaded = warehouse.query(warehouse.statement("ledger/loaded_bytes"));
  const auto held_now =
      static_cast<std::uint64_t>(std::max<std::int64_t>(0, to_int(loaded.rows.at(0).at(0))));
  const std::uint64_t held_at_start = held_now - std::min(held_now, run_bytes);
  return {.large_for_the_run = batch_bytes >= held_at_start,
          .large_for_the_keys = 2 * batch_bytes >= held_now};
}

bool takes_bulk_path(Warehouse& warehouse) {
  if (!has_bulk_path(warehouse))
    return false;
  // Only the tables' owner may drop their keys: a loader with write grants alone keeps
  // to the path with every key in place.
  for (const std::string phase : {"staging", "star"}) {
    const Table keys = warehouse.query(warehouse.statement("bulk/keys"), {phase});
    for (const auto& row : keys.rows) {
      if (to_int(row.at(2)) == 0)
        return false;
    }
  }
  return true;
}

LargeBatch::LargeBatch(Warehouse& warehouse, BatchWrite how)
    : warehouse_(warehouse), told_(how.large || how.bulk) {
  if (told_)
    warehouse_.set_batch_write(how);
}

LargeBatch::~LargeBatch() {
  if (!told_)
    return;
  try {
    warehouse_.set_batch_write({});
  } catch (const std::exception&) {
    // The connection is lost or closing: the next open of the warehouse sets it again.
  }
}

}  // namespace sparkify

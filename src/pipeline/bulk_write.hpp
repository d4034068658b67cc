// The bulk path: for a batch that is large next to what the warehouse holds (the
// first load, a backfill, a replay), the indexes and keys that the engine lists are
// dropped before the rows are written and built again after them,
// inside the batch's transaction, as pg_restore does: each index built in one sorted
// pass and each foreign key checked by one join, instead of a B-tree insert and a
// lookup per row. Readers see the old tables, or on PostgreSQL wait for the commit.
//
// The engine lists what it sets aside in bulk/keys (rows of drop_statement,
// build_statement for a phase); an engine without them writes row by row always
// (Redshift, which has no secondary indexes and does not enforce foreign keys). An
// engine whose foreign keys cannot be dropped inside the transaction may turn them off
// before it and check them once at the commit (SQLite; BatchWrite::bulk).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "warehouse/warehouse.hpp"

namespace sparkify {

// The keys that bulk/keys lists for `phase` ("staging" or "star"), dropped for the life
// of this object's transaction until rebuild() builds them again. Destroyed without
// rebuild() (an error), the batch's rollback brings them back.
class SetAsideKeys {
 public:
  SetAsideKeys(Warehouse& warehouse, std::string_view phase);
  // Builds them again, in the reverse order of their dropping; a foreign key that the
  // new rows break fails here, and the batch with it. With `repair` (the staging
  // writer's remove_repeats), a key that fails to build gets one repair: each build
  // runs in a savepoint, and the first that fails is rolled back, `repair` runs and the
  // key is built again. A batch whose rows break no key pays for no repair.
  void rebuild(const std::function<void()>& repair = {});

 private:
  Warehouse& warehouse_;
  std::string phase_;
  std::vector<std::string> build_statements_;
};

// True when the engine has a bulk path.
bool has_bulk_path(const Warehouse& warehouse);

// Whether a batch reading batch_bytes of input is large next to the warehouse, measured
// against the objects loaded (etl_object, asked only of a batch that reads min_bytes):
struct BatchScale {
  // At least as many bytes as the warehouse held when the run began (every batch of a
  // first load or of a big backfill): a large batch (LargeBatch), which on SQLite writes
  // through a rollback journal, whose cost does not grow with the warehouse.
  bool large_for_the_run = false;
  // At least half as many bytes as it holds now: the bulk path. Rebuilding the keys over
  // every row (at most three times the batch's rows) then costs less than maintaining
  // them row by row: PostgreSQL's second event batch of twice large, half the warehouse,
  // took 64.2 s row by row and 46.7 s on the bulk path. The batches that rebuild them grow
  // geometrically, so a long run rebuilds each row only a few times.
  bool large_for_the_keys = false;
};
// run_bytes: what the run's earlier batches loaded. Asked before the batch's transaction.
BatchScale scale_of_batch(Warehouse& warehouse, std::uint64_t batch_bytes, std::uint64_t run_bytes,
                          std::uint64_t min_bytes);

// Whether a large batch takes the bulk path: the engine has one, and this connection
// may drop and build the keys it lists (only the tables' owner may).
bool takes_bulk_path(Warehouse& warehouse);

// Tells the warehouse, for the life of this object, how its transactions write a batch
// (Warehouse::set_batch_write: large, on the bulk path); constructed before the batch
// begins, destroyed after it commits or rolls back.
class LargeBatch {
 public:
  LargeBatch(Warehouse& warehouse, BatchWrite how);
  ~LargeBatch();
  LargeBatch(const LargeBatch&) = delete;
  LargeBatch& operator=(const LargeBatch&) = delete;

 private:
  Warehouse& warehouse_;
  bool told_;
};

}  // namespace sparkify

// Moving staged rows into the star schema, exactly once.
#pragma once

#include <cstdint>
#include <utility>

#include "pipeline/batch_transaction.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

// Runs every transform step of the engine for the rows staged up to max_batch
// and not yet processed, inside the open transaction, and flags them processed.
// Returns the (songs, events) that were waiting.
std::pair<std::int64_t, std::int64_t> transform_staged(Warehouse& warehouse,
                                                       std::int64_t max_batch);

// Staged rows waiting for the star schema: (songs, events).
std::pair<std::int64_t, std::int64_t> unprocessed_rows(Warehouse& warehouse);

// A 'transform' batch of its own, when rows are waiting; returns its counts
// (all zero, and no batch, when nothing was waiting).
BatchCounts transform_batch(Warehouse& warehouse);

// Rebuilds every dimension and fact from the retained staging tables in one
// transaction: readers see the old star schema or the new one, never a
// half-built one. Returns the counts of the 'replay' batch.
BatchCounts replay(Warehouse& warehouse);

}  // namespace sparkify

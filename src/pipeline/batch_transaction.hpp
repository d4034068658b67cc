// One batch = one transaction, with its etl_batch row. Every writer (a load,
// an ingest request, a transform micro-batch, a replay) goes through this.
#pragma once

#include <cstdint>
#include <string>

#include "warehouse/warehouse.hpp"

namespace sparkify {

struct BatchCounts {
  std::int64_t objects = 0;
  StagingCounts staged;
  std::int64_t songs_processed = 0;
  std::int64_t events_processed = 0;
};

class BatchTransaction {
 public:
  // BEGIN, a new batch id, and its 'running' row (visible only once committed).
  BatchTransaction(Warehouse& warehouse, std::string kind);
  // Rolls back when neither commit() nor abort() was called.
  ~BatchTransaction();
  BatchTransaction(const BatchTransaction&) = delete;
  BatchTransaction& operator=(const BatchTransaction&) = delete;

  std::int64_t id() const { return id_; }
  const std::string& started_at() const { return started_at_; }

  // Records the counts and commits: the batch becomes visible all at once.
  void commit(const BatchCounts& counts);
  // Rolls back, then records the batch as failed (best effort) with the error.
  void abort(const std::string& error) noexcept;

 private:
  Warehouse& warehouse_;
  std::string kind_;
  std::string started_at_;
  std::int64_t id_ = 0;
  bool open_ = false;
};

}  // namespace sparkify

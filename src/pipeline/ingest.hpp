// Staging records that arrive in memory (the server's POST bodies) rather than
// as objects: several requests are staged in one 'ingest' batch (group
// commit), so their acknowledgement costs one transaction between them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/records.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct IngestRequest {
  std::vector<SongRecord> songs;
  std::vector<EventRecord> events;
  std::vector<Reject> rejects;
};

struct IngestResult {
  std::int64_t batch_id = 0;
  std::vector<StagingCounts> per_request;  // in the order of the requests
};

// Stages every request in one transaction and commits it: when this returns,
// the rows are durable. Throws (and stages nothing) when the warehouse fails.
IngestResult stage_requests(Warehouse& warehouse,
                            const std::vector<const IngestRequest*>& requests);

}  // namespace sparkify

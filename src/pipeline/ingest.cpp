#include "pipeline/ingest.hpp"

#include "pipeline/batch_transaction.hpp"

namespace sparkify {
namespace {

StagingCounts difference(const StagingCounts& after, const StagingCounts& before) {
  return StagingCounts{after.songs_staged - before.songs_staged,
                       after.events_staged - before.events_staged,
                       after.duplicates - before.duplicates, after.rejects - before.rejects};
}

}  // namespace

IngestResult stage_requests(Warehouse& wh, const std::vector<const IngestRequest*>& requests) {
  IngestResult result;
  BatchTransaction batch(wh, "ingest");
  try {
    auto staging = wh.open_staging(batch.id(), batch.started_at(), StagedRows::waiting,
                                   WritePath::incremental);
    StagingCounts before;
    for (const IngestRequest* request : requests) {
      for (const auto& s : request->songs)
        staging->add(s);
      for (const auto& e : request->events)
        staging->add(e);
      for (const auto& r : request->rejects)
        staging->add(r);
      staging->flush();
      const StagingCounts now = staging->counts();
      result.per_request.push_back(difference(now, before));
      before = now;
    }
    BatchCounts counts;
    counts.staged = staging->counts();
    batch.commit(counts);
  } catch (const std::exception& e) {
    batch.abort(e.what());
    throw;
  }
  result.batch_id = batch.id();
  return result;
}

}  // namespace sparkify

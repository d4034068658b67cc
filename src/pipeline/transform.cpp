#include "pipeline/transform.hpp"

#include <limits>
#include <tuple>

#include "core/phase_timer.hpp"
#include "pipeline/bulk_write.hpp"

namespace sparkify {

std::pair<std::int64_t, std::int64_t> transform_staged(Warehouse& wh, std::int64_t max_batch) {
  const std::vector<Value> params{max_batch};
  const Table waiting = wh.query(wh.statement("ledger/unprocessed_counts"), params);
  const std::int64_t songs = to_int(waiting.rows.at(0).at(0));
  const std::int64_t events = to_int(waiting.rows.at(0).at(1));
  if (songs == 0 && events == 0)
    return {0, 0};
  for (const auto& step : wh.transform_steps()) {
    const PhaseTimer timer(step);
    wh.execute(wh.statement(step), params);
  }
  return {songs, events};
}

std::pair<std::int64_t, std::int64_t> unprocessed_rows(Warehouse& wh) {
  const Table waiting = wh.query(wh.statement("ledger/unprocessed_counts"),
                                 {std::numeric_limits<std::int64_t>::max()});
  return {to_int(waiting.rows.at(0).at(0)), to_int(waiting.rows.at(0).at(1))};
}

BatchCounts transform_batch(Warehouse& wh) {
  BatchCounts counts;
  const auto [songs, events] = unprocessed_rows(wh);
  if (songs == 0 && events == 0)
    return counts;
  BatchTransaction batch(wh, "transform");
  try {
    std::tie(counts.songs_processed, counts.events_processed) = transform_staged(wh, batch.id());
    batch.commit(counts);
  } catch (const std::exception& e) {
    batch.abort(e.what());
    throw;
  }
  return counts;
}

BatchCounts replay(Warehouse& wh) {
  BatchCounts counts;
  // Every row of the star schema is written again.
  const LargeBatch large(wh, {.large = true, .bulk = takes_bulk_path(wh)});
  BatchTransaction batch(wh, "replay");
  try {
    wh.execute(wh.statement("replay/reset"));
    // The star schema is empty: every row of it is written again, on the bulk path.
    SetAsideKeys star_keys(wh, "star");
    std::tie(counts.songs_processed, counts.events_processed) = transform_staged(wh, batch.id());
    star_keys.rebuild();
    batch.commit(counts);
  } catch (const std::exception& e) {
    batch.abort(e.what());
    throw;
  }
  return counts;
}

}  // namespace sparkify

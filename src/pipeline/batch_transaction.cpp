#include "pipeline/batch_transaction.hpp"

#include "core/clock.hpp"

namespace sparkify {

BatchTransaction::BatchTransaction(Warehouse& warehouse, std::string kind)
    : warehouse_(warehouse), kind_(std::move(kind)), started_at_(utc_now_text()) {
  warehouse_.begin();
  open_ = true;
  try {
    id_ = to_int(warehouse_.query(warehouse_.statement("ledger/next_batch_id")).rows.at(0).at(0));
    warehouse_.execute(warehouse_.statement("ledger/begin_batch"), {id_, kind_, started_at_});
  } catch (...) {
    warehouse_.rollback();
    open_ = false;
    throw;
  }
}

BatchTransaction::~BatchTransaction() {
  if (!open_)
    return;
  try {
    warehouse_.rollback();
  } catch (...) {
    // The connection is gone; so is the transaction.
  }
}

void BatchTransaction::commit(const BatchCounts& c) {
  warehouse_.execute(warehouse_.statement("ledger/finish_batch"),
                     {id_, std::string("committed"), utc_now_text(), c.objects,
                      c.staged.songs_staged, c.staged.events_staged, c.staged.duplicates,
                      c.staged.rejects, c.songs_processed, c.events_processed, Value{}});
  warehouse_.commit();
  open_ = false;
}

void BatchTransaction::abort(const std::string& error) noexcept {
  if (!open_)
    return;
  open_ = false;
  try {
    warehouse_.rollback();
    // For the record only: the batch itself left no trace.
    warehouse_.begin();
    warehouse_.execute(warehouse_.statement("ledger/record_failed_batch"),
                       {id_, kind_, started_at_, utc_now_text(), error});
    warehouse_.commit();
  } catch (...) {
    try {
      warehouse_.rollback();
    } catch (...) {
    }
  }
}

}  // namespace sparkify

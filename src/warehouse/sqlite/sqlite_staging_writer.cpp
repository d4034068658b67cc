#include "warehouse/sqlite/sqlite_staging_writer.hpp"

#include "warehouse/sqlite/sqlite_warehouse.hpp"
#include "warehouse/staging_row.hpp"

namespace sparkify {

SqliteStagingWriter::SqliteStagingWriter(SqliteWarehouse& warehouse, std::int64_t batch_id,
                                         std::string staged_at, StagedRows rows)
    : warehouse_(warehouse),
      batch_id_(batch_id),
      staged_at_(std::move(staged_at)),
      processed_(rows == StagedRows::transformed_by_this_batch ? 1 : 0),
      insert_song_(warehouse.handle(), warehouse.statement("staging/insert_song")),
      insert_event_(warehouse.handle(), warehouse.statement("staging/insert_event")),
      insert_reject_(warehouse.handle(), warehouse.statement("staging/insert_reject")),
      record_object_(warehouse.handle(), warehouse.statement("ledger/record_object")) {}

namespace {

// Binds a record's columns to the statement's parameters $1, $2, ... in
// staging_row's order; the text stays the record's until the statement is stepped.
class BindColumns {
 public:
  explicit BindColumns(sqlite::Statement& statement) : statement_(statement) { statement_.reset(); }

  template <typename T>
  void operator()(std::string_view /*column*/, const T& value) {
    ++index_;
    if constexpr (std::is_same_v<T, std::string>) {
      statement_.bind_text(index_, value);
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      statement_.bind_int(index_, value);
    } else if constexpr (std::is_same_v<T, std::optional<std::string_view>>) {
      value ? statement_.bind_text(index_, *value) : statement_.bind_null(index_);
    } else {
      statement_.bind_optional(index_, value);
    }
  }

 private:
  sqlite::Statement& statement_;
  int index_ = 0;
};

}  // namespace

StagingStamp SqliteStagingWriter::stamp() const {
  return StagingStamp{batch_id_, staged_at_, processed_};
}

void SqliteStagingWriter::add(const SongRecord& s) {
  visit_columns(s, stamp(), BindColumns(insert_song_));
  insert_song_.step();
  if (sqlite3_changes64(warehouse_.handle()) > 0) {
    ++counts_.songs_staged;
  } else {
    ++counts_.duplicates;
  }
}

void SqliteStagingWriter::add(const EventRecord& e) {
  visit_columns(e, stamp(), BindColumns(insert_event_));
  insert_event_.step();
  if (sqlite3_changes64(warehouse_.handle()) > 0) {
    ++counts_.events_staged;
  } else {
    ++counts_.duplicates;
  }
}

void SqliteStagingWriter::add(const Reject& r) {
  visit_columns(r, stamp(), BindColumns(insert_reject_));
  insert_reject_.step();
  ++counts_.rejects;
}

void SqliteStagingWriter::add(const LoadedObject& o) {
  visit_columns(o, stamp(), BindColumns(record_object_));
  record_object_.step();
}

}  // namespace sparkify

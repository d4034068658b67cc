#include "warehouse/redshift/redshift_staging_writer.hpp"

#include <fmt/format.h>

#include <map>

#include "warehouse/redshift/redshift_copy.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"
#include "warehouse/staging_row.hpp"

namespace sparkify {
namespace {

// A record's columns as one row of a multi-row INSERT, in staging_row's order.
class ValueColumns {
 public:
  template <typename T>
  void operator()(std::string_view /*column*/, const T& value) {
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::int64_t>) {
      row_.emplace_back(value);
    } else if constexpr (std::is_same_v<T, std::optional<std::string_view>>) {
      value ? row_.emplace_back(std::string(*value)) : row_.emplace_back();
    } else {
      value ? row_.emplace_back(*value) : row_.emplace_back();
    }
  }
  std::vector<Value> take() { return std::move(row_); }

 private:
  std::vector<Value> row_;
};

template <typename Record>
std::vector<Value> values_row(const Record& record, const StagingStamp& stamp) {
  ValueColumns columns;
  visit_columns(record, stamp, columns);
  return columns.take();
}

template <typename Record>
std::string values_head(std::string_view table) {
  return fmt::format("INSERT INTO {} ({}) VALUES", table, column_list<Record>(false));
}

}  // namespace

StagingInsertHeads staging_insert_heads() {
  return {values_head<SongRecord>("tmp_s_song"), values_head<EventRecord>("tmp_s_songplay_event"),
          values_head<Reject>("etl_reject"), values_head<LoadedObject>("tmp_etl_object")};
}

RedshiftStagingWriter::RedshiftStagingWriter(RedshiftWarehouse& warehouse, std::int64_t batch_id,
                                             std::string staged_at, std::size_t max_statement_bytes)
    : RedshiftStagingWriter(warehouse, batch_id, std::move(staged_at), max_statement_bytes,
                            staging_insert_heads()) {}

RedshiftStagingWriter::RedshiftStagingWriter(RedshiftWarehouse& warehouse, std::int64_t batch_id,
                                             std::string staged_at, std::size_t max_statement_bytes,
                                             const StagingInsertHeads& heads)
    : warehouse_(warehouse),
      batch_id_(batch_id),
      staged_at_(std::move(staged_at)),
      songs_(heads.songs, max_statement_bytes,
             [this](const std::string& sql) { warehouse_.execute(sql); }),
      events_(heads.events, max_statement_bytes,
              [this](const std::string& sql) { warehouse_.execute(sql); }),
      rejects_(heads.rejects, max_statement_bytes,
               [this](const std::string& sql) { counts_.rejects += warehouse_.execute(sql); }),
      objects_(heads.objects, max_statement_bytes,
               [this](const std::string& sql) { warehouse_.execute(sql); }) {
  warehouse_.execute(warehouse_.statement("staging/create_temp"));
  warehouse_.execute(warehouse_.statement("staging/clear_songs"));
  warehouse_.execute(warehouse_.statement("staging/clear_events"));
  warehouse_.execute(warehouse_.statement("staging/clear_objects"));
}

StagingStamp RedshiftStagingWriter::stamp() const {
  // The merges from the temporary tables set the processed flag.
  return StagingStamp{batch_id_, staged_at_, std::nullopt};
}

void RedshiftStagingWriter::add(const SongRecord& s) {
  if (!song_ids_.insert(s.song_id).second) {
    flush_songs();
    song_ids_.insert(s.song_id);
  }
  songs_.add(values_row(s, stamp()));
  ++songs_in_round_;
}

void RedshiftStagingWriter::add(const EventRecord& e) {
  if (!event_ids_.insert(e.event_id).second) {
    flush_events();
    event_ids_.insert(e.event_id);
  }
  events_.add(values_row(e, stamp()));
  ++events_in_round_;
}

void RedshiftStagingWriter::add(const Reject& j) {
  rejects_.add(values_row(j, stamp()));
}

void RedshiftStagingWriter::add(const LoadedObject& o) {
  objects_.add(values_row(o, stamp()));
  ++objects_in_round_;
}

void RedshiftStagingWriter::flush_songs() {
  songs_.flush();
  if (songs_in_round_ > 0) {
    warehouse_.execute(warehouse_.statement("staging/merge_songs_delete"));
    const auto staged = warehouse_.execute(warehouse_.statement("staging/merge_songs_insert"));
    warehouse_.execute(warehouse_.statement("staging/clear_songs"));
    counts_.songs_staged += staged;
    counts_.duplicates += songs_in_round_ - staged;
  }
  songs_in_round_ = 0;
  song_ids_.clear();
}

void RedshiftStagingWriter::flush_events() {
  events_.flush();
  if (events_in_round_ > 0) {
    const auto staged = warehouse_.execute(warehouse_.statement("staging/merge_events"));
    warehouse_.execute(warehouse_.statement("staging/clear_events"));
    counts_.events_staged += staged;
    counts_.duplicates += events_in_round_ - staged;
  }
  events_in_round_ = 0;
  event_ids_.clear();
}

void RedshiftStagingWriter::flush_objects() {
  objects_.flush();
  if (objects_in_round_ > 0) {
    warehouse_.execute(warehouse_.statement("staging/merge_objects"));
    warehouse_.execute(warehouse_.statement("staging/clear_objects"));
  }
  objects_in_round_ = 0;
}

void RedshiftStagingWriter::flush() {
  flush_songs();
  flush_events();
  rejects_.flush();
  flush_objects();
}

bool RedshiftStagingWriter::loads_server_side(std::string_view kind) const {
  return kind == "event" && warehouse_.copy_staging().has_value();
}

void RedshiftStagingWriter::load_server_side(const std::vector<LoadedObject>& objects) {
  const auto& copy = warehouse_.copy_staging();
  if (!copy)
    throw std::logic_error("redshift: no COPY staging configured");
  std::vector<std::string> urls;
  urls.reserve(objects.size());
  for (const auto& o : objects) {
    if (!o.source_key.starts_with("s3://")) {
      throw WarehouseError(fmt::format(
          "redshift: COPY loads only objects on S3, and {} is not (use --redshift-staging insert)",
          o.source_key));
    }
    urls.push_back(o.source_key);
  }
  flush();  // the client's rows first, so that the ledger and counts stay in order

  // 1. Every bucket in the COPY's region; the manifest (exactly these objects, each
  // mandatory) and, once, the JSONPaths file.
  const redshift::CopySpec spec = redshift::copy_spec(*copy, batch_id_);
  redshift::require_copy_region(*copy, spec, urls, warehouse_.buckets_in_copy_region());
  copy->put_object(spec.manifest_url, redshift::make_manifest(urls));
  if (copy->log_jsonpath.empty() && !warehouse_.jsonpaths_uploaded()) {
    copy->put_object(spec.jsonpaths_url, redshift::event_jsonpaths());
    warehouse_.set_jsonpaths_uploaded();
  }

  // 2. COPY into s_raw_event, then its rejects and the typed rows, in this transaction.
  // Rejects get the batch's time, as the client path's do.
  const std::vector<Value> params{batch_id_, staged_at_, spec.manifest_url};
  warehouse_.execute(warehouse_.statement("copy/clear_raw"));
  try {
    warehouse_.run_copy(redshift::render_copy(warehouse_.statement("copy/copy_events"), spec));
  } catch (const WarehouseUnavailable&) {
    throw;
  } catch (const WarehouseError& e) {
    throw WarehouseError(
        fmt::format("COPY of the event logs listed in {} failed: {}", spec.manifest_url, e.what()));
  }
  const std::int64_t copied =
      to_int(warehouse_.query("SELECT COUNT(*) FROM s_raw_event").rows.at(0).at(0));
  counts_.rejects += warehouse_.execute(warehouse_.statement("copy/load_errors"), params);
  const std::int64_t invalid =
      warehouse_.execute(warehouse_.statement("copy/invalid_rejects"), params);
  counts_.rejects += invalid;
  const std::int64_t staged =
      warehouse_.execute(warehouse_.statement("copy/merge_raw_events"), params);
  counts_.events_staged += staged;
  counts_.duplicates += copied - invalid - staged;
  warehouse_.execute(warehouse_.statement("copy/clear_raw"));

  // 3. The ledger: one row per object, with the lines COPY read from it and rejected.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> scanned;
  for (const auto& row : warehouse_.query(warehouse_.statement("copy/file_lines")).rows)
    scanned[*to_text(row.at(0))] = {to_int(row.at(1)), to_int(row.at(2))};
  constexpr std::size_t kFileName = 256;  // sys_load_detail.file_name is CHAR(256)
  for (const auto& o : objects) {
    auto it = scanned.find(o.source_key);
    if (it == scanned.end() && o.source_key.size() > kFileName)
      it = scanned.find(std::string_view(o.source_key).substr(0, kFileName));
    LoadedObject row = o;
    if (it != scanned.end()) {
      row.rejects = it->second.second;
      row.records = it->second.first - it->second.second;
    }
    add(row);
  }
  flush_objects();
}

std::size_t RedshiftStagingWriter::statements_sent() const {
  return songs_.statements_sent() + events_.statements_sent() + rejects_.statements_sent() +
         objects_.statements_sent();
}

}  // namespace sparkify

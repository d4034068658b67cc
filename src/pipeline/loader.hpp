// One incremental ETL run: list the objects not yet in the ledger, read
// and parse them in parallel, stage them, transform the unprocessed staged rows
// into the star schema and mark them processed. One transaction per batch: a
// crash at any moment leaves the warehouse as if the batch had never started.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/batch_hook.hpp"
#include "pipeline/batch_transaction.hpp"
#include "source/source.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

enum class ObjectKind { song, event };
std::string_view to_string(ObjectKind kind);

struct SourceSpec {
  std::unique_ptr<Source> source;
  ObjectKind kind;
};

// 200,000 objects: a first load's song files (about 300 bytes each) fill batches of about
// 60 MB, large enough for the bulk path, instead of many small batches whose upserts into
// the growing dimensions cost more each time.
inline constexpr std::size_t kDefaultBatchObjects = 200'000;

struct LoadOptions {
  std::size_t jobs = 0;                                  // parser threads; 0 = one per core
  std::size_t batch_max_objects = kDefaultBatchObjects;  // objects per batch (transaction)
  // Input bytes per batch; 0: the engine's (Warehouse::default_batch_max_bytes).
  std::uint64_t batch_max_bytes = 0;
  // Objects listed, then looked up in the ledger, at a time (one range query each).
  std::size_t listing_window = 10'000;
  // An event log larger than this is parsed in line-aligned parts of about this
  // size, on every core, and staged part by part, read part by part from sources
  // that stream (folders, S3): neither the records nor the bytes of a 30 MB daily
  // log sit in memory at once.
  std::size_t event_part_bytes = 2ULL << 20;
  // A batch reading at least this many bytes, and at least as many as the objects
  // already loaded, takes the bulk path (pipeline/bulk_write.hpp) where the engine
  // has one. Below it, the few index builds cost more than the rows' inserts.
  std::uint64_t bulk_min_bytes = 32ULL << 20;
};

struct LoadProgress {
  std::size_t objects_total = 0;
  std::size_t objects_done = 0;
  std::uint64_t bytes_total = 0;
  std::uint64_t bytes_done = 0;
  std::string phase;  // "listing", "loading", "transforming", "committing"
  // The totals grow while the sources are being listed (batches run as the listing
  // goes); true once every object has been listed.
  bool listed_all = false;
};
using ProgressCallback = std::function<void(const LoadProgress&)>;

// Records read from the objects of one kind: those parsed and those rejected.
struct RecordTally {
  std::int64_t parsed = 0;
  std::int64_t rejected = 0;
};

struct LoadReport {
  std::size_t objects_listed = 0;
  std::size_t objects_skipped = 0;  // already in the ledger with the same version
  std::size_t objects_loaded = 0;
  std::size_t objects_unreadable = 0;  // rejected because they could not be read
  std::uint64_t bytes_read = 0;
  StagingCounts staged;
  // Of the objects read here (not of unreadable objects, nor of server-side loads).
  RecordTally song_records;
  RecordTally event_records;
  std::int64_t songs_processed = 0;
  std::int64_t events_processed = 0;
  std::vector<std::int64_t> batches;       // committed batch ids
  std::vector<std::int64_t> bulk_batches;  // those of them that took the bulk path
  std::chrono::duration<double> elapsed{};
};

class Loader {
 public:
  // `hook` (a test seam, may be null) is called at the fault points of every batch.
  Loader(Warehouse& warehouse, LoadOptions options, ProgressCallback progress = {},
         BatchHook* hook = nullptr);

  LoadReport run(std::vector<SourceSpec>& sources);

 private:
  class Run;  // one run: listing, ledger lookups, batches filled and run
  struct Pending {
    std::size_t source;  // index into the sources
    ObjectInfo object;
  };
  struct StagedObjects;  // what staging a batch's objects gave
  static constexpr std::size_t kAlreadyLoaded = static_cast<std::size_t>(-1);

  void run_batch(std::vector<SourceSpec>& sources, const std::vector<Pending>& objects,
                 std::int64_t batch_number, LoadReport& report, LoadProgress& progress);
  StagedObjects stage_objects(std::vector<SourceSpec>& sources, const std::vector<Pending>& objects,
                              StagingWriter& staging, LoadProgress& progress);
  StagedObjects read_and_stage(std::vector<SourceSpec>& sources,
                               const std::vector<Pending>& objects, StagingWriter& staging,
                               LoadProgress& progress);
  BatchCounts transform_staged_rows(std::int64_t batch_id, StagingWriter& staging,
                                    std::size_t objects, LoadProgress& progress);
  void notify(const LoadProgress& progress) const;
  void at(FaultPoint point, std::int64_t batch_number);

  Warehouse& warehouse_;
  LoadOptions options_;
  ProgressCallback progress_;
  BatchHook* hook_;
};

}  // namespace sparkify

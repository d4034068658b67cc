#include "pipeline/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>

#include "core/allocator.hpp"
#include "core/phase_timer.hpp"
#include "parse/event_parser.hpp"
#include "parse/song_parser.hpp"
#include "pipeline/batch_transaction.hpp"
#include "pipeline/bulk_write.hpp"
#include "pipeline/event_log_parts.hpp"
#include "pipeline/ordered_parallel.hpp"
#include "pipeline/planner_statistics.hpp"
#include "pipeline/transform.hpp"

namespace sparkify {
namespace {

std::string ledger_key(std::string_view key, std::string_view version) {
  std::string out;
  out.reserve(key.size() + version.size() + 1);
  out.append(key).push_back('\n');
  out.append(version);
  return out;
}

// The ledger's (key, version) pairs for keys from first to last (byte order): one
// range of a listing, so a lookup costs what the range holds, not the whole ledger.
std::unordered_set<std::string> ledger_between(Warehouse& wh, const std::string& first,
                                               const std::string& last) {
  std::unordered_set<std::string> out;
  const Table t = wh.query(wh.statement("ledger/loaded_between"), {first, last});
  out.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    out.insert(ledger_key(*to_text(row.at(0)), *to_text(row.at(1))));
  }
  return out;
}

std::int64_t latest_batch(Warehouse& wh) {
  return to_int(wh.query(wh.statement("ledger/latest_batch_id")).rows.at(0).at(0));
}

// An object that could not be read, rejected as a whole (it stays out of the ledger).
Reject unreadable_reject(const std::string& key, const SourceError& error) {
  return Reject{key, 0, "", fmt::format("could not read the object: {}", error.what()), ""};
}

// What one worker makes of one object.
struct ParsedObject {
  std::vector<SongRecord> songs;
  std::vector<EventRecord> events;
  std::vector<Reject> rejects;
  std::uint64_t bytes = 0;
  bool unreadable = false;
  // A large event log, opened but not parsed: the writer reads and parses it in parts.
  std::unique_ptr<ObjectStream> unread;
};

struct WorkerParsers {
  SongParser songs;
  EventLogParser events;
};

// Reads and parses one object. A large event log is only opened: the writer
// reads and parses it part by part when its turn comes.
ParsedObject read_and_parse(Source& source, ObjectKind kind, const ObjectInfo& object,
                            std::size_t event_part_bytes, WorkerParsers& parsers) {
  ParsedObject out;
  std::string content;
  try {
    if (kind == ObjectKind::event && object.size > event_part_bytes) {
      out.unread = source.open_stream(object);
      return out;
    }
    content = source.read(object);
  } catch (const SourceError& e) {
    out.unreadable = true;
    out.rejects.push_back(unreadable_reject(object.key, e));
    return out;
  }
  out.bytes = content.size();
  if (kind == ObjectKind::song) {
    auto parsed = parsers.songs.parse(content, object.key);
    out.songs = std::move(parsed.records);
    out.rejects = std::move(parsed.rejects);
  } else {
    auto parsed = parsers.events.parse(content, object.key);
    out.events = std::move(parsed.records);
    out.rejects = std::move(parsed.rejects);
  }
  return out;
}

// Reads, parses and stages a large event log the workers only opened. Returns its
// records and rejects, or marks it unreadable when its stream failed before any of
// it was staged.
std::pair<std::size_t, std::size_t> stage_unread_log(ParsedObject& parsed, const ObjectInfo& object,
                                                     std::size_t part_bytes,
                                                     std::vector<EventLogParser>& part_parsers,
                                                     StagingWriter& staging) {
  std::pair<std::size_t, std::size_t> counts{0, parsed.rejects.size()};
  try {
    const auto staged =
        stage_event_log_streamed(*parsed.unread, object, part_bytes, part_parsers, staging);
    counts = {staged.records, staged.rejects};
    parsed.bytes = staged.bytes;
  } catch (const PartlyStagedLog&) {
    throw;  // the batch rolls back
  } catch (const SourceError& e) {
    // Failed before any of it was staged (after, it is PartlyStagedLog, which
    // rolls the batch back): rejected, kept out of the ledger, read next run.
    parsed.unreadable = true;
    parsed.rejects.push_back(unreadable_reject(object.key, e));
  }
  parsed.unread.reset();
  return counts;
}

template <typename Pending>
std::uint64_t bytes_of(const std::vector<Pending>& objects) {
  std::uint64_t bytes = 0;
  for (const auto& p : objects)
    bytes += p.object.size;
  return bytes;
}

// Every source opened and its first page listed, songs first (so that plays in a
// batch can match the songs staged with them).
struct OpenListing {
  std::size_t source;
  std::unique_ptr<ObjectListing> listing;
  std::vector<ObjectInfo> first_page;
};

std::vector<OpenListing> open_listings(std::vector<SourceSpec>& sources) {
  std::vector<OpenListing> listings;
  for (ObjectKind kind : {ObjectKind::song, ObjectKind::event}) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].kind != kind)
        continue;
      auto listing = sources[i].source->open_listing();
      auto first_page = listing->next_page();
      listings.push_back(OpenListing{i, std::move(listing), std::move(first_page)});
    }
  }
  return listings;
}

// Adds pages to the window until it holds `size` objects or the listing ends.
// Returns false once the listing has ended.
bool fill_window(ObjectListing& listing, std::vector<ObjectInfo>& window, std::size_t size) {
  bool more = true;
  while (more && window.size() < size) {
    auto page = listing.next_page();
    more = !page.empty();
    std::move(page.begin(), page.end(), std::back_inserter(window));
  }
  return more;
}

}  // namespace

std::string_view to_string(ObjectKind kind) {
  return kind == ObjectKind::song ? "song" : "event";
}

// ---- one run --------------------------------------------------------------

// The listing is read a window at a time and looked up in the ledger as it goes;
// the objects not yet loaded fill batches of bounded size, each run as soon as it
// is full. Memory follows the window and the batch, not the number of objects.
class Loader::Run {
 public:
  Run(Loader& loader, std::vector<SourceSpec>& sources) : loader_(loader), sources_(sources) {}
  LoadReport go();

 private:
  void list(OpenListing& open);
  void add(std::size_t source, ObjectInfo&& object);
  void run_pending();
  void drop_loaded_since_lookup();

  Loader& loader_;
  std::vector<SourceSpec>& sources_;
  LoadReport report_;
  LoadProgress progress_;
  std::vector<Pending> batch_;
  std::uint64_t batch_bytes_ = 0;
  // The newest ledger batch when the current window was looked up, moved on by this
  // run's own commits while nobody else commits; and its value when the pending
  // batch's first object was looked up. If the ledger moved since (another writer),
  // the batch is looked up again before it runs.
  std::int64_t window_looked_up_at_ = 0;
  std::int64_t batch_looked_up_at_ = 0;
  std::int64_t batch_number_ = 0;
  bool any_pending_ = false;
};

LoadReport Loader::Run::go() {
  const auto started = std::chrono::steady_clock::now();
  progress_.phase = "listing";
  loader_.notify(progress_);
  // Every source is opened and its first page listed before the first batch, so a
  // missing folder or bucket, or refused credentials, fail the run before it commits
  // anything.
  for (auto& open : open_listings(sources_))
    list(open);
  progress_.listed_all = true;
  run_pending();
  // Rows staged by someone else (the server's ingest) and never transformed.
  if (!any_pending_)
    loader_.run_batch(sources_, {}, ++batch_number_, report_, progress_);
  report_.elapsed = std::chrono::steady_clock::now() - started;
  return std::move(report_);
}

// One source's listing, window by window.
void Loader::Run::list(OpenListing& open) {
  Warehouse& wh = loader_.warehouse_;
  std::vector<ObjectInfo> window = std::move(open.first_page);
  for (bool more = !window.empty(); more;) {
    std::optional<PhaseTimer> window_timer(std::in_place, "listing+ledger (one window)");
    more = fill_window(*open.listing, window, loader_.options_.listing_window);
    if (window.empty()) {
      window_timer->discard();
      break;
    }
    report_.objects_listed += window.size();
    window_looked_up_at_ = latest_batch(wh);
    const auto loaded = ledger_between(wh, window.front().key, window.back().key);
    window_timer.reset();
    for (auto& object : window) {
      if (loaded.contains(ledger_key(object.key, object.version))) {
        ++report_.objects_skipped;
        continue;
      }
      add(open.source, std::move(object));
    }
    window.clear();
  }
}

void Loader::Run::add(std::size_t source, ObjectInfo&& object) {
  const LoadOptions& options = loader_.options_;
  if (!batch_.empty() && (batch_.size() >= options.batch_max_objects ||
                          batch_bytes_ + object.size > options.batch_max_bytes)) {
    run_pending();
  }
  if (batch_.empty())
    batch_looked_up_at_ = window_looked_up_at_;
  any_pending_ = true;
  progress_.objects_total++;
  progress_.bytes_total += object.size;
  batch_bytes_ += object.size;
  batch_.push_back(Pending{source, std::move(object)});
}

void Loader::Run::run_pending() {
  if (batch_.empty())
    return;
  if (latest_batch(loader_.warehouse_) != batch_looked_up_at_)
    drop_loaded_since_lookup();
  progress_.phase = "loading";
  const std::size_t committed = report_.batches.size();
  loader_.run_batch(sources_, batch_, ++batch_number_, report_, progress_);
  // Nobody else committed between the window's lookup and this batch: what the
  // window's lookup said about its other objects still holds.
  if (report_.batches.size() > committed && report_.batches.back() == window_looked_up_at_ + 1)
    window_looked_up_at_ = report_.batches.back();
  batch_.clear();
  batch_bytes_ = 0;
}

// Another writer committed since the batch was looked up: the objects it loaded
// leave the batch. One lookup per run of a source's objects (each run is in key
// order).
void Loader::Run::drop_loaded_since_lookup() {
  std::size_t begin = 0;
  while (begin < batch_.size()) {
    std::size_t end = begin + 1;
    while (end < batch_.size() && batch_[end].source == batch_[begin].source)
      ++end;
    const auto now_loaded =
        ledger_between(loader_.warehouse_, batch_[begin].object.key, batch_[end - 1].object.key);
    for (std::size_t i = begin; i < end; ++i) {
      if (now_loaded.contains(ledger_key(batch_[i].object.key, batch_[i].object.version))) {
        ++report_.objects_skipped;
        progress_.objects_total--;
        progress_.bytes_total -= batch_[i].object.size;
        batch_[i].source = kAlreadyLoaded;
      }
    }
    begin = end;
  }
  std::erase_if(batch_, [](const Pending& p) { return p.source == kAlreadyLoaded; });
}

// ---- one batch ------------------------------------------------------------

struct Loader::StagedObjects {
  std::size_t loaded = 0;
  std::size_t unreadable = 0;  // rejected as a whole, kept out of the ledger
  std::uint64_t bytes_read = 0;
  // Records of the objects read (an unreadable one is tried again next run).
  RecordTally song_records;
  RecordTally event_records;
};

Loader::Loader(Warehouse& warehouse, LoadOptions options, ProgressCallback progress,
               BatchHook* hook)
    : warehouse_(warehouse),
      options_(std::move(options)),
      progress_(std::move(progress)),
      hook_(hook) {
  if (options_.jobs == 0)
    options_.jobs = std::max(1U, std::thread::hardware_concurrency());
  if (options_.batch_max_bytes == 0)
    options_.batch_max_bytes = warehouse_.default_batch_max_bytes();
}

LoadReport Loader::run(std::vector<SourceSpec>& sources) {
  return Run(*this, sources).go();
}

void Loader::notify(const LoadProgress& progress) const {
  if (progress_)
    progress_(progress);
}

void Loader::at(FaultPoint point, std::int64_t batch_number) {
  if (hook_ != nullptr)
    hook_->at(point, batch_number);
}

void Loader::run_batch(std::vector<SourceSpec>& sources, const std::vector<Pending>& objects,
                       std::int64_t batch_number, LoadReport& report, LoadProgress& progress) {
  if (objects.empty()) {
    // Nothing to read: only transform what is waiting, if anything.
    const auto [songs, events] = unprocessed_rows(warehouse_);
    if (songs == 0 && events == 0)
      return;
  }
  at(FaultPoint::before_batch, batch_number);
  const BatchScale scale =
      scale_of_batch(warehouse_, bytes_of(objects), report.bytes_read, options_.bulk_min_bytes);
  const bool bulk = scale.large_for_the_keys && takes_bulk_path(warehouse_);
  const LargeBatch large(warehouse_, {.large = scale.large_for_the_run, .bulk = bulk});
  std::optional<PhaseTimer> stage_timer(std::in_place, "read+parse+stage");
  BatchTransaction batch(warehouse_, "load");
  try {
    std::optional<SetAsideKeys> staging_keys;
    if (bulk)
      staging_keys.emplace(warehouse_, "staging");
    auto staging = warehouse_.open_staging(batch.id(), batch.started_at(),
                                           StagedRows::transformed_by_this_batch,
                                           bulk ? WritePath::bulk : WritePath::incremental);
    const StagedObjects staged = stage_objects(sources, objects, *staging, progress);
    return_freed_memory();
    stage_timer.reset();
    at(FaultPoint::after_stage, batch_number);
    if (staging_keys) {
      staging_keys->rebuild([&staging] { staging->remove_repeats(); });
      analyze_staged_rows(warehouse_);
    }

    std::optional<SetAsideKeys> star_keys;
    if (bulk)
      star_keys.emplace(warehouse_, "star");
    const BatchCounts counts =
        transform_staged_rows(batch.id(), *staging, objects.size(), progress);
    if (star_keys)
      star_keys->rebuild();
    at(FaultPoint::before_commit, batch_number);
    progress.phase = "committing";
    notify(progress);
    {
      const PhaseTimer timer("commit");
      batch.commit(counts);
    }
    // After a large batch, the engines that keep planner statistics refresh them. A bulk
    // batch analysed its staged rows before its transforms, and they have not changed since.
    if (counts.staged.songs_staged + counts.staged.events_staged >= kStatisticsRefreshRows)
      refresh_planner_statistics(warehouse_, bulk);

    report.objects_loaded += staged.loaded;
    report.objects_unreadable += staged.unreadable;
    report.bytes_read += staged.bytes_read;
    report.staged.songs_staged += counts.staged.songs_staged;
    report.staged.events_staged += counts.staged.events_staged;
    report.staged.duplicates += counts.staged.duplicates;
    report.staged.rejects += counts.staged.rejects;
    for (auto [total, batch_tally] : {std::pair{&report.song_records, &staged.song_records},
                                      std::pair{&report.event_records, &staged.event_records}}) {
      total->parsed += batch_tally->parsed;
      total->rejected += batch_tally->rejected;
    }
    report.songs_processed += counts.songs_processed;
    report.events_processed += counts.events_processed;
    report.batches.push_back(batch.id());
    if (bulk)
      report.bulk_batches.push_back(batch.id());
    progress.phase = "loading";
  } catch (const std::exception& e) {
    batch.abort(e.what());
    throw;
  }
}

// Stages the batch's objects: those the warehouse loads itself (server-side) by
// reference, the others read and parsed here.
Loader::StagedObjects Loader::stage_objects(std::vector<SourceSpec>& sources,
                                            const std::vector<Pending>& objects,
                                            StagingWriter& staging, LoadProgress& progress) {
  std::vector<LoadedObject> server_side;
  std::vector<Pending> read_here;
  for (const auto& p : objects) {
    const std::string kind(to_string(sources[p.source].kind));
    if (staging.loads_server_side(kind)) {
      server_side.push_back(LoadedObject{p.object.key, p.object.version, kind,
                                         static_cast<std::int64_t>(p.object.size), 0, 0});
    } else {
      read_here.push_back(p);
    }
  }
  StagedObjects staged = read_and_stage(sources, read_here, staging, progress);
  staging.flush();
  if (!server_side.empty()) {
    staging.load_server_side(server_side);
    staged.loaded += server_side.size();
    progress.objects_done += server_side.size();
    for (const auto& o : server_side)
      progress.bytes_done += static_cast<std::uint64_t>(o.size_bytes);
    notify(progress);
  }
  return staged;
}

// Worker threads read and parse; this thread writes each object's rows, rejects
// and ledger row, in listing order.
Loader::StagedObjects Loader::read_and_stage(std::vector<SourceSpec>& sources,
                                             const std::vector<Pending>& objects,
                                             StagingWriter& staging, LoadProgress& progress) {
  // Network sources want many reads in flight; parsing threads are cheap to add.
  std::size_t jobs = options_.jobs;
  for (const auto& s : sources)
    jobs = std::max(jobs, s.source->read_concurrency());
  std::vector<WorkerParsers> parsers(jobs);
  // The writer's helpers for large event logs (the readers above keep reading ahead).
  std::vector<EventLogParser> part_parsers(options_.jobs);
  StagedObjects staged;
  ordered_parallel<ParsedObject>(
      objects.size(), ParallelLimits{jobs, std::max<std::size_t>(4 * jobs, 64), 64ULL << 20},
      [&](std::size_t i) { return objects[i].object.size; },
      [&](std::size_t worker, std::size_t i) {
        const Pending& p = objects[i];
        return read_and_parse(*sources[p.source].source, sources[p.source].kind, p.object,
                              options_.event_part_bytes, parsers[worker]);
      },
      [&](std::size_t i, ParsedObject&& parsed) {
        const Pending& p = objects[i];
        std::size_t records = parsed.songs.size() + parsed.events.size();
        std::size_t rejects = parsed.rejects.size();
        if (parsed.unread) {
          std::tie(records, rejects) =
              stage_unread_log(parsed, p.object, options_.event_part_bytes, part_parsers, staging);
        }
        for (const auto& s : parsed.songs)
          staging.add(s);
        for (const auto& e : parsed.events)
          staging.add(e);
        for (const auto& r : parsed.rejects)
          staging.add(r);
        if (parsed.unreadable) {
          ++staged.unreadable;  // not in the ledger: the next run tries it again
        } else {
          RecordTally& tally = sources[p.source].kind == ObjectKind::song ? staged.song_records
                                                                          : staged.event_records;
          tally.parsed += static_cast<std::int64_t>(records);
          tally.rejected += static_cast<std::int64_t>(rejects);
          staging.add(LoadedObject{
              p.object.key, p.object.version, std::string(to_string(sources[p.source].kind)),
              static_cast<std::int64_t>(p.object.size), static_cast<std::int64_t>(records),
              static_cast<std::int64_t>(rejects)});
          ++staged.loaded;
        }
        staged.bytes_read += parsed.bytes;
        progress.objects_done++;
        progress.bytes_done += p.object.size;
        notify(progress);
      });
  return staged;
}

BatchCounts Loader::transform_staged_rows(std::int64_t batch_id, StagingWriter& staging,
                                          std::size_t objects, LoadProgress& progress) {
  progress.phase = "transforming";
  notify(progress);
  BatchCounts counts;
  counts.objects = static_cast<std::int64_t>(objects);
  counts.staged = staging.counts();
  const PhaseTimer timer("transform (all steps)");
  std::tie(counts.songs_processed, counts.events_processed) =
      transform_staged(warehouse_, batch_id);
  return counts;
}

}  // namespace sparkify

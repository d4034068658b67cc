#include "pipeline/loader.hpp"

#include <fmt/format.h>
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>

#include "core/phase_timer.hpp"
#include "parse/event_parser.hpp"
#include "parse/song_parser.hpp"
#include "pipeline/batch_transaction.hpp"
#include "pipeline/event_log_parts.hpp"
#include "pipeline/ordered_parallel.hpp"
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
  return to_int(wh.query(wh.statement("ledger/next_batch_id")).rows.at(0).at(0)) - 1;
}

void maybe_fault(const LoadOptions& options, FaultPoint here, std::int64_t batch_number) {
  if (options.fault_batch != batch_number)
    return;
  if (options.fault == here) {
    // A crash, not an exit: no destructor, no rollback, no flush.
    ::kill(::getpid(), SIGKILL);
  }
  if (options.pause == here && !options.pause_file.empty()) {
    // Tell the test we are here, then wait (at most 5 minutes) until it removes the file.
    std::ofstream(options.pause_file) << ::getpid() << '\n';
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (std::filesystem::exists(options.pause_file) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
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

}  // namespace

std::string_view to_string(ObjectKind kind) {
  return kind == ObjectKind::song ? "song" : "event";
}

Loader::Loader(Warehouse& warehouse, LoadOptions options, ProgressCallback progress)
    : warehouse_(warehouse), options_(std::move(options)), progress_(std::move(progress)) {
  if (options_.jobs == 0)
    options_.jobs = std::max(1U, std::thread::hardware_concurrency());
}

LoadReport Loader::run(std::vector<SourceSpec>& sources) {
  const auto started = std::chrono::steady_clock::now();
  LoadReport report;
  LoadProgress progress;
  progress.phase = "listing";
  if (progress_)
    progress_(progress);

  // The listing is read a window at a time and looked up in the ledger as it goes;
  // the objects not yet loaded fill batches of bounded size, each run as soon as it
  // is full. Memory follows the window and the batch, not the number of objects.
  std::vector<Pending> batch;
  std::uint64_t batch_bytes = 0;
  // The newest ledger batch when the current window was looked up, moved on by this
  // run's own commits while nobody else commits; and its value when the pending
  // batch's first object was looked up. If the ledger moved since (another writer),
  // the batch is looked up again before it runs.
  std::int64_t window_looked_up_at = 0;
  std::int64_t batch_looked_up_at = 0;
  std::int64_t batch_number = 0;
  bool any_pending = false;

  const auto run_pending = [&] {
    if (batch.empty())
      return;
    if (latest_batch(warehouse_) != batch_looked_up_at) {
      // One lookup per run of a source's objects (each run is in key order).
      std::size_t begin = 0;
      while (begin < batch.size()) {
        std::size_t end = begin + 1;
        while (end < batch.size() && batch[end].source == batch[begin].source)
          ++end;
        const auto now_loaded =
            ledger_between(warehouse_, batch[begin].object.key, batch[end - 1].object.key);
        for (std::size_t i = begin; i < end; ++i) {
          if (now_loaded.contains(ledger_key(batch[i].object.key, batch[i].object.version))) {
            ++report.objects_skipped;
            progress.objects_total--;
            progress.bytes_total -= batch[i].object.size;
            batch[i].source = kAlreadyLoaded;
          }
        }
        begin = end;
      }
      std::erase_if(batch, [](const Pending& p) { return p.source == kAlreadyLoaded; });
    }
    progress.phase = "loading";
    const std::size_t committed = report.batches.size();
    run_batch(sources, batch, ++batch_number, report, progress);
    // Nobody else committed between the window's lookup and this batch: what the
    // window's lookup said about its other objects still holds.
    if (report.batches.size() > committed && report.batches.back() == window_looked_up_at + 1)
      window_looked_up_at = report.batches.back();
    batch.clear();
    batch_bytes = 0;
  };

  // Every source is opened and its first page listed before the first batch, so a
  // missing folder or bucket, or refused credentials, fail the run before it commits
  // anything. Songs first, so that plays in the same batch can match them.
  struct OpenListing {
    std::size_t source;
    std::unique_ptr<ObjectListing> listing;
    std::vector<ObjectInfo> first_page;
  };
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

  std::vector<ObjectInfo> window;
  for (auto& [i, listing, first_page] : listings) {
    window = std::move(first_page);
    for (bool more = !window.empty(); more;) {
      std::optional<PhaseTimer> window_timer(std::in_place, "listing+ledger (one window)");
      while (more && window.size() < options_.listing_window) {
        auto page = listing->next_page();
        more = !page.empty();
        std::move(page.begin(), page.end(), std::back_inserter(window));
      }
      if (window.empty()) {
        window_timer->discard();
        break;
      }
      report.objects_listed += window.size();
      window_looked_up_at = latest_batch(warehouse_);
      const auto loaded = ledger_between(warehouse_, window.front().key, window.back().key);
      window_timer.reset();
      for (auto& object : window) {
        if (loaded.contains(ledger_key(object.key, object.version))) {
          ++report.objects_skipped;
          continue;
        }
        if (!batch.empty() && (batch.size() >= options_.batch_max_objects ||
                               batch_bytes + object.size > options_.batch_max_bytes)) {
          run_pending();
        }
        if (batch.empty())
          batch_looked_up_at = window_looked_up_at;
        any_pending = true;
        progress.objects_total++;
        progress.bytes_total += object.size;
        batch_bytes += object.size;
        batch.push_back(Pending{i, std::move(object)});
      }
      window.clear();
    }
  }
  progress.listed_all = true;
  run_pending();
  // Rows staged by someone else (the server's ingest) and never transformed.
  if (!any_pending)
    run_batch(sources, {}, ++batch_number, report, progress);

  report.elapsed = std::chrono::steady_clock::now() - started;
  return report;
}

void Loader::run_batch(std::vector<SourceSpec>& sources, const std::vector<Pending>& objects,
                       std::int64_t batch_number, LoadReport& report, LoadProgress& progress) {
  Warehouse& wh = warehouse_;
  if (objects.empty()) {
    // Nothing to read: only transform what is waiting, if anything.
    const auto [songs, events] = unprocessed_rows(wh);
    if (songs == 0 && events == 0)
      return;
  }
  maybe_fault(options_, FaultPoint::before_batch, batch_number);
  std::optional<PhaseTimer> stage_timer(std::in_place, "read+parse+stage");
  BatchTransaction batch(wh, "load");
  try {
    auto staging =
        wh.open_staging(batch.id(), batch.started_at(), StagedRows::transformed_by_this_batch);
    // Objects the warehouse loads itself (server-side) are not read here.
    std::vector<LoadedObject> server_side;
    std::vector<Pending> read_here;
    for (const auto& p : objects) {
      const std::string kind(to_string(sources[p.source].kind));
      if (staging->loads_server_side(kind)) {
        server_side.push_back(LoadedObject{p.object.key, p.object.version, kind,
                                           static_cast<std::int64_t>(p.object.size), 0, 0});
      } else {
        read_here.push_back(p);
      }
    }
    // Network sources want many reads in flight; parsing threads are cheap to add.
    std::size_t jobs = options_.jobs;
    for (const auto& s : sources)
      jobs = std::max(jobs, s.source->read_concurrency());
    std::vector<WorkerParsers> parsers(jobs);
    // The writer's helpers for large event logs (the readers above keep reading ahead).
    std::vector<EventLogParser> part_parsers(options_.jobs);
    std::size_t loaded = 0;
    std::size_t unreadable = 0;
    RecordTally song_records;
    RecordTally event_records;
    std::uint64_t bytes_read = 0;
    ordered_parallel<ParsedObject>(
        read_here.size(), ParallelLimits{jobs, std::max<std::size_t>(4 * jobs, 64), 64ULL << 20},
        [&](std::size_t i) { return read_here[i].object.size; },
        [&](std::size_t worker, std::size_t i) {
          const Pending& p = read_here[i];
          ParsedObject out;
          std::string content;
          // A large event log is only opened here: the writer reads and parses it
          // part by part when its turn comes.
          const bool large_log = sources[p.source].kind == ObjectKind::event &&
                                 p.object.size > options_.event_part_bytes;
          try {
            if (large_log) {
              out.unread = sources[p.source].source->open_stream(p.object);
              return out;
            }
            content = sources[p.source].source->read(p.object);
          } catch (const SourceError& e) {
            out.unreadable = true;
            out.rejects.push_back(unreadable_reject(p.object.key, e));
            return out;
          }
          out.bytes = content.size();
          if (sources[p.source].kind == ObjectKind::song) {
            auto parsed = parsers[worker].songs.parse(content, p.object.key);
            out.songs = std::move(parsed.records);
            out.rejects = std::move(parsed.rejects);
          } else {
            auto parsed = parsers[worker].events.parse(content, p.object.key);
            out.events = std::move(parsed.records);
            out.rejects = std::move(parsed.rejects);
          }
          return out;
        },
        [&](std::size_t i, ParsedObject&& parsed) {
          const Pending& p = read_here[i];
          std::size_t records = parsed.songs.size() + parsed.events.size();
          std::size_t rejects = parsed.rejects.size();
          if (parsed.unread) {
            try {
              const auto staged = stage_event_log_streamed(
                  *parsed.unread, p.object, options_.event_part_bytes, part_parsers, *staging);
              records = staged.records;
              rejects = staged.rejects;
              parsed.bytes = staged.bytes;
            } catch (const PartlyStagedLog&) {
              throw;  // the batch rolls back
            } catch (const SourceError& e) {
              // Failed before any of it was staged (after, it is PartlyStagedLog, which
              // rolls the batch back): rejected, kept out of the ledger, read next run.
              parsed.unreadable = true;
              parsed.rejects.push_back(unreadable_reject(p.object.key, e));
            }
            parsed.unread.reset();
          }
          for (const auto& s : parsed.songs)
            staging->add(s);
          for (const auto& e : parsed.events)
            staging->add(e);
          for (const auto& r : parsed.rejects)
            staging->add(r);
          if (!parsed.unreadable) {
            // Records of objects that were read (an unreadable one is tried again next run).
            RecordTally& tally =
                sources[p.source].kind == ObjectKind::song ? song_records : event_records;
            tally.parsed += static_cast<std::int64_t>(records);
            tally.rejected += static_cast<std::int64_t>(rejects);
          }
          if (parsed.unreadable) {
            // Not in the ledger: the next run tries this object again.
            ++unreadable;
          } else {
            staging->add(LoadedObject{
                p.object.key, p.object.version, std::string(to_string(sources[p.source].kind)),
                static_cast<std::int64_t>(p.object.size), static_cast<std::int64_t>(records),
                static_cast<std::int64_t>(rejects)});
            ++loaded;
          }
          bytes_read += parsed.bytes;
          progress.objects_done++;
          progress.bytes_done += p.object.size;
          if (progress_)
            progress_(progress);
        });
    staging->flush();
    if (!server_side.empty()) {
      staging->load_server_side(server_side);
      loaded += server_side.size();
      progress.objects_done += server_side.size();
      for (const auto& o : server_side)
        progress.bytes_done += static_cast<std::uint64_t>(o.size_bytes);
      if (progress_)
        progress_(progress);
    }
    // The readers' and parsers' buffers are free now, but the allocator keeps them
    // (one arena per thread): hand them back before the transforms' sorts take their
    // share, so the peak is the engine's cache and sorter, not the two added up.
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
    stage_timer.reset();
    maybe_fault(options_, FaultPoint::after_stage, batch_number);

    progress.phase = "transforming";
    if (progress_)
      progress_(progress);
    BatchCounts counts;
    counts.objects = static_cast<std::int64_t>(objects.size());
    counts.staged = staging->counts();
    {
      const PhaseTimer timer("transform (all steps)");
      std::tie(counts.songs_processed, counts.events_processed) = transform_staged(wh, batch.id());
    }
    maybe_fault(options_, FaultPoint::before_commit, batch_number);
    progress.phase = "committing";
    if (progress_)
      progress_(progress);
    {
      const PhaseTimer timer("commit");
      batch.commit(counts);
    }
    // After a large batch, engines that want it refresh their planner statistics
    // (outside the batch: a failure here loses nothing).
    constexpr std::int64_t kAnalyzeAfterRows = 50'000;
    if (counts.staged.songs_staged + counts.staged.events_staged >= kAnalyzeAfterRows &&
        !wh.statement_names("maintenance").empty()) {
      const PhaseTimer timer("maintenance/analyze");
      wh.execute(wh.statement("maintenance/analyze"));
    }

    report.objects_loaded += loaded;
    report.objects_unreadable += unreadable;
    report.bytes_read += bytes_read;
    report.staged.songs_staged += counts.staged.songs_staged;
    report.staged.events_staged += counts.staged.events_staged;
    report.staged.duplicates += counts.staged.duplicates;
    report.staged.rejects += counts.staged.rejects;
    for (auto [total, batch_tally] : {std::pair{&report.song_records, &song_records},
                                      std::pair{&report.event_records, &event_records}}) {
      total->parsed += batch_tally->parsed;
      total->rejected += batch_tally->rejected;
    }
    report.songs_processed += counts.songs_processed;
    report.events_processed += counts.events_processed;
    report.batches.push_back(batch.id());
    progress.phase = "loading";
  } catch (const std::exception& e) {
    batch.abort(e.what());
    throw;
  }
}

}  // namespace sparkify

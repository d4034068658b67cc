#include "pipeline/loader.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>

#include "core/phase_timer.hpp"
#include "parse/event_parser.hpp"
#include "parse/song_parser.hpp"
#include "pipeline/batch_transaction.hpp"
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

std::unordered_set<std::string> loaded_objects(Warehouse& wh) {
  std::unordered_set<std::string> out;
  const Table t = wh.query(wh.statement("ledger/loaded_objects"));
  out.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    out.insert(ledger_key(*to_text(row.at(0)), *to_text(row.at(1))));
  }
  return out;
}

// Which listed objects the ledger already holds (same key and version). A short
// listing (a small update) asks for each object by key, so its cost does not grow
// with the ledger; a long one reads the whole ledger once.
template <typename Listed>
std::function<bool(const ObjectInfo&)> ledger_lookup(Warehouse& wh, const Listed& listed) {
  constexpr std::size_t kPerObjectLimit = 2000;
  if (listed.size() > kPerObjectLimit) {
    auto loaded = std::make_shared<std::unordered_set<std::string>>(loaded_objects(wh));
    return [loaded](const ObjectInfo& o) { return loaded->contains(ledger_key(o.key, o.version)); };
  }
  auto found = std::make_shared<std::unordered_set<std::string>>();
  const std::string_view find = wh.statement("ledger/find_object");
  for (const auto& p : listed) {
    if (!wh.query(find, {p.object.key, p.object.version}).rows.empty()) {
      found->insert(ledger_key(p.object.key, p.object.version));
    }
  }
  return [found](const ObjectInfo& o) { return found->contains(ledger_key(o.key, o.version)); };
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

// What one worker makes of one object.
struct ParsedObject {
  std::vector<SongRecord> songs;
  std::vector<EventRecord> events;
  std::vector<Reject> rejects;
  std::uint64_t bytes = 0;
  bool unreadable = false;
  // A large event log, read but not parsed: the writer parses it in parts.
  std::optional<std::string> unparsed;
};

struct StagedCounts {
  std::size_t records = 0;
  std::size_t rejects = 0;
};

// Parses a large event log in line-aligned parts on `parsers.size()` threads and
// stages each part's records and rejects in order, as soon as it is parsed.
StagedCounts stage_event_log_in_parts(std::string_view content, const std::string& key,
                                      std::size_t part_bytes, std::vector<EventLogParser>& parsers,
                                      StagingWriter& staging) {
  const auto parts = split_json_lines(content, part_bytes);
  StagedCounts counts;
  // Two parts per helper in flight; the window alone bounds them (a part is at least
  // part_bytes long, so a byte budget of a few parts would let only one run at a time).
  ordered_parallel<Parsed<EventRecord>>(
      parts.size(),
      ParallelLimits{parsers.size(), 2 * parsers.size(), std::numeric_limits<std::uint64_t>::max()},
      [&](std::size_t i) { return parts[i].text.size(); },
      [&](std::size_t worker, std::size_t i) { return parsers[worker].parse_part(parts[i], key); },
      [&](std::size_t, Parsed<EventRecord>&& parsed) {
        for (const auto& e : parsed.records)
          staging.add(e);
        for (const auto& r : parsed.rejects)
          staging.add(r);
        counts.records += parsed.records.size();
        counts.rejects += parsed.rejects.size();
      });
  if (counts.records == 0 && counts.rejects == 0) {
    staging.add(make_empty_object_reject(key, content));
    counts.rejects = 1;
  }
  return counts;
}

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

  // Songs first, so that plays in the same batch can match them.
  std::vector<Pending> listed;
  std::optional<PhaseTimer> listing_timer(std::in_place, "listing");
  std::int64_t ledger_batch = latest_batch(warehouse_);
  for (ObjectKind kind : {ObjectKind::song, ObjectKind::event}) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].kind != kind)
        continue;
      for (auto& object : sources[i].source->list()) {
        listed.push_back(Pending{i, std::move(object)});
      }
    }
  }
  report.objects_listed = listed.size();
  const auto is_loaded = ledger_lookup(warehouse_, listed);
  std::vector<Pending> pending;
  for (auto& p : listed) {
    if (is_loaded(p.object)) {
      ++report.objects_skipped;
      continue;
    }
    progress.objects_total++;
    progress.bytes_total += p.object.size;
    pending.push_back(std::move(p));
  }
  listing_timer.reset();

  // Cut the work into batches of bounded size.
  progress.phase = "loading";
  std::int64_t batch_number = 0;
  std::size_t begin = 0;
  while (begin < pending.size()) {
    std::size_t end = begin;
    std::uint64_t bytes = 0;
    while (end < pending.size() && end - begin < options_.batch_max_objects &&
           (end == begin || bytes + pending[end].object.size <= options_.batch_max_bytes)) {
      bytes += pending[end].object.size;
      ++end;
    }
    std::vector<Pending> batch(pending.begin() + static_cast<std::ptrdiff_t>(begin),
                               pending.begin() + static_cast<std::ptrdiff_t>(end));
    // Another writer may have committed since the ledger was read: drop what it loaded.
    if (latest_batch(warehouse_) != ledger_batch) {
      const auto now_loaded = ledger_lookup(warehouse_, batch);
      std::erase_if(batch, [&](const Pending& p) { return now_loaded(p.object); });
    }
    run_batch(sources, batch, ++batch_number, report, progress);
    ledger_batch = report.batches.empty() ? ledger_batch : report.batches.back();
    begin = end;
  }
  // Rows staged by someone else (the server's ingest) and never transformed.
  if (pending.empty())
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
    std::uint64_t bytes_read = 0;
    ordered_parallel<ParsedObject>(
        read_here.size(), ParallelLimits{jobs, std::max<std::size_t>(4 * jobs, 64), 64ULL << 20},
        [&](std::size_t i) { return read_here[i].object.size; },
        [&](std::size_t worker, std::size_t i) {
          const Pending& p = read_here[i];
          ParsedObject out;
          std::string content;
          try {
            content = sources[p.source].source->read(p.object);
          } catch (const SourceError& e) {
            out.unreadable = true;
            out.rejects.push_back(Reject{
                p.object.key, 0, "", fmt::format("could not read the object: {}", e.what()), ""});
            return out;
          }
          out.bytes = content.size();
          if (sources[p.source].kind == ObjectKind::event &&
              content.size() > options_.event_part_bytes) {
            out.unparsed = std::move(content);
          } else if (sources[p.source].kind == ObjectKind::song) {
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
          if (parsed.unparsed) {
            const auto staged = stage_event_log_in_parts(
                *parsed.unparsed, p.object.key, options_.event_part_bytes, part_parsers, *staging);
            records = staged.records;
            rejects = staged.rejects;
            parsed.unparsed.reset();
          }
          for (const auto& s : parsed.songs)
            staging->add(s);
          for (const auto& e : parsed.events)
            staging->add(e);
          for (const auto& r : parsed.rejects)
            staging->add(r);
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

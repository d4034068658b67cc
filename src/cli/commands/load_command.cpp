// sparkify load: one incremental ETL run from the song and event sources.
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "cli/command_context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/load_refusals.hpp"
#include "cli/number_checks.hpp"
#include "cli/progress_bar.hpp"
#include "cli/redshift/redshift_load_options.hpp"
#include "cli/s3_options.hpp"
#include "pipeline/loader.hpp"
#include "source/open_source.hpp"

namespace sparkify {
namespace {

struct LoadArgs {
  std::string songs;
  std::string events;
  S3Args s3;
  std::size_t jobs = 0;
  std::size_t batch_objects = kDefaultBatchObjects;
  std::string names;
  bool dry_run = false;
  RedshiftLoadArgs redshift;
  bool allow_empty = false;
  std::optional<double> max_reject_share;
};

// Test-only fault injection (the crash tests), read once here and handed to the loader
// as its BatchHook: SPARKIFY_FAULT=after-stage|before-commit[:N] kills the process at
// that point of the Nth batch; SPARKIFY_FAULT=pause-before-batch|pause-after-stage[:N]
// with SPARKIFY_FAULT_PAUSE_FILE=PATH creates PATH there and waits until it is removed.
std::optional<FaultInjection> read_fault() {
  const char* fault = std::getenv("SPARKIFY_FAULT");
  if (fault == nullptr)
    return std::nullopt;
  FaultInjection faults;
  std::string_view text(fault);
  const auto colon = text.find(':');
  const std::string_view point = text.substr(0, colon);
  if (point == "after-stage")
    faults.kill_at = FaultPoint::after_stage;
  if (point == "before-commit")
    faults.kill_at = FaultPoint::before_commit;
  if (const char* pause_file = std::getenv("SPARKIFY_FAULT_PAUSE_FILE"); pause_file != nullptr) {
    if (point == "pause-before-batch")
      faults.pause_at = FaultPoint::before_batch;
    if (point == "pause-after-stage")
      faults.pause_at = FaultPoint::after_stage;
    faults.pause_file = pause_file;
  }
  if (colon != std::string_view::npos)
    faults.batch = std::atoll(fault + colon + 1);
  return faults;
}

void print_report(const LoadReport& r, Warehouse& warehouse, const Console& console) {
  if (r.objects_loaded == 0 && r.batches.empty()) {
    console.out("Nothing new: {} objects listed, all already loaded in {} ({:.2f} s)",
                r.objects_listed, warehouse.describe(), r.elapsed.count());
  } else {
    console.out("Loaded {} of {} objects listed ({} already loaded) into {}, {} read, in {:.2f} s",
                r.objects_loaded, r.objects_listed, r.objects_skipped, warehouse.describe(),
                human_bytes(r.bytes_read), r.elapsed.count());
    console.out("  staged:      {} songs, {} events, {} duplicates, {} rejected",
                r.staged.songs_staged, r.staged.events_staged, r.staged.duplicates,
                r.staged.rejects);
    console.out("  processed:   {} songs and {} events into the star schema, batch{} {}",
                r.songs_processed, r.events_processed, r.batches.size() == 1 ? "" : "es",
                fmt::join(r.batches, ", "));
  }
  if (!r.bulk_batches.empty()) {
    console.detail(
        "  bulk path:   batch{} {} (large next to the warehouse: indexes and keys built "
        "after the rows)",
        r.bulk_batches.size() == 1 ? "" : "es", fmt::join(r.bulk_batches, ", "));
  }
  if (r.objects_unreadable > 0) {
    console.warn(
        "{} objects could not be read; they are listed in etl_reject and will be "
        "tried again by the next load",
        r.objects_unreadable);
  }
  if (r.staged.rejects > 0) {
    console.warn("{} records rejected; see `sparkify status` or the etl_reject table",
                 r.staged.rejects);
  }
  // The star tables' totals cost a scan of each table (0.1-0.5 s on the large
  // benchmark warehouse), more than a small update's own work: --verbose prints
  // them, `sparkify status` always does.
  if (console.verbosity() != Verbosity::verbose)
    return;
  const Table counts = warehouse.query(warehouse.statement("status/table_counts"));
  std::string line;
  for (const auto& row : counts.rows) {
    const std::string name = *to_text(row[0]);
    if (name.starts_with("d_") || name.starts_with("f_")) {
      line += fmt::format("{}{} {}", line.empty() ? "" : ", ", name, *to_text(row[1]));
    }
  }
  console.out("  star schema: {}", line);
}

struct LoadSources {
  std::string songs;
  std::string events;
};

// Where the songs and events are: flags, then the config file's [S3], then the bundled sample.
LoadSources load_sources(CommandContext& context, const LoadArgs& args) {
  const std::string sample = default_sample_dir();
  const auto& s3_config = loaded_config(context).s3;
  const auto from_config = [&](auto member) -> std::optional<std::string> {
    return s3_config ? (*s3_config).*member : std::nullopt;
  };
  return LoadSources{
      choose(args.songs, from_config(&config::S3Config::song_data), sample + "/song_data"),
      choose(args.events, from_config(&config::S3Config::log_data), sample + "/log_data")};
}

// Opens both sources and lists their first page (require_listable_sources).
std::vector<SourceSpec> open_sources(CommandContext& context, const LoadArgs& args,
                                     const LoadSources& where) {
  const s3::S3Options s3_options = args.s3.resolve();
  std::vector<SourceSpec> sources;
  sources.push_back(SourceSpec{open_source(where.songs, s3_options), ObjectKind::song});
  sources.push_back(SourceSpec{open_source(where.events, s3_options), ObjectKind::event});
  for (const auto& s : sources)
    context.console.detail("{} source: {}", to_string(s.kind), s.source->describe());
  require_listable_sources(sources, args.allow_empty);
  return sources;
}

// The load itself, with a progress bar on a terminal.
LoadReport run_loader(Warehouse& warehouse, const LoadArgs& args, std::vector<SourceSpec>& sources,
                      const Console& console) {
  LoadOptions options;
  options.jobs = args.jobs;
  options.batch_max_objects = args.batch_objects;
  std::optional<FaultInjection> faults = read_fault();
  ProgressBar bar(console.verbosity() != Verbosity::quiet && stderr_is_terminal());
  Loader loader(
      warehouse, options,
      [&bar](const LoadProgress& p) {
        bar.update(p.phase, p.objects_done, p.objects_total, p.bytes_done, p.bytes_total,
                   p.listed_all);
      },
      faults ? &*faults : nullptr);
  const LoadReport report = loader.run(sources);
  bar.finish();
  return report;
}

}  // namespace

void register_load_command(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<LoadArgs>();
  auto* command = app.add_subcommand(
      "load", "Load new and changed song files and event logs into staging and the star schema");
  add_common_options(*command, context);
  command
      ->add_option("--songs", args->songs,
                   "Folder or s3://bucket/prefix of song files (default: the bundled sample)")
      ->option_text("PATH");
  command
      ->add_option("--events", args->events,
                   "Folder or s3://bucket/prefix of event logs (default: the bundled sample)")
      ->option_text("PATH");
  add_s3_options(*command, args->s3);
  command->add_option("-j,--jobs", args->jobs, "Parser threads (default 0: one per core)")
      ->option_text("N")
      ->check(whole_number(0, 1024));
  command
      ->add_option("--batch-objects", args->batch_objects,
                   "Objects per batch (default 200000; a batch also ends at the engine's limit of "
                   "input bytes, docs/operations.md); each batch is one transaction")
      ->option_text("N")
      ->check(whole_number(1, 100'000'000));
  command->add_flag("--allow-empty", args->allow_empty,
                    "Succeed when a source lists nothing (else exit 3: a wrong path must not "
                    "look like a quiet day)");
  command
      ->add_option("--max-reject-share", args->max_reject_share,
                   "Exit 6 (after committing the good records) when the rejected share of the "
                   "song or of the event records is above X (default: only when all are)")
      ->option_text("X")
      ->check(decimal_number(0, 1));
  command
      ->add_option("--names", args->names,
                   "Infer missing genders from your own SSA names.zip or folder of yob*.txt "
                   "(\"embedded\": the table built in)")
      ->option_text("PATH");
  add_dry_run_option(*command, args->dry_run);
  add_redshift_load_options(*command, args->redshift);
  command->callback([&context, args] {
    const LoadSources where = load_sources(context, *args);
    ResolvedTarget resolved = resolve_target(context);
    if (args->dry_run) {
      context.console.out("{}", redshift_load_plan(args->redshift, where.events, args->s3.region,
                                                   loaded_config(context), resolved));
      return;
    }
    // Decided before anything is opened: an impossible copy is a usage error.
    choose_redshift_staging(args->redshift, where.events, args->s3.resolve(),
                            loaded_config(context), resolved, context.console);
    std::vector<SourceSpec> sources = open_sources(context, *args, where);
    const auto names = args->names.empty() ? std::nullopt : std::optional(read_names(args->names));

    auto warehouse = open_target(context, resolved);
    warehouse->migrate();
    if (names)
      use_names(*warehouse, *names, context.console);
    warehouse->lock_writer();
    const LoadReport report = run_loader(*warehouse, *args, sources, context.console);
    print_report(report, *warehouse, context.console);
    if (const auto why = too_many_rejects(report, args->max_reject_share, sources)) {
      context.console.error("{}", *why);
      context.exit_code = exit_code::kCheckFailed;
    }
  });
}

}  // namespace sparkify

// sparkify replay: rebuild every dimension and fact from the retained staging tables.
#include "cli/command_context.hpp"
#include "pipeline/transform.hpp"
#include "warehouse/redshift/redshift_plan.hpp"

namespace sparkify {

void register_replay_command(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "replay",
      "Rebuild the star schema from the staging tables, atomically (after a schema change)");
  add_common_options(*command, context);
  auto dry_run = std::make_shared<bool>(false);
  add_dry_run_option(*command, *dry_run);
  command->callback([&context, dry_run] {
    if (*dry_run) {
      const ResolvedTarget resolved = resolve_target(context);
      if (resolved.engine != "redshift")
        throw CLI::ValidationError("--dry-run", "is for the redshift engine (--engine redshift)");
      context.console.out("{}", redshift::replay_plan(resolved.options.redshift));
      return;
    }
    auto warehouse = open_target(context);
    warehouse->migrate();
    warehouse->lock_writer();
    const auto started = std::chrono::steady_clock::now();
    const BatchCounts counts = replay(*warehouse);
    context.console.out(
        "Replayed {} songs and {} events from staging into the star schema in {:.2f} s",
        counts.songs_processed, counts.events_processed,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  });
}

}  // namespace sparkify

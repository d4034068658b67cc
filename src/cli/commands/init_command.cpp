// sparkify init: create or upgrade the warehouse schema.
#include <memory>

#include "cli/command_context.hpp"
#include "warehouse/redshift/redshift_plan.hpp"

namespace sparkify {

void register_init_command(CLI::App& app, CommandContext& context) {
  auto* command =
      app.add_subcommand("init", "Create or upgrade the warehouse schema (safe to run again)");
  add_common_options(*command, context);
  auto names = std::make_shared<std::string>();
  command
      ->add_option("--names", *names,
                   "Fill the name-to-gender table from your own SSA names.zip or folder of "
                   "yob*.txt (\"embedded\": the table built in)")
      ->option_text("PATH");
  auto dry_run = std::make_shared<bool>(false);
  add_dry_run_option(*command, *dry_run);
  command->callback([&context, names, dry_run] {
    if (*dry_run) {
      const ResolvedTarget resolved = resolve_target(context);
      if (resolved.engine != "redshift")
        throw CLI::ValidationError("--dry-run", "is for the redshift engine (--engine redshift)");
      context.console.out("{}", redshift::init_plan(resolved.options.redshift));
      return;
    }
    const auto reference = names->empty() ? std::nullopt : std::optional(read_names(*names));
    auto warehouse = open_target(context);
    const int before = warehouse->schema_version();
    const int after = warehouse->migrate();
    if (before == after) {
      context.console.out("{}: schema is up to date (version {})", warehouse->describe(), after);
    } else {
      context.console.out("{}: schema upgraded from version {} to {}", warehouse->describe(),
                          before, after);
    }
    if (reference)
      use_names(*warehouse, *reference, context.console);
  });
}

}  // namespace sparkify

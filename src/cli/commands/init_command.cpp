// sparkify init: create or upgrade the warehouse schema.
#include "cli/command_context.hpp"

namespace sparkify {

void register_init_command(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "init", "Create or upgrade the warehouse schema (safe to run again)");
  add_common_options(*command, context);
  command->callback([&context] {
    auto warehouse = open_target(context);
    const int before = warehouse->schema_version();
    const int after = warehouse->migrate();
    if (before == after) {
      context.console.out("{}: schema is up to date (version {})", warehouse->describe(), after);
    } else {
      context.console.out("{}: schema upgraded from version {} to {}", warehouse->describe(),
                          before, after);
    }
  });
}

}  // namespace sparkify

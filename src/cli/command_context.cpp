#include "cli/command_context.hpp"

#include <filesystem>

#include "warehouse/open_warehouse.hpp"

namespace sparkify {

void add_common_options(CLI::App& command, CommandContext& context) {
  auto* db = command.add_option("--db", context.common.db,
                                "SQLite warehouse file (shorthand for --target sqlite:FILE)")
                 ->option_text("FILE");
  command.add_option("--target", context.common.target, "Warehouse: sqlite:PATH")
      ->option_text("TARGET")
      ->excludes(db);
  auto* quiet = command.add_flag("-q,--quiet", context.common.quiet, "Print only errors");
  command.add_flag("-v,--verbose", context.common.verbose, "Print details of every step")
      ->excludes(quiet);
  command.parse_complete_callback([&context] {
    context.console.set_verbosity(context.common.quiet     ? Verbosity::quiet
                                  : context.common.verbose ? Verbosity::verbose
                                                           : Verbosity::normal);
  });
}

std::unique_ptr<Warehouse> open_target(CommandContext& context) {
  std::string target = context.common.target;
  if (target.empty()) target = "sqlite:" + (context.common.db.empty() ? "sparkify.db" : context.common.db);
  auto warehouse = open_warehouse(target);
  context.console.detail("warehouse: {}", warehouse->describe());
  return warehouse;
}

std::string default_sample_dir() {
  namespace fs = std::filesystem;
  if (fs::is_directory("data/sample")) return "data/sample";
  return (fs::path(SPARKIFY_SOURCE_DIR) / "data" / "sample").string();
}

}  // namespace sparkify

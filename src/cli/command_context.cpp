#include "cli/command_context.hpp"

#include <filesystem>

#include "warehouse/name_gender_sync.hpp"
#include "warehouse/open_warehouse.hpp"

namespace sparkify {

void add_common_options(CLI::App& command, CommandContext& context) {
  auto* db = command
                 .add_option("--db", context.common.db,
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

namespace {

std::string target_of(const CommandContext& context) {
  if (!context.common.target.empty())
    return context.common.target;
  return "sqlite:" + (context.common.db.empty() ? "sparkify.db" : context.common.db);
}

}  // namespace

std::unique_ptr<Warehouse> open_target(CommandContext& context) {
  auto warehouse = open_warehouse(target_of(context));
  context.console.detail("warehouse: {}", warehouse->describe());
  return warehouse;
}

std::unique_ptr<Warehouse> open_target_read_only(CommandContext& context) {
  auto warehouse = open_warehouse(target_of(context), OpenOptions{.read_only = true});
  context.console.detail("warehouse (read-only): {}", warehouse->describe());
  if (warehouse->schema_version() == 0) {
    throw WarehouseError(
        fmt::format("{} is not initialised (run `sparkify load` first)", warehouse->describe()));
  }
  return warehouse;
}

void use_names(Warehouse& warehouse, const std::string& names, const Console& console) {
  const NameGenderReference reference =
      names == "embedded" ? embedded_name_gender_reference() : name_gender_reference_from(names);
  warehouse.begin();
  NameSyncResult result;
  try {
    result = sync_name_gender(warehouse, reference, NameSyncMode::replace);
    warehouse.commit();
  } catch (...) {
    warehouse.rollback();
    throw;
  }
  if (result.changed) {
    console.out("Name-to-gender table: {} names from {}; {} users looked up again", result.rows,
                result.source, result.users_updated);
  } else {
    console.detail("name-to-gender table unchanged ({} names from {})", result.rows, result.source);
  }
}

void print_result(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

std::string default_sample_dir() {
  namespace fs = std::filesystem;
  if (fs::is_directory("data/sample"))
    return "data/sample";
  return (fs::path(SPARKIFY_SOURCE_DIR) / "data" / "sample").string();
}

}  // namespace sparkify

#include "cli/command_context.hpp"

#include <filesystem>

#include "config/conninfo.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/open_warehouse.hpp"

namespace sparkify {

void add_common_options(CLI::App& command, CommandContext& context) {
  auto* db = command
                 .add_option("--db", context.common.db,
                             "SQLite warehouse file (shorthand for --target sqlite:FILE)")
                 ->option_text("FILE");
  command
      .add_option("--target", context.common.target,
                  "Warehouse: sqlite:PATH, postgresql://user@host:5432/db or 'host=... dbname=...'")
      ->option_text("TARGET")
      ->excludes(db);
  command
      .add_option("--config", context.common.config,
                  "The prototype's INI config (dwh.cfg): [CLUSTER], [S3], [IAM_ROLE]; flags win")
      ->option_text("FILE");
  auto* quiet = command.add_flag("-q,--quiet", context.common.quiet, "Print only errors");
  command.add_flag("-v,--verbose", context.common.verbose, "Print details of every step")
      ->excludes(quiet);
  command.parse_complete_callback([&context] {
    context.console.set_verbosity(context.common.quiet     ? Verbosity::quiet
                                  : context.common.verbose ? Verbosity::verbose
                                                           : Verbosity::normal);
  });
}

const config::Config& loaded_config(CommandContext& context) {
  if (context.config)
    return *context.config;
  if (context.common.config.empty())
    return context.config.emplace();
  const config::ConfigResult result = config::load_config(context.common.config);
  for (const auto& warning : result.warnings)
    context.console.warn("{}", warning.text());
  if (!result.ok()) {
    std::string message;
    for (const auto& error : result.errors)
      message += (message.empty() ? "" : "; ") + error.text();
    throw CLI::ValidationError("--config", message);
  }
  return context.config.emplace(*result.config);
}

std::string choose(const std::string& flag, const std::optional<std::string>& from_config,
                   const std::string& fallback) {
  if (!flag.empty())
    return flag;
  if (from_config && !from_config->empty())
    return *from_config;
  return fallback;
}

namespace {

// Precedence: --target / --db, then the config file's [CLUSTER], then the default.
std::string target_of(CommandContext& context) {
  std::string target = context.common.target;
  if (target.empty() && !context.common.db.empty())
    target = "sqlite:" + context.common.db;
  if (target.empty()) {
    const auto& cluster = loaded_config(context).cluster;
    if (cluster && cluster->host)
      target = config::cluster_conninfo(*cluster);
  }
  if (target.empty())
    target = "sqlite:sparkify.db";
  return target;
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

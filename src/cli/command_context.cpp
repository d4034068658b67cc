#include "cli/command_context.hpp"

#include <filesystem>
#include <vector>

#include "config/conninfo.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/engines.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/redshift/open_redshift.hpp"

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
      .add_option("--engine", context.common.engine,
                  fmt::format("Warehouse dialect: {} (default: from the target; redshift:// "
                              "targets and a [CLUSTER] on port 5439 are Redshift)",
                              fmt::join(engine_names(), ", ")))
      ->option_text("ENGINE")
      ->check(CLI::IsMember(engine_names()));
  command
      .add_option("--redshift-d-time", context.common.redshift_d_time,
                  "Redshift: distribution of d_time, ALL (default) or KEY (start_time, "
                  "co-located with f_songplay); config [REDSHIFT] D_TIME_DISTRIBUTION")
      ->option_text("ALL|KEY")
      ->check(CLI::IsMember({"ALL", "KEY", "all", "key"}));
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

// A --target URI of a scheme no engine reads (mysql://...) is a usage error: it
// would otherwise be taken for the name of a SQLite file.
void require_known_scheme(const std::string& target) {
  const auto scheme_end = target.find("://");
  if (scheme_end == std::string::npos || target.find('=') < scheme_end)
    return;
  const std::string scheme = target.substr(0, scheme_end);
  if (is_known_scheme(scheme))
    return;
  std::vector<std::string_view> forms;
  for (const Engine& engine : engines())
    forms.push_back(engine.target_forms);
  throw CLI::ValidationError("--target", fmt::format("unknown scheme '{}://'; the targets are {}",
                                                     scheme, fmt::join(forms, "; ")));
}

}  // namespace

ResolvedTarget resolve_target(CommandContext& context) {
  // Precedence: --target / --db, then the config file's [CLUSTER], then the default.
  ResolvedTarget r;
  r.options.engine = context.common.engine;
  // Precedence: --redshift-d-time, then [REDSHIFT] D_TIME_DISTRIBUTION, then ALL.
  const auto& redshift_config = loaded_config(context).redshift;
  r.options.redshift.d_time = redshift::parse_time_distribution(
      choose(context.common.redshift_d_time,
             redshift_config ? redshift_config->d_time_distribution : std::nullopt, "ALL"));
  r.target = context.common.target;
  require_known_scheme(r.target);
  if (r.target.empty() && !context.common.db.empty())
    r.target = "sqlite:" + context.common.db;
  if (r.target.empty()) {
    const auto& cluster = loaded_config(context).cluster;
    if (cluster && cluster->host) {
      r.target = config::cluster_conninfo(*cluster);
      if (r.options.engine.empty() && cluster->db_port == kRedshiftDefaultPort) {
        r.options.engine = "redshift";
      }
    }
  }
  if (r.target.empty())
    r.target = "sqlite:sparkify.db";
  r.engine = target_engine(r.target, r.options);
  return r;
}

void add_dry_run_option(CLI::App& command, bool& dry_run) {
  command.add_flag("--dry-run", dry_run,
                   "Redshift: print the exact statements this command would run, without "
                   "connecting");
}

std::unique_ptr<Warehouse> open_target(CommandContext& context) {
  return open_target(context, resolve_target(context));
}

std::unique_ptr<Warehouse> open_target(CommandContext& context, const ResolvedTarget& resolved) {
  auto warehouse = open_warehouse(resolved.target, resolved.options);
  context.console.detail("warehouse: {}", warehouse->describe());
  return warehouse;
}

std::unique_ptr<Warehouse> open_target_read_only(CommandContext& context, SchemaCheck check) {
  ResolvedTarget resolved = resolve_target(context);
  resolved.options.read_only = true;
  auto warehouse = open_warehouse(resolved.target, resolved.options);
  context.console.detail("warehouse (read-only): {}", warehouse->describe());
  if (check == SchemaCheck::any)
    return warehouse;
  const int version = warehouse->schema_version();
  if (version == 0) {
    throw WarehouseError(
        fmt::format("{} is not initialised (run `sparkify load` first)", warehouse->describe()));
  }
  // The newest schema this binary knows.
  const auto schemas = engine_schema_files(warehouse->sql_dir());
  const int known = schemas.empty() ? 0 : schemas.back().version;
  if (version < known) {
    throw WarehouseError(fmt::format(
        "{} has schema version {}, this sparkify needs {}: run `sparkify init` to upgrade it",
        warehouse->describe(), version, known));
  }
  return warehouse;
}

NameGenderReference read_names(const std::string& names) {
  return names == "embedded" ? embedded_name_gender_reference() : name_gender_reference_from(names);
}

void use_names(Warehouse& warehouse, const NameGenderReference& reference, const Console& console) {
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

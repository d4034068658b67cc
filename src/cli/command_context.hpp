// What every command shares: the options common to all of them, the console,
// and the exit code a command wants (when it is not 0 and not an error).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "config/dwh_config.hpp"
#include "core/console.hpp"
#include "warehouse/engines.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct CommonOptions {
  std::string db;               // --db FILE: the embedded engine's file
  std::string target;           // --target: sqlite:PATH or a PostgreSQL URI / keyword string
  std::string config;           // --config FILE: the prototype's dwh.cfg
  std::string engine;           // --engine sqlite|postgresql|redshift (default: from the target)
  std::string redshift_d_time;  // --redshift-d-time ALL|KEY (else [REDSHIFT], else ALL)
  bool quiet = false;
  bool verbose = false;
};

struct CommandContext {
  CommonOptions common;
  Console console;
  int exit_code = 0;
  std::optional<config::Config> config;  // read once from --config
};

// The --config file, read once (warnings printed, errors thrown as usage errors);
// an empty Config without --config.
const config::Config& loaded_config(CommandContext& context);

// A location given on the command line, else from the config file, else fallback.
std::string choose(const std::string& flag, const std::optional<std::string>& from_config,
                   const std::string& fallback);

// Adds --db, --target, --quiet and --verbose to a subcommand.
void add_common_options(CLI::App& command, CommandContext& context);

// The target named by --db / --target, else by the config's [CLUSTER], else
// ./sparkify.db, and the engine options (a [CLUSTER] on port 5439 is Redshift).
// Never connects.
struct ResolvedTarget {
  std::string target;  // may hold a password: never print it
  WarehouseOptions options;
  std::string engine;  // "sqlite", "postgresql" or "redshift"
};
ResolvedTarget resolve_target(CommandContext& context);

// The warehouse named by --db / --target, else by the config's [CLUSTER],
// else ./sparkify.db.
std::unique_ptr<Warehouse> open_target(CommandContext& context);
// The same for a target already resolved (and its options completed by the command).
std::unique_ptr<Warehouse> open_target(CommandContext& context, const ResolvedTarget& resolved);
// The same, opened for reading only; never creates anything. Throws WarehouseError
// when it does not exist ("no warehouse at typo.db") and, with SchemaCheck::current,
// when it has no schema yet or an older one than this sparkify's.
enum class SchemaCheck { current, any };
std::unique_ptr<Warehouse> open_target_read_only(CommandContext& context,
                                                 SchemaCheck check = SchemaCheck::current);

// --names PATH of init and load: "embedded" for the table in the binary, else a
// names.zip or folder of yob*.txt, read before the warehouse is opened (a wrong
// path creates nothing).
NameGenderReference read_names(const std::string& names);
// Replaces ref_name_gender with the reference when it differs.
void use_names(Warehouse& warehouse, const NameGenderReference& reference, const Console& console);

// Prints a command's result on stdout (also with --quiet: it is what was asked for).
void print_result(std::string_view text);

// Adds --dry-run (Redshift: print the statements, do not connect).
void add_dry_run_option(CLI::App& command, bool& dry_run);

// The bundled real sample: ./data/sample when run from a clone, else the
// source tree this binary was built from.
std::string default_sample_dir();

void register_init_command(CLI::App& app, CommandContext& context);
void register_load_command(CLI::App& app, CommandContext& context);
void register_status_command(CLI::App& app, CommandContext& context);
void register_names_command(CLI::App& app, CommandContext& context);
void register_check_command(CLI::App& app, CommandContext& context);
void register_query_command(CLI::App& app, CommandContext& context);
void register_sql_command(CLI::App& app, CommandContext& context);
void register_report_command(CLI::App& app, CommandContext& context);
void register_serve_command(CLI::App& app, CommandContext& context);
void register_replay_command(CLI::App& app, CommandContext& context);
void register_generate_command(CLI::App& app, CommandContext& context);

}  // namespace sparkify

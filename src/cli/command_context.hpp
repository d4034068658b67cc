// What every command shares: the options common to all of them, the console,
// and the exit code a command wants (when it is not 0 and not an error).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "config/dwh_config.hpp"
#include "core/console.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct CommonOptions {
  std::string db;      // --db FILE: the embedded engine's file
  std::string target;  // --target: sqlite:PATH or a PostgreSQL URI / keyword string
  std::string config;  // --config FILE: the prototype's dwh.cfg
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

// The warehouse named by --db / --target, else by the config's [CLUSTER],
// else ./sparkify.db.
std::unique_ptr<Warehouse> open_target(CommandContext& context);

// The bundled real sample: ./data/sample when run from a clone, else the
// source tree this binary was built from.
std::string default_sample_dir();

void register_init_command(CLI::App& app, CommandContext& context);
void register_load_command(CLI::App& app, CommandContext& context);
void register_status_command(CLI::App& app, CommandContext& context);
void register_serve_command(CLI::App& app, CommandContext& context);
void register_replay_command(CLI::App& app, CommandContext& context);
void register_generate_command(CLI::App& app, CommandContext& context);

}  // namespace sparkify

// What every command shares: the options common to all of them, the console,
// and the exit code a command wants (when it is not 0 and not an error).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "cli/console.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct CommonOptions {
  std::string db;      // --db FILE: the embedded engine's file
  std::string target;  // --target: sqlite:PATH (more engines later)
  bool quiet = false;
  bool verbose = false;
};

struct CommandContext {
  CommonOptions common;
  Console console;
  int exit_code = 0;
};

// Adds --db, --target, --quiet and --verbose to a subcommand.
void add_common_options(CLI::App& command, CommandContext& context);

// The warehouse named by --db / --target (default ./sparkify.db).
std::unique_ptr<Warehouse> open_target(CommandContext& context);

// The bundled real sample: ./data/sample when run from a clone, else the
// source tree this binary was built from.
std::string default_sample_dir();

void register_init_command(CLI::App& app, CommandContext& context);
void register_load_command(CLI::App& app, CommandContext& context);
void register_status_command(CLI::App& app, CommandContext& context);

}  // namespace sparkify

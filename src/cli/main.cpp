// The sparkify command line: parses the command and maps failures to the
// documented exit codes (cli/exit_codes.hpp).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command_context.hpp"
#include "cli/command_suggestion.hpp"
#include "cli/exit_codes.hpp"
#include "core/allocator.hpp"
#include "source/source.hpp"

namespace sparkify {
namespace {

// `sparkify help [COMMAND...]` prints the help of the command, as `git help` does.
void register_help_command(CLI::App& app) {
  auto* help = app.add_subcommand("help", "Show the help of a command (sparkify help load)");
  auto words = std::make_shared<std::vector<std::string>>();
  help->add_option("command", *words, "The command")->option_text("COMMAND");
  help->callback([&app, words] {
    const CLI::App* command = &app;
    std::string path = app.get_name();  // "sparkify names build", for the usage line
    for (const std::string& word : *words) {
      if (const auto unknown = unknown_command(*command, {word}))
        throw CLI::ValidationError("help", *unknown);
      command = command->get_subcommand(word);
      path += " " + word;
    }
    // Not command->help(): the top command's help would show the one of `help`, the
    // subcommand being run.
    print_result(command->get_formatter()->make_help(command, path, CLI::AppFormatMode::Normal));
  });
}

// A value given twice is the last one, as getopt has it (--jobs 1 --jobs 2 is 2);
// options that collect values (--param) keep all of them.
void last_value_wins(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_items_expected_max() == 1)
      option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
  for (CLI::App* command : app.get_subcommands(std::function<bool(CLI::App*)>{}))
    last_value_wins(*command);
}

// "sparkify: <what>" and where to read more: every error line names the program.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string command = "sparkify";
  for (const CLI::App* at = app; !at->get_subcommands().empty();) {
    at = at->get_subcommands().front();
    command += " " + at->get_name();
  }
  return fmt::format("sparkify: {}\nsparkify: run '{} --help' for more information\n", e.what(),
                     command);
}

}  // namespace
}  // namespace sparkify

int main(int argc, char** argv) {
  using namespace sparkify;
  keep_freed_memory_for_reuse();
  CLI::App app{"sparkify: song-play ETL server and data warehouse", "sparkify"};
  app.set_version_flag("-V,--version", std::string("sparkify ") + SPARKIFY_VERSION);
  app.require_subcommand(1);
  app.failure_message(failure_message);
  app.footer(
      "Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 source unreadable or empty, 4 warehouse\n"
      "busy, 5 warehouse error or missing, 6 data-quality check failed or too many rejects.\n"
      "Docs: docs/operations.md");
  CommandContext context;
  register_init_command(app, context);
  register_load_command(app, context);
  register_status_command(app, context);
  register_names_command(app, context);
  register_check_command(app, context);
  register_query_command(app, context);
  register_sql_command(app, context);
  register_report_command(app, context);
  register_serve_command(app, context);
  register_replay_command(app, context);
  register_generate_command(app, context);
  register_help_command(app);
  last_value_wins(app);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    context.console.error("a command is required; 'sparkify --help' lists them");
    return exit_code::kUsage;
  }
  if (const auto unknown = unknown_command(app, args)) {
    context.console.error("{}", *unknown);
    return exit_code::kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_code::kOk : exit_code::kUsage;
  } catch (const SourceError& e) {
    context.console.error("{}", e.what());
    return exit_code::kSource;
  } catch (const WarehouseBusy& e) {
    context.console.error("{}", e.what());
    return exit_code::kBusy;
  } catch (const WarehouseError& e) {
    context.console.error("{}", e.what());
    return exit_code::kWarehouse;
  } catch (const std::exception& e) {
    context.console.error("{}", e.what());
    return exit_code::kFailure;
  }
  return context.exit_code;
}

// The sparkify command line: parses the command and maps failures to the
// documented exit codes (cli/exit_codes.hpp).
#include <CLI/CLI.hpp>

#include "cli/command_context.hpp"
#include "cli/exit_codes.hpp"
#include "source/source.hpp"

int main(int argc, char** argv) {
  using namespace sparkify;
  CLI::App app{"sparkify: song-play ETL server and data warehouse", "sparkify"};
  app.set_version_flag("--version", std::string("sparkify ") + SPARKIFY_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 source unreadable, 4 warehouse busy,\n"
      "5 warehouse error, 6 data-quality check failed. Docs: docs/operations.md");
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

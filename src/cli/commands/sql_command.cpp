// sparkify sql "SELECT ...": ad-hoc read-only SQL over the warehouse.
#include "cli/command_context.hpp"
#include "cli/commands/output_option.hpp"
#include "cli/exit_codes.hpp"

namespace sparkify {
namespace {

struct SqlArgs {
  std::string sql;
  std::string format = "table";
};

}  // namespace

void register_sql_command(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "sql", "Run one read-only SQL statement (SELECT, WITH ...) over the warehouse");
  add_common_options(*command, context);
  auto args = std::make_shared<SqlArgs>();
  command->add_option("statement", args->sql, "The SQL to run (one statement that only reads)")
      ->option_text("SQL")
      ->required();
  add_format_option(*command, args->format, {"table", "csv", "json"});
  command->callback([&context, args] {
    auto warehouse = open_target_read_only(context);
    try {
      const Table result = warehouse->query_read_only(args->sql);
      print_result(report::render(result, output_format(args->format)));
    } catch (const WarehouseQueryRejected& e) {
      context.console.error("{}", e.what());
      context.exit_code = exit_code::kUsage;
    }
  });
}

}  // namespace sparkify

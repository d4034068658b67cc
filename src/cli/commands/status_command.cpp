// sparkify status: what has been loaded (objects, batches, rows, rejects).
#include "cli/command_context.hpp"
#include "cli/number_checks.hpp"
#include "report/text_table.hpp"

namespace sparkify {
namespace {

// The same aligned tables as `sparkify query` prints, without the row-count footer.
void print_table(const Console& console, const Table& table) {
  report::TextTableOptions options;
  options.null_text = "";
  options.row_count = false;
  std::string text = report::render_text_table(table, options);
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  console.out("{}", text);
}

}  // namespace

void register_status_command(CLI::App& app, CommandContext& context) {
  auto* command =
      app.add_subcommand("status", "Show what has been loaded: objects, batches, rows, rejects");
  add_common_options(*command, context);
  auto rejects = std::make_shared<std::int64_t>(10);
  command->add_option("--rejects", *rejects, "How many recent rejects to show")
      ->option_text("N")
      ->check(whole_number(0, 1'000'000));
  command->callback([&context, rejects] {
    auto warehouse = open_target_read_only(context, SchemaCheck::any);
    const int version = warehouse->schema_version();
    if (version == 0) {
      context.console.out("{}: not initialised (run `sparkify init` or `sparkify load`)",
                          warehouse->describe());
      return;
    }
    const Console& out = context.console;
    out.out("Warehouse {} (schema version {})", warehouse->describe(), version);
    out.out("\nObjects loaded:");
    print_table(out, warehouse->query(warehouse->statement("status/objects_by_kind")));
    out.out("\nRows per table:");
    print_table(out, warehouse->query(warehouse->statement("status/table_counts")));
    out.out("\nWaiting for the star schema:");
    print_table(out, warehouse->query(warehouse->statement("status/unprocessed")));
    out.out("\nRecent batches:");
    print_table(
        out, warehouse->query(warehouse->statement("status/recent_batches"), {std::int64_t{10}}));
    if (*rejects > 0) {
      out.out("\nRecent rejects:");
      print_table(out, warehouse->query(warehouse->statement("status/recent_rejects"), {*rejects}));
    }
  });
}

}  // namespace sparkify

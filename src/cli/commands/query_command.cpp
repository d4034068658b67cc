// sparkify query NAME: the analysts' named queries; --list shows them.
#include "analytics/named_queries.hpp"
#include "cli/command_context.hpp"
#include "cli/commands/output_option.hpp"
#include "cli/exit_codes.hpp"
#include "report/text_table.hpp"

namespace sparkify {
namespace {

struct QueryArgs {
  std::string name;
  std::vector<std::string> params;
  std::string format = "table";
  bool list = false;
};

std::string describe_params(const analytics::StatementHeader& header) {
  std::string out;
  for (const auto& p : header.params) {
    out += fmt::format("{}{}={}{}", out.empty() ? "" : " ", p.name, to_string(p.type),
                       p.default_value ? " (default " + *p.default_value + ")" : "");
  }
  return out;
}

}  // namespace

void register_query_command(CLI::App& app, CommandContext& context) {
  auto* command =
      app.add_subcommand("query", "Run one of the analysts' named queries (--list shows them)");
  add_common_options(*command, context);
  auto args = std::make_shared<QueryArgs>();
  command->add_option("name", args->name, "The query's name")->option_text("NAME");
  command->add_option("--param", args->params, "A parameter of the query (repeatable)")
      ->option_text("KEY=VALUE");
  add_format_option(*command, args->format, {"table", "csv", "json"});
  command->add_flag("--list", args->list, "List the named queries with their description");
  command->callback([&context, args] {
    auto warehouse = open_target_read_only(context);
    if (args->list || args->name.empty()) {
      Table list;
      list.columns = {"query", "parameters", "description"};
      for (const auto& q : analytics::list_named_queries(*warehouse)) {
        list.rows.push_back({q.name, describe_params(q.header), q.header.description});
      }
      if (args->format == "table") {
        report::TextTableOptions options;
        options.row_count = false;
        print_result(report::render_text_table(list, options));
      } else {
        print_result(report::render(list, output_format(args->format)));
      }
      if (!args->list) {
        context.console.error("which query? give its name (see the list above)");
        context.exit_code = exit_code::kUsage;
      }
      return;
    }
    std::map<std::string, std::string> params;
    for (const auto& p : args->params) {
      const auto eq = p.find('=');
      if (eq == std::string::npos || eq == 0) {
        context.console.error("--param {}: expected KEY=VALUE", p);
        context.exit_code = exit_code::kUsage;
        return;
      }
      params[p.substr(0, eq)] = p.substr(eq + 1);
    }
    try {
      const Table result = analytics::run_named_query(*warehouse, args->name, params);
      print_result(report::render(result, output_format(args->format)));
    } catch (const analytics::ParamError& e) {
      context.console.error("{}", e.what());
      context.exit_code = exit_code::kUsage;
    }
  });
}

}  // namespace sparkify

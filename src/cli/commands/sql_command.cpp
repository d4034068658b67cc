// sparkify sql "SELECT ...": ad-hoc read-only SQL over the warehouse, given as an
// argument, in a file (-f FILE, "-" for standard input) or on standard input, as
// psql -f and sqlite3 db < q.sql take it.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command_context.hpp"
#include "cli/commands/output_option.hpp"
#include "cli/exit_codes.hpp"

namespace sparkify {
namespace {

struct SqlArgs {
  std::string sql;
  std::string file;
  std::string format = "table";
};

std::string read_all(std::istream& in) {
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The statement: the argument, else the file (-f), else standard input when it is
// not a terminal; a usage error when none is given or the file cannot be read.
std::string statement_text(const SqlArgs& args) {
  if (!args.sql.empty() && !args.file.empty())
    throw CLI::ValidationError("-f", "give the statement or a file, not both");
  if (!args.sql.empty())
    return args.sql;
  if (args.file == "-" || (args.file.empty() && ::isatty(STDIN_FILENO) == 0))
    return read_all(std::cin);
  if (args.file.empty()) {
    throw CLI::ValidationError(
        "sql", "give a statement: sparkify sql \"SELECT ...\", -f FILE, or on standard input");
  }
  std::ifstream in(args.file, std::ios::binary);
  if (!in)
    throw CLI::ValidationError("-f", fmt::format("cannot read {}", args.file));
  return read_all(in);
}

// Where a statement error is, as psql shows it: the line and a caret under the spot.
void print_statement_error(const Console& console, const WarehouseStatementError& e,
                           std::string_view sql) {
  if (!e.offset() || *e.offset() > sql.size()) {
    console.error("{}", e.what());
    return;
  }
  const std::size_t offset = *e.offset();
  const std::size_t newline_before =
      offset == 0 ? std::string_view::npos : sql.rfind('\n', offset - 1);
  const std::size_t from = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  const std::string_view line = sql.substr(from, sql.find('\n', from) - from);
  const auto line_number = 1 + std::count(sql.begin(), sql.begin() + from, '\n');
  const std::string label = fmt::format("LINE {}: ", line_number);
  console.error("{} (line {}, column {})", e.what(), line_number, offset - from + 1);
  fmt::print(stderr, "sparkify: {}{}\nsparkify: {}^\n", label, line,
             std::string(label.size() + offset - from, ' '));
}

}  // namespace

void register_sql_command(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "sql", "Run one read-only SQL statement (SELECT, WITH ...) over the warehouse");
  add_common_options(*command, context);
  auto args = std::make_shared<SqlArgs>();
  command
      ->add_option("statement", args->sql,
                   "The SQL to run (one statement that only reads); else -f FILE or standard "
                   "input")
      ->option_text("SQL");
  command
      ->add_option("-f,--file", args->file, "Read the statement from FILE (\"-\": standard input)")
      ->option_text("FILE");
  add_format_option(*command, args->format, {"table", "csv", "json"});
  command->callback([&context, args] {
    const std::string sql = statement_text(*args);
    auto warehouse = open_target_read_only(context);
    try {
      const Table result = warehouse->query_read_only(sql);
      print_result(report::render(result, output_format(args->format)));
    } catch (const WarehouseStatementError& e) {
      print_statement_error(context.console, e, sql);
      context.exit_code = exit_code::kUsage;
    } catch (const WarehouseQueryRejected& e) {
      context.console.error("{}", e.what());
      context.exit_code = exit_code::kUsage;
    }
  });
}

}  // namespace sparkify

// sparkify check: the data-quality checks; exit code 6 when one fails.
#include "analytics/checks.hpp"
#include "cli/command_context.hpp"
#include "cli/commands/output_option.hpp"
#include "cli/exit_codes.hpp"
#include "cli/number_checks.hpp"
#include "report/text_table.hpp"

namespace sparkify {
namespace {

struct CheckArgs {
  std::string format = "table";
  analytics::CheckOptions options;
};

}  // namespace

void register_check_command(CLI::App& app, CommandContext& context) {
  auto* command =
      app.add_subcommand("check", "Run the data-quality checks; exit code 6 when one fails");
  add_common_options(*command, context);
  auto args = std::make_shared<CheckArgs>();
  add_format_option(*command, args->format, {"table", "json"});
  command
      ->add_option("--max-reject-share", args->options.max_reject_share,
                   "Most rejected records allowed, as a share of all records read")
      ->option_text("X")
      ->capture_default_str()
      ->check(decimal_number(0, 1));
  command
      ->add_option("--min-match-share", args->options.min_match_share,
                   "Least share of plays that must match a known song (0: only report it)")
      ->option_text("X")
      ->capture_default_str()
      ->check(decimal_number(0, 1));
  command->callback([&context, args] {
    auto warehouse = open_target_read_only(context);
    const auto outcomes = analytics::run_checks(*warehouse, args->options);
    std::size_t failed = 0;
    for (const auto& o : outcomes)
      failed += o.passed ? 0 : 1;
    if (args->format == "json") {
      print_result(analytics::checks_json(outcomes));
    } else {
      report::TextTableOptions options;
      options.row_count = false;
      print_result(report::render_text_table(analytics::checks_table(outcomes), options));
      print_result(failed == 0 ? fmt::format("All {} checks passed.\n", outcomes.size())
                               : fmt::format("{} of {} checks FAILED.\n", failed, outcomes.size()));
    }
    if (failed > 0)
      context.exit_code = exit_code::kCheckFailed;
  });
}

}  // namespace sparkify

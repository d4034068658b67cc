// sparkify names build: the name-to-gender table from the SSA baby-names data.
#include "cli/command_context.hpp"
#include "cli/number_checks.hpp"
#include "names/name_gender_table.hpp"

namespace sparkify {
namespace {

struct NamesBuildArgs {
  std::string names;
  std::string out;
  double threshold = names::kDefaultThreshold;
  std::int64_t min_total = names::kDefaultMinTotal;
};

}  // namespace

void register_names_command(CLI::App& app, CommandContext& context) {
  auto* names = app.add_subcommand("names", "The name-to-gender table (docs/gender.md)");
  names->require_subcommand(1);
  auto* build = names->add_subcommand(
      "build", "Build the name-to-gender CSV from SSA baby-names data (names.zip or a folder)");
  auto args = std::make_shared<NamesBuildArgs>();
  build->add_option("--names", args->names, "names.zip or a folder of yobYYYY.txt")
      ->option_text("PATH")
      ->required();
  build->add_option("--out", args->out, "The CSV to write (name,gender,share,total)")
      ->option_text("FILE")
      ->required();
  build->add_option("--threshold", args->threshold, "Share the leading sex must reach")
      ->option_text("X")
      ->capture_default_str()
      ->check(decimal_number(0.5, 1));
  build->add_option("--min-total", args->min_total, "Babies a name needs to be kept")
      ->option_text("N")
      ->capture_default_str()
      ->check(whole_number(0, 1'000'000'000));
  auto* quiet = build->add_flag("-q,--quiet", context.common.quiet, "Print only errors");
  build->add_flag("-v,--verbose", context.common.verbose, "Print every skipped line")
      ->excludes(quiet);
  build->callback([&context, args] {
    context.console.set_verbosity(context.common.quiet     ? Verbosity::quiet
                                  : context.common.verbose ? Verbosity::verbose
                                                           : Verbosity::normal);
    const auto result =
        names::build_name_gender_table(args->names, args->threshold, args->min_total);
    for (const auto& issue : result.issues)
      context.console.warn("skipped {}", issue.what());
    names::write_name_gender_csv(result.rows, args->out);
    context.console.out(
        "{} files, {} lines, {} names: {} kept, {} ambiguous (share < {} or a tie), {} with "
        "fewer than {} babies, {} malformed lines skipped -> {}",
        result.files, result.lines, result.names, result.rows.size(), result.ambiguous,
        args->threshold, result.below_min_total, args->min_total, result.issues.size(), args->out);
  });
}

}  // namespace sparkify

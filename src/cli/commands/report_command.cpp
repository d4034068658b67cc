// sparkify report --out report.html: checks, counts and queries as one page.
#include <filesystem>
#include <fstream>

#include "analytics/warehouse_report.hpp"
#include "cli/command_context.hpp"
#include "cli/number_checks.hpp"
#include "core/clock.hpp"

namespace sparkify {
namespace {

struct ReportArgs {
  std::string out = "report.html";
  analytics::WarehouseReportOptions options;
};

// --out names a file (or "-"): a folder is a usage error, found before any work.
void require_file_name(const std::string& out) {
  const std::filesystem::path path(out);
  if (out != "-" && (!path.has_filename() || std::filesystem::is_directory(path)))
    throw CLI::ValidationError("--out", fmt::format("{} is a folder; give the file to write", out));
}

// Writes through a temporary file renamed into place: never a half-written page,
// and nothing left behind when the write fails. "-" is standard output.
void write_file(const std::string& out, const std::string& text) {
  namespace fs = std::filesystem;
  if (out == "-") {
    print_result(text);
    return;
  }
  const fs::path path(out);
  const fs::path tmp = path.string() + ".tmp";
  bool created = false;
  try {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    created = file.is_open();
    file << text;
    file.close();
    if (!file)
      throw std::runtime_error(
          fmt::format("cannot write {} (through {})", path.string(), tmp.string()));
    fs::rename(tmp, path);
  } catch (...) {
    std::error_code ignored;
    if (created)
      fs::remove(tmp, ignored);
    throw;
  }
}

}  // namespace

void register_report_command(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "report", "Write a self-contained HTML report: checks, counts, queries and charts");
  add_common_options(*command, context);
  auto args = std::make_shared<ReportArgs>();
  command->add_option("-o,--out", args->out, "The HTML file to write (\"-\": standard output)")
      ->option_text("FILE")
      ->capture_default_str();
  command->add_option("--artist", args->options.artist, "Whose plays by location to show")
      ->option_text("NAME")
      ->capture_default_str();
  command
      ->add_option("--max-reject-share", args->options.checks.max_reject_share,
                   "As for `sparkify check`")
      ->option_text("X")
      ->check(decimal_number(0, 1));
  command
      ->add_option("--min-match-share", args->options.checks.min_match_share,
                   "As for `sparkify check`")
      ->option_text("X")
      ->check(decimal_number(0, 1));
  command->callback([&context, args] {
    require_file_name(args->out);
    auto warehouse = open_target_read_only(context);
    args->options.generated_at = utc_now_text().substr(0, 19) + " UTC";
    args->options.version = SPARKIFY_VERSION;
    std::vector<analytics::CheckOutcome> checks;
    const auto model = analytics::build_warehouse_report(*warehouse, args->options, &checks);
    write_file(args->out, report::render_html_report(model));
    std::size_t failed = 0;
    for (const auto& c : checks)
      failed += c.passed ? 0 : 1;
    if (args->out == "-")
      return;  // standard output holds the page and nothing else
    context.console.out("Wrote {} ({} sections, {} of {} checks passed)", args->out,
                        model.sections.size(), checks.size() - failed, checks.size());
  });
}

}  // namespace sparkify

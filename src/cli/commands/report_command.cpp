// sparkify report --out report.html: checks, counts and queries as one page.
#include <filesystem>
#include <fstream>

#include "analytics/warehouse_report.hpp"
#include "cli/command_context.hpp"
#include "core/clock.hpp"

namespace sparkify {
namespace {

struct ReportArgs {
  std::string out = "report.html";
  analytics::WarehouseReportOptions options;
};

// Writes through a temporary file renamed into place: never a half-written page.
void write_file(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace

void register_report_command(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand(
      "report", "Write a self-contained HTML report: checks, counts, queries and charts");
  add_common_options(*command, context);
  auto args = std::make_shared<ReportArgs>();
  command->add_option("-o,--out", args->out, "The HTML file to write")
      ->option_text("FILE")
      ->capture_default_str();
  command->add_option("--artist", args->options.artist, "Whose plays by location to show")
      ->option_text("NAME")
      ->capture_default_str();
  command
      ->add_option("--max-reject-share", args->options.checks.max_reject_share,
                   "As for `sparkify check`")
      ->option_text("X")
      ->check(CLI::Range(0.0, 1.0));
  command
      ->add_option("--min-match-share", args->options.checks.min_match_share,
                   "As for `sparkify check`")
      ->option_text("X")
      ->check(CLI::Range(0.0, 1.0));
  command->callback([&context, args] {
    auto warehouse = open_target_read_only(context);
    args->options.generated_at = utc_now_text().substr(0, 19) + " UTC";
    args->options.version = SPARKIFY_VERSION;
    std::vector<analytics::CheckOutcome> checks;
    const auto model = analytics::build_warehouse_report(*warehouse, args->options, &checks);
    write_file(args->out, report::render_html_report(model));
    std::size_t failed = 0;
    for (const auto& c : checks)
      failed += c.passed ? 0 : 1;
    context.console.out("Wrote {} ({} sections, {} of {} checks passed)", args->out,
                        model.sections.size(), checks.size() - failed, checks.size());
  });
}

}  // namespace sparkify

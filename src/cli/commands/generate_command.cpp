// sparkify generate: deterministic synthetic data in the real sample's shape.
#include <limits>

#include "cli/command_context.hpp"
#include "cli/number_checks.hpp"
#include "generate/generator.hpp"

namespace sparkify {

void register_generate_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<GeneratorOptions>();
  auto out = std::make_shared<std::string>();
  auto* command = app.add_subcommand(
      "generate", "Write deterministic synthetic song files and event logs in the sample's shape");
  constexpr std::int64_t kMany = 1'000'000'000'000;
  command->add_option("--songs", options->songs, "Song files to write")
      ->required()
      ->check(whole_number(0, kMany));
  command->add_option("--events", options->events, "Events to write (daily JSON-lines logs)")
      ->required()
      ->check(whole_number(0, kMany));
  command->add_option("--out", *out, "Folder to write song_data/ and log_data/ into")
      ->required()
      ->option_text("DIR");
  command->add_option("--seed", options->seed, "Seed; the same options give the same bytes")
      ->capture_default_str()
      ->check(whole_number(0, std::numeric_limits<std::int64_t>::max()));
  command
      ->add_option("--match-share", options->match_share,
                   "Share of plays that match a generated song (title, artist, duration)")
      ->capture_default_str()
      ->check(decimal_number(0, 1));
  command
      ->add_option("--near-miss-share", options->near_miss_share,
                   "Share of plays that nearly match and must not")
      ->capture_default_str()
      ->check(decimal_number(0, 1));
  command->add_option("--users", options->users, "Distinct users (0: one per 83 events)")
      ->capture_default_str()
      ->check(whole_number(0, kMany));
  command->add_option("--days", options->days, "Daily log files")
      ->capture_default_str()
      ->check(whole_number(1, 36'500));
  command
      ->add_option("--missing-gender-share", options->missing_gender_share,
                   "Share of users whose events carry no gender")
      ->capture_default_str()
      ->check(decimal_number(0, 1));
  auto* quiet = command->add_flag("-q,--quiet", context.common.quiet, "Print only errors");
  (void)quiet;
  command->callback([&context, options, out] {
    context.console.set_verbosity(context.common.quiet ? Verbosity::quiet : Verbosity::normal);
    try {
      validate(*options);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("generate", e.what());
    }
    const auto started = std::chrono::steady_clock::now();
    const GenerateSummary s = generate_dataset(*options, *out);
    context.console.out(
        "Wrote {} files ({} bytes) to {} in {:.2f} s: {} songs by {} artists; {} events, {} "
        "plays ({} match a song, {} near misses), {} logged out, {} users, {} level changes",
        s.files_written, s.bytes_written, *out,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), s.songs,
        s.artists, s.events, s.next_song_events, s.matching_plays, s.near_misses,
        s.logged_out_events, s.distinct_users, s.level_changes);
  });
}

}  // namespace sparkify

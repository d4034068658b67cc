#include "cli/load_refusals.hpp"

#include <fmt/format.h>

#include <tuple>

namespace sparkify {

void require_listable_sources(const std::vector<SourceSpec>& sources, bool allow_empty) {
  for (const auto& s : sources) {
    if (!s.source->open_listing()->next_page().empty() || allow_empty)
      continue;
    throw SourceError(fmt::format(
        "the {} source {} lists nothing to load: is the path right? (--allow-empty when an "
        "empty source is expected)",
        to_string(s.kind), s.source->describe()));
  }
}

std::optional<std::string> too_many_rejects(const LoadReport& report,
                                            const std::optional<double>& max_share,
                                            const std::vector<SourceSpec>& sources) {
  const auto above_limit = [&](const RecordTally& t) {
    const std::int64_t read = t.parsed + t.rejected;
    if (read == 0)
      return false;
    const double share = static_cast<double>(t.rejected) / static_cast<double>(read);
    return max_share ? share > *max_share : t.rejected == read;
  };
  const bool songs = above_limit(report.song_records);
  const bool events = above_limit(report.event_records);
  if (!songs && !events)
    return std::nullopt;
  const auto where = [&](ObjectKind kind) {
    for (const auto& s : sources) {
      if (s.kind == kind)
        return s.source->describe();
    }
    return std::string();
  };
  const auto what = [&](const RecordTally& t, ObjectKind kind) {
    return fmt::format("{} of {} {} records rejected ({})", t.rejected, t.parsed + t.rejected,
                       to_string(kind), where(kind));
  };
  const std::string limit =
      max_share ? fmt::format("more than --max-reject-share {}", *max_share) : "all of them";
  if (songs && events && report.song_records.parsed == 0 && report.event_records.parsed == 0) {
    return fmt::format(
        "{}; {}: the song and event sources look swapped (--songs takes the song files, "
        "--events the event logs)",
        what(report.song_records, ObjectKind::song), what(report.event_records, ObjectKind::event));
  }
  std::string message;
  for (const auto& [failed, tally, kind, expected] :
       {std::tuple{songs, &report.song_records, ObjectKind::song,
                   "--songs takes song files, one JSON object each"},
        std::tuple{events, &report.event_records, ObjectKind::event,
                   "--events takes event logs, one JSON object a line"}}) {
    if (!failed)
      continue;
    message += fmt::format("{}{}, {}", message.empty() ? "" : "; ", what(*tally, kind), limit);
    if (tally->parsed == 0)
      message += fmt::format(" (is it the right folder? {})", expected);
  }
  return message;
}

}  // namespace sparkify

#include "report/column_heading.hpp"

#include <array>
#include <utility>

namespace sparkify::report {
namespace {

// The columns of the named queries whose plain reading is not enough.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kHeadings{{
    {"user_id", "User"},
    {"song_id", "Song"},
    {"artist_id", "Artist id"},
    {"artist_name", "Artist"},
    {"session_id", "Session"},
    {"songplay_id", "Play"},
    {"match_share", "Share matched"},
    {"matched_song", "Matched to a song"},
    {"matched_artist", "Matched to an artist"},
    {"total_upgrades", "Upgrades so far"},
    {"total_downgrades", "Downgrades so far"},
    {"upgrades_total", "Upgrades so far"},
    {"downgrades_total", "Downgrades so far"},
    {"gender_source", "Gender from"},
    {"day_name", "Weekday"},
    {"table_name", "Table"},
    {"row_count", "Rows"},
    {"changed_at", "Changed at (UTC)"},
    {"from_level", "From"},
    {"to_level", "To"},
    {"rank", "#"},
}};

}  // namespace

std::string column_heading(std::string_view column) {
  for (const auto& [name, heading] : kHeadings) {
    if (name == column)
      return std::string(heading);
  }
  std::string text(column);
  for (char& c : text) {
    if (c == '_')
      c = ' ';
  }
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace sparkify::report

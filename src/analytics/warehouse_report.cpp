#include "analytics/warehouse_report.hpp"

#include <fmt/format.h>

#include "analytics/named_queries.hpp"
#include "report/number_format.hpp"

namespace sparkify::analytics {
namespace {

using report::ChartSpec;
using report::ChartType;
using report::Orientation;
using report::ReportSection;
using report::Stacking;

ReportSection section(std::string title, std::string description, Table table,
                      std::size_t max_rows = 50) {
  ReportSection s;
  s.title = std::move(title);
  s.description = std::move(description);
  s.table = std::move(table);
  s.max_rows = max_rows;
  return s;
}

ChartSpec bars(std::string title, std::string x, std::vector<std::string> y,
               Orientation orientation = Orientation::vertical,
               Stacking stacking = Stacking::grouped) {
  ChartSpec c;
  c.type = ChartType::bar;
  c.title = std::move(title);
  c.x = std::move(x);
  c.y = std::move(y);
  c.orientation = orientation;
  c.stacking = stacking;
  return c;
}

std::int64_t cell_int(const Table& t, std::size_t row, std::size_t column) {
  if (row >= t.rows.size() || column >= t.rows[row].size() || is_null(t.rows[row][column]))
    return 0;
  return to_int(t.rows[row][column]);
}

}  // namespace

report::ReportModel build_warehouse_report(Warehouse& warehouse,
                                           const WarehouseReportOptions& options,
                                           std::vector<CheckOutcome>* checks_out) {
  report::ReportModel m;
  m.title = "Sparkify song-play warehouse";

  const auto checks = run_checks(warehouse, options.checks);
  std::size_t passed = 0;
  for (const auto& c : checks) {
    passed += c.passed ? 1 : 0;
    m.checks.push_back({c.name, c.passed, c.detail});
  }
  if (checks_out != nullptr)
    *checks_out = checks;

  const Table counts = run_named_query(warehouse, "table-counts");
  for (const auto& row : counts.rows)
    m.counts.push_back({to_text(row[0]).value_or(""), row[1]});
  const Table match = run_named_query(warehouse, "match-rate");
  const Table users = run_named_query(warehouse, "gender-split");
  std::int64_t user_count = 0;
  for (const auto& row : users.rows)
    user_count += to_int(row[2]);

  m.subtitle = fmt::format("{} song plays by {} users; {} of {} checks passed",
                           report::group_thousands(cell_int(match, 0, 0)),
                           report::group_thousands(user_count), passed, checks.size());
  m.summary = {{"Warehouse", warehouse.describe()},
               {"Schema version", std::to_string(warehouse.schema_version())},
               {"Generated", options.generated_at},
               {"Checks", fmt::format("{} of {} passed", passed, checks.size())},
               {"Plays matched to a song",
                fmt::format("{} of {}", report::group_thousands(cell_int(match, 0, 1)),
                            report::group_thousands(cell_int(match, 0, 0)))}};

  {
    auto s = section("Plays by hour of day",
                     "Song plays per hour of the day (UTC), all days together, by the level "
                     "at the time of the play. Query: plays-by-hour.",
                     run_named_query(warehouse, "plays-by-hour"), 24);
    s.chart = bars("Plays by hour of day (UTC)", "hour", {"free", "paid"}, Orientation::vertical,
                   Stacking::stacked);
    s.chart->x_label = "Hour of day (UTC)";
    s.chart->y_label = "Plays";
    m.sections.push_back(std::move(s));
  }
  {
    auto s = section("Plays by weekday",
                     "Song plays per day of the week (UTC), by level. Query: plays-by-weekday.",
                     run_named_query(warehouse, "plays-by-weekday"), 7);
    s.chart = bars("Plays by weekday", "day_name", {"free", "paid"}, Orientation::vertical,
                   Stacking::stacked);
    s.chart->x_label = "Weekday";
    s.chart->y_label = "Plays";
    m.sections.push_back(std::move(s));
  }
  {
    auto s = section("Top 10 artists by name",
                     "The most played artists as the events name them, whether or not the play "
                     "matched a song in the catalogue. Query: top-artist-names.",
                     run_named_query(warehouse, "top-artist-names"), 10);
    s.chart = bars("Top 10 artists by plays", "artist_name", {"plays"}, Orientation::horizontal);
    s.chart->y_label = "Plays";
    m.sections.push_back(std::move(s));
  }
  {
    auto s = section("Top 10 artists by artist id (matched plays)",
                     "Only plays matched to a known song have an artist id: with few song files "
                     "loaded this list is short. Query: top-artists.",
                     run_named_query(warehouse, "top-artists"), 10);
    s.chart =
        bars("Top 10 artists by artist id", "artist_name", {"plays"}, Orientation::horizontal);
    s.chart->y_label = "Matched plays";
    m.sections.push_back(std::move(s));
  }
  {
    Table locations = run_named_query(warehouse, "plays-by-location-level");
    const std::size_t all = locations.rows.size();
    if (locations.rows.size() > options.top_locations)
      locations.rows.resize(options.top_locations);
    const std::size_t shown = locations.rows.size();
    auto s = section("Free and paid plays by location",
                     fmt::format("The {} locations with most plays (of {}), split by the level "
                                 "at the time of the play. Query: plays-by-location-level.",
                                 shown, all),
                     std::move(locations), options.top_locations);
    s.chart = bars("Free and paid plays by location", "location", {"free", "paid"},
                   Orientation::horizontal, Stacking::stacked);
    s.chart->y_label = "Plays";
    m.sections.push_back(std::move(s));
  }
  {
    auto s = section("Gender split",
                     "Users and their plays by gender, and where the gender came from: the "
                     "events, the first-name table, or unknown. Query: gender-split.",
                     users, 20);
    s.chart = bars("Plays by gender and its source", "gender", {"plays"}, Orientation::vertical,
                   Stacking::stacked);
    s.chart->series = "gender_source";
    s.chart->y_label = "Plays";
    m.sections.push_back(std::move(s));
  }
  {
    auto s = section("Upgrades and downgrades over time",
                     "Running totals of users moving from free to paid (upgrades) and from paid "
                     "to free (downgrades), on the days with a change. Query: "
                     "level-changes-by-day; each change: level-changes.",
                     run_named_query(warehouse, "level-changes-by-day"), 60);
    ChartSpec c;
    c.type = ChartType::step;
    c.title = "Upgrades and downgrades, running totals";
    c.x = "day";
    c.y = {"total_upgrades", "total_downgrades"};
    c.x_label = "Day (UTC)";
    c.y_label = "Users";
    s.chart = c;
    m.sections.push_back(std::move(s));
  }
  m.sections.push_back(section("Level changes", "Every change of level. Query: level-changes.",
                               run_named_query(warehouse, "level-changes"), 50));
  {
    Table where = run_named_query(warehouse, "artist-locations", {{"artist", options.artist}});
    auto s = section(fmt::format("Where {} is played", options.artist),
                     fmt::format("Plays of {} by location. Query: artist-locations --param "
                                 "artist=\"{}\".",
                                 options.artist, options.artist),
                     std::move(where), 20);
    s.chart = bars(fmt::format("Plays of {} by location", options.artist), "location", {"plays"},
                   Orientation::horizontal);
    s.chart->y_label = "Plays";
    m.sections.push_back(std::move(s));
  }
  m.sections.push_back(section("Most active users",
                               "The users with most plays and their current level. Query: "
                               "top-users.",
                               run_named_query(warehouse, "top-users"), 10));
  m.sections.push_back(section("Top artists by gender",
                               "The most played artist names by female and by male users. "
                               "Query: top-artist-names-by-gender (top-artists-by-gender counts "
                               "matched plays only).",
                               run_named_query(warehouse, "top-artist-names-by-gender"), 20));
  m.sections.push_back(section("Gender of staged events",
                               "Every staged event (all pages) by the gender it carries, as the "
                               "prototype counted it. Query: gender-breakdown.",
                               run_named_query(warehouse, "gender-breakdown"), 10));
  m.sections.push_back(section("Plays matched to songs",
                               "Plays whose title, artist name and duration match a song file. "
                               "Query: match-rate.",
                               match, 1));
  m.footer = fmt::format("Generated by sparkify {} · self-contained: no scripts, no network",
                         options.version);
  return m;
}

}  // namespace sparkify::analytics

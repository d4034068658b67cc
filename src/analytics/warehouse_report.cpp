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

ChartSpec bars(std::string title, std::string x, std::vector<std::string> y, std::string y_label,
               Orientation orientation = Orientation::vertical,
               Stacking stacking = Stacking::grouped) {
  ChartSpec c;
  c.type = ChartType::bar;
  c.title = std::move(title);
  c.x = std::move(x);
  c.y = std::move(y);
  c.y_label = std::move(y_label);
  c.orientation = orientation;
  c.stacking = stacking;
  return c;
}

ReportSection with_chart(ReportSection s, ChartSpec chart) {
  s.chart = std::move(chart);
  return s;
}

std::int64_t cell_int(const Table& t, std::size_t row, std::size_t column) {
  if (row >= t.rows.size() || column >= t.rows[row].size() || is_null(t.rows[row][column]))
    return 0;
  return to_int(t.rows[row][column]);
}

// The checks, in the model and for the caller; returns how many passed.
std::size_t add_checks(report::ReportModel& m, const std::vector<CheckOutcome>& checks) {
  std::size_t passed = 0;
  for (const auto& c : checks) {
    passed += c.passed ? 1 : 0;
    m.checks.push_back({c.name, c.passed, c.detail});
  }
  return passed;
}

// When people listen: by hour of day and by weekday.
void add_time_sections(report::ReportModel& m, Warehouse& warehouse) {
  auto hours = bars("Plays by hour of day (UTC)", "hour", {"free", "paid"}, "Plays",
                    Orientation::vertical, Stacking::stacked);
  hours.x_label = "Hour of day (UTC)";
  m.sections.push_back(
      with_chart(section("Plays by hour of day",
                         "Song plays per hour of the day (UTC), all days together, by the level "
                         "at the time of the play. Query: plays-by-hour.",
                         run_named_query(warehouse, "plays-by-hour"), 24),
                 std::move(hours)));
  auto weekdays = bars("Plays by weekday", "day_name", {"free", "paid"}, "Plays",
                       Orientation::vertical, Stacking::stacked);
  weekdays.x_label = "Weekday";
  m.sections.push_back(
      with_chart(section("Plays by weekday",
                         "Song plays per day of the week (UTC), by level. Query: plays-by-weekday.",
                         run_named_query(warehouse, "plays-by-weekday"), 7),
                 std::move(weekdays)));
}

// What people listen to: the top artists by name and by matched artist id.
void add_artist_sections(report::ReportModel& m, Warehouse& warehouse) {
  m.sections.push_back(with_chart(
      section("Top 10 artists by name",
              "The most played artists as the events name them, whether or not the play "
              "matched a song in the catalogue. Query: top-artist-names.",
              run_named_query(warehouse, "top-artist-names"), 10),
      bars("Top 10 artists by plays", "artist_name", {"plays"}, "Plays", Orientation::horizontal)));
  m.sections.push_back(with_chart(
      section("Top 10 artists by artist id (matched plays)",
              "Only plays matched to a known song have an artist id: with few song files "
              "loaded this list is short. Query: top-artists.",
              run_named_query(warehouse, "top-artists"), 10),
      bars("Top 10 artists by artist id", "artist_name", {"plays"}, "Matched plays",
           Orientation::horizontal)));
}

// Who listens: where, and of which gender.
void add_audience_sections(report::ReportModel& m, Warehouse& warehouse,
                           const WarehouseReportOptions& options, const Table& users) {
  Table locations = run_named_query(warehouse, "plays-by-location-level");
  const std::size_t all = locations.rows.size();
  if (locations.rows.size() > options.top_locations)
    locations.rows.resize(options.top_locations);
  const std::size_t shown = locations.rows.size();
  m.sections.push_back(
      with_chart(section("Free and paid plays by location",
                         fmt::format("The {} locations with most plays (of {}), split by the level "
                                     "at the time of the play. Query: plays-by-location-level.",
                                     shown, all),
                         std::move(locations), options.top_locations),
                 bars("Free and paid plays by location", "location", {"free", "paid"}, "Plays",
                      Orientation::horizontal, Stacking::stacked)));
  auto genders = bars("Plays by gender and its source", "gender", {"plays"}, "Plays",
                      Orientation::vertical, Stacking::stacked);
  genders.series = "gender_source";
  m.sections.push_back(with_chart(section("Gender split",
                                          "Users and their plays by gender, and where the gender "
                                          "came from: the events, the first-name table, or "
                                          "unknown. Query: gender-split.",
                                          users, 20),
                                  std::move(genders)));
}

// Upgrades and downgrades: running totals, then every change.
void add_level_sections(report::ReportModel& m, Warehouse& warehouse) {
  ChartSpec totals;
  totals.type = ChartType::step;
  totals.title = "Upgrades and downgrades, running totals";
  totals.x = "day";
  totals.y = {"total_upgrades", "total_downgrades"};
  totals.x_label = "Day (UTC)";
  totals.y_label = "Users";
  m.sections.push_back(
      with_chart(section("Upgrades and downgrades over time",
                         "Running totals of users moving from free to paid (upgrades) and from "
                         "paid to free (downgrades), on the days with a change. Query: "
                         "level-changes-by-day; each change: level-changes.",
                         run_named_query(warehouse, "level-changes-by-day"), 60),
                 std::move(totals)));
  m.sections.push_back(section("Level changes", "Every change of level. Query: level-changes.",
                               run_named_query(warehouse, "level-changes"), 50));
}

// The sections without a chart, after the one artist's locations.
void add_detail_sections(report::ReportModel& m, Warehouse& warehouse,
                         const WarehouseReportOptions& options, const Table& match) {
  m.sections.push_back(with_chart(
      section(fmt::format("Where {} is played", options.artist),
              fmt::format("Plays of {} by location. Query: artist-locations --param "
                          "artist=\"{}\".",
                          options.artist, options.artist),
              run_named_query(warehouse, "artist-locations", {{"artist", options.artist}}), 20),
      bars(fmt::format("Plays of {} by location", options.artist), "location", {"plays"}, "Plays",
           Orientation::horizontal)));
  struct TableOnly {
    const char* title;
    const char* description;
    const char* query;
    std::size_t max_rows;
  };
  static constexpr TableOnly kTables[] = {
      {"Most active users", "The users with most plays and their current level. Query: top-users.",
       "top-users", 10},
      {"Top artists by gender",
       "The most played artist names by female and by male users. Query: "
       "top-artist-names-by-gender (top-artists-by-gender counts matched plays only).",
       "top-artist-names-by-gender", 20},
      {"Gender of staged events",
       "Every staged event (all pages) by the gender it carries, as the prototype counted it. "
       "Query: gender-breakdown.",
       "gender-breakdown", 10},
  };
  for (const TableOnly& t : kTables)
    m.sections.push_back(
        section(t.title, t.description, run_named_query(warehouse, t.query), t.max_rows));
  m.sections.push_back(section("Plays matched to songs",
                               "Plays whose title, artist name and duration match a song file. "
                               "Query: match-rate.",
                               match, 1));
}

}  // namespace

report::ReportModel build_warehouse_report(Warehouse& warehouse,
                                           const WarehouseReportOptions& options,
                                           std::vector<CheckOutcome>* checks_out) {
  report::ReportModel m;
  m.title = "Sparkify song-play warehouse";

  const auto checks = run_checks(warehouse, options.checks);
  const std::size_t passed = add_checks(m, checks);
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

  add_time_sections(m, warehouse);
  add_artist_sections(m, warehouse);
  add_audience_sections(m, warehouse, options, users);
  add_level_sections(m, warehouse);
  add_detail_sections(m, warehouse, options, match);
  m.footer = fmt::format("Generated by sparkify {} · self-contained: no scripts, no network",
                         options.version);
  return m;
}

}  // namespace sparkify::analytics

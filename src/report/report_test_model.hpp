// Test support: a report model shaped like the product's report of the sample
// data (figures made up, shapes real), shared by the unit and browser tests.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "report/html_report.hpp"

namespace sparkify::report::testing {

inline Table make_table(std::vector<std::string> columns, std::vector<std::vector<Value>> rows) {
  return Table{std::move(columns), std::move(rows)};
}

inline ReportSection hours_section() {
  using I = std::int64_t;
  Table hours = make_table({"hour", "plays"}, {});
  const int per_hour[24] = {155, 154, 117, 109, 136, 162, 183, 179, 207, 270, 312, 336,
                            308, 324, 432, 477, 542, 494, 498, 367, 221, 194, 158, 164};
  for (int h = 0; h < 24; ++h)
    hours.rows.push_back({I{h}, I{per_hour[h]}});
  ReportSection by_hour{"Plays by hour of day", "Song plays per UTC hour, all days together.",
                        hours, ChartSpec{}, 24};
  by_hour.chart->x = "hour";
  by_hour.chart->y = {"plays"};
  by_hour.chart->x_label = "Hour of day (UTC)";
  by_hour.chart->y_label = "Plays";
  return by_hour;
}

inline ReportSection weekday_section() {
  using I = std::int64_t;
  ReportSection by_weekday{"Plays by weekday",
                           "Song plays per weekday, split by subscription level (stacked).",
                           make_table({"weekday", "level", "plays"},
                                      {{std::string("Mon"), std::string("free"), I{238}},
                                       {std::string("Mon"), std::string("paid"), I{876}},
                                       {std::string("Tue"), std::string("free"), I{262}},
                                       {std::string("Tue"), std::string("paid"), I{809}},
                                       {std::string("Wed"), std::string("free"), I{301}},
                                       {std::string("Wed"), std::string("paid"), I{1063}},
                                       {std::string("Thu"), std::string("free"), I{250}},
                                       {std::string("Thu"), std::string("paid"), I{802}},
                                       {std::string("Fri"), std::string("free"), I{220}},
                                       {std::string("Fri"), std::string("paid"), I{1075}},
                                       {std::string("Sat"), std::string("free"), I{110}},
                                       {std::string("Sat"), std::string("paid"), I{518}},
                                       {std::string("Sun"), std::string("free"), I{64}},
                                       {std::string("Sun"), std::string("paid"), I{232}}}),
                           ChartSpec{}, 14};
  by_weekday.chart->x = "weekday";
  by_weekday.chart->y = {"plays"};
  by_weekday.chart->series = "level";
  by_weekday.chart->stacking = Stacking::stacked;
  return by_weekday;
}

inline ReportSection top_artists_section() {
  using I = std::int64_t;
  ReportSection top{
      "Top 10 artists", "The ten artists with most plays, by artist id.",
      make_table(
          {"rank", "artist_id", "artist_name", "plays"},
          {{I{1}, std::string("AR5E44Z1187B9A1D74"), std::string("Coldplay"), I{29}},
           {I{2}, std::string("ARD7TVE1187B99BFB1"), std::string("Kings Of Leon"), I{55}},
           {I{3}, std::string("ARNTLGG11E2835DDB9"), std::string("Dwight Yoakam"), I{37}},
           {I{4}, std::string("AR8IEZO1187B99055E"), std::string("Björk"), I{36}},
           {I{5}, std::string("ARYJ7KN1187B98CC73"), std::string("Florence + The Machine"), I{31}},
           {I{6}, std::string("ARGE7G11187FB37E05"), std::string("The Black Keys"), I{40}},
           {I{7}, std::string("ARH6W4X1187B99274F"), std::string("Jack Johnson"), I{28}},
           {I{8}, std::string("ARB29H41187B98F0EF"), std::string("Muse"), I{25}},
           {I{9}, std::string("ARC8CQZ1187B98DECA"), std::string("Train"), I{24}},
           {I{10}, std::string("ARKFYS91187B98E58F"), std::string("Justin Bieber"), I{22}}}),
      ChartSpec{}, 10};
  // Sort by plays for the chart's sake.
  std::sort(top.table.rows.begin(), top.table.rows.end(),
            [](const auto& a, const auto& b) { return std::get<I>(a[3]) > std::get<I>(b[3]); });
  for (std::size_t i = 0; i < top.table.rows.size(); ++i)
    top.table.rows[i][0] = I(i + 1);
  top.chart->orientation = Orientation::horizontal;
  top.chart->x = "artist_name";
  top.chart->y = {"plays"};
  top.chart->y_label = "Plays";
  return top;
}

inline ReportSection locations_section() {
  using I = std::int64_t;
  ReportSection locations{
      "Free and paid plays by location", "Top locations by plays, grouped by level.",
      make_table(
          {"location", "level", "plays"},
          {{std::string("San Francisco-Oakland-Hayward, CA"), std::string("paid"), I{650}},
           {std::string("San Francisco-Oakland-Hayward, CA"), std::string("free"), I{41}},
           {std::string("Portland-South Portland, ME"), std::string("paid"), I{648}},
           {std::string("Lansing-East Lansing, MI"), std::string("paid"), I{557}},
           {std::string("Lansing-East Lansing, MI"), std::string("free"), I{29}},
           {std::string("Chicago-Naperville-Elgin, IL-IN-WI"), std::string("paid"), I{462}},
           {std::string("Chicago-Naperville-Elgin, IL-IN-WI"), std::string("free"), I{13}},
           {std::string("Atlanta-Sandy Springs-Roswell, GA"), std::string("paid"), I{428}},
           {std::string("Atlanta-Sandy Springs-Roswell, GA"), std::string("free"), I{28}},
           {std::string("Waterloo-Cedar Falls, IA"), std::string("paid"), I{397}},
           {std::string("Tampa-St. Petersburg-Clearwater, FL"), std::string("paid"), I{289}},
           {std::string("Tampa-St. Petersburg-Clearwater, FL"), std::string("free"), I{18}}}),
      ChartSpec{}, 20};
  locations.chart->orientation = Orientation::horizontal;
  locations.chart->x = "location";
  locations.chart->y = {"plays"};
  locations.chart->series = "level";
  return locations;
}

inline ReportSection gender_section() {
  using I = std::int64_t;
  ReportSection gender{
      "Gender split", "Song plays by the user's gender and where it came from.",
      make_table({"gender", "from_event", "from_names"}, {{std::string("F"), I{4887}, I{0}},
                                                          {std::string("M"), I{1933}, I{0}},
                                                          {std::string("unknown"), I{0}, I{0}}}),
      ChartSpec{}, 10};
  gender.chart->x = "gender";
  gender.chart->y = {"from_event", "from_names"};
  return gender;
}

inline ReportSection days_section() {
  using I = std::int64_t;
  Table daily = make_table({"day", "plays"}, {});
  const int per_day[30] = {111, 37,  170, 79,  324, 192, 158, 139, 267, 99,
                           64,  190, 280, 345, 440, 284, 232, 72,  244, 293,
                           330, 91,  158, 263, 57,  200, 223, 329, 283, 309};
  for (int d = 0; d < 30; ++d) {
    daily.rows.push_back({fmt::format("2018-11-{:02}", d + 1), I{per_day[d]}});
  }
  ReportSection days{"Plays per day", "Song plays per calendar day (UTC).", daily, ChartSpec{}, 10};
  days.chart->type = ChartType::line;
  days.chart->x = "day";
  days.chart->y = {"plays"};
  return days;
}

inline ReportSection upgrades_section() {
  using I = std::int64_t;
  ReportSection upgrades{
      "Upgrades and downgrades over time", "Cumulative level changes of users, by day.",
      make_table({"day", "upgrades", "downgrades"}, {{std::string("2018-11-02"), I{1}, I{0}},
                                                     {std::string("2018-11-07"), I{2}, I{1}},
                                                     {std::string("2018-11-14"), I{4}, I{1}},
                                                     {std::string("2018-11-20"), I{6}, I{2}},
                                                     {std::string("2018-11-28"), I{8}, I{3}}}),
      ChartSpec{}, 10};
  upgrades.chart->type = ChartType::step;
  upgrades.chart->x = "day";
  upgrades.chart->y = {"upgrades", "downgrades"};
  return upgrades;
}

inline ReportSection empty_section() {
  ReportSection empty{"Plays of \"Kings Of Leon\" & friends by location",
                      "An artist with no plays: the chart says so instead of drawing nothing.",
                      make_table({"location", "plays"}, {}), ChartSpec{}, 10};
  empty.chart->orientation = Orientation::horizontal;
  empty.chart->x = "location";
  empty.chart->y = {"plays"};
  return empty;
}
inline ReportModel sample_report_model() {
  using I = std::int64_t;
  ReportModel m;
  m.title = "Sparkify warehouse report";
  m.subtitle = "Song plays of November 2018, loaded from data/sample";
  m.summary = {{"Engine", "SQLite 3.40 (sparkify.db)"},
               {"Run", "2024-05-02 09:14:03 UTC"},
               {"Duration", "1.84 s"},
               {"Input", "71 song files, 30 log files"},
               {"Batch", "b-20240502-091401"}};
  m.checks = {{"Every table is non-empty", true, "5 of 5 tables have rows"},
              {"No null or duplicate keys", true, "0 null, 0 duplicate"},
              {"Facts point at existing dimension rows", true, "0 orphans"},
              {"Every staged NextSong event is a fact", true, "6,820 of 6,820"},
              {"Rejects under threshold", true, "0 rejects (threshold 1%)"},
              {"Share of plays matched to a song", false,
               "0.01% matched (1 of 6,820), threshold 0.5% <script>alert('x')</script>"}};
  m.counts = {
      {"s_songplay_event", I{8056}}, {"s_song", I{71}}, {"d_artist", I{69}},    {"d_song", I{71}},
      {"d_time", I{6813}},           {"d_user", I{96}}, {"f_songplay", I{6820}}};
  m.sections = {hours_section(),  weekday_section(), top_artists_section(), locations_section(),
                gender_section(), days_section(),    upgrades_section(),    empty_section()};
  m.footer = "Generated by sparkify 0.1.0 · self-contained: no scripts, no network";
  return m;
}

}  // namespace sparkify::report::testing

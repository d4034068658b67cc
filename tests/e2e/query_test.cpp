// Every named query on the real sample, asserted against answers computed here
// from the raw JSON of data/sample/ (simdjson and plain C++, none of the
// product's SQL), and the output formats and read-only `sparkify sql`.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include "tests/support/cli_runner.hpp"
#include "tests/support/csv_reader.hpp"
#include "tests/support/loaded_sample.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

using Rows = std::vector<std::vector<std::string>>;

struct Event {
  std::string page, user_id, level, location, artist, song, first_name, last_name;
  std::optional<std::string> gender;
  double length = 0;
  std::int64_t ts = 0;
};

struct Song {
  std::string song_id, title, artist_id, artist_name;
  double duration = 0;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> json_files(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".json" &&
        e.path().string().find("/.") == std::string::npos) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string text_or_empty(simdjson::dom::element e) {
  if (e.is_null())
    return "";
  return std::string(std::string_view(e.get_string()));
}

// "2018-11-01 21:01:46.796" from ms since the epoch (UTC).
std::string start_time(std::int64_t ts) {
  const std::time_t seconds = ts / 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03d", buf, static_cast<int>(ts % 1000));
  return out;
}

// The sample, parsed independently of the product.
struct Sample {
  std::vector<Event> events;
  std::vector<Song> songs;
  std::size_t event_files = 0;

  Sample() {
    simdjson::dom::parser parser;
    for (const auto& file : json_files(sample_dir() / "log_data")) {
      ++event_files;
      const std::string text = read(file);
      std::size_t start = 0;
      while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
          end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \r\t") == std::string::npos)
          continue;
        const simdjson::dom::element e = parser.parse(line);
        Event ev;
        ev.page = text_or_empty(e["page"]);
        ev.user_id = text_or_empty(e["userId"]);
        ev.level = text_or_empty(e["level"]);
        ev.location = text_or_empty(e["location"]);
        ev.artist = text_or_empty(e["artist"]);
        ev.song = text_or_empty(e["song"]);
        ev.first_name = text_or_empty(e["firstName"]);
        ev.last_name = text_or_empty(e["lastName"]);
        if (!e["gender"].is_null())
          ev.gender = text_or_empty(e["gender"]);
        if (!e["length"].is_null())
          ev.length = double(e["length"]);
        ev.ts = int64_t(e["ts"]);
        events.push_back(std::move(ev));
      }
    }
    for (const auto& file : json_files(sample_dir() / "song_data")) {
      const std::string text = read(file);
      const simdjson::dom::element e = parser.parse(text);
      songs.push_back({text_or_empty(e["song_id"]), text_or_empty(e["title"]),
                       text_or_empty(e["artist_id"]), text_or_empty(e["artist_name"]),
                       double(e["duration"])});
    }
  }

  std::vector<const Event*> plays() const {
    std::vector<const Event*> out;
    for (const auto& e : events) {
      if (e.page == "NextSong")
        out.push_back(&e);
    }
    return out;
  }

  // The matched song of a play: title, artist name, duration within 1 ms; closest, then lowest id.
  const Song* match(const Event& e) const {
    const Song* best = nullptr;
    for (const auto& s : songs) {
      if (s.title != e.song || s.artist_name != e.artist)
        continue;
      if (std::abs(s.duration - e.length) >= 0.001)
        continue;
      if (best == nullptr ||
          std::abs(s.duration - e.length) < std::abs(best->duration - e.length) ||
          (std::abs(s.duration - e.length) == std::abs(best->duration - e.length) &&
           s.song_id < best->song_id)) {
        best = &s;
      }
    }
    return best;
  }

  // Each user's events in time order.
  std::map<std::string, std::vector<const Event*>> by_user() const {
    std::map<std::string, std::vector<const Event*>> users;
    for (const auto& e : events) {
      if (!e.user_id.empty())
        users[e.user_id].push_back(&e);
    }
    for (auto& [id, list] : users) {
      std::stable_sort(list.begin(), list.end(),
                       [](const Event* a, const Event* b) { return a->ts < b->ts; });
    }
    return users;
  }

  std::optional<std::string> gender_of(const std::string& user_id) const {
    std::optional<std::string> g;
    std::int64_t at = -1;
    for (const auto& e : events) {
      if (e.user_id == user_id && e.gender && e.ts > at) {
        g = e.gender;
        at = e.ts;
      }
    }
    return g;
  }
};

const Sample& sample() {
  static const Sample s;
  return s;
}

// The sample loaded once for every test of this file.
class Queries : public LoadedSample {
 protected:
  // A query's result as rows of text, header first (from --format csv).
  static Rows query(const std::string& name, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"query", name, "--db", db(), "--format", "csv"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_sparkify(args);
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    return parse_csv(r.out);
  }
};

std::string n(std::int64_t v) {
  return std::to_string(v);
}

// Sorted by count descending, then by key ascending; top `limit`; with a rank column.
template <typename Key>
std::vector<std::pair<Key, std::int64_t>> ranked(const std::map<Key, std::int64_t>& counts,
                                                 std::size_t limit) {
  std::vector<std::pair<Key, std::int64_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (v.size() > limit)
    v.resize(limit);
  return v;
}

TEST_F(Queries, ListShowsEveryQueryWithADescription) {
  const auto r = run_sparkify({"query", "--list", "--db", db(), "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Rows rows = parse_csv(r.out);
  std::set<std::string> names;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    names.insert(rows[i][0]);
    EXPECT_FALSE(rows[i][2].empty()) << rows[i][0] << " has no description";
  }
  for (const char* q :
       {"plays-by-location-level", "top-artists", "top-artist-names", "top-artists-by-gender",
        "top-artist-names-by-gender", "artist-locations", "gender-breakdown", "gender-split",
        "table-counts", "match-rate", "plays-by-hour", "plays-by-weekday", "top-users",
        "level-changes", "level-changes-by-day"}) {
    EXPECT_TRUE(names.contains(q)) << q;
  }
}

TEST_F(Queries, PlaysByLocationLevel) {
  std::map<std::string, std::array<std::int64_t, 2>> by_location;
  for (const Event* e : sample().plays())
    ++by_location[e->location][e->level == "paid" ? 1 : 0];
  std::vector<std::vector<std::string>> expected;
  for (const auto& [loc, c] : by_location)
    expected.push_back({loc, n(c[0]), n(c[1]), n(c[0] + c[1])});
  std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
    return std::stoll(a[3]) != std::stoll(b[3]) ? std::stoll(a[3]) > std::stoll(b[3]) : a[0] < b[0];
  });
  expected.insert(expected.begin(), {"location", "free", "paid", "plays"});
  EXPECT_EQ(query("plays-by-location-level"), expected);
}

TEST_F(Queries, TopArtistNamesCountsEveryPlayByTheEventsArtist) {
  std::map<std::string, std::int64_t> counts;
  for (const Event* e : sample().plays())
    ++counts[e->artist];
  Rows expected{{"rank", "artist_name", "plays"}};
  int rank = 0;
  for (const auto& [name, plays] : ranked(counts, 10))
    expected.push_back({n(++rank), name, n(plays)});
  EXPECT_EQ(query("top-artist-names"), expected);
  EXPECT_EQ(expected[1][1], "Coldplay");  // the prototype's favourite, 58 plays
}

TEST_F(Queries, TopArtistsCountsMatchedPlaysByArtistId) {
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, std::string> names;
  for (const Event* e : sample().plays()) {
    if (const Song* s = sample().match(*e)) {
      ++counts[s->artist_id];
      names[s->artist_id] = s->artist_name;
    }
  }
  Rows expected{{"rank", "artist_id", "artist_name", "plays"}};
  int rank = 0;
  for (const auto& [id, plays] : ranked(counts, 10))
    expected.push_back({n(++rank), id, names[id], n(plays)});
  EXPECT_EQ(query("top-artists"), expected);
  ASSERT_EQ(expected.size(), 2u);  // one matched play in the sample: Elena
}

TEST_F(Queries, TopArtistsByGender) {
  std::map<std::string, std::map<std::string, std::int64_t>> names_by_gender;
  std::map<std::string, std::map<std::string, std::int64_t>> ids_by_gender;
  std::map<std::string, std::string> artist_names;
  for (const Event* e : sample().plays()) {
    const auto g = sample().gender_of(e->user_id);
    if (!g)
      continue;
    ++names_by_gender[*g][e->artist];
    if (const Song* s = sample().match(*e)) {
      ++ids_by_gender[*g][s->artist_id];
      artist_names[s->artist_id] = s->artist_name;
    }
  }
  Rows by_name{{"gender", "rank", "artist_name", "plays"}};
  Rows by_id{{"gender", "rank", "artist_id", "artist_name", "plays"}};
  for (const std::string g : {"F", "M"}) {
    int rank = 0;
    for (const auto& [name, plays] : ranked(names_by_gender[g], 10))
      by_name.push_back({g, n(++rank), name, n(plays)});
    rank = 0;
    for (const auto& [id, plays] : ranked(ids_by_gender[g], 10))
      by_id.push_back({g, n(++rank), id, artist_names[id], n(plays)});
  }
  EXPECT_EQ(query("top-artist-names-by-gender"), by_name);
  EXPECT_EQ(query("top-artists-by-gender"), by_id);
  EXPECT_EQ(by_name.size(), 21u);
}

// artist-locations' answer for the plays whose event names the artist, from the sample.
Rows plays_named_by_location(const std::string& artist) {
  std::map<std::string, std::int64_t> counts;
  for (const Event* e : sample().plays()) {
    if (e->artist == artist)
      ++counts[e->location];
  }
  Rows expected{{"location", "plays"}};
  for (const auto& [loc, plays] : ranked(counts, 1000))
    expected.push_back({loc, n(plays)});
  return expected;
}

TEST_F(Queries, ArtistLocationsBindsTheArtistAsAParameter) {
  const Rows expected = plays_named_by_location("Kings Of Leon");
  EXPECT_EQ(query("artist-locations", {"--param", "artist=Kings Of Leon"}), expected);
  EXPECT_EQ(expected.size(), 19u);
  // A value that would break pasted SQL is just an artist nobody played.
  EXPECT_EQ(query("artist-locations", {"--param", "artist=x' OR '1'='1"}),
            (Rows{{"location", "plays"}}));
}

// An artist's plays are those whose event names the artist and those matched to an
// artist of that name, each once: the sample's one matched play is Elena's by both, and
// once its artist goes by another name in d_artist, by that name too.
TEST_F(Queries, ArtistLocationsCountsThePlaysNamedOrMatchedOnce) {
  const Rows named = plays_named_by_location("Elena");
  EXPECT_EQ(query("artist-locations", {"--param", "artist=Elena"}), named);

  TempDir dir;
  const auto renamed = dir / "renamed.db";
  fs::copy_file(db(), renamed);
  ASSERT_EQ(sqlite_execute(renamed,
                           "UPDATE d_artist SET name = 'Elena, as her songs name her' "
                           "WHERE artist_id IN (SELECT artist_id FROM f_songplay)"),
            "");
  const auto in_renamed = [&](const std::string& artist) {
    return parse_csv(run_sparkify({"query", "artist-locations", "--param", "artist=" + artist,
                                   "--db", renamed.string(), "--format", "csv"})
                         .out);
  };
  EXPECT_EQ(in_renamed("Elena, as her songs name her"),
            (Rows{{"location", "plays"}, {"Chicago-Naperville-Elgin, IL-IN-WI", "1"}}));
  EXPECT_EQ(in_renamed("Elena"), named);
}

TEST_F(Queries, GenderBreakdownOfStagedEvents) {
  std::map<std::string, std::int64_t> counts;  // "" = NULL
  for (const auto& e : sample().events)
    ++counts[e.gender.value_or("")];
  Rows expected{{"gender", "count", "events"}};
  for (const auto& [g, c] : counts)
    expected.push_back({g, n(g.empty() ? 0 : c), n(c)});
  EXPECT_EQ(query("gender-breakdown"), expected);
}

TEST_F(Queries, GenderSplitOfUsersAndPlays) {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> split;  // users, plays
  for (const auto& [id, events] : sample().by_user()) {
    const std::string g = sample().gender_of(id).value_or("unknown");
    ++split[g].first;
    for (const Event* e : events)
      split[g].second += e->page == "NextSong" ? 1 : 0;
  }
  Rows expected{{"gender", "gender_source", "users", "plays"}};
  for (const auto& [g, c] : split)
    expected.push_back({g, "event", n(c.first), n(c.second)});
  EXPECT_EQ(query("gender-split"), expected);
}

TEST_F(Queries, TableCountsAndMatchRate) {
  const auto& s = sample();
  std::set<std::string> artists, users;
  std::set<std::int64_t> times;
  std::int64_t plays = 0, matched = 0;
  for (const auto& song : s.songs)
    artists.insert(song.artist_id);
  for (const auto& e : s.events) {
    if (!e.user_id.empty())
      users.insert(e.user_id);
    if (e.page != "NextSong")
      continue;
    ++plays;
    times.insert(e.ts);
    matched += s.match(e) != nullptr ? 1 : 0;
  }
  std::int64_t level_runs = 0;
  for (const auto& [id, events] : s.by_user()) {
    std::string previous;
    for (const Event* e : events) {
      if (!e->level.empty() && e->level != previous)
        ++level_runs;
      if (!e->level.empty())
        previous = e->level;
    }
  }
  std::int64_t names = -1;  // the header
  {
    std::ifstream in(source_dir() / "data" / "names" / "name_gender.csv");
    for (std::string line; std::getline(in, line);)
      names += line.empty() ? 0 : 1;
  }
  const Rows expected{{"table_name", "row_count"},
                      {"s_song", n(static_cast<std::int64_t>(s.songs.size()))},
                      {"s_songplay_event", n(static_cast<std::int64_t>(s.events.size()))},
                      {"d_artist", n(static_cast<std::int64_t>(artists.size()))},
                      {"d_song", n(static_cast<std::int64_t>(s.songs.size()))},
                      {"d_time", n(static_cast<std::int64_t>(times.size()))},
                      {"d_user", n(static_cast<std::int64_t>(users.size()))},
                      {"d_user_level", n(level_runs)},
                      {"f_songplay", n(plays)},
                      {"ref_name_gender", n(names)},
                      {"etl_object", n(static_cast<std::int64_t>(s.songs.size() + s.event_files))},
                      {"etl_batch", "1"},
                      {"etl_reject", "0"}};
  EXPECT_EQ(query("table-counts"), expected);

  const Rows rate = query("match-rate");
  ASSERT_EQ(rate.size(), 2u);
  EXPECT_EQ(rate[0],
            (std::vector<std::string>{"plays", "matched_song", "matched_artist", "match_share"}));
  EXPECT_EQ(rate[1][0], n(plays));
  EXPECT_EQ(rate[1][1], n(matched));
  EXPECT_EQ(rate[1][2], n(matched));
  EXPECT_NEAR(std::stod(rate[1][3]), static_cast<double>(matched) / plays, 1e-6);
}

TEST_F(Queries, PlaysByHourAndWeekday) {
  std::array<std::array<std::int64_t, 2>, 24> hours{};
  std::array<std::array<std::int64_t, 2>, 7> days{};
  for (const Event* e : sample().plays()) {
    const std::int64_t seconds = e->ts / 1000;
    const int paid = e->level == "paid" ? 1 : 0;
    ++hours[static_cast<std::size_t>(seconds % 86400 / 3600)][paid];
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    ++days[static_cast<std::size_t>((seconds / 86400 + 3) % 7)][paid];
  }
  Rows by_hour{{"hour", "free", "paid", "plays"}};
  for (int h = 0; h < 24; ++h) {
    const auto& c = hours[static_cast<std::size_t>(h)];
    by_hour.push_back({n(h), n(c[0]), n(c[1]), n(c[0] + c[1])});
  }
  EXPECT_EQ(query("plays-by-hour"), by_hour);
  const char* names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                         "Friday", "Saturday", "Sunday"};
  Rows by_day{{"weekday", "day_name", "free", "paid", "plays"}};
  for (int d = 0; d < 7; ++d) {
    const auto& c = days[static_cast<std::size_t>(d)];
    by_day.push_back({n(d), names[d], n(c[0]), n(c[1]), n(c[0] + c[1])});
  }
  EXPECT_EQ(query("plays-by-weekday"), by_day);
}

TEST_F(Queries, TopUsersWithTheirCurrentLevel) {
  std::map<std::string, std::int64_t> counts;
  for (const Event* e : sample().plays())
    ++counts[e->user_id];
  // Rank by plays, then by numeric user id.
  std::vector<std::pair<std::int64_t, std::int64_t>> v;
  for (const auto& [id, c] : counts)
    v.emplace_back(std::stoll(id), c);
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const auto users = sample().by_user();
  auto expected_top = [&](std::size_t limit) {
    Rows rows{{"rank", "user_id", "first_name", "last_name", "level", "plays"}};
    for (std::size_t i = 0; i < std::min(limit, v.size()); ++i) {
      const Event* latest = users.at(n(v[i].first)).back();
      rows.push_back({n(static_cast<std::int64_t>(i + 1)), n(v[i].first), latest->first_name,
                      latest->last_name, latest->level, n(v[i].second)});
    }
    return rows;
  };
  EXPECT_EQ(query("top-users"), expected_top(10));
  EXPECT_EQ(query("top-users", {"--param", "limit=3"}), expected_top(3));
}

TEST_F(Queries, LevelChangesOverTime) {
  struct Change {
    std::string at, user, first, last, from, to;
  };
  std::vector<Change> changes;
  for (const auto& [id, events] : sample().by_user()) {
    std::string previous;
    for (const Event* e : events) {
      if (e->level.empty())
        continue;
      if (!previous.empty() && e->level != previous) {
        const Event* latest = events.back();
        changes.push_back(
            {start_time(e->ts), id, latest->first_name, latest->last_name, previous, e->level});
      }
      previous = e->level;
    }
  }
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return a.at != b.at ? a.at < b.at : std::stoll(a.user) < std::stoll(b.user);
  });
  Rows expected{
      {"changed_at", "user_id", "first_name", "last_name", "from_level", "to_level", "change"}};
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_day;
  for (const auto& c : changes) {
    expected.push_back(
        {c.at, c.user, c.first, c.last, c.from, c.to, c.to == "paid" ? "upgrade" : "downgrade"});
    auto& day = per_day[c.at.substr(0, 10)];
    (c.to == "paid" ? day.first : day.second) += 1;
  }
  EXPECT_EQ(query("level-changes"), expected);
  Rows by_day{{"day", "upgrades", "downgrades", "total_upgrades", "total_downgrades"}};
  std::int64_t up = 0, down = 0;
  for (const auto& [day, c] : per_day) {
    up += c.first;
    down += c.second;
    by_day.push_back({day, n(c.first), n(c.second), n(up), n(down)});
  }
  EXPECT_EQ(query("level-changes-by-day"), by_day);
  EXPECT_EQ(changes.size(), 9u);  // 8 users seen at both levels; one changed twice
}

TEST_F(Queries, OutputFormats) {
  auto r = run_sparkify({"query", "match-rate", "--db", db(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(int64_t(doc.at(0)["plays"]), 6820);
  r = run_sparkify({"query", "plays-by-location-level", "--db", db(), "--format", "json"});
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  r = run_sparkify({"query", "top-artist-names", "--db", db()});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find(" rank | artist_name "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(10 rows)"), std::string::npos) << r.out;
  // Quoting: locations hold commas.
  r = run_sparkify({"query", "plays-by-location-level", "--db", db(), "--format", "csv"});
  EXPECT_NE(r.out.find("\"San Francisco-Oakland-Hayward, CA\","), std::string::npos);
}

TEST_F(Queries, UsageErrorsExitTwo) {
  EXPECT_EQ(run_sparkify({"query", "no-such-query", "--db", db()}).exit_code, 2);
  EXPECT_EQ(run_sparkify({"query", "artist-locations", "--db", db()}).exit_code, 2);
  EXPECT_EQ(run_sparkify({"query", "top-users", "--param", "limit=ten", "--db", db()}).exit_code,
            2);
  EXPECT_EQ(run_sparkify({"query", "top-users", "--param", "colour=red", "--db", db()}).exit_code,
            2);
  EXPECT_EQ(run_sparkify({"query", "top-users", "--format", "xml", "--db", db()}).exit_code, 2);
}

TEST_F(Queries, AdHocSqlReadsButNeverWrites) {
  auto r = run_sparkify(
      {"sql", "SELECT COUNT(*) AS plays FROM f_songplay", "--db", db(), "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_csv(r.out), (Rows{{"plays"}, {"6820"}}));
  for (const std::string bad :
       {"DELETE FROM f_songplay", "UPDATE d_user SET level = 'paid'", "DROP TABLE d_time",
        "CREATE TABLE x (a)", "INSERT INTO d_time SELECT * FROM d_time",
        "SELECT 1; DELETE FROM f_songplay", "PRAGMA journal_mode = DELETE",
        "WITH x AS (SELECT 1) DELETE FROM f_songplay"}) {
    r = run_sparkify({"sql", bad, "--db", db()});
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
  }
  r = run_sparkify({"sql", "SELECT COUNT(*) FROM f_songplay", "--db", db(), "--format", "csv"});
  EXPECT_EQ(parse_csv(r.out).at(1).at(0), "6820");
  // A missing warehouse is not created by a reader.
  TempDir other;
  r = run_sparkify({"sql", "SELECT 1", "--db", (other / "none.db").string()});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_FALSE(fs::exists(other / "none.db"));
}

}  // namespace
}  // namespace sparkify::testing

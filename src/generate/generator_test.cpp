#include "generate/generator.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "core/ascii_text.hpp"
#include "generate/json_text.hpp"
#include "generate/prng.hpp"
#include "generate/vocab.hpp"
#include "tests/support/sample_data.hpp"

namespace sparkify {
namespace {

namespace fs = std::filesystem;

using testing::kSampleData;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("sparkify_generate_test_" + std::to_string(::getpid()) +
                                         "_" + std::to_string(counter++));
    fs::remove_all(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_all(const fs::path& path) {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> json_files(const fs::path& root) {
  std::vector<fs::path> files;
  if (!fs::exists(root)) {
    return files;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        entry.path().string().find("/.") == std::string::npos) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// FNV-1a over every file's relative path and bytes, in path order.
std::uint64_t tree_hash(const fs::path& root) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto feed = [&](std::string_view bytes) {
    for (const char c : bytes) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
  };
  for (const auto& file : json_files(root)) {
    feed(fs::relative(file, root).string());
    feed(std::string_view{"\0", 1});
    feed(read_all(file));
  }
  return h;
}

std::string type_name(const simdjson::dom::element& value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
      return "integer";
    case simdjson::dom::element_type::DOUBLE:
      return "float";
    case simdjson::dom::element_type::BOOL:
      return "bool";
    default:
      return "other";
  }
}

// "key:type,key:type,..." in the object's own key order.
std::string signature(const simdjson::dom::object& object) {
  std::string out;
  for (const auto field : object) {
    out += std::string{field.key} + ":" + type_name(field.value) + ",";
  }
  return out;
}

std::string event_category(const simdjson::dom::object& event) {
  const std::string_view auth = event["auth"].get_string().value();
  const std::string_view page = event["page"].get_string().value();
  return std::string{auth} + (page == "NextSong" ? "/NextSong" : "/other");
}

// What the real sample looks like, to compare generated files against.
struct Shape {
  std::set<std::string> song_signatures;
  std::map<std::string, std::set<std::string>> event_signatures;  // by category
  std::map<std::string, std::pair<std::string, std::int64_t>> page_method_status;
};

Shape sample_shape() {
  Shape shape;
  simdjson::dom::parser parser;
  for (const auto& file : json_files(kSampleData / "song_data")) {
    const simdjson::dom::object song = parser.load(file.string()).get_object().value();
    shape.song_signatures.insert(signature(song));
  }
  for (const auto& file : json_files(kSampleData / "log_data")) {
    const simdjson::padded_string text = simdjson::padded_string::load(file.string()).value();
    simdjson::dom::document_stream stream = parser.parse_many(text).value();
    for (auto document : stream) {
      const simdjson::dom::object event = document.get_object().value();
      shape.event_signatures[event_category(event)].insert(signature(event));
      shape.page_method_status[std::string{event["page"].get_string().value()}] = {
          std::string{event["method"].get_string().value()}, event["status"].get_int64().value()};
    }
  }
  return shape;
}

TEST(GenerateJsonText, EscapesLikeTheRealFiles) {
  std::string out;
  append_json_string(out, "Beyoncé / \"Des'ree\"\\\n\x19", generate::kSongFileStrings);
  EXPECT_EQ(out, R"("Beyonc\u00e9 / \"Des'ree\"\\\n\u0019")");
  out.clear();
  append_json_string(out, "Mozilla/5.0 🎵", generate::kEventLogStrings);
  EXPECT_EQ(out, R"("Mozilla\/5.0 \ud83c\udfb5")");
}

TEST(GenerateJsonText, PrintsFiveDecimalsShortest) {
  auto text = [](std::int64_t units) {
    std::string out;
    generate::append_fixed5(out, units);
    return out;
  };
  EXPECT_EQ(text(24630812), "246.30812");
  EXPECT_EQ(text(24630810), "246.3081");
  EXPECT_EQ(text(20000000), "200.0");
  EXPECT_EQ(text(5), "0.00005");
  EXPECT_EQ(text(-8677836), "-86.77836");
  EXPECT_EQ(text(1596760), "15.9676");
}

TEST(GenerateJsonText, MangledTextMatchesTheSample) {
  // The sample logs have "Beyonc\u00c3\u0083\u00c2\u00a9" and "Howlin\u0019 For You".
  std::string out;
  append_json_string(out, generate::mojibake("Beyoncé"), generate::kEventLogStrings);
  EXPECT_EQ(out, R"("Beyonc\u00c3\u0083\u00c2\u00a9")");
  out.clear();
  append_json_string(out, generate::mojibake("Howlin’ For You"), generate::kEventLogStrings);
  EXPECT_EQ(out, R"("Howlin\u0019 For You")");
}

TEST(GeneratePrng, IsPortableAndInRange) {
  // Pinned: xoshiro256** seeded by SplitMix64 must never change its stream.
  generate::Rng rng{42};
  const std::uint64_t first = rng.next();
  generate::Rng again{42};
  EXPECT_EQ(again.next(), first);
  EXPECT_EQ(generate::mix64(0), 0xe220a8397b1dcdafULL);
  for (int i = 0; i < 10000; ++i) {
    EXPECT_LT(rng.below(7), 7U);
    const double u = rng.unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    EXPECT_LT(rng.skewed_below(5, 3), 5U);
  }
}

TEST(GenerateNames, TitlesAndArtistsAreUnique) {
  const generate::Namer namer{7};
  std::unordered_set<std::string> titles;
  const std::uint64_t title_count = 2 * generate::Namer::title_capacity() + 10;
  for (std::uint64_t i = 0; i < title_count; ++i) {
    std::string title = namer.song_title(i);
    ASSERT_TRUE(std::any_of(title.begin(), title.end(), [](char c) {
      return c >= 'A' && c <= 'Z';
    })) << title;
    ASSERT_TRUE(titles.insert(std::move(title)).second) << "index " << i;
  }
  std::unordered_set<std::string> artists;
  const std::uint64_t artist_count = 3 * generate::Namer::artist_capacity() + 10;
  for (std::uint64_t i = 0; i < artist_count; ++i) {
    std::string name = namer.artist_name(i);
    ASSERT_FALSE(name.empty());
    ASSERT_NE(name.front(), ' ');
    ASSERT_NE(name.back(), ' ');
    ASSERT_TRUE(artists.insert(std::move(name)).second) << "index " << i;
  }
}

TEST(Generate, RejectsBadOptionsAndExistingOutput) {
  GeneratorOptions options;
  options.match_share = 0.8;
  options.near_miss_share = 0.3;
  EXPECT_THROW(validate(options), std::invalid_argument);
  options = GeneratorOptions{};
  options.days = 0;
  EXPECT_THROW(validate(options), std::invalid_argument);
  options = GeneratorOptions{};
  options.songs_per_artist = 0.5;
  EXPECT_THROW(validate(options), std::invalid_argument);

  TempDir dir;
  options = GeneratorOptions{};
  options.songs = 3;
  options.events = 10;
  generate_dataset(options, dir.path());
  EXPECT_THROW(generate_dataset(options, dir.path()), std::runtime_error);
}

TEST(Generate, IsDeterministic) {
  GeneratorOptions options;
  options.songs = 300;
  options.events = 5000;
  options.days = 5;
  TempDir a;
  TempDir b;
  TempDir c;
  const GenerateSummary first = generate_dataset(options, a.path());
  const GenerateSummary second = generate_dataset(options, b.path());
  EXPECT_EQ(first.bytes_written, second.bytes_written);
  const std::uint64_t hash = tree_hash(a.path());
  EXPECT_EQ(hash, tree_hash(b.path()));
  // Pinned, so that a change of platform, compiler or library that changes
  // the bytes is caught. Update it deliberately when the format changes.
  EXPECT_EQ(hash, 0x6f5d7e644594b38bULL) << std::hex << hash;
  options.seed = 2;
  generate_dataset(options, c.path());
  EXPECT_NE(hash, tree_hash(c.path()));
}

struct SongKey {
  std::string title;
  std::string artist;
  double duration;
  bool operator<(const SongKey& other) const {
    return std::tie(title, artist, duration) < std::tie(other.title, other.artist, other.duration);
  }
};

// What the song files held, for the summary's counts and the events' matches.
struct SongsSeen {
  std::set<SongKey> songs;
  std::set<std::pair<std::string, std::string>> by_lower_title;  // (title lower, artist)
  std::set<std::string> song_ids;
  std::set<std::string> artist_ids;
  std::uint64_t year_zero = 0;
  std::uint64_t null_latitude = 0;
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

// One song file: the sample's shape, its path from its track id, its ids.
void check_song_file(const fs::path& file, const fs::path& song_root, const Shape& sample,
                     simdjson::dom::parser& parser, SongsSeen& seen) {
  const std::string text = read_all(file);
  seen.files += 1;
  seen.bytes += text.size();
  ASSERT_EQ(text.rfind("{\"num_songs\": 1, \"artist_id\": \"AR", 0), 0U) << file;
  ASSERT_EQ(text.back(), '}') << file;
  const simdjson::dom::object song = parser.parse(text).get_object().value();
  EXPECT_TRUE(sample.song_signatures.count(signature(song))) << signature(song);
  const std::string track = file.stem().string();
  ASSERT_EQ(track.size(), 18U);
  EXPECT_EQ(track.substr(0, 2), "TR");
  const fs::path relative = fs::relative(file, song_root);
  EXPECT_EQ(relative.parent_path().string(),
            std::string{track[2]} + "/" + track[3] + "/" + track[4]);
  const std::string song_id{song["song_id"].get_string().value()};
  const std::string artist_id{song["artist_id"].get_string().value()};
  EXPECT_EQ(song_id.size(), 18U);
  EXPECT_EQ(song_id.substr(0, 2), "SO");
  EXPECT_EQ(artist_id.size(), 18U);
  EXPECT_EQ(artist_id.substr(0, 2), "AR");
  seen.song_ids.insert(song_id);
  seen.artist_ids.insert(artist_id);
  seen.year_zero += song["year"].get_int64().value() == 0 ? 1 : 0;
  seen.null_latitude += song["artist_latitude"].is_null() ? 1 : 0;
  const std::string title{song["title"].get_string().value()};
  const std::string artist{song["artist_name"].get_string().value()};
  seen.songs.insert({title, artist, song["duration"].get_double().value()});
  seen.by_lower_title.insert({ascii_lower(title), artist});
}

// What the event logs held, for the summary's counts and the sample's proportions.
struct EventsSeen {
  std::uint64_t events = 0;
  std::uint64_t next_song = 0;
  std::uint64_t logged_out = 0;
  std::uint64_t matches = 0;
  std::uint64_t near_misses = 0;
  std::uint64_t level_changes = 0;
  std::set<std::string> users;
  std::map<std::string, std::set<std::string>> user_levels;
  std::map<std::int64_t, std::int64_t> next_item;  // sessionId -> expected itemInSession
  std::map<std::int64_t, std::string> session_user;
  std::int64_t previous_ts = 0;  // of the log being read
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

// "YYYY-MM-DD" of a ts in milliseconds, UTC.
std::string utc_date(std::int64_t ts) {
  const std::time_t seconds = ts / 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[40];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday);
  return date;
}

// A logged-in user's event: one user per session, and the app's way of writing it.
void check_user_event(const std::string& line, const simdjson::dom::object& event,
                      const std::string& user_id, EventsSeen& seen) {
  ASSERT_NE(user_id, "");
  seen.users.insert(user_id);
  seen.user_levels[user_id].insert(std::string{event["level"].get_string().value()});
  const std::int64_t session = event["sessionId"].get_int64().value();
  auto [it, inserted] = seen.session_user.emplace(session, user_id);
  EXPECT_EQ(it->second, user_id) << "session " << session << " has two users";
  EXPECT_NE(line.find(",\"registration\":"), std::string::npos);
  EXPECT_NE(line.find(".0,\"sessionId\":"), std::string::npos) << line;
  // Escaped slashes, and quotes around the Chrome and Safari agents.
  EXPECT_TRUE(line.find(R"("userAgent":"\"Mozilla\/5.0)") != std::string::npos ||
              line.find(R"("userAgent":"Mozilla\/5.0)") != std::string::npos)
      << line;
}

// A play: matched to a song file, a near miss (case or trailing spaces), or neither.
void count_play(const simdjson::dom::object& event, const SongsSeen& songs, EventsSeen& seen) {
  seen.next_song += 1;
  const std::string title{event["song"].get_string().value()};
  const std::string artist{event["artist"].get_string().value()};
  const double length = event["length"].get_double().value();
  if (songs.songs.count({title, artist, length})) {
    seen.matches += 1;
    return;
  }
  std::string trimmed = artist;
  while (!trimmed.empty() && trimmed.back() == ' ')
    trimmed.pop_back();
  seen.near_misses += songs.by_lower_title.count({ascii_lower(title), trimmed}) > 0 ? 1 : 0;
}

// One event of a log of `day`: the sample's shape, its page's method and status, its
// day, its session's item order.
void check_event(const std::string& line, const std::string& day, const Shape& sample,
                 const SongsSeen& songs, simdjson::dom::parser& parser, EventsSeen& seen) {
  seen.events += 1;
  const simdjson::dom::object event = parser.parse(line).get_object().value();
  const std::string category = event_category(event);
  ASSERT_TRUE(sample.event_signatures.count(category)) << category;
  EXPECT_TRUE(sample.event_signatures.at(category).count(signature(event)))
      << category << ": " << signature(event);
  const std::string page{event["page"].get_string().value()};
  ASSERT_TRUE(sample.page_method_status.count(page)) << page;
  EXPECT_EQ(event["method"].get_string().value(), sample.page_method_status.at(page).first);
  EXPECT_EQ(event["status"].get_int64().value(), sample.page_method_status.at(page).second);
  const std::int64_t ts = event["ts"].get_int64().value();
  EXPECT_GE(ts, seen.previous_ts);
  seen.previous_ts = ts;
  EXPECT_EQ(day, utc_date(ts));

  const std::int64_t session = event["sessionId"].get_int64().value();
  EXPECT_EQ(event["itemInSession"].get_int64().value(), seen.next_item[session]++);
  const std::string user_id{event["userId"].get_string().value()};
  if (event["auth"].get_string().value() == "Logged Out") {
    seen.logged_out += 1;
    EXPECT_EQ(user_id, "");
  } else {
    check_user_event(line, event, user_id, seen);
  }
  if (page == "Submit Upgrade" || page == "Submit Downgrade")
    seen.level_changes += 1;
  if (page == "NextSong")
    count_play(event, songs, seen);
}

// One day's log: its path from its day, lines in time order, no blank or final newline.
void check_event_log(const fs::path& file, const Shape& sample, const SongsSeen& songs,
                     simdjson::dom::parser& parser, EventsSeen& seen) {
  const std::string text = read_all(file);
  seen.files += 1;
  seen.bytes += text.size();
  ASSERT_FALSE(text.empty());
  EXPECT_NE(text.back(), '\n') << file << " must not end with a newline";
  EXPECT_EQ(text.find("\n\n"), std::string::npos);
  const std::string day = file.filename().string().substr(0, 10);  // YYYY-MM-DD
  EXPECT_EQ(file.parent_path().filename().string(), day.substr(5, 2));
  EXPECT_EQ(file.parent_path().parent_path().filename().string(), day.substr(0, 4));
  seen.previous_ts = 0;
  std::istringstream lines{text};
  std::string line;
  while (std::getline(lines, line))
    check_event(line, day, sample, songs, parser, seen);
}

class GenerateOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.songs = 500;
    options_.events = 20000;
    options_.days = 7;
    options_.near_miss_share = 0.05;
    summary_ = generate_dataset(options_, dir_.path());
    sample_ = sample_shape();
    ASSERT_FALSE(sample_.song_signatures.empty());
    ASSERT_EQ(sample_.event_signatures.size(), 3U);
    for (const auto& file : json_files(dir_.path() / "song_data"))
      check_song_file(file, dir_.path() / "song_data", sample_, parser_, songs_);
    const auto logs = json_files(dir_.path() / "log_data");
    EXPECT_EQ(logs.size(), options_.days);
    for (const auto& file : logs)
      check_event_log(file, sample_, songs_, parser_, events_);
  }

  GeneratorOptions options_;
  TempDir dir_;
  GenerateSummary summary_;
  Shape sample_;
  simdjson::dom::parser parser_;
  SongsSeen songs_;
  EventsSeen events_;
};

// Every generated file, parsed, has the sample's shape (SetUp); the summary counts them.
TEST_F(GenerateOutput, SongFilesHaveTheSampleShapeAndTheSummaryCounts) {
  EXPECT_EQ(songs_.files, options_.songs);
  EXPECT_EQ(summary_.songs, options_.songs);
  EXPECT_EQ(songs_.song_ids.size(), options_.songs);
  EXPECT_EQ(songs_.songs.size(), options_.songs);
  EXPECT_EQ(songs_.artist_ids.size(), summary_.artists);
  EXPECT_LT(summary_.artists, options_.songs / 2);
  // The sample's 43 of 71 and 40 of 71, loosely.
  EXPECT_NEAR(static_cast<double>(songs_.year_zero) / options_.songs, 0.6, 0.08);
  EXPECT_NEAR(static_cast<double>(songs_.null_latitude) / options_.songs, 0.56, 0.08);
  EXPECT_EQ(summary_.files_written, songs_.files + events_.files);
  EXPECT_EQ(summary_.bytes_written, songs_.bytes + events_.bytes);
}

TEST_F(GenerateOutput, EventLogsHaveTheSampleShapeAndTheSummaryCounts) {
  const EventsSeen& e = events_;
  EXPECT_EQ(e.events, options_.events);
  EXPECT_EQ(summary_.events, options_.events);
  EXPECT_EQ(summary_.next_song_events, e.next_song);
  EXPECT_EQ(summary_.logged_out_events, e.logged_out);
  EXPECT_EQ(summary_.distinct_users, e.users.size());
  EXPECT_EQ(summary_.level_changes, e.level_changes);
  EXPECT_EQ(summary_.matching_plays, e.matches);
  EXPECT_EQ(summary_.near_misses, e.near_misses);

  // The sample's proportions, loosely: 84.7% NextSong, 3.6% logged out,
  // 9.4% of plays matching, users moving between free and paid.
  const auto events = static_cast<double>(e.events);
  const auto plays = static_cast<double>(e.next_song);
  EXPECT_NEAR(static_cast<double>(e.next_song) / events, 0.847, 0.03);
  EXPECT_NEAR(static_cast<double>(e.logged_out) / events, 0.036, 0.015);
  EXPECT_NEAR(static_cast<double>(e.matches) / plays, options_.match_share, 0.015);
  EXPECT_NEAR(static_cast<double>(e.near_misses) / plays, options_.near_miss_share, 0.015);
  EXPECT_GT(e.level_changes, 0U);
  const auto both_levels =
      std::count_if(e.user_levels.begin(), e.user_levels.end(),
                    [](const auto& entry) { return entry.second.size() == 2; });
  EXPECT_GT(both_levels, 0);
}

TEST(Generate, HandlesTinyAndEmptyInputs) {
  GeneratorOptions options;
  options.songs = 0;
  options.events = 3;
  options.days = 5;
  TempDir dir;
  const GenerateSummary summary = generate_dataset(options, dir.path());
  EXPECT_EQ(summary.songs, 0U);
  EXPECT_EQ(summary.events, 3U);
  EXPECT_EQ(summary.matching_plays, 0U);
  EXPECT_EQ(json_files(dir.path() / "log_data").size(), 3U);  // days without events get no file

  GeneratorOptions one_user;
  one_user.songs = 5;
  one_user.events = 3000;
  one_user.users = 1;
  one_user.days = 2;
  TempDir other;
  const GenerateSummary crowded = generate_dataset(one_user, other.path());
  EXPECT_EQ(crowded.events, 3000U);
  EXPECT_EQ(crowded.distinct_users, 1U);
}

}  // namespace
}  // namespace sparkify

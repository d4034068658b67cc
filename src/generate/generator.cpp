#include "generate/generator.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <queue>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "core/ascii_text.hpp"
#include "generate/json_text.hpp"
#include "generate/prng.hpp"
#include "generate/vocab.hpp"

namespace sparkify {
namespace {

using generate::Rng;

// Tags that keep the random streams of different things independent.
enum Tag : std::uint64_t {
  kTagTrackId = 1,
  kTagSongId,
  kTagArtistId,
  kTagSongAttributes,
  kTagDuration,
  kTagArtistOfSong,
  kTagArtistAttributes,
  kTagUser,
  kTagDay,
  kTagSession,
};

constexpr std::int64_t kSecondsPerDay = 86400;
// Every ts and registration in the real sample ends in 796 milliseconds.
constexpr std::int64_t kMillisecondsQuirk = 796;
constexpr std::uint64_t kLetterDirectories = 26 * 26 * 26;
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

// ---------------------------------------------------------------- files

class File {
 public:
  explicit File(const std::filesystem::path& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
    }
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

  void write(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void close() {
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) {
      throw std::runtime_error("cannot close " + path_.string() + ": " + std::strerror(errno));
    }
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// ---------------------------------------------------------------- the world

std::string base36(std::uint64_t value, int width) {
  static constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value % 36];
    value /= 36;
  }
  return out;
}

std::string letters(std::uint64_t value) {
  std::string out(3, 'A');
  for (int i = 2; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>('A' + value % 26);
    value /= 26;
  }
  return out;
}

struct ArtistAttributes {
  std::optional<std::int64_t> latitude_units;
  std::optional<std::int64_t> longitude_units;
  std::string_view location;
};

struct UserProfile {
  std::string user_id;
  std::string_view first_name;
  std::optional<std::string_view> gender;
  std::string_view last_name;
  std::string_view location;
  std::string_view user_agent;
  std::int64_t registration_ms = 0;
  bool starts_paid = false;
};

// Everything about songs, artists and users is a pure function of the seed
// and an index, so the event writer can name a song without keeping songs.
class World {
 public:
  World(const GeneratorOptions& options, std::int64_t start_epoch_seconds)
      : seed_(options.seed),
        namer_(options.seed),
        songs_(options.songs),
        artists_(options.songs == 0
                     ? 0
                     : std::clamp<std::uint64_t>(
                           static_cast<std::uint64_t>(
                               static_cast<double>(options.songs) / options.songs_per_artist + 0.5),
                           1, options.songs)),
        other_songs_(std::max<std::uint64_t>(2000, 4 * options.songs)),
        other_artists_(std::max<std::uint64_t>(1000, 2 * artists_)),
        users_(options.users != 0 ? options.users
                                  : std::max<std::uint64_t>(1, (options.events + 82) / 83)),
        missing_gender_share_(options.missing_gender_share),
        start_epoch_seconds_(start_epoch_seconds) {}

  std::uint64_t songs() const { return songs_; }
  std::uint64_t artists() const { return artists_; }
  std::uint64_t other_songs() const { return other_songs_; }
  std::uint64_t users() const { return users_; }

  // Song indexes [0, songs) are written as files; indexes past them are the
  // rest of the catalogue, which plays can name but which is never loaded.
  std::string track_id(std::uint64_t song) const {
    const std::uint64_t h = generate::keyed_hash(generate::stream_key(seed_, kTagTrackId), song);
    // Three letters name the folders, the next ten digits keep the id unique
    // (2^64 / 26^3 < 36^10), three more are decoration.
    return "TR" + letters(h % kLetterDirectories) + decoration(kTagTrackId, song) +
           base36(h / kLetterDirectories, 10);
  }
  std::string song_id(std::uint64_t song) const {
    return "SO" + decoration(kTagSongId, song) +
           base36(generate::keyed_hash(generate::stream_key(seed_, kTagSongId), song), 13);
  }
  std::string artist_id(std::uint64_t artist) const {
    return "AR" + decoration(kTagArtistId, artist) +
           base36(generate::keyed_hash(generate::stream_key(seed_, kTagArtistId), artist), 13);
  }
  std::string title(std::uint64_t song) const { return namer_.song_title(song); }
  std::string artist_name(std::uint64_t artist) const { return namer_.artist_name(artist); }

  std::uint64_t artist_of(std::uint64_t song) const {
    const std::uint64_t h =
        generate::keyed_hash(generate::stream_key(seed_, kTagArtistOfSong), song);
    if (song < songs_) {
      // The first `artists_` songs have one artist each, so every artist has
      // at least one song; the rest share them.
      return song < artists_ ? song : h % artists_;
    }
    // An unknown song: by a known artist three times in ten.
    if (artists_ > 0 && h % 10 < 3) {
      return (h / 10) % artists_;
    }
    return artists_ + (h / 10) % other_artists_;
  }

  // Duration in units of 10^-5 s, between 20 s and about 18 min.
  std::int64_t duration_units(std::uint64_t song) const {
    Rng rng = Rng::for_entity(seed_, kTagDuration, song);
    std::int64_t units = 2000000;
    for (int i = 0; i < 3; ++i) {
      units += static_cast<std::int64_t>(rng.below(16000000));
    }
    if (rng.chance(0.04)) {
      units += static_cast<std::int64_t>(rng.below(40000000));
    }
    return units;
  }

  std::int64_t year(std::uint64_t song) const {
    Rng rng = Rng::for_entity(seed_, kTagSongAttributes, song);
    if (rng.chance(0.6)) {
      return 0;
    }
    return 2010 - static_cast<std::int64_t>(rng.skewed_below(55, 2));
  }

  ArtistAttributes artist_attributes(std::uint64_t artist) const {
    Rng rng = Rng::for_entity(seed_, kTagArtistAttributes, artist);
    const std::uint64_t kind = rng.below(100);
    ArtistAttributes out;
    if (kind < 36) {
      out.location = "";
    } else if (kind < 56) {
      const auto places = generate::artist_places_without_coordinates();
      out.location = places[rng.below(places.size())];
    } else {
      const auto places = generate::artist_places();
      const auto& place = places[rng.below(places.size())];
      out.location = place.name;
      out.latitude_units = place.latitude_units;
      out.longitude_units = place.longitude_units;
    }
    return out;
  }

  UserProfile user(std::uint64_t user) const {
    Rng rng = Rng::for_entity(seed_, kTagUser, user);
    UserProfile out;
    out.user_id = std::to_string(user + 1);
    const auto first = generate::first_names()[rng.below(generate::first_names().size())];
    out.first_name = first.name;
    out.gender = first.gender;
    out.last_name = generate::last_names()[rng.below(generate::last_names().size())];
    out.location = generate::user_locations()[rng.below(generate::user_locations().size())];
    out.user_agent = generate::user_agents()[rng.skewed_below(generate::user_agents().size(), 2)];
    // Registered between 1 and 60 days before the first day.
    const auto seconds_before =
        static_cast<std::int64_t>(rng.below(59 * kSecondsPerDay)) + kSecondsPerDay;
    out.registration_ms = (start_epoch_seconds_ - seconds_before) * 1000 + kMillisecondsQuirk;
    // The most active users (low indexes) are mostly paying, as in the sample.
    out.starts_paid = rng.chance(user < users_ / 5 ? 0.85 : 0.1);
    if (rng.chance(missing_gender_share_)) {
      out.gender.reset();
    }
    return out;
  }

 private:
  // Three letters that make an id look like the Million Song Dataset's
  // (13 base-36 digits hold any 64-bit value, so uniqueness lies there).
  std::string decoration(std::uint64_t tag, std::uint64_t index) const {
    return letters(generate::keyed_hash(generate::stream_key(seed_, tag + 1000), index) %
                   kLetterDirectories);
  }

  std::uint64_t seed_;
  generate::Namer namer_;
  std::uint64_t songs_;
  std::uint64_t artists_;
  std::uint64_t other_songs_;
  std::uint64_t other_artists_;
  std::uint64_t users_;
  double missing_gender_share_;
  std::int64_t start_epoch_seconds_;
};

// ---------------------------------------------------------------- songs

void append_song_json(std::string& out, const World& world, std::uint64_t song) {
  const std::uint64_t artist = world.artist_of(song);
  const ArtistAttributes attributes = world.artist_attributes(artist);
  out += "{\"num_songs\": 1, \"artist_id\": ";
  append_json_string(out, world.artist_id(artist), generate::kSongFileStrings);
  out += ", \"artist_latitude\": ";
  if (attributes.latitude_units) {
    generate::append_fixed5(out, *attributes.latitude_units);
  } else {
    out += "null";
  }
  out += ", \"artist_longitude\": ";
  if (attributes.longitude_units) {
    generate::append_fixed5(out, *attributes.longitude_units);
  } else {
    out += "null";
  }
  out += ", \"artist_location\": ";
  append_json_string(out, attributes.location, generate::kSongFileStrings);
  out += ", \"artist_name\": ";
  append_json_string(out, world.artist_name(artist), generate::kSongFileStrings);
  out += ", \"song_id\": ";
  append_json_string(out, world.song_id(song), generate::kSongFileStrings);
  out += ", \"title\": ";
  append_json_string(out, world.title(song), generate::kSongFileStrings);
  out += ", \"duration\": ";
  generate::append_fixed5(out, world.duration_units(song));
  out += ", \"year\": ";
  generate::append_int(out, world.year(song));
  out += '}';
}

void write_songs(const World& world, const std::filesystem::path& out, GenerateSummary& summary) {
  std::vector<bool> directory_made(kLetterDirectories, false);
  std::string buffer;
  std::string path_text;
  const std::string root = (out / "song_data").string();
  for (std::uint64_t song = 0; song < world.songs(); ++song) {
    const std::string track = world.track_id(song);
    path_text.assign(root);
    for (int i = 0; i < 3; ++i) {
      path_text += '/';
      path_text += track[2 + static_cast<std::size_t>(i)];
    }
    const auto directory =
        static_cast<std::size_t>((track[2] - 'A') * 676 + (track[3] - 'A') * 26 + (track[4] - 'A'));
    if (!directory_made[directory]) {
      std::filesystem::create_directories(path_text);
      directory_made[directory] = true;
    }
    path_text += '/';
    path_text += track;
    path_text += ".json";
    buffer.clear();
    append_song_json(buffer, world, song);
    File file{path_text};
    file.write(buffer);
    file.close();
    summary.files_written += 1;
    summary.bytes_written += buffer.size();
  }
  summary.songs = world.songs();
  summary.artists = world.artists();
}

// ---------------------------------------------------------------- events

enum class Page : std::uint8_t {
  kNextSong,
  kHome,
  kLogin,
  kLogout,
  kDowngrade,
  kSettings,
  kHelp,
  kAbout,
  kUpgrade,
  kSaveSettings,
  kError,
  kSubmitUpgrade,
  kSubmitDowngrade,
};

struct PageInfo {
  std::string_view name;
  std::string_view method;
  int status;
};

// Methods and statuses exactly as the real logs have them per page.
constexpr std::array<PageInfo, 13> kPages = {{
    {"NextSong", "PUT", 200},
    {"Home", "GET", 200},
    {"Login", "PUT", 307},
    {"Logout", "PUT", 307},
    {"Downgrade", "GET", 200},
    {"Settings", "GET", 200},
    {"Help", "GET", 200},
    {"About", "GET", 200},
    {"Upgrade", "GET", 200},
    {"Save Settings", "PUT", 307},
    {"Error", "GET", 404},
    {"Submit Upgrade", "PUT", 307},
    {"Submit Downgrade", "PUT", 307},
}};

const PageInfo& info(Page page) {
  return kPages[static_cast<std::size_t>(page)];
}

enum class Play : std::uint8_t {
  kNone,
  kMatch,            // a generated song, exactly
  kNearDuration,     // a generated song, duration off by >= 1 s
  kNearTitleCase,    // a generated song, title lower-cased
  kNearArtistSpace,  // a generated song, artist name with a trailing space
  kUnknown,          // a song of the catalogue that was not generated
};

struct SessionPlan {
  std::uint64_t rng_seed = 0;
  std::optional<std::uint64_t> user;  // none: a guest who never logs in
  std::uint32_t length = 0;
  bool starts_paid = false;
  bool starts_logged_in = true;
  // Filled in by the dry run.
  std::int64_t span_seconds = 0;
  std::int64_t start_offset = 0;
  bool ends_paid = false;
  std::uint64_t session_id = 0;
};

struct Step {
  Page page = Page::kHome;
  bool logged_in = true;
  bool paid = false;
  std::uint32_t item = 0;
  std::int64_t offset_seconds = 0;  // since the session's start, unscaled
  Play play = Play::kNone;
  std::uint64_t song = 0;
  std::int64_t near_miss_shift_units = 0;
};

struct ShareOptions {
  double match_share;
  double near_miss_share;
};

// One session's events, one at a time. A pure function of its plan: running
// it twice gives the same steps (the first run measures the session's span).
class SessionSim {
 public:
  SessionSim(const World& world, const ShareOptions& shares, const SessionPlan& plan)
      : world_(&world),
        shares_(shares),
        rng_(plan.rng_seed),
        remaining_(plan.length),
        guest_(!plan.user.has_value()),
        logged_in_(plan.starts_logged_in && plan.user.has_value()),
        paid_(plan.starts_paid) {}

  bool paid() const { return paid_; }

  bool next(Step& step) {
    if (remaining_ == 0) {
      return false;
    }
    --remaining_;
    const Page page = choose_page();
    step.page = page;
    step.logged_in = logged_in_;
    step.paid = paid_;
    step.item = item_++;
    elapsed_ += gap_before(page);
    step.offset_seconds = elapsed_;
    step.play = Play::kNone;
    if (page == Page::kNextSong) {
      choose_song(step);
      last_song_seconds_ =
          (world_->duration_units(step.song) + step.near_miss_shift_units + 99999) / 100000;
    }
    previous_ = page;
    after(page);
    return true;
  }

 private:
  Page choose_page() {
    if (follow_up_) {
      return *std::exchange(follow_up_, std::nullopt);
    }
    if (!logged_in_) {
      const bool may_log_in = !guest_ && logged_out_steps_ > 0;
      ++logged_out_steps_;
      if (may_log_in && rng_.chance(0.65)) {
        return Page::kLogin;
      }
      const std::uint64_t r = rng_.below(100);
      return r < 80 ? Page::kHome : (r < 90 ? Page::kAbout : Page::kHelp);
    }
    // Weights per 10,000 logged-in choices, from the real sample's counts.
    struct Weighted {
      Page page;
      std::uint64_t weight;
    };
    const std::array<Weighted, 8> choices = {{
        {Page::kNextSong, 8970},
        {Page::kHome, 700},
        {Page::kLogout, remaining_ == 0 ? 300U : 95U},
        {Page::kSettings, 74},
        {Page::kHelp, 40},
        {Page::kAbout, 29},
        {Page::kError, 12},
        {paid_ ? Page::kDowngrade : Page::kUpgrade, paid_ ? 95U : 150U},
    }};
    std::uint64_t total = 0;
    for (const auto& choice : choices) {
      total += choice.weight;
    }
    std::uint64_t r = rng_.below(total);
    for (const auto& choice : choices) {
      if (r < choice.weight) {
        return choice.page;
      }
      r -= choice.weight;
    }
    return Page::kNextSong;
  }

  void after(Page page) {
    switch (page) {
      case Page::kSettings:
        if (rng_.chance(0.18)) {
          follow_up_ = Page::kSaveSettings;
        }
        break;
      case Page::kUpgrade:
        if (rng_.chance(0.38)) {
          follow_up_ = Page::kSubmitUpgrade;
        }
        break;
      case Page::kDowngrade:
        if (rng_.chance(0.017)) {
          follow_up_ = Page::kSubmitDowngrade;
        }
        break;
      case Page::kSubmitUpgrade:
        paid_ = true;
        follow_up_ = Page::kHome;
        break;
      case Page::kSubmitDowngrade:
        paid_ = false;
        follow_up_ = Page::kHome;
        break;
      case Page::kLogout:
        logged_in_ = false;
        logged_out_steps_ = 0;
        break;
      case Page::kLogin:
        logged_in_ = true;
        follow_up_ = Page::kHome;
        break;
      default:
        break;
    }
  }

  std::int64_t gap_before(Page page) {
    if (item_ == 1) {
      return 0;
    }
    if (previous_ == Page::kNextSong && page == Page::kNextSong) {
      return last_song_seconds_;
    }
    switch (page) {
      case Page::kSaveSettings:
      case Page::kSubmitUpgrade:
      case Page::kSubmitDowngrade:
      case Page::kLogin:
        return rng_.between(0, 2);
      default:
        return rng_.between(0, 120);
    }
  }

  void choose_song(Step& step) {
    const std::uint64_t songs = world_->songs();
    const double u = rng_.unit();
    step.near_miss_shift_units = 0;
    if (songs > 0 && u < shares_.match_share) {
      step.play = Play::kMatch;
      step.song = rng_.skewed_below(songs, 2);
      return;
    }
    if (songs > 0 && u < shares_.match_share + shares_.near_miss_share) {
      step.song = rng_.skewed_below(songs, 2);
      switch (rng_.below(3)) {
        case 0: {
          step.play = Play::kNearDuration;
          // 1 to 10 s longer or shorter, never below 1 s in total.
          const auto shift = static_cast<std::int64_t>(100000 + rng_.below(900001));
          const bool shorter =
              rng_.chance(0.5) && world_->duration_units(step.song) > shift + 100000;
          step.near_miss_shift_units = shorter ? -shift : shift;
          break;
        }
        case 1:
          step.play = Play::kNearTitleCase;
          break;
        default:
          step.play = Play::kNearArtistSpace;
          break;
      }
      return;
    }
    step.play = Play::kUnknown;
    step.song = songs + rng_.skewed_below(world_->other_songs(), 3);
  }

  const World* world_;
  ShareOptions shares_;
  Rng rng_;
  std::uint32_t remaining_;
  std::uint32_t item_ = 0;
  bool guest_;
  bool logged_in_;
  bool paid_;
  std::uint32_t logged_out_steps_ = 0;
  std::optional<Page> follow_up_;
  Page previous_ = Page::kHome;
  std::int64_t elapsed_ = 0;
  std::int64_t last_song_seconds_ = 0;
};

// A user's fields as JSON text, escaped once per session rather than per event.
struct UserJson {
  explicit UserJson(const UserProfile& profile) {
    auto text = [](std::optional<std::string_view> value) {
      std::string out;
      if (value) {
        append_json_string(out, *value, generate::kEventLogStrings);
      } else {
        out = "null";
      }
      return out;
    };
    first_name = text(profile.first_name);
    gender = text(profile.gender);
    last_name = text(profile.last_name);
    location = text(profile.location);
    generate::append_int(registration, profile.registration_ms);
    registration += ".0";
    user_agent = text(profile.user_agent);
    user_id = text(profile.user_id);
  }
  std::string first_name;
  std::string gender;
  std::string last_name;
  std::string location;
  std::string registration;
  std::string user_agent;
  std::string user_id;
};

struct UserState {
  bool paid = false;
  std::uint32_t last_day = 0;  // 1 + the last day with a session; 0: none yet
  bool seen = false;
};

class EventWriter {
 public:
  EventWriter(const GeneratorOptions& options, const World& world, std::int64_t start_epoch_seconds,
              const std::filesystem::path& out, GenerateSummary& summary)
      : options_(options),
        world_(world),
        shares_{options.match_share, options.near_miss_share},
        start_epoch_seconds_(start_epoch_seconds),
        out_(out),
        summary_(summary),
        users_(world.users()) {
    for (std::uint64_t u = 0; u < users_.size(); ++u) {
      users_[u].paid = world.user(u).starts_paid;
    }
    buffer_.reserve(kFlushBytes + 4096);
  }

  void write_all() {
    const std::uint64_t days = options_.days;
    for (std::uint32_t day = 0; day < days; ++day) {
      const std::uint64_t budget = options_.events / days + (day < options_.events % days ? 1 : 0);
      if (budget > 0) {
        write_day(day, budget);
      }
    }
  }

 private:
  void plan_day(std::uint32_t day, std::uint64_t budget) {
    plans_.clear();
    Rng rng = Rng::for_entity(options_.seed, kTagDay, day);
    const std::uint64_t session_key = generate::stream_key(options_.seed, kTagSession);
    std::uint64_t users_today = 0;
    std::uint64_t plan_index = 0;
    while (budget > 0) {
      SessionPlan plan;
      plan.rng_seed = generate::keyed_hash(session_key, (std::uint64_t{day} << 40) + plan_index++);
      const bool users_left = users_today < users_.size();
      if (!users_left && !plans_.empty()) {
        // Every user already has a session today: lengthen them instead.
        for (std::size_t i = 0; budget > 0; i = (i + 1) % plans_.size()) {
          if (plans_[i].user) {
            plans_[i].length += 1;
            budget -= 1;
          }
        }
        break;
      }
      std::uint64_t length = 1;
      if (!users_left || rng.chance(0.032)) {
        length += rng.below(3);
        plan.starts_logged_in = false;
        plan.starts_paid = rng.chance(0.3);
      } else {
        std::uint64_t user = rng.skewed_below(users_.size(), 4);
        while (users_[user].last_day == day + 1) {
          user = (user + 1) % users_.size();
        }
        // Paying users listen longer: sessions of about 12.5 events, free 5.
        const double go_on = users_[user].paid ? 0.92 : 0.8;
        while (length < 2000 && rng.chance(go_on)) {
          ++length;
        }
        users_[user].last_day = day + 1;
        ++users_today;
        plan.user = user;
        plan.starts_logged_in = !rng.chance(0.054);
      }
      length = std::min(length, budget);
      plan.length = static_cast<std::uint32_t>(length);
      budget -= length;
      plans_.push_back(plan);
    }
    // Dry run: how long each session lasts, and the level it leaves its user at.
    // A user has at most one session a day, so sessions never overlap per user.
    for (auto& plan : plans_) {
      if (plan.user) {
        plan.starts_paid = users_[*plan.user].paid;
      }
      SessionSim sim{world_, shares_, plan};
      Step step;
      while (sim.next(step)) {
      }
      plan.span_seconds = step.offset_seconds;
      plan.ends_paid = sim.paid();
      if (plan.user) {
        users_[*plan.user].paid = plan.ends_paid;
      }
      const std::int64_t room = kSecondsPerDay - std::min(plan.span_seconds, kSecondsPerDay - 1);
      plan.start_offset = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(room)));
    }
    order_.resize(plans_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) {
      order_[i] = i;
    }
    std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return std::pair{plans_[a].start_offset, a} < std::pair{plans_[b].start_offset, b};
    });
    for (const std::size_t i : order_) {
      plans_[i].session_id = next_session_id_++;
    }
  }

  void write_day(std::uint32_t day, std::uint64_t budget) {
    plan_day(day, budget);
    const std::int64_t day_start = start_epoch_seconds_ + std::int64_t{day} * kSecondsPerDay;
    const std::chrono::year_month_day date{
        std::chrono::sys_days{std::chrono::floor<std::chrono::days>(
            std::chrono::sys_seconds{std::chrono::seconds{day_start}})}};
    char name[32];
    std::snprintf(name, sizeof name, "%04d/%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()));
    const std::filesystem::path directory = out_ / "log_data" / name;
    std::filesystem::create_directories(directory);
    std::snprintf(name, sizeof name, "%04d-%02u-%02u-events.json", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    File file{directory / name};

    // Merge the day's sessions by time: a heap of (ts, session order).
    sims_.clear();
    sims_.reserve(plans_.size());
    profiles_.clear();
    for (const std::size_t i : order_) {
      profiles_.push_back(plans_[i].user ? std::optional{UserJson{world_.user(*plans_[i].user)}}
                                         : std::nullopt);
    }
    pending_.assign(plans_.size(), Step{});
    using Entry = std::pair<std::int64_t, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    for (std::size_t k = 0; k < order_.size(); ++k) {
      const SessionPlan& plan = plans_[order_[k]];
      sims_.emplace_back(world_, shares_, plan);
      if (sims_.back().next(pending_[k])) {
        heap.emplace(timestamp(plan, day_start, pending_[k]), k);
      }
    }
    bool first_line = true;
    while (!heap.empty()) {
      const auto [ts, k] = heap.top();
      heap.pop();
      const SessionPlan& plan = plans_[order_[k]];
      if (!first_line) {
        buffer_ += '\n';
      }
      first_line = false;
      append_event(plan, profiles_[k], pending_[k], ts);
      if (buffer_.size() >= kFlushBytes) {
        flush(file);
      }
      if (sims_[k].next(pending_[k])) {
        heap.emplace(timestamp(plan, day_start, pending_[k]), k);
      }
    }
    flush(file);
    file.close();
    summary_.files_written += 1;
  }

  static std::int64_t timestamp(const SessionPlan& plan, std::int64_t day_start, const Step& step) {
    std::int64_t offset = step.offset_seconds;
    if (plan.span_seconds > kSecondsPerDay - 1) {
      // A session too long for one day is squeezed into it.
      offset = offset * (kSecondsPerDay - 1) / plan.span_seconds;
    }
    return (day_start + plan.start_offset + offset) * 1000 + kMillisecondsQuirk;
  }

  void flush(File& file) {
    file.write(buffer_);
    summary_.bytes_written += buffer_.size();
    buffer_.clear();
  }

  // What a NextSong line says was played: exact for a match, nearly right for a
  // near miss, and with the real logs' mangled text for an unknown song.
  struct PlayText {
    std::string artist;
    std::string song;
    std::int64_t length_units = 0;
  };

  PlayText play_text(const Step& step) {
    PlayText play{world_.artist_name(world_.artist_of(step.song)), world_.title(step.song),
                  world_.duration_units(step.song) + step.near_miss_shift_units};
    switch (step.play) {
      case Play::kMatch:
        summary_.matching_plays += 1;
        break;
      case Play::kNearDuration:
        summary_.near_misses += 1;
        break;
      case Play::kNearTitleCase:
        summary_.near_misses += 1;
        play.song = ascii_lower(play.song);
        break;
      case Play::kNearArtistSpace:
        summary_.near_misses += 1;
        play.artist += ' ';
        break;
      default:
        // The real logs' text was mangled on its way in; unknown songs keep
        // that quirk (known ones must stay exact, or they could not match).
        play.artist = generate::mojibake(play.artist);
        play.song = generate::mojibake(play.song);
        break;
    }
    return play;
  }

  // The summary's counts of one event (the play's own are counted by play_text).
  void count_event(const SessionPlan& plan, const Step& step, bool logged_in) {
    if (logged_in) {
      UserState& state = users_[*plan.user];
      if (!state.seen) {
        state.seen = true;
        summary_.distinct_users += 1;
      }
    } else {
      summary_.logged_out_events += 1;
    }
    summary_.events += 1;
    if (step.page == Page::kNextSong)
      summary_.next_song_events += 1;
    else if (step.page == Page::kSubmitUpgrade || step.page == Page::kSubmitDowngrade)
      summary_.level_changes += 1;
  }

  void append_event(const SessionPlan& plan, const std::optional<UserJson>& user_json,
                    const Step& step, std::int64_t ts) {
    const bool logged_in = step.logged_in && plan.user.has_value();
    count_event(plan, step, logged_in);
    const bool next_song = step.page == Page::kNextSong;
    const PlayText play = next_song ? play_text(step) : PlayText{};
    write_event(plan, logged_in ? &*user_json : nullptr, step, ts, play);
  }

  // One line of the log, its keys in the real logs' order.
  void write_event(const SessionPlan& plan, const UserJson* profile, const Step& step,
                   std::int64_t ts, const PlayText& play) {
    const PageInfo& page = info(step.page);
    const bool next_song = step.page == Page::kNextSong;
    auto user_field = [&](const std::string UserJson::*field) {
      buffer_ += profile ? std::string_view(profile->*field) : std::string_view("null");
    };
    auto play_string = [&](const std::string& text) {
      if (next_song)
        append_json_string(buffer_, text, generate::kEventLogStrings);
      else
        buffer_ += "null";
    };
    buffer_ += "{\"artist\":";
    play_string(play.artist);
    buffer_ += profile ? ",\"auth\":\"Logged In\",\"firstName\":"
                       : ",\"auth\":\"Logged Out\",\"firstName\":";
    user_field(&UserJson::first_name);
    buffer_ += ",\"gender\":";
    user_field(&UserJson::gender);
    buffer_ += ",\"itemInSession\":";
    generate::append_int(buffer_, step.item);
    buffer_ += ",\"lastName\":";
    user_field(&UserJson::last_name);
    buffer_ += ",\"length\":";
    if (next_song)
      generate::append_fixed5(buffer_, play.length_units);
    else
      buffer_ += "null";
    buffer_ +=
        step.paid ? ",\"level\":\"paid\",\"location\":" : ",\"level\":\"free\",\"location\":";
    user_field(&UserJson::location);
    buffer_ += ",\"method\":\"";
    buffer_ += page.method;
    buffer_ += "\",\"page\":\"";
    buffer_ += page.name;
    buffer_ += "\",\"registration\":";
    user_field(&UserJson::registration);
    buffer_ += ",\"sessionId\":";
    generate::append_int(buffer_, static_cast<std::int64_t>(plan.session_id));
    buffer_ += ",\"song\":";
    play_string(play.song);
    buffer_ += ",\"status\":";
    generate::append_int(buffer_, page.status);
    buffer_ += ",\"ts\":";
    generate::append_int(buffer_, ts);
    buffer_ += ",\"userAgent\":";
    user_field(&UserJson::user_agent);
    buffer_ += ",\"userId\":";
    buffer_ += profile ? std::string_view(profile->user_id) : std::string_view("\"\"");
    buffer_ += '}';
  }

  const GeneratorOptions& options_;
  const World& world_;
  ShareOptions shares_;
  std::int64_t start_epoch_seconds_;
  std::filesystem::path out_;
  GenerateSummary& summary_;
  std::vector<UserState> users_;
  std::vector<SessionPlan> plans_;
  std::vector<std::size_t> order_;
  std::vector<SessionSim> sims_;
  std::vector<Step> pending_;
  std::vector<std::optional<UserJson>> profiles_;
  std::string buffer_;
  std::uint64_t next_session_id_ = 1;
};

}  // namespace

void validate(const GeneratorOptions& options) {
  auto share_ok = [](double share) { return share >= 0.0 && share <= 1.0; };
  if (!share_ok(options.match_share) || !share_ok(options.near_miss_share) ||
      options.match_share + options.near_miss_share > 1.0) {
    throw std::invalid_argument(
        "match share and near-miss share must each be in [0, 1] and add up to at most 1");
  }
  if (!share_ok(options.missing_gender_share)) {
    throw std::invalid_argument("missing-gender share must be in [0, 1]");
  }
  if (options.days == 0) {
    throw std::invalid_argument("days must be at least 1");
  }
  if (!(options.songs_per_artist >= 1.0)) {
    throw std::invalid_argument("songs per artist must be at least 1");
  }
  if (!options.start_date.ok()) {
    throw std::invalid_argument("start date is not a valid date");
  }
  if (options.users > (std::uint64_t{1} << 40) || options.songs > (std::uint64_t{1} << 40) ||
      options.events > (std::uint64_t{1} << 40)) {
    throw std::invalid_argument("songs, events and users must be below 2^40");
  }
}

GenerateSummary generate_dataset(const GeneratorOptions& options,
                                 const std::filesystem::path& out) {
  validate(options);
  for (const char* part : {"song_data", "log_data"}) {
    if (std::filesystem::exists(out / part)) {
      throw std::runtime_error((out / part).string() +
                               " already exists: generate into a new or empty folder");
    }
  }
  std::filesystem::create_directories(out);
  const std::int64_t start_epoch_seconds =
      std::chrono::sys_days{options.start_date}.time_since_epoch().count() * kSecondsPerDay;
  const World world{options, start_epoch_seconds};
  std::filesystem::create_directories(out / "song_data");
  // Song files and log files are independent: write them side by side. Each
  // side's output depends only on the options, never on the interleaving.
  GenerateSummary songs;
  std::exception_ptr songs_error;
  {
    std::jthread song_writer{[&] {
      try {
        write_songs(world, out, songs);
      } catch (...) {
        songs_error = std::current_exception();
      }
    }};
    GenerateSummary summary;
    EventWriter events{options, world, start_epoch_seconds, out, summary};
    events.write_all();
    song_writer.join();
    if (songs_error) {
      std::rethrow_exception(songs_error);
    }
    summary.songs = songs.songs;
    summary.artists = songs.artists;
    summary.files_written += songs.files_written;
    summary.bytes_written += songs.bytes_written;
    return summary;
  }
}

}  // namespace sparkify

// The deterministic synthetic data generator: song files and daily event logs
// in exactly the shape and quirks of the real Sparkify sample, at any scale.
//
//   song_data/X/Y/Z/TRXYZ....json   one JSON object per file, no final newline
//   log_data/YYYY/MM/YYYY-MM-DD-events.json   JSON lines, no final newline
//
// The same options always give byte-identical files (the generator's own
// PRNG and distributions, no library distributions, no clock, no threads
// racing for the order of output).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace sparkify {

struct GeneratorOptions {
  std::uint64_t songs = 71;     // song files to write
  std::uint64_t events = 8056;  // events in all log files together
  std::uint64_t seed = 1;
  // Share of NextSong plays that match a generated song exactly by title,
  // artist name and duration (production: 638 of 6,820).
  double match_share = 638.0 / 6820.0;
  // Share of NextSong plays that almost match one (duration off by >= 1 s,
  // title differing only by case, or artist name with a trailing space).
  double near_miss_share = 0.01;
  // Users with an account; 0 means one per 83 events (the sample's ratio).
  std::uint64_t users = 0;
  std::uint32_t days = 30;  // one log file per day, events spread evenly
  std::chrono::year_month_day start_date{std::chrono::year{2018}, std::chrono::month{11},
                                         std::chrono::day{1}};
  // Songs per artist on average (the sample's 71 songs have 69 artists; the
  // full data set has far fewer artists than songs).
  double songs_per_artist = 3.0;
  // Share of users whose events carry a null gender (0 in the sample).
  double missing_gender_share = 0.0;
};

// Exact counts of what was written.
struct GenerateSummary {
  std::uint64_t songs = 0;             // song files
  std::uint64_t artists = 0;           // distinct artist_id among them
  std::uint64_t events = 0;            // lines in all log files
  std::uint64_t next_song_events = 0;  // page == "NextSong"
  std::uint64_t logged_out_events = 0;
  std::uint64_t distinct_users = 0;  // non-empty userId seen
  std::uint64_t level_changes = 0;   // Submit Upgrade + Submit Downgrade events
  std::uint64_t matching_plays = 0;  // NextSong matching a song by title, artist, duration
  std::uint64_t near_misses = 0;     // NextSong almost matching one, but not matching
  std::uint64_t files_written = 0;
  std::uint64_t bytes_written = 0;
};

// Throws std::invalid_argument for options that cannot be honoured.
void validate(const GeneratorOptions& options);

// Writes the data set under `out` (created if missing). Refuses, with
// std::runtime_error, when `out` already holds song_data/ or log_data/, so
// a run never mixes with or silently overwrites an earlier one. I/O errors
// throw std::runtime_error naming the file.
GenerateSummary generate_dataset(const GeneratorOptions& options, const std::filesystem::path& out);

}  // namespace sparkify

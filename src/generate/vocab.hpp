// The words the synthetic data is made of, and the injective naming of songs
// and artists: every index gets its own title (and its own artist name), so
// whether a play matches a song is decided by construction, not by chance.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sparkify::generate {

// A bijection of [0, size), chosen by a seed: x -> (x * mult + add) mod size.
class AffinePermutation {
 public:
  AffinePermutation(std::uint64_t seed, std::uint64_t tag, std::uint64_t size);
  std::uint64_t operator()(std::uint64_t x) const { return (x % size_ * mult_ + add_) % size_; }

 private:
  std::uint64_t size_;
  std::uint64_t mult_;
  std::uint64_t add_;
};

// Names songs and artists for one seed.
class Namer {
 public:
  explicit Namer(std::uint64_t seed);

  // A song title for a song index: distinct indexes give distinct titles,
  // and every title holds an upper-case ASCII letter (so its lower-cased
  // form is never another title). Titles carry apostrophes and non-ASCII
  // letters.
  std::string song_title(std::uint64_t index) const;

  // An artist name for an artist index: distinct indexes give distinct
  // names, none with leading or trailing spaces.
  std::string artist_name(std::uint64_t index) const;

  static std::uint64_t title_capacity();   // titles before Roman numerals
  static std::uint64_t artist_capacity();  // names before Roman numerals

 private:
  AffinePermutation titles_;
  AffinePermutation artists_;
};

// Upper-case Roman numeral for n >= 1.
std::string roman(std::uint64_t n);

struct Place {
  std::string_view name;
  std::int64_t latitude_units;   // degrees * 100000
  std::int64_t longitude_units;  // degrees * 100000
};

struct FirstName {
  std::string_view name;
  std::string_view gender;  // "F" or "M"
};

std::span<const Place> artist_places();
// artist_location values without coordinates (plain text, or an HTML link).
std::span<const std::string_view> artist_places_without_coordinates();
std::span<const FirstName> first_names();
std::span<const std::string_view> last_names();
std::span<const std::string_view> user_locations();
// User agents as the app logs them: Chrome and Safari ones wrapped in quotes.
std::span<const std::string_view> user_agents();

}  // namespace sparkify::generate

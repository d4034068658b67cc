// Fuzz target: the song-file parser (one document, or JSON lines of songs as
// POST /v1/songs accepts). Properties: no crash or sanitizer report; every
// record has a song id and storable text; every reject carries storable text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "parse/song_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sparkify::SongParser parser;
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const std::string key = "fuzz/song.json";
  const auto parsed = parser.parse(content, key);
  for (const auto& s : parsed.records) {
    FUZZ_CHECK(!s.song_id.empty());
    FUZZ_CHECK(sparkify::fuzz::storable(s.song_id));
    FUZZ_CHECK(sparkify::fuzz::storable(s.title));
    FUZZ_CHECK(sparkify::fuzz::storable(s.artist_id));
    for (const auto* o : {&s.artist_name, &s.artist_location}) {
      if (*o)
        FUZZ_CHECK(sparkify::fuzz::storable(**o));
    }
  }
  for (const auto& r : parsed.rejects) {
    FUZZ_CHECK(r.source_key == key);
    FUZZ_CHECK(!r.reason.empty());
    FUZZ_CHECK(sparkify::fuzz::storable(r.raw));
  }
  return 0;
}

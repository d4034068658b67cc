#include "parse/song_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sparkify {
namespace {

const std::string kSong =
    R"({"num_songs": 1, "artist_id": "ARMJAGH1187FB546F3", "artist_latitude": 35.14968, )"
    R"("artist_longitude": -90.04892, "artist_location": "Memphis, TN", "artist_name": "The Box Tops", )"
    R"("song_id": "SOCIWDW12A8C13D406", "title": "Soul Deep", "duration": 148.03546, "year": 1969})";

const std::string kUnknowns =
    R"({"num_songs": 1, "artist_id": "AR62SOJ1187FB47BB5", "artist_latitude": null, )"
    R"("artist_longitude": null, "artist_location": "", "artist_name": "Chase & Status", )"
    R"("song_id": "SOGVQGJ12AB017F169", "title": "Ten Tonne", "duration": 337.68444, "year": 0})";

TEST(SongParser, ParsesEveryField) {
  SongParser parser;
  const auto parsed = parser.parse(kSong, "song_data/A/A/A/TRAAAAK.json");
  ASSERT_EQ(parsed.records.size(), 1U);
  ASSERT_TRUE(parsed.rejects.empty());
  const SongRecord& s = parsed.records[0];
  EXPECT_EQ(s.song_id, "SOCIWDW12A8C13D406");
  EXPECT_EQ(s.num_songs, 1);
  EXPECT_EQ(s.title, "Soul Deep");
  EXPECT_EQ(s.artist_id, "ARMJAGH1187FB546F3");
  EXPECT_EQ(s.artist_name, "The Box Tops");
  EXPECT_EQ(s.artist_location, "Memphis, TN");
  EXPECT_DOUBLE_EQ(*s.artist_latitude, 35.14968);
  EXPECT_DOUBLE_EQ(*s.artist_longitude, -90.04892);
  EXPECT_DOUBLE_EQ(*s.duration, 148.03546);
  EXPECT_EQ(s.year, 1969);
  EXPECT_EQ(s.source_key, "song_data/A/A/A/TRAAAAK.json");
  EXPECT_EQ(s.line_number, 1);
}

TEST(SongParser, KeepsUnknownsAsGiven) {
  SongParser parser;
  const auto parsed = parser.parse(kUnknowns, "k");
  ASSERT_EQ(parsed.records.size(), 1U);
  const SongRecord& s = parsed.records[0];
  EXPECT_FALSE(s.artist_latitude.has_value());
  EXPECT_EQ(s.artist_location, "");
  EXPECT_EQ(s.year, 0);
}

TEST(SongParser, PrettyPrintedFileIsOneSong) {
  SongParser parser;
  const auto parsed = parser.parse(
      "{\n  \"song_id\": \"S1\",\n  \"title\": \"T\",\n"
      "  \"artist_id\": \"A1\"\n}\n",
      "k");
  ASSERT_EQ(parsed.records.size(), 1U);
  EXPECT_TRUE(parsed.rejects.empty());
}

TEST(SongParser, JsonLinesOfSongs) {
  SongParser parser;
  const auto parsed = parser.parse(kSong + "\n{\"song_id\": 5}\n" + kUnknowns, "post");
  ASSERT_EQ(parsed.records.size(), 2U);
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.records[1].line_number, 3);
  EXPECT_EQ(parsed.rejects[0].line_number, 2);
  EXPECT_EQ(parsed.rejects[0].field, "song_id");
}

TEST(SongParser, RejectsAnArray) {
  SongParser parser;
  const auto parsed = parser.parse("[" + kSong + "]", "k");
  EXPECT_TRUE(parsed.records.empty());
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].reason, "expected a JSON object, found an array");
  EXPECT_EQ(parsed.rejects[0].line_number, 1);
}

TEST(SongParser, RejectsATruncatedPrettyPrintedFileOnce) {
  SongParser parser;
  const auto parsed = parser.parse("{\n  \"song_id\": \"S1\",\n  \"title\": \"T", "k");
  EXPECT_TRUE(parsed.records.empty());
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_TRUE(parsed.rejects[0].reason.starts_with("malformed JSON"));
}

TEST(SongParser, RejectsEmptyAndMissingFields) {
  SongParser parser;
  auto parsed = parser.parse("  \n", "k");
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].reason, "empty object");
  EXPECT_EQ(parsed.rejects[0].line_number, 0);

  parsed = parser.parse(R"({"song_id": "S1", "artist_id": "A1"})", "k");
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].field, "title");
  EXPECT_EQ(parsed.rejects[0].reason, "is missing or null");

  parsed =
      parser.parse(R"({"song_id": "S1", "title": "T", "artist_id": "A1", "year": "1969"})", "k");
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].field, "year");
  EXPECT_EQ(parsed.rejects[0].reason, "expected an integer, found a string");

  parsed = parser.parse(R"({"song_id": "", "title": "T", "artist_id": "A1"})", "k");
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].reason, "is empty");
}

TEST(SongParser, RejectsInvalidUtf8) {
  SongParser parser;
  const auto parsed = parser.parse(R"({"song_id": "S1", "title": "T)"
                                   "\xC3"
                                   R"(", "artist_id": "A"})",
                                   "k");
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].reason, "invalid UTF-8");
}

// Found by the hardening tests: over-long ids, titles and names broke PostgreSQL's indexes.
TEST(SongParser, RejectsOverLongKeyText) {
  SongParser parser;
  std::string song = kSong;
  song.replace(song.find("Soul Deep"), 9, std::string(kMaxKeyTextBytes + 1, 't'));
  const auto parsed = parser.parse(song, "song.json");
  EXPECT_TRUE(parsed.records.empty());
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].field, "title");
  EXPECT_EQ(parsed.rejects[0].reason, "longer than 1024 bytes");
}

// A song's ids are VARCHAR(256) in Redshift, which counts bytes.
TEST(SongParser, RejectsIdsOverRedshiftsByteLength) {
  SongParser parser;
  std::string multibyte;
  for (int i = 0; i < 300; ++i)
    multibyte += "\u00e9";  // é, two bytes of UTF-8
  std::string song = kSong;
  song.replace(song.find("ARMJAGH1187FB546F3"), 18, multibyte);
  const auto parsed = parser.parse(song, "song.json");
  EXPECT_TRUE(parsed.records.empty());
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].field, "artist_id");
  EXPECT_EQ(parsed.rejects[0].reason, "longer than 256 bytes");
}

}  // namespace
}  // namespace sparkify

#include "parse/event_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "enrich/event_id.hpp"

namespace sparkify {
namespace {

// The first play of the sample, as the app wrote it (escaped quotes and slashes).
const std::string kPlay =
    R"({"artist":"Des'ree","auth":"Logged In","firstName":"Kaylee","gender":"F","itemInSession":1,)"
    R"("lastName":"Summers","length":246.30812,"level":"free","location":"Phoenix-Mesa-Scottsdale, AZ",)"
    R"("method":"PUT","page":"NextSong","registration":1540344794796.0,"sessionId":139,)"
    R"("song":"You Gotta Be","status":200,"ts":1541106106796,"userAgent":"\"Mozilla\/5.0 (Windows NT 6.1; WOW64)\"","userId":"8"})";

// A logged-out page view: empty userId, null names and song fields.
const std::string kLoggedOut =
    R"({"artist":null,"auth":"Logged Out","firstName":null,"gender":null,"itemInSession":0,)"
    R"("lastName":null,"length":null,"level":"free","location":null,"method":"GET","page":"Home",)"
    R"("registration":null,"sessionId":52,"song":null,"status":200,"ts":1541207073796,)"
    R"("userAgent":null,"userId":""})";

std::string with(std::string line, const std::string& from, const std::string& to) {
  const auto at = line.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return line.replace(at, from.size(), to);
}

Reject only_reject(const std::string& content) {
  EventLogParser parser;
  auto parsed = parser.parse(content, "log.json");
  EXPECT_TRUE(parsed.records.empty());
  EXPECT_EQ(parsed.rejects.size(), 1U);
  return parsed.rejects.empty() ? Reject{} : parsed.rejects.front();
}

TEST(EventLogParser, ParsesEveryFieldOfAPlay) {
  EventLogParser parser;
  const auto parsed = parser.parse(kPlay, "log_data/2018/11/2018-11-01-events.json");
  ASSERT_EQ(parsed.records.size(), 1U);
  ASSERT_TRUE(parsed.rejects.empty());
  const EventRecord& e = parsed.records[0];
  EXPECT_EQ(e.artist, "Des'ree");
  EXPECT_EQ(e.auth, "Logged In");
  EXPECT_EQ(e.first_name, "Kaylee");
  EXPECT_EQ(e.gender, "F");
  EXPECT_EQ(e.item_in_session, 1);
  EXPECT_EQ(e.last_name, "Summers");
  EXPECT_DOUBLE_EQ(*e.length, 246.30812);
  EXPECT_EQ(e.level, "free");
  EXPECT_EQ(e.location, "Phoenix-Mesa-Scottsdale, AZ");
  EXPECT_EQ(e.method, "PUT");
  EXPECT_EQ(e.page, "NextSong");
  EXPECT_DOUBLE_EQ(*e.registration, 1540344794796.0);
  EXPECT_EQ(e.session_id, 139);
  EXPECT_EQ(e.song, "You Gotta Be");
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.ts, 1541106106796);
  EXPECT_EQ(e.user_agent, "\"Mozilla/5.0 (Windows NT 6.1; WOW64)\"");  // unescaped
  EXPECT_EQ(e.user_id, 8);
  EXPECT_EQ(e.event_id, make_event_id("8", 139, 1, 1541106106796));
  EXPECT_EQ(e.time.start_time, "2018-11-01 21:01:46.796");
  EXPECT_EQ(e.source_key, "log_data/2018/11/2018-11-01-events.json");
  EXPECT_EQ(e.line_number, 1);
}

TEST(EventLogParser, LoggedOutEventsHaveNoUser) {
  EventLogParser parser;
  const auto parsed = parser.parse(kLoggedOut, "k");
  ASSERT_EQ(parsed.records.size(), 1U);
  const EventRecord& e = parsed.records[0];
  EXPECT_FALSE(e.user_id.has_value());
  EXPECT_FALSE(e.first_name.has_value());
  EXPECT_FALSE(e.length.has_value());
  EXPECT_EQ(e.event_id, make_event_id("", 52, 0, 1541207073796));
}

TEST(EventLogParser, LinesWithoutFinalNewlineCrlfAndBlanks) {
  EventLogParser parser;
  const auto parsed = parser.parse(kPlay + "\r\n\r\n" + kLoggedOut, "k");
  ASSERT_EQ(parsed.records.size(), 2U);
  EXPECT_TRUE(parsed.rejects.empty());
  EXPECT_EQ(parsed.records[0].line_number, 1);
  EXPECT_EQ(parsed.records[1].line_number, 3);
}

TEST(EventLogParser, NonAsciiAndApostrophesSurvive) {
  EventLogParser parser;
  const auto parsed = parser.parse(with(kPlay, "Des'ree", "Beyonc\\u00e9 & Mötley Crüe"), "k");
  ASSERT_EQ(parsed.records.size(), 1U);
  EXPECT_EQ(parsed.records[0].artist, "Beyonc\xC3\xA9 & Mötley Crüe");
}

TEST(EventLogParser, IntegralFloatsAreIntegers) {
  EventLogParser parser;
  const auto parsed = parser.parse(with(kPlay, "\"sessionId\":139", "\"sessionId\":139.0"), "k");
  ASSERT_EQ(parsed.records.size(), 1U);
  EXPECT_EQ(parsed.records[0].session_id, 139);
}

TEST(EventLogParser, UserIdAsANumberIsAccepted) {
  EventLogParser parser;
  const auto parsed = parser.parse(with(kPlay, "\"userId\":\"8\"", "\"userId\":8"), "k");
  ASSERT_EQ(parsed.records.size(), 1U);
  EXPECT_EQ(parsed.records[0].event_id, make_event_id("8", 139, 1, 1541106106796));
}

TEST(EventLogParser, RejectsMalformedJsonWithLineAndRawText) {
  EventLogParser parser;
  const auto parsed = parser.parse(kPlay + "\n{\"artist\":\"broken\n" + kLoggedOut, "day.json");
  ASSERT_EQ(parsed.records.size(), 2U);
  ASSERT_EQ(parsed.rejects.size(), 1U);
  const Reject& r = parsed.rejects[0];
  EXPECT_EQ(r.source_key, "day.json");
  EXPECT_EQ(r.line_number, 2);
  EXPECT_EQ(r.field, "");
  EXPECT_TRUE(r.reason.starts_with("malformed JSON")) << r.reason;
  EXPECT_EQ(r.raw, "{\"artist\":\"broken");
}

TEST(EventLogParser, RejectsATruncatedLastLine) {
  const Reject r = only_reject(kPlay.substr(0, 100));
  EXPECT_EQ(r.line_number, 1);
  EXPECT_TRUE(r.reason.starts_with("malformed JSON")) << r.reason;
}

TEST(EventLogParser, RejectsInvalidUtf8) {
  const Reject r = only_reject(with(kPlay, "Kaylee", "Kay\xFFlee"));
  EXPECT_EQ(r.reason, "invalid UTF-8");
  EXPECT_NE(r.raw.find("Kay\xEF\xBF\xBDlee"), std::string::npos);  // stored sanitised
}

TEST(EventLogParser, RejectsWrongTypesNamingTheField) {
  struct Case {
    std::string from, to, field, reason;
  };
  const Case cases[] = {
      {"\"ts\":1541106106796", "\"ts\":\"1541106106796\"", "ts",
       "expected an integer, found a string"},
      {"\"sessionId\":139", "\"sessionId\":13.5", "sessionId",
       "expected an integer, found a fraction"},
      {"\"length\":246.30812", "\"length\":\"246\"", "length", "expected a number, found a string"},
      {"\"firstName\":\"Kaylee\"", "\"firstName\":7", "firstName",
       "expected a string, found an integer"},
      {"\"userId\":\"8\"", "\"userId\":\"8a\"", "userId", "expected a string of digits"},
      {"\"userId\":\"8\"", "\"userId\":[8]", "userId",
       "expected a string of digits, found an array"},
      {"\"page\":\"NextSong\"", "\"page\":null", "page", "is missing or null"},
      {"\"ts\":1541106106796", "\"ts\":-1", "ts",
       "out of range (milliseconds between 1970 and 9999 expected)"},
      {"\"ts\":1541106106796", "\"ts\":18446744073709551615", "ts", "integer out of range"},
      {"\"song\":\"You Gotta Be\"", "\"song\":null", "song",
       "is missing or null in a NextSong event"},
      {"\"userId\":\"8\"", "\"userId\":\"\"", "userId", "is empty in a NextSong event"},
      {"\"lastName\":\"Summers\"", "\"lastName\":\"Sum\\u0000mers\"", "lastName",
       "contains a NUL character"},
  };
  for (const auto& c : cases) {
    const Reject r = only_reject(with(kPlay, c.from, c.to));
    EXPECT_EQ(r.field, c.field) << c.to;
    EXPECT_EQ(r.reason, c.reason) << c.to;
  }
}

TEST(EventLogParser, RejectsNonObjects) {
  EXPECT_EQ(only_reject("[1,2]").reason, "expected a JSON object, found an array");
  EXPECT_EQ(only_reject("42").reason, "expected a JSON object, found an integer");
}

TEST(EventLogParser, EmptyObjectIsOneReject) {
  const Reject r = only_reject("");
  EXPECT_EQ(r.line_number, 0);
  EXPECT_EQ(r.reason, "empty object");
}

TEST(EventLogParser, RawTextOfAHugeLineIsTruncated) {
  const std::string huge = "{\"x\":\"" + std::string(100'000, 'a');
  const Reject r = only_reject(huge);
  EXPECT_EQ(r.raw.size(), kMaxRawRejectBytes);
}

// Found by the hardening tests: a 1 MB song title failed the whole PostgreSQL batch (an index
// entry is limited to a few kB). Over-long text is rejected, the rest of the file loads.
// Redshift's VARCHAR(256) counts bytes: 300 two-byte characters (600 bytes) in a short
// code are a reject naming the field on every engine, not a failed batch on Redshift.
TEST(EventLogParser, RejectsCodesOverRedshiftsByteLength) {
  std::string multibyte;
  for (int i = 0; i < 300; ++i)
    multibyte += "\u00e9";  // é, two bytes of UTF-8
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, std::string>>{{"page", R"("page":"NextSong")"},
                                                        {"level", R"("level":"free")"},
                                                        {"gender", R"("gender":"F")"},
                                                        {"auth", R"("auth":"Logged In")"},
                                                        {"method", R"("method":"PUT")"}}) {
    const auto r = only_reject(with(kPlay, value, "\"" + field + "\":\"" + multibyte + "\""));
    EXPECT_EQ(r.field, field);
    EXPECT_EQ(r.reason, "longer than 256 bytes");
  }
  // 128 two-byte characters are exactly 256 bytes: kept.
  std::string at_limit;
  for (int i = 0; i < 128; ++i)
    at_limit += "\u00e9";
  EventLogParser parser;
  const auto parsed =
      parser.parse(with(kPlay, R"("level":"free")", "\"level\":\"" + at_limit + "\""), "log.json");
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.records.size(), 1U);
  EXPECT_EQ(parsed.records[0].level->size(), 256U);
}

TEST(EventLogParser, RejectsOverLongText) {
  const std::string long_key(kMaxKeyTextBytes + 1, 'x');
  auto r = only_reject(with(kPlay, R"("song":"You Gotta Be")", "\"song\":\"" + long_key + "\""));
  EXPECT_EQ(r.field, "song");
  EXPECT_EQ(r.reason, "longer than 1024 bytes");
  const std::string long_text(kMaxTextBytes + 1, 'y');
  r = only_reject(with(kPlay, R"("userAgent":"\"Mozilla\/5.0 (Windows NT 6.1; WOW64)\"")",
                       "\"userAgent\":\"" + long_text + "\""));
  EXPECT_EQ(r.field, "userAgent");
  EXPECT_EQ(r.reason, "longer than 2048 bytes");
  r = only_reject(with(kPlay, R"("location":"Phoenix-Mesa-Scottsdale, AZ")",
                       "\"location\":\"" + std::string(kMaxKeyTextBytes + 1, 'l') + "\""));
  EXPECT_EQ(r.field, "location");
  EXPECT_EQ(r.reason, "longer than 1024 bytes");
  r = only_reject(with(kPlay, R"("firstName":"Kaylee")",
                       "\"firstName\":\"" + std::string(kMaxCodeBytes + 1, 'f') + "\""));
  EXPECT_EQ(r.field, "firstName");
  EXPECT_EQ(r.reason, "longer than 256 bytes");
  EventLogParser parser;
  const std::string longest(kMaxTextBytes, 'z');
  const auto parsed =
      parser.parse(with(kPlay, R"("userAgent":"\"Mozilla\/5.0 (Windows NT 6.1; WOW64)\"")",
                        "\"userAgent\":\"" + longest + "\""),
                   "log.json");
  ASSERT_EQ(parsed.records.size(), 1U);
  EXPECT_EQ(parsed.records[0].user_agent, longest);
}

// Records are reserved by line count, capped by the bytes: 16 MiB of blank lines (a
// POST body within the default limit) once reserved 16 M records of ~650 bytes.
TEST(EventLogParser, BlankLinesDoNotReserveARecordEach) {
  const std::string blank(16U << 20, '\n');
  EventLogParser parser;
  const auto parsed = parser.parse(blank, "blank.json");
  EXPECT_TRUE(parsed.records.empty());
  ASSERT_EQ(parsed.rejects.size(), 1U);
  EXPECT_EQ(parsed.rejects[0].reason, "empty object");
  EXPECT_LE(parsed.records.capacity(), blank.size() / 200 + 1);
}

}  // namespace
}  // namespace sparkify

// What the tests of the running play counts (schema 6) share: a later play in the
// shape of tests/data/missing-gender/, and the recounts the counts must equal.
#pragma once

#include <string>

#include "tests/support/warehouse_tables.hpp"

namespace sparkify::testing {

// One NextSong event of `user` (session 900 + user, last name "Later") as a JSON line
// without its newline; `gender_json` is a JSON value: "\"F\"" or "null".
inline std::string later_play_event(int user, const std::string& first_name,
                                    const std::string& gender_json, const std::string& artist,
                                    int item_in_session, long long ts) {
  return R"({"artist":")" + artist + R"(","auth":"Logged In","itemInSession":)" +
         std::to_string(item_in_session) +
         R"(,"length":200.5,"level":"free","location":"Red Bluff, CA","method":"PUT",)"
         R"("page":"NextSong","registration":1540919166796.0,"song":"Yellow","status":200,)"
         R"("userAgent":"Mozilla/5.0","sessionId":)" +
         std::to_string(900 + user) + R"(,"firstName":")" + first_name +
         R"(","lastName":"Later","gender":)" + gender_json + R"(,"userId":")" +
         std::to_string(user) + R"(","ts":)" + std::to_string(ts) + "}";
}

// The plays by artist name as the queries read them (schema 6 and 16), and the same
// as a recount of the facts.
inline const std::string kPlaysByArtistName =
    std::string("SELECT artist_name, plays FROM ") + kArtistNamePlays + " ORDER BY 1";
inline constexpr const char* kRecountByArtistName =
    "SELECT artist_name, COUNT(*) FROM f_songplay GROUP BY artist_name ORDER BY 1";

// The plays by gender and artist name as the queries read them, and the same as a
// recount of the facts and d_user's genders.
inline const std::string kPlaysByGenderAndArtistName =
    std::string("SELECT gender, artist_name, plays FROM ") + kArtistNameGenderPlays +
    " ORDER BY 1, 2";
inline constexpr const char* kRecountByGenderAndArtistName =
    "SELECT u.gender, f.artist_name, COUNT(*) FROM f_songplay f JOIN d_user u "
    "ON u.user_id = f.user_id WHERE u.gender IS NOT NULL GROUP BY u.gender, f.artist_name "
    "ORDER BY 1, 2";

}  // namespace sparkify::testing

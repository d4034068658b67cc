// The stable identity of one song-play event.
//
// event_id = lowercase hex SHA-256 of the UTF-8 text
//     userId "|" sessionId "|" itemInSession "|" ts
// where userId is the raw string of the log ("" when logged out) and the three
// numbers are written in decimal without leading zeros. The same event gets the
// same id on every engine, on every replay and on every re-delivery, so it can
// never become a second staged row or a second fact. For NextSong events this
// id is the songplay_id of f_songplay.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sparkify {

std::string make_event_id(std::string_view user_id, std::int64_t session_id,
                          std::int64_t item_in_session, std::int64_t ts);

}  // namespace sparkify

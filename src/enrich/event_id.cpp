#include "enrich/event_id.hpp"

#include <fmt/format.h>

#include "core/sha256.hpp"

namespace sparkify {

std::string make_event_id(std::string_view user_id, std::int64_t session_id,
                          std::int64_t item_in_session, std::int64_t ts) {
  fmt::memory_buffer text;
  fmt::format_to(std::back_inserter(text), "{}|{}|{}|{}", user_id, session_id, item_in_session, ts);
  return sha256_hex(std::string_view(text.data(), text.size()));
}

}  // namespace sparkify

// A reusable buffer with the zero padding simdjson needs after the JSON text.
#pragma once

#include <simdjson.h>

#include <cstring>
#include <string_view>
#include <vector>

namespace sparkify {

class PaddedBuffer {
 public:
  // Copies text into the buffer and returns the padded view simdjson can parse.
  simdjson::padded_string_view assign(std::string_view text) {
    if (bytes_.size() < text.size() + simdjson::SIMDJSON_PADDING) {
      bytes_.resize(text.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(bytes_.data(), text.data(), text.size());
    std::memset(bytes_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(bytes_.data(), text.size(), bytes_.size());
  }

 private:
  std::vector<char> bytes_;
};

}  // namespace sparkify

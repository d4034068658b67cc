// The real sample bundled with the repository (song_data/ and log_data/), for the tests that
// read or load it. Header-only.
#pragma once

#include <filesystem>

namespace sparkify::testing {

inline const std::filesystem::path kSampleData =
    std::filesystem::path(SPARKIFY_SOURCE_DIR) / "data" / "sample";

}  // namespace sparkify::testing

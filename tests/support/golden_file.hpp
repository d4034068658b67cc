// Compares generated text with a golden file under tests/data, byte for byte. With
// SPARKIFY_UPDATE_GOLDEN set it writes the file instead, for a deliberate change
// to be reviewed in the diff. Header-only, for the unit tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sparkify::testing {

inline void check_golden(const std::filesystem::path& file, const std::string& text) {
  if (std::getenv("SPARKIFY_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return;
  }
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << file << " (SPARKIFY_UPDATE_GOLDEN=1 writes it)";
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(text, golden.str()) << "generated text differs from " << file;
}

}  // namespace sparkify::testing

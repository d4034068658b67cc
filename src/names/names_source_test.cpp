#include "names/names_source.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>

namespace sparkify::names {
namespace {

TEST(YobFileName, MatchesOnlyYearlyFiles) {
  EXPECT_TRUE(is_yob_file_name("yob1880.txt"));
  EXPECT_TRUE(is_yob_file_name("names/yob2024.txt"));
  EXPECT_FALSE(is_yob_file_name("NationalReadMe.pdf"));
  EXPECT_FALSE(is_yob_file_name("yob88.txt"));
  EXPECT_FALSE(is_yob_file_name("yobABCD.txt"));
  EXPECT_FALSE(is_yob_file_name("yob1880.txt.bak"));
}

// Writes a zip with libarchive, the same library that reads it back.
void write_zip(const std::filesystem::path& file,
               const std::map<std::string, std::string>& entries) {
  std::unique_ptr<archive, decltype(&archive_write_free)> writer(archive_write_new(),
                                                                 &archive_write_free);
  ASSERT_EQ(archive_write_set_format_zip(writer.get()), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(writer.get(), file.c_str()), ARCHIVE_OK);
  for (const auto& [name, text] : entries) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                        &archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(text.size()));
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    ASSERT_EQ(archive_write_header(writer.get(), entry.get()), ARCHIVE_OK);
    ASSERT_EQ(archive_write_data(writer.get(), text.data(), text.size()),
              static_cast<la_ssize_t>(text.size()));
  }
  ASSERT_EQ(archive_write_close(writer.get()), ARCHIVE_OK);
}

class NamesSource : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sparkify-names-source-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(NamesSource, ReadsYearlyFilesFromAZipAndSkipsOthers) {
  const auto zip = dir_ / "names.zip";
  write_zip(zip, {{"yob1880.txt", "Mary,F,7065\n"},
                  {"yob1881.txt", "John,M,8769"},
                  {"NationalReadMe.pdf", "%PDF"}});
  std::map<std::string, std::string> seen;
  const auto n = for_each_yob_file(
      zip, [&](const std::string& name, std::string_view text) { seen[name] = text; });
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen["yob1880.txt"], "Mary,F,7065\n");
  EXPECT_EQ(seen["yob1881.txt"], "John,M,8769");
}

TEST_F(NamesSource, ReadsYearlyFilesFromAFolderInNameOrder) {
  std::ofstream(dir_ / "yob1881.txt") << "b";
  std::ofstream(dir_ / "yob1880.txt") << "a";
  std::ofstream(dir_ / "other.txt") << "c";
  std::string order;
  for_each_yob_file(dir_, [&](const std::string&, std::string_view text) { order += text; });
  EXPECT_EQ(order, "ab");
}

TEST_F(NamesSource, ErrorsNameThePath) {
  const auto garbage = dir_ / "garbage.zip";
  std::ofstream(garbage) << "this is not an archive";
  try {
    for_each_yob_file(garbage, [](const std::string&, std::string_view) {});
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("garbage.zip"), std::string::npos) << e.what();
  }
  EXPECT_THROW(for_each_yob_file(dir_ / "nope", [](const std::string&, std::string_view) {}),
               std::runtime_error);
}

}  // namespace
}  // namespace sparkify::names

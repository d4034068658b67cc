#include "source/local_folder_source.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sparkify {
namespace {
namespace fs = std::filesystem;

class LocalFolderSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("sparkify-src-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const fs::path& rel, const std::string& content) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << content;
  }
  fs::path root_;
};

TEST_F(LocalFolderSourceTest, ListsJsonFilesRecursivelyInStableOrderSkippingHidden) {
  write("b/2.json", "{}");
  write("a/z/1.json", "{}");
  write("a/notes.txt", "x");
  write(".ipynb_checkpoints/copy.json", "{}");
  write("a/.hidden.json", "{}");
  write("a/.cache/x.json", "{}");
  LocalFolderSource source(root_);
  const auto objects = source.list();
  ASSERT_EQ(objects.size(), 2U);
  EXPECT_EQ(objects[0].key, (root_ / "a/z/1.json").string());
  EXPECT_EQ(objects[1].key, (root_ / "b/2.json").string());
  EXPECT_EQ(objects[0].size, 2U);
  EXPECT_FALSE(objects[0].version.empty());
  EXPECT_EQ(source.read(objects[1]), "{}");
  const auto after = source.list(objects[0].key);
  ASSERT_EQ(after.size(), 1U);
  EXPECT_EQ(after[0].key, objects[1].key);
}

TEST_F(LocalFolderSourceTest, VersionChangesWithContent) {
  write("a.json", "{}");
  LocalFolderSource source(root_);
  const auto before = source.list().at(0);
  write("a.json", "{\"x\":1}");
  const auto after = source.list().at(0);
  EXPECT_NE(before.version, after.version);
}

TEST_F(LocalFolderSourceTest, ASingleFileIsASource) {
  write("one.json", "{}");
  LocalFolderSource source(root_ / "one.json");
  EXPECT_EQ(source.list().size(), 1U);
}

TEST_F(LocalFolderSourceTest, MissingFolderAndVanishedFileAreSourceErrors) {
  LocalFolderSource missing(root_ / "nope");
  EXPECT_THROW(missing.list(), SourceError);
  write("a.json", "{}");
  LocalFolderSource source(root_);
  const auto objects = source.list();
  fs::remove(root_ / "a.json");
  EXPECT_THROW(source.read(objects[0]), SourceError);
}

}  // namespace
}  // namespace sparkify

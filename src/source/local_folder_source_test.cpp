#include "source/local_folder_source.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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

// The folder is walked one directory at a time, yet the keys come out in the byte
// order of the full paths (S3's order, the ledger's), page after page.
TEST_F(LocalFolderSourceTest, WalksInTheByteOrderOfTheFullPathsAPageAtATime) {
  // '-' (0x2D) and '.' (0x2E) sort before '/' (0x2F): "a-b.json" and "a.json" come
  // before the files in folder "a/", and "a0/" (0x30) after them.
  write("a/x.json", "{}");
  write("a-b.json", "{}");
  write("a.json", "{}");
  write("a0/y.json", "{}");
  write("A/z.json", "{}");
  write("a/b/c.json", "{}");
  write("ab.json", "{}");
  std::vector<std::string> many;
  for (int i = 0; i < 2500; ++i) {
    many.push_back(fmt::format("m/{:04}.json", (i * 7919) % 2500));
    write(many.back(), "{}");
  }
  LocalFolderSource source(root_);
  const auto listing = source.open_listing();
  std::vector<std::string> keys;
  std::size_t pages = 0;
  for (auto page = listing->next_page(); !page.empty(); page = listing->next_page()) {
    ++pages;
    for (const auto& object : page)
      keys.push_back(object.key);
  }
  EXPECT_GE(pages, 3U) << "2,507 files come in pages, not all at once";
  ASSERT_EQ(keys.size(), 2507U);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  const std::string r = root_.string() + "/";
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 6),
            (std::vector<std::string>{r + "A/z.json", r + "a-b.json", r + "a.json",
                                      r + "a/b/c.json", r + "a/x.json", r + "a0/y.json"}));
  EXPECT_EQ(keys[6], r + "ab.json");
  EXPECT_EQ(keys[7], r + "m/0000.json");
  EXPECT_EQ(keys.back(), r + "m/2499.json");
  // Resuming after a key in the middle of a folder.
  const auto after = source.list(r + "m/1234.json");
  ASSERT_EQ(after.size(), 1265U);
  EXPECT_EQ(after.front().key, r + "m/1235.json");
}

TEST_F(LocalFolderSourceTest, DoesNotEnterFoldersReachedThroughALink) {
  write("data/a.json", "{}");
  write("elsewhere/b.json", "{}");
  fs::create_directory_symlink(root_ / "elsewhere", root_ / "data" / "linked");
  fs::create_symlink(root_ / "elsewhere" / "b.json", root_ / "data" / "c.json");
  LocalFolderSource source(root_ / "data");
  const auto objects = source.list();
  ASSERT_EQ(objects.size(), 2U);
  EXPECT_EQ(objects[0].key, (root_ / "data/a.json").string());
  EXPECT_EQ(objects[1].key, (root_ / "data/c.json").string()) << "a linked file is read";
}

TEST_F(LocalFolderSourceTest, AFolderRemovedWhileTheListingWalksHoldsNothing) {
  write("a/1.json", "{}");
  write("b/2.json", "{}");
  write("c/3.json", "{}");
  LocalFolderSource source(root_);
  const auto listing = source.open_listing();  // reads the root's entries
  fs::remove_all(root_ / "b");
  std::vector<std::string> keys;
  for (auto page = listing->next_page(); !page.empty(); page = listing->next_page()) {
    for (const auto& object : page)
      keys.push_back(object.key);
  }
  EXPECT_EQ(keys, (std::vector<std::string>{(root_ / "a/1.json").string(),
                                            (root_ / "c/3.json").string()}));
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

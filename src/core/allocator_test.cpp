#include "core/allocator.hpp"

#include <gtest/gtest.h>

#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace sparkify {
namespace {

TEST(Allocator, TheOperatorsEnvironmentSettingsWin) {
  EXPECT_FALSE(environment_tunes_allocator(nullptr, nullptr, nullptr));
  EXPECT_FALSE(environment_tunes_allocator("", "", ""));
  EXPECT_FALSE(environment_tunes_allocator("glibc.malloc.arena_max=2", nullptr, nullptr));
  EXPECT_TRUE(environment_tunes_allocator("glibc.malloc.mmap_threshold=1048576", nullptr, nullptr));
  EXPECT_TRUE(environment_tunes_allocator("glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=0",
                                          nullptr, nullptr));
  EXPECT_TRUE(environment_tunes_allocator(nullptr, "1048576", nullptr));
  EXPECT_TRUE(environment_tunes_allocator(nullptr, nullptr, "0"));
}

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
// A block of 8 MiB comes from the heap, where a later one reuses it, and not from a
// mapping of its own, which glibc makes for any block past 128 KiB until one is freed.
// (Each test runs in a process of its own: nothing before this one freed a large block.)
// The sanitizers' allocator replaces glibc's, so the Release build alone runs it.
TEST(Allocator, ALargeFreedBlockStaysForReuse) {
  if (environment_tunes_allocator())
    GTEST_SKIP() << "the environment tunes the allocator";
  ASSERT_TRUE(keep_freed_memory_for_reuse());
  const auto mapped_before = ::mallinfo2().hblks;
  constexpr std::size_t kBytes = 8 << 20;
  std::vector<char> block(kBytes, 1);
  EXPECT_EQ(::mallinfo2().hblks, mapped_before);
  const volatile char last = block.back();
  EXPECT_EQ(last, 1);
}
#endif

}  // namespace
}  // namespace sparkify

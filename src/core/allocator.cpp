#include "core/allocator.hpp"

#include <cstdlib>
#include <string_view>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace sparkify {

namespace {

constexpr int kKeptBlockBytes = 16 << 20;
constexpr int kKeptTopBytes = 32 << 20;

bool set(const char* value) {
  return value != nullptr && *value != '\0';
}

}  // namespace

bool environment_tunes_allocator(const char* glibc_tunables, const char* mmap_threshold,
                                 const char* trim_threshold) {
  if (set(mmap_threshold) || set(trim_threshold))
    return true;
  if (!set(glibc_tunables))
    return false;
  const std::string_view tunables(glibc_tunables);
  return tunables.find("glibc.malloc.mmap_threshold") != std::string_view::npos ||
         tunables.find("glibc.malloc.trim_threshold") != std::string_view::npos;
}

bool environment_tunes_allocator() {
  return environment_tunes_allocator(std::getenv("GLIBC_TUNABLES"),
                                     std::getenv("MALLOC_MMAP_THRESHOLD_"),
                                     std::getenv("MALLOC_TRIM_THRESHOLD_"));
}

bool keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  if (environment_tunes_allocator())
    return false;
  // Either setting alone turns glibc's adaptive thresholds off and keeps the other at its
  // 128 KiB start, which measured slower than the default: both are set.
  return ::mallopt(M_MMAP_THRESHOLD, kKeptBlockBytes) == 1 &&
         ::mallopt(M_TRIM_THRESHOLD, kKeptTopBytes) == 1;
#else
  return false;
#endif
}

void return_freed_memory() {
#ifdef __GLIBC__
  ::malloc_trim(0);
#endif
}

}  // namespace sparkify

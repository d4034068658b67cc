#include "pipeline/ordered_parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace sparkify {
namespace {

TEST(OrderedParallel, ConsumesEveryResultInOrder) {
  std::vector<std::size_t> seen;
  ordered_parallel<std::size_t>(
      1000, ParallelLimits{4, 8, 1 << 20}, [](std::size_t) { return 1; },
      [](std::size_t, std::size_t i) { return i * i; },
      [&](std::size_t i, std::size_t&& r) {
        EXPECT_EQ(r, i * i);
        seen.push_back(i);
      });
  ASSERT_EQ(seen.size(), 1000U);
  for (std::size_t i = 0; i < seen.size(); ++i)
    EXPECT_EQ(seen[i], i);
}

TEST(OrderedParallel, NeverHoldsMoreThanTheWindow) {
  std::atomic<int> produced{0};
  std::atomic<int> consumed{0};
  std::atomic<int> worst{0};
  ordered_parallel<int>(
      500, ParallelLimits{3, 5, 1 << 20}, [](std::size_t) { return 1; },
      [&](std::size_t, std::size_t) {
        const int ahead = ++produced - consumed.load();
        int w = worst.load();
        while (ahead > w && !worst.compare_exchange_weak(w, ahead)) {
        }
        return 0;
      },
      [&](std::size_t, int&&) { ++consumed; });
  EXPECT_LE(worst.load(), 5);
}

TEST(OrderedParallel, RespectsTheByteBudgetButAlwaysProgresses) {
  std::atomic<std::uint64_t> in_flight{0};
  std::atomic<std::uint64_t> worst{0};
  ordered_parallel<int>(
      200, ParallelLimits{4, 64, 100}, [](std::size_t i) { return i % 10 == 0 ? 500 : 30; },
      [&](std::size_t, std::size_t i) {
        const auto now = in_flight += (i % 10 == 0 ? 500 : 30);
        auto w = worst.load();
        while (now > w && !worst.compare_exchange_weak(w, now)) {
        }
        return static_cast<int>(i);
      },
      [&](std::size_t i, int&&) { in_flight -= (i % 10 == 0 ? 500 : 30); });
  // A 500-byte item runs alone (it exceeds the budget); otherwise at most 100 bytes.
  EXPECT_LE(worst.load(), 500U);
}

TEST(OrderedParallel, WorkerExceptionsReachTheCaller) {
  EXPECT_THROW(ordered_parallel<int>(
                   100, ParallelLimits{2, 4, 1 << 20}, [](std::size_t) { return 1; },
                   [](std::size_t, std::size_t i) -> int {
                     if (i == 42)
                       throw std::runtime_error("bad object");
                     return 0;
                   },
                   [](std::size_t, int&&) {}),
               std::runtime_error);
}

TEST(OrderedParallel, ConsumerExceptionsStopTheWorkers) {
  std::atomic<int> produced{0};
  EXPECT_THROW(ordered_parallel<int>(
                   100000, ParallelLimits{2, 4, 1 << 20}, [](std::size_t) { return 1; },
                   [&](std::size_t, std::size_t) { return ++produced; },
                   [](std::size_t i, int&&) {
                     if (i == 10)
                       throw std::runtime_error("warehouse gone");
                   }),
               std::runtime_error);
  EXPECT_LT(produced.load(), 100);
}

}  // namespace
}  // namespace sparkify

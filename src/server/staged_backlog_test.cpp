#include "server/staged_backlog.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace sparkify {
namespace {

using Clock = StagedBacklog::Clock;
using std::chrono::milliseconds;

TEST(StagedBacklog, DueAtTheRowLimitOrWhenTheOldestHasWaited) {
  StagedBacklog backlog(100, milliseconds(1000));
  EXPECT_FALSE(backlog.due());
  backlog.staged(Clock::now(), 60);
  EXPECT_FALSE(backlog.due());
  backlog.staged(Clock::now(), 40);
  EXPECT_TRUE(backlog.due());

  StagedBacklog old(100, milliseconds(1000));
  old.staged(Clock::now() - milliseconds(1500), 1);
  EXPECT_TRUE(old.due());
  EXPECT_GE(old.oldest_seconds(), 1.5);
}

TEST(StagedBacklog, RowsLeftByAPreviousRunAreDueAtOnce) {
  StagedBacklog backlog(100, milliseconds(1000));
  backlog.left_over(3);
  EXPECT_TRUE(backlog.due());
  EXPECT_EQ(backlog.rows(), 3);
  const auto taken = backlog.take();
  backlog.transformed(taken, [](double, std::int64_t) { FAIL() << "no acknowledgement to time"; });
  EXPECT_EQ(backlog.rows(), 0);
  EXPECT_FALSE(backlog.due());
}

TEST(StagedBacklog, ATransformForgetsOnlyWhatWasStagedBeforeItBegan) {
  StagedBacklog backlog(1000, milliseconds(1000));
  backlog.staged(Clock::now() - milliseconds(300), 40);
  backlog.staged(Clock::now() - milliseconds(200), 10);
  const auto taken = backlog.take();
  backlog.staged(Clock::now(), 7);  // committed while the transform ran
  std::vector<std::pair<double, std::int64_t>> seen;
  backlog.transformed(taken, [&](double s, std::int64_t rows) { seen.emplace_back(s, rows); });
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0].second, 40);
  EXPECT_GE(seen[0].first, 0.3);
  EXPECT_EQ(seen[1].second, 10);
  EXPECT_EQ(backlog.rows(), 7);
  EXPECT_LT(backlog.oldest_seconds(), 0.2);
}

// The waiter went to sleep with nothing waiting; the first row staged after that
// makes it wake when that row has waited the delay, not at its far deadline.
TEST(StagedBacklog, TheFirstWaitingRowSetsWhenTheWaiterWakes) {
  StagedBacklog backlog(1000, milliseconds(50));
  std::thread stager([&] {
    std::this_thread::sleep_for(milliseconds(20));
    backlog.staged(Clock::now(), 1);
  });
  const auto far = Clock::now() + std::chrono::seconds(60);
  backlog.wait_for_batch(far);
  EXPECT_TRUE(backlog.due());
  EXPECT_LT(Clock::now(), far - std::chrono::seconds(30)) << "slept until the deadline";
  stager.join();
}

// Staging waits while the transforms are behind, and goes on when one takes the rows.
TEST(StagedBacklog, AFullBacklogHoldsStagingUntilATransformTakesIt) {
  StagedBacklog backlog(100, milliseconds(1000));
  backlog.staged(Clock::now(), 250);
  std::atomic<bool> taken{false};
  std::thread transformer([&] {
    std::this_thread::sleep_for(milliseconds(50));
    taken = true;
    const auto rows = backlog.take();
    backlog.transformed(rows, [](double, std::int64_t) {});
  });
  EXPECT_TRUE(backlog.wait_for_room(200, Clock::now() + std::chrono::seconds(60)));
  EXPECT_TRUE(taken);
  transformer.join();
  EXPECT_EQ(backlog.rows(), 0);
  EXPECT_TRUE(backlog.wait_for_room(200, Clock::now()));  // room already
  backlog.staged(Clock::now(), 300);
  EXPECT_FALSE(backlog.wait_for_room(200, Clock::now() + milliseconds(10)));
}

// While a transform runs, the next micro-batch fills: the rows it took leave room
// until it ends; a transform that fails gives them back, and they count again.
TEST(StagedBacklog, TheRowsOfARunningTransformLeaveRoomForTheNext) {
  StagedBacklog backlog(100, milliseconds(1000));
  backlog.staged(Clock::now(), 250);
  EXPECT_FALSE(backlog.wait_for_room(200, Clock::now()));
  const auto taken = backlog.take();
  EXPECT_EQ(taken.rows, 250);
  EXPECT_TRUE(backlog.wait_for_room(200, Clock::now()));
  backlog.staged(Clock::now(), 150);
  EXPECT_TRUE(backlog.wait_for_room(200, Clock::now()));
  backlog.staged(Clock::now(), 50);
  EXPECT_FALSE(backlog.wait_for_room(200, Clock::now()));
  EXPECT_EQ(backlog.rows(), 450);

  backlog.given_back();
  EXPECT_FALSE(backlog.wait_for_room(400, Clock::now()));
  const auto again = backlog.take();
  EXPECT_EQ(again.rows, 450);
  backlog.transformed(again, [](double, std::int64_t) {});
  EXPECT_EQ(backlog.rows(), 0);
  EXPECT_TRUE(backlog.wait_for_room(1, Clock::now()));
}

TEST(StagedBacklog, FinishWakesTheWaiter) {
  StagedBacklog backlog(1000, milliseconds(100'000));
  std::thread finisher([&] {
    std::this_thread::sleep_for(milliseconds(50));
    backlog.finish();
  });
  backlog.wait_for_batch(Clock::now() + std::chrono::hours(1));
  EXPECT_TRUE(backlog.finished());
  finisher.join();
}

}  // namespace
}  // namespace sparkify

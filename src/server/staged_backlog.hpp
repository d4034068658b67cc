// What the server has staged and not yet put into the star schema: how many rows,
// since when, and when each commit of them was acknowledged. The thread that stages
// adds to it; the thread that transforms waits on it for a micro-batch to be due and
// takes what was there when its transform began.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

namespace sparkify {

class StagedBacklog {
 public:
  using Clock = std::chrono::steady_clock;

  // A micro-batch is due when batch_rows wait, or when the oldest has waited batch_delay.
  StagedBacklog(std::int64_t batch_rows, std::chrono::milliseconds batch_delay);

  // A staging commit of `rows`, acknowledged at `acked`.
  void staged(Clock::time_point acked, std::int64_t rows);
  // Rows found waiting when a connection opened (a previous run's): due at once.
  void left_over(std::int64_t rows);

  // What a transform beginning now takes at least: the rows staged so far. Rows
  // staged later may be taken too (their commit raced the transform's start); they
  // stay in the backlog until a later transform, which finds them done. Until the
  // transform ends (transformed or given_back), its rows leave room for the next
  // micro-batch's (wait_for_room).
  struct Taken {
    std::int64_t left_over = 0;
    std::size_t acks = 0;
    std::int64_t rows = 0;
    bool empty() const { return left_over == 0 && acks == 0; }
  };
  Taken take();
  // After the transform that took `taken` committed: forgets those rows, and passes
  // each acknowledged commit's delay to the star schema, with its rows, to `observe`.
  void transformed(const Taken& taken,
                   const std::function<void(double seconds, std::int64_t rows)>& observe);
  // After the transform that took rows failed: they wait again, for the next one.
  void given_back();

  std::int64_t rows() const;
  // How long the oldest waiting row has waited; 0 when none waits.
  double oldest_seconds() const;
  bool due() const;

  // Waits until a micro-batch is due, finish() is called, or `deadline`.
  void wait_for_batch(Clock::time_point deadline) const;
  // Waits while `limit` rows or more wait besides those a running transform took
  // (the transforms have fallen behind the staging commits), until a transform brings
  // them below it, finish() is called, or `deadline`. Whether there is room.
  bool wait_for_room(std::int64_t limit, Clock::time_point deadline) const;
  // Waits until finish() is called or `deadline`.
  void wait_until(Clock::time_point deadline) const;
  // Nothing more will be staged: wakes the waiter for a last transform.
  void finish();
  bool finished() const;

 private:
  bool due_locked(Clock::time_point now) const;
  std::int64_t rows_locked() const;

  const std::int64_t batch_rows_;
  const std::chrono::milliseconds batch_delay_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::int64_t left_over_ = 0;
  std::int64_t acked_rows_ = 0;
  std::deque<std::pair<Clock::time_point, std::int64_t>> acks_;
  // The rows of the transform running now (0: none runs).
  std::int64_t taken_rows_ = 0;
  bool finished_ = false;
};

}  // namespace sparkify

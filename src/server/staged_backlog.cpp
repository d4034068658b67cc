#include "server/staged_backlog.hpp"

#include <algorithm>

namespace sparkify {

StagedBacklog::StagedBacklog(std::int64_t batch_rows, std::chrono::milliseconds batch_delay)
    : batch_rows_(batch_rows), batch_delay_(batch_delay) {}

void StagedBacklog::staged(Clock::time_point acked, std::int64_t rows) {
  if (rows <= 0)
    return;
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    // The first row to wait sets when the next micro-batch is due: the waiter,
    // asleep until its deadline, learns it.
    wake = acks_.empty() && left_over_ == 0;
    acks_.emplace_back(acked, rows);
    acked_rows_ += rows;
    wake = wake || rows_locked() >= batch_rows_;
  }
  if (wake)
    changed_.notify_all();
}

void StagedBacklog::left_over(std::int64_t rows) {
  if (rows <= 0)
    return;
  {
    const std::lock_guard lock(mutex_);
    left_over_ = rows;
  }
  changed_.notify_all();
}

StagedBacklog::Taken StagedBacklog::take() {
  Taken taken;
  {
    const std::lock_guard lock(mutex_);
    taken_rows_ = rows_locked();
    taken = Taken{left_over_, acks_.size(), taken_rows_};
  }
  changed_.notify_all();  // staging waiting for room has it now
  return taken;
}

void StagedBacklog::given_back() {
  {
    const std::lock_guard lock(mutex_);
    taken_rows_ = 0;
  }
  changed_.notify_all();
}

void StagedBacklog::transformed(
    const Taken& taken, const std::function<void(double seconds, std::int64_t rows)>& observe) {
  const auto now = Clock::now();
  {
    const std::lock_guard lock(mutex_);
    left_over_ -= taken.left_over;
    for (std::size_t i = 0; i < taken.acks && !acks_.empty(); ++i) {
      const auto [acked, rows] = acks_.front();
      observe(std::chrono::duration<double>(now - acked).count(), rows);
      acked_rows_ -= rows;
      acks_.pop_front();
    }
    taken_rows_ = 0;
  }
  changed_.notify_all();
}

std::int64_t StagedBacklog::rows() const {
  const std::lock_guard lock(mutex_);
  return rows_locked();
}

double StagedBacklog::oldest_seconds() const {
  const std::lock_guard lock(mutex_);
  if (left_over_ > 0)
    return std::chrono::duration<double>(batch_delay_).count();
  if (acks_.empty())
    return 0.0;
  return std::chrono::duration<double>(Clock::now() - acks_.front().first).count();
}

bool StagedBacklog::due() const {
  const std::lock_guard lock(mutex_);
  return due_locked(Clock::now());
}

void StagedBacklog::wait_for_batch(Clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = Clock::now();
    if (finished_ || due_locked(now) || now >= deadline)
      return;
    // The oldest row's delay runs out before the deadline: wake then.
    auto until = deadline;
    if (!acks_.empty())
      until = std::min(until, acks_.front().first + batch_delay_);
    changed_.wait_until(lock, until);
  }
}

bool StagedBacklog::wait_for_room(std::int64_t limit, Clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_until(lock, deadline,
                             [&] { return finished_ || rows_locked() - taken_rows_ < limit; });
}

void StagedBacklog::wait_until(Clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, deadline, [&] { return finished_; });
}

void StagedBacklog::finish() {
  {
    const std::lock_guard lock(mutex_);
    finished_ = true;
  }
  changed_.notify_all();
}

bool StagedBacklog::finished() const {
  const std::lock_guard lock(mutex_);
  return finished_;
}

bool StagedBacklog::due_locked(Clock::time_point now) const {
  if (left_over_ > 0)
    return true;
  if (acks_.empty())
    return false;
  return rows_locked() >= batch_rows_ || now - acks_.front().first >= batch_delay_;
}

std::int64_t StagedBacklog::rows_locked() const {
  return left_over_ + acked_rows_;
}

}  // namespace sparkify

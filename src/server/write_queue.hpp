// A bounded queue of work for the single warehouse writer. Producers never
// block: when the queue is full they are told so, and the server answers 503
// with Retry-After instead of letting memory grow.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace sparkify {

template <typename Job>
class WriteQueue {
 public:
  explicit WriteQueue(std::size_t capacity) : capacity_(capacity) {}

  // False when the queue is full or closed.
  bool try_push(Job job) {
    {
      std::lock_guard lock(mutex_);
      if (closed_ || jobs_.size() >= capacity_)
        return false;
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
  }

  // Everything queued, waiting until `deadline` for at least one job. Empty on
  // time-out or when the queue is closed and drained.
  std::vector<Job> pop_all(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    ready_.wait_until(lock, deadline, [&] { return closed_ || !jobs_.empty(); });
    std::vector<Job> out;
    out.reserve(jobs_.size());
    while (!jobs_.empty()) {
      out.push_back(std::move(jobs_.front()));
      jobs_.pop_front();
    }
    return out;
  }

  // Wakes the consumer; later pushes fail.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }
  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool closed_ = false;
};

}  // namespace sparkify

// A mutex that threads acquire in the order they asked for it. The server's staging
// thread locks again right after it unlocks whenever requests keep coming; with
// std::mutex a transform waiting for its turn could wait for many staging commits.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace sparkify {

class FifoMutex {
 public:
  void lock() {
    std::unique_lock guard(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    turn_.wait(guard, [&] { return serving_ == ticket; });
  }
  void unlock() {
    {
      const std::lock_guard guard(mutex_);
      ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ticket_ = 0;
  std::uint64_t serving_ = 0;
};

}  // namespace sparkify

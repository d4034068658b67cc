// Runs produce(i) for i in [0, n) on worker threads and hands the results to
// consume(i, result) on the calling thread in index order. At most `window`
// results (and about `byte_budget` bytes of input) are in flight, so memory
// stays flat whatever n is. An exception in a worker or in consume stops the
// workers and is rethrown here.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace sparkify {

struct ParallelLimits {
  std::size_t jobs = 2;                      // worker threads
  std::size_t window = 64;                   // results in flight
  std::uint64_t byte_budget = 256ULL << 20;  // input bytes in flight
};

namespace detail {

// The state the workers and the consuming thread share: the slots of the results in
// flight, what is handed out and what is consumed.
template <typename Result>
class OrderedWindow {
 public:
  using Cost = std::function<std::uint64_t(std::size_t)>;
  using Produce = std::function<Result(std::size_t worker, std::size_t index)>;

  OrderedWindow(std::size_t n, std::size_t window, const ParallelLimits& limits, const Cost& cost,
                const Produce& produce)
      : n_(n), window_(window), limits_(limits), cost_(cost), produce_(produce), slots_(window) {}

  // A worker's loop: claims the next index while the window and the byte budget have
  // room, produces its result and puts it in its slot.
  void work(std::size_t worker_id) {
    while (const auto index = claim()) {
      Slot slot;
      try {
        slot.result.emplace(produce_(worker_id, *index));
      } catch (...) {
        slot.error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        slots_[*index % window_] = std::move(slot);
      }
      ready_.notify_all();
    }
  }

  // Waits for result i (the next in order) and takes it; rethrows a worker's exception.
  Result take(std::size_t i) {
    Slot slot;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] {
        const Slot& s = slots_[i % window_];
        return s.result.has_value() || s.error != nullptr;
      });
      slot = std::move(slots_[i % window_]);
      slots_[i % window_] = Slot{};
    }
    if (slot.error)
      std::rethrow_exception(slot.error);
    return std::move(*slot.result);
  }

  // Result i was consumed: the window moves on.
  void consumed(std::size_t i) {
    {
      std::lock_guard lock(mutex_);
      ++consumed_;
      in_flight_bytes_ -= cost_(i);
    }
    room_.notify_all();
  }

  void cancel() {
    {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
    }
    room_.notify_all();
  }

 private:
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr error;
  };

  std::optional<std::size_t> claim() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] {
      if (cancelled_ || next_ >= n_)
        return true;
      if (next_ >= consumed_ + window_)
        return false;
      // The oldest item may always start, so one huge object cannot stall the pipeline.
      return next_ == consumed_ || in_flight_bytes_ + cost_(next_) <= limits_.byte_budget;
    });
    if (cancelled_ || next_ >= n_)
      return std::nullopt;
    in_flight_bytes_ += cost_(next_);
    return next_++;
  }

  const std::size_t n_;
  const std::size_t window_;
  const ParallelLimits& limits_;
  const Cost& cost_;
  const Produce& produce_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a result arrived
  std::condition_variable room_;   // the window moved
  std::vector<Slot> slots_;
  std::size_t next_ = 0;      // next index to hand to a worker
  std::size_t consumed_ = 0;  // results handed to consume
  std::uint64_t in_flight_bytes_ = 0;
  bool cancelled_ = false;
};

}  // namespace detail

template <typename Result>
void ordered_parallel(std::size_t n, const ParallelLimits& limits,
                      const std::function<std::uint64_t(std::size_t)>& cost,
                      const std::function<Result(std::size_t worker, std::size_t index)>& produce,
                      const std::function<void(std::size_t index, Result&&)>& consume) {
  if (n == 0)
    return;
  const std::size_t jobs = std::max<std::size_t>(1, std::min(limits.jobs, n));
  detail::OrderedWindow<Result> window(n, std::max<std::size_t>(1, limits.window), limits, cost,
                                       produce);
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  const auto stop = [&] {
    window.cancel();
    for (auto& t : threads)
      t.join();
    threads.clear();
  };
  try {
    for (std::size_t w = 0; w < jobs; ++w)
      threads.emplace_back([&window, w] { window.work(w); });
    for (std::size_t i = 0; i < n; ++i) {
      consume(i, window.take(i));
      window.consumed(i);
    }
  } catch (...) {
    stop();
    throw;
  }
  stop();
}

}  // namespace sparkify

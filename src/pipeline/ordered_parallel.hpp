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

template <typename Result>
void ordered_parallel(std::size_t n, const ParallelLimits& limits,
                      const std::function<std::uint64_t(std::size_t)>& cost,
                      const std::function<Result(std::size_t worker, std::size_t index)>& produce,
                      const std::function<void(std::size_t index, Result&&)>& consume) {
  if (n == 0)
    return;
  const std::size_t jobs = std::max<std::size_t>(1, std::min(limits.jobs, n));
  const std::size_t window = std::max<std::size_t>(1, limits.window);

  struct Slot {
    std::optional<Result> result;
    std::exception_ptr error;
  };
  std::mutex mutex;
  std::condition_variable ready;  // a result arrived
  std::condition_variable room;   // the window moved
  std::vector<Slot> slots(window);
  std::size_t next = 0;      // next index to hand to a worker
  std::size_t consumed = 0;  // results handed to consume
  std::uint64_t in_flight_bytes = 0;
  bool cancelled = false;

  auto worker = [&](std::size_t worker_id) {
    for (;;) {
      std::size_t index = 0;
      std::uint64_t bytes = 0;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] {
          if (cancelled || next >= n)
            return true;
          if (next >= consumed + window)
            return false;
          // The oldest item may always start, so one huge object cannot stall the pipeline.
          return next == consumed || in_flight_bytes + cost(next) <= limits.byte_budget;
        });
        if (cancelled || next >= n)
          return;
        index = next++;
        bytes = cost(index);
        in_flight_bytes += bytes;
      }
      Slot slot;
      try {
        slot.result.emplace(produce(worker_id, index));
      } catch (...) {
        slot.error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        slots[index % window] = std::move(slot);
      }
      ready.notify_all();
    }
  };

  std::vector<std::thread> threads;
  threads.reserve(jobs);
  auto stop = [&] {
    {
      std::lock_guard lock(mutex);
      cancelled = true;
    }
    room.notify_all();
    for (auto& t : threads)
      t.join();
    threads.clear();
  };
  try {
    for (std::size_t w = 0; w < jobs; ++w)
      threads.emplace_back(worker, w);
    for (std::size_t i = 0; i < n; ++i) {
      Slot slot;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] {
          const Slot& s = slots[i % window];
          return s.result.has_value() || s.error != nullptr;
        });
        slot = std::move(slots[i % window]);
        slots[i % window] = Slot{};
      }
      if (slot.error)
        std::rethrow_exception(slot.error);
      consume(i, std::move(*slot.result));
      {
        std::lock_guard lock(mutex);
        ++consumed;
        in_flight_bytes -= cost(i);
      }
      room.notify_all();
    }
  } catch (...) {
    stop();
    throw;
  }
  stop();
}

}  // namespace sparkify

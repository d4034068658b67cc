// The server's counters, rendered in the Prometheus text exposition format.
// Owned by the server (no globals); every member is safe to update from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace sparkify {

// A histogram of durations in seconds, with fixed buckets.
class DurationHistogram {
 public:
  static constexpr std::array<double, 10> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1,
                                                   0.25,  0.5,  1.0,   2.5,  10.0};
  void observe(double seconds);
  // Appends the histogram's lines for metric `name` with an optional label set ("kind=\"x\"").
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  mutable std::mutex mutex_;
  std::array<std::uint64_t, kBuckets.size()> counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

class Metrics {
 public:
  std::atomic<std::uint64_t> objects_loaded{0};
  std::atomic<std::uint64_t> songs_staged{0};
  std::atomic<std::uint64_t> events_staged{0};
  std::atomic<std::uint64_t> duplicates{0};
  std::atomic<std::uint64_t> rejects{0};
  std::atomic<std::uint64_t> songs_processed{0};
  std::atomic<std::uint64_t> events_processed{0};
  std::atomic<std::uint64_t> batches_failed{0};
  std::atomic<std::int64_t> waiting_rows{0};      // staged, not yet in the star schema
  std::atomic<double> oldest_waiting_seconds{0};  // lag from staging to the star schema
  std::atomic<std::int64_t> queue_depth{0};

  void count_request(const std::string& path, int status);
  void observe_batch(const std::string& kind, double seconds);

  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, DurationHistogram> batch_seconds_;
};

}  // namespace sparkify

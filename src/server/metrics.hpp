// The server's counters, rendered in the Prometheus text exposition format.
// Owned by the server (no globals); every member is safe to update from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sparkify {

// A histogram of durations in seconds, with fixed buckets.
class DurationHistogram {
 public:
  // Batch durations: milliseconds to seconds.
  static constexpr std::array<double, 10> kBatchBuckets{0.005, 0.01, 0.025, 0.05, 0.1,
                                                        0.25,  0.5,  1.0,   2.5,  10.0};
  // Staging-to-star delays: around the micro-batch delay, up to a minute.
  static constexpr std::array<double, 12> kDelayBuckets{0.1, 0.25, 0.5, 0.75, 1.0,  1.5,
                                                        2.0, 3.0,  5.0, 10.0, 30.0, 60.0};

  explicit DurationHistogram(std::span<const double> buckets = kBatchBuckets)
      : buckets_(buckets.begin(), buckets.end()), counts_(buckets.size()) {}

  // `count` observations of `seconds` each.
  void observe(double seconds, std::uint64_t count = 1);
  // Appends the histogram's lines for metric `name` with an optional label set ("kind=\"x\"").
  void render(std::string& out, const std::string& name, const std::string& labels) const;

  struct Summary {
    std::uint64_t count = 0;
    double p50 = 0;  // the upper bound of the bucket holding the quantile (the
    double p99 = 0;  // largest observation when it is past the last bucket)
    double max = 0;
  };
  Summary summary() const;

 private:
  double quantile_bound(double q) const;  // with mutex_ held

  mutable std::mutex mutex_;
  std::vector<double> buckets_;
  std::vector<std::uint64_t> counts_;  // per bucket, not cumulative
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double max_ = 0;
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

  // From an ingest's acknowledgement to its rows' commit into the star schema.
  DurationHistogram staging_to_star{DurationHistogram::kDelayBuckets};

  void count_request(const std::string& path, int status);
  void observe_batch(const std::string& kind, double seconds);

  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, DurationHistogram> batch_seconds_;
};

}  // namespace sparkify

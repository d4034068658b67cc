#include "server/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sparkify {

void DurationHistogram::observe(double seconds, std::uint64_t count) {
  std::lock_guard lock(mutex_);
  const auto bucket = std::lower_bound(buckets_.begin(), buckets_.end(), seconds);
  if (bucket != buckets_.end())
    counts_[static_cast<std::size_t>(bucket - buckets_.begin())] += count;
  count_ += count;
  sum_ += seconds * static_cast<double>(count);
  max_ = std::max(max_, seconds);
}

void DurationHistogram::render(std::string& out, const std::string& name,
                               const std::string& labels) const {
  std::lock_guard lock(mutex_);
  const std::string sep = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    cumulative += counts_[i];
    out +=
        fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, buckets_[i], cumulative);
  }
  out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, count_);
  const std::string braced = labels.empty() ? "" : "{" + labels + "}";
  out += fmt::format("{}_sum{} {}\n", name, braced, sum_);
  out += fmt::format("{}_count{} {}\n", name, braced, count_);
}

double DurationHistogram::quantile_bound(double q) const {
  const double wanted = q * static_cast<double>(count_);
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    cumulative += counts_[i];
    if (static_cast<double>(cumulative) >= wanted)
      return std::min(buckets_[i], max_);
  }
  return max_;
}

DurationHistogram::Summary DurationHistogram::summary() const {
  std::lock_guard lock(mutex_);
  if (count_ == 0)
    return {};
  return Summary{count_, quantile_bound(0.50), quantile_bound(0.99), max_};
}

void Metrics::count_request(const std::string& path, int status) {
  std::lock_guard lock(mutex_);
  ++requests_[{path, status}];
}

void Metrics::observe_batch(const std::string& kind, double seconds) {
  std::lock_guard lock(mutex_);
  batch_seconds_[kind].observe(seconds);
}

std::string Metrics::render() const {
  std::string out;
  auto counter = [&out](const char* name, const char* help, const std::string& labels,
                        std::uint64_t value, bool header = true) {
    if (header)
      out += fmt::format("# HELP {} {}\n# TYPE {} counter\n", name, help, name);
    out += labels.empty() ? fmt::format("{} {}\n", name, value)
                          : fmt::format("{}{{{}}} {}\n", name, labels, value);
  };
  counter("sparkify_objects_loaded_total", "Objects read from the sources by polling.", "",
          objects_loaded);
  counter("sparkify_records_staged_total", "Records newly staged.", "kind=\"song\"", songs_staged);
  counter("sparkify_records_staged_total", "", "kind=\"event\"", events_staged, false);
  counter("sparkify_records_duplicate_total", "Records already staged (same id or content).", "",
          duplicates);
  counter("sparkify_records_rejected_total", "Records rejected with a reason.", "", rejects);
  counter("sparkify_records_processed_total", "Staged records moved to the star schema.",
          "kind=\"song\"", songs_processed);
  counter("sparkify_records_processed_total", "", "kind=\"event\"", events_processed, false);
  counter("sparkify_batches_failed_total", "Batches rolled back after an error.", "",
          batches_failed);
  out += fmt::format(
      "# HELP sparkify_staging_waiting_rows Staged rows not yet in the star schema.\n"
      "# TYPE sparkify_staging_waiting_rows gauge\nsparkify_staging_waiting_rows {}\n"
      "# HELP sparkify_staging_lag_seconds Age of the oldest staged row not yet in the star "
      "schema.\n# TYPE sparkify_staging_lag_seconds gauge\nsparkify_staging_lag_seconds {:.3f}\n"
      "# HELP sparkify_ingest_queue_depth Ingest requests waiting for the writer.\n"
      "# TYPE sparkify_ingest_queue_depth gauge\nsparkify_ingest_queue_depth {}\n",
      waiting_rows.load(), oldest_waiting_seconds.load(), queue_depth.load());
  std::lock_guard lock(mutex_);
  out +=
      "# HELP sparkify_batch_duration_seconds Duration of committed batches.\n"
      "# TYPE sparkify_batch_duration_seconds histogram\n";
  for (const auto& [kind, histogram] : batch_seconds_) {
    histogram.render(out, "sparkify_batch_duration_seconds", fmt::format("kind=\"{}\"", kind));
  }
  out +=
      "# HELP sparkify_staging_to_star_seconds Delay from an ingest's acknowledgement to its "
      "rows' commit into the star schema, per row.\n"
      "# TYPE sparkify_staging_to_star_seconds histogram\n";
  staging_to_star.render(out, "sparkify_staging_to_star_seconds", "");
  out +=
      "# HELP sparkify_http_requests_total HTTP requests by path and status.\n"
      "# TYPE sparkify_http_requests_total counter\n";
  for (const auto& [key, value] : requests_) {
    out += fmt::format("sparkify_http_requests_total{{path=\"{}\",status=\"{}\"}} {}\n", key.first,
                       key.second, value);
  }
  return out;
}

}  // namespace sparkify

// A one-line progress bar on a terminal (stderr). It stays silent when stderr is
// not a terminal, with --quiet, and for loads that finish within a moment.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace sparkify {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // total and bytes_total so far; while totals_final is false (the sources are still
  // being listed) they are shown with a "+" after them.
  void update(std::string_view phase, std::uint64_t done, std::uint64_t total,
              std::uint64_t bytes_done, std::uint64_t bytes_total, bool totals_final = true);
  // Clears the line.
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

// Whether stderr is an interactive terminal.
bool stderr_is_terminal();

// "2.9 MB", "512 B"...
std::string human_bytes(std::uint64_t bytes);

}  // namespace sparkify

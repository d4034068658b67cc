#include "cli/progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace sparkify {

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

std::string human_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, units[unit]);
}

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled), started_(std::chrono::steady_clock::now()), last_draw_(started_) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(std::string_view phase, std::uint64_t done, std::uint64_t total,
                         std::uint64_t bytes_done, std::uint64_t bytes_total, bool totals_final) {
  if (!enabled_)
    return;
  const auto now = std::chrono::steady_clock::now();
  // Quiet for the first half second, then at most ten redraws a second.
  if (now - started_ < std::chrono::milliseconds(500))
    return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done != total)
    return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double fraction = total == 0 ? 0.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const char* more = totals_final ? "" : "+";
  fmt::print(stderr, "\r\033[K{:<12} [{:=<{}}{:<{}}] {}/{}{} objects, {} of {}{}, {:.1f} s", phase,
             "", filled, "", kWidth - filled, done, total, more, human_bytes(bytes_done),
             human_bytes(bytes_total), more, seconds);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) {
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
  }
  drawn_ = false;
}

}  // namespace sparkify

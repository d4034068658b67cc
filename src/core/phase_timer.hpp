// Phase timings for profiling loads: with SPARKIFY_PROFILE set in the
// environment, each timed phase prints "profile: NAME SECONDS" to stderr.
// Off (and free) otherwise. Used by bench/run.sh to say where the time goes.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace sparkify {

inline bool profiling_enabled() {
  static const bool enabled = std::getenv("SPARKIFY_PROFILE") != nullptr;
  return enabled;
}

class PhaseTimer {
 public:
  explicit PhaseTimer(std::string_view name)
      : name_(profiling_enabled() ? std::string(name) : std::string()),
        started_(std::chrono::steady_clock::now()),
        cpu_started_(thread_cpu_seconds()) {}
  // Prints nothing for this phase after all (it turned out empty).
  void discard() { name_.clear(); }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;
  ~PhaseTimer() {
    if (name_.empty())
      return;
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started_;
    std::fprintf(stderr, "profile: %-34s %8.3f s wall %8.3f s cpu (this thread)\n", name_.c_str(),
                 took.count(), thread_cpu_seconds() - cpu_started_);
  }

 private:
  static double thread_cpu_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }

  std::string name_;
  std::chrono::steady_clock::time_point started_;
  double cpu_started_;
};

}  // namespace sparkify

// A test seam of the loader: the points of a batch where a test makes the loader
// kill itself (SIGKILL, to prove that a batch is atomic) or pause (to stop a
// server, lock a file or change a source at a known moment). A Loader given no
// hook, as the product runs it, stops nowhere.
#pragma once

#include <cstdint>
#include <string>

namespace sparkify {

enum class FaultPoint { none, before_batch, after_stage, before_commit };

class BatchHook {
 public:
  virtual ~BatchHook() = default;
  // Called at each point of each batch; batch_number counts this run's batches from 1.
  virtual void at(FaultPoint point, std::int64_t batch_number) = 0;
};

// Kills the process, or pauses it, at one point of the nth batch.
class FaultInjection final : public BatchHook {
 public:
  FaultPoint kill_at = FaultPoint::none;
  FaultPoint pause_at = FaultPoint::none;  // creates pause_file, then waits (at most 5 minutes)
  std::string pause_file;                  // until the test removes it
  std::int64_t batch = 1;

  void at(FaultPoint point, std::int64_t batch_number) override;
};

}  // namespace sparkify

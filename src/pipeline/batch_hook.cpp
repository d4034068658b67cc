#include "pipeline/batch_hook.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace sparkify {

void FaultInjection::at(FaultPoint point, std::int64_t batch_number) {
  if (batch_number != batch)
    return;
  if (kill_at == point) {
    // A crash, not an exit: no destructor, no rollback, no flush.
    ::kill(::getpid(), SIGKILL);
  }
  if (pause_at == point && !pause_file.empty()) {
    // Tell the test we are here, then wait until it removes the file.
    std::ofstream(pause_file) << ::getpid() << '\n';
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (std::filesystem::exists(pause_file) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

}  // namespace sparkify

// The documented exit codes of the sparkify command (see docs/operations.md).
#pragma once

namespace sparkify::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;      // an unexpected error
inline constexpr int kUsage = 2;        // bad command line or configuration
inline constexpr int kSource = 3;       // a source could not be listed (missing folder, bucket)
inline constexpr int kBusy = 4;         // another writer holds the warehouse; retry later
inline constexpr int kWarehouse = 5;    // the warehouse failed or could not be reached
inline constexpr int kCheckFailed = 6;  // a data-quality check failed

}  // namespace sparkify::exit_code

#pragma once

#include <chrono>
#include <string>

namespace ptdv {

// The one way instants are written (audit entries, API fields, logs): ISO 8601 in UTC, to the
// precision of the argument's type.
//   system_clock::time_point, to the millisecond: "2024-03-01T08:00:00.000Z" (audit, logs);
//   sys_seconds (storage's Instant), to the second: "2024-03-01T08:00:00Z" (accounts, sessions).
std::string FormatTimestamp(std::chrono::system_clock::time_point instant);
std::string FormatTimestamp(std::chrono::sys_seconds instant);

}  // namespace ptdv

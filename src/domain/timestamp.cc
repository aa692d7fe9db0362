#include "domain/timestamp.h"

#include <fmt/chrono.h>

namespace ptdv {
namespace {

// fmt 9 formats a time_point in the local zone, so the date goes through fmt::gmtime and the
// time of day is formatted as a duration, which prints the fraction of a second its type holds.
template <typename Duration>
std::string FormatUtc(std::chrono::sys_time<Duration> instant) {
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(instant);
  return fmt::format("{:%F}T{:%T}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(day)),
                     instant - day);
}

}  // namespace

std::string FormatTimestamp(std::chrono::system_clock::time_point instant) {
  return FormatUtc(std::chrono::floor<std::chrono::milliseconds>(instant));
}

std::string FormatTimestamp(std::chrono::sys_seconds instant) { return FormatUtc(instant); }

}  // namespace ptdv

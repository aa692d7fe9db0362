#include "service/clock.h"

#include <chrono>

#include <fmt/format.h>

namespace ptdv {
namespace {

std::string FormatTimestamp(std::chrono::system_clock::time_point tp) {
  auto day = std::chrono::floor<std::chrono::days>(tp);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp - day).count();
  return fmt::format("{}T{:02}:{:02}:{:02}.{:03}Z", FormatIsoDate(Date(day)), ms / 3600000,
                     ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

}  // namespace

Date SystemClock::Today() const {
  // Vietnam has no daylight saving: UTC+7 all year.
  auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  return std::chrono::floor<std::chrono::days>(now);
}

std::string SystemClock::NowIso() const { return FormatTimestamp(std::chrono::system_clock::now()); }

std::string FixedClock::NowIso() const {
  // Noon of the fixed day (UTC+7), plus the real time-of-day fraction so entries stay ordered.
  auto now = std::chrono::system_clock::now();
  auto since_midnight = now - std::chrono::floor<std::chrono::days>(now);
  return FormatTimestamp(std::chrono::sys_days(today_) + since_midnight);
}

}  // namespace ptdv

#include "service/clock.h"

namespace ptdv {

Date Clock::VietnamDate(TimePoint instant) {
  return std::chrono::floor<std::chrono::days>(instant + kVietnamOffset);
}

Clock::TimePoint Clock::VietnamMidnight(Date day) { return TimePoint(day) - kVietnamOffset; }

Clock::TimePoint PinnedDateClock::Now() const {
  const TimePoint now = std::chrono::system_clock::now();
  return VietnamMidnight(today_) + (now - VietnamMidnight(VietnamDate(now)));
}

}  // namespace ptdv

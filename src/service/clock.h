#pragma once

#include <atomic>
#include <chrono>

#include "domain/date.h"

namespace ptdv {

// The source of the current instant, passed in so that tests and the demo can fix it. "Today"
// and every timestamp (audit entries, sessions, throttling) come from it. Implementations are
// thread-safe.
class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // The civil date of Now() in Vietnam (VietnamDate()).
  Date Today() const { return VietnamDate(Now()); }

  // Vietnam keeps UTC+7 all year (no daylight saving).
  static constexpr std::chrono::hours kVietnamOffset{7};
  // The civil date in Vietnam at `instant`.
  static Date VietnamDate(TimePoint instant);
  // The instant Vietnam's civil day `day` begins.
  static TimePoint VietnamMidnight(Date day);
};

// The system's clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// The system's time of day on a date that never changes (`ptdv --today`): Today() is always
// `today`, and timestamps still advance through the day so audit entries stay ordered. At
// midnight in Vietnam the time of day starts again from 00:00 on the same date.
class PinnedDateClock final : public Clock {
 public:
  explicit PinnedDateClock(Date today) : today_(today) {}
  TimePoint Now() const override;

 private:
  Date today_;
};

// The clock for tests: it stands still at the instant it was given and moves only when told
// to (by one thread at a time).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint now) : now_(now) {}
  // Noon of `today` in Vietnam.
  explicit FixedClock(Date today) : now_(VietnamMidnight(today) + std::chrono::hours(12)) {}

  TimePoint Now() const override { return now_.load(); }
  void Set(TimePoint now) { now_.store(now); }
  void Advance(std::chrono::system_clock::duration by) { now_.store(now_.load() + by); }

 private:
  std::atomic<TimePoint> now_;
};

}  // namespace ptdv

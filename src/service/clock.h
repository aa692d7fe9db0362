#pragma once

#include <string>

#include "domain/date.h"

namespace ptdv {

// The source of "today" and timestamps, passed in so tests and the demo can fix the date.
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Date Today() const = 0;            // the civil date in Vietnam (UTC+7)
  virtual std::string NowIso() const = 0;    // ISO-8601 UTC timestamp, for audit entries
};

class SystemClock final : public Clock {
 public:
  Date Today() const override;
  std::string NowIso() const override;
};

// A clock stuck on one day (timestamps advance within it so audit entries stay ordered).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date today) : today_(today) {}
  Date Today() const override { return today_; }
  std::string NowIso() const override;

 private:
  Date today_;
};

}  // namespace ptdv

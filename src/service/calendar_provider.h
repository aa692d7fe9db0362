#pragma once

// The working-day calendar in force, swappable while the server runs (DOMAIN §6: an administrator
// corrects a year from the official announcement, PUT /api/v1/calendar/{year}/days/{date}).
//
// WorkingCalendar is immutable, so a change builds a new one and swaps it in atomically. A use
// case reads Current() once and keeps the reference to its end (CaseContext holds a raw pointer
// to it), so one use case never sees two calendars. To keep every reference ever handed out
// valid without making readers take a lock or a reference count, a replaced calendar is retired,
// not freed: it lives as long as the provider. Corrections are a handful a year (each calendar is
// about 0.4 MB), so the retired list stays small; a restart drops it.

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/working_calendar.h"

namespace ptdv {

// Thread-safe: Current() and Replace() may run concurrently from any number of threads; Current()
// is one atomic load. Writers that derive the next calendar from the database must serialise
// among themselves (CalendarService does) so that an older reload cannot replace a newer one.
class CalendarProvider {
 public:
  // Owns `initial`.
  explicit CalendarProvider(WorkingCalendar initial = WorkingCalendar());
  // Borrows `*calendar`, which must outlive the provider (a fixed calendar: tests, the CLI).
  explicit CalendarProvider(const WorkingCalendar* calendar);
  CalendarProvider(const CalendarProvider&) = delete;
  CalendarProvider& operator=(const CalendarProvider&) = delete;

  // The calendar in force now. The reference stays valid for the provider's lifetime.
  const WorkingCalendar& Current() const { return *current_.load(std::memory_order_acquire); }

  // Puts `next` in force; the calendar it replaces is retired (see the file comment).
  void Replace(WorkingCalendar next);

 private:
  std::atomic<const WorkingCalendar*> current_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<const WorkingCalendar>> owned_;  // guarded by mutex_
};

}  // namespace ptdv

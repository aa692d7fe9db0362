#pragma once

// Reading and correcting the working-day calendar (DOMAIN §6) while the server runs. The stored
// calendar (calendar_year / calendar_day) holds the shipped official schedules, seeded by
// EnsureReferenceData, and administrators' corrections; years without a stored entry follow the
// computed default. Every change is audited in its transaction and then put in force through
// the CalendarProvider that CaseService reads, so deadlines use it from the next request on.
//
// Not seen until a restart: changes made behind the server's back (`ptdv calendar --load` on
// the same database while `ptdv serve` runs).

#include <mutex>
#include <string_view>
#include <vector>

#include "domain/working_calendar.h"
#include "service/actor.h"
#include "service/calendar_provider.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

// Where a day of the calendar comes from.
enum class CalendarOrigin {
  kComputed,  // the computed default (statutory holidays, lunar dates, compensatory days)
  kShipped,   // the official schedule shipped with PTĐV (data/calendar/vn-civil-service.csv)
  kOverride,  // an administrator's correction
};
std::string_view CalendarOriginCode(CalendarOrigin origin);  // "computed", "shipped", "override"
std::string_view DayKindCode(DayKind kind);                  // "holiday", "workday"
std::optional<DayKind> DayKindFromCode(std::string_view code);

struct CalendarDayView {
  CalendarDay day;
  CalendarOrigin origin = CalendarOrigin::kComputed;
};

struct CalendarYearView {
  int year = 0;
  // kComputed: nothing stored for the year; kShipped: the stored year is the shipped schedule as
  // shipped; kOverride: an administrator stored or changed it.
  CalendarOrigin base = CalendarOrigin::kComputed;
  bool replaces_default = false;  // the stored year replaces the computed default (else adds)
  std::string source;             // of the stored year
  // In force: every non-working weekday and every working weekend day, in date order.
  std::vector<CalendarDayView> days;
  // The stored days of the year (what DELETE removes), in date order; never kComputed.
  std::vector<CalendarDayView> entries;
  int working_days = 0;  // in the whole year
};

// Thread-safe: reads run concurrently; changes are serialised by a mutex.
class CalendarService {
 public:
  // `shipped` are the years of the shipped calendar file, to tell shipped days from overrides.
  // `store`, `clock` and `calendars` must outlive the service.
  CalendarService(Store& store, const Clock& clock, CalendarProvider& calendars,
                  std::vector<CalendarYear> shipped);

  // kInvalid for a year outside 1900-2200 (field "year").
  Result<CalendarYearView> Year(const Actor& actor, int year);

  // Stores `day` in `year` (replacing a stored day of the same date), creating a stored year that
  // adds to the computed default when there is none. kForbidden without
  // Permission::kManageCalendar; kInvalid for a date outside `year` (field "date") or a note
  // with control characters or over 200 bytes (field "note"). Audited "calendar.day_put".
  Result<CalendarYearView> PutDay(const Actor& actor, int year, CalendarDay day);

  // Removes the stored day `date` of `year`. kNotFound when no day of that date is stored.
  // Otherwise as PutDay. Audited "calendar.day_delete".
  Result<CalendarYearView> DeleteDay(const Actor& actor, int year, Date date);

 private:
  // REQUIRES: mutex_ held. Applies `change` to the stored year inside one transaction, audits,
  // commits and puts the new calendar in force.
  template <typename Change>
  Result<CalendarYearView> Modify(const Actor& actor, int year, std::string_view action,
                                  Change change);
  CalendarYearView View(int year, const std::vector<CalendarYear>& stored) const;

  Store& store_;
  const Clock& clock_;
  CalendarProvider& calendars_;
  const std::vector<CalendarYear> shipped_;
  std::mutex mutex_;  // serialises changes, so the calendar put in force is the latest
};

}  // namespace ptdv

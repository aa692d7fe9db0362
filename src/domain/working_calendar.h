#pragma once

// Working-day calendar (DOMAIN §6): Monday-Friday minus public holidays, plus official make-up
// working days. Deadlines S12, S13, P4, P5 are counted on it.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/date.h"

namespace ptdv {

enum class DayKind {
  kHoliday,  // a non-working day (public holiday, compensatory day, swapped day off)
  kWorkday,  // a working day, e.g. a make-up Saturday
};

// One day of an official schedule or an administrator's correction.
struct CalendarDay {
  Date date{};
  DayKind kind = DayKind::kHoliday;
  std::string note;    // "Tết Nguyên Đán", "Làm bù cho ngày 29/4"
};

// An official schedule for one year (civil-service announcement) or an administrator's override.
// When `replaces_default` is set, the computed holidays of that year are ignored and only the
// listed days differ from Monday-Friday; otherwise the days are applied on top of the default.
struct CalendarYear {
  int year = 0;
  bool replaces_default = true;
  std::string source;  // "Thông báo 6150/TB-LĐTBXH ngày 23/11/2023", or who overrode it
  std::vector<CalendarDay> days;
};

// Thread-safe for concurrent reads once constructed (immutable).
class WorkingCalendar {
 public:
  // `years` may be empty: the default is then computed for every year (solar holidays,
  // Tết and Giỗ Tổ from the Vietnamese lunar calendar at UTC+7, compensatory days).
  explicit WorkingCalendar(std::vector<CalendarYear> years = {});

  bool IsWorkingDay(Date date) const;

  // The non-working weekdays and the working weekend days of `year`, in date order, with notes.
  std::vector<CalendarDay> Exceptions(int year) const;

  // The computed default for `year` (no overrides), as holiday and make-up days in date order.
  static std::vector<CalendarDay> DefaultYear(int year);

  // DOMAIN §6 counting convention: "within N working days of D" ends at the end of the N-th
  // working day after D; D itself is day 0. AddWorkingDays(D, 0) == D. REQUIRES: n >= 0.
  Date AddWorkingDays(Date from, int n) const;

  // Working days in (from, to]; negative when to < from. WorkingDaysBetween(D,
  // AddWorkingDays(D, n)) == n.
  int WorkingDaysBetween(Date from, Date to) const;

 private:
  struct Year {
    std::set<Date> holidays;   // weekdays off
    std::set<Date> workdays;   // weekend days worked
    std::map<Date, std::string> notes;
  };
  const Year& YearData(int year) const;

  std::map<int, Year> years_;    // years with explicit data (precomputed defaults merged)
  int first_year_ = 0;           // range precomputed in years_
  int last_year_ = 0;
};

}  // namespace ptdv

#pragma once

// Working-day calendar (DOMAIN §6): Monday-Friday minus public holidays, plus official make-up
// working days. Deadlines S12, S13, P4, P5 are counted on it.

#include <map>
#include <string>
#include <vector>

#include "domain/date.h"

namespace ptdv {

enum class DayKind {
  kHoliday,  // a non-working day (public holiday, compensatory day, swapped day off)
  kWorkday,  // a working day, e.g. a make-up Saturday
};

// One day of an official schedule or an administrator's correction. A kHoliday on a weekday, or a
// kWorkday on a weekend, changes the day; the opposite is allowed (a kWorkday on a weekday cancels
// a computed holiday when applied on top of the default) and otherwise changes nothing.
struct CalendarDay {
  Date date{};
  DayKind kind = DayKind::kHoliday;
  std::string note;  // "Tết Nguyên Đán", "Làm bù cho ngày 29/4"

  bool operator==(const CalendarDay&) const = default;
};

// An official schedule for one year (civil-service announcement) or an administrator's override.
// When `replaces_default` is set, the computed holidays of that year are ignored and only the
// listed days differ from Monday-Friday; otherwise the days are applied on top of the default.
struct CalendarYear {
  int year = 0;
  bool replaces_default = true;
  std::string source;  // "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023", or who overrode it
  std::vector<CalendarDay> days;

  bool operator==(const CalendarYear&) const = default;
};

// Thread-safe for concurrent reads once constructed (immutable).
class WorkingCalendar {
 public:
  // `years` may be empty: the default is then computed for every year (solar holidays,
  // Tết and Giỗ Tổ from the Vietnamese lunar calendar at UTC+7, compensatory days).
  // Entries apply in order: one with `replaces_default` starts its year afresh (weekends only),
  // one without applies its days on top of what the year has so far. A day applies to the year
  // of its date. Years 1990-2100, and any year named in `years`, are precomputed; others are
  // computed on each call (correct, slower).
  explicit WorkingCalendar(std::vector<CalendarYear> years = {});

  bool IsWorkingDay(Date date) const;

  // The non-working weekdays and the working weekend days of `year`, in date order, with notes.
  std::vector<CalendarDay> Exceptions(int year) const;

  // The computed default for `year` (no overrides), as holiday and make-up days in date order:
  // every statutory holiday (also those on a weekend, which change nothing by themselves) and the
  // compensatory day each weekend holiday gives (Bộ luật Lao động 2019, Điều 111(3), 112).
  // The default has no make-up (working) days: swaps are announced, never computed.
  static std::vector<CalendarDay> DefaultYear(int year);

  // DOMAIN §6 counting convention: "within N working days of D" ends at the end of the N-th
  // working day after D; D itself is day 0. AddWorkingDays(D, 0) == D. REQUIRES: n >= 0.
  Date AddWorkingDays(Date from, int n) const;

  // Working days in (from, to]; negative when to < from. WorkingDaysBetween(D,
  // AddWorkingDays(D, n)) == n.
  int WorkingDaysBetween(Date from, Date to) const;

 private:
  // The effective exceptions of `year` when no override names it: DefaultYear on weekdays only.
  static std::vector<CalendarDay> DefaultExceptions(int year);
  bool IsWorkingDaySlow(Date date) const;
  bool InRange(Date date) const { return date >= first_day_ && date <= last_day_; }
  int Offset(Date date) const { return static_cast<int>((date - first_day_).count()); }

  // Precomputed for [first_year_, last_year_]: a day-indexed lookup so that IsWorkingDay,
  // AddWorkingDays and WorkingDaysBetween are O(1) there. Other years are computed on demand.
  int first_year_ = 0;
  int last_year_ = 0;
  Date first_day_{};                    // 1 January of first_year_
  Date last_day_{};                     // 31 December of last_year_
  std::vector<unsigned char> working_;  // working_[i]: day first_day_ + i is a working day
  std::vector<int> working_before_;     // working days in [first_day_, first_day_ + i)
  std::vector<int> working_offsets_;    // offsets of the working days, ascending
  std::map<int, std::vector<CalendarDay>> exceptions_;  // every year in range, date order
};

}  // namespace ptdv

#include "domain/working_calendar.h"

#include <algorithm>
#include <cassert>
#include <set>
#include <utility>

#include "domain/lunar_calendar.h"

namespace ptdv {
namespace {

// Precomputed at construction; wide enough for every case the system will see, cheap (~40k days).
constexpr int kFirstPrecomputedYear = 1990;
constexpr int kLastPrecomputedYear = 2100;

using std::chrono::days;

bool IsWeekday(Date date) { return !IsWeekend(date); }

// The exceptions of a year, given every day marked in it: holidays that fall on a weekday and
// workdays that fall on a weekend, in date order. Other marks change nothing.
std::vector<CalendarDay> EffectiveExceptions(const std::map<Date, CalendarDay>& marks) {
  std::vector<CalendarDay> out;
  for (const auto& [date, day] : marks) {
    bool weekday = IsWeekday(date);
    if ((day.kind == DayKind::kHoliday && weekday) || (day.kind == DayKind::kWorkday && !weekday)) {
      out.push_back(day);
    }
  }
  return out;
}

std::map<Date, CalendarDay> ByDate(std::vector<CalendarDay> days) {
  std::map<Date, CalendarDay> out;
  for (CalendarDay& day : days) {
    Date date = day.date;
    out[date] = std::move(day);
  }
  return out;
}

// Weekday holidays of years outside the precomputed range (which never have overrides), computed
// once per year for the duration of one slow call.
class DefaultYearCache {
 public:
  bool IsWorkingDay(Date date) {
    if (IsWeekend(date)) return false;
    int year = YearOf(date);
    auto it = holidays_.find(year);
    if (it == holidays_.end()) {
      std::set<Date> holidays;
      for (const CalendarDay& day : WorkingCalendar::DefaultYear(year)) {
        if (day.kind == DayKind::kHoliday) holidays.insert(day.date);
      }
      it = holidays_.emplace(year, std::move(holidays)).first;
    }
    return !it->second.contains(date);
  }

 private:
  std::map<int, std::set<Date>> holidays_;
};

}  // namespace

std::vector<CalendarDay> WorkingCalendar::DefaultYear(int year) {
  struct Statutory {
    Date date;
    std::string note;
  };
  std::vector<Statutory> holidays;
  auto add = [&holidays](Date date, std::string note) {
    holidays.push_back({date, std::move(note)});
  };

  // Bộ luật Lao động 2019 (in force 1/1/2021), Điều 112(1); earlier years follow the code then in
  // force, so that old deadlines recompute as they were: Tết 4 days and 2/9 alone before the
  // 2012 code (in force 1/5/2013); Giỗ Tổ from 2007 (Luật sửa đổi Bộ luật Lao động 2007).
  add(MakeDate(year, 1, 1), "Tết Dương lịch");

  // Tết: the last day of the old lunar year and the first days of the new one. The government
  // fixes the exact five days each year (Điều 112(3)); this default is the usual choice.
  const Date tet = LunarNewYear(year);
  const int tet_days_after = year >= 2013 ? 4 : 3;
  for (int i = -1; i < tet_days_after; ++i) add(tet + days(i), "Tết Nguyên Đán");

  if (year >= 2007) add(LunarToSolar(LunarDate{year, 3, 10, false}), "Giỗ Tổ Hùng Vương");
  add(MakeDate(year, 4, 30), "Ngày Chiến thắng 30/4");
  add(MakeDate(year, 5, 1), "Quốc tế Lao động 1/5");

  const Date national_day = MakeDate(year, 9, 2);
  add(national_day, "Quốc khánh 2/9");
  if (year >= 2021) {
    // 2/9 plus one adjacent day, before or after (Điều 112(1)(đ)): the neighbour that makes the
    // longer break — 3/9 when 2/9 is a Monday (Mon-Tue after a weekend) or a Thursday (Thu-Fri
    // before one), otherwise 1/9 (Tuesday: Mon-Tue; Saturday: Fri-Sat, and Monday is made up).
    unsigned weekday = IsoWeekdayIndex(national_day);
    Date adjacent =
        (weekday == 0 || weekday == 3) ? national_day + days(1) : national_day - days(1);
    add(adjacent, "Quốc khánh 2/9 (ngày liền kề)");
  }

  std::sort(holidays.begin(), holidays.end(),
            [](const Statutory& a, const Statutory& b) { return a.date < b.date; });

  std::set<Date> off;
  for (const Statutory& h : holidays) off.insert(h.date);

  std::vector<CalendarDay> out;
  for (const Statutory& h : holidays) {
    out.push_back({h.date, DayKind::kHoliday, h.note});
  }
  // Điều 111(3): a holiday on a weekly rest day is made up on the next working day. Taken in date
  // order, so that consecutive weekend holidays (29/4 Sat, 30/4 Sun in 2023) get successive days.
  for (const Statutory& h : holidays) {
    if (!IsWeekend(h.date)) continue;
    Date day = h.date + days(1);
    while (IsWeekend(day) || off.contains(day)) day += days(1);
    off.insert(day);
    std::string note = "Nghỉ bù " + h.note;
    out.push_back({day, DayKind::kHoliday, std::move(note)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  return out;
}

std::vector<CalendarDay> WorkingCalendar::DefaultExceptions(int year) {
  return EffectiveExceptions(ByDate(DefaultYear(year)));
}

WorkingCalendar::WorkingCalendar(std::vector<CalendarYear> years) {
  first_year_ = kFirstPrecomputedYear;
  last_year_ = kLastPrecomputedYear;
  for (const CalendarYear& entry : years) {
    first_year_ = std::min(first_year_, entry.year);
    last_year_ = std::max(last_year_, entry.year);
    for (const CalendarDay& day : entry.days) {
      first_year_ = std::min(first_year_, YearOf(day.date));
      last_year_ = std::max(last_year_, YearOf(day.date));
    }
  }

  // Every day marked in each year that an entry touches, starting from the computed default.
  std::map<int, std::map<Date, CalendarDay>> marks;
  auto marks_of = [&marks](int year) -> std::map<Date, CalendarDay>& {
    auto it = marks.find(year);
    if (it == marks.end()) it = marks.emplace(year, ByDate(DefaultYear(year))).first;
    return it->second;
  };
  for (CalendarYear& entry : years) {
    if (entry.replaces_default) {
      marks[entry.year].clear();  // no default, even if nothing else names the year
    }
    for (CalendarDay& day : entry.days) {
      Date date = day.date;
      marks_of(YearOf(date))[date] = std::move(day);
    }
  }

  first_day_ = MakeDate(first_year_, 1, 1);
  last_day_ = MakeDate(last_year_, 12, 31);
  const int total = Offset(last_day_) + 1;
  working_.assign(total, 0);
  for (int i = 0; i < total; ++i) working_[i] = IsWeekday(first_day_ + days(i)) ? 1 : 0;

  for (int year = first_year_; year <= last_year_; ++year) {
    auto it = marks.find(year);
    std::vector<CalendarDay> exceptions =
        it != marks.end() ? EffectiveExceptions(it->second) : DefaultExceptions(year);
    for (const CalendarDay& day : exceptions) {
      working_[Offset(day.date)] = day.kind == DayKind::kWorkday ? 1 : 0;
    }
    exceptions_.emplace(year, std::move(exceptions));
  }

  working_before_.assign(total + 1, 0);
  working_offsets_.reserve(total * 5 / 7 + 1);
  for (int i = 0; i < total; ++i) {
    working_before_[i + 1] = working_before_[i] + working_[i];
    if (working_[i]) working_offsets_.push_back(i);
  }
}

bool WorkingCalendar::IsWorkingDay(Date date) const {
  if (InRange(date)) return working_[Offset(date)] != 0;
  return IsWorkingDaySlow(date);
}

bool WorkingCalendar::IsWorkingDaySlow(Date date) const {
  DefaultYearCache cache;
  return cache.IsWorkingDay(date);
}

std::vector<CalendarDay> WorkingCalendar::Exceptions(int year) const {
  auto it = exceptions_.find(year);
  if (it != exceptions_.end()) return it->second;
  return DefaultExceptions(year);
}

Date WorkingCalendar::AddWorkingDays(Date from, int n) const {
  assert(n >= 0);
  if (n <= 0) return from;
  if (InRange(from)) {
    // Working days up to and including `from`; the answer is the working day with rank + n.
    const std::size_t rank = working_before_[Offset(from) + 1];
    const std::size_t index = rank + static_cast<std::size_t>(n) - 1;
    if (index < working_offsets_.size()) return first_day_ + days(working_offsets_[index]);
  }
  // Outside the precomputed range: walk day by day (in-range days are still looked up).
  DefaultYearCache cache;
  Date date = from;
  int remaining = n;
  while (remaining > 0) {
    date += days(1);
    bool working = InRange(date) ? working_[Offset(date)] != 0 : cache.IsWorkingDay(date);
    if (working) --remaining;
  }
  return date;
}

int WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  if (InRange(from) && InRange(to)) {
    return working_before_[Offset(to) + 1] - working_before_[Offset(from) + 1];
  }
  // Split (from, to] into the part before the range, the part in it and the part after it.
  DefaultYearCache cache;
  int count = 0;
  auto walk = [&](Date after, Date until) {  // days in (after, until], all outside the range
    for (Date d = after + days(1); d <= until; d += days(1)) {
      if (cache.IsWorkingDay(d)) ++count;
    }
  };
  const Date before_range = first_day_ - days(1);
  if (from < before_range) walk(from, std::min(to, before_range));
  const Date lo = std::max(from, before_range);
  const Date hi = std::min(to, last_day_);
  if (lo < hi) {
    int lo_prefix = lo < first_day_ ? 0 : working_before_[Offset(lo) + 1];
    count += working_before_[Offset(hi) + 1] - lo_prefix;
  }
  if (to > last_day_) walk(std::max(from, last_day_), to);
  return count;
}

}  // namespace ptdv

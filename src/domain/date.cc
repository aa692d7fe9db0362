#include "domain/date.h"

#include <charconv>

#include <fmt/format.h>

namespace ptdv {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

bool ParseNumber(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

Date MakeDate(int y, unsigned m, unsigned d) {
  return Date(year_month_day(year(y), month(m), day(d)));
}

Result<Date> ParseDate(std::string_view text, std::string_view field) {
  int y = 0, m = 0, d = 0;
  bool parsed = false;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    parsed = ParseNumber(text.substr(0, 4), y) && ParseNumber(text.substr(5, 2), m) &&
             ParseNumber(text.substr(8, 2), d);
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    parsed = ParseNumber(text.substr(0, 2), d) && ParseNumber(text.substr(3, 2), m) &&
             ParseNumber(text.substr(6, 4), y);
  }
  if (!parsed) {
    return Error::Invalid(fmt::format("{} «{}» không đúng định dạng ngày (dd/mm/yyyy hoặc yyyy-mm-dd)",
                                      field, text),
                          std::string(field));
  }
  year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (y < 1900 || y > 2200 || !ymd.ok()) {
    return Error::Invalid(fmt::format("{} «{}» không phải là ngày có thật", field, text),
                          std::string(field));
  }
  return Date(ymd);
}

std::string FormatIsoDate(Date date) {
  year_month_day ymd(date);
  const int year = static_cast<int>(ymd.year());
  const auto month = static_cast<unsigned>(ymd.month());
  const auto day = static_cast<unsigned>(ymd.day());
  if (year < 0 || year > 9999) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  // Written by hand: the lists write thousands of dates, and fmt::format parses its pattern each
  // time. Ten characters fit std::string's inline buffer.
  const char text[10] = {static_cast<char>('0' + year / 1000),
                         static_cast<char>('0' + year / 100 % 10),
                         static_cast<char>('0' + year / 10 % 10),
                         static_cast<char>('0' + year % 10),
                         '-',
                         static_cast<char>('0' + month / 10),
                         static_cast<char>('0' + month % 10),
                         '-',
                         static_cast<char>('0' + day / 10),
                         static_cast<char>('0' + day % 10)};
  return {text, sizeof text};
}

std::string FormatVnDate(Date date) {
  year_month_day ymd(date);
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
}

int YearOf(Date date) { return static_cast<int>(year_month_day(date).year()); }
unsigned MonthOf(Date date) { return static_cast<unsigned>(year_month_day(date).month()); }
unsigned DayOf(Date date) { return static_cast<unsigned>(year_month_day(date).day()); }

unsigned IsoWeekdayIndex(Date date) {
  return std::chrono::weekday(date).iso_encoding() - 1;
}

bool IsWeekend(Date date) { return IsoWeekdayIndex(date) >= 5; }

Date AddMonths(Date date, int months) {
  year_month_day ymd(date);
  auto ym = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(months);
  auto last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month()));
  day d = ymd.day() > last.day() ? last.day() : ymd.day();
  return Date(year_month_day(ym.year(), ym.month(), d));
}

int WholeMonthsBetween(Date from, Date to) {
  int estimate = MonthIndexDifference(from, to);
  // Same month with `to` before `from` is -1, not 0: the loops below handle estimate 0.
  if (estimate > 0) {
    while (estimate > 0 && AddMonths(from, estimate) > to) --estimate;
    return estimate;
  }
  while (AddMonths(from, estimate) > to) --estimate;
  while (AddMonths(from, estimate + 1) <= to) ++estimate;
  return estimate;
}

int MonthIndexDifference(Date birth, Date on) {
  year_month_day b(birth), m(on);
  return (static_cast<int>(m.year()) - static_cast<int>(b.year())) * 12 +
         (static_cast<int>(static_cast<unsigned>(m.month())) -
          static_cast<int>(static_cast<unsigned>(b.month())));
}

}  // namespace ptdv

// ParseDate (domain/date.h) on any text: either kInvalid naming the field, or a real date in
// 1900-2200 that formats back to exactly the text it was read from, with month arithmetic
// (DOMAIN §6) consistent around it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/date.h"
#include "fuzz/fuzz_check.h"

namespace ptdv::fuzz {
namespace {

void CheckDate(std::string_view text) {
  Result<Date> date = ParseDate(text, "ngày_sinh");
  if (!date.ok()) {
    Check(date.error().code == ErrorCode::kInvalid, "a bad date is kInvalid");
    Check(date.error().field == "ngày_sinh", "a bad date names its field");
    Check(!date.error().message.empty(), "a bad date has a message");
    return;
  }
  Check(YearOf(*date) >= 1900 && YearOf(*date) <= 2200, "years 1900-2200 only");
  Check(FormatIsoDate(*date) == text || FormatVnDate(*date) == text,
        "a date formats back to its text");
  Check(ParseDate(FormatIsoDate(*date)).ok() && *ParseDate(FormatIsoDate(*date)) == *date,
        "yyyy-mm-dd round trip");
  Check(ParseDate(FormatVnDate(*date)).ok() && *ParseDate(FormatVnDate(*date)) == *date,
        "dd/mm/yyyy round trip");
  Check(IsoWeekdayIndex(*date) < 7, "weekday index");
  // Calendar months: AddMonths then WholeMonthsBetween gives the months back, either way.
  const int months = static_cast<int>(DayOf(*date) * 7 % 49) - 24;
  const Date moved = AddMonths(*date, months);
  Check(WholeMonthsBetween(*date, moved) == months, "WholeMonthsBetween inverts AddMonths");
  Check(DayOf(moved) <= DayOf(*date), "AddMonths never moves to a later day of month");
  Check(MonthIndexDifference(*date, moved) == months, "R1 month index difference");
}

}  // namespace
}  // namespace ptdv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ptdv::fuzz::CheckDate(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

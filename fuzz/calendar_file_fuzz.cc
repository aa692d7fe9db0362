// The calendar file loader (domain/calendar_file.h, DOMAIN §6) on any text: either refused with
// a message naming the line, or years whose days lie in their year, once each, and that format
// back to a file read the same.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_file.h"
#include "fuzz/fuzz_check.h"

namespace ptdv::fuzz {
namespace {

void CheckCalendarFile(std::string_view text) {
  Result<std::vector<CalendarYear>> years = ParseCalendarFile(text);
  if (!years.ok()) {
    Check(years.error().code == ErrorCode::kInvalid, "a bad file is kInvalid");
    Check(years.error().message.starts_with("Dòng "), "a bad file's message names the line");
    return;
  }
  std::set<int> seen_years;
  for (const CalendarYear& year : *years) {
    Check(seen_years.insert(year.year).second, "a year appears once");
    Check(!year.source.empty(), "a year has its source");
    std::set<Date> seen_days;
    for (const CalendarDay& day : year.days) {
      Check(YearOf(day.date) == year.year, "a day lies in its block's year");
      Check(seen_days.insert(day.date).second, "a date appears once in its block");
    }
  }
  // Formatting is a fixed point after one round (line breaks in notes become spaces).
  std::string formatted = FormatCalendarFile(*years);
  Result<std::vector<CalendarYear>> again = ParseCalendarFile(formatted);
  Check(again.ok(), "a formatted file parses");
  Check(FormatCalendarFile(*again) == formatted, "format(parse(format(x))) == format(x)");
  Check(again->size() == years->size(), "formatting keeps every year");
  Check(*again == *years || text.find('\r') != std::string_view::npos,
        "the years read back equal (a CR inside a note or source becomes a space)");
}

}  // namespace
}  // namespace ptdv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ptdv::fuzz::CheckCalendarFile(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

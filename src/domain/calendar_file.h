#pragma once

// The calendar file (DOMAIN §6): official civil-service holiday schedules, and administrators'
// corrections, as plain UTF-8 text that can be reviewed in a diff. The shipped schedules are in
// data/calendar/vn-civil-service.csv.
//
// Format, one record per line; fields are separated by commas and trimmed of spaces; the last
// field of a line is the rest of the line and may itself contain commas:
//
//   # a comment (a line whose first non-blank character is '#'); blank lines are ignored
//   year,2024,replaces_default,Thông báo 5015/TB-LĐTBXH ngày 22/11/2023
//   2024-02-08,holiday,Tết Nguyên Đán
//   2024-05-04,workday,Làm bù cho ngày 29/4
//
// - `year,<yyyy>,<mode>,<source>` opens the block of one year; <mode> is `replaces_default`
//   (the listed days are the whole schedule of that year, the computed default is ignored) or
//   `adds_to_default` (the days are applied on top of the computed default). <source> — the
//   announcement's number and date, or who made the correction — is required.
// - `<date>,<kind>,<note>` is one day of the current block: <date> is yyyy-mm-dd or dd/mm/yyyy
//   and must lie in the block's year; <kind> is `holiday` (a day off) or `workday` (a working
//   day, e.g. a make-up Saturday, or a weekday that cancels a computed holiday); <note> may be
//   empty.
// - A year appears in at most one block; a date at most once in its block.

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/working_calendar.h"

namespace ptdv {

// Parses a calendar file. Returns kInvalid with a Vietnamese message naming the first bad line
// ("Dòng 7: ...") for any malformed line, unknown mode or kind, impossible date, date outside its
// block's year, duplicate year or date, day before any year line, or missing source.
// Years and days come back in file order. A leading UTF-8 BOM and CRLF line ends are accepted.
Result<std::vector<CalendarYear>> ParseCalendarFile(std::string_view text);

// Writes `years` in the format above, in the given order, so that ParseCalendarFile reads them
// back equal. Line breaks inside a source or note become spaces, and surrounding spaces are
// trimmed on reading. REQUIRES: each day lies in its entry's year; years are distinct.
std::string FormatCalendarFile(const std::vector<CalendarYear>& years);

}  // namespace ptdv

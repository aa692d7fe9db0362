#pragma once

#include <string_view>

namespace ptdv {

// The official civil-service holiday schedules shipped in data/calendar/vn-civil-service.csv,
// compiled into the binary so it works from any directory.
std::string_view ShippedCalendarCsv();

}  // namespace ptdv

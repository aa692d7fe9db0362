#pragma once

// Working-day calendar routes of /api/v1 (DOMAIN §6): a year's holidays and make-up working
// days with where each comes from, and an administrator's corrections, which CaseService sees
// from the next request on (service/calendar_service.h, service/calendar_provider.h).

#include "http/router.h"
#include "service/calendar_service.h"

namespace ptdv::http {

// Registers:
//   GET    /api/v1/calendar/{year}                read_cases
//   PUT    /api/v1/calendar/{year}/days/{date}    manage_calendar; body {"kind","note"}
//   DELETE /api/v1/calendar/{year}/days/{date}    manage_calendar
// Each answers with the year as GET shows it. `calendar` must outlive the router.
Status RegisterCalendarApi(Router& router, CalendarService& calendar);

}  // namespace ptdv::http

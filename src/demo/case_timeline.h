#pragma once

// The timeline of a demo case: the dates of its milestones from the drawn gaps, and the
// sequence of its events in procedure order. Pure functions of the calendar and the plan (no
// randomness). Internal to src/demo.

#include <vector>

#include "demo/case_plan.h"
#include "domain/date.h"
#include "domain/working_calendar.h"

namespace ptdv::demo {

// The first working day on or after `d` (at most 15 days on): committees sign on working days.
Date OfficeDay(const WorkingCalendar& calendar, Date d);

// Every milestone of `plan` from the opening day `t0` and the gaps `g`; t.exit follows the last
// required step reached.
Timeline ComputeTimeline(const WorkingCalendar& calendar, Date t0, const Gaps& g,
                         const CasePlan& plan);

// The events of `plan` with their dates, in procedure order (not yet sorted by date). Optional
// events dated after `limit` are left out. The exit event, if any, is included only when
// t.exit is set (after ComputeTimeline).
std::vector<Planned> ScheduleEvents(const Timeline& t, const CasePlan& plan, Date limit);

// The latest date among the events of `t` (t.opened when there are none).
Date LastEventDate(const Timeline& t, const CasePlan& plan);

// The timeline shifted so that its step `anchor_step` falls on `target`. Month steps
// (probation) make the shift slightly non-linear: corrected until the anchor lands (at most
// three times). `guess` is ComputeTimeline() from `today`.
Timeline PlaceTimeline(const WorkingCalendar& calendar, const Timeline& guess, const Gaps& gaps,
                       const CasePlan& plan, Date today, Date Timeline::*anchor_step, Date target);

// The events of `t` up to `today` in date order (stable: procedure order within a day), no
// date after `today`.
std::vector<Planned> DatedSchedule(const Timeline& t, const CasePlan& plan, Date today);

}  // namespace ptdv::demo

#pragma once

// The dashboard route (issue #5; the JSON shape is that of docs/architecture.md "Dashboard"):
//   GET /api/v1/dashboard?org=&year=&on=   read_aggregates  funnel, progress vs target, due
//                                          counts, drill-down per child unit, admissions by
//                                          month and category, time spent in each step
// `org` defaults to the caller's own unit, `on` to today, `year` to the year of `on`. Scope is
// enforced by service/dashboard_service.h through the Actor the guard sets.

#include "http/router.h"
#include "service/clock.h"
#include "service/dashboard_service.h"
#include "storage/store.h"

namespace ptdv::http {

// `store`, `dashboards` and `clock` must outlive the router.
Status RegisterDashboardApi(Router& router, Store& store, DashboardService& dashboards,
                            const Clock& clock);

}  // namespace ptdv::http

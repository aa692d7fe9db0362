#pragma once

// The dashboard route (the JSON shape is that of docs/architecture.md "Dashboard"):
//   GET /api/v1/dashboard?org=&year=&on=   read_aggregates  funnel, progress vs target, due
//                                          counts, drill-down per child unit, admissions by
//                                          month and category, time spent in each step
// `org` defaults to the caller's own unit, `on` to today, `year` to the year of `on`. Scope is
// enforced by service/dashboard_service.h through the Actor the guard sets. Answers are kept in
// the response cache (http/response_cache.h) until a write in the unit's subtree.

#include "http/response_cache.h"
#include "http/router.h"
#include "service/clock.h"
#include "service/dashboard_service.h"

namespace ptdv::http {

// The JSON body of GET /api/v1/dashboard (the contract's shape; bench/dashboard times it too).
std::string DashboardJson(const Dashboard& dashboard);

// `dashboards`, `clock` and `cache` (null: no caching) must outlive the router.
Status RegisterDashboardApi(Router& router, DashboardService& dashboards, const Clock& clock,
                            ResponseCache* cache);

}  // namespace ptdv::http

#pragma once

// Routes of the §7 reports and the exports:
//   GET /api/v1/reports/admissions?org=&from=&to=&as_of=       read_aggregates  JSON
//   GET /api/v1/reports/admissions.xlsx?<same>                  read_aggregates  XLSX
//   GET /api/v1/cases/export.xlsx?<every parameter of GET /cases>  read_cases   XLSX of the
//       whole filtered list (not one page)
// Scope is enforced by the services through the Actor the guard sets.

#include "http/router.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "service/report_service.h"
#include "storage/store.h"

namespace ptdv::http {

// Everything must outlive the router.
Status RegisterReportApi(Router& router, Store& store, ReportService& reports, CaseService& cases,
                         const Clock& clock);

}  // namespace ptdv::http

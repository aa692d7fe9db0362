#pragma once

// The query of the case list, shared by GET /api/v1/cases (one page) and GET
// /api/v1/cases/export.xlsx (the whole filtered list): the same filters and sort, parsed once.

#include "domain/result.h"
#include "http/request.h"
#include "service/case_service.h"
#include "service/clock.h"

namespace ptdv::http {

// The parameters of GET /api/v1/cases: org (read apart, api_params.h OrgParam), stage,
// category, due=overdue|due_soon|blocked, q, open=true|false, sort=id|next_deadline|opened_on|
// person_name|stage, order=asc|desc, page, page_size, on. kInvalid naming the parameter for an
// unknown one or a value out of range.
Result<CaseQuery> ParseCaseQuery(const Request& request, const Clock& clock);

}  // namespace ptdv::http

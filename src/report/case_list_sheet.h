#pragma once

// The case list (GET /api/v1/cases) as a table, with the columns the list shows on screen.

#include <string>
#include <vector>

#include "report/spreadsheet.h"
#include "service/case_service.h"

namespace ptdv::report {

// `title_lines` describe the unit and the filters applied. The rows carry no sensitive field
// (CaseListRow holds none); the caller passes them as it would serialise them.
Sheet CaseListSheet(const std::vector<CaseListRow>& rows, std::vector<std::string> title_lines);

}  // namespace ptdv::report

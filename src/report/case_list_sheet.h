#pragma once

// The case list (GET /api/v1/cases) as a table, with the columns the list shows on screen.

#include <string>
#include <vector>

#include "report/spreadsheet.h"
#include "service/case_service.h"

namespace ptdv::report {

// `title_lines` describe the unit and the filters applied. CaseListRow holds no personal field;
// the conditions' messages are written as `disclosure` may read them (DOMAIN §8).
Sheet CaseListSheet(const std::vector<CaseListRow>& rows, Disclosure disclosure,
                    std::vector<std::string> title_lines);

}  // namespace ptdv::report

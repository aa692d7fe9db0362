#pragma once

// The hand-off list of new members (ReportService::NewMembersIn) as an office table, with the
// fields the national member database asks at entry, so nobody types them again.

#include "report/spreadsheet.h"
#include "service/report_service.h"

namespace ptdv::report {

Sheet NewMembersSheet(const NewMembers& members);

}  // namespace ptdv::report

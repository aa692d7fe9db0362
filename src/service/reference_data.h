#pragma once

// Reference data every database needs: the versioned rule sets (DOMAIN header) and the
// working-day calendar with the shipped official schedules (DOMAIN §6); and the table of rule
// codes the clients label conditions, deadlines and refusals with.

#include <string_view>
#include <vector>

#include <boost/json/array.hpp>

#include "domain/rule_set.h"
#include "domain/working_calendar.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

// Seeds the shipped rule sets and calendar years that the database does not hold yet (an
// administrator's edits are kept). Audited as "system". `calendar_csv` is the shipped file.
Status EnsureReferenceData(Store& store, const Clock& clock, std::string_view calendar_csv);

Result<std::vector<RuleSet>> LoadRuleSets(Store& store);

// Every rule code (domain/rule_code.h, docs/rules.md) as
// [{"code": "S9", "label": "Chi bộ xét, …", "legal_basis": "…"}, …], in the order of the
// regulations: the "rules" of GET /api/v1/reference.
boost::json::array RuleTable();
Result<WorkingCalendar> LoadCalendar(Store& store);

// Administrator override of calendar years from a calendar file (domain/calendar_file.h),
// replacing what is stored for those years; audited.
Result<int> ImportCalendar(Store& store, const Clock& clock, std::string_view actor,
                           std::string_view calendar_csv);

// Changes one parameter of a rule set; audited. kNotFound for an unknown rule set.
Status SetRuleSetParameter(Store& store, const Clock& clock, std::string_view actor,
                           std::string_view code, std::string_view name, long value);

}  // namespace ptdv

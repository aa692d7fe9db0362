#pragma once

#include <optional>
#include <vector>

#include "domain/rule_set.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"
#include "storage/store.h"

namespace ptdv {

// Gathers the facts the rules need for `history` from storage: the person, the cell's place in
// the tree (intermediate level, grassroots cell, committee size), the cell's official members on
// `on` (S9/P4 denominator) and the memberships of every member named on the case plus
// `extra_member`. `calendar` must outlive the returned context. kNotFound if the person or cell
// is missing.
Result<CaseContext> LoadCaseContext(Transaction& tx, const CaseHistory& history,
                                    const std::vector<RuleSet>& rule_sets,
                                    const WorkingCalendar& calendar, Date today, Date on,
                                    std::optional<Id> extra_member = std::nullopt);

}  // namespace ptdv

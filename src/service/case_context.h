#pragma once

#include <map>
#include <optional>
#include <utility>
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

// LoadCaseContext for many cases in one transaction: the people in one query (Prefetch), and
// each cell's place in the tree and official count, and each member's memberships, loaded once
// and remembered, so that evaluating the open cases of a subtree (the case list's "blocked"
// filter, the dashboards) costs queries per cell and member rather than per case. The answers
// equal LoadCaseContext's. Not thread-safe; `tx`, `rule_sets` and `calendar` must outlive it.
class CaseContextLoader {
 public:
  CaseContextLoader(Transaction& tx, const std::vector<RuleSet>& rule_sets,
                    const WorkingCalendar& calendar, Date today, Date on);

  // Loads these people in one query. Optional: Load loads a missing person itself.
  Status Prefetch(const std::vector<Id>& person_ids);
  Result<CaseContext> Load(const CaseHistory& history,
                           std::optional<Id> extra_member = std::nullopt);

 private:
  struct CellFacts {
    bool is_grassroots = false;
    bool has_intermediate_level = false;
    int committee_member_count = 0;
    int official_count = 0;
  };

  Transaction& tx_;
  const std::vector<RuleSet>& rule_sets_;
  const WorkingCalendar& calendar_;
  Date today_, on_;
  std::map<Id, Person> people_;
  std::map<Id, CellFacts> cells_;
  std::map<Id, std::vector<Membership>> memberships_;
};

}  // namespace ptdv

#pragma once

#include <map>
#include <optional>
#include <string>
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

// LoadCaseContext for many cases in one transaction: the people, the cells' places in the tree
// and official counts, and the named members' memberships each loaded once and remembered —
// in a few queries when prefetched (Prefetch*), else per person, cell and member on first use —
// so that evaluating the open cases of a subtree (the case list's "blocked" filter, the
// dashboards) costs queries per subtree rather than per case. The answers equal
// LoadCaseContext's. Not thread-safe; `tx`, `rule_sets` and `calendar` must outlive it.
class CaseContextLoader {
 public:
  CaseContextLoader(Transaction& tx, const std::vector<RuleSet>& rule_sets,
                    const WorkingCalendar& calendar, Date today, Date on);

  // Loads these people in one query. Optional: Load loads a missing person itself.
  Status Prefetch(const std::vector<Id>& person_ids);
  // Loads the tree facts of these cells (one query for their chains) and their official counts
  // on `on` (one query). Optional, as Prefetch.
  Status PrefetchCells(const std::vector<Id>& cell_ids);
  // Loads the versions of these people in one query, for AppendFingerprint (which otherwise
  // loads each person). Optional, as Prefetch.
  Status PrefetchVersions(const std::vector<Id>& person_ids);
  // Loads the memberships of these members in one query. Optional, as Prefetch.
  Status PrefetchMembers(const std::vector<Id>& member_ids);

  Result<CaseContext> Load(const CaseHistory& history,
                           std::optional<Id> extra_member = std::nullopt);
  // Load for a case whose named members (NamedMembers of its events) are known.
  Result<CaseContext> Load(const Case& header, const std::vector<Id>& members);

  // Appends to `out` every fact Load(header, members) puts into the context besides the rule
  // sets, the calendar and today (the person's id and version, the cell's facts, each member's
  // memberships), so that equal fingerprints mean equal contexts: with the case's id and
  // version, the date, today and the calendar, it names an Evaluate answer exactly.
  Status AppendFingerprint(const Case& header, const std::vector<Id>& members, std::string& out);

 private:
  struct CellFacts {
    bool is_grassroots = false;
    bool has_intermediate_level = false;
    int committee_member_count = 0;
    int official_count = 0;
  };

  static CellFacts FactsOf(const std::vector<const Organisation*>& chain);
  Result<const Person*> PersonOf(Id person_id);
  Result<const CellFacts*> CellOf(Id cell_id);
  Result<const std::vector<Membership>*> MembershipsOf(Id member_id);

  Transaction& tx_;
  const std::vector<RuleSet>& rule_sets_;
  const WorkingCalendar& calendar_;
  Date today_, on_;
  std::map<Id, Person> people_;
  std::map<Id, int> versions_;  // PrefetchVersions: person id → version
  std::map<Id, CellFacts> cells_;
  std::map<Id, std::vector<Membership>> memberships_;
};

// The party members named on a case (member_person_id of its events, e.g. helpers and
// introducers), sorted, each once: whose memberships its conditions read.
std::vector<Id> NamedMembers(const CaseHistory& history);

}  // namespace ptdv

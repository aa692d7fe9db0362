#pragma once

// Test support (header-only): what a set of subtrees holds on a day, to compare a tree before and
// after a merge, a split or a restructuring (the counts before equal the counts after, summed
// over the successors).

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "service/target_service.h"
#include "service/test_store.h"
#include "storage/store.h"

namespace ptdv::test {

struct Census {
  int cells = 0;
  int people = 0;
  int official = 0;
  int probationary = 0;
  int accounts = 0;
  std::map<Stage, int> open_cases;
  std::map<Id, std::optional<Date>> deadlines;           // of each open case
  std::map<std::optional<SourceCategory>, int> targets;  // of the year of `on`, carried
  bool operator==(const Census&) const = default;
};

// The subtrees of `roots` as of `on`; their members as of `figures_on` (a member recognised as
// official on a day itself counts the same on both sides of a change on that day), their
// targets of the year as TargetsCarried reads them on `on`.
inline Census Count(Transaction& tx, const std::vector<Id>& roots, Date on, Date figures_on) {
  std::vector<Id> units;
  std::vector<Id> cells;
  for (Id root : roots) {
    for (const Organisation& o : Must(tx.Organisations().ListSubtree(root, on))) {
      units.push_back(o.id);
      if (HoldsMembers(o.kind)) cells.push_back(o.id);
    }
  }
  Census c{.cells = static_cast<int>(cells.size())};
  c.people =
      static_cast<int>(Must(tx.People().Search("", units, std::numeric_limits<int>::max())).size());
  for (const MemberCount& m : Must(tx.Memberships().CountByOrganisation(units, figures_on))) {
    c.official += m.official;
    c.probationary += m.probationary;
  }
  for (const User& u : Must(tx.Users().List())) {
    if (std::find(units.begin(), units.end(), u.org_id) != units.end()) ++c.accounts;
  }
  for (const Case& k :
       Must(tx.Cases().List({.cell_ids = cells, .limit = std::numeric_limits<int>::max()}))) {
    if (IsClosed(k.stage)) continue;
    ++c.open_cases[k.stage];
    c.deadlines[k.id] = k.next_deadline;
  }
  for (const Target& t : Must(TargetsCarried(tx, roots, YearOf(on), on))) {
    c.targets[t.category] += t.count;
  }
  return c;
}

inline Census Count(Store& store, const std::vector<Id>& roots, Date on) {
  auto tx = Must(store.Begin(Access::kReadOnly));
  return Count(*tx, roots, on, on);
}

}  // namespace ptdv::test

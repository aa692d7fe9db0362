// Merging two wards of the Huế demo: what the two held before the day is what the successor holds
// from the day — cells, people, members, open cases at each step (with their deadlines) and
// accounts — the tree as of the day before still shows both, and the audit chain verifies.

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>

#include "demo/demo_data.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Must;

// What a set of subtrees holds on a day.
struct Census {
  int cells = 0;
  int people = 0;
  int official = 0;
  int probationary = 0;
  int accounts = 0;
  std::map<Stage, int> open_cases;
  std::map<Id, std::optional<Date>> deadlines;  // of each open case
  bool operator==(const Census&) const = default;
};

Census Count(Store& store, const std::vector<Id>& roots, Date on) {
  auto tx = Must(store.Begin(Access::kReadOnly));
  std::vector<Id> units;
  std::vector<Id> cells;
  for (Id root : roots) {
    for (const Organisation& o : Must(tx->Organisations().ListSubtree(root, on))) {
      units.push_back(o.id);
      if (HoldsMembers(o.kind)) cells.push_back(o.id);
    }
  }
  Census c{.cells = static_cast<int>(cells.size())};
  c.people = static_cast<int>(
      Must(tx->People().Search("", units, std::numeric_limits<int>::max())).size());
  for (const MemberCount& m : Must(tx->Memberships().CountByOrganisation(units, on))) {
    c.official += m.official;
    c.probationary += m.probationary;
  }
  for (const User& u : Must(tx->Users().List())) {
    if (std::find(units.begin(), units.end(), u.org_id) != units.end()) ++c.accounts;
  }
  for (const Case& k :
       Must(tx->Cases().List({.cell_ids = cells, .limit = std::numeric_limits<int>::max()}))) {
    if (IsClosed(k.stage)) continue;
    ++c.open_cases[k.stage];
    c.deadlines[k.id] = k.next_deadline;
  }
  return c;
}

TEST(OrgMergeDemoTest, TwoWardsMergedHoldTogetherWhatEachHeld) {
  test::TempDir dir("ptdv-merge-demo");
  std::unique_ptr<Store> store = test::OpenMigratedStore(dir.File("demo.db"));
  const WorkingCalendar calendar;
  const std::vector<RuleSet> rules = DefaultRuleSets();
  ASSERT_TRUE(LoadDemo(*store, {}, calendar, rules).ok());
  FixedClock clock(DefaultDemoDay());
  OrgService orgs(*store, clock);

  Organisation city, absorbed, kept;
  {
    auto tx = Must(store->Begin(Access::kReadOnly));
    city = Must(tx->Organisations().GetByCode("HUE"));
    absorbed = Must(tx->Organisations().GetByCode("HUE-TAYLOC"));
    kept = Must(tx->Organisations().GetByCode("HUE-VYDA"));
  }
  const Actor board{.login = "bantochuc", .role = "organisation_board", .scope_root = city.id};
  const Date day = MakeDate(2024, 1, 1);
  const Date eve = MakeDate(2023, 12, 31);
  const Census before = Count(*store, {absorbed.id, kept.id}, eve);
  ASSERT_GT(before.cells, 2);
  ASSERT_GT(before.official, 0);
  ASSERT_FALSE(before.open_cases.empty());

  DissolvePlan preview = Must(orgs.Dissolve(board, absorbed.code, day, kept.code, false));
  EXPECT_GT(preview.moves.units, 0);
  EXPECT_EQ(Count(*store, {absorbed.id, kept.id}, eve), before);  // the preview wrote nothing
  ASSERT_TRUE(Must(orgs.Dissolve(board, absorbed.code, day, kept.code, true)).committed);

  const Census after = Count(*store, {kept.id}, day);
  EXPECT_EQ(after.cells, before.cells);
  EXPECT_EQ(after.people, before.people);
  EXPECT_EQ(after.official, before.official);
  EXPECT_EQ(after.probationary, before.probationary);
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.open_cases, before.open_cases);
  EXPECT_EQ(after.deadlines, before.deadlines);  // every case keeps its deadline
  // The tree as of the day before still shows both wards; from the day, only the successor.
  std::vector<std::string> eve_codes, day_codes;
  for (const OrgTreeRow& r : Must(orgs.Tree(board, eve))) eve_codes.push_back(r.org.code);
  for (const OrgTreeRow& r : Must(orgs.Tree(board, day))) day_codes.push_back(r.org.code);
  EXPECT_NE(std::find(eve_codes.begin(), eve_codes.end(), absorbed.code), eve_codes.end());
  EXPECT_EQ(std::find(day_codes.begin(), day_codes.end(), absorbed.code), day_codes.end());
  auto tx = Must(store->Begin(Access::kReadOnly));
  EXPECT_TRUE(Must(tx->Audit().Verify()).intact);
}

}  // namespace
}  // namespace ptdv

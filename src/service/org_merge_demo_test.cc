// Merging two wards of the Huế demo: what the two held before the day is what the successor holds
// from the day — cells, people, members, open cases at each step (with their deadlines) and
// accounts — the tree as of the day before still shows both, and the audit chain verifies.

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>

#include "demo/demo_data.h"
#include "service/org_census_test_util.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Count;
using test::Must;

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
  const test::Census before = Count(*store, {absorbed.id, kept.id}, eve);
  ASSERT_GT(before.cells, 2);
  ASSERT_GT(before.official, 0);
  ASSERT_FALSE(before.open_cases.empty());

  DissolvePlan preview = Must(orgs.Dissolve(board, absorbed.code, day, kept.code, false));
  EXPECT_GT(preview.moves.units, 0);
  EXPECT_EQ(Count(*store, {absorbed.id, kept.id}, eve), before);  // the preview wrote nothing
  ASSERT_TRUE(Must(orgs.Dissolve(board, absorbed.code, day, kept.code, true)).committed);

  const test::Census after = Count(*store, {kept.id}, day);
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

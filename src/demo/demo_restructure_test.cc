// The demo's restructuring of Huế on 1/7/2025 (DOMAIN §1): the 36 wards and communes held on
// 30/6/2025 exactly what the new wards hold on 1/7/2025 — cells, people, members, open cases at
// each step with their deadlines, accounts and targets (carried as the sum) — the tree and a
// report as of a 2023 day still show the old units, and the audit chain verifies.

#include "demo/demo_restructure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "demo/demo_data.h"
#include "demo/demo_tables.h"
#include "demo/demo_users.h"
#include "service/org_census_test_util.h"
#include "service/org_service.h"
#include "service/report_service.h"
#include "service/target_service.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Census;
using test::Count;
using test::Must;

std::vector<std::string> WardCodes(OrgService& orgs, const Actor& actor, Date on) {
  std::vector<std::string> codes;
  for (const OrgTreeRow& r : Must(orgs.Tree(actor, on))) {
    if (r.org.kind == OrgKind::kGrassrootsCommittee &&
        r.org.name.find("phường") != std::string::npos) {
      codes.push_back(r.org.code);
    }
  }
  return codes;
}

TEST(DemoRestructureTest, GroupsEveryWardAndCommuneOnce) {
  std::multiset<std::string_view> grouped;
  for (const NewWard& ward : HueNewWards()) grouped.insert(ward.from.begin(), ward.from.end());
  std::multiset<std::string_view> old(demo::kHueWards.begin(), demo::kHueWards.end());
  old.insert(demo::kHueCommunes.begin(), demo::kHueCommunes.end());
  EXPECT_EQ(grouped, old);
}

TEST(DemoRestructureTest, NothingHappensBeforeTheDay) {
  test::TempDir dir("ptdv-restructure-before");
  std::unique_ptr<Store> store = test::OpenMigratedStore(dir.File("demo.db"));
  ASSERT_TRUE(LoadDemo(*store, {}, WorkingCalendar(), DefaultRuleSets()).ok());
  FixedClock clock(DefaultDemoDay());
  RestructureSummary summary = Must(RestructureHue(*store, clock, MakeDate(2025, 6, 30)));
  EXPECT_EQ(summary.wards_after, 0);
  auto tx = Must(store->Begin(Access::kReadOnly));
  EXPECT_FALSE(Must(tx->Organisations().GetByCode("HUE-TAYLOC")).successor_id.has_value());
}

TEST(DemoRestructureTest, NewWardsHoldWhatTheOldOnesHeld) {
  test::TempDir dir("ptdv-restructure");
  std::unique_ptr<Store> store = test::OpenMigratedStore(dir.File("demo.db"));
  const Date today = MakeDate(2026, 11, 27);
  DemoOptions options;
  options.today = today;
  ASSERT_TRUE(LoadDemo(*store, options, WorkingCalendar(), DefaultRuleSets()).ok());
  FixedClock clock(today);
  ASSERT_TRUE(CreateDemoUsers(*store, clock, PasswordHashParameters::Minimum()).ok());
  const Date day = HueRestructureDay(), eve = MakeDate(2025, 6, 30);

  std::vector<Id> old_ids;
  Id city = 0;
  {
    auto tx = Must(store->Begin(Access::kReadOnly));
    city = Must(tx->Organisations().GetByCode("HUE")).id;
    for (const Organisation& o : Must(tx->Organisations().ListSubtree(city, eve))) {
      if (o.parent_id == city && o.kind == OrgKind::kGrassrootsCommittee &&
          (o.name.starts_with("Đảng ủy phường ") || o.name.starts_with("Đảng ủy xã "))) {
        old_ids.push_back(o.id);
      }
    }
  }
  ASSERT_EQ(old_ids.size(), demo::kHueWards.size() + demo::kHueCommunes.size());
  Census before;
  {
    auto tx = Must(store->Begin(Access::kReadOnly));
    before = Count(*tx, old_ids, eve, day);
  }
  ASSERT_GT(before.cells, 100);
  ASSERT_FALSE(before.open_cases.empty());
  ASSERT_GE(before.accounts, 3);  // the ward staff and the cell secretary
  ASSERT_FALSE(before.targets.empty());

  RestructureSummary summary = Must(RestructureHue(*store, clock, today));
  EXPECT_EQ(summary.wards_before, static_cast<int>(old_ids.size()));
  EXPECT_EQ(summary.wards_after, static_cast<int>(HueNewWards().size()));
  // The previews counted the merged units' targets: all but those of the six wards that received.
  EXPECT_GT(summary.targets_carried, 0);
  EXPECT_LT(summary.targets_carried, before.targets.at(std::nullopt));

  const Actor board{.login = "bantochuc", .role = "organisation_board", .scope_root = city};
  OrgService orgs(*store, clock);
  const std::vector<std::string> after_codes = WardCodes(orgs, board, day);
  EXPECT_EQ(after_codes.size(), HueNewWards().size());
  EXPECT_NE(std::find(after_codes.begin(), after_codes.end(), "HUE-PHUXUAN-2025"),
            after_codes.end());
  EXPECT_NE(std::find(after_codes.begin(), after_codes.end(), "HUE-VYDA"), after_codes.end());
  std::vector<std::string> eve_codes = WardCodes(orgs, board, eve);
  EXPECT_EQ(eve_codes.size(), demo::kHueWards.size());  // the tree as of the day before
  EXPECT_NE(std::find(eve_codes.begin(), eve_codes.end(), "HUE-TAYLOC"), eve_codes.end());

  auto tx = Must(store->Begin(Access::kReadOnly));
  std::vector<Id> new_ids;
  for (const std::string& code : after_codes) {
    new_ids.push_back(Must(tx->Organisations().GetByCode(code)).id);
  }
  const Census after = Count(*tx, new_ids, day, day);
  EXPECT_EQ(after.cells, before.cells);
  EXPECT_EQ(after.people, before.people);
  EXPECT_EQ(after.official, before.official);
  EXPECT_EQ(after.probationary, before.probationary);
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.open_cases, before.open_cases);
  EXPECT_EQ(after.deadlines, before.deadlines);  // every moved case keeps its deadlines
  EXPECT_EQ(after.targets, before.targets);      // the old wards' targets, summed (DOMAIN §7)
  // The ward staff of Tây Lộc now work for the ward that took it over.
  std::optional<User> staff = Must(tx->Users().GetByLogin("taylocdu"));
  ASSERT_TRUE(staff.has_value());
  EXPECT_EQ(Must(tx->Organisations().Get(staff->org_id)).code, "HUE-PHUXUAN-2025");
  EXPECT_TRUE(Must(tx->Audit().Verify()).intact);
}

TEST(DemoRestructureTest, ReportsShowTheUnitsOfTheirDay) {
  test::TempDir dir("ptdv-restructure-report");
  std::unique_ptr<Store> store = test::OpenMigratedStore(dir.File("demo.db"));
  const Date today = MakeDate(2026, 11, 27);
  DemoOptions options;
  options.today = today;
  ASSERT_TRUE(LoadDemo(*store, options, WorkingCalendar(), DefaultRuleSets()).ok());
  FixedClock clock(today);
  ASSERT_TRUE(RestructureHue(*store, clock, today).ok());
  ReportService reports(*store);
  const Actor system;
  auto row_codes = [](const AdmissionReport& r) {
    std::set<std::string> codes;
    for (std::size_t i = 1; i < r.rows.size(); ++i) codes.insert(r.rows[i].org.code);
    return codes;
  };
  const Organisation city = [&] {
    auto tx = Must(store->Begin(Access::kReadOnly));
    return Must(tx->Organisations().GetByCode("HUE"));
  }();
  // 2023 on the 2021-2024 rows: the old wards.
  const Organisation city_2023 = [&] {
    auto tx = Must(store->Begin(Access::kReadOnly));
    return Must(tx->Organisations().GetByCode("HUE-2021"));
  }();
  AdmissionReport old_report = Must(reports.Admissions(
      system, city_2023.id, MakeDate(2023, 1, 1), MakeDate(2023, 12, 31), MakeDate(2023, 12, 31)));
  EXPECT_TRUE(row_codes(old_report).count("HUE-TAYLOC-2021"));
  EXPECT_FALSE(row_codes(old_report).count("HUE-PHUXUAN-2025"));

  // 2025 spans the change: as of 30/6 the old wards, as of 31/12 the new ones, each admission
  // counted once either way, and each new ward's row holds what its old wards' rows held.
  const Date first = MakeDate(2025, 1, 1), last = MakeDate(2025, 12, 31);
  AdmissionReport on_eve =
      Must(reports.Admissions(system, city.id, first, last, MakeDate(2025, 6, 30)));
  AdmissionReport at_end = Must(reports.Admissions(system, city.id, first, last, last));
  EXPECT_TRUE(row_codes(on_eve).count("HUE-TAYLOC"));
  EXPECT_FALSE(row_codes(at_end).count("HUE-TAYLOC"));
  EXPECT_TRUE(row_codes(at_end).count("HUE-PHUXUAN-2025"));
  EXPECT_EQ(at_end.rows[0].tally.admitted, on_eve.rows[0].tally.admitted);
  ASSERT_GT(at_end.rows[0].tally.admitted, 0);
  std::map<std::string, int> admitted_before, target_before;
  for (std::size_t i = 1; i < on_eve.rows.size(); ++i) {
    admitted_before[on_eve.rows[i].org.code] = on_eve.rows[i].tally.admitted;
    target_before[on_eve.rows[i].org.code] = on_eve.rows[i].target.value_or(0);
  }
  int wards_checked = 0;
  for (const NewWard& ward : HueNewWards()) {
    int admitted = 0, target = 0;
    for (std::string_view old : ward.from) {
      admitted += admitted_before.at("HUE-" + AsciiCode(old));
      target += target_before.at("HUE-" + AsciiCode(old));
    }
    for (std::size_t i = 1; i < at_end.rows.size(); ++i) {
      const AdmissionReportRow& row = at_end.rows[i];
      if (row.org.name != "Đảng ủy phường " + std::string(ward.name)) continue;
      EXPECT_EQ(row.tally.admitted, admitted) << row.org.code;
      EXPECT_EQ(row.target.value_or(0), target) << row.org.code;
      EXPECT_EQ(row.folded.size(),
                ward.from.size() - (row.org.code == "HUE-" + AsciiCode(ward.name) ? 1 : 0))
          << row.org.code;
      ++wards_checked;
    }
  }
  EXPECT_EQ(wards_checked, static_cast<int>(HueNewWards().size()));

  // 2024 as of 31/12/2025: two links deep (HUE-TAYLOC-2021 → HUE-TAYLOC → HUE-PHUXUAN-2025), the
  // 2021-2024 rows are folded into the new wards with their 2024 targets.
  AdmissionReport in_2024 =
      Must(reports.Admissions(system, city.id, MakeDate(2024, 1, 1), MakeDate(2024, 12, 31), last));
  AdmissionReport as_then = Must(reports.Admissions(
      system, city_2023.id, MakeDate(2024, 1, 1), MakeDate(2024, 12, 31), MakeDate(2024, 12, 31)));
  int target_then = 0;
  for (std::size_t i = 1; i < as_then.rows.size(); ++i) {
    const std::string& code = as_then.rows[i].org.code;
    for (std::string_view old : HueNewWards().front().from) {
      if (code == "HUE-" + AsciiCode(old) + "-2021")
        target_then += as_then.rows[i].target.value_or(0);
    }
  }
  ASSERT_GT(target_then, 0);
  auto phu_xuan =
      std::find_if(in_2024.rows.begin(), in_2024.rows.end(),
                   [](const AdmissionReportRow& r) { return r.org.code == "HUE-PHUXUAN-2025"; });
  ASSERT_NE(phu_xuan, in_2024.rows.end());
  EXPECT_EQ(phu_xuan->folded.size(), HueNewWards().front().from.size());
  EXPECT_NE(std::find(phu_xuan->folded.begin(), phu_xuan->folded.end(), "Đảng ủy phường Tây Lộc"),
            phu_xuan->folded.end());
  EXPECT_EQ(phu_xuan->target.value_or(0), target_then);
}

}  // namespace
}  // namespace ptdv

// The administration of the tree: founding a unit, changing it from a date (the tree as of an
// earlier date keeps it as it was), dissolving it into a successor with what it holds.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "service/calendar_provider.h"
#include "service/case_service.h"
#include "service/import_service.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Must;

class OrgAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"));
    orgs_ = std::make_unique<OrgService>(*store_, clock_);
    city_ = test::CreateTwoWardCity(*orgs_, Actor{});
  }

  // The unit `code` as the tree on `on` shows it (name and parent), or nullopt.
  std::optional<Organisation> OnTree(const std::string& code, Date on) {
    for (const OrgTreeRow& row : Must(orgs_->Tree(board_, on))) {
      if (row.org.code == code) return row.org;
    }
    return std::nullopt;
  }

  long AuditEntries() {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return Must(tx->Audit().Verify()).entries;
  }

  test::TempDir dir_{"ptdv-org-admin"};
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
  std::unique_ptr<OrgService> orgs_;
  test::TwoWardCity city_;
  Actor board_{.login = "bantochuc", .role = "organisation_board", .scope_root = std::nullopt};
};

TEST_F(OrgAdminTest, FoundsAUnitUnderAParentThatMayHoldItAndRefusesTheRest) {
  board_.scope_root = city_.city;
  const NewUnit cell{.code = "HUE-A-CB2",
                     .name = "Chi bộ Tổ dân phố 2",
                     .kind = OrgKind::kCell,
                     .parent = "HUE-A",
                     .valid_from = MakeDate(2026, 1, 1)};
  Organisation added = Must(orgs_->AddUnit(board_, cell));
  EXPECT_EQ(added.parent_id, city_.ward_a);
  EXPECT_FALSE(OnTree("HUE-A-CB2", MakeDate(2025, 12, 31)));
  EXPECT_TRUE(OnTree("HUE-A-CB2", MakeDate(2026, 1, 1)));

  auto refused = [&](NewUnit unit, const Actor& actor) {
    auto r = orgs_->AddUnit(actor, unit);
    EXPECT_FALSE(r.ok());
    return r.ok() ? Error::Invalid("") : r.error();
  };
  NewUnit under_city = cell;
  under_city.code = "HUE-CB9";
  under_city.parent = "HUE";
  EXPECT_EQ(refused(under_city, board_).field, "parent");  // a cell sits under a committee
  NewUnit under_cell = cell;
  under_cell.code = "HUE-A-CB1-X";
  under_cell.parent = "HUE-A-CB1";
  EXPECT_EQ(refused(under_cell, board_).field, "parent");
  NewUnit early = cell;
  early.code = "HUE-A-CB3";
  early.valid_from = MakeDate(2020, 1, 1);  // the ward was founded on 01/07/2021
  EXPECT_EQ(refused(early, board_).field, "parent");
  EXPECT_EQ(refused(cell, board_).code, ErrorCode::kConflict);
  NewUnit spaced = cell;
  spaced.code = "HUE A CB4";
  EXPECT_EQ(refused(spaced, board_).field, "code");
  NewUnit authorised = cell;
  authorised.code = "HUE-A-CB5";
  authorised.authorised_to_admit = true;  // S12: only a grassroots committee
  EXPECT_EQ(refused(authorised, board_).field, "authorised_to_admit");
  const Actor staff{.login = "warda", .role = "grassroots_staff", .scope_root = city_.ward_a};
  EXPECT_EQ(refused(NewUnit(cell), staff).code, ErrorCode::kForbidden);
  // Another ward's board member (scoped to ward B) does not see ward A.
  const Actor other{.login = "b", .role = "organisation_board", .scope_root = city_.ward_b};
  NewUnit elsewhere = cell;
  elsewhere.code = "HUE-A-CB6";
  EXPECT_EQ(refused(elsewhere, other).code, ErrorCode::kNotFound);
}

TEST_F(OrgAdminTest, ChangesAUnitFromADateAndTheTreeBeforeItKeepsTheUnitAsItWas) {
  board_.scope_root = city_.city;
  const long before = AuditEntries();
  Organisation moved = Must(orgs_->ChangeUnit(
      board_, "HUE-A-CB1",
      {.effective = MakeDate(2026, 7, 1), .name = "Chi bộ Khu vực 1 mới", .parent = "HUE-B"}));
  EXPECT_EQ(moved.parent_id, city_.ward_b);
  EXPECT_EQ(AuditEntries(), before + 1);
  std::optional<Organisation> then = OnTree("HUE-A-CB1", MakeDate(2026, 6, 30));
  ASSERT_TRUE(then);
  EXPECT_EQ(then->parent_id, city_.ward_a);
  EXPECT_EQ(then->name, "Chi bộ 1");
  std::optional<Organisation> now = OnTree("HUE-A-CB1", MakeDate(2026, 7, 1));
  ASSERT_TRUE(now);
  EXPECT_EQ(now->parent_id, city_.ward_b);
  EXPECT_EQ(now->name, "Chi bộ Khu vực 1 mới");

  auto field = [&](const std::string& code, UnitChange change) {
    auto r = orgs_->ChangeUnit(board_, code, change);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("(accepted)") : r.error().field;
  };
  // On the founding day, before the latest change, or a unit under its own cell.
  EXPECT_EQ(field("HUE-B-CB1", {.effective = MakeDate(2021, 7, 1), .name = "X"}), "effective");
  EXPECT_EQ(field("HUE-A-CB1", {.effective = MakeDate(2026, 6, 1), .name = "X"}), "effective");
  EXPECT_EQ(field("HUE-A", {.effective = MakeDate(2026, 8, 1), .parent = "HUE-A-CB1"}), "parent");
  EXPECT_EQ(field("HUE-B-CB1", {.effective = MakeDate(2026, 8, 1), .name = "Chi bộ 1"}), "");
  // The account's own unit does not move.
  EXPECT_EQ(field("HUE", {.effective = MakeDate(2026, 8, 1), .parent = "HUE-A"}), "code");
}

// A cell merged into another: its people, members, open cases (each at its step, with the same
// deadline) and accounts move from the day; the tree before the day still shows it; counts before
// equal counts after, summed over the successor.
TEST_F(OrgAdminTest, ACellDissolvedIntoASuccessorHandsOverWhatItHolds) {
  board_.scope_root = city_.city;
  CalendarProvider calendars;
  ImportService imports(*store_, DefaultRuleSets(), calendars, clock_);
  const Actor staff{.login = "warda", .role = "grassroots_staff", .scope_root = city_.ward_a};
  ImportSheet cases{.kind = ImportKind::kCases,
                    .file_name = "hs.csv",
                    .headers = {"Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chi bộ",
                                "Ngày cấp giấy chứng nhận", "Ngày nộp đơn", "Ngày chi bộ xét",
                                "Ngày đảng ủy xét", "Ngày quyết định kết nạp", "Ngày kết nạp"}};
  for (int i = 0; i < 6; ++i) {
    std::vector<std::string> row = {fmt::format("Người {}", i),
                                    "01/01/1995",
                                    "Nam",
                                    fmt::format("04619500{:04}", i),
                                    "HUE-A-CB1",
                                    "10/01/2026",
                                    "02/02/2026",
                                    "",
                                    "",
                                    "",
                                    ""};
    if (i >= 2) row[7] = "01/10/2026";
    if (i >= 4) row[8] = "10/10/2026", row[9] = "02/11/2026", row[10] = "20/11/2026";
    cases.rows.push_back(row);
  }
  ASSERT_TRUE(Must(imports.Load(staff, cases)).committed);
  {
    auto tx = Must(store_->Begin(Access::kReadWrite));
    Must(tx->Users().Insert({.login = "bithu.a",
                             .full_name = "Bí thư chi bộ 1",
                             .role = Role::kCellSecretary,
                             .org_id = city_.cell_a,
                             .password_hash = "x"}));
    Must(tx->Commit());
  }
  auto cases_of = [&](Id cell) {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    return Must(tx->Cases().List({.cell_ids = {cell}}));
  };
  const std::vector<Case> before = cases_of(city_.cell_a);
  ASSERT_EQ(before.size(), 6u);
  const Date day = MakeDate(2026, 12, 1);

  auto alone = orgs_->Dissolve(board_, "HUE-A-CB1", day, std::nullopt, false);
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().field, "successor");
  auto ward = orgs_->Dissolve(board_, "HUE-A-CB1", day, "HUE-B", false);
  ASSERT_FALSE(ward.ok());  // a cell's successor holds members
  EXPECT_EQ(ward.error().field, "successor");

  const long audit_before = AuditEntries();
  DissolvePlan preview = Must(orgs_->Dissolve(board_, "HUE-A-CB1", day, "HUE-B-CB1", false));
  EXPECT_FALSE(preview.committed);
  EXPECT_EQ(preview.moves.people, 6);
  EXPECT_EQ(preview.moves.probationary_members, 2);
  EXPECT_EQ(preview.moves.accounts, 1);
  EXPECT_EQ(preview.moves.open_cases,
            (std::map<Stage, int>{
                {Stage::kDossier, 2}, {Stage::kCellApproved, 2}, {Stage::kProbation, 2}}));
  EXPECT_EQ(AuditEntries(), audit_before);

  DissolvePlan done = Must(orgs_->Dissolve(board_, "HUE-A-CB1", day, "HUE-B-CB1", true));
  EXPECT_TRUE(done.committed);
  EXPECT_TRUE(cases_of(city_.cell_a).empty());
  std::map<Id, Case> moved;
  for (const Case& c : cases_of(city_.cell_b)) moved[c.id] = c;
  ASSERT_EQ(moved.size(), 6u);
  for (const Case& c : before) {
    EXPECT_EQ(moved[c.id].stage, c.stage);
    EXPECT_EQ(moved[c.id].next_deadline, c.next_deadline);
    EXPECT_EQ(moved[c.id].next_deadline_rule, c.next_deadline_rule);
  }
  EXPECT_TRUE(OnTree("HUE-A-CB1", day - std::chrono::days(1)));
  EXPECT_FALSE(OnTree("HUE-A-CB1", day));
  auto tx = Must(store_->Begin(Access::kReadOnly));
  Organisation gone = Must(tx->Organisations().GetByCode("HUE-A-CB1"));
  EXPECT_EQ(gone.valid_to, day - std::chrono::days(1));
  EXPECT_EQ(gone.successor_id, city_.cell_b);
  EXPECT_EQ(Must(tx->Users().GetByLogin("bithu.a")).org_id, city_.cell_b);
  // The members: in the old cell up to the day before, in the successor from the day.
  std::vector<MemberCount> then =
      Must(tx->Memberships().CountByOrganisation({city_.cell_a}, day - std::chrono::days(1)));
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].probationary, 2);
  std::vector<MemberCount> after = Must(tx->Memberships().CountByOrganisation({city_.cell_b}, day));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].probationary, 2);
  EXPECT_TRUE(Must(tx->Audit().Verify()).intact);
  tx.reset();
  // The successor now holds them; the unit cannot be dissolved twice.
  EXPECT_EQ(OnTree("HUE-B-CB1", day)->parent_id, city_.ward_b);
  EXPECT_FALSE(orgs_->Dissolve(board_, "HUE-A-CB1", day, "HUE-B-CB1", true).ok());
}

// Two wards merged into a ward founded that day: the preview founds nothing, the commit founds it
// and puts both wards' cells under it; a unit named twice or as the receiving unit is refused.
TEST_F(OrgAdminTest, TwoWardsMergeIntoANewWardInOneStep) {
  board_.scope_root = city_.city;
  const NewUnit ward{.code = "HUE-AB",
                     .name = "Đảng ủy phường An Cựu – Vỹ Dạ",
                     .kind = OrgKind::kGrassrootsCommittee,
                     .parent = "HUE",
                     .committee_member_count = 11};
  const Date day = MakeDate(2026, 12, 1);
  MergePlan preview =
      Must(orgs_->Merge(board_, {"HUE-A", "HUE-B"}, std::nullopt, ward, day, false));
  EXPECT_FALSE(preview.committed);
  EXPECT_TRUE(preview.founded);
  ASSERT_EQ(preview.units.size(), 2u);
  EXPECT_EQ(preview.moves.units, 2);  // a cell each
  {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    EXPECT_FALSE(tx->Organisations().GetByCode("HUE-AB").ok()) << "the preview founded the ward";
  }
  EXPECT_EQ(
      orgs_->Merge(board_, {"HUE-A", "HUE-A"}, "HUE-B", std::nullopt, day, false).error().field,
      "units");
  EXPECT_EQ(
      orgs_->Merge(board_, {"HUE-A", "HUE-B"}, "HUE-B", std::nullopt, day, false).error().field,
      "into");
  EXPECT_EQ(orgs_->Merge(board_, {"HUE-A"}, "HUE-B", ward, day, false).error().field, "into");

  MergePlan done = Must(orgs_->Merge(board_, {"HUE-A", "HUE-B"}, std::nullopt, ward, day, true));
  EXPECT_TRUE(done.committed);
  EXPECT_EQ(OnTree("HUE-A-CB1", day)->parent_id, done.into.id);
  EXPECT_EQ(OnTree("HUE-B-CB1", day)->parent_id, done.into.id);
  EXPECT_FALSE(OnTree("HUE-A", day));
  EXPECT_TRUE(OnTree("HUE-A", day - std::chrono::days(1)));
  EXPECT_EQ(OnTree("HUE-A-CB1", day - std::chrono::days(1))->parent_id, city_.ward_a);
}

// One person moves: their case continues in the receiving cell with its steps and deadlines; a
// probationary member's membership continues there from the day.
TEST_F(OrgAdminTest, ACaseMovesToAnotherCellWithItsStepsAndDeadlines) {
  CalendarProvider calendars;
  ImportService imports(*store_, DefaultRuleSets(), calendars, clock_);
  CaseService cases(*store_, calendars, DefaultRuleSets(), clock_);
  const Actor staff{.login = "warda", .role = "grassroots_staff", .scope_root = city_.ward_a};
  ImportSheet sheet{
      .kind = ImportKind::kCases,
      .file_name = "hs.csv",
      .headers = {"Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chi bộ",
                  "Ngày cấp giấy chứng nhận", "Ngày nộp đơn", "Ngày chi bộ xét", "Ngày đảng ủy xét",
                  "Ngày quyết định kết nạp", "Ngày kết nạp"},
      .rows = {{"Sinh Viên Chuyển", "01/01/2004", "Nữ", "046204000001", "HUE-A-CB1", "10/01/2026",
                "02/02/2026", "", "", "", ""},
               {"Dân Quân Chuyển", "01/01/1998", "Nam", "046198000002", "HUE-A-CB1", "10/01/2026",
                "02/02/2026", "01/10/2026", "10/10/2026", "02/11/2026", "20/11/2026"}}};
  ASSERT_TRUE(Must(imports.Load(staff, sheet)).committed);
  std::vector<Case> before;
  {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    before = Must(tx->Cases().List({.cell_ids = {city_.cell_a}}));
  }
  ASSERT_EQ(before.size(), 2u);
  const Case& probation = before[0].stage == Stage::kProbation ? before[0] : before[1];
  const Case& dossier = before[0].stage == Stage::kProbation ? before[1] : before[0];

  // Ward A's staff do not see ward B's cell; a date before the latest step, in the future, or the
  // case's own cell are refused.
  const OrgChoice to_b{.code = "HUE-B-CB1", .field = "cell"};
  auto hidden = cases.Transfer(staff, dossier.id, to_b, clock_.Today());
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  board_.role = "grassroots_staff";
  board_.scope_root = city_.city;
  EXPECT_EQ(cases.Transfer(board_, probation.id, to_b, MakeDate(2026, 11, 19)).error().field,
            "date");
  EXPECT_EQ(cases.Transfer(board_, probation.id, to_b, MakeDate(2026, 11, 28)).error().field,
            "date");
  EXPECT_EQ(
      cases.Transfer(board_, probation.id, {.code = "HUE-A-CB1", .field = "cell"}, clock_.Today())
          .error()
          .field,
      "cell");

  const Date day = MakeDate(2026, 11, 25);
  Case moved = Must(cases.Transfer(board_, probation.id, to_b, day));
  EXPECT_EQ(moved.cell_id, city_.cell_b);
  EXPECT_EQ(moved.stage, probation.stage);
  EXPECT_EQ(moved.next_deadline, probation.next_deadline);
  EXPECT_EQ(Must(cases.Transfer(board_, dossier.id, to_b, day)).cell_id, city_.cell_b);
  auto tx = Must(store_->Begin(Access::kReadOnly));
  EXPECT_EQ(Must(tx->People().Get(probation.person_id)).org_id, city_.cell_b);
  auto then = Must(tx->Memberships().ValidOn(probation.person_id, day - std::chrono::days(1)));
  ASSERT_TRUE(then);
  EXPECT_EQ(then->org_id, city_.cell_a);
  auto now = Must(tx->Memberships().ValidOn(probation.person_id, day));
  ASSERT_TRUE(now);
  EXPECT_EQ(now->org_id, city_.cell_b);
  EXPECT_EQ(now->kind, MembershipKind::kProbationary);
  EXPECT_EQ(Must(tx->Cases().GetRecord(probation.id)).events.size(), 6u);  // each step kept
  EXPECT_TRUE(Must(tx->Audit().Verify()).intact);
}

}  // namespace
}  // namespace ptdv

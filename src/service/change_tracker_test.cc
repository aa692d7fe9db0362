#include "service/change_tracker.h"

#include <gtest/gtest.h>

#include "service/org_service.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Must;

Person Someone(Id org_id, std::string name) {
  Person p;
  p.search_key = name;
  p.full_name = std::move(name);
  p.birth_date = MakeDate(1998, 2, 28);
  p.org_id = org_id;
  return p;
}

class ChangeTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"));
    OrgService orgs(*store_, clock_);
    city_ = test::CreateTwoWardCity(orgs, {});
    tracker_ = std::make_unique<ChangeTracker>(*store_);
  }

  // The versions of ward A, ward B, the city and everything, in that order.
  std::vector<std::uint64_t> Versions() {
    return {Must(tracker_->VersionOf(city_.ward_a)), Must(tracker_->VersionOf(city_.ward_b)),
            Must(tracker_->VersionOf(city_.city)), Must(tracker_->VersionOf(std::nullopt))};
  }

  // A person and their case in `cell`, written through `store`; the case's id.
  Id OpenCase(Store& store, Id cell) {
    auto tx = Must(store.Begin(Access::kReadWrite));
    Id person = Must(tx->People().Insert(Someone(cell, "Nguyễn Văn An")));
    Case c;
    c.person_id = person;
    c.cell_id = cell;
    c.opened_on = MakeDate(2026, 3, 1);
    Id id = Must(tx->Cases().Insert(c));
    Must(tx->Commit());
    return id;
  }

  test::TempDir dir_{"ptdv-change-tracker"};
  FixedClock clock_{MakeDate(2026, 11, 27)};
  std::unique_ptr<Store> store_;
  test::TwoWardCity city_;
  std::unique_ptr<ChangeTracker> tracker_;
};

TEST_F(ChangeTrackerTest, AWriteInAWardChangesItAndTheUnitsAboveButNotTheOtherWard) {
  const auto before = Versions();
  EXPECT_EQ(Versions(), before);  // nothing written: nothing changes
  OpenCase(*store_, city_.cell_a);
  const auto after = Versions();
  EXPECT_NE(after[0], before[0]) << "ward A";
  EXPECT_EQ(after[1], before[1]) << "ward B";
  EXPECT_NE(after[2], before[2]) << "the city";
  EXPECT_NE(after[3], before[3]) << "everything";
  EXPECT_NE(Must(tracker_->VersionOf(city_.cell_a)), before[0]);
}

TEST_F(ChangeTrackerTest, LoginsSessionsAndAuditEntriesChangeNothing) {
  const auto before = Versions();
  auto tx = Must(store_->Begin(Access::kReadWrite));
  User user;
  user.login = "warda";
  user.full_name = "Cán bộ phường An Cựu";
  user.role = Role::kGrassrootsStaff;
  user.org_id = city_.ward_a;
  user.password_hash = "x";
  Id id = Must(tx->Users().Insert(user));
  Session session;
  session.user_id = id;
  session.token_hash = "h";
  Id session_id = Must(tx->Sessions().Insert(session));
  Must(tx->Sessions().Touch(session_id, Instant{} + std::chrono::seconds(60), "10.0.0.1"));
  Must(tx->Users().RecordSuccessfulLogin(id, Instant{} + std::chrono::seconds(60)));
  AuditEntry entry;
  entry.at = "2026-11-27T08:00:00Z";
  entry.actor = "warda";
  entry.action = "auth.login";
  entry.entity = "user";
  entry.entity_id = id;
  entry.org_id = city_.ward_a;
  Must(tx->Audit().Append(entry));
  Must(tx->Commit());
  EXPECT_EQ(Versions(), before);
}

TEST_F(ChangeTrackerTest, SeesAWriteOfAnotherProcessOnTheSameDatabase) {
  const auto before = Versions();
  // Another Store on the same file stands for the CLI or another `ptdv serve`.
  std::unique_ptr<Store> other = Must(OpenStore(dir_.File("t.db")));
  OpenCase(*other, city_.cell_b);
  const auto after = Versions();
  EXPECT_EQ(after[0], before[0]) << "ward A";
  EXPECT_NE(after[1], before[1]) << "ward B";
  EXPECT_NE(after[2], before[2]) << "the city";
}

TEST_F(ChangeTrackerTest, AChangeToTheTreeChangesEveryVersionAndNamesNewUnits) {
  const auto before = Versions();
  EXPECT_EQ(tracker_->UnitWithCode("HUE-C"), std::nullopt);
  Id ward_c = 0;
  {
    auto tx = Must(store_->Begin(Access::kReadWrite));
    Organisation c;
    c.parent_id = city_.city;
    c.kind = OrgKind::kGrassrootsCommittee;
    c.code = "HUE-C";
    c.name = "Đảng ủy phường C";
    c.valid_from = MakeDate(2026, 1, 1);
    ward_c = Must(tx->Organisations().Insert(c));
    Must(tx->Commit());
  }
  const auto after = Versions();
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_NE(after[i], before[i]) << i;
  EXPECT_EQ(tracker_->UnitWithCode("HUE-C"), ward_c);
  EXPECT_EQ(tracker_->UnitWithCode("HUE-A"), city_.ward_a);
}

TEST_F(ChangeTrackerTest, AUnitMovedOrMergedStillChangesItsFormerParentAndItsSuccessor) {
  // Cell A moves under ward B from 1/1/2026; ward A ends on 31/12/2025 with B as its successor.
  {
    auto tx = Must(store_->Begin(Access::kReadWrite));
    Organisation cell = Must(tx->Organisations().Get(city_.cell_a));
    cell.parent_id = city_.ward_b;
    Must(tx->Organisations().ChangeFrom(cell, MakeDate(2026, 1, 1)));
    Organisation ward = Must(tx->Organisations().Get(city_.ward_a));
    ward.valid_to = MakeDate(2025, 12, 31);
    ward.successor_id = city_.ward_b;
    Must(tx->Organisations().Update(ward));
    Must(tx->Commit());
  }
  const auto before = Versions();
  OpenCase(*store_, city_.cell_a);  // answers about ward A as of 2025 still read this cell
  const auto after = Versions();
  EXPECT_NE(after[0], before[0]) << "ward A, the cell's parent in 2025";
  EXPECT_NE(after[1], before[1]) << "ward B, its parent now";
  // A write in the dissolved ward's own data changes its successor's answers too.
  const auto moved = Versions();
  {
    auto tx = Must(store_->Begin(Access::kReadWrite));
    Must(tx->People().Insert(Someone(city_.ward_a, "Trần Thị Bình")));
    Must(tx->Commit());
  }
  EXPECT_NE(Must(tracker_->VersionOf(city_.ward_b)), moved[1]);
}

}  // namespace
}  // namespace ptdv

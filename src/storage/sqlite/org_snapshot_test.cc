// The tree copy in memory (storage/org_snapshot.h) answers as the database does, and is never
// used once the tree it was made from has changed.

#include "storage/org_snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "domain/date.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

std::string Describe(const Organisation& o) {
  return std::to_string(o.id) + "|" + (o.parent_id ? std::to_string(*o.parent_id) : "-") + "|" +
         std::string(OrgKindCode(o.kind)) + "|" + o.code + "|" + o.name + "|" +
         std::to_string(o.authorised_to_admit) + "|" + std::to_string(o.committee_member_count) +
         "|" + FormatIsoDate(o.valid_from) + "|" + (o.valid_to ? FormatIsoDate(*o.valid_to) : "-") +
         "|" + (o.successor_id ? std::to_string(*o.successor_id) : "-");
}

std::vector<std::string> Describe(const Result<std::vector<Organisation>>& list, bool sorted) {
  std::vector<std::string> out;
  if (!list.ok()) return {"error " + list.error().message};
  for (const Organisation& o : *list) out.push_back(Describe(o));
  if (sorted) std::sort(out.begin(), out.end());
  return out;
}

std::string Describe(const Result<Organisation>& one) {
  return one.ok() ? Describe(*one) : "error " + one.error().message;
}

std::vector<std::string> Describe(const Result<std::vector<Id>>& ids) {
  std::vector<std::string> out;
  if (!ids.ok()) return {"error " + ids.error().message};
  for (Id id : *ids) out.push_back(std::to_string(id));
  std::sort(out.begin(), out.end());
  return out;
}

class OrgSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions without;
    without.org_snapshot = false;
    copy_ = SqliteStore::Open(path_).value();
    database_ = SqliteStore::Open(path_, without).value();
    ASSERT_TRUE(copy_->Migrate().ok());
  }

  static Organisation Unit(std::optional<Id> parent, OrgKind kind, std::string code, Date from) {
    Organisation o;
    o.parent_id = parent;
    o.kind = kind;
    o.name = "Đảng bộ " + code;
    o.code = std::move(code);
    o.valid_from = from;
    o.committee_member_count = 5;
    return o;
  }

  TempDir dir_{"ptdv-org-snapshot"};
  std::string path_ = dir_.File("ptdv.db");
  std::unique_ptr<SqliteStore> copy_;      // with the copy in memory
  std::unique_ptr<SqliteStore> database_;  // every answer a query
};

// A random tree through time — units created, moved, renamed, ended, merged into others — and
// every question at random dates, by the copy and by the database: the same answers (orders
// included where the interface fixes them).
TEST_F(OrgSnapshotTest, AnswersAsTheDatabaseOnARandomTreeThroughTime) {
  std::mt19937 random(20261207);
  const Date start = MakeDate(2020, 1, 1);
  std::vector<Id> ids;
  {
    auto tx = copy_->Begin(Access::kReadWrite).value();
    OrganisationRepository& orgs = tx->Organisations();
    for (int i = 0; i < 3; ++i) {
      ids.push_back(orgs.Insert(Unit(std::nullopt, OrgKind::kProvincialCommittee,
                                     "R" + std::to_string(i), start))
                        .value());
    }
    for (int i = 0; i < 120; ++i) {
      const Id parent = ids[random() % ids.size()];
      const OrgKind kind = i % 3 == 0 ? OrgKind::kGrassrootsCommittee : OrgKind::kCell;
      const Date from = start + std::chrono::days(random() % 400);
      ids.push_back(orgs.Insert(Unit(parent, kind, "U" + std::to_string(1000 - i), from)).value());
    }
    // Moves and renames from later dates (a new version each), ends and merges.
    // A unit only ever moves under one created before it, so that no date has a cycle (the
    // service refuses one; the database's walks differ from the copy's only on such a tree).
    for (int i = 0; i < 60; ++i) {
      const std::size_t at = 3 + random() % (ids.size() - 3);
      const Id id = ids[at];
      Organisation next = orgs.Get(id).value();
      std::vector<Organisation> history = orgs.History(id).value();
      const Date effective = history.back().valid_from + std::chrono::days(1 + random() % 300);
      next.parent_id = ids[random() % at];
      next.name = "Tên mới " + std::to_string(i);
      next.committee_member_count = static_cast<int>(random() % 9);
      ASSERT_TRUE(orgs.ChangeFrom(next, effective).ok());
    }
    for (int i = 0; i < 15; ++i) {
      const Id id = ids[3 + random() % (ids.size() - 3)];
      Organisation ended = orgs.Get(id).value();
      ended.valid_to = MakeDate(2021, 6, 30) + std::chrono::days(random() % 200);
      if (i % 2 == 0) ended.successor_id = ids[3 + random() % (ids.size() - 3)];
      if (ended.successor_id == id) ended.successor_id.reset();
      ASSERT_TRUE(orgs.Update(ended).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }

  auto with = copy_->Begin(Access::kReadOnly).value();
  auto without = database_->Begin(Access::kReadOnly).value();
  OrganisationRepository& a = with->Organisations();
  OrganisationRepository& b = without->Organisations();
  ids.push_back(999999);  // unknown
  for (int round = 0; round < 400; ++round) {
    const Id id = ids[random() % ids.size()];
    const Date on = start + std::chrono::days(random() % 1100);
    SCOPED_TRACE("unit " + std::to_string(id) + " on " + FormatIsoDate(on));
    EXPECT_EQ(Describe(a.Get(id)), Describe(b.Get(id)));
    const std::string code = b.Get(id).ok() ? b.Get(id)->code : "NONE";
    EXPECT_EQ(Describe(a.GetByCode(code)), Describe(b.GetByCode(code)));
    EXPECT_EQ(Describe(a.Ancestors(id), false), Describe(b.Ancestors(id), false));
    EXPECT_EQ(Describe(a.SubtreeIds(id, on)), Describe(b.SubtreeIds(id, on)));
    // Ordered by depth, then code: the same order.
    EXPECT_EQ(Describe(a.ListSubtree(id, on), false), Describe(b.ListSubtree(id, on), false));
    const std::vector<Id> some = {id, ids[random() % ids.size()], ids[random() % ids.size()]};
    EXPECT_EQ(Describe(a.WithAncestors(some), true), Describe(b.WithAncestors(some), true));
    EXPECT_EQ(Describe(a.Predecessors(some), true), Describe(b.Predecessors(some), true));
    if (round % 40 == 0) {
      EXPECT_EQ(Describe(a.ListValidOn(on), false), Describe(b.ListValidOn(on), false));
    }
  }
}

// A change committed by another process (here: another store on the same file) is seen by the
// next transaction; a transaction's own change is seen by itself.
TEST_F(OrgSnapshotTest, NoTransactionSeesAnOlderTree) {
  const Date start = MakeDate(2020, 1, 1);
  Id root = 0;
  {
    auto tx = copy_->Begin(Access::kReadWrite).value();
    root = tx->Organisations()
               .Insert(Unit(std::nullopt, OrgKind::kProvincialCommittee, "ROOT", start))
               .value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto subtree = [&](Store& store) {
    auto tx = store.Begin(Access::kReadOnly).value();
    return tx->Organisations().SubtreeIds(root, MakeDate(2024, 1, 1)).value().size();
  };
  EXPECT_EQ(subtree(*copy_), 1u);  // builds the copy

  // Another process adds a unit: the copy's stamp is behind, the next read sees the unit.
  Id child = 0;
  {
    auto tx = database_->Begin(Access::kReadWrite).value();
    child = tx->Organisations()
                .Insert(Unit(root, OrgKind::kGrassrootsCommittee, "CHILD", start))
                .value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(subtree(*copy_), 2u);
  {
    auto tx = copy_->Begin(Access::kReadOnly).value();
    EXPECT_EQ(tx->Organisations().GetByCode("CHILD").value().id, child);
  }

  // Within a writing transaction: its own new unit, then a rename by another repository path.
  {
    auto tx = copy_->Begin(Access::kReadWrite).value();
    OrganisationRepository& orgs = tx->Organisations();
    EXPECT_EQ(orgs.SubtreeIds(root, MakeDate(2024, 1, 1)).value().size(), 2u);
    const Id cell = orgs.Insert(Unit(child, OrgKind::kCell, "CELL", start)).value();
    EXPECT_EQ(orgs.SubtreeIds(root, MakeDate(2024, 1, 1)).value().size(), 3u);
    EXPECT_EQ(orgs.Ancestors(cell).value().size(), 3u);
    // Rolled back: nobody sees the cell.
  }
  EXPECT_EQ(subtree(*copy_), 2u);
  {
    auto tx = copy_->Begin(Access::kReadOnly).value();
    EXPECT_EQ(tx->Organisations().GetByCode("CELL").error().code, ErrorCode::kNotFound);
  }

  // A rename committed here is seen by the next transaction of either store.
  {
    auto tx = copy_->Begin(Access::kReadWrite).value();
    Organisation renamed = tx->Organisations().Get(child).value();
    renamed.name = "Đảng ủy phường Tây Lộc";
    ASSERT_TRUE(tx->Organisations().Update(renamed).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  for (Store* store : {static_cast<Store*>(copy_.get()), static_cast<Store*>(database_.get())}) {
    auto tx = store->Begin(Access::kReadOnly).value();
    EXPECT_EQ(tx->Organisations().Get(child).value().name, "Đảng ủy phường Tây Lộc");
  }
}

}  // namespace
}  // namespace ptdv

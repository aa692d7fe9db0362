// The case rows kept in memory (storage/case_rows.h) give the case lists, counts and counts per
// stage the database gives, and are never used once a write changed one of the cell's cases or
// people — whichever store (process) wrote.

#include "storage/case_rows.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/search_key.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

std::string Describe(const Case& c) {
  auto date = [](const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : "-"; };
  return std::to_string(c.id) + "|" + std::to_string(c.person_id) + "|" +
         std::to_string(c.cell_id) + "|" + std::string(SourceCategoryCode(c.category)) + "|" +
         std::string(StageCode(c.stage)) + "|" + FormatIsoDate(c.opened_on) + "|" +
         std::to_string(c.version) + "|" + date(c.certificate_date) + "|" + date(c.closed_on) +
         "|" + date(c.next_deadline) + "|" + c.next_deadline_rule;
}

template <typename T>
std::vector<std::string> Describe(const Result<std::vector<T>>& list) {
  if (!list.ok()) return {"error " + list.error().message};
  std::vector<std::string> out;
  for (const T& item : *list) {
    if constexpr (std::is_same_v<T, Case>) {
      out.push_back(Describe(item));
    } else if constexpr (std::is_same_v<T, std::optional<ListedPerson>>) {
      out.push_back(item ? item->full_name + "|" + FormatIsoDate(item->birth_date) : "-");
    } else {
      out.push_back(std::string(StageCode(item.first)) + "=" + std::to_string(item.second));
    }
  }
  return out;
}

const std::vector<std::string> kFamilyNames = {"Nguyễn", "Trần", "Lê", "Đặng", "Hồ", "Phan"};
const std::vector<std::string> kGivenNames = {"Văn Đức", "Thị Hoa", "Minh Anh", "Đình Lộc"};

class CaseRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions without;
    without.case_rows = 0;
    kept_ = SqliteStore::Open(path_).value();
    database_ = SqliteStore::Open(path_, without).value();
    ASSERT_TRUE(kept_->Migrate().ok());
    auto tx = database_->Begin(Access::kReadWrite).value();
    Organisation committee;
    committee.kind = OrgKind::kGrassrootsCommittee;
    committee.code = "DB";
    committee.name = "Đảng bộ phường";
    committee.valid_from = MakeDate(2020, 1, 1);
    committee.committee_member_count = 5;
    cells_.push_back(tx->Organisations().Insert(committee).value());
    for (int i = 0; i < 5; ++i) {
      Organisation cell = committee;
      cell.kind = OrgKind::kCell;
      cell.parent_id = cells_[0];
      cell.code = "CB" + std::to_string(i);
      cell.name = "Chi bộ " + std::to_string(i);
      cells_.push_back(tx->Organisations().Insert(cell).value());
    }
    for (int i = 0; i < 150; ++i) ASSERT_TRUE(AddCase(*tx).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  std::string RandomName() {
    return kFamilyNames[random_() % kFamilyNames.size()] + " " +
           kGivenNames[random_() % kGivenNames.size()];
  }

  std::optional<Date> RandomDate(int none_in) {
    if (random_() % none_in == 0) return std::nullopt;
    return MakeDate(2023, 1, 1) + std::chrono::days(random_() % 40);
  }

  Stage RandomStage() { return static_cast<Stage>(random_() % 17); }
  SourceCategory RandomCategory() {
    static const std::vector<SourceCategory> all = {
        SourceCategory::kTeacher, SourceCategory::kStudent, SourceCategory::kMilitia,
        SourceCategory::kOther};
    return all[random_() % all.size()];
  }

  Status AddCase(Transaction& tx) {
    Person person;
    person.full_name = RandomName();
    person.search_key = SearchKey(person.full_name);
    person.birth_date = MakeDate(1990, 1, 1) + std::chrono::days(random_() % 3000);
    person.org_id = cells_[random_() % cells_.size()];
    PTDV_ASSIGN_OR_RETURN(Id person_id, tx.People().Insert(person));
    Case c;
    c.person_id = person_id;
    c.cell_id = person.org_id;
    c.category = RandomCategory();
    c.stage = RandomStage();
    c.opened_on = *RandomDate(1000);
    c.next_deadline = RandomDate(3);
    if (c.next_deadline) c.next_deadline_rule = "S" + std::to_string(random_() % 9);
    c.closed_on = RandomDate(2);
    PTDV_ASSIGN_OR_RETURN(Id id, tx.Cases().Insert(c));
    cases_.push_back(id);
    return Ok();
  }

  CaseFilter RandomFilter() {
    CaseFilter f;
    // Every cell, a few, or one (never none: that is every case, which the database answers).
    for (Id cell : cells_) {
      if (random_() % 2 == 0) f.cell_ids.push_back(cell);
    }
    if (f.cell_ids.empty()) f.cell_ids.push_back(cells_[random_() % cells_.size()]);
    if (random_() % 4 == 0) f.stage = RandomStage();
    if (random_() % 4 == 0) f.category = RandomCategory();
    f.open_only = random_() % 3 == 0;
    if (random_() % 4 == 0) f.deadline_before = RandomDate(1000);
    if (random_() % 4 == 0) {
      f.person_key = SearchKey(random_() % 2 == 0 ? kFamilyNames[random_() % kFamilyNames.size()]
                                                  : kGivenNames[random_() % kGivenNames.size()]);
      if (random_() % 3 == 0) f.person_key = f.person_key.substr(1, 3);  // inside a word
    }
    f.sort = static_cast<CaseSort>(random_() % 5);
    f.descending = random_() % 2 == 0;
    f.limit = static_cast<int>(random_() % 4 == 0 ? 1000 : random_() % 30);
    f.offset = static_cast<int>(random_() % 3 == 0 ? 0 : random_() % 80);
    return f;
  }

  // Every question of `rounds` random filters, asked of both stores in read-only transactions.
  void ExpectSameAnswers(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      const CaseFilter f = RandomFilter();
      auto kept = kept_->Begin(Access::kReadOnly).value();
      auto database = database_->Begin(Access::kReadOnly).value();
      ASSERT_EQ(Describe(kept->Cases().CountByStage(f)),
                Describe(database->Cases().CountByStage(f)))
          << "filter " << i;
      ASSERT_EQ(Describe(kept->Cases().List(f)), Describe(database->Cases().List(f)))
          << "filter " << i << " sort " << static_cast<int>(f.sort) << " desc " << f.descending;
      ASSERT_EQ(kept->Cases().Count(f).value(), database->Cases().Count(f).value());
      const std::vector<Case> listed = database->Cases().List(f).value();
      ASSERT_EQ(Describe(kept->Cases().PeopleOf(listed)),
                Describe(database->Cases().PeopleOf(listed)));
      ASSERT_EQ(kept->Cases().ListRecords(f, EventDocuments::kSkip).value().size(),
                database->Cases().ListRecords(f, EventDocuments::kSkip).value().size());
    }
  }

  // A random write by `store`: a case's stage and deadline, a person's name, or a new case.
  void RandomWrite(SqliteStore& store) {
    auto tx = store.Begin(Access::kReadWrite).value();
    switch (random_() % 3) {
      case 0: {
        Case c = tx->Cases().Get(cases_[random_() % cases_.size()]).value();
        c.stage = RandomStage();
        c.next_deadline = RandomDate(3);
        ASSERT_TRUE(tx->Cases().Update(c).ok());
        break;
      }
      case 1: {
        Case c = tx->Cases().Get(cases_[random_() % cases_.size()]).value();
        Person p = tx->People().Get(c.person_id).value();
        p.full_name = RandomName();
        p.search_key = SearchKey(p.full_name);
        ASSERT_TRUE(tx->People().Update(p).ok());
        break;
      }
      default:
        ASSERT_TRUE(AddCase(*tx).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }

  std::mt19937 random_{20261207};
  TempDir dir_{"ptdv-case-rows"};
  std::string path_ = dir_.File("ptdv.db");
  std::unique_ptr<SqliteStore> kept_;      // keeps case rows in memory
  std::unique_ptr<SqliteStore> database_;  // every answer a query
  std::vector<Id> cells_;                  // the committee and its cells
  std::vector<Id> cases_;
};

TEST_F(CaseRowsTest, AnswersAsTheDatabaseForRandomFilters) { ExpectSameAnswers(400); }

// Writes by either store — this process or another — between the questions: the kept rows of a
// changed cell are never used again.
TEST_F(CaseRowsTest, SeesEveryWriteWhicheverStoreWrote) {
  ExpectSameAnswers(20);
  for (int i = 0; i < 60; ++i) {
    RandomWrite(i % 2 == 0 ? *database_ : *kept_);
    ExpectSameAnswers(5);
  }
}

// A write rolled back changes nothing kept; a writing transaction reads its own write.
TEST_F(CaseRowsTest, AWritingTransactionReadsItsOwnWrites) {
  CaseFilter all;
  all.cell_ids = cells_;
  all.limit = 1000;
  ExpectSameAnswers(5);
  const std::size_t before = kept_->Begin(Access::kReadOnly).value()->Cases().List(all)->size();
  {
    auto tx = kept_->Begin(Access::kReadWrite).value();
    ASSERT_TRUE(AddCase(*tx).ok());
    EXPECT_EQ(tx->Cases().List(all)->size(), before + 1);
    EXPECT_EQ(tx->Cases().Count(all).value(), static_cast<int>(before + 1));
  }  // rolled back
  EXPECT_EQ(kept_->Begin(Access::kReadOnly).value()->Cases().List(all)->size(), before);
  ExpectSameAnswers(5);
}

TEST(CaseRowsSourceTest, ForgetsTheCellsUsedLeastRecentlyPastItsBound) {
  CaseRowsSource source(16);  // trimmed to 12
  auto rows = [](std::size_t n) {
    return std::make_shared<const std::vector<CaseRow>>(std::vector<CaseRow>(n));
  };
  source.Put(1, 5, rows(5));
  source.Put(2, 5, rows(5));
  EXPECT_EQ(source.Find(1, 4), nullptr);  // another change number
  ASSERT_NE(source.Find(1, 5), nullptr);  // 1 used after 2
  source.Put(3, 7, rows(7));              // 17 rows: 2 is forgotten
  EXPECT_EQ(source.rows(), 12u);
  EXPECT_EQ(source.Find(2, 5), nullptr);
  EXPECT_NE(source.Find(1, 5), nullptr);
  source.Put(3, 6, rows(1));  // an earlier state than the kept one: ignored
  EXPECT_EQ(source.Find(3, 6), nullptr);
  EXPECT_NE(source.Find(3, 7), nullptr);
}

}  // namespace
}  // namespace ptdv

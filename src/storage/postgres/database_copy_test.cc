// CopyDatabase (storage/database_copy.h): a SQLite store to PostgreSQL and back, every row, the
// audit chain, the ids that follow; an occupied target refused with nothing written.

#include "storage/database_copy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/audit_key.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_test_database.h"
#include "storage/store.h"
#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

template <typename T>
T Must(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.error().message;
  if (!result.ok()) std::abort();
  return std::move(result).value();
}
void Must(const Status& status) {
  EXPECT_TRUE(status.ok()) << status.error().message;
  if (!status.ok()) std::abort();
}

Organisation Unit(std::string code, OrgKind kind, std::optional<Id> parent) {
  Organisation o;
  o.code = code;
  o.name = "Đơn vị " + code;
  o.kind = kind;
  o.parent_id = parent;
  o.valid_from = MakeDate(2021, 7, 1);
  return o;
}

AuditEntry Entry(std::string action, Id entity_id) {
  AuditEntry a;
  a.at = "2024-03-01T08:00:00Z";
  a.actor = "bithu";
  a.role = "cell_secretary";
  a.address = "cli";
  a.action = std::move(action);
  a.entity = "organisation";
  a.entity_id = entity_id;
  a.before = R"({"tab":"\t","line":"a\nb","slash":"\\"})";  // COPY's escapes
  return a;
}

class DatabaseCopyTest : public ::testing::Test {
 protected:
  // A small SQLite store: a city whose ward was merged into a later one (a successor with a
  // higher id), a person with Vietnamese text, and an audit chain of three entries.
  void SetUp() override {
    auto store = Must(OpenStore(sqlite_path_, {.audit_key = key_}));
    Must(store->Migrate());
    auto tx = Must(store->Begin(Access::kReadWrite));
    const Id city = Must(tx->Organisations().Insert(Unit("HUE", OrgKind::kCityCommittee, {})));
    Organisation old_ward = Unit("HUE-A", OrgKind::kGrassrootsCommittee, city);
    old_ward.id = Must(tx->Organisations().Insert(old_ward));
    const Id new_ward =
        Must(tx->Organisations().Insert(Unit("HUE-AB", OrgKind::kGrassrootsCommittee, city)));
    old_ward.valid_to = MakeDate(2025, 6, 30);
    old_ward.successor_id = new_ward;
    Must(tx->Organisations().Update(old_ward));
    Person person;
    person.full_name = "Nguyễn Thị Hương";
    person.search_key = "nguyen thi huong";
    person.birth_date = MakeDate(1990, 5, 2);
    person.ethnicity = "Kinh";
    person.address = "12 Lê Lợi\tHuế";
    person.org_id = new_ward;
    Must(tx->People().Insert(person));
    for (Id id : {city, old_ward.id, new_ward}) Must(tx->Audit().Append(Entry("org.create", id)));
    Must(tx->Commit());
  }

  std::unique_ptr<Transaction> Read(const std::string& url) {
    store_ = Must(OpenStore(url, {.audit_key = key_}));
    return Must(store_->Begin(Access::kReadOnly));
  }

  TempDir dir_{"ptdv-copy-test"};
  std::string sqlite_path_ = (dir_.path() / "source.db").string();
  std::shared_ptr<const AuditKey> key_ = std::make_shared<const AuditKey>(AuditKey::Random());
  test::PgTestDatabase postgres_;
  std::unique_ptr<Store> store_;
};

TEST_F(DatabaseCopyTest, PostgresReceivesEveryRowAndTheChainAndGivesThemBack) {
  DatabaseCopy there = Must(CopyDatabase(sqlite_path_, postgres_.url(), nullptr));
  EXPECT_GT(there.rows, 0);
  {
    auto tx = Read(postgres_.url());
    const Organisation old_ward = Must(tx->Organisations().GetByCode("HUE-A"));
    ASSERT_TRUE(old_ward.successor_id.has_value());
    EXPECT_EQ(Must(tx->Organisations().Get(*old_ward.successor_id)).code, "HUE-AB");
    const auto people = Must(tx->People().Search("thi huong", {}, 10));
    ASSERT_EQ(people.size(), 1u);
    EXPECT_EQ(people[0].full_name, "Nguyễn Thị Hương");
    EXPECT_EQ(people[0].address, "12 Lê Lợi\tHuế");
    const AuditVerification chain = Must(tx->Audit().Verify());
    EXPECT_TRUE(chain.intact) << chain.message;
    EXPECT_EQ(chain.entries, 3);
    const auto trail = Must(tx->Audit().ListForEntity("organisation", old_ward.id));
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].before, R"({"tab":"\t","line":"a\nb","slash":"\\"})");
  }
  {
    // New rows take ids after the copied ones, and the chain goes on.
    auto tx = Must(store_->Begin(Access::kReadWrite));
    const Id next = Must(tx->Organisations().Insert(Unit("HUE-C", OrgKind::kCell, {})));
    EXPECT_GT(next, Must(tx->Organisations().GetByCode("HUE-AB")).id);
    Must(tx->Audit().Append(Entry("org.create", next)));
    Must(tx->Commit());
    EXPECT_TRUE(Must(Must(store_->Begin(Access::kReadOnly))->Audit().Verify()).intact);
  }

  const std::string back = (dir_.path() / "back.db").string();
  DatabaseCopy again = Must(CopyDatabase(postgres_.url(), back, nullptr));
  // The unit added on PostgreSQL, its first version and its audit entry.
  EXPECT_EQ(again.rows, there.rows + 3);
  auto tx = Read(back);
  EXPECT_EQ(Must(tx->People().Search("huong", {}, 10)).size(), 1u);  // the name index rebuilt
  const AuditVerification chain = Must(tx->Audit().Verify());
  EXPECT_TRUE(chain.intact) << chain.message;
  EXPECT_EQ(chain.entries, 4);
}

TEST_F(DatabaseCopyTest, ATargetHoldingDataIsRefusedAndLeftAsItWas) {
  Must(CopyDatabase(sqlite_path_, postgres_.url(), nullptr));
  auto count = [this] {
    auto connection = Must(PgConnection::Open(postgres_.url()));
    return Must(Must(connection->Query("SELECT COUNT(*) FROM organisation")).Int(0, 0));
  };
  const std::int64_t before = count();
  Result<DatabaseCopy> refused = CopyDatabase(sqlite_path_, postgres_.url(), nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("đã có dữ liệu"), std::string::npos);
  EXPECT_EQ(count(), before);
}

TEST_F(DatabaseCopyTest, AMissingSourceFileIsNotCreated) {
  const std::string missing = (dir_.path() / "missing.db").string();
  Result<DatabaseCopy> refused = CopyDatabase(missing, postgres_.url(), nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
}  // namespace ptdv

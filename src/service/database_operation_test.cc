#include "service/database_operation.h"

#include <gtest/gtest.h>

#include <memory>

#include "storage/audit_key.h"
#include "storage/temp_directory_test_util.h"

namespace ptdv {
namespace {

class DatabaseOperationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStore(temp_.File("ptdv.db"),
                           {.audit_key = std::make_shared<const AuditKey>(AuditKey::Random())});
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }

  std::vector<AuditEntry> Trail() {
    auto tx = store_->Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto entries = (*tx)->Audit().ListForEntity("database", kDatabaseEntityId);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }

  test::TempDirectory temp_{"ptdv-operation-test"};
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2026, 12, 5)};
};

TEST_F(DatabaseOperationTest, TheSystemActorsBackupAndRestoreAreAudited) {
  const DatabaseCopy copy{.file = "/var/backups/ptdv/ptdv-20261205-071500.db",
                          .head = {.last_id = 41, .entries = 41, .hash = "ab"}};
  ASSERT_TRUE(
      RecordDatabaseOperation(*store_, clock_, Actor{}, DatabaseOperation::kBackup, copy).ok());
  ASSERT_TRUE(
      RecordDatabaseOperation(*store_, clock_, Actor{}, DatabaseOperation::kRestore, copy).ok());
  std::vector<AuditEntry> trail = Trail();
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].action, "database.backup");
  EXPECT_EQ(trail[1].action, "database.restore");
  EXPECT_EQ(trail[0].actor, "system");
  EXPECT_EQ(trail[0].after,
            R"({"file":"/var/backups/ptdv/ptdv-20261205-071500.db","entries":41,"last_id":41})");
}

TEST_F(DatabaseOperationTest, AScopedActorMayNot) {
  Actor scoped{.login = "cb01", .role = "admin", .address = "10.0.0.1", .scope_root = 7};
  Status refused = RecordDatabaseOperation(*store_, clock_, scoped, DatabaseOperation::kBackup,
                                           {.file = "x.db"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(Trail().empty());
}

}  // namespace
}  // namespace ptdv

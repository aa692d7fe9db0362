#include "service/audit_monitor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "service/audit_anchor.h"
#include "service/test_store.h"
#include "storage/audit_hash.h"
#include "storage/audit_key.h"
#include "storage/sqlite/audit_intruder_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

AuditEntry Sample(int i) {
  return AuditEntry{.at = "2026-12-01T08:00:00Z",
                    .actor = "system",
                    .role = "admin",
                    .address = "cli",
                    .action = "case.step" + std::to_string(i),
                    .entity = "case",
                    .entity_id = i,
                    .org_id = 1,
                    .after = R"({"stage":"dossier"})"};
}

class AuditMonitorTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = Open(key_); }

  std::unique_ptr<Store> Open(std::shared_ptr<const AuditKey> key) {
    return test::OpenMigratedStore(db_path_, {.audit_key = std::move(key)});
  }

  void Append(int count) {
    for (int i = 0; i < count; ++i) {
      auto tx = store_->Begin(Access::kReadWrite).value();
      ASSERT_TRUE(tx->Audit().Append(Sample(i)).ok());
      ASSERT_TRUE(tx->Commit().ok());
    }
  }

  test::TempDir dir_{"ptdv-monitor-test"};
  std::string db_path_ = dir_.File("ptdv.db");
  std::string checkpoint_path_ = dir_.File("ptdv.db.audit-key.checkpoint");
  std::shared_ptr<const AuditKey> key_ = std::make_shared<const AuditKey>(AuditKey::Random());
  std::unique_ptr<Store> store_;
};

TEST_F(AuditMonitorTest, VerifiesAtStartThenOnlyWhatIsAppended) {
  Append(3);
  AuditMonitor monitor(*store_, checkpoint_path_);
  EXPECT_NE(monitor.Start().find("toàn vẹn: 3 mục"), std::string::npos);
  EXPECT_TRUE(monitor.Check().ok());
  EXPECT_EQ(ReadAuditAnchorFile(checkpoint_path_).value().last_id, 3);
  Append(2);
  EXPECT_TRUE(monitor.Check().ok());
  EXPECT_EQ(ReadAuditAnchorFile(checkpoint_path_).value().entries, 5);
}

TEST_F(AuditMonitorTest, ABrokenChainAtStartMakesReadinessFail) {
  Append(4);
  {
    AuditIntruder intruder(db_path_);
    intruder.Rewrite(2, R"({"stage":"admitted"})",
                     [](const AuditEntry& e) { return AuditEntryHash(e); });
  }
  AuditMonitor monitor(*store_, checkpoint_path_);
  EXPECT_NE(monitor.Start().find("KHÔNG toàn vẹn"), std::string::npos);
  Status ready = monitor.Check();
  ASSERT_FALSE(ready.ok());
  EXPECT_EQ(ready.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(ready.error().message.find("mục 2"), std::string::npos) << ready.error().message;
  EXPECT_FALSE(fs::exists(checkpoint_path_));
}

TEST_F(AuditMonitorTest, TamperingWithNewEntriesIsFoundByTheNextCheck) {
  Append(2);
  AuditMonitor monitor(*store_, checkpoint_path_);
  (void)monitor.Start();
  Append(3);
  {
    AuditIntruder intruder(db_path_);
    intruder.Rewrite(4, R"({"stage":"admitted"})",
                     [](const AuditEntry& e) { return Sha256Hex(KeyedAuditSerialisation(e)); });
  }
  Status ready = monitor.Check();
  ASSERT_FALSE(ready.ok());
  EXPECT_NE(ready.error().message.find("mục 4"), std::string::npos) << ready.error().message;
  EXPECT_FALSE(monitor.Check().ok()) << "stays broken";
}

// Each readiness check costs at most max_entries_per_check entries, whatever the backlog.
TEST_F(AuditMonitorTest, EachCheckVerifiesABoundedNumberOfNewEntries) {
  Append(1);
  AuditMonitor monitor(*store_, checkpoint_path_, /*max_entries_per_check=*/2);
  (void)monitor.Start();
  Append(5);
  const Id expected[] = {3, 5, 6, 6};
  for (Id last_id : expected) {
    ASSERT_TRUE(monitor.Check().ok());
    EXPECT_EQ(ReadAuditAnchorFile(checkpoint_path_).value().last_id, last_id);
  }
}

// The checkpoint outside the database catches what a plain verification cannot: a deleted tail.
TEST_F(AuditMonitorTest, TheCheckpointCatchesADeletedTailAtTheNextStart) {
  Append(5);
  {
    AuditMonitor monitor(*store_, checkpoint_path_);
    (void)monitor.Start();
  }
  {
    AuditIntruder intruder(db_path_);
    intruder.DeleteFrom(4);
  }
  AuditMonitor restarted(*store_, checkpoint_path_);
  EXPECT_NE(restarted.Start().find("các mục cuối đã bị xóa"), std::string::npos);
  EXPECT_FALSE(restarted.Check().ok());
}

TEST_F(AuditMonitorTest, AWrongKeyMakesReadinessFail) {
  Append(1);
  std::unique_ptr<Store> wrong = Open(std::make_shared<const AuditKey>(AuditKey::Random()));
  AuditMonitor monitor(*wrong, checkpoint_path_);
  EXPECT_NE(monitor.Start().find("Khóa kiểm toán không khớp"), std::string::npos);
  EXPECT_EQ(monitor.Check().error().code, ErrorCode::kUnavailable);
}

TEST_F(AuditMonitorTest, AnUnreadableCheckpointIsNotIgnored) {
  Append(1);
  { std::ofstream(checkpoint_path_) << "garbage"; }
  AuditMonitor monitor(*store_, checkpoint_path_);
  (void)monitor.Start();
  EXPECT_FALSE(monitor.Check().ok());
}

}  // namespace
}  // namespace ptdv

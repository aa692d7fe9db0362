// Whole-file copies of a SQLite database (storage/database_backup.h): a copy taken while another
// thread writes is one consistent instant of the database, a damaged file is refused, and the
// database is replaced only when no other connection has it open.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "storage/audit_key.h"
#include "storage/database_backup.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/temp_directory_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class SqliteBackupTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> OpenAt(const std::string& path) {
    auto store = SqliteStore::Open(path, {.synchronous = Synchronous::kNormal}, key_);
    EXPECT_TRUE(store.ok()) << store.error().message;
    EXPECT_TRUE((*store)->Migrate().ok());
    return std::move(store).value();
  }

  // One unit and its audit entry, in one transaction: in any consistent state of the database
  // there are as many units as entries.
  static Status AddUnit(Store& store, int n) {
    PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadWrite));
    Organisation unit{.code = "U" + std::to_string(n),
                      .name = "Chi bộ " + std::to_string(n),
                      .valid_from = MakeDate(2020, 1, 1)};
    PTDV_ASSIGN_OR_RETURN(Id id, tx->Organisations().Insert(unit));
    PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = "2026-12-05T00:00:00Z",
                                             .actor = "test",
                                             .action = "organisation.create",
                                             .entity = "organisation",
                                             .entity_id = id,
                                             .org_id = id,
                                             .after = unit.code}));
    return tx->Commit();
  }

  static long Units(Store& store) {
    auto tx = store.Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto units = (*tx)->Organisations().ListValidOn(MakeDate(2026, 1, 1));
    EXPECT_TRUE(units.ok());
    return units.ok() ? static_cast<long>(units->size()) : -1;
  }

  static AuditAnchor Head(Store& store) {
    auto tx = store.Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto head = (*tx)->Audit().Head();
    EXPECT_TRUE(head.ok());
    return head.ok() ? *head : AuditAnchor{};
  }

  std::shared_ptr<const AuditKey> key_ = std::make_shared<const AuditKey>(AuditKey::Random());
  test::TempDirectory temp_{"ptdv-backup-test"};
  const fs::path& dir_ = temp_.path();
  const std::string path_ = temp_.File("ptdv.db");
};

TEST_F(SqliteBackupTest, ACopyTakenWhileAnotherThreadWritesIsOneConsistentPrefix) {
  auto store = OpenAt(path_);
  std::atomic<int> written = 0;
  std::atomic<bool> copied = false, failed = false;
  // Writes until the copy is done and ten more after it, so the copy runs amid writes.
  std::thread writer([&] {
    for (int n = 1, after = 0; after < 10; ++n) {
      if (copied) ++after;
      if (!AddUnit(*store, n).ok()) {
        failed = true;
        return;
      }
      written = n;
    }
  });
  while (written < 50 && !failed) std::this_thread::yield();
  const std::string copy = (dir_ / "copy.db").string();
  Status made = CopyDatabase(path_, copy);
  copied = true;
  writer.join();
  ASSERT_FALSE(failed);
  ASSERT_TRUE(made.ok()) << made.error().message;

  ASSERT_TRUE(CheckDatabaseIntegrity(copy).ok());
  auto backup = OpenAt(copy);
  const AuditAnchor head = Head(*backup);
  EXPECT_GE(head.entries, 50);
  EXPECT_LT(head.entries, written.load());
  EXPECT_EQ(Units(*backup), head.entries);  // units and entries from the same instant
  auto tx = backup->Begin(Access::kReadOnly);
  ASSERT_TRUE(tx.ok());
  auto verified = (*tx)->Audit().Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->message;
  // The live chain still holds the copy's last entry: the copy is a prefix of it.
  auto live = store->Begin(Access::kReadOnly);
  ASSERT_TRUE(live.ok());
  auto held = (*live)->Audit().VerifyAfter(head, 0, AnchorCount::kCheck);
  ASSERT_TRUE(held.ok());
  EXPECT_TRUE(held->intact) << held->message;
}

TEST_F(SqliteBackupTest, ACopyNeverOverwritesAFile) {
  { auto store = OpenAt(path_); }
  const std::string copy = (dir_ / "copy.db").string();
  std::ofstream(copy) << "kept";
  Status made = CopyDatabase(path_, copy);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().code, ErrorCode::kConflict);
  std::ifstream in(copy);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "kept");
}

TEST_F(SqliteBackupTest, DamageAndNonDatabasesFailTheIntegrityCheck) {
  {
    auto store = OpenAt(path_);
    for (int n = 1; n <= 200; ++n) ASSERT_TRUE(AddUnit(*store, n).ok());
  }
  const std::string copy = (dir_ / "copy.db").string();
  ASSERT_TRUE(CopyDatabase(path_, copy).ok());
  ASSERT_TRUE(CheckDatabaseIntegrity(copy).ok());
  // Every page from the second on gets its b-tree header overwritten.
  {
    std::fstream file(copy, std::ios::in | std::ios::out | std::ios::binary);
    for (std::streamoff page = 1; page * 4096 < static_cast<std::streamoff>(fs::file_size(copy));
         ++page) {
      file.seekp(page * 4096);
      file.write("\x55\x55\x55\x55\x55\x55\x55\x55", 8);
    }
  }
  Status damaged = CheckDatabaseIntegrity(copy);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().code, ErrorCode::kInvalid);

  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << std::string(8192, 'x');
  Status not_a_database = CheckDatabaseIntegrity(text);
  ASSERT_FALSE(not_a_database.ok());
  EXPECT_EQ(not_a_database.error().code, ErrorCode::kInvalid);
  EXPECT_NE(not_a_database.error().message.find("không phải cơ sở dữ liệu"), std::string::npos);

  Status missing = CheckDatabaseIntegrity((dir_ / "absent.db").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir_ / "absent.db"));
}

TEST_F(SqliteBackupTest, TheDatabaseIsReplacedOnlyWhenNoOtherConnectionHasItOpen) {
  const std::string source = (dir_ / "source.db").string();
  {
    auto older = OpenAt(source);
    for (int n = 1; n <= 3; ++n) ASSERT_TRUE(AddUnit(*older, n).ok());
  }
  auto store = OpenAt(path_);
  for (int n = 1; n <= 7; ++n) ASSERT_TRUE(AddUnit(*store, n).ok());

  Status refused = ReplaceDatabase(path_, source, milliseconds(0));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("đang được dùng"), std::string::npos);
  EXPECT_EQ(Units(*store), 7);
  store.reset();

  Status replaced = ReplaceDatabase(path_, source, milliseconds(0));
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_FALSE(fs::exists(path_ + "-wal") && fs::file_size(path_ + "-wal") > 0);
  auto reopened = OpenAt(path_);
  EXPECT_EQ(Units(*reopened), 3);
  EXPECT_EQ(Head(*reopened).entries, 3);
  EXPECT_TRUE(CheckDatabaseIntegrity(source).ok());
}

TEST_F(SqliteBackupTest, OnlySqliteFilesAreCopied) {
  Status copy = CopyDatabase("postgres://ptdv@localhost/ptdv", (dir_ / "x.db").string());
  ASSERT_FALSE(copy.ok());
  EXPECT_EQ(copy.error().code, ErrorCode::kInvalid);
  EXPECT_NE(copy.error().message.find("pg_dump"), std::string::npos);
  Status missing = CopyDatabase((dir_ / "absent.db").string(), (dir_ / "x.db").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir_ / "absent.db"));
}

}  // namespace
}  // namespace ptdv

// The keyed audit chain on SQLite against an intruder who has the database file but not the key
// (storage/sqlite/audit_intruder_test_util.h). The backend-neutral contract is
// storage/store_test.cc.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/audit_hash.h"
#include "storage/audit_key.h"
#include "storage/migrator.h"
#include "storage/sql/sql_audit_log.h"
#include "storage/sqlite/audit_intruder_test_util.h"
#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

AuditEntry Sample(int i) {
  return AuditEntry{.at = "2026-12-01T08:00:00Z",
                    .actor = "cb01.bithu",
                    .role = "cell_secretary",
                    .address = "10.0.0.5",
                    .action = fmt::format("case.step{}", i),
                    .entity = "case",
                    .entity_id = 40 + i % 3,
                    .org_id = 3,
                    .before = R"({"stage":"dossier"})",
                    .after = R"({"stage":"cell_approved"})"};
}

std::shared_ptr<const AuditKey> KeyFromByte(char byte) {
  return std::make_shared<const AuditKey>(
      AuditKey::FromFileContents(std::string(AuditKey::kBytes, byte)).value());
}

class SqliteAuditLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> Open(std::shared_ptr<const AuditKey> key) {
    auto store = OpenStore(path_, {.audit_key = std::move(key)});
    EXPECT_TRUE(store.ok()) << store.error().message;
    EXPECT_TRUE((*store)->Migrate().ok());
    return std::move(*store);
  }

  // Appends `count` entries with the right key, each in its own transaction.
  void Append(int count) {
    auto store = Open(key_);
    for (int i = 0; i < count; ++i) {
      auto tx = store->Begin(Access::kReadWrite).value();
      ASSERT_TRUE(tx->Audit().Append(Sample(i)).ok());
      ASSERT_TRUE(tx->Commit().ok());
    }
  }

  Result<AuditVerification> Verify(std::shared_ptr<const AuditKey> key) {
    auto store = Open(std::move(key));
    return store->Begin(Access::kReadOnly).value()->Audit().Verify();
  }
  Result<AuditVerification> VerifyAfter(const AuditAnchor& anchor, long max_entries) {
    auto store = Open(key_);
    return store->Begin(Access::kReadOnly)
        .value()
        ->Audit()
        .VerifyAfter(anchor, max_entries, AnchorCount::kCheck);
  }

  TempDir dir_{"ptdv-audit-test"};
  std::string path_ = dir_.File("ptdv.db");
  std::shared_ptr<const AuditKey> key_ = KeyFromByte('k');
};

TEST_F(SqliteAuditLogTest, NewEntriesAreKeyedAndVerify) {
  Append(5);
  AuditVerification check = Verify(key_).value();
  EXPECT_TRUE(check.intact) << check.message;
  EXPECT_EQ(check.entries, 5);
  EXPECT_EQ(check.head.last_id, 5);
  EXPECT_EQ(check.head.entries, 5);
  AuditIntruder look(path_);
  std::vector<AuditEntry> rows = look.Rows();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[4].hash, AuditEntryMac(*key_, rows[4]));
  EXPECT_NE(rows[4].hash, AuditEntryHash(rows[4]));
  EXPECT_EQ(check.head.hash, rows[4].hash);
}

// The intruder edits entry 3 and recomputes every later hash without the key, by each algorithm
// available to them: the legacy SHA-256, SHA-256 over the keyed serialisation, an HMAC under a
// guessed key.
TEST_F(SqliteAuditLogTest, RewriteRecomputedWithoutTheKeyIsDetected) {
  struct Attempt {
    const char* name;
    AuditIntruder::Rehash rehash;
  };
  const std::shared_ptr<const AuditKey> guessed = KeyFromByte('\0');
  const Attempt attempts[] = {
      {.name = "legacy sha-256", .rehash = [](const AuditEntry& e) { return AuditEntryHash(e); }},
      {.name = "keyed form, plain sha-256",
       .rehash = [](const AuditEntry& e) { return Sha256Hex(KeyedAuditSerialisation(e)); }},
      {.name = "hmac under a guessed key",
       .rehash = [&guessed](const AuditEntry& e) { return AuditEntryMac(*guessed, e); }},
  };
  for (const Attempt& attempt : attempts) {
    SCOPED_TRACE(attempt.name);
    std::error_code ignored;
    fs::remove(path_, ignored);
    Append(6);
    {
      AuditIntruder intruder(path_);
      intruder.Rewrite(3, R"({"stage":"admitted"})", attempt.rehash);
    }
    AuditVerification check = Verify(key_).value();
    EXPECT_FALSE(check.intact);
    EXPECT_EQ(check.first_bad_id, 3);
    EXPECT_NE(check.message.find("mục 3"), std::string::npos) << check.message;
  }
}

TEST_F(SqliteAuditLogTest, DeletedTailPassesPlainVerifyButNotTheAnchor) {
  Append(6);
  const AuditAnchor anchor = Verify(key_).value().head;
  {
    AuditIntruder intruder(path_);
    intruder.DeleteFrom(5);
  }
  AuditVerification plain = Verify(key_).value();
  EXPECT_TRUE(plain.intact) << "a shorter chain still links";
  EXPECT_EQ(plain.entries, 4);
  AuditVerification anchored = VerifyAfter(anchor, 0).value();
  EXPECT_FALSE(anchored.intact);
  EXPECT_EQ(anchored.first_bad_id, 6);
  EXPECT_NE(anchored.message.find("các mục cuối đã bị xóa"), std::string::npos) << anchored.message;
}

TEST_F(SqliteAuditLogTest, AnchorHoldsOnAnUntouchedChainAndVerifiesOnlyWhatFollows) {
  Append(4);
  const AuditAnchor anchor = Verify(key_).value().head;
  EXPECT_TRUE(VerifyAfter(anchor, 0).value().intact);
  Append(3);
  AuditVerification more = VerifyAfter(anchor, 2).value();
  EXPECT_TRUE(more.intact) << more.message;
  EXPECT_FALSE(more.complete);
  EXPECT_EQ(more.head.last_id, 6);
  EXPECT_EQ(more.entries, 6);
  AuditVerification rest = VerifyAfter(more.head, 2).value();
  EXPECT_TRUE(rest.intact);
  EXPECT_TRUE(rest.complete);
  EXPECT_EQ(rest.head.last_id, 7);
  EXPECT_EQ(rest.head.entries, 7);
}

// The intruder turns the whole chain into legacy entries (moving the cut-over and clearing the key
// check): plain verification cannot tell, an anchor taken before does.
TEST_F(SqliteAuditLogTest, DowngradeToUnkeyedIsCaughtByTheAnchor) {
  Append(5);
  const AuditAnchor anchor = Verify(key_).value().head;
  {
    AuditIntruder intruder(path_);
    intruder.Exec("UPDATE audit_keying SET keyed_from_id = 1000000, key_check = NULL");
    intruder.Rewrite(1, R"({"stage":"admitted"})",
                     [](const AuditEntry& e) { return AuditEntryHash(e); });
  }
  EXPECT_TRUE(Verify(key_).value().intact);
  AuditVerification anchored = VerifyAfter(anchor, 0).value();
  EXPECT_FALSE(anchored.intact);
  EXPECT_NE(anchored.message.find("lịch sử đã bị viết lại"), std::string::npos) << anchored.message;
  // And no new entry may be written below the moved cut-over.
  auto store = Open(key_);
  auto tx = store->Begin(Access::kReadWrite).value();
  EXPECT_EQ(tx->Audit().Append(Sample(9)).error().code, ErrorCode::kUnavailable);
}

TEST_F(SqliteAuditLogTest, ClearingTheKeyCheckIsDetected) {
  Append(3);
  {
    AuditIntruder intruder(path_);
    intruder.Exec("UPDATE audit_keying SET key_check = NULL");
  }
  AuditVerification check = Verify(key_).value();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad_id, 1);
}

TEST_F(SqliteAuditLogTest, AWrongKeyIsRefusedForVerifyingAndWriting) {
  Append(3);
  auto verified = Verify(KeyFromByte('w'));
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code, ErrorCode::kInvalid);
  EXPECT_NE(verified.error().message.find("Khóa kiểm toán không khớp"), std::string::npos);

  auto store = Open(KeyFromByte('w'));
  auto tx = store->Begin(Access::kReadWrite).value();
  EXPECT_EQ(tx->Audit().Append(Sample(7)).error().code, ErrorCode::kInvalid);
  tx.reset();
  EXPECT_EQ(Verify(key_).value().entries, 3);
}

TEST_F(SqliteAuditLogTest, TheAppendOnlyKeyingRowRefusesChanges) {
  Append(1);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_keying SET key_check = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(
      sqlite3_exec(db, "UPDATE audit_keying SET keyed_from_id = 9", nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_keying", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

// A database written before the key existed (schema 0008): its entries keep their plain SHA-256
// and still verify; entries written after the upgrade are keyed and link to them.
TEST_F(SqliteAuditLogTest, LegacyEntriesStillVerifyAfterTheUpgrade) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const std::vector<Migration> migrations = MigrationsFor("sqlite").value();
    for (const Migration& migration : migrations) {
      if (migration.version > 8) continue;
      ASSERT_EQ(sqlite3_exec(db, migration.sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
          << migration.name;
      const std::string record = fmt::format(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
          "VALUES ({}, '{}', '{}', CURRENT_TIMESTAMP)",
          migration.version, migration.name, migration.checksum);
      ASSERT_EQ(sqlite3_exec(db, record.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    }
    sqlite3_close(db);
    AuditIntruder writer(path_);  // the pre-0010 program: plain SHA-256
    std::string prev;
    for (int i = 1; i <= 3; ++i) {
      AuditEntry e = Sample(i);
      e.id = i;
      e.prev_hash = prev;
      e.hash = AuditEntryHash(e);
      prev = e.hash;
      writer.Exec(fmt::format(
          "INSERT INTO audit_log (id, logged_at, actor, role, address, action, entity, entity_id, "
          "org_id, before_json, after_json, prev_hash, hash) VALUES ({}, '{}', '{}', '{}', '{}', "
          "'{}', '{}', {}, {}, '{}', '{}', '{}', '{}')",
          e.id, e.at, e.actor, e.role, e.address, e.action, e.entity, e.entity_id, e.org_id,
          e.before, e.after, e.prev_hash, e.hash));
    }
  }
  Append(2);  // migrates to 0010: keyed from entry 4
  AuditVerification check = Verify(key_).value();
  EXPECT_TRUE(check.intact) << check.message;
  EXPECT_EQ(check.entries, 5);
  {
    AuditIntruder intruder(path_);
    std::vector<AuditEntry> rows = intruder.Rows();
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[2].hash, AuditEntryHash(rows[2]));
    EXPECT_EQ(rows[3].hash, AuditEntryMac(*key_, rows[3]));
    // Legacy entries are plain SHA-256: the intruder can recompute them, but not entry 4's HMAC
    // over the changed link.
    intruder.Rewrite(2, R"({"stage":"admitted"})", [](const AuditEntry& e) {
      return e.id < 4 ? AuditEntryHash(e) : Sha256Hex(KeyedAuditSerialisation(e));
    });
  }
  AuditVerification tampered = Verify(key_).value();
  EXPECT_FALSE(tampered.intact);
  EXPECT_EQ(tampered.first_bad_id, 4);
}

}  // namespace
}  // namespace ptdv

// SQLite-specific behaviour. The backend-neutral contract is storage/store_test.cc.

#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  // The first column of the first row of `sql` on `db`, as text.
  static std::string QueryText(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      out = text == nullptr ? "" : reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(statement);
    return out;
  }

  TempDir dir_{"ptdv-sqlite-test"};
  std::string path_ = dir_.File("ptdv.db");
};

TEST_F(SqliteStoreTest, ConnectionsAreConfiguredForDurability) {
  Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(path_, {});
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  sqlite3* db = (*connection)->handle();
  EXPECT_EQ(QueryText(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(db, "PRAGMA synchronous"), "2");  // FULL by default
  EXPECT_EQ(QueryText(db, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryText(db, "PRAGMA busy_timeout"), "5000");
  EXPECT_EQ(QueryText(db, "PRAGMA temp_store"), "2");  // MEMORY

  SqliteOptions relaxed;
  relaxed.synchronous = Synchronous::kNormal;
  relaxed.busy_timeout = std::chrono::milliseconds(250);
  Result<std::unique_ptr<SqliteConnection>> other = SqliteConnection::Open(path_, relaxed);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(QueryText((*other)->handle(), "PRAGMA synchronous"), "1");
  EXPECT_EQ(QueryText((*other)->handle(), "PRAGMA busy_timeout"), "250");
}

TEST_F(SqliteStoreTest, StatementsNeedAnOpenTransaction) {
  std::unique_ptr<SqliteConnection> connection = SqliteConnection::Open(path_, {}).value();
  Result<SqliteStatement> outside = connection->Prepare("SELECT 1");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kUnavailable);

  ASSERT_TRUE(connection->Execute("BEGIN").ok());
  EXPECT_TRUE(connection->InTransaction());
  {
    // The same SQL prepared twice at once: the second is a one-off, both work.
    Result<SqliteStatement> outer = connection->Prepare("SELECT 1 UNION ALL SELECT 2");
    ASSERT_TRUE(outer.ok());
    ASSERT_TRUE(outer->Step().value());
    Result<SqliteStatement> inner = connection->Prepare("SELECT 1 UNION ALL SELECT 2");
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(inner->Step().value());
    EXPECT_EQ(inner->Int(0), 1);
    ASSERT_TRUE(outer->Step().value());
    EXPECT_EQ(outer->Int(0), 2);
  }
  ASSERT_TRUE(connection->Execute("ROLLBACK").ok());
  EXPECT_FALSE(connection->InTransaction());
}

TEST_F(SqliteStoreTest, MalformedStoredValuesAreReportedNotGuessed) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path_).value();
  ASSERT_TRUE(store->Migrate().ok());
  std::unique_ptr<SqliteConnection> raw = SqliteConnection::Open(path_, {}).value();
  ASSERT_TRUE(raw->Execute("INSERT INTO organisation (kind, code, name, valid_from) "
                           "VALUES ('galaxy', 'X', 'x', '2020-01-01'),"
                           " ('cell', 'Y', 'y', '01/01/2020')")
                  .ok());
  std::unique_ptr<Transaction> tx = store->Begin(Access::kReadOnly).value();
  Result<Organisation> unknown_kind = tx->Organisations().GetByCode("X");
  ASSERT_FALSE(unknown_kind.ok());
  EXPECT_EQ(unknown_kind.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(unknown_kind.error().message.find("galaxy"), std::string::npos);
  Result<Organisation> bad_date = tx->Organisations().GetByCode("Y");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.error().message.find("01/01/2020"), std::string::npos);
}

TEST_F(SqliteStoreTest, DataVersionSeesAnotherConnectionsWrite) {
  // Another process (the CLI while the server runs) writes through a connection of its own.
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path_).value();
  ASSERT_TRUE(store->Migrate().ok());
  const std::uint64_t before = store->DataVersion().value();
  std::unique_ptr<SqliteConnection> raw = SqliteConnection::Open(path_, {}).value();
  ASSERT_TRUE(raw->Execute("INSERT INTO organisation (kind, code, name, valid_from) "
                           "VALUES ('city_committee', 'X', 'x', '2020-01-01')")
                  .ok());
  EXPECT_NE(store->DataVersion().value(), before);
}

TEST_F(SqliteStoreTest, SchemaHasTheAuditTriggersAndIndexes) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path_).value();
  EXPECT_EQ(store->SchemaVersion().value(), 0);
  // 0005, 0007 and 0009 are other branches'; 0018 is PostgreSQL's only.
  EXPECT_EQ(store->Migrate().value(),
            (std::vector<int>{1, 2, 3, 4, 6, 8, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22}));
  std::unique_ptr<SqliteConnection> raw = SqliteConnection::Open(path_, {}).value();
  for (const char* name : {"audit_log_no_update",
                           "audit_log_no_delete",
                           "organisation_parent_idx",
                           "person_org_idx",
                           "person_search_key_idx",
                           "membership_org_kind_idx",
                           "membership_person_idx",
                           "admission_case_cell_stage_idx",
                           "admission_case_next_deadline_idx",
                           "case_event_case_seq_idx",
                           "user_account_org_idx",
                           "user_session_user_idx",
                           "user_session_last_seen_idx",
                           "audit_log_org_id_idx",
                           "training_class_organiser_idx",
                           "class_enrolment_case_idx",
                           "admission_target_parent_idx",
                           "admission_target_year_idx",
                           "source_review_org_idx",
                           "admission_case_decision_idx",
                           "case_attachment_case_idx",
                           "person_id_number_idx",
                           "organisation_version_parent_idx",
                           "organisation_first_version",
                           "organisation_successor_idx",
                           "unit_change_seq_idx",
                           "nomination_mass_organisation_idx",
                           "case_opinion_mass_organisation_idx",
                           "candidate_link_case_idx",
                           "class_material_class_idx",
                           "quiz_question_class_idx",
                           "quiz_attempt_item_question_idx",
                           "unit_change_no_delete",
                           "case_event_changed_insert",
                           "person_changed_update",
                           "membership_changed_delete",
                           "rule_parameter_changed_update",
                           "person_name",
                           "person_name_update"}) {
    std::string sql = std::string("SELECT COUNT(*) FROM sqlite_master WHERE name = '") + name + "'";
    EXPECT_EQ(QueryText(raw->handle(), sql.c_str()), "1") << name;
  }
  for (const char* name : {"audit_keying_no_update", "audit_keying_no_delete"}) {
    std::string sql = std::string("SELECT COUNT(*) FROM sqlite_master WHERE name = '") + name + "'";
    EXPECT_EQ(QueryText(raw->handle(), sql.c_str()), "1") << name;
  }
}

TEST_F(SqliteStoreTest, SecondWriterWaitsThenGivesUp) {
  SqliteOptions options;
  options.busy_timeout = std::chrono::milliseconds(100);
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path_, options).value();
  ASSERT_TRUE(store->Migrate().ok());
  std::unique_ptr<Transaction> first = store->Begin(Access::kReadWrite).value();
  Result<std::unique_ptr<Transaction>> second = store->Begin(Access::kReadWrite);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  // Readers are not blocked by the writer.
  EXPECT_TRUE(store->Begin(Access::kReadOnly).ok());
  first.reset();
  EXPECT_TRUE(store->Begin(Access::kReadWrite).ok());
}

TEST_F(SqliteStoreTest, PoolBoundsOpenConnections) {
  SqliteOptions options;
  options.busy_timeout = std::chrono::milliseconds(50);
  options.max_connections = 2;
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path_, options).value();
  ASSERT_TRUE(store->Migrate().ok());
  std::unique_ptr<Transaction> a = store->Begin(Access::kReadOnly).value();
  std::unique_ptr<Transaction> b = store->Begin(Access::kReadOnly).value();
  Result<std::unique_ptr<Transaction>> c = store->Begin(Access::kReadOnly);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::kUnavailable);
  a.reset();
  EXPECT_TRUE(store->Begin(Access::kReadOnly).ok());
}

TEST_F(SqliteStoreTest, TransactionMayOutliveItsStore) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path_).value();
  ASSERT_TRUE(store->Migrate().ok());
  std::unique_ptr<Transaction> tx = store->Begin(Access::kReadWrite).value();
  store.reset();
  Organisation org;
  org.code = "HUE";
  org.name = "Thành ủy Huế";
  org.kind = OrgKind::kCityCommittee;
  EXPECT_TRUE(tx->Organisations().Insert(org).ok());
  EXPECT_TRUE(tx->Commit().ok());
}

}  // namespace
}  // namespace ptdv

#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "storage/case_rows.h"
#include "storage/org_snapshot.h"
#include "storage/sql/connection_pool.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_write_gate.h"
#include "storage/store.h"

namespace ptdv {

// The SQLite backend of Store: one database file in WAL mode with foreign keys on, reached
// through a small pool of connections (one per open transaction, reused).
//
// Durability: with the default Synchronous::kFull a transaction whose Commit() returned Ok
// survives kill -9 and power loss. Thread-safe.
class SqliteStore final : public Store {
 public:
  // Opens (creating if missing) the database at `path`. kUnavailable when it cannot be opened
  // or configured. Does not migrate: call Migrate(). `audit_key` keys the audit chain; null: a
  // random key of this Store's own (StoreOptions::audit_key).
  static Result<std::unique_ptr<SqliteStore>> Open(
      const std::string& path, SqliteOptions options = {},
      std::shared_ptr<const AuditKey> audit_key = nullptr);
  ~SqliteStore() override;

  // kReadWrite: BEGIN IMMEDIATE, so the write lock is taken up front and a writer never fails
  // half-way on a lock upgrade (waits up to busy_timeout, then kUnavailable).
  // kReadOnly: BEGIN (deferred): a snapshot that never blocks or is blocked by writers.
  Result<std::unique_ptr<Transaction>> Begin(Access access) override;
  // Applies migrations/sqlite/*.sql (compiled in) through RunMigrations().
  Result<std::vector<int>> Migrate() override;
  // 0 for a database never migrated.
  Result<int> SchemaVersion() override;
  // SQLite's PRAGMA data_version on a connection of its own that never writes, so that every
  // commit by any other connection, in this process or another, changes it. One statement under
  // a mutex: about a microsecond.
  Result<std::uint64_t> DataVersion() override;
  // On the same connection as DataVersion(): a range of unit_change_seq_idx (migration 0016).
  Result<std::vector<ChangedUnit>> ChangesAfter(std::int64_t after) override;

 private:
  SqliteStore(std::shared_ptr<ConnectionPool<SqliteConnection>> pool, std::string path,
              SqliteOptions options, std::shared_ptr<const AuditKey> audit_key);

  // Opens watcher_ on first use. REQUIRES: watcher_mutex_ held.
  Status OpenWatcher();

  std::shared_ptr<ConnectionPool<SqliteConnection>> pool_;
  const std::string path_;
  const SqliteOptions options_;
  const std::shared_ptr<const AuditKey> audit_key_;  // never null
  std::mutex watcher_mutex_;
  std::unique_ptr<SqliteConnection> watcher_;  // guarded by watcher_mutex_; opened on first use
  // Shared with the transactions, which may outlive the store.
  std::shared_ptr<OrgSnapshotSource> org_snapshots_;  // null unless options_.org_snapshot
  std::shared_ptr<CaseRowsSource> case_rows_;         // null when options_.case_rows is 0
  std::shared_ptr<SqliteWriteGate> write_gate_ = std::make_shared<SqliteWriteGate>();
};

}  // namespace ptdv

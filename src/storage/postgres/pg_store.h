#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "storage/case_rows.h"
#include "storage/database_url.h"
#include "storage/org_snapshot.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/connection_pool.h"
#include "storage/store.h"

namespace ptdv {

struct PgOptions {
  // Connections open at once (each transaction holds one until it ends), and how long Begin()
  // waits for a free one.
  int max_connections = kPostgresConnections;
  std::chrono::milliseconds wait{5000};
  // As SqliteOptions: the tree's copy in memory (storage/org_snapshot.h) and the case rows kept
  // for the lists (storage/case_rows.h), both kept current through ChangesAfter().
  bool org_snapshot = true;
  std::size_t case_rows = 100'000;
};

// The PostgreSQL backend of Store: the repositories of storage/sql/ on pooled libpq
// connections, for several app servers on one database.
//
// Isolation. A kReadOnly transaction is REPEATABLE READ READ ONLY: one snapshot for all its
// statements, as SQLite's read transactions. A kReadWrite transaction is READ COMMITTED and
// first locks unit_change (migration 0016) in SHARE ROW EXCLUSIVE mode, which plain reads do not
// wait for but every other writer does: writers take turns, across app servers, as SQLite's do
// with BEGIN IMMEDIATE. So the rules that count read what they write over without a race — the
// 2/3 votes of a case, its stored version, the audit chain's last entry (each entry links to
// the one before in one order) — and the change numbers commit in order.
//
// Durability: a transaction whose Commit() returned Ok was flushed by the server
// (synchronous_commit on, PostgreSQL's default). Thread-safe.
class PgStore final : public Store {
 public:
  // Connects to `url` (postgresql://…). kUnavailable when the server cannot be reached. Does not
  // migrate: call Migrate(). `audit_key` keys the audit chain; null: a random key of this
  // Store's own (StoreOptions::audit_key).
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, PgOptions options = {},
                                               std::shared_ptr<const AuditKey> audit_key = nullptr);
  ~PgStore() override;

  Result<std::unique_ptr<Transaction>> Begin(Access access) override;
  // Applies migrations/postgresql/*.sql under an advisory lock (storage/postgres/pg_migrations.h).
  Result<std::vector<int>> Migrate() override;
  Result<int> SchemaVersion() override;
  // data_version.n (migration 0018), which every committed kReadWrite transaction raises: one
  // indexed read of one row on a connection of its own, outside any transaction. Callers that
  // come while that read is under way share the next one (it begins after they came, so it
  // sees every commit made before they called): one read per round trip, however many ask.
  Result<std::uint64_t> DataVersion() override;
  // unit_change after `after`, on the same connection.
  Result<std::vector<ChangedUnit>> ChangesAfter(std::int64_t after) override;

 private:
  PgStore(std::shared_ptr<ConnectionPool<PgConnection>> pool, std::string url, PgOptions options,
          std::shared_ptr<const AuditKey> audit_key);
  // watcher_, connected again when it was lost. REQUIRES: watcher_mutex_ held.
  Result<PgConnection*> Watcher();

  std::shared_ptr<ConnectionPool<PgConnection>> pool_;
  const std::string url_;
  const PgOptions options_;
  const std::shared_ptr<const AuditKey> audit_key_;  // never null
  std::mutex watcher_mutex_;
  std::unique_ptr<PgConnection> watcher_;  // guarded by watcher_mutex_
  // Reads of data_version begun so far; written under watcher_mutex_, read before taking it.
  std::atomic<std::uint64_t> version_reads_begun_{0};
  // The last read of data_version that succeeded, and its number in version_reads_begun_.
  std::uint64_t last_version_ = 0;       // guarded by watcher_mutex_
  std::uint64_t last_version_read_ = 0;  // guarded by watcher_mutex_; 0: none yet
  // Shared with the transactions, which may outlive the store.
  std::shared_ptr<OrgSnapshotSource> org_snapshots_;  // null unless options_.org_snapshot
  std::shared_ptr<CaseRowsSource> case_rows_;         // null when options_.case_rows is 0
};

}  // namespace ptdv

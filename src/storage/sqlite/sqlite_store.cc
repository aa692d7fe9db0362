#include "storage/sqlite/sqlite_store.h"

#include "storage/audit_key.h"
#include "storage/migrator.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/sql_query.h"
#include "storage/sql/sql_transaction.h"

namespace ptdv {
namespace {

constexpr const char* kBeginImmediate = "BEGIN IMMEDIATE";
constexpr const char* kBeginDeferred = "BEGIN";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";

// The runner's bookkeeping table. migrations/sqlite/0001_init.sql declares the same table:
// change both together.
constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  checksum TEXT NOT NULL,"
    "  applied_at TEXT NOT NULL)";
constexpr std::string_view kSelectApplied =
    "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
    "VALUES (?, ?, ?, CURRENT_TIMESTAMP)";
constexpr std::string_view kSchemaMigrationsExists =
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

constexpr std::string_view kBackend = "sqlite";

class SqliteMigrationSession final : public MigrationSession {
 public:
  explicit SqliteMigrationSession(SqliteConnection& connection) : connection_(connection) {}

  Status BeginExclusive() override { return connection_.Execute(kBeginImmediate); }

  Result<std::vector<AppliedMigration>> Applied() override {
    PTDV_RETURN_IF_ERROR(connection_.Execute(kCreateSchemaMigrations));
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kSelectApplied));
    return ReadAll(statement, [](SqliteRow& row) {
      AppliedMigration applied;
      row.Read(applied.version, applied.checksum);
      return applied;
    });
  }

  Status Execute(const Migration& migration) override { return connection_.Execute(migration.sql); }

  Status Record(const Migration& migration) override {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_.Prepare(kInsertApplied));
    return statement.Bind(migration.version, migration.name, migration.checksum).Run();
  }

  Status Commit() override {
    Status committed = connection_.Execute(kCommit);
    if (!committed.ok()) Rollback();
    return committed;
  }

  void Rollback() override {
    if (connection_.InTransaction()) (void)connection_.Execute(kRollback);
  }

 private:
  SqliteConnection& connection_;
};

}  // namespace

SqliteStore::SqliteStore(std::shared_ptr<ConnectionPool<SqliteConnection>> pool, std::string path,
                         SqliteOptions options, std::shared_ptr<const AuditKey> audit_key)
    : pool_(std::move(pool)),
      path_(std::move(path)),
      options_(options),
      audit_key_(std::move(audit_key)),
      org_snapshots_(options_.org_snapshot ? std::make_shared<OrgSnapshotSource>() : nullptr),
      case_rows_(options_.case_rows > 0 ? std::make_shared<CaseRowsSource>(options_.case_rows)
                                        : nullptr) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       SqliteOptions options,
                                                       std::shared_ptr<const AuditKey> audit_key) {
  PTDV_ASSIGN_OR_RETURN(std::shared_ptr<ConnectionPool<SqliteConnection>> pool,
                        ConnectionPool<SqliteConnection>::Open(
                            [path, options] { return SqliteConnection::Open(path, options); },
                            options.max_connections, options.busy_timeout));
  if (audit_key == nullptr) audit_key = std::make_shared<const AuditKey>(AuditKey::Random());
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(pool), path, options, std::move(audit_key)));
}

Result<std::unique_ptr<Transaction>> SqliteStore::Begin(Access access) {
  // A writer waits for its turn before it takes a connection (sqlite_write_gate.h).
  std::optional<SqliteWriteGate::Pass> pass =
      access == Access::kReadWrite ? SqliteWriteGate::Enter(write_gate_, options_.busy_timeout)
                                   : std::nullopt;
  if (access == Access::kReadWrite && !pass) {
    return Error::Unavailable("Cơ sở dữ liệu đang bận, vui lòng thử lại sau giây lát");
  }
  PTDV_ASSIGN_OR_RETURN(ConnectionPool<SqliteConnection>::Lease lease, pool_->Acquire());
  PTDV_RETURN_IF_ERROR(lease->Run(access == Access::kReadWrite ? kBeginImmediate : kBeginDeferred));
  TransactionHooks hooks;
  if (pass) hooks.turn = std::make_shared<SqliteWriteGate::Pass>(std::move(*pass));
  return std::unique_ptr<Transaction>(new SqlTransaction<SqliteConnection>(
      std::move(hooks), std::move(lease), *audit_key_, org_snapshots_, case_rows_, access));
}

Result<std::vector<int>> SqliteStore::Migrate() {
  PTDV_ASSIGN_OR_RETURN(std::vector<Migration> migrations, MigrationsFor(kBackend));
  PTDV_ASSIGN_OR_RETURN(ConnectionPool<SqliteConnection>::Lease lease, pool_->Acquire());
  SqliteMigrationSession session(*lease);
  return RunMigrations(session, migrations);
}

Result<int> SqliteStore::SchemaVersion() {
  PTDV_ASSIGN_OR_RETURN(ConnectionPool<SqliteConnection>::Lease lease, pool_->Acquire());
  PTDV_RETURN_IF_ERROR(lease->Run(kBeginDeferred));
  {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement exists, lease->Prepare(kSchemaMigrationsExists));
    PTDV_ASSIGN_OR_RETURN(bool found, exists.Step());
    if (!found) return 0;  // the lease rolls the read transaction back
  }
  PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, lease->Prepare(kMaxVersion));
  PTDV_ASSIGN_OR_RETURN(std::int64_t version, ReadInt(statement));
  return static_cast<int>(version);
}

Status SqliteStore::OpenWatcher() {
  if (!watcher_) {
    PTDV_ASSIGN_OR_RETURN(watcher_, SqliteConnection::Open(path_, options_));
  }
  return Ok();
}

Result<std::uint64_t> SqliteStore::DataVersion() {
  std::lock_guard lock(watcher_mutex_);
  PTDV_RETURN_IF_ERROR(OpenWatcher());
  return watcher_->DataVersion();
}

Result<std::vector<ChangedUnit>> SqliteStore::ChangesAfter(std::int64_t after) {
  static constexpr std::string_view kChangesAfter =
      "SELECT org_id, seq FROM unit_change WHERE seq > ? ORDER BY seq";
  std::lock_guard lock(watcher_mutex_);
  PTDV_RETURN_IF_ERROR(OpenWatcher());
  // A read transaction for the statement, ended before the next DataVersion().
  PTDV_RETURN_IF_ERROR(watcher_->Run(kBeginDeferred));
  Result<std::vector<ChangedUnit>> changes = [&]() -> Result<std::vector<ChangedUnit>> {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, watcher_->Prepare(kChangesAfter, after));
    return ReadAll(statement, [](SqliteRow& row) {
      ChangedUnit change;
      row.Read(change.org_id, change.seq);
      return change;
    });
  }();
  Status ended = watcher_->Run(changes.ok() ? kCommit : kRollback);
  if (!changes.ok()) return changes;
  PTDV_RETURN_IF_ERROR(ended);
  return changes;
}

}  // namespace ptdv

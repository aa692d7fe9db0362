#include "storage/postgres/pg_store.h"

#include "storage/audit_key.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/sql/sql_transaction.h"

namespace ptdv {
namespace {

// The turn of writers (PgStore's isolation): taken before the transaction's first statement.
constexpr std::string_view kBeginWrite = "BEGIN ISOLATION LEVEL READ COMMITTED";
constexpr std::string_view kWritersTakeTurns = "LOCK TABLE unit_change IN SHARE ROW EXCLUSIVE MODE";
constexpr std::string_view kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr std::string_view kRaiseDataVersion = "UPDATE data_version SET n = n + 1";
constexpr std::string_view kDataVersion = "SELECT n FROM data_version";
constexpr std::string_view kChangesAfter =
    "SELECT org_id, seq FROM unit_change WHERE seq > $1 ORDER BY seq";

}  // namespace

PgStore::PgStore(std::shared_ptr<ConnectionPool<PgConnection>> pool, std::string url,
                 PgOptions options, std::shared_ptr<const AuditKey> audit_key)
    : pool_(std::move(pool)),
      url_(std::move(url)),
      options_(options),
      audit_key_(std::move(audit_key)),
      org_snapshots_(options_.org_snapshot ? std::make_shared<OrgSnapshotSource>() : nullptr),
      case_rows_(options_.case_rows > 0 ? std::make_shared<CaseRowsSource>(options_.case_rows)
                                        : nullptr) {}

PgStore::~PgStore() = default;

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, PgOptions options,
                                               std::shared_ptr<const AuditKey> audit_key) {
  PTDV_ASSIGN_OR_RETURN(
      std::shared_ptr<ConnectionPool<PgConnection>> pool,
      ConnectionPool<PgConnection>::Open([url] { return PgConnection::Open(url); },
                                         options.max_connections, options.wait));
  if (audit_key == nullptr) audit_key = std::make_shared<const AuditKey>(AuditKey::Random());
  return std::unique_ptr<PgStore>(new PgStore(std::move(pool), url, options, std::move(audit_key)));
}

Result<std::unique_ptr<Transaction>> PgStore::Begin(Access access) {
  PTDV_ASSIGN_OR_RETURN(ConnectionPool<PgConnection>::Lease lease, pool_->Acquire());
  TransactionHooks hooks;
  if (access == Access::kReadWrite) {
    PTDV_RETURN_IF_ERROR(lease->Run(kBeginWrite));
    PTDV_RETURN_IF_ERROR(lease->Run(kWritersTakeTurns));
    hooks.before_commit = kRaiseDataVersion;
  } else {
    PTDV_RETURN_IF_ERROR(lease->Run(kBeginRead));
  }
  return std::unique_ptr<Transaction>(new SqlTransaction<PgConnection>(
      std::move(hooks), std::move(lease), *audit_key_, org_snapshots_, case_rows_, access));
}

Result<std::vector<int>> PgStore::Migrate() {
  PTDV_ASSIGN_OR_RETURN(ConnectionPool<PgConnection>::Lease lease, pool_->Acquire());
  return MigratePostgres(*lease);
}

Result<int> PgStore::SchemaVersion() {
  PTDV_ASSIGN_OR_RETURN(ConnectionPool<PgConnection>::Lease lease, pool_->Acquire());
  return PostgresSchemaVersion(*lease);
}

Result<PgConnection*> PgStore::Watcher() {
  if (watcher_ == nullptr || !watcher_->Healthy()) {
    watcher_.reset();
    PTDV_ASSIGN_OR_RETURN(watcher_, PgConnection::Open(url_));
  }
  return watcher_.get();
}

Result<std::uint64_t> PgStore::DataVersion() {
  // Reads numbered above `came` began after this call did.
  const std::uint64_t came = version_reads_begun_.load(std::memory_order_acquire);
  std::lock_guard lock(watcher_mutex_);
  if (last_version_read_ > came) return last_version_;
  const std::uint64_t read = version_reads_begun_.fetch_add(1, std::memory_order_acq_rel) + 1;
  PTDV_ASSIGN_OR_RETURN(PgConnection * watcher, Watcher());
  PTDV_ASSIGN_OR_RETURN(PgResult result, watcher->Query(kDataVersion));
  if (result.rows() != 1) {
    return Error::Unavailable("Cơ sở dữ liệu chưa được cập nhật cấu trúc (thiếu data_version)");
  }
  PTDV_ASSIGN_OR_RETURN(std::int64_t version, result.Int(0, 0));
  last_version_ = static_cast<std::uint64_t>(version);
  last_version_read_ = read;
  return last_version_;
}

Result<std::vector<ChangedUnit>> PgStore::ChangesAfter(std::int64_t after) {
  std::lock_guard lock(watcher_mutex_);
  PTDV_ASSIGN_OR_RETURN(PgConnection * watcher, Watcher());
  PTDV_ASSIGN_OR_RETURN(PgResult result, watcher->Query(kChangesAfter, {std::to_string(after)}));
  std::vector<ChangedUnit> changes;
  changes.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    PTDV_ASSIGN_OR_RETURN(std::int64_t org_id, result.Int(row, 0));
    PTDV_ASSIGN_OR_RETURN(std::int64_t seq, result.Int(row, 1));
    changes.push_back(ChangedUnit{.org_id = org_id, .seq = seq});
  }
  return changes;
}

}  // namespace ptdv

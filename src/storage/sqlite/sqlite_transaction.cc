#include "storage/sqlite/sqlite_transaction.h"

#include <cassert>

namespace ptdv {
namespace {

constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
constexpr const char* kSavepoint = "SAVEPOINT ptdv_unit";
constexpr const char* kRollbackToSavepoint = "ROLLBACK TO ptdv_unit";
constexpr const char* kReleaseSavepoint = "RELEASE ptdv_unit";

}  // namespace

SqliteTransaction::SqliteTransaction(std::optional<SqliteWriteGate::Pass> pass,
                                     SqliteConnectionPool::Lease lease, const AuditKey& audit_key,
                                     std::shared_ptr<OrgSnapshotSource> org_snapshots,
                                     std::shared_ptr<CaseRowsSource> case_rows, Access access)
    : pass_(std::move(pass)),
      org_snapshots_(std::move(org_snapshots)),
      case_rows_(std::move(case_rows)),
      lease_(std::move(lease)),
      organisation_rows_(*lease_),
      organisations_(organisation_rows_, organisation_rows_, org_snapshots_.get(), access),
      people_(*lease_),
      memberships_(*lease_),
      case_rows_of_(*lease_),
      cases_(case_rows_of_, case_rows_of_, case_rows_.get(), access),
      calendar_(*lease_),
      rule_sets_(*lease_),
      audit_(*lease_, audit_key),
      users_(*lease_),
      sessions_(*lease_),
      classes_(*lease_),
      targets_(*lease_),
      source_reviews_(*lease_),
      reports_(*lease_),
      attachments_(*lease_) {}

SqliteTransaction::~SqliteTransaction() {
  if (!finished_ && lease_->InTransaction()) (void)lease_->Run(kRollback);
  // An unsuccessful rollback is handled by the pool, which drops the connection.
}

Status SqliteTransaction::Commit() {
  assert(!finished_);
  finished_ = true;
  if (!lease_->InTransaction()) {
    // SQLite already rolled back by itself after an earlier error (I/O, disk full, ...).
    return Error::Unavailable(
        "Giao dịch cơ sở dữ liệu đã bị hủy do lỗi trước đó; không có gì được ghi");
  }
  Status committed = lease_->Run(kCommit);
  if (!committed.ok() && lease_->InTransaction()) (void)lease_->Run(kRollback);
  pass_.reset();  // the next writer's turn
  return committed;
}

Status SqliteTransaction::Savepoint() {
  // Outside a transaction SAVEPOINT would open one of its own, which nothing would commit.
  if (finished_ || !lease_->InTransaction()) {
    return Error::Unavailable(
        "Giao dịch cơ sở dữ liệu đã kết thúc hoặc bị hủy do lỗi trước đó; không có gì được ghi");
  }
  return lease_->Run(kSavepoint);
}

Status SqliteTransaction::RollbackToSavepoint() {
  PTDV_RETURN_IF_ERROR(lease_->Run(kRollbackToSavepoint));
  // ROLLBACK TO keeps the savepoint open: release it, the writes since it undone.
  return lease_->Run(kReleaseSavepoint);
}

Status SqliteTransaction::ReleaseSavepoint() { return lease_->Run(kReleaseSavepoint); }

}  // namespace ptdv

#pragma once

#include "storage/sql/sql_attachment_repository.h"
#include "storage/sql/sql_audit_log.h"
#include "storage/sql/sql_calendar_repository.h"
#include "storage/sql/sql_case_repository.h"
#include "storage/sql/sql_class_repository.h"
#include "storage/sql/sql_membership_repository.h"
#include "storage/sql/sql_organisation_repository.h"
#include "storage/sql/sql_person_repository.h"
#include "storage/sql/sql_report_repository.h"
#include "storage/sql/sql_rule_set_repository.h"
#include "storage/sql/sql_session_repository.h"
#include "storage/sql/sql_source_review_repository.h"
#include "storage/sql/sql_target_repository.h"
#include "storage/sql/sql_user_repository.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_connection_pool.h"
#include "storage/sqlite/sqlite_write_gate.h"
#include "storage/store.h"

namespace ptdv {

// A transaction on a pooled connection. The connection goes back to the pool when the
// transaction is destroyed, rolled back first unless Commit() succeeded.
class SqliteTransaction final : public Transaction {
 public:
  // REQUIRES: BEGIN has run on the leased connection (as `access` says); `audit_key` and
  // `org_snapshots` and `case_rows` (null: none) are shared with the store.
  // `pass`: the writer's turn (sqlite_write_gate.h), held until the transaction ends.
  SqliteTransaction(std::optional<SqliteWriteGate::Pass> pass, SqliteConnectionPool::Lease lease,
                    const AuditKey& audit_key, std::shared_ptr<OrgSnapshotSource> org_snapshots,
                    std::shared_ptr<CaseRowsSource> case_rows, Access access);
  ~SqliteTransaction() override;

  OrganisationRepository& Organisations() override { return organisations_; }
  PersonRepository& People() override { return people_; }
  MembershipRepository& Memberships() override { return memberships_; }
  CaseRepository& Cases() override { return cases_; }
  CalendarRepository& Calendar() override { return calendar_; }
  RuleSetRepository& RuleSets() override { return rule_sets_; }
  AuditLog& Audit() override { return audit_; }
  UserRepository& Users() override { return users_; }
  SessionRepository& Sessions() override { return sessions_; }
  ClassRepository& Classes() override { return classes_; }
  TargetRepository& Targets() override { return targets_; }
  SourceReviewRepository& SourceReviews() override { return source_reviews_; }
  ReportRepository& Reports() override { return reports_; }
  AttachmentRepository& Attachments() override { return attachments_; }

  // With synchronous=FULL the WAL is fsynced before this returns Ok. On failure the transaction
  // is rolled back. After Commit() (either outcome) the repositories refuse further work
  // (kUnavailable). REQUIRES: called at most once.
  Status Commit() override;
  Status Savepoint() override;
  Status RollbackToSavepoint() override;
  Status ReleaseSavepoint() override;

 private:
  // Left after the connection is back in the pool (members are destroyed in reverse order).
  std::optional<SqliteWriteGate::Pass> pass_;
  std::shared_ptr<OrgSnapshotSource> org_snapshots_;  // null: none
  std::shared_ptr<CaseRowsSource> case_rows_;         // null: none
  SqliteConnectionPool::Lease lease_;                 // before the repositories: they refer to it
  bool finished_ = false;
  SqlOrganisationRepository<SqliteConnection> organisation_rows_;
  SnapshotOrganisationRepository organisations_;  // over organisation_rows_
  SqlPersonRepository<SqliteConnection> people_;
  SqlMembershipRepository<SqliteConnection> memberships_;
  SqlCaseRepository<SqliteConnection> case_rows_of_;
  RowCachingCaseRepository cases_;  // over case_rows_of_
  SqlCalendarRepository<SqliteConnection> calendar_;
  SqlRuleSetRepository<SqliteConnection> rule_sets_;
  SqlAuditLog<SqliteConnection> audit_;
  SqlUserRepository<SqliteConnection> users_;
  SqlSessionRepository<SqliteConnection> sessions_;
  SqlClassRepository<SqliteConnection> classes_;
  SqlTargetRepository<SqliteConnection> targets_;
  SqlSourceReviewRepository<SqliteConnection> source_reviews_;
  SqlReportRepository<SqliteConnection> reports_;
  SqlAttachmentRepository<SqliteConnection> attachments_;
};

}  // namespace ptdv

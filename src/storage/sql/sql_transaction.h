#pragma once

#include <cassert>
#include <memory>
#include <string_view>
#include <utility>

#include "storage/case_rows.h"
#include "storage/org_snapshot.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/sql_attachment_repository.h"
#include "storage/sql/sql_audit_log.h"
#include "storage/sql/sql_calendar_repository.h"
#include "storage/sql/sql_candidate_link_repository.h"
#include "storage/sql/sql_case_repository.h"
#include "storage/sql/sql_class_repository.h"
#include "storage/sql/sql_digest_subscription_repository.h"
#include "storage/sql/sql_mass_organisation_repository.h"
#include "storage/sql/sql_membership_repository.h"
#include "storage/sql/sql_online_class_repository.h"
#include "storage/sql/sql_organisation_repository.h"
#include "storage/sql/sql_person_repository.h"
#include "storage/sql/sql_report_repository.h"
#include "storage/sql/sql_rule_set_repository.h"
#include "storage/sql/sql_session_repository.h"
#include "storage/sql/sql_source_review_repository.h"
#include "storage/sql/sql_target_repository.h"
#include "storage/sql/sql_user_repository.h"
#include "storage/store.h"

namespace ptdv {

// What a backend adds to its transactions: `turn`, whatever orders the writers (SQLite's write
// gate pass; null: nothing), released when the transaction commits or ends; `before_commit`, one
// statement run just before the COMMIT of a kReadWrite transaction (empty: none).
struct TransactionHooks {
  std::shared_ptr<void> turn;
  std::string_view before_commit;
};

// A transaction on a pooled connection of backend `Db`. The connection goes back to the pool
// when the transaction is destroyed, rolled back first unless Commit() succeeded.
template <typename Db>
class SqlTransaction final : public Transaction {
 public:
  // REQUIRES: BEGIN has run on the leased connection (as `access` says); `audit_key` and
  // `org_snapshots` and `case_rows` (null: none) are shared with the store.
  SqlTransaction(TransactionHooks hooks, typename ConnectionPool<Db>::Lease lease,
                 const AuditKey& audit_key, std::shared_ptr<OrgSnapshotSource> org_snapshots,
                 std::shared_ptr<CaseRowsSource> case_rows, Access access)
      : hooks_(std::move(hooks)),
        access_(access),
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
        attachments_(*lease_),
        mass_organisations_(*lease_),
        candidate_links_(*lease_),
        online_classes_(*lease_),
        digest_subscriptions_(*lease_) {}

  ~SqlTransaction() override {
    if (!finished_ && lease_->InTransaction()) (void)lease_->Run(kRollback);
    // An unsuccessful rollback is handled by the pool, which drops the connection.
  }

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
  MassOrganisationRepository& MassOrganisations() override { return mass_organisations_; }
  CandidateLinkRepository& CandidateLinks() override { return candidate_links_; }
  OnlineClassRepository& OnlineClasses() override { return online_classes_; }
  DigestSubscriptionRepository& DigestSubscriptions() override { return digest_subscriptions_; }

  // Durable when it returns Ok (SQLite with synchronous=FULL fsyncs the WAL first; PostgreSQL
  // with synchronous_commit on, its default, flushes its WAL). On failure the transaction is
  // rolled back. After Commit() (either outcome) the repositories refuse further work
  // (kUnavailable). REQUIRES: called at most once.
  Status Commit() override {
    assert(!finished_);
    finished_ = true;
    if (!lease_->InTransaction()) {
      // The database already rolled back by itself after an earlier error (I/O, disk full, ...).
      return Error::Unavailable(
          "Giao dịch cơ sở dữ liệu đã bị hủy do lỗi trước đó; không có gì được ghi");
    }
    Status committed = Ok();
    if (access_ == Access::kReadWrite && !hooks_.before_commit.empty()) {
      committed = lease_->Run(hooks_.before_commit);
    }
    if (committed.ok()) committed = lease_->Run(kCommit);
    if (!committed.ok() && lease_->InTransaction()) (void)lease_->Run(kRollback);
    hooks_.turn.reset();  // the next writer's turn
    return committed;
  }

  Status Savepoint() override {
    // Outside a transaction SAVEPOINT would open one of its own, which nothing would commit.
    if (finished_ || !lease_->InTransaction()) {
      return Error::Unavailable(
          "Giao dịch cơ sở dữ liệu đã kết thúc hoặc bị hủy do lỗi trước đó; không có gì được ghi");
    }
    return lease_->Run(kSavepoint);
  }

  Status RollbackToSavepoint() override {
    PTDV_RETURN_IF_ERROR(lease_->Run(kRollbackToSavepoint));
    // ROLLBACK TO keeps the savepoint open: release it, the writes since it undone.
    return lease_->Run(kReleaseSavepoint);
  }

  Status ReleaseSavepoint() override { return lease_->Run(kReleaseSavepoint); }

 private:
  static constexpr std::string_view kCommit = "COMMIT";
  static constexpr std::string_view kRollback = "ROLLBACK";
  static constexpr std::string_view kSavepoint = "SAVEPOINT ptdv_unit";
  static constexpr std::string_view kRollbackToSavepoint = "ROLLBACK TO ptdv_unit";
  static constexpr std::string_view kReleaseSavepoint = "RELEASE ptdv_unit";

  // Left after the connection is back in the pool (members are destroyed in reverse order).
  TransactionHooks hooks_;
  const Access access_;
  std::shared_ptr<OrgSnapshotSource> org_snapshots_;  // null: none
  std::shared_ptr<CaseRowsSource> case_rows_;         // null: none
  typename ConnectionPool<Db>::Lease lease_;          // before the repositories: they refer to it
  bool finished_ = false;
  SqlOrganisationRepository<Db> organisation_rows_;
  SnapshotOrganisationRepository organisations_;  // over organisation_rows_
  SqlPersonRepository<Db> people_;
  SqlMembershipRepository<Db> memberships_;
  SqlCaseRepository<Db> case_rows_of_;
  RowCachingCaseRepository cases_;  // over case_rows_of_
  SqlCalendarRepository<Db> calendar_;
  SqlRuleSetRepository<Db> rule_sets_;
  SqlAuditLog<Db> audit_;
  SqlUserRepository<Db> users_;
  SqlSessionRepository<Db> sessions_;
  SqlClassRepository<Db> classes_;
  SqlTargetRepository<Db> targets_;
  SqlSourceReviewRepository<Db> source_reviews_;
  SqlReportRepository<Db> reports_;
  SqlAttachmentRepository<Db> attachments_;
  SqlMassOrganisationRepository<Db> mass_organisations_;
  SqlCandidateLinkRepository<Db> candidate_links_;
  SqlOnlineClassRepository<Db> online_classes_;
  SqlDigestSubscriptionRepository<Db> digest_subscriptions_;
};

}  // namespace ptdv

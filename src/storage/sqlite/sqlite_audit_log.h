#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// AuditLog on an open SQLite transaction. Hashes come from storage/audit_hash.h. The table is
// append-only: this class has no update or delete, and triggers in the schema reject both.
class SqliteAuditLog final : public AuditLog {
 public:
  explicit SqliteAuditLog(SqliteConnection& connection) : connection_(connection) {}

  // REQUIRES: a kReadWrite transaction (its write lock orders the chain: the entry gets the
  // next id and links to the current last entry). The caller's id / prev_hash / hash are
  // ignored.
  Result<Id> Append(AuditEntry entry) override;
  Result<std::vector<AuditEntry>> ListForEntity(const std::string& entity, Id id) override;
  // `org_ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<AuditEntry>> ListForOrganisations(const std::vector<Id>& org_ids,
                                                       std::optional<Id> before,
                                                       int limit) override;
  // Streams the whole chain in id order (constant memory), recomputing every hash. Reports the
  // first entry whose link or hash does not match. Removing the newest entries leaves a shorter
  // chain that still verifies: compare `entries` with an external record to catch that.
  Result<AuditVerification> Verify() override;

 private:
  SqliteConnection& connection_;
};

}  // namespace ptdv

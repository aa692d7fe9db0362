#pragma once

#include "storage/store.h"

namespace ptdv {

class AuditKey;

// AuditLog on an open transaction of a `Db` connection (storage/sql/sql_query.h). Hashes come from
// storage/audit_hash.h: entries from audit_keying.keyed_from_id on are HMAC-SHA-256 under `key`,
// earlier (pre-0010) ones plain SHA-256. The table is append-only: this class has no update or
// delete, and triggers in the schema reject both.
template <typename Db>
class SqlAuditLog final : public AuditLog {
 public:
  // `connection` and `key` must outlive this object.
  SqlAuditLog(Db& connection, const AuditKey& key) : connection_(connection), key_(key) {}

  // REQUIRES: a kReadWrite transaction (its write lock orders the chain: the entry gets the
  // next id and links to the current last entry). The caller's id / prev_hash / hash are
  // ignored. The first keyed entry also records audit_keying.key_check. kInvalid when the key
  // check recorded is not this key's; kUnavailable when audit_keying is missing or would make the
  // new entry unkeyed (both only after tampering).
  Result<Id> Append(AuditEntry entry) override;
  Result<std::vector<AuditEntry>> ListForEntity(const std::string& entity, Id id) override;
  // `org_ids` travel through the IdSet::kFilter temp table.
  Result<std::vector<AuditEntry>> ListForOrganisations(const std::vector<Id>& org_ids,
                                                       std::optional<Id> before,
                                                       int limit) override;
  // Streams the chain in id order (constant memory), recomputing every hash. Reports the
  // first entry whose link or hash does not match. Removing the newest entries leaves a shorter
  // chain that still verifies: VerifyAfter() with an anchor taken earlier catches that.
  Result<AuditVerification> Verify() override;
  // The anchor check costs one lookup, plus with kCheck a COUNT over the ids up to it.
  Result<AuditVerification> VerifyAfter(const AuditAnchor& from, long max_entries,
                                        AnchorCount count) override;
  Result<AuditAnchor> Head() override;

 private:
  Db& connection_;
  const AuditKey& key_;
};

}  // namespace ptdv

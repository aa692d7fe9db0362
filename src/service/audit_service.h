#pragma once

// Reading the audit trail (GET /api/v1/audit), scoped like everything else: a user sees the
// entries of the organisations of their subtree and of the cases kept there.

#include <optional>
#include <vector>

#include "service/actor.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv {

// The chain checked by VerifyChain(): `anchor_held` is false when the chain no longer holds the
// anchor given (the tail was deleted or history rewritten), and `verification` is then that
// check's result; otherwise `verification` is the whole chain's.
struct ChainCheck {
  bool anchor_held = true;
  AuditVerification verification;
};

// Thread-safe if the Store is.
class AuditService {
 public:
  // `store` and `clock` must outlive the service.
  AuditService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Every entry about the case, oldest first. kForbidden without Permission::kReadAudit or
  // when the case's cell lies outside the actor's scope; kNotFound for an unknown case.
  Result<std::vector<AuditEntry>> CaseTrail(const Actor& actor, Id case_id);

  // One page of the trail of `org_id`'s subtree (as of today; the unit alone once it has ended):
  // the entries on those units, the people they keep, their cases and accounts — every entry
  // whose org_id lies there — with id below `before` (all when none), newest first, at most
  // `limit` (clamped to 1..500). Errors as CaseTrail.
  Result<std::vector<AuditEntry>> OrganisationTrail(const Actor& actor, Id org_id,
                                                    std::optional<Id> before, int limit);
  // The same for the unit `which` names; errors as ChosenOrganisation besides.
  Result<std::vector<AuditEntry>> OrganisationTrail(const Actor& actor, const OrgChoice& which,
                                                    std::optional<Id> before, int limit);

  // Every entry about one object (`entity` as in AuditEntry::entity), oldest first, unscoped:
  // kForbidden for an actor with a scope (only the system actor of the command line may read
  // it) or without Permission::kReadAudit.
  Result<std::vector<AuditEntry>> EntityTrail(const Actor& actor, const std::string& entity,
                                              Id id);

  // The whole chain verified (storage/store.h AuditLog::Verify), first checked against `anchor`
  // when one is given, in one read transaction. A chain that fails is a result, not an error.
  // Errors as EntityTrail, and kInvalid when the store's key is not the chain's.
  Result<ChainCheck> VerifyChain(const Actor& actor, const std::optional<AuditAnchor>& anchor);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace ptdv

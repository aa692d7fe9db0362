#include "service/audit_service.h"

#include <algorithm>

namespace ptdv {

Result<std::vector<AuditEntry>> AuditService::CaseTrail(const Actor& actor, Id case_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAudit));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(CaseInScope(*tx, actor, case_id));
  return tx->Audit().ListForEntity("case", case_id);
}

Result<std::vector<AuditEntry>> AuditService::OrganisationTrail(const Actor& actor, Id org_id,
                                                                std::optional<Id> before,
                                                                int limit) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAudit));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> ids,
                        tx->Organisations().SubtreeIds(org_id, clock_.Today()));
  if (ids.empty()) ids.push_back(org_id);  // a unit that has ended: its own entries
  return tx->Audit().ListForOrganisations(ids, before, std::clamp(limit, 1, 500));
}

Result<std::vector<AuditEntry>> AuditService::OrganisationTrail(const Actor& actor,
                                                                const OrgChoice& which,
                                                                std::optional<Id> before,
                                                                int limit) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return OrganisationTrail(actor, org.id, before, limit);
}

}  // namespace ptdv

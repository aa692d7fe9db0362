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

namespace {

Status AuthoriseWholeTrail(const Actor& actor) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadAudit));
  if (actor.scope_root) return Error::Forbidden("Chỉ quản trị cấp cao nhất được đọc toàn bộ nhật ký");
  return Ok();
}

}  // namespace

Result<std::vector<AuditEntry>> AuditService::EntityTrail(const Actor& actor,
                                                          const std::string& entity, Id id) {
  PTDV_RETURN_IF_ERROR(AuthoriseWholeTrail(actor));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  return tx->Audit().ListForEntity(entity, id);
}

Result<ChainCheck> AuditService::VerifyChain(const Actor& actor,
                                             const std::optional<AuditAnchor>& anchor) {
  PTDV_RETURN_IF_ERROR(AuthoriseWholeTrail(actor));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  if (anchor) {
    PTDV_ASSIGN_OR_RETURN(AuditVerification held,
                          tx->Audit().VerifyAfter(*anchor, 0, AnchorCount::kCheck));
    if (!held.intact) return ChainCheck{.anchor_held = false, .verification = std::move(held)};
  }
  PTDV_ASSIGN_OR_RETURN(AuditVerification whole, tx->Audit().Verify());
  return ChainCheck{.verification = std::move(whole)};
}

Result<std::vector<AuditEntry>> AuditService::OrganisationTrail(const Actor& actor,
                                                                const OrgChoice& which,
                                                                std::optional<Id> before,
                                                                int limit) {
  PTDV_ASSIGN_OR_RETURN(Organisation org, ChosenOrganisation(store_, actor, which));
  return OrganisationTrail(actor, org.id, before, limit);
}

}  // namespace ptdv

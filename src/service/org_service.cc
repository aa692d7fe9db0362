#include "service/org_service.h"

#include <fmt/format.h>

#include "service/json_codec.h"

namespace ptdv {

Result<Id> OrgService::CreateOrganisation(const Actor& actor, Organisation org) {
  if (org.code.empty()) return Error::Invalid("Cần nhập mã đơn vị", "code");
  if (org.name.empty()) return Error::Invalid("Cần nhập tên đơn vị", "name");
  if (org.valid_to && *org.valid_to < org.valid_from) {
    return Error::Invalid("Ngày hết hiệu lực trước ngày có hiệu lực", "valid_to");
  }
  if (org.committee_member_count < 0) {
    return Error::Invalid("Số cấp ủy viên không được âm", "committee_member_count");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  if (org.parent_id) {
    PTDV_ASSIGN_OR_RETURN(Organisation parent, tx->Organisations().Get(*org.parent_id));
    if (HoldsMembers(parent.kind)) {
      return Error::Invalid(fmt::format("Không thể đặt đơn vị dưới chi bộ «{}»", parent.name),
                            "parent");
    }
    PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, parent.id));
  } else {
    if (actor.scope_root) return Error::Forbidden("Chỉ quản trị cấp cao nhất được tạo đơn vị gốc");
    if (org.kind == OrgKind::kCell) return Error::Invalid("Chi bộ phải có đơn vị cấp trên", "parent");
  }
  PTDV_ASSIGN_OR_RETURN(org.id, tx->Organisations().Insert(org));
  PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock_.NowIso(),
                                           .actor = actor.login,
                                           .role = actor.role,
                                           .address = actor.address,
                                           .action = "organisation.create",
                                           .entity = "organisation",
                                           .entity_id = org.id,
                                           .org_id = org.id,
                                           .after = ToJson(org)}));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return org.id;
}

Result<Id> OrgService::AddMembership(const Actor& actor, Membership membership) {
  if (membership.valid_to && *membership.valid_to < membership.valid_from) {
    return Error::Invalid("Ngày kết thúc trước ngày bắt đầu", "valid_to");
  }
  if (membership.valid_from > clock_.Today()) {
    return Error::Invalid("Ngày bắt đầu ở tương lai", "valid_from");
  }
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation org, tx->Organisations().Get(membership.org_id));
  if (!HoldsMembers(org.kind)) {
    return Error::Invalid(fmt::format("«{}» không phải là chi bộ", org.name), "org");
  }
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org.id));
  PTDV_RETURN_IF_ERROR(tx->People().Get(membership.person_id));
  PTDV_ASSIGN_OR_RETURN(auto existing, tx->Memberships().ListForPerson(membership.person_id));
  for (const auto& m : existing) {
    bool overlaps = (!m.valid_to || membership.valid_from <= *m.valid_to) &&
                    (!membership.valid_to || m.valid_from <= *membership.valid_to);
    if (overlaps) {
      return Error::Invalid(fmt::format("Người này đã có sinh hoạt đảng từ {} trùng thời gian",
                                        FormatVnDate(m.valid_from)),
                            "valid_from");
    }
  }
  PTDV_ASSIGN_OR_RETURN(membership.id, tx->Memberships().Insert(membership));
  PTDV_RETURN_IF_ERROR(tx->Audit().Append({.at = clock_.NowIso(),
                                           .actor = actor.login,
                                           .role = actor.role,
                                           .address = actor.address,
                                           .action = "membership.create",
                                           .entity = "membership",
                                           .entity_id = membership.id,
                                           .org_id = org.id,
                                           .after = ToJson(membership)}));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return membership.id;
}

Result<std::vector<MemberRow>> OrgService::Members(const Actor& actor, Id org_id, Date on) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(tx->Organisations().Get(org_id));
  PTDV_RETURN_IF_ERROR(AuthoriseScope(*tx, actor, org_id));
  PTDV_ASSIGN_OR_RETURN(auto ids, tx->Memberships().OfficialMembers(org_id, on));
  PTDV_ASSIGN_OR_RETURN(auto people, tx->People().GetMany(ids));
  std::vector<MemberRow> rows;
  for (auto& p : people) {
    // A cell holds tens of members: one membership look-up each is cheap.
    PTDV_ASSIGN_OR_RETURN(auto m, tx->Memberships().ValidOn(p.id, on));
    if (m) rows.push_back({std::move(p), *m});
  }
  return rows;
}

}  // namespace ptdv

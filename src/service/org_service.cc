#include "service/org_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "service/json_codec.h"

namespace ptdv {
namespace {

// The units of the subtree of `root` (every unit when none) valid on `on`, parents before
// children, with member counts summed bottom-up.
Result<std::vector<OrgTreeRow>> SubtreeRows(Transaction& tx, std::optional<Id> root, Date on) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> all, tx.Organisations().ListValidOn(on));
  std::vector<OrgTreeRow> rows;
  if (root) {
    PTDV_ASSIGN_OR_RETURN(std::vector<Id> ids, tx.Organisations().SubtreeIds(*root, on));
    std::unordered_set<Id> in_subtree(ids.begin(), ids.end());
    for (Organisation& org : all) {
      if (in_subtree.contains(org.id)) rows.push_back({.org = std::move(org)});
    }
  } else {
    for (Organisation& org : all) rows.push_back({.org = std::move(org)});
  }
  std::vector<Id> ids;
  std::unordered_map<Id, std::size_t> index;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ids.push_back(rows[i].org.id);
    index[rows[i].org.id] = i;
  }
  PTDV_ASSIGN_OR_RETURN(std::vector<MemberCount> counts,
                        tx.Memberships().CountByOrganisation(ids, on));
  for (const MemberCount& count : counts) {
    rows[index.at(count.org_id)].official_members = count.official;
    rows[index.at(count.org_id)].probationary_members = count.probationary;
  }
  // Parents come before children, so walking backwards adds each finished unit to its parent.
  for (std::size_t i = rows.size(); i-- > 0;) {
    const OrgTreeRow& row = rows[i];
    if (!row.org.parent_id) continue;
    auto parent = index.find(*row.org.parent_id);
    if (parent == index.end()) continue;  // the subtree's root
    rows[parent->second].official_members += row.official_members;
    rows[parent->second].probationary_members += row.probationary_members;
  }
  return rows;
}

}  // namespace

Result<Organisation> ChosenOrganisation(Transaction& tx, const Actor& actor,
                                        const OrgChoice& which) {
  Result<Organisation> org =
      which.code ? OrganisationInScope(tx, actor, *which.code)
      : actor.scope_root
          ? OrganisationInScope(tx, actor, *actor.scope_root)
          : Result<Organisation>(Error::Invalid("Cần chọn đơn vị (org)", which.field));
  if (which.code && !org.ok() && org.error().code == ErrorCode::kNotFound) {
    Error e = org.error();
    e.field = which.field;
    return e;
  }
  return org;
}

Result<Organisation> ChosenOrganisation(Store& store, const Actor& actor, const OrgChoice& which) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  return ChosenOrganisation(*tx, actor, which);
}

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
    PTDV_ASSIGN_OR_RETURN(Organisation parent, OrganisationInScope(*tx, actor, *org.parent_id));
    if (HoldsMembers(parent.kind)) {
      return Error::Invalid(fmt::format("Không thể đặt đơn vị dưới chi bộ «{}»", parent.name),
                            "parent");
    }
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
  PTDV_ASSIGN_OR_RETURN(Organisation org, OrganisationInScope(*tx, actor, membership.org_id));
  PTDV_RETURN_IF_ERROR(PersonInScope(*tx, actor, membership.person_id));
  if (!HoldsMembers(org.kind)) {
    return Error::Invalid(fmt::format("«{}» không phải là chi bộ", org.name), "org");
  }
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

Result<Organisation> OrgService::FindByCodeOrId(const Actor& actor, std::string_view code,
                                                std::optional<Id> id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  auto by_code = OrganisationInScope(*tx, actor, code);
  if (by_code.ok() || by_code.error().code != ErrorCode::kNotFound) return by_code;
  if (id) {
    auto by_id = OrganisationInScope(*tx, actor, *id);
    if (by_id.ok() || by_id.error().code != ErrorCode::kNotFound) return by_id;
  }
  return Error::NotFound(fmt::format("Không tìm thấy đơn vị «{}»", code));
}

Result<Organisation> OrgService::Get(const Actor& actor, Id org_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  return OrganisationInScope(*tx, actor, org_id);
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

Result<std::vector<OrgTreeRow>> OrgService::Tree(const Actor& actor, Date on) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  return SubtreeRows(*tx, actor.scope_root, on);
}

Result<OrgUnitView> OrgService::Unit(const Actor& actor, const std::string& code, Date on) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_ASSIGN_OR_RETURN(Organisation org, OrganisationInScope(*tx, actor, code));
  OrgUnitView view{.unit = {.org = org}};
  if (!org.ValidOn(on)) return view;
  PTDV_ASSIGN_OR_RETURN(std::vector<OrgTreeRow> rows, SubtreeRows(*tx, org.id, on));
  for (OrgTreeRow& row : rows) {
    if (row.org.id == org.id) {
      view.unit = std::move(row);
    } else if (row.org.parent_id == org.id) {
      view.children.push_back(std::move(row));
    }
  }
  std::sort(view.children.begin(), view.children.end(),
            [](const OrgTreeRow& a, const OrgTreeRow& b) { return a.org.code < b.org.code; });
  return view;
}

}  // namespace ptdv

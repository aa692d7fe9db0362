// The administration of the organisation tree (service/org_service.h): founding a unit, changing
// it from a date, dissolving it into a successor.

#include <fmt/format.h>

#include <algorithm>

#include "domain/date.h"
#include "domain/role.h"
#include "domain/text.h"
#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "service/json_codec.h"
#include "service/org_service.h"

namespace ptdv {
namespace {

bool IsCode(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// The unit `code` of the actor's scope, below the actor's own unit unless `own_allowed`.
Result<Organisation> ManagedUnit(Transaction& tx, const Actor& actor, const std::string& code,
                                 bool own_allowed, std::string_view field = "code") {
  PTDV_ASSIGN_OR_RETURN(Organisation unit, UnitInScope(tx, actor, code, field));
  if (!own_allowed && actor.scope_root && unit.id == *actor.scope_root) {
    return Error::Invalid("Không thể chuyển hay giải thể chính đơn vị của tài khoản đang dùng",
                          std::string(field));
  }
  return unit;
}

// The parent `code` for a unit of `kind` existing on `on`.
Result<Organisation> ParentFor(Transaction& tx, const Actor& actor, const std::string& code,
                               OrgKind kind, Date on) {
  PTDV_ASSIGN_OR_RETURN(Organisation parent, ManagedUnit(tx, actor, code, true, "parent"));
  if (!MayHold(parent.kind, kind)) {
    return Error::Invalid(fmt::format("Không thể đặt {} trực thuộc «{}» ({})", OrgKindLabel(kind),
                                      parent.name, OrgKindLabel(parent.kind)),
                          "parent");
  }
  if (!parent.ValidOn(on)) {
    return Error::Invalid(fmt::format("Ngày {} đơn vị «{}» chưa thành lập hoặc đã giải thể",
                                      FormatVnDate(on), parent.name),
                          "parent");
  }
  return parent;
}

// The start of the unit's latest version: a change takes effect after it.
Result<Date> LatestChange(Transaction& tx, Id unit_id) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Organisation> history, tx.Organisations().History(unit_id));
  return history.back().valid_from;
}

Status CheckEffective(Transaction& tx, const Organisation& unit, Date effective) {
  PTDV_ASSIGN_OR_RETURN(Date latest, LatestChange(tx, unit.id));
  if (effective <= unit.valid_from) {
    return Error::Invalid(fmt::format("Ngày hiệu lực phải sau ngày thành lập đơn vị ({})",
                                      FormatVnDate(unit.valid_from)),
                          "effective");
  }
  if (effective <= latest) {
    return Error::Invalid(
        fmt::format("Ngày hiệu lực phải sau lần thay đổi trước ({})", FormatVnDate(latest)),
        "effective");
  }
  if (unit.valid_to && effective > *unit.valid_to) {
    return Error::Invalid(fmt::format("Đơn vị đã giải thể từ {}",
                                      FormatVnDate(*unit.valid_to + std::chrono::days(1))),
                          "effective");
  }
  return Ok();
}

// Whether `id` lies in the subtree of `root` on `on`.
Result<bool> InSubtree(Transaction& tx, Id root, Id id, Date on) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Id> ids, tx.Organisations().SubtreeIds(root, on));
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

Result<Organisation> UnitInScope(Transaction& tx, const Actor& actor, const std::string& code,
                                 std::string_view field) {
  auto unit = OrganisationInScope(tx, actor, code);
  if (!unit.ok() && unit.error().code == ErrorCode::kNotFound) {
    Error e = Error::NotFound(fmt::format("Không tìm thấy đơn vị «{}»", code));
    e.field = std::string(field);
    return e;
  }
  return unit;
}

bool UnitMoves::Empty() const {
  return units == 0 && people == 0 && official_members == 0 && probationary_members == 0 &&
         accounts == 0 && open_cases.empty();
}

bool MayHold(OrgKind parent, OrgKind child) {
  switch (parent) {
    case OrgKind::kProvincialCommittee:
      return child == OrgKind::kCityCommittee || child == OrgKind::kGrassrootsCommittee ||
             child == OrgKind::kGrassrootsCell || child == OrgKind::kPoliticalCentre ||
             child == OrgKind::kOrganisationBoard;
    case OrgKind::kCityCommittee:
      return child == OrgKind::kGrassrootsCommittee || child == OrgKind::kGrassrootsCell ||
             child == OrgKind::kPoliticalCentre || child == OrgKind::kOrganisationBoard;
    case OrgKind::kGrassrootsCommittee:
      return child == OrgKind::kIntermediateCommittee || child == OrgKind::kCell;
    case OrgKind::kIntermediateCommittee:
      return child == OrgKind::kCell;
    default:
      return false;
  }
}

Result<Organisation> FoundUnit(Transaction& tx, const Actor& actor, const NewUnit& unit,
                               const std::string& at) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  if (!IsCode(unit.code)) {
    return Error::Invalid("Mã đơn vị chỉ gồm chữ không dấu, chữ số và dấu gạch ngang", "code");
  }
  Organisation org{.kind = unit.kind,
                   .code = unit.code,
                   .name = std::string(Trim(unit.name)),
                   .authorised_to_admit = unit.authorised_to_admit,
                   .committee_member_count = unit.committee_member_count,
                   .valid_from = unit.valid_from};
  if (org.name.empty()) return Error::Invalid("Cần nhập tên đơn vị", "name");
  if (org.committee_member_count < 0) {
    return Error::Invalid("Số cấp ủy viên không được âm", "committee_member_count");
  }
  if (org.authorised_to_admit && org.kind != OrgKind::kGrassrootsCommittee) {
    return Error::Invalid("Chỉ đảng bộ cơ sở được ủy quyền kết nạp đảng viên (S12)",
                          "authorised_to_admit");
  }
  if (!unit.parent) return Error::Invalid("Cần chọn đơn vị cấp trên", "parent");
  PTDV_ASSIGN_OR_RETURN(Organisation parent,
                        ParentFor(tx, actor, *unit.parent, org.kind, org.valid_from));
  org.parent_id = parent.id;
  if (tx.Organisations().GetByCode(org.code).ok()) {
    Error taken = Error::Conflict(fmt::format("Mã đơn vị «{}» đã có", org.code));
    taken.field = "code";
    return taken;
  }
  PTDV_ASSIGN_OR_RETURN(org.id, tx.Organisations().Insert(org));
  PTDV_RETURN_IF_ERROR(AppendAudit(tx, actor, at, "organisation.create",
                                   {.entity = "organisation", .id = org.id, .org_id = org.id}, "",
                                   ToJson(org)));
  return org;
}

Result<Organisation> OrgService::AddUnit(const Actor& actor, const NewUnit& unit) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation org,
                        FoundUnit(*tx, actor, unit, FormatTimestamp(clock_.Now())));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return org;
}

Result<Organisation> OrgService::ChangeUnit(const Actor& actor, const std::string& code,
                                            const UnitChange& change) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kManageOrganisations));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(Organisation before, ManagedUnit(*tx, actor, code, !change.parent));
  PTDV_RETURN_IF_ERROR(CheckEffective(*tx, before, change.effective));
  Organisation after = before;
  if (change.name) {
    after.name = std::string(Trim(*change.name));
    if (after.name.empty()) return Error::Invalid("Cần nhập tên đơn vị", "name");
  }
  if (change.committee_member_count) {
    if (*change.committee_member_count < 0) {
      return Error::Invalid("Số cấp ủy viên không được âm", "committee_member_count");
    }
    after.committee_member_count = *change.committee_member_count;
  }
  if (change.authorised_to_admit) {
    if (*change.authorised_to_admit && after.kind != OrgKind::kGrassrootsCommittee) {
      return Error::Invalid("Chỉ đảng bộ cơ sở được ủy quyền kết nạp đảng viên (S12)",
                            "authorised_to_admit");
    }
    after.authorised_to_admit = *change.authorised_to_admit;
  }
  if (change.parent) {
    // A cycle first: it is the reason, whatever the kinds.
    PTDV_ASSIGN_OR_RETURN(Organisation above,
                          ManagedUnit(*tx, actor, *change.parent, true, "parent"));
    PTDV_ASSIGN_OR_RETURN(bool below, InSubtree(*tx, before.id, above.id, change.effective));
    if (below) {
      return Error::Invalid(
          fmt::format("Không thể chuyển «{}» về dưới «{}», đơn vị trực thuộc chính nó", before.name,
                      above.name),
          "parent");
    }
    PTDV_ASSIGN_OR_RETURN(Organisation parent,
                          ParentFor(*tx, actor, *change.parent, after.kind, change.effective));
    after.parent_id = parent.id;
  }
  if (after.name == before.name && after.parent_id == before.parent_id &&
      after.committee_member_count == before.committee_member_count &&
      after.authorised_to_admit == before.authorised_to_admit) {
    return Error::Invalid("Không có thông tin nào thay đổi");
  }
  PTDV_RETURN_IF_ERROR(tx->Organisations().ChangeFrom(after, change.effective));
  const std::string image = fmt::format(R"({{"effective":"{}","organisation":{}}})",
                                        FormatIsoDate(change.effective), ToJson(after));
  PTDV_RETURN_IF_ERROR(AppendAudit(*tx, actor, FormatTimestamp(clock_.Now()), "organisation.change",
                                   {.entity = "organisation", .id = after.id, .org_id = after.id},
                                   ToJson(before), image));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return after;
}

}  // namespace ptdv

#include "domain/mass_organisation.h"

#include <algorithm>
#include <array>

#include "domain/enum_table.h"

namespace ptdv {
namespace {

constexpr std::array<EnumEntry<MassOrgKind>, 7> kMassOrgKinds{{
    {MassOrgKind::kFatherlandFront, "fatherland_front", "Ủy ban Mặt trận Tổ quốc"},
    {MassOrgKind::kYouthUnion, "youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"},
    {MassOrgKind::kWomensUnion, "womens_union", "Hội Liên hiệp Phụ nữ"},
    {MassOrgKind::kTradeUnion, "trade_union", "Công đoàn"},
    {MassOrgKind::kVeterans, "veterans", "Hội Cựu chiến binh"},
    {MassOrgKind::kFarmersUnion, "farmers_union", "Hội Nông dân"},
    {MassOrgKind::kMilitiaCommand, "militia_command", "Ban Chỉ huy quân sự"},
}};

constexpr std::array<EnumEntry<NominationStatus>, 3> kNominationStatuses{{
    {NominationStatus::kWaiting, "waiting", "Chờ xem xét"},
    {NominationStatus::kAccepted, "accepted", "Đã tiếp nhận vào nguồn"},
    {NominationStatus::kDeclined, "declined", "Không tiếp nhận"},
}};

constexpr std::array<EnumEntry<OpinionKind>, 2> kOpinionKinds{{
    {OpinionKind::kOpinion, "opinion", "Ý kiến nhận xét"},
    {OpinionKind::kUnionResolution, "union_resolution",
     "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng"},
}};

}  // namespace

std::string_view MassOrgKindCode(MassOrgKind kind) { return EnumCode(kMassOrgKinds, kind); }
std::optional<MassOrgKind> MassOrgKindFromCode(std::string_view code) {
  return EnumFromCode(kMassOrgKinds, code);
}
std::string_view MassOrgKindLabel(MassOrgKind kind) { return EnumLabel(kMassOrgKinds, kind); }

std::string_view NominationStatusCode(NominationStatus status) {
  return EnumCode(kNominationStatuses, status);
}
std::optional<NominationStatus> NominationStatusFromCode(std::string_view code) {
  return EnumFromCode(kNominationStatuses, code);
}
std::string_view NominationStatusLabel(NominationStatus status) {
  return EnumLabel(kNominationStatuses, status);
}

std::string_view OpinionKindCode(OpinionKind kind) { return EnumCode(kOpinionKinds, kind); }
std::optional<OpinionKind> OpinionKindFromCode(std::string_view code) {
  return EnumFromCode(kOpinionKinds, code);
}
std::string_view OpinionKindLabel(OpinionKind kind) { return EnumLabel(kOpinionKinds, kind); }

std::optional<std::string_view> OpinionKindForm(OpinionKind kind) {
  if (kind == OpinionKind::kUnionResolution) return "4-KNĐ";
  return std::nullopt;
}

bool MayGive(MassOrgKind org_kind, OpinionKind kind) {
  if (kind == OpinionKind::kOpinion) return true;
  // R4: the grassroots Youth Union (or trade union) committee introduces by resolution.
  return org_kind == MassOrgKind::kYouthUnion || org_kind == MassOrgKind::kTradeUnion;
}

std::string_view OpinionReasonLabel(OpinionReason reason) {
  switch (reason) {
    case OpinionReason::kNominated:
      return "Tổ chức đã giới thiệu người này vào nguồn";
    case OpinionReason::kYouthUnionMember:
      return "Là đoàn viên";
    case OpinionReason::kTradeUnionMember:
      return "Là công đoàn viên";
    case OpinionReason::kMilitia:
      return "Là dân quân";
  }
  return {};
}

std::vector<ExpectedOpinion> ExpectedOpinions(const std::vector<MassOrganisation>& organisations,
                                              const Person& person, SourceCategory category,
                                              std::optional<Id> nominated_by) {
  std::vector<ExpectedOpinion> out;
  for (const MassOrganisation& org : organisations) {
    std::optional<OpinionReason> reason;
    if (nominated_by == org.id) {
      reason = OpinionReason::kNominated;
    } else if (org.kind == MassOrgKind::kYouthUnion && person.youth_union_member) {
      reason = OpinionReason::kYouthUnionMember;
    } else if (org.kind == MassOrgKind::kTradeUnion && person.trade_union_member) {
      reason = OpinionReason::kTradeUnionMember;
    } else if (org.kind == MassOrgKind::kMilitiaCommand && category == SourceCategory::kMilitia) {
      reason = OpinionReason::kMilitia;
    }
    if (!reason) continue;
    // S7: the opinion of each organisation where the applicant is active.
    out.push_back(
        {.mass_organisation_id = org.id, .kind = OpinionKind::kOpinion, .reason = *reason});
    // S6 / R4: a Youth Union member is introduced by the Youth Union's resolution (4-KNĐ).
    if (org.kind == MassOrgKind::kYouthUnion && person.youth_union_member) {
      out.push_back({.mass_organisation_id = org.id,
                     .kind = OpinionKind::kUnionResolution,
                     .reason = OpinionReason::kYouthUnionMember});
    }
  }
  return out;
}

bool OpenToOpinions(Stage stage) { return stage == Stage::kDossier; }

bool BecameMember(Stage stage) {
  switch (stage) {
    case Stage::kAdmitted:
    case Stage::kProbation:
    case Stage::kRecognitionCellApproved:
    case Stage::kRecognitionIntermediateAppraised:
    case Stage::kRecognitionGrassrootsApproved:
    case Stage::kOfficial:
      return true;
    default:
      return false;
  }
}

}  // namespace ptdv
